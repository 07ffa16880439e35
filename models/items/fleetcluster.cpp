#include "fleetcluster.h"

#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Items {

namespace {

const QString ConfigurationProvider = u"/providers/microsoft.kubernetesconfiguration/"_s;

QString text(const QJsonObject &row, QStringView column)
{
    return row.value(column).toString();
}

} // namespace

FleetCompliance FleetCluster::compliance() const
{
    if (configurations.isEmpty())
        return FleetCompliance::NoConfiguration;
    FleetCompliance worst = FleetCompliance::Compliant;
    for (const FleetConfiguration &configuration : configurations)
        worst = std::min(worst, complianceFromAzure(configuration.complianceState));
    return worst;
}

QString FleetCluster::provisioningState() const
{
    QString worst;
    bool any = false;
    const auto consider = [&](const QString &state) {
        if (!any || provisioningRank(state) < provisioningRank(worst))
            worst = state;
        any = true;
    };
    if (extensionInstalled)
        consider(extensionProvisioningState);
    for (const FleetConfiguration &configuration : configurations)
        consider(configuration.provisioningState);
    return worst;
}

FleetCompliance FleetCluster::complianceFromAzure(const QString &state)
{
    if (state.compare(u"Compliant", Qt::CaseInsensitive) == 0)
        return FleetCompliance::Compliant;
    if (state.compare(u"Non-Compliant", Qt::CaseInsensitive) == 0 || state.compare(u"NonCompliant", Qt::CaseInsensitive) == 0)
        return FleetCompliance::NonCompliant;
    if (state.compare(u"Pending", Qt::CaseInsensitive) == 0)
        return FleetCompliance::Pending;
    if (state.compare(u"Suspended", Qt::CaseInsensitive) == 0)
        return FleetCompliance::Suspended;
    return FleetCompliance::Unknown;
}

QString FleetCluster::complianceAzureName(FleetCompliance compliance)
{
    switch (compliance) {
    case FleetCompliance::NonCompliant:
        return u"Non-Compliant"_s;
    case FleetCompliance::Pending:
        return u"Pending"_s;
    case FleetCompliance::Unknown:
        return u"Unknown"_s;
    case FleetCompliance::Suspended:
        return u"Suspended"_s;
    case FleetCompliance::Compliant:
        return u"Compliant"_s;
    case FleetCompliance::NoConfiguration:
        break;
    }
    return {};
}

QString FleetCluster::complianceText(FleetCompliance compliance)
{
    switch (compliance) {
    case FleetCompliance::NonCompliant:
        return tr("Non-Compliant");
    case FleetCompliance::Pending:
        return tr("Pending");
    case FleetCompliance::Unknown:
        return tr("Unknown");
    case FleetCompliance::Suspended:
        return tr("Suspended");
    case FleetCompliance::Compliant:
        return tr("Compliant");
    case FleetCompliance::NoConfiguration:
        return tr("No configuration");
    }
    return {};
}

int FleetCluster::provisioningRank(const QString &state)
{
    if (state.isEmpty())
        return 5;
    if (state.compare(u"Failed", Qt::CaseInsensitive) == 0)
        return 0;
    if (state.compare(u"Canceled", Qt::CaseInsensitive) == 0 || state.compare(u"Cancelled", Qt::CaseInsensitive) == 0)
        return 1;
    if (state.compare(u"Deleting", Qt::CaseInsensitive) == 0)
        return 2;
    if (state.compare(u"Succeeded", Qt::CaseInsensitive) == 0)
        return 4;
    return 3;   // Creating, Updating, Accepted…: still in progress
}

QString FleetCluster::provisioningText(const QString &state)
{
    if (state.isEmpty())
        return tr("not installed");
    if (state.compare(u"Succeeded", Qt::CaseInsensitive) == 0)
        return tr("Succeeded");
    if (state.compare(u"Failed", Qt::CaseInsensitive) == 0)
        return tr("Failed");
    if (state.compare(u"Canceled", Qt::CaseInsensitive) == 0 || state.compare(u"Cancelled", Qt::CaseInsensitive) == 0)
        return tr("Canceled");
    if (state.compare(u"Creating", Qt::CaseInsensitive) == 0)
        return tr("Creating");
    if (state.compare(u"Updating", Qt::CaseInsensitive) == 0)
        return tr("Updating");
    if (state.compare(u"Deleting", Qt::CaseInsensitive) == 0)
        return tr("Deleting");
    if (state.compare(u"Accepted", Qt::CaseInsensitive) == 0)
        return tr("Accepted");
    return state;
}

QString FleetCluster::kindText(Kind kind)
{
    return kind == Kind::Arc ? tr("Arc") : tr("AKS");
}

namespace FleetQuery {

QString clusters()
{
    return u"resources"
           " | where type in~ ('microsoft.containerservice/managedclusters', 'microsoft.kubernetes/connectedclusters')"
           " | extend kubernetesVersion = coalesce(tostring(properties.currentKubernetesVersion),"
           " tostring(properties.kubernetesVersion))"
           " | extend distribution = tostring(properties.distribution)"
           " | extend clusterState = coalesce(tostring(properties.connectivityStatus), tostring(properties.powerState.code))"
           " | project id, name, type, subscriptionId, resourceGroup, location, kubernetesVersion, distribution, clusterState"
           " | order by id asc"_s;
}

QString fluxExtensions()
{
    return u"kubernetesconfigurationresources"
           " | where type =~ 'microsoft.kubernetesconfiguration/extensions'"
           " | extend extensionType = tolower(coalesce(tostring(properties.extensionType),"
           " tostring(properties.ExtensionType)))"
           " | where extensionType == 'microsoft.flux'"
           " | extend extensionVersion = coalesce(tostring(properties.currentVersion), tostring(properties.CurrentVersion),"
           " tostring(properties.installedVersion), tostring(properties.InstalledVersion), tostring(properties.version),"
           " tostring(properties.Version))"
           " | extend provisioningState = coalesce(tostring(properties.provisioningState),"
           " tostring(properties.ProvisioningState))"
           " | project id, extensionVersion, provisioningState"
           " | order by id asc"_s;
}

QString fluxConfigurations()
{
    return u"kubernetesconfigurationresources"
           " | where type =~ 'microsoft.kubernetesconfiguration/fluxconfigurations'"
           " | extend complianceState = coalesce(tostring(properties.complianceState),"
           " tostring(properties.ComplianceState))"
           " | extend provisioningState = coalesce(tostring(properties.provisioningState),"
           " tostring(properties.ProvisioningState))"
           " | project id, name, complianceState, provisioningState"
           " | order by id asc"_s;
}

QString subscriptionNames()
{
    return u"resourcecontainers"
           " | where type =~ 'microsoft.resources/subscriptions'"
           " | project subscriptionId, name"_s;
}

QString clusterIdOf(const QString &childId)
{
    const qsizetype at = childId.indexOf(ConfigurationProvider, 0, Qt::CaseInsensitive);
    return at > 0 ? childId.left(at) : QString();
}

std::vector<FleetCluster> join(const QJsonArray &clusters, const QJsonArray &extensions, const QJsonArray &configurations,
                               const QHash<QString, QString> &subscriptionNames)
{
    std::vector<FleetCluster> fleet;
    fleet.reserve(size_t(clusters.size()));
    QHash<QString, size_t> byId;
    byId.reserve(clusters.size());
    for (const QJsonValue value : clusters) {
        const QJsonObject row = value.toObject();
        FleetCluster cluster;
        cluster.id = text(row, u"id");
        if (cluster.id.isEmpty())
            continue;
        const QString key = cluster.id.toLower();
        if (byId.contains(key))
            continue;
        cluster.name = text(row, u"name");
        // The id keeps the case the user gave; Resource Graph lowers resourceGroup.
        cluster.subscriptionId = cluster.id.section(u'/', 2, 2);
        if (cluster.subscriptionId.isEmpty())
            cluster.subscriptionId = text(row, u"subscriptionId");
        cluster.subscriptionName = subscriptionNames.value(cluster.subscriptionId.toLower());
        cluster.resourceGroup = cluster.id.section(u'/', 4, 4);
        if (cluster.resourceGroup.isEmpty())
            cluster.resourceGroup = text(row, u"resourceGroup");
        cluster.location = text(row, u"location");
        cluster.kind = text(row, u"type").contains(u"connectedclusters", Qt::CaseInsensitive) ? FleetCluster::Kind::Arc
                                                                                               : FleetCluster::Kind::Aks;
        cluster.kubernetesVersion = text(row, u"kubernetesVersion");
        cluster.distribution = text(row, u"distribution");
        cluster.clusterState = text(row, u"clusterState");
        byId.insert(key, fleet.size());
        fleet.push_back(std::move(cluster));
    }

    const auto clusterFor = [&](const QString &childId) -> FleetCluster * {
        const auto it = byId.constFind(clusterIdOf(childId).toLower());
        return it == byId.cend() ? nullptr : &fleet[*it];
    };
    for (const QJsonValue value : extensions) {
        const QJsonObject row = value.toObject();
        FleetCluster *cluster = clusterFor(text(row, u"id"));
        if (!cluster || cluster->extensionInstalled)
            continue;
        cluster->extensionInstalled = true;
        cluster->extensionVersion = text(row, u"extensionVersion");
        cluster->extensionProvisioningState = text(row, u"provisioningState");
    }
    for (const QJsonValue value : configurations) {
        const QJsonObject row = value.toObject();
        const QString id = text(row, u"id");
        FleetCluster *cluster = clusterFor(id);
        if (!cluster)
            continue;
        FleetConfiguration configuration;
        configuration.id = id;
        configuration.name = text(row, u"name");
        if (configuration.name.isEmpty())
            configuration.name = id.section(u'/', -1);
        configuration.complianceState = text(row, u"complianceState");
        configuration.provisioningState = text(row, u"provisioningState");
        cluster->configurations.append(configuration);
    }
    return fleet;
}

} // namespace FleetQuery

} // namespace Fluxdeck::Items
