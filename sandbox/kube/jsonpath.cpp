#include "jsonpath.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

Domain::Result<JsonPath> bad(const QString &expression, const QString &why)
{
    return Domain::failure(u"Unsupported JSONPath %1: %2"_s.arg(expression, why));
}

QJsonValue literal(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && (text.front() == u'"' || text.front() == u'\'') && text.back() == text.front())
        return text.mid(1, text.size() - 2);
    if (text == u"true" || text == u"false")
        return text == u"true";
    bool number = false;
    const double value = text.toDouble(&number);
    return number ? QJsonValue(value) : QJsonValue(text);
}

} // namespace

Domain::Result<JsonPath> JsonPath::parse(const QString &expression)
{
    QString text = expression.trimmed();
    if (text.startsWith(u'{') && text.endsWith(u'}'))
        text = text.mid(1, text.size() - 2).trimmed();
    if (text.startsWith(u'$'))
        text = text.mid(1);
    JsonPath path;
    qsizetype i = 0;
    while (i < text.size()) {
        Step step;
        if (text[i] == u'.') {
            ++i;
            qsizetype end = i;
            while (end < text.size() && text[end] != u'.' && text[end] != u'[')
                ++end;
            step.name = text.mid(i, end - i);
            if (step.name.isEmpty())
                return bad(expression, u"empty field name"_s);
            step.kind = step.name == u"*" ? Step::Kind::Wildcard : Step::Kind::Field;
            i = end;
        } else if (text[i] == u'[') {
            // The bracket ends at the first ']' outside quotes.
            qsizetype end = i + 1;
            QChar quote;
            while (end < text.size() && (!quote.isNull() || text[end] != u']')) {
                if (quote.isNull() && (text[end] == u'"' || text[end] == u'\''))
                    quote = text[end];
                else if (!quote.isNull() && text[end] == quote)
                    quote = QChar();
                ++end;
            }
            if (end >= text.size())
                return bad(expression, u"unclosed ["_s);
            const QString inner = text.mid(i + 1, end - i - 1).trimmed();
            i = end + 1;
            if (inner == u"*") {
                step.kind = Step::Kind::Wildcard;
            } else if (inner.startsWith(u"?(") && inner.endsWith(u')')) {
                step.kind = Step::Kind::Filter;
                QString condition = inner.mid(2, inner.size() - 3).trimmed();
                qsizetype at = condition.indexOf(u"==");
                step.filterOperator = u"=="_s;
                if (at < 0) {
                    at = condition.indexOf(u"!=");
                    step.filterOperator = u"!="_s;
                }
                QString left = at < 0 ? condition : condition.left(at).trimmed();
                if (at < 0)
                    step.filterOperator.clear();
                else
                    step.filterValue = literal(condition.mid(at + 2));
                if (!left.startsWith(u"@."))
                    return bad(expression, u"filters must start with @."_s);
                step.filterPath = left.mid(2).split(u'.');
            } else if (inner.size() >= 2 && (inner.front() == u'\'' || inner.front() == u'"')) {
                step.kind = Step::Kind::Field;
                step.name = inner.mid(1, inner.size() - 2);
            } else {
                bool number = false;
                step.index = inner.toInt(&number);
                if (!number)
                    return bad(expression, u"unsupported subscript [%1]"_s.arg(inner));
                step.kind = Step::Kind::Index;
            }
        } else {
            return bad(expression, u"unexpected '%1'"_s.arg(text[i]));
        }
        path.m_steps.append(step);
    }
    return path;
}

QList<QJsonValue> JsonPath::evaluate(const QJsonValue &root) const
{
    return evaluate(root, 0, m_steps.size());
}

QList<QJsonValue> JsonPath::evaluate(const QJsonValue &root, qsizetype from, qsizetype to) const
{
    QList<QJsonValue> current{root};
    for (qsizetype i = from; i < to; ++i) {
        const Step &step = m_steps[i];
        QList<QJsonValue> next;
        for (const QJsonValue &value : std::as_const(current)) {
            switch (step.kind) {
            case Step::Kind::Field:
                if (value.isObject()) {
                    const QJsonObject object = value.toObject();
                    const auto it = object.constFind(step.name);
                    if (it != object.constEnd())
                        next.append(*it);
                }
                break;
            case Step::Kind::Index:
                if (value.isArray()) {
                    const QJsonArray array = value.toArray();
                    const qsizetype index = step.index < 0 ? array.size() + step.index : step.index;
                    if (index >= 0 && index < array.size())
                        next.append(array.at(index));
                }
                break;
            case Step::Kind::Wildcard:
                if (value.isArray()) {
                    for (const QJsonValue &item : value.toArray())
                        next.append(item);
                } else if (value.isObject()) {
                    for (const QJsonValue &item : value.toObject())
                        next.append(item);
                }
                break;
            case Step::Kind::Filter:
                if (value.isArray()) {
                    for (const QJsonValue &item : value.toArray()) {
                        QJsonValue field = item;
                        for (const QString &part : step.filterPath)
                            field = field.toObject().value(part);
                        const bool keep = step.filterOperator.isEmpty()
                            ? !field.isUndefined()
                            : (field == step.filterValue) == (step.filterOperator == u"==");
                        if (keep && (!step.filterOperator.isEmpty() || !field.isNull()))
                            next.append(item);
                    }
                }
                break;
            }
        }
        current = std::move(next);
    }
    return current;
}

QJsonValue JsonPath::first(const QJsonValue &root) const
{
    return firstFrom(root, 0);
}

// Depth first, stopping at the first match: what a printer column needs, without the lists.
QJsonValue JsonPath::firstFrom(const QJsonValue &value, qsizetype stepIndex) const
{
    if (stepIndex == m_steps.size())
        return value;
    const Step &step = m_steps[stepIndex];
    switch (step.kind) {
    case Step::Kind::Field: {
        if (!value.isObject())
            return QJsonValue::Undefined;
        const QJsonValue child = value[step.name];
        return child.isUndefined() ? child : firstFrom(child, stepIndex + 1);
    }
    case Step::Kind::Index: {
        if (!value.isArray())
            return QJsonValue::Undefined;
        const QJsonArray array = value.toArray();
        const qsizetype index = step.index < 0 ? array.size() + step.index : step.index;
        return index >= 0 && index < array.size() ? firstFrom(array.at(index), stepIndex + 1) : QJsonValue::Undefined;
    }
    case Step::Kind::Wildcard:
    case Step::Kind::Filter:
        break;
    }
    for (const QJsonValue &candidate : evaluate(value, stepIndex, stepIndex + 1)) {
        const QJsonValue found = firstFrom(candidate, stepIndex + 1);
        if (!found.isUndefined())
            return found;
    }
    return QJsonValue::Undefined;
}

} // namespace Fluxdeck::Sandbox
