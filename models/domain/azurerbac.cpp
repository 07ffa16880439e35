#include "azurerbac.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Domain {

namespace {

bool anyMatches(const QJsonArray &patterns, const QString &action)
{
    return std::ranges::any_of(patterns, [&](const QJsonValue &pattern) {
        return rbacActionMatches(pattern.toString(), action);
    });
}

} // namespace

bool rbacActionMatches(const QString &pattern, const QString &action)
{
    if (pattern == u"*")
        return true;
    if (!pattern.contains(u'*'))
        return pattern.compare(action, Qt::CaseInsensitive) == 0;
    QString expression;
    const QStringList pieces = pattern.split(u'*');
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0)
            expression += u".*"_s;
        expression += QRegularExpression::escape(pieces[i]);
    }
    const QRegularExpression regex(QRegularExpression::anchoredPattern(expression),
                                   QRegularExpression::CaseInsensitiveOption);
    return regex.match(action).hasMatch();
}

bool rbacAllows(const QJsonArray &permissions, const QString &action)
{
    return std::ranges::any_of(permissions, [&](const QJsonValue &entry) {
        const QJsonObject permission = entry.toObject();
        return anyMatches(permission.value(u"actions").toArray(), action)
               && !anyMatches(permission.value(u"notActions").toArray(), action);
    });
}

} // namespace Fluxdeck::Domain
