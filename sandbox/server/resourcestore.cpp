#include "resourcestore.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

void ResourceStore::addSubscription(const Subscription &subscription)
{
    m_subscriptions.append(subscription);
    ++m_revision;
}

const ResourceStore::Subscription *ResourceStore::subscription(const QString &id) const
{
    for (const Subscription &s : m_subscriptions) {
        if (s.id.compare(id, Qt::CaseInsensitive) == 0)
            return &s;
    }
    return nullptr;
}

QString ResourceStore::providerState(const QString &subscription, const QString &providerNamespace) const
{
    return m_providers.value((subscription + u'/' + providerNamespace).toLower(), u"NotRegistered"_s);
}

void ResourceStore::setProviderState(const QString &subscription, const QString &providerNamespace, const QString &state)
{
    m_providers.insert((subscription + u'/' + providerNamespace).toLower(), state);
    ++m_revision;
}

std::optional<QJsonObject> ResourceStore::get(const QString &id) const
{
    const auto it = m_resources.find(key(id));
    if (it == m_resources.end())
        return std::nullopt;
    return it->second;
}

bool ResourceStore::contains(const QString &id) const
{
    return m_resources.contains(key(id));
}

void ResourceStore::put(const QJsonObject &resource)
{
    m_resources[key(resource.value(u"id").toString())] = resource;
    ++m_revision;
}

int ResourceStore::remove(const QString &id)
{
    const QString k = key(id);
    const QString prefix = k + u'/';
    int removed = 0;
    for (auto it = m_resources.lower_bound(k); it != m_resources.end();) {
        if (it->first != k && !it->first.startsWith(prefix))
            break;
        m_protected.remove(it->first);
        it = m_resources.erase(it);
        ++removed;
    }
    ++m_revision;
    return removed;
}

QList<QJsonObject> ResourceStore::list(const QString &scope, const QString &type, bool directChildrenOnly) const
{
    const QString prefix = key(scope) + u'/';
    const int depth = int(prefix.count(u'/'));
    QList<QJsonObject> result;
    for (auto it = m_resources.lower_bound(prefix); it != m_resources.end() && it->first.startsWith(prefix); ++it) {
        if (it->second.value(u"type").toString().compare(type, Qt::CaseInsensitive) != 0)
            continue;
        // A direct child adds exactly "providers/<ns>/<type>/<name>" or "<type>/<name>" below scope.
        if (directChildrenOnly) {
            const int extra = int(it->first.count(u'/')) - depth;
            if (extra > 3)
                continue;
        }
        result.append(it->second);
    }
    return result;
}

QList<QJsonObject> ResourceStore::all(const QString &scope) const
{
    const QString prefix = key(scope) + u'/';
    QList<QJsonObject> result;
    for (auto it = m_resources.lower_bound(prefix); it != m_resources.end() && it->first.startsWith(prefix); ++it)
        result.append(it->second);
    return result;
}

void ResourceStore::setProtected(const QString &id, const QJsonObject &settings)
{
    m_protected.insert(key(id), settings);
}

QJsonObject ResourceStore::protectedSettings(const QString &id) const
{
    return m_protected.value(key(id));
}

QJsonObject ResourceStore::save() const
{
    QJsonArray subscriptions;
    for (const Subscription &s : m_subscriptions)
        subscriptions.append(QJsonObject{{u"id"_s, s.id}, {u"displayName"_s, s.displayName}, {u"state"_s, s.state}});
    QJsonObject providers;
    for (auto it = m_providers.cbegin(); it != m_providers.cend(); ++it)
        providers.insert(it.key(), it.value());
    QJsonArray resources;
    for (const auto &[id, resource] : m_resources)
        resources.append(resource);
    return QJsonObject{{u"subscriptions"_s, subscriptions}, {u"providers"_s, providers}, {u"resources"_s, resources}};
}

void ResourceStore::load(const QJsonObject &saved)
{
    m_subscriptions.clear();
    m_providers.clear();
    m_resources.clear();
    m_protected.clear();
    for (const QJsonValue &value : saved.value(u"subscriptions").toArray()) {
        const QJsonObject s = value.toObject();
        m_subscriptions.append({s.value(u"id").toString(), s.value(u"displayName").toString(),
                                s.value(u"state").toString(u"Enabled"_s)});
    }
    const QJsonObject providers = saved.value(u"providers").toObject();
    for (auto it = providers.begin(); it != providers.end(); ++it)
        m_providers.insert(it.key(), it.value().toString());
    for (const QJsonValue &value : saved.value(u"resources").toArray())
        m_resources[key(value.toObject().value(u"id").toString())] = value.toObject();
    ++m_revision;
}

} // namespace Fluxdeck::Sandbox
