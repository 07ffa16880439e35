#include "kql/executor.h"

#include "kql/evaluator.h"
#include "kql/value.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox::Kql {

namespace {

using Rows = QList<Row>;

// The columns after an operator, and the object keys that are no longer columns.
struct Shape
{
    const Schema *schema;
    const QStringList *hiddenSourceKeys;
};

// Writes rows as JSON objects for a shape. A row that only passed through where, sort or take
// is its table object unchanged; otherwise the object loses its hidden keys and gains the
// computed and renamed columns.
class Writer
{
public:
    explicit Writer(const Shape &shape)
        : m_hidden(*shape.hiddenSourceKeys)
    {
        for (const Column &column : *shape.schema) {
            if (column.slot >= 0 || m_hidden.contains(column.sourceName))
                m_written.append(column);
        }
    }

    QJsonObject write(const Row &row) const
    {
        QJsonObject object = row.source;
        for (const QString &key : m_hidden)
            object.remove(key);
        for (const Column &column : m_written) {
            object.insert(column.name, column.slot >= 0
                                           ? row.cells.at(column.slot)
                                           : storedValue(row.source.value(column.sourceName), column.type));
        }
        return object;
    }

private:
    QStringList m_hidden;
    QList<Column> m_written;
};

// Several values as one hash key; the length prefix keeps ("a", "bc") apart from ("ab", "c").
void appendKey(QString &key, const QJsonValue &value)
{
    const QString part = groupKey(value);
    key += QString::number(part.size()) % u':' % part;
}

// Rows made of fresh cells only (project, summarize, distinct, count): the object is dropped.
Row cellsOnly(QList<QJsonValue> cells)
{
    return {QJsonObject(), std::move(cells)};
}

void where(const Operator &op, Rows &rows)
{
    Rows kept;
    kept.reserve(rows.size());
    for (Row &row : rows) {
        if (evaluatePredicate(*op.predicate, row) == true)
            kept.append(std::move(row));
    }
    rows = std::move(kept);
}

void project(const Operator &op, Rows &rows)
{
    for (Row &row : rows) {
        QList<QJsonValue> cells;
        cells.reserve(op.output.size());
        for (qsizetype i = 0; i < op.output.size(); ++i)
            cells.append(storedValue(evaluate(*op.columns[i].expression, row), op.output.at(i).type));
        row = cellsOnly(std::move(cells));
    }
}

void extend(const Operator &op, Rows &rows)
{
    for (Row &row : rows) {
        for (const NamedExpression &named : op.columns)
            row.cells.append(storedValue(evaluate(*named.expression, row), named.expression->type));
    }
}

struct Accumulator
{
    qint64 count = 0;
    QSet<QString> distinct;  // dcount
};

struct Group
{
    QList<QJsonValue> keys;
    QList<Accumulator> accumulators;
};

void summarize(const Operator &op, Rows &rows)
{
    QList<Group> groups;
    QHash<QString, qsizetype> groupIndex;
    const auto aggregations = qsizetype(op.columns.size());
    // Without 'by', Kusto answers one row even for no input: count_ = 0.
    if (op.groupBy.empty())
        groups.append({{}, QList<Accumulator>(aggregations)});

    // Reused for every row: most rows join an existing group and need no allocation of their own.
    QList<QJsonValue> keys;
    QString hashKey;
    for (const Row &row : std::as_const(rows)) {
        qsizetype index = 0;
        if (!op.groupBy.empty()) {
            keys.clear();
            for (const NamedExpression &key : op.groupBy)
                keys.append(storedValue(evaluate(*key.expression, row), key.expression->type));
            if (keys.size() == 1) {
                hashKey = groupKey(keys.front());
            } else {
                hashKey.clear();
                for (const QJsonValue &key : std::as_const(keys))
                    appendKey(hashKey, key);
            }
            const auto found = groupIndex.constFind(hashKey);
            if (found != groupIndex.constEnd()) {
                index = *found;
            } else {
                index = groups.size();
                groupIndex.insert(hashKey, index);
                groups.append({keys, QList<Accumulator>(aggregations)});
            }
        }
        Group &group = groups[index];
        for (qsizetype i = 0; i < aggregations; ++i) {
            const Expression &call = *op.columns[i].expression;
            Accumulator &accumulator = group.accumulators[i];
            switch (call.function) {
            case Function::Count:
                ++accumulator.count;
                break;
            case Function::CountIf:
                if (evaluatePredicate(*call.operands[0], row) == true)
                    ++accumulator.count;
                break;
            case Function::DCount: {
                const QJsonValue value = evaluate(*call.operands[0], row);
                if (!value.isNull())  // dcount ignores nulls, as Kusto's aggregations do
                    accumulator.distinct.insert(groupKey(value));
                break;
            }
            default:
                break;
            }
        }
    }

    Rows result;
    result.reserve(groups.size());
    for (const Group &group : std::as_const(groups)) {
        QList<QJsonValue> cells = group.keys;
        for (qsizetype i = 0; i < aggregations; ++i) {
            const Accumulator &accumulator = group.accumulators.at(i);
            const bool distinct = op.columns[i].expression->function == Function::DCount;
            cells.append(distinct ? qint64(accumulator.distinct.size()) : accumulator.count);
        }
        result.append(cellsOnly(std::move(cells)));
    }
    rows = std::move(result);
}

// A sort key computed once per row: the comparator then never evaluates or converts.
struct SortValue
{
    enum class Kind { Null, Bool, Number, Text };
    Kind kind = Kind::Null;
    double number = 0;
    QString text;
};

SortValue sortValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return {SortValue::Kind::Bool, value.toBool() ? 1.0 : 0.0, {}};
    case QJsonValue::Double:
        return {SortValue::Kind::Number, value.toDouble(), {}};
    case QJsonValue::String:
        return {SortValue::Kind::Text, 0, value.toString()};
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return {SortValue::Kind::Text, 0, toText(value)};
}

// <0, 0, >0 for a before, tied with, after b, with the key's direction and null placement.
int compareSortValues(const SortValue &a, const SortValue &b, const SortKey &key)
{
    const bool aNull = a.kind == SortValue::Kind::Null;
    const bool bNull = b.kind == SortValue::Kind::Null;
    if (aNull || bNull) {
        if (aNull && bNull)
            return 0;
        return aNull == key.nullsFirst ? -1 : 1;
    }
    int order = 0;
    if (a.kind != b.kind)
        order = a.kind < b.kind ? -1 : 1;
    else if (a.kind == SortValue::Kind::Text)
        order = QString::compare(a.text, b.text, Qt::CaseSensitive);
    else
        order = a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
    return key.ascending ? order : -order;
}

void sort(const std::vector<SortKey> &keys, Rows &rows)
{
    const auto keyCount = qsizetype(keys.size());
    QList<SortValue> values;
    values.reserve(rows.size() * keyCount);
    for (const Row &row : std::as_const(rows)) {
        for (const SortKey &key : keys)
            values.append(sortValue(evaluate(*key.expression, row)));
    }
    QList<qsizetype> order(rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        for (qsizetype k = 0; k < keyCount; ++k) {
            const int result = compareSortValues(values.at(a * keyCount + k), values.at(b * keyCount + k), keys[k]);
            if (result != 0)
                return result < 0;
        }
        return false;
    });
    Rows sorted;
    sorted.reserve(rows.size());
    for (const qsizetype index : std::as_const(order))
        sorted.append(std::move(rows[index]));
    rows = std::move(sorted);
}

void take(qint64 count, Rows &rows)
{
    if (count < rows.size())
        rows.resize(count);
}

void distinct(const Operator &op, const Shape &input, Rows &rows)
{
    QSet<QString> seen;
    Rows result;
    if (op.allColumns) {
        const Writer writer(input);
        for (Row &row : rows) {
            const QJsonObject object = writer.write(row);
            const QString key = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
            if (!seen.contains(key)) {
                seen.insert(key);
                result.append(std::move(row));
            }
        }
        rows = std::move(result);
        return;
    }
    for (const Row &row : std::as_const(rows)) {
        QString key;
        QList<QJsonValue> cells;
        for (qsizetype i = 0; i < op.output.size(); ++i) {
            cells.append(storedValue(evaluate(*op.columns[i].expression, row), op.output.at(i).type));
            appendKey(key, cells.back());
        }
        if (!seen.contains(key)) {
            seen.insert(key);
            result.append(cellsOnly(std::move(cells)));
        }
    }
    rows = std::move(result);
}

} // namespace

QJsonArray execute(const Query &query, const QJsonArray &table)
{
    Rows rows;
    rows.reserve(table.size());
    for (const QJsonValue &value : table) {
        if (value.isObject())
            rows.append({value.toObject(), {}});
    }

    // The table's own shape: every column read from the object, nothing hidden.
    const Schema tableSchema;
    const QStringList nothingHidden;
    Shape shape{&tableSchema, &nothingHidden};
    for (const Operator &op : query.operators) {
        switch (op.kind) {
        case Operator::Kind::Where:
            where(op, rows);
            break;
        case Operator::Kind::Project:
            project(op, rows);
            break;
        case Operator::Kind::Extend:
            extend(op, rows);
            break;
        case Operator::Kind::ProjectAway:
        case Operator::Kind::ProjectRename:
            break;  // only the shape changes; the Writer applies it
        case Operator::Kind::Summarize:
            summarize(op, rows);
            break;
        case Operator::Kind::Sort:
            sort(op.sortKeys, rows);
            break;
        case Operator::Kind::Take:
            take(op.rowCount, rows);
            break;
        case Operator::Kind::Top:
            sort(op.sortKeys, rows);
            take(op.rowCount, rows);
            break;
        case Operator::Kind::Distinct:
            distinct(op, shape, rows);
            break;
        case Operator::Kind::Count:
            rows = {cellsOnly({QJsonValue(qint64(rows.size()))})};
            break;
        }
        shape = {&op.output, &op.hiddenSourceKeys};
    }

    const Writer writer(shape);
    QJsonArray result;
    for (const Row &row : std::as_const(rows))
        result.append(writer.write(row));
    return result;
}

} // namespace Fluxdeck::Sandbox::Kql
