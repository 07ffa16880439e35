#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

// Kusto's scalar semantics over JSON values: how values turn into text, compare, match and
// group. Null (a missing property) follows Kusto's null rules.
namespace Fluxdeck::Sandbox::Kql {

// tostring(): strings as they are, null as "", numbers in shortest form, arrays and objects as
// compact JSON.
QString toText(const QJsonValue &value);

// isempty(): null or "" (an empty array or object is not empty).
bool isEmptyValue(const QJsonValue &value);

// == and =~: nullopt when both sides are null (bool(null) in Kusto), false when only one is.
// Numbers compare numerically, booleans as booleans, anything else as text.
std::optional<bool> valuesEqual(const QJsonValue &left, const QJsonValue &right, Qt::CaseSensitivity cs);

// <, <=, >, >=: numbers numerically, other values as text (ordinal); nullopt when either is null.
std::optional<int> compareValues(const QJsonValue &left, const QJsonValue &right);

// has: term is found at term boundaries (a term is a run of letters and digits), so
// 'microsoft.kubernetes/connectedclusters' has 'kubernetes' but not 'kube'.
bool hasTerm(QStringView text, QStringView term, Qt::CaseSensitivity cs);

// A predicate's result: true, false, or nullopt for null (which where treats as false).
std::optional<bool> toPredicate(const QJsonValue &value);

QJsonValue toLongValue(const QJsonValue &value);    // tolong(), toint()
QJsonValue toDoubleValue(const QJsonValue &value);  // todouble(), toreal()
QJsonValue toBoolValue(const QJsonValue &value);    // tobool()

// A text key that is equal exactly when two values are the same value of the same kind, for
// grouping (summarize, distinct, dcount).
QString groupKey(const QJsonValue &value);

} // namespace Fluxdeck::Sandbox::Kql
