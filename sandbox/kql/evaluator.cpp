#include "kql/evaluator.h"

#include "kql/value.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox::Kql {

namespace {

bool isNull(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined();
}

// Literals keep their text from parsing, so string operators do not convert them per row.
QString textOf(const Expression &expression, const Row &row)
{
    if (expression.kind == Expression::Kind::Literal)
        return expression.name;
    return toText(evaluate(expression, row));
}

struct StringMatch
{
    enum class Kind { Has, Contains, StartsWith, EndsWith };
    Kind kind;
    Qt::CaseSensitivity cs;
    bool negated;
};

std::optional<StringMatch> stringMatch(BinaryOperator op)
{
    using K = StringMatch::Kind;
    constexpr auto ci = Qt::CaseInsensitive;
    constexpr auto cs = Qt::CaseSensitive;
    switch (op) {
    case BinaryOperator::Has:
        return StringMatch{K::Has, ci, false};
    case BinaryOperator::NotHas:
        return StringMatch{K::Has, ci, true};
    case BinaryOperator::HasCs:
        return StringMatch{K::Has, cs, false};
    case BinaryOperator::NotHasCs:
        return StringMatch{K::Has, cs, true};
    case BinaryOperator::Contains:
        return StringMatch{K::Contains, ci, false};
    case BinaryOperator::NotContains:
        return StringMatch{K::Contains, ci, true};
    case BinaryOperator::ContainsCs:
        return StringMatch{K::Contains, cs, false};
    case BinaryOperator::NotContainsCs:
        return StringMatch{K::Contains, cs, true};
    case BinaryOperator::StartsWith:
        return StringMatch{K::StartsWith, ci, false};
    case BinaryOperator::NotStartsWith:
        return StringMatch{K::StartsWith, ci, true};
    case BinaryOperator::StartsWithCs:
        return StringMatch{K::StartsWith, cs, false};
    case BinaryOperator::NotStartsWithCs:
        return StringMatch{K::StartsWith, cs, true};
    case BinaryOperator::EndsWith:
        return StringMatch{K::EndsWith, ci, false};
    case BinaryOperator::NotEndsWith:
        return StringMatch{K::EndsWith, ci, true};
    case BinaryOperator::EndsWithCs:
        return StringMatch{K::EndsWith, cs, false};
    case BinaryOperator::NotEndsWithCs:
        return StringMatch{K::EndsWith, cs, true};
    default:
        return std::nullopt;
    }
}

bool matchText(const StringMatch &match, const QString &text, const QString &needle)
{
    switch (match.kind) {
    case StringMatch::Kind::Has:
        return hasTerm(text, needle, match.cs);
    case StringMatch::Kind::Contains:
        return text.contains(needle, match.cs);
    case StringMatch::Kind::StartsWith:
        return text.startsWith(needle, match.cs);
    case StringMatch::Kind::EndsWith:
        return text.endsWith(needle, match.cs);
    }
    return false;
}

QJsonValue evaluateBinary(const Expression &expression, const Row &row)
{
    const auto &operands = expression.operands;
    const Expression &left = *operands[0];
    const Expression &right = *operands[1];
    switch (expression.op) {
    case BinaryOperator::And: {
        // Kusto's three-valued logic: false wins over null, null over true.
        const auto a = evaluatePredicate(left, row);
        if (a == false)
            return false;
        const auto b = evaluatePredicate(right, row);
        if (b == false)
            return false;
        return a && b ? QJsonValue(true) : QJsonValue(QJsonValue::Null);
    }
    case BinaryOperator::Or: {
        const auto a = evaluatePredicate(left, row);
        if (a == true)
            return true;
        const auto b = evaluatePredicate(right, row);
        if (b == true)
            return true;
        return a && b ? QJsonValue(false) : QJsonValue(QJsonValue::Null);
    }
    case BinaryOperator::Equal:
    case BinaryOperator::NotEqual:
    case BinaryOperator::EqualCi:
    case BinaryOperator::NotEqualCi: {
        const bool ci = expression.op == BinaryOperator::EqualCi || expression.op == BinaryOperator::NotEqualCi;
        const auto equal =
            valuesEqual(evaluate(left, row), evaluate(right, row), ci ? Qt::CaseInsensitive : Qt::CaseSensitive);
        if (!equal)
            return QJsonValue::Null;
        const bool negated = expression.op == BinaryOperator::NotEqual || expression.op == BinaryOperator::NotEqualCi;
        return *equal != negated;
    }
    case BinaryOperator::Less:
    case BinaryOperator::LessOrEqual:
    case BinaryOperator::Greater:
    case BinaryOperator::GreaterOrEqual: {
        const auto order = compareValues(evaluate(left, row), evaluate(right, row));
        if (!order)
            return QJsonValue::Null;
        switch (expression.op) {
        case BinaryOperator::Less:
            return *order < 0;
        case BinaryOperator::LessOrEqual:
            return *order <= 0;
        case BinaryOperator::Greater:
            return *order > 0;
        default:
            return *order >= 0;
        }
    }
    case BinaryOperator::In:
    case BinaryOperator::NotIn:
    case BinaryOperator::InCi:
    case BinaryOperator::NotInCi: {
        const bool ci = expression.op == BinaryOperator::InCi || expression.op == BinaryOperator::NotInCi;
        const bool negated = expression.op == BinaryOperator::NotIn || expression.op == BinaryOperator::NotInCi;
        const Qt::CaseSensitivity cs = ci ? Qt::CaseInsensitive : Qt::CaseSensitive;
        const QJsonValue value = evaluate(left, row);
        bool found = false;
        for (std::size_t i = 1; i < operands.size() && !found; ++i)
            found = valuesEqual(value, evaluate(*operands[i], row), cs) == true;
        return found != negated;
    }
    default:
        break;
    }
    const std::optional<StringMatch> match = stringMatch(expression.op);
    Q_ASSERT(match);
    return matchText(*match, textOf(left, row), textOf(right, row)) != match->negated;
}

QJsonValue split(const Expression &call, const Row &row)
{
    const QString text = textOf(*call.operands[0], row);
    const QString separator = textOf(*call.operands[1], row);
    const QStringList parts = separator.isEmpty() ? QStringList{text} : text.split(separator);
    if (call.operands.size() < 3)
        return QJsonArray::fromStringList(parts);
    // With an index Kusto still answers an array: the one part, or none when out of range.
    const QJsonValue index = evaluate(*call.operands[2], row);
    const qint64 at = index.toInteger(-1);
    if (!index.isDouble() || at < 0 || at >= parts.size())
        return QJsonArray();
    return QJsonArray{parts.at(at)};
}

QJsonValue coalesce(const Expression &call, const Row &row)
{
    for (const ExpressionPtr &operand : call.operands) {
        const QJsonValue value = evaluate(*operand, row);
        if (call.type == Type::String ? !isEmptyValue(value) : !isNull(value))
            return value;
    }
    return storedValue(QJsonValue::Null, call.type);
}

QJsonValue evaluateCall(const Expression &call, const Row &row)
{
    const auto &args = call.operands;
    switch (call.function) {
    case Function::ToString:
        return textOf(*args[0], row);
    case Function::ToLower:
        return textOf(*args[0], row).toLower();
    case Function::ToUpper:
        return textOf(*args[0], row).toUpper();
    case Function::StrCat: {
        QString text;
        for (const ExpressionPtr &arg : args)
            text += textOf(*arg, row);
        return text;
    }
    case Function::Iff:
        return evaluate(evaluatePredicate(*args[0], row) == true ? *args[1] : *args[2], row);
    case Function::Coalesce:
        return coalesce(call, row);
    case Function::Split:
        return split(call, row);
    case Function::IsEmpty:
        return isEmptyValue(evaluate(*args[0], row));
    case Function::IsNotEmpty:
        return !isEmptyValue(evaluate(*args[0], row));
    case Function::IsNull:
        return isNull(evaluate(*args[0], row));
    case Function::IsNotNull:
        return !isNull(evaluate(*args[0], row));
    case Function::Not: {
        const std::optional<bool> value = evaluatePredicate(*args[0], row);
        return value ? QJsonValue(!*value) : QJsonValue(QJsonValue::Null);
    }
    case Function::ToLong:
        return toLongValue(evaluate(*args[0], row));
    case Function::ToDouble:
        return toDoubleValue(evaluate(*args[0], row));
    case Function::ToBool:
        return toBoolValue(evaluate(*args[0], row));
    case Function::Count:
    case Function::CountIf:
    case Function::DCount:
        break;  // the executor computes aggregations; the binder keeps them out of here
    }
    Q_UNREACHABLE_RETURN(QJsonValue::Null);
}

} // namespace

QJsonValue storedValue(const QJsonValue &value, Type type)
{
    if (type == Type::String && !value.isString())
        return toText(value);
    if (value.isUndefined())
        return QJsonValue::Null;
    return value;
}

QJsonValue evaluate(const Expression &expression, const Row &row)
{
    switch (expression.kind) {
    case Expression::Kind::Literal:
        return expression.literal;
    case Expression::Kind::Column:
        if (expression.slot >= 0)
            return row.cells.at(expression.slot);
        return storedValue(row.source.value(expression.sourceName), expression.type);
    case Expression::Kind::Member: {
        const QJsonValue value = evaluate(*expression.operands[0], row)[expression.name];
        return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
    }
    case Expression::Kind::Index: {
        const QJsonValue base = evaluate(*expression.operands[0], row);
        const QJsonValue index = evaluate(*expression.operands[1], row);
        if (base.isArray() && index.isDouble()) {
            const QJsonArray array = base.toArray();
            qint64 at = index.toInteger();
            if (at < 0)
                at += array.size();  // Kusto counts negative indexes from the end
            return at >= 0 && at < array.size() ? array.at(at) : QJsonValue(QJsonValue::Null);
        }
        if (base.isObject() && index.isString()) {
            const QJsonValue value = base[index.toString()];
            return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
        }
        return QJsonValue::Null;
    }
    case Expression::Kind::Call:
        return evaluateCall(expression, row);
    case Expression::Kind::Binary:
        return evaluateBinary(expression, row);
    }
    return QJsonValue::Null;
}

std::optional<bool> evaluatePredicate(const Expression &expression, const Row &row)
{
    return toPredicate(evaluate(expression, row));
}

} // namespace Fluxdeck::Sandbox::Kql
