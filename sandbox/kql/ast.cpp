#include "kql/ast.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox::Kql {

namespace {

const QList<FunctionInfo> &functionTable()
{
    static const QList<FunctionInfo> table = {
        {u"tostring"_s, Function::ToString, 1, 1, false},
        {u"tolower"_s, Function::ToLower, 1, 1, false},
        {u"toupper"_s, Function::ToUpper, 1, 1, false},
        {u"strcat"_s, Function::StrCat, 1, 64, false},
        {u"iff"_s, Function::Iff, 3, 3, false},
        {u"iif"_s, Function::Iff, 3, 3, false},
        {u"coalesce"_s, Function::Coalesce, 2, 64, false},
        {u"split"_s, Function::Split, 2, 3, false},
        {u"isempty"_s, Function::IsEmpty, 1, 1, false},
        {u"isnotempty"_s, Function::IsNotEmpty, 1, 1, false},
        {u"notempty"_s, Function::IsNotEmpty, 1, 1, false},
        {u"isnull"_s, Function::IsNull, 1, 1, false},
        {u"isnotnull"_s, Function::IsNotNull, 1, 1, false},
        {u"notnull"_s, Function::IsNotNull, 1, 1, false},
        {u"not"_s, Function::Not, 1, 1, false},
        {u"tolong"_s, Function::ToLong, 1, 1, false},
        {u"toint"_s, Function::ToLong, 1, 1, false},
        {u"todouble"_s, Function::ToDouble, 1, 1, false},
        {u"toreal"_s, Function::ToDouble, 1, 1, false},
        {u"tobool"_s, Function::ToBool, 1, 1, false},
        {u"count"_s, Function::Count, 0, 0, true},
        {u"countif"_s, Function::CountIf, 1, 1, true},
        {u"dcount"_s, Function::DCount, 1, 2, true},
    };
    return table;
}

struct OperatorSpelling
{
    QStringView text;
    BinaryOperator op;
};

constexpr std::array<OperatorSpelling, 30> operatorSpellings = {{
    {u"or", BinaryOperator::Or},
    {u"and", BinaryOperator::And},
    {u"==", BinaryOperator::Equal},
    {u"!=", BinaryOperator::NotEqual},
    {u"=~", BinaryOperator::EqualCi},
    {u"!~", BinaryOperator::NotEqualCi},
    {u"<", BinaryOperator::Less},
    {u"<=", BinaryOperator::LessOrEqual},
    {u">", BinaryOperator::Greater},
    {u">=", BinaryOperator::GreaterOrEqual},
    {u"has", BinaryOperator::Has},
    {u"!has", BinaryOperator::NotHas},
    {u"has_cs", BinaryOperator::HasCs},
    {u"!has_cs", BinaryOperator::NotHasCs},
    {u"contains", BinaryOperator::Contains},
    {u"!contains", BinaryOperator::NotContains},
    {u"contains_cs", BinaryOperator::ContainsCs},
    {u"!contains_cs", BinaryOperator::NotContainsCs},
    {u"startswith", BinaryOperator::StartsWith},
    {u"!startswith", BinaryOperator::NotStartsWith},
    {u"startswith_cs", BinaryOperator::StartsWithCs},
    {u"!startswith_cs", BinaryOperator::NotStartsWithCs},
    {u"endswith", BinaryOperator::EndsWith},
    {u"!endswith", BinaryOperator::NotEndsWith},
    {u"endswith_cs", BinaryOperator::EndsWithCs},
    {u"!endswith_cs", BinaryOperator::NotEndsWithCs},
    {u"in", BinaryOperator::In},
    {u"!in", BinaryOperator::NotIn},
    {u"in~", BinaryOperator::InCi},
    {u"!in~", BinaryOperator::NotInCi},
}};

QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
    return u'\'' % escaped % u'\'';
}

QString describeNamed(const std::vector<NamedExpression> &list)
{
    QStringList parts;
    for (const NamedExpression &named : list) {
        const QString expression = describe(*named.expression);
        parts.append(named.name.isEmpty() ? expression : named.name % u'=' % expression);
    }
    return parts.join(u", "_s);
}

QString describeSortKey(const SortKey &key)
{
    return describe(*key.expression) % (key.ascending ? u" asc"_s : u" desc"_s)
        % (key.nullsFirst ? u" nulls first"_s : u" nulls last"_s);
}

QString describeOperator(const Operator &op)
{
    switch (op.kind) {
    case Operator::Kind::Where:
        return op.name % u' ' % describe(*op.predicate);
    case Operator::Kind::Project:
    case Operator::Kind::Extend:
    case Operator::Kind::ProjectRename:
        return op.name % u' ' % describeNamed(op.columns);
    case Operator::Kind::Distinct:
        return op.name % u' ' % (op.allColumns ? u"*"_s : describeNamed(op.columns));
    case Operator::Kind::ProjectAway: {
        QStringList patterns;
        for (const ColumnPattern &pattern : op.patterns)
            patterns.append(pattern.pattern);
        return op.name % u' ' % patterns.join(u", "_s);
    }
    case Operator::Kind::Summarize: {
        QString text = op.name;
        if (!op.columns.empty())
            text += u' ' % describeNamed(op.columns);
        if (!op.groupBy.empty())
            text += u" by "_s % describeNamed(op.groupBy);
        return text;
    }
    case Operator::Kind::Sort: {
        QStringList keys;
        for (const SortKey &key : op.sortKeys)
            keys.append(describeSortKey(key));
        return op.name % u" by "_s % keys.join(u", "_s);
    }
    case Operator::Kind::Take:
        return op.name % u' ' % QString::number(op.rowCount);
    case Operator::Kind::Top:
        return op.name % u' ' % QString::number(op.rowCount) % u" by "_s % describeSortKey(op.sortKeys.front());
    case Operator::Kind::Count:
        return op.name;
    }
    return {};
}

} // namespace

QString typeName(Type type)
{
    switch (type) {
    case Type::Dynamic:
        return u"dynamic"_s;
    case Type::String:
        return u"string"_s;
    case Type::Long:
        return u"long"_s;
    case Type::Real:
        return u"real"_s;
    case Type::Bool:
        return u"bool"_s;
    }
    return {};
}

const FunctionInfo *findFunction(QStringView name)
{
    for (const FunctionInfo &info : functionTable()) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

QStringList functionNames(bool aggregations)
{
    QStringList names;
    for (const FunctionInfo &info : functionTable()) {
        if (info.aggregation == aggregations)
            names.append(info.name);
    }
    return names;
}

QString operatorText(BinaryOperator op)
{
    for (const OperatorSpelling &spelling : operatorSpellings) {
        if (spelling.op == op)
            return spelling.text.toString();
    }
    return {};
}

bool findComparison(QStringView text, BinaryOperator *op)
{
    for (const OperatorSpelling &spelling : operatorSpellings) {
        if (spelling.text == text && spelling.op != BinaryOperator::And && spelling.op != BinaryOperator::Or) {
            *op = spelling.op;
            return true;
        }
    }
    return false;
}

bool isInOperator(BinaryOperator op)
{
    return op == BinaryOperator::In || op == BinaryOperator::NotIn || op == BinaryOperator::InCi
        || op == BinaryOperator::NotInCi;
}

QString describe(const Expression &expression)
{
    const auto &operands = expression.operands;
    switch (expression.kind) {
    case Expression::Kind::Literal:
        return expression.literal.isString() ? quoted(expression.name) : expression.name;
    case Expression::Kind::Column:
        return expression.name;
    case Expression::Kind::Member:
        return describe(*operands[0]) % u'.' % expression.name;
    case Expression::Kind::Index:
        return describe(*operands[0]) % u'[' % describe(*operands[1]) % u']';
    case Expression::Kind::Call: {
        QStringList arguments;
        for (const ExpressionPtr &operand : operands)
            arguments.append(describe(*operand));
        return expression.name % u'(' % arguments.join(u", "_s) % u')';
    }
    case Expression::Kind::Binary: {
        if (isInOperator(expression.op)) {
            QStringList items;
            for (std::size_t i = 1; i < operands.size(); ++i)
                items.append(describe(*operands[i]));
            return u'(' % describe(*operands[0]) % u' ' % operatorText(expression.op) % u" ("_s
                % items.join(u", "_s) % u"))"_s;
        }
        return u'(' % describe(*operands[0]) % u' ' % operatorText(expression.op) % u' ' % describe(*operands[1])
            % u')';
    }
    }
    return {};
}

QString describe(const Query &query)
{
    QString text = query.table;
    for (const Operator &op : query.operators)
        text += u" | "_s % describeOperator(op);
    return text;
}

} // namespace Fluxdeck::Sandbox::Kql
