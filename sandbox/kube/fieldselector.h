#pragma once

#include "error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Fluxdeck::Sandbox {

struct KubeResourceType;

// A field selector as list and watch take it in ?fieldSelector=: "metadata.name=x",
// "metadata.namespace!=kube-system". Every kind knows metadata.name and metadata.namespace;
// a few kinds know more, as their Kubernetes registries do (pods: spec.nodeName, status.phase;
// events: involvedObject.*, reason, type; secrets: type).
class FieldSelector final
{
public:
    static Domain::Result<FieldSelector> parse(const QString &text, const KubeResourceType &type);

    bool isEmpty() const { return m_terms.isEmpty(); }
    bool matches(const QJsonObject &object) const;
    // The one name "metadata.name=x" asks for, when that is what it does (a fast path for single-object watches).
    QString exactName() const;

private:
    struct Term
    {
        QStringList path;
        bool equals = true;
        QString value;
    };
    QList<Term> m_terms;
};

} // namespace Fluxdeck::Sandbox
