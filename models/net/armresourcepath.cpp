#include "armresourcepath.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

namespace {

bool same(QStringView a, QStringView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QStringList segmentsOf(QStringView path)
{
    QString text = path.toString();
    if (text.contains(u"://"))
        text = QUrl(text).path();
    text = text.section(u'?', 0, 0);
    return text.split(u'/', Qt::SkipEmptyParts);
}

} // namespace

QString ArmResourcePath::resourceType() const
{
    if (types.isEmpty())
        return providerNamespace;
    return providerNamespace + u'/' + types.join(u'/');
}

QString ArmResourcePath::permission(QByteArrayView method) const
{
    QString type = resourceType();
    // Resource groups are authorized as a child of their subscription.
    if (same(type, u"Microsoft.Resources/resourceGroups"))
        type = u"Microsoft.Resources/subscriptions/resourceGroups"_s;
    if (method == "POST")
        return action.isEmpty() ? QString(type + u"/read"_s) : QString(type + u'/' + action + u"/action"_s);
    if (method == "PUT" || method == "PATCH")
        return type + u"/write"_s;
    if (method == "DELETE")
        return type + u"/delete"_s;
    return type + u"/read"_s;
}

ArmResourcePath ArmResourcePath::parse(QStringView path, QByteArrayView method)
{
    const QStringList s = segmentsOf(path);
    ArmResourcePath result;
    qsizetype providers = -1;
    for (qsizetype i = s.size() - 1; i >= 0; --i) {
        if (same(s[i], u"providers")) {
            providers = i;
            break;
        }
    }

    if (providers < 0) {
        // Microsoft.Resources' own paths: subscriptions, resource groups, tenants.
        result.providerNamespace = u"Microsoft.Resources"_s;
        if (s.size() >= 3 && same(s[0], u"subscriptions") && same(s[2], u"resourcegroups")) {
            result.types = {u"resourceGroups"_s};
            result.name = s.value(3);
        } else if (!s.isEmpty() && same(s[0], u"tenants")) {
            result.types = {u"tenants"_s};
        } else if (!s.isEmpty()) {
            result.types = {u"subscriptions"_s};
            result.name = s.value(1);
        }
        return result;
    }

    const QStringList after = s.mid(providers + 1);
    if (after.isEmpty()) {
        // /subscriptions/{id}/providers: the resource providers themselves.
        result.providerNamespace = u"Microsoft.Resources"_s;
        result.types = {u"providers"_s};
        return result;
    }
    result.providerNamespace = after[0];
    QStringList rest = after.mid(1);
    // A provider's own actions: /subscriptions/{id}/providers/{namespace}/register.
    if (rest.size() == 1 && method == "POST" && (same(rest[0], u"register") || same(rest[0], u"unregister"))) {
        result.action = rest[0];
        return result;
    }
    if (method == "POST" && rest.size() >= 3 && rest.size() % 2 == 1)
        result.action = rest.takeLast();
    for (qsizetype i = 0; i < rest.size(); i += 2)
        result.types.append(rest[i]);
    if (rest.size() % 2 == 0 && !rest.isEmpty())
        result.name = rest.last();
    return result;
}

} // namespace Fluxdeck::Net
