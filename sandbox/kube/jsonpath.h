#pragma once

#include "error.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace Fluxdeck::Sandbox {

// The JSONPath subset that additionalPrinterColumns use: ".spec.url", ".status.conditions[0]",
// ".items[*].name", `.status.conditions[?(@.type=="Ready")].status` (== and != against a
// string, number or boolean, or just "@.field" for presence), with or without "{…}" and "$".
class JsonPath final
{
public:
    static Domain::Result<JsonPath> parse(const QString &expression);

    QList<QJsonValue> evaluate(const QJsonValue &root) const;
    QJsonValue first(const QJsonValue &root) const;   // undefined when nothing matches

private:
    struct Step
    {
        enum class Kind { Field, Index, Wildcard, Filter } kind = Kind::Field;
        QString name;
        int index = 0;
        QStringList filterPath;    // the "@.a.b" part of a filter
        QString filterOperator;    // "==", "!=" or empty for presence
        QJsonValue filterValue;
    };
    QList<QJsonValue> evaluate(const QJsonValue &root, qsizetype from, qsizetype to) const;
    QJsonValue firstFrom(const QJsonValue &value, qsizetype stepIndex) const;

    QList<Step> m_steps;
};

} // namespace Fluxdeck::Sandbox
