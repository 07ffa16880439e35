#pragma once

#include "kql/queryerror.h"

#include <QJsonArray>
#include <QStringList>
#include <QStringView>

#include <expected>
#include <functional>
#include <optional>

// The sandbox's Azure Resource Graph query language: a KQL subset evaluated over ARM resources
// held as JSON objects. README.md in this folder lists what is supported and how it behaves.
namespace Fluxdeck::Sandbox::Kql {

// The rows of a Resource Graph table ('resources', 'kubernetesconfigurationresources', ...),
// or nullopt when there is no such table. Table names are case-insensitive in Resource Graph,
// so the engine always asks in lower case.
using TableLookup = std::function<std::optional<QJsonArray>(const QString &tableName)>;

// A query's result: rows as JSON objects (Resource Graph's "objectArray" format) and the
// column names in their KQL order, which QJsonObject's sorted keys cannot keep.
struct ResultTable
{
    QStringList columns;
    QJsonArray rows;
};

std::expected<QJsonArray, QueryError> run(QStringView query, const TableLookup &tables);
std::expected<ResultTable, QueryError> runTable(QStringView query, const TableLookup &tables);

} // namespace Fluxdeck::Sandbox::Kql
