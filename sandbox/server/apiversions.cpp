#include "apiversions.h"

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

QStringList regions()
{
    return {u"East US"_s,      u"East US 2"_s,      u"West US 2"_s,          u"West US 3"_s,
            u"Central US"_s,   u"North Europe"_s,   u"West Europe"_s,        u"UK South"_s,
            u"France Central"_s, u"Germany West Central"_s, u"Sweden Central"_s, u"Switzerland North"_s,
            u"Southeast Asia"_s, u"Japan East"_s,   u"Australia East"_s,     u"Canada Central"_s,
            u"Brazil South"_s, u"South Central US"_s, u"Korea Central"_s,    u"Central India"_s};
}

QStringList configurationVersions()
{
    return {u"2021-11-01-preview"_s, u"2022-01-01-preview"_s, u"2022-03-01"_s,         u"2022-07-01"_s,
            u"2022-11-01"_s,         u"2023-05-01"_s,         u"2024-04-01-preview"_s, u"2024-06-01-preview"_s,
            u"2024-11-01"_s,         u"2025-04-01"_s};
}

QStringList extensionVersions()
{
    return {u"2020-07-01-preview"_s, u"2021-05-01-preview"_s, u"2021-09-01"_s, u"2021-11-01-preview"_s,
            u"2022-01-01-preview"_s, u"2022-01-15-preview"_s, u"2022-03-01"_s, u"2022-04-02-preview"_s,
            u"2022-07-01"_s,         u"2022-11-01"_s,         u"2023-05-01"_s, u"2024-11-01"_s,
            u"2025-03-01"_s};
}

QStringList managedClusterVersions()
{
    return {u"2022-01-01"_s,         u"2023-01-01"_s,         u"2023-10-01"_s, u"2024-01-01"_s,
            u"2024-05-01"_s,         u"2024-09-01"_s,         u"2024-10-01"_s, u"2025-01-01"_s,
            u"2025-02-01"_s,         u"2025-02-02-preview"_s, u"2025-03-01"_s, u"2025-05-01"_s,
            u"2025-07-01"_s,         u"2025-10-01"_s,         u"2026-01-01"_s, u"2026-04-01"_s,
            u"2026-06-01"_s};
}

QStringList connectedClusterVersions()
{
    return {u"2021-03-01"_s,         u"2021-10-01"_s,         u"2022-05-01-preview"_s, u"2022-10-01-preview"_s,
            u"2023-11-01-preview"_s, u"2024-01-01"_s,         u"2024-02-01-preview"_s, u"2024-06-01-preview"_s,
            u"2024-07-01-preview"_s, u"2024-07-15-preview"_s, u"2024-12-01-preview"_s, u"2025-08-01-preview"_s,
            u"2026-03-01"_s,         u"2026-05-01"_s};
}

QStringList resourceManagerVersions()
{
    return {u"2016-06-01"_s, u"2018-06-01"_s, u"2019-06-01"_s, u"2019-11-01"_s, u"2020-01-01"_s,
            u"2021-01-01"_s, u"2021-04-01"_s, u"2022-09-01"_s, u"2022-12-01"_s, u"2023-07-01"_s,
            u"2024-03-01"_s, u"2024-07-01"_s, u"2024-11-01"_s, u"2025-03-01"_s, u"2025-04-01"_s};
}

QList<ResourceType> buildTable()
{
    const QString config = u"Microsoft.KubernetesConfiguration"_s;
    QList<ResourceType> table;
    // Extension resources: addressed under managedClusters, connectedClusters or
    // provisionedClusters, registered once under the provider as ARM does.
    table.append({config, u"fluxConfigurations"_s, configurationVersions(), regions()});
    table.append({config, u"extensions"_s, extensionVersions(), regions()});
    table.append({config, u"operations"_s, configurationVersions(), {}});
    table.append({config, u"fluxConfigurations/operations"_s, configurationVersions(), regions()});
    table.append({config, u"extensions/operations"_s, extensionVersions(), regions()});
    table.append({u"Microsoft.ContainerService"_s, u"managedClusters"_s, managedClusterVersions(), regions()});
    table.append({u"Microsoft.ContainerService"_s, u"locations"_s, managedClusterVersions(), {}});
    // Arc reaches regions where the GitOps service does not run yet (the demo's Doha factory).
    table.append({u"Microsoft.Kubernetes"_s, u"connectedClusters"_s, connectedClusterVersions(),
                  regions() + QStringList{u"Qatar Central"_s}});
    table.append({u"Microsoft.Kubernetes"_s, u"locations"_s, connectedClusterVersions(), {}});
    table.append({u"Microsoft.Authorization"_s, u"permissions"_s,
                  {u"2015-07-01"_s, u"2018-01-01-preview"_s, u"2022-04-01"_s}, {}});
    table.append({u"Microsoft.Resources"_s, u"subscriptions"_s, resourceManagerVersions(), {}});
    table.append({u"Microsoft.Resources"_s, u"resourceGroups"_s, resourceManagerVersions(), {}});
    table.append({u"Microsoft.Resources"_s, u"providers"_s, resourceManagerVersions(), {}});
    table.append({u"Microsoft.Resources"_s, u"tenants"_s, resourceManagerVersions(), {}});
    table.append({u"Microsoft.ResourceGraph"_s, u"resources"_s,
                  {u"2019-04-01"_s, u"2020-04-01-preview"_s, u"2021-03-01"_s, u"2022-10-01"_s, u"2024-04-01"_s},
                  {}});
    table.append({u"Microsoft.Authorization"_s, u"permissions"_s,
                  {u"2015-07-01"_s, u"2018-01-01-preview"_s, u"2022-04-01"_s}, {}});
    return table;
}

} // namespace

const QList<ResourceType> &resourceTypes()
{
    static const QList<ResourceType> table = buildTable();
    return table;
}

const ResourceType *findResourceType(const QString &providerNamespace, const QString &type)
{
    for (const ResourceType &entry : resourceTypes()) {
        if (entry.providerNamespace.compare(providerNamespace, Qt::CaseInsensitive) == 0
            && entry.type.compare(type, Qt::CaseInsensitive) == 0)
            return &entry;
    }
    return nullptr;
}

} // namespace Fluxdeck::Sandbox
