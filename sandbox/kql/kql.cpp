#include "kql/kql.h"

#include "kql/binder.h"
#include "kql/executor.h"
#include "kql/parser.h"

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox::Kql {

std::expected<ResultTable, QueryError> runTable(QStringView text, const TableLookup &tables)
{
    std::expected<Query, QueryError> query = parse(text);
    if (!query)
        return std::unexpected(query.error());

    const std::optional<QJsonArray> table = tables ? tables(query->table.toLower()) : std::nullopt;
    if (!table) {
        return std::unexpected(QueryError{u"Unknown table '"_s % query->table % u"' at position "_s
                                              % QString::number(query->tablePosition) % u'.',
                                          {}, query->tablePosition, QueryError::Kind::UnknownTable});
    }

    const std::expected<Schema, QueryError> schema = bind(*query, resourceGraphSchema());
    if (!schema)
        return std::unexpected(schema.error());

    ResultTable result;
    for (const Column &column : *schema)
        result.columns.append(column.name);
    result.rows = execute(*query, *table);
    return result;
}

std::expected<QJsonArray, QueryError> run(QStringView query, const TableLookup &tables)
{
    return runTable(query, tables).transform([](ResultTable &&result) { return std::move(result.rows); });
}

} // namespace Fluxdeck::Sandbox::Kql
