#pragma once

#include <deque>

#include "httpresponse.h"

#include <QJsonArray>
#include <QString>

#include <optional>

namespace Fluxdeck::Sandbox {

class ResourceStore;

// Azure Resource Graph: POST /providers/Microsoft.ResourceGraph/resources runs a KQL query
// (the subset in sandbox/kql/README.md) over the tables "resources", "resourcecontainers" and
// "kubernetesconfigurationresources", limited to the subscriptions asked for, paged with $top,
// $skip and $skipToken, in the "objectArray" result format.
class ResourceGraphService final
{
public:
    ResourceGraphService(const ResourceStore &store, QString tenantId);

    HttpResponse query(const HttpRequest &request);

    // The rows of one table as Resource Graph shows them (type and resourceGroup lower case).
    std::optional<QJsonArray> table(const QString &name, const QStringList &subscriptions) const;

private:
    // Results of recent queries while nothing in the store changed: paging with $skipToken
    // reads one snapshot, as Resource Graph's does, instead of running the query per page.
    struct Snapshot
    {
        QString key;          // query text and subscriptions
        quint64 revision = 0; // of the store when it was taken
        QJsonArray rows;
    };

    const ResourceStore &m_store;
    QString m_tenantId;
    std::deque<Snapshot> m_snapshots;
};

} // namespace Fluxdeck::Sandbox
