#include "labelselector.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

Domain::Result<LabelSelector> invalid(const QString &text, const QString &why)
{
    return Domain::failure(u"unable to parse requirement: %1"_s.arg(why), text);
}

bool validKey(const QString &key)
{
    // An optional DNS-subdomain prefix, then a name of at most 63 characters.
    static const QRegularExpression pattern(
        u"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"_s);
    return pattern.match(key).hasMatch();
}

bool validValue(const QString &value)
{
    static const QRegularExpression pattern(u"^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$"_s);
    return pattern.match(value).hasMatch();
}

// Splits on commas outside parentheses: "a in (x,y),b" → "a in (x,y)", "b".
QStringList splitRequirements(const QString &text)
{
    QStringList parts;
    int depth = 0;
    QString current;
    for (const QChar c : text) {
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        if (c == u',' && depth == 0) {
            parts.append(current.trimmed());
            current.clear();
        } else {
            current.append(c);
        }
    }
    parts.append(current.trimmed());
    return parts;
}

} // namespace

Domain::Result<LabelSelector> LabelSelector::parse(const QString &text)
{
    LabelSelector selector;
    if (text.trimmed().isEmpty())
        return selector;
    static const QRegularExpression setPattern(u"^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$"_s);
    for (const QString &part : splitRequirements(text)) {
        if (part.isEmpty())
            return invalid(text, u"found '', expected: identifier"_s);
        Requirement requirement;
        if (const auto set = setPattern.match(part); set.hasMatch()) {
            requirement.key = set.captured(1);
            requirement.op = set.captured(2) == u"in" ? Operator::In : Operator::NotIn;
            for (const QString &value : set.captured(3).split(u',')) {
                const QString v = value.trimmed();
                if (!validValue(v))
                    return invalid(text, u"invalid label value: \"%1\""_s.arg(v));
                requirement.values.append(v);
            }
        } else if (part.startsWith(u'!')) {
            requirement.key = part.mid(1).trimmed();
            requirement.op = Operator::DoesNotExist;
        } else {
            qsizetype at = part.indexOf(u"!=");
            int width = 2;
            requirement.op = Operator::NotEquals;
            if (at < 0) {
                at = part.indexOf(u"==");
                requirement.op = Operator::Equals;
            }
            if (at < 0) {
                at = part.indexOf(u'=');
                width = 1;
            }
            if (at < 0) {
                requirement.key = part;
                requirement.op = Operator::Exists;
            } else {
                requirement.key = part.left(at).trimmed();
                const QString value = part.mid(at + width).trimmed();
                if (!validValue(value))
                    return invalid(text, u"invalid label value: \"%1\""_s.arg(value));
                requirement.values = {value};
            }
        }
        if (!validKey(requirement.key))
            return invalid(text, u"invalid label key \"%1\""_s.arg(requirement.key));
        selector.m_requirements.append(requirement);
    }
    return selector;
}

bool LabelSelector::matches(const QJsonObject &labels) const
{
    for (const Requirement &r : m_requirements) {
        const auto it = labels.constFind(r.key);
        const bool present = it != labels.constEnd();
        const QString value = present ? it->toString() : QString();
        switch (r.op) {
        case Operator::Equals:
            if (!present || value != r.values.first())
                return false;
            break;
        case Operator::NotEquals:
            if (present && value == r.values.first())
                return false;
            break;
        case Operator::In:
            if (!present || !r.values.contains(value))
                return false;
            break;
        case Operator::NotIn:
            if (present && r.values.contains(value))
                return false;
            break;
        case Operator::Exists:
            if (!present)
                return false;
            break;
        case Operator::DoesNotExist:
            if (present)
                return false;
            break;
        }
    }
    return true;
}

} // namespace Fluxdeck::Sandbox
