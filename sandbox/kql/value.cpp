#include "kql/value.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox::Kql {

namespace {

bool isNull(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined();
}

bool isTermCharacter(QChar c)
{
    return c.isLetterOrNumber();
}

QString compactJson(const QJsonValue &value)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

// A whole number held by a JSON number, exactly (toDouble() would round beyond 2^53).
std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const qint64 integer = value.toInteger(0);
    if (integer != 0 || value.toDouble() == 0)
        return integer;
    return std::nullopt;
}

std::optional<qint64> truncated(double real)
{
    // 2^63 as a double; anything at or beyond it does not fit a long.
    constexpr double limit = 9223372036854775808.0;
    if (!std::isfinite(real) || std::abs(real) >= limit)
        return std::nullopt;
    return static_cast<qint64>(std::trunc(real));
}

} // namespace

QString toText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        if (const auto integer = wholeNumber(value))
            return QString::number(*integer);
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return compactJson(value);
    }
    return {};
}

bool isEmptyValue(const QJsonValue &value)
{
    return isNull(value) || (value.isString() && value.toString().isEmpty());
}

std::optional<bool> valuesEqual(const QJsonValue &left, const QJsonValue &right, Qt::CaseSensitivity cs)
{
    const bool leftNull = isNull(left);
    const bool rightNull = isNull(right);
    if (leftNull && rightNull)
        return std::nullopt;
    if (leftNull || rightNull)
        return false;
    if (cs == Qt::CaseSensitive) {
        if (left.isDouble() && right.isDouble()) {
            const auto leftWhole = wholeNumber(left);
            const auto rightWhole = wholeNumber(right);
            if (leftWhole && rightWhole)
                return *leftWhole == *rightWhole;
            return left.toDouble() == right.toDouble();
        }
        if (left.isBool() && right.isBool())
            return left.toBool() == right.toBool();
    }
    return QString::compare(toText(left), toText(right), cs) == 0;
}

std::optional<int> compareValues(const QJsonValue &left, const QJsonValue &right)
{
    if (isNull(left) || isNull(right))
        return std::nullopt;
    if (left.isDouble() && right.isDouble()) {
        const double a = left.toDouble();
        const double b = right.toDouble();
        if (std::isnan(a) || std::isnan(b))
            return std::nullopt;
        return a < b ? -1 : (a > b ? 1 : 0);
    }
    const int order = QString::compare(toText(left), toText(right), Qt::CaseSensitive);
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

bool hasTerm(QStringView text, QStringView term, Qt::CaseSensitivity cs)
{
    if (term.isEmpty())
        return true;
    // Boundaries matter only where the term itself starts or ends with a term character:
    // 'a/b' may sit inside 'x.a/b.y', but 'kube' may not sit inside 'kubernetes'.
    const bool checkStart = isTermCharacter(term.front());
    const bool checkEnd = isTermCharacter(term.back());
    for (qsizetype from = text.indexOf(term, 0, cs); from >= 0; from = text.indexOf(term, from + 1, cs)) {
        const qsizetype end = from + term.size();
        const bool startOk = !checkStart || from == 0 || !isTermCharacter(text[from - 1]);
        const bool endOk = !checkEnd || end == text.size() || !isTermCharacter(text[end]);
        if (startOk && endOk)
            return true;
    }
    return false;
}

std::optional<bool> toPredicate(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    return std::nullopt;
}

QJsonValue toLongValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QJsonValue(qint64(value.toBool() ? 1 : 0));
    case QJsonValue::Double:
        if (const auto integer = wholeNumber(value))
            return QJsonValue(*integer);
        if (const auto integer = truncated(value.toDouble()))
            return QJsonValue(*integer);
        return QJsonValue::Null;
    case QJsonValue::String: {
        const QString text = value.toString().trimmed();
        bool ok = false;
        const qint64 integer = text.toLongLong(&ok);
        if (ok)
            return QJsonValue(integer);
        const double real = text.toDouble(&ok);
        if (ok) {
            if (const auto whole = truncated(real))
                return QJsonValue(*whole);
        }
        return QJsonValue::Null;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return QJsonValue::Null;
}

QJsonValue toDoubleValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QJsonValue(value.toBool() ? 1.0 : 0.0);
    case QJsonValue::Double:
        return QJsonValue(value.toDouble());
    case QJsonValue::String: {
        bool ok = false;
        const double real = value.toString().trimmed().toDouble(&ok);
        return ok ? QJsonValue(real) : QJsonValue(QJsonValue::Null);
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return QJsonValue::Null;
}

QJsonValue toBoolValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value;
    case QJsonValue::Double:
        return QJsonValue(value.toDouble() != 0);
    case QJsonValue::String: {
        const QString text = value.toString().trimmed();
        if (text.compare(u"true"_s, Qt::CaseInsensitive) == 0)
            return QJsonValue(true);
        if (text.compare(u"false"_s, Qt::CaseInsensitive) == 0)
            return QJsonValue(false);
        return QJsonValue::Null;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return QJsonValue::Null;
}

QString groupKey(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"n"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"b1"_s : u"b0"_s;
    case QJsonValue::Double:
        return u'd' % toText(value);
    case QJsonValue::String:
        return u's' % value.toString();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return u'j' % compactJson(value);
    }
    return {};
}

} // namespace Fluxdeck::Sandbox::Kql
