#pragma once

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
    const ResourceStore &m_store;
    QString m_tenantId;
};

} // namespace Fluxdeck::Sandbox
