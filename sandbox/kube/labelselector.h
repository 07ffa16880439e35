#pragma once

#include "error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Fluxdeck::Sandbox {

// A Kubernetes label selector as list and watch take it in ?labelSelector=:
// "app=web,tier!=db", "env in (prod,staging)", "env notin (dev)", "release", "!canary".
class LabelSelector final
{
public:
    enum class Operator { Equals, NotEquals, In, NotIn, Exists, DoesNotExist };
    struct Requirement
    {
        QString key;
        Operator op = Operator::Exists;
        QStringList values;
    };

    static Domain::Result<LabelSelector> parse(const QString &text);

    bool isEmpty() const { return m_requirements.isEmpty(); }
    bool matches(const QJsonObject &labels) const;

private:
    QList<Requirement> m_requirements;
};

} // namespace Fluxdeck::Sandbox
