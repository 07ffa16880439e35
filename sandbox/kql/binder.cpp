#include "kql/binder.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox::Kql {

namespace {

const Column *findColumn(const Schema &schema, QStringView name)
{
    for (const Column &column : schema) {
        if (column.name == name)
            return &column;
    }
    return nullptr;
}

qsizetype startOf(const Expression &expression)
{
    if (expression.kind == Expression::Kind::Binary || expression.kind == Expression::Kind::Member
        || expression.kind == Expression::Kind::Index)
        return startOf(*expression.operands.front());
    return expression.position;
}

bool isBoolLike(Type type)
{
    return type == Type::Bool || type == Type::Dynamic;
}

bool isNumeric(Type type)
{
    return type == Type::Long || type == Type::Real;
}

bool comparable(Type left, Type right)
{
    return left == right || left == Type::Dynamic || right == Type::Dynamic || (isNumeric(left) && isNumeric(right));
}

// Kusto names an unnamed column after the column or property path it reads, looking through
// type conversions: properties.kubernetesVersion -> properties_kubernetesVersion,
// tags['env'] -> tags_env, tostring(properties.state) -> properties_state. Empty otherwise.
QString inferName(const Expression &expression)
{
    switch (expression.kind) {
    case Expression::Kind::Column:
        return expression.name;
    case Expression::Kind::Member: {
        const QString base = inferName(*expression.operands[0]);
        return base.isEmpty() ? QString() : base % u'_' % expression.name;
    }
    case Expression::Kind::Index: {
        const QString base = inferName(*expression.operands[0]);
        const Expression &index = *expression.operands[1];
        if (base.isEmpty() || index.kind != Expression::Kind::Literal)
            return {};
        return base % u'_' % index.name;
    }
    case Expression::Kind::Call:
        switch (expression.function) {
        case Function::ToString:
        case Function::ToLong:
        case Function::ToDouble:
        case Function::ToBool:
            return inferName(*expression.operands[0]);
        default:
            return {};
        }
    case Expression::Kind::Literal:
    case Expression::Kind::Binary:
        break;
    }
    return {};
}

bool hasColumn(const Schema &schema, const QString &name)
{
    return findColumn(schema, name) != nullptr;
}

// Kusto's way out of a clash between generated names: count_, count_1, count_2 ...
QString uniqueName(const QString &base, const Schema &schema)
{
    if (!hasColumn(schema, base))
        return base;
    for (int n = 1;; ++n) {
        const QString candidate = base % QString::number(n);
        if (!hasColumn(schema, candidate))
            return candidate;
    }
}

QString generatedName(const Schema &schema)
{
    for (int n = 1;; ++n) {
        const QString candidate = u"Column"_s % QString::number(n);
        if (!hasColumn(schema, candidate))
            return candidate;
    }
}

bool matchesPattern(QStringView name, QStringView pattern)
{
    const qsizetype star = pattern.indexOf(u'*');
    if (star < 0)
        return name == pattern;
    const QStringView head = pattern.first(star);
    if (!name.startsWith(head))
        return false;
    // Try each position for what follows the star; patterns are short, so this stays cheap.
    const QStringView rest = pattern.sliced(star + 1);
    for (qsizetype at = head.size(); at <= name.size(); ++at) {
        if (matchesPattern(name.sliced(at), rest))
            return true;
    }
    return false;
}

class Binder
{
public:
    std::expected<Schema, QueryError> run(Query &query, const Schema &input)
    {
        m_schema = input;
        for (Operator &op : query.operators) {
            m_operator = &op;
            if (!bindOperator(op))
                return std::unexpected(*m_error);
            op.output = m_schema;
            op.hiddenSourceKeys = m_hidden;
        }
        return m_schema;
    }

private:
    bool fail(QueryError error)
    {
        if (!m_error)
            m_error = std::move(error);
        return false;
    }

    // A column leaves the schema; if the row's object holds it, the object's key must not be output.
    void removeColumn(const QString &name)
    {
        for (qsizetype i = 0; i < m_schema.size(); ++i) {
            const Column &column = m_schema.at(i);
            if (column.name != name)
                continue;
            if (column.slot < 0 && !m_hidden.contains(column.sourceName))
                m_hidden.append(column.sourceName);
            m_schema.removeAt(i);
            return;
        }
    }

    // project, summarize, distinct, count: the result is made of fresh cells only.
    void replaceSchema(Schema columns)
    {
        for (qsizetype i = 0; i < columns.size(); ++i)
            columns[i].slot = i;
        m_schema = std::move(columns);
        m_hidden.clear();
        m_cells = m_schema.size();
    }

    bool bindOperator(Operator &op)
    {
        switch (op.kind) {
        case Operator::Kind::Where:
            if (!bindScalar(*op.predicate, m_schema))
                return false;
            if (!isBoolLike(op.predicate->type)) {
                return fail(semanticError(startOf(*op.predicate), u"The 'where' predicate must be bool, not "_s
                                                                      % typeName(op.predicate->type)));
            }
            return true;
        case Operator::Kind::Project:
            return bindColumnList(op.columns, true);
        case Operator::Kind::Extend:
            return bindExtend(op);
        case Operator::Kind::ProjectAway:
            return bindProjectAway(op);
        case Operator::Kind::ProjectRename:
            return bindProjectRename(op);
        case Operator::Kind::Summarize:
            return bindSummarize(op);
        case Operator::Kind::Sort:
        case Operator::Kind::Top:
            for (SortKey &key : op.sortKeys) {
                if (!bindScalar(*key.expression, m_schema))
                    return false;
                if (key.expression->type == Type::Dynamic) {
                    const QString name = op.kind == Operator::Kind::Top ? u"top"_s : u"order"_s;
                    return fail(semanticError(startOf(*key.expression),
                                              name % u" operator: key can't be of dynamic type"_s,
                                              u"Cast it, for example with tostring() or tolong()."_s));
                }
            }
            return true;
        case Operator::Kind::Take:
            return true;
        case Operator::Kind::Distinct:
            if (op.allColumns)
                return true;
            return bindColumnList(op.columns, false);
        case Operator::Kind::Count:
            replaceSchema({{u"Count"_s, Type::Long, -1, {}}});
            return true;
        }
        return true;
    }

    // project and distinct: a fresh schema of the listed columns.
    bool bindColumnList(std::vector<NamedExpression> &list, bool allowNames)
    {
        Schema result;
        for (NamedExpression &named : list) {
            if (!bindScalar(*named.expression, m_schema))
                return false;
            if (!named.name.isEmpty() && allowNames) {
                if (hasColumn(result, named.name)) {
                    return fail(semanticError(named.namePosition,
                                              u"Column '"_s % named.name % u"' is defined more than once"_s));
                }
            } else {
                const QString inferred = inferName(*named.expression);
                named.name = inferred.isEmpty() ? generatedName(result) : uniqueName(inferred, result);
            }
            result.append({named.name, named.expression->type, -1, {}});
        }
        replaceSchema(std::move(result));
        return true;
    }

    // Each extension sees the columns added before it; an explicit name replaces a column.
    bool bindExtend(Operator &op)
    {
        for (NamedExpression &named : op.columns) {
            if (!bindScalar(*named.expression, m_schema))
                return false;
            if (named.name.isEmpty()) {
                const QString inferred = inferName(*named.expression);
                named.name = inferred.isEmpty() ? generatedName(m_schema) : uniqueName(inferred, m_schema);
            }
            removeColumn(named.name);
            m_schema.append({named.name, named.expression->type, m_cells++, {}});
        }
        return true;
    }

    bool bindProjectAway(Operator &op)
    {
        QStringList removed;
        for (const ColumnPattern &pattern : op.patterns) {
            bool matched = false;
            for (const Column &column : std::as_const(m_schema)) {
                if (matchesPattern(column.name, pattern.pattern)) {
                    matched = true;
                    if (!removed.contains(column.name))
                        removed.append(column.name);
                }
            }
            if (!matched && !pattern.pattern.contains(u'*'))
                return fail(unresolved(pattern.pattern, pattern.position, m_schema));
        }
        for (const QString &name : std::as_const(removed))
            removeColumn(name);
        return true;
    }

    bool bindProjectRename(Operator &op)
    {
        for (NamedExpression &named : op.columns) {
            if (!bindScalar(*named.expression, m_schema))
                return false;
            const QString &old = named.expression->name;
            if (named.name != old && hasColumn(m_schema, named.name)) {
                return fail(semanticError(named.namePosition,
                                          u"Cannot rename '"_s % old % u"' to '"_s % named.name
                                              % u"': a column with that name exists"_s));
            }
            for (Column &column : m_schema) {
                if (column.name != old)
                    continue;
                // The object keeps the old key; the output writes the value under the new name.
                if (column.slot < 0 && !m_hidden.contains(column.sourceName))
                    m_hidden.append(column.sourceName);
                column.name = named.name;
            }
        }
        return true;
    }

    bool bindSummarize(Operator &op)
    {
        Schema result;
        for (NamedExpression &key : op.groupBy) {
            if (!bindScalar(*key.expression, m_schema))
                return false;
            if (key.name.isEmpty()) {
                const QString inferred = inferName(*key.expression);
                key.name = inferred.isEmpty() ? generatedName(result) : uniqueName(inferred, result);
            } else if (hasColumn(result, key.name)) {
                return fail(semanticError(key.namePosition,
                                          u"Column '"_s % key.name % u"' is defined more than once"_s));
            }
            if (key.expression->type == Type::Dynamic) {
                // Azure's own wording, so a query that fails here fails the same way there.
                return fail(semanticError(startOf(*key.expression),
                                          u"Summarize group key '"_s % key.name
                                              % u"' is of a 'dynamic' type. Please use an explicit cast (for "
                                                u"example, 'summarize ... by tostring("_s
                                              % key.name % u")') as grouping by a 'dynamic' type is not supported"_s));
            }
            result.append({key.name, key.expression->type, -1, {}});
        }
        for (NamedExpression &aggregation : op.columns) {
            if (!bindAggregation(*aggregation.expression, m_schema))
                return false;
            if (aggregation.name.isEmpty()) {
                aggregation.name = uniqueName(aggregationName(*aggregation.expression), result);
            } else if (hasColumn(result, aggregation.name)) {
                return fail(semanticError(aggregation.namePosition,
                                          u"Column '"_s % aggregation.name % u"' is defined more than once"_s));
            }
            result.append({aggregation.name, aggregation.expression->type, -1, {}});
        }
        replaceSchema(std::move(result));
        return true;
    }

    static QString aggregationName(const Expression &call)
    {
        switch (call.function) {
        case Function::Count:
            return u"count_"_s;
        case Function::CountIf:
            return u"countif_"_s;
        case Function::DCount:
            return u"dcount_"_s % inferName(*call.operands[0]);
        default:
            return call.name % u'_';
        }
    }

    bool bindAggregation(Expression &expression, const Schema &schema)
    {
        const FunctionInfo *info =
            expression.kind == Expression::Kind::Call ? findFunction(expression.name) : nullptr;
        if (!info || !info->aggregation) {
            return fail(semanticError(startOf(expression),
                                      u"summarize expects an aggregation such as count() before 'by', not '"_s
                                          % describe(expression) % u'\'',
                                      u"Supported aggregations: "_s % functionNames(true).join(u", "_s) % u'.'));
        }
        if (!checkArity(expression, *info))
            return false;
        for (ExpressionPtr &operand : expression.operands) {
            if (!bindScalar(*operand, schema))
                return false;
        }
        if (expression.function == Function::CountIf && !isBoolLike(expression.operands[0]->type)) {
            return fail(semanticError(startOf(*expression.operands[0]),
                                      u"countif() expects a bool predicate, not "_s
                                          % typeName(expression.operands[0]->type)));
        }
        expression.type = Type::Long;
        return true;
    }

    bool checkArity(const Expression &call, const FunctionInfo &info)
    {
        const auto count = qsizetype(call.operands.size());
        if (count >= info.minArguments && count <= info.maxArguments)
            return true;
        QString expected = QString::number(info.minArguments);
        if (info.maxArguments != info.minArguments)
            expected += u" to "_s % QString::number(info.maxArguments);
        return fail(semanticError(call.position, u"Function '"_s % call.name % u"' expects "_s % expected
                                                     % (info.maxArguments == 1 ? u" argument"_s : u" arguments"_s)
                                                     % u", got "_s % QString::number(count)));
    }

    QueryError unresolved(const QString &name, qsizetype position, const Schema &schema) const
    {
        QStringList names;
        QString sameIgnoringCase;
        for (const Column &column : schema) {
            names.append(column.name);
            if (column.name.compare(name, Qt::CaseInsensitive) == 0)
                sameIgnoringCase = column.name;
        }
        const QString what = u"'"_s % m_operator->name % u"' operator: Failed to resolve scalar expression named '"_s
            % name % u'\'';
        if (!sameIgnoringCase.isEmpty()) {
            return semanticError(position, what,
                                 u"Column names are case-sensitive: did you mean '"_s % sameIgnoringCase % u"'?"_s);
        }
        return semanticError(position, what, u"Columns here: "_s % names.join(u", "_s) % u'.');
    }

    bool bindScalar(Expression &expression, const Schema &schema)
    {
        switch (expression.kind) {
        case Expression::Kind::Literal:
            return true;  // the parser typed it
        case Expression::Kind::Column: {
            const Column *column = findColumn(schema, expression.name);
            if (!column)
                return fail(unresolved(expression.name, expression.position, schema));
            expression.type = column->type;
            expression.slot = column->slot;
            expression.sourceName = column->sourceName;
            return true;
        }
        case Expression::Kind::Member:
        case Expression::Kind::Index: {
            for (ExpressionPtr &operand : expression.operands) {
                if (!bindScalar(*operand, schema))
                    return false;
            }
            const Expression &base = *expression.operands[0];
            if (base.type != Type::Dynamic) {
                return fail(semanticError(expression.position, u"Cannot read a property of '"_s % describe(base)
                                                                   % u"', which is "_s % typeName(base.type)
                                                                   % u", not dynamic"_s));
            }
            expression.type = Type::Dynamic;
            return true;
        }
        case Expression::Kind::Call:
            return bindCall(expression, schema);
        case Expression::Kind::Binary:
            return bindBinary(expression, schema);
        }
        return true;
    }

    bool bindCall(Expression &call, const Schema &schema)
    {
        const FunctionInfo *info = findFunction(call.name);
        Q_ASSERT(info);  // the parser accepts only known functions
        if (info->aggregation) {
            return fail(semanticError(call.position, u"'"_s % call.name % u"' is an aggregation"_s,
                                      u"Use it in summarize, as in 'summarize "_s % call.name % u"() by ...'."_s));
        }
        if (!checkArity(call, *info))
            return false;
        for (ExpressionPtr &operand : call.operands) {
            if (!bindScalar(*operand, schema))
                return false;
        }
        const auto &args = call.operands;
        switch (call.function) {
        case Function::ToString:
        case Function::ToLower:
        case Function::ToUpper:
        case Function::StrCat:
            call.type = Type::String;
            break;
        case Function::Iff:
            if (!isBoolLike(args[0]->type)) {
                return fail(semanticError(startOf(*args[0]), call.name % u"(): the condition must be bool, not "_s
                                                                 % typeName(args[0]->type)));
            }
            if (!sameTypes(call, 1))
                return false;
            call.type = args[1]->type;
            break;
        case Function::Coalesce:
            if (!sameTypes(call, 0))
                return false;
            call.type = args[0]->type;
            break;
        case Function::Split:
            if (args.size() == 3 && args[2]->type != Type::Long && args[2]->type != Type::Dynamic) {
                return fail(semanticError(startOf(*args[2]),
                                          u"split(): the index must be long, not "_s % typeName(args[2]->type)));
            }
            call.type = Type::Dynamic;
            break;
        case Function::Not:
            if (!isBoolLike(args[0]->type)) {
                return fail(semanticError(startOf(*args[0]),
                                          u"not() expects a bool argument, not "_s % typeName(args[0]->type)));
            }
            call.type = Type::Bool;
            break;
        case Function::IsEmpty:
        case Function::IsNotEmpty:
        case Function::IsNull:
        case Function::IsNotNull:
        case Function::ToBool:
            call.type = Type::Bool;
            break;
        case Function::ToLong:
            call.type = Type::Long;
            break;
        case Function::ToDouble:
            call.type = Type::Real;
            break;
        case Function::Count:
        case Function::CountIf:
        case Function::DCount:
            break;
        }
        return true;
    }

    // Kusto gives iff() and coalesce() one result type, so their values must agree.
    bool sameTypes(const Expression &call, std::size_t first)
    {
        const Type type = call.operands[first]->type;
        for (std::size_t i = first + 1; i < call.operands.size(); ++i) {
            const Expression &operand = *call.operands[i];
            if (operand.type != type) {
                return fail(semanticError(startOf(operand), call.name % u"(): all values must have the same type, but "
                                                                u"one is "_s
                                                                % typeName(type) % u" and another "_s
                                                                % typeName(operand.type),
                                          u"Cast them, for example with tostring()."_s));
            }
        }
        return true;
    }

    bool bindBinary(Expression &expression, const Schema &schema)
    {
        for (ExpressionPtr &operand : expression.operands) {
            if (!bindScalar(*operand, schema))
                return false;
        }
        const Type left = expression.operands[0]->type;
        const Type right = expression.operands[1]->type;
        switch (expression.op) {
        case BinaryOperator::And:
        case BinaryOperator::Or:
            for (const ExpressionPtr &operand : expression.operands) {
                if (!isBoolLike(operand->type)) {
                    return fail(semanticError(startOf(*operand), u"'"_s % operatorText(expression.op)
                                                                     % u"' expects bool operands, not "_s
                                                                     % typeName(operand->type)));
                }
            }
            break;
        case BinaryOperator::Equal:
        case BinaryOperator::NotEqual:
        case BinaryOperator::Less:
        case BinaryOperator::LessOrEqual:
        case BinaryOperator::Greater:
        case BinaryOperator::GreaterOrEqual:
            if (!comparable(left, right)) {
                return fail(semanticError(expression.position, u"Cannot compare values of types "_s % typeName(left)
                                                                   % u" and "_s % typeName(right),
                                          u"Try adding explicit casts."_s));
            }
            break;
        default:
            break;  // string operators and in: Kusto compares their operands as text
        }
        expression.type = Type::Bool;
        return true;
    }

    const Operator *m_operator = nullptr;
    Schema m_schema;
    QStringList m_hidden;  // see Operator::hiddenSourceKeys
    qsizetype m_cells = 0;  // how many cells every row has at this point of the pipeline
    std::optional<QueryError> m_error;
};

} // namespace

Schema resourceGraphSchema()
{
    const std::pair<QString, Type> columns[] = {
        {u"id"_s, Type::String},
        {u"name"_s, Type::String},
        {u"type"_s, Type::String},
        {u"tenantId"_s, Type::String},
        {u"kind"_s, Type::String},
        {u"location"_s, Type::String},
        {u"resourceGroup"_s, Type::String},
        {u"subscriptionId"_s, Type::String},
        {u"managedBy"_s, Type::String},
        {u"sku"_s, Type::Dynamic},
        {u"plan"_s, Type::Dynamic},
        {u"properties"_s, Type::Dynamic},
        {u"tags"_s, Type::Dynamic},
        {u"identity"_s, Type::Dynamic},
        {u"zones"_s, Type::Dynamic},
        {u"extendedLocation"_s, Type::Dynamic},
    };
    Schema schema;
    for (const auto &[name, type] : columns)
        schema.append({name, type, -1, name});
    return schema;
}

std::expected<Schema, QueryError> bind(Query &query, const Schema &input)
{
    return Binder().run(query, input);
}

} // namespace Fluxdeck::Sandbox::Kql
