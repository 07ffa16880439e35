#pragma once

#include "kql/ast.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

#include <optional>

namespace Fluxdeck::Sandbox::Kql {

// A row on its way through the operators: the table's JSON object as read, and the values that
// operators computed. Adding a cell is cheap where inserting into the QJsonObject would copy it;
// the executor writes the output object once, at the end.
struct Row
{
    QJsonObject source;
    QList<QJsonValue> cells;
};

// Evaluates a bound scalar expression against one row. Missing values come back as null, never
// undefined; a string column reads as "" when absent, since Kusto strings are never null.
QJsonValue evaluate(const Expression &expression, const Row &row);

// A bound predicate's outcome: true, false, or nullopt for null (where keeps only true).
std::optional<bool> evaluatePredicate(const Expression &expression, const Row &row);

// A value as a column of the given type holds it: strings are text, nothing is undefined.
QJsonValue storedValue(const QJsonValue &value, Type type);

} // namespace Fluxdeck::Sandbox::Kql
