#pragma once

#include <QString>
#include <QStringList>

namespace Fluxdeck::Sandbox {

// The api-versions Azure Resource Manager serves for each resource type the sandbox knows,
// as Azure lists them in NoRegisteredProviderFound / InvalidResourceType errors. Real clients
// pin different versions (Debian's Python SDKs: 2023-05-01 for configurations, 2024-12-01-preview
// for connected clusters, 2025-03-01 for managed clusters), so every one of them is accepted.
struct ResourceType
{
    QString providerNamespace;   // e.g. "Microsoft.KubernetesConfiguration"
    QString type;                // e.g. "fluxConfigurations", or "managedClusters/extensions"
    QStringList apiVersions;     // newest last
    QStringList locations;
};

const QList<ResourceType> &resourceTypes();

// The registered type for a provider namespace and type path (case-insensitive), or nullptr.
const ResourceType *findResourceType(const QString &providerNamespace, const QString &type);

} // namespace Fluxdeck::Sandbox
