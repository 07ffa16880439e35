#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <map>
#include <optional>

namespace Fluxdeck::Sandbox {

// Everything Resource Manager knows: subscriptions, provider registrations and resources
// (JSON as ARM returns it), keyed by resource id case-insensitively as ARM treats ids.
// Kept sorted by id, which gives stable paging and cheap "children of" lookups.
class ResourceStore final
{
public:
    struct Subscription
    {
        QString id;
        QString displayName;
        QString state = QStringLiteral("Enabled");
    };

    void addSubscription(const Subscription &subscription);
    const QList<Subscription> &subscriptions() const { return m_subscriptions; }
    const Subscription *subscription(const QString &id) const;

    QString providerState(const QString &subscription, const QString &providerNamespace) const;
    void setProviderState(const QString &subscription, const QString &providerNamespace, const QString &state);

    std::optional<QJsonObject> get(const QString &id) const;
    bool contains(const QString &id) const;
    void put(const QJsonObject &resource);      // by resource["id"]
    int remove(const QString &id);              // removes the resource and everything below it

    // Resources whose id starts with `scope` + "/" and whose type equals `type` (case-insensitive),
    // optionally only direct children of `scope` (no deeper nesting).
    QList<QJsonObject> list(const QString &scope, const QString &type, bool directChildrenOnly) const;
    QList<QJsonObject> all(const QString &scope) const;   // every resource below scope, in id order
    qsizetype size() const { return qsizetype(m_resources.size()); }

    // Protected settings live beside the resource and are never part of what GET returns.
    void setProtected(const QString &id, const QJsonObject &settings);
    QJsonObject protectedSettings(const QString &id) const;

    QJsonObject save() const;                   // what persists; protected values redacted
    void load(const QJsonObject &saved);

    quint64 revision() const { return m_revision; }

private:
    static QString key(const QString &id) { return id.toLower(); }

    QList<Subscription> m_subscriptions;
    QMap<QString, QString> m_providers;         // "<sub>/<namespace>" lower → state
    std::map<QString, QJsonObject> m_resources; // lower id → resource
    QMap<QString, QJsonObject> m_protected;     // lower id → settings (memory only)
    quint64 m_revision = 0;
};

} // namespace Fluxdeck::Sandbox
