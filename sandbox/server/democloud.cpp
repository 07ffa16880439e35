#include "democloud.h"

#include "extension/fluxrelease.h"
#include "resourcestore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

const QString ProductionSubscription = u"6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"_s;
const QString DevelopmentSubscription = u"7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5"_s;
const QString Stamp = u"2026-11-01T09:00:00.000Z"_s;

// Stable GUIDs derived from a name, so a demo cloud looks the same on every start.
QString guidFor(const QString &name)
{
    return QUuid::createUuidV5(QUuid(u"{3d1f7a52-0c1e-4f39-9b55-5f0c2d8a7e11}"_s), name).toString(QUuid::WithoutBraces);
}

QJsonObject facts(const ClusterFacts &f)
{
    QJsonObject object{{u"nodes"_s, f.nodes}, {u"architecture"_s, f.architecture},
                       {u"kubernetesVersion"_s, f.kubernetesVersion}};
    if (f.fleet)
        object.insert(u"fleet"_s, true);
    return object;
}

QString regionName(const QString &location)
{
    return location.toLower().remove(u' ');
}

void addGroup(ResourceStore &store, const QString &subscription, const QString &name, const QString &location)
{
    store.put(QJsonObject{
        {u"id"_s, u"/subscriptions/%1/resourceGroups/%2"_s.arg(subscription, name)},
        {u"name"_s, name},
        {u"type"_s, u"Microsoft.Resources/resourceGroups"_s},
        {u"location"_s, regionName(location)},
        {u"tags"_s, QJsonObject{}},
        {u"properties"_s, QJsonObject{{u"provisioningState"_s, u"Succeeded"_s}}},
    });
}

QString addManagedCluster(ResourceStore &store, const QString &tenant, const QString &subscription, const QString &group,
                          const QString &name, const QString &location, const ClusterFacts &f, bool managedIdentity,
                          const QString &powerState = u"Running"_s)
{
    const QString id = u"/subscriptions/%1/resourceGroups/%2/providers/Microsoft.ContainerService/managedClusters/%3"_s
                           .arg(subscription, group, name);
    const QString region = regionName(location);
    QJsonObject properties{
        {u"provisioningState"_s, u"Succeeded"_s},
        {u"powerState"_s, QJsonObject{{u"code"_s, powerState}}},
        {u"kubernetesVersion"_s, f.kubernetesVersion},
        {u"currentKubernetesVersion"_s, f.kubernetesVersion},
        {u"dnsPrefix"_s, QString(name + u"-dns"_s)},
        {u"fqdn"_s, u"%1-dns-%2.hcp.%3.azmk8s.io"_s.arg(name, guidFor(id).left(8), region)},
        {u"agentPoolProfiles"_s, QJsonArray{QJsonObject{
                                     {u"name"_s, u"nodepool1"_s},
                                     {u"count"_s, f.nodes},
                                     {u"vmSize"_s, f.architecture == u"arm64" ? u"Standard_D4ps_v5"_s : u"Standard_D4s_v5"_s},
                                     {u"osType"_s, u"Linux"_s},
                                     {u"osSKU"_s, u"AzureLinux"_s},
                                     {u"mode"_s, u"System"_s},
                                     {u"type"_s, u"VirtualMachineScaleSets"_s},
                                     {u"provisioningState"_s, u"Succeeded"_s},
                                     {u"powerState"_s, QJsonObject{{u"code"_s, powerState}}},
                                     {u"orchestratorVersion"_s, f.kubernetesVersion},
                                 }}},
        {u"servicePrincipalProfile"_s,
         QJsonObject{{u"clientId"_s, managedIdentity ? u"msi"_s : guidFor(id + u"/spn"_s)}}},
        {u"nodeResourceGroup"_s, u"MC_%1_%2_%3"_s.arg(group, name, region)},
        {u"enableRBAC"_s, true},
        {u"networkProfile"_s, QJsonObject{{u"networkPlugin"_s, u"azure"_s}, {u"networkPluginMode"_s, u"overlay"_s},
                                         {u"podCidr"_s, u"10.244.0.0/16"_s}, {u"serviceCidr"_s, u"10.0.0.0/16"_s},
                                         {u"dnsServiceIP"_s, u"10.0.0.10"_s}, {u"outboundType"_s, u"loadBalancer"_s}}},
        {u"oidcIssuerProfile"_s, QJsonObject{{u"enabled"_s, true}}},
        {u"maxAgentPools"_s, 100},
    };
    QJsonObject cluster{
        {u"id"_s, id},
        {u"name"_s, name},
        {u"type"_s, u"Microsoft.ContainerService/ManagedClusters"_s},
        {u"location"_s, region},
        {u"tags"_s, QJsonObject{}},
        {u"sku"_s, QJsonObject{{u"name"_s, u"Base"_s}, {u"tier"_s, u"Free"_s}}},
        {u"properties"_s, properties},
        {u"__cluster"_s, facts(f)},
    };
    if (managedIdentity)
        cluster.insert(u"identity"_s, QJsonObject{{u"type"_s, u"SystemAssigned"_s}, {u"principalId"_s, guidFor(id + u"/mi"_s)},
                                                  {u"tenantId"_s, tenant}});
    store.put(cluster);
    return id;
}

QString addConnectedCluster(ResourceStore &store, const QString &tenant, const QString &subscription, const QString &group,
                            const QString &name, const QString &location, const ClusterFacts &f,
                            const QString &distribution, const QString &connectivity = u"Connected"_s)
{
    const QString id = u"/subscriptions/%1/resourceGroups/%2/providers/Microsoft.Kubernetes/connectedClusters/%3"_s
                           .arg(subscription, group, name);
    store.put(QJsonObject{
        {u"id"_s, id},
        {u"name"_s, name},
        {u"type"_s, u"microsoft.kubernetes/connectedclusters"_s},
        {u"location"_s, regionName(location)},
        {u"tags"_s, QJsonObject{}},
        {u"kind"_s, u"ProvisionedCluster"_s},
        {u"identity"_s, QJsonObject{{u"type"_s, u"SystemAssigned"_s}, {u"principalId"_s, guidFor(id + u"/mi"_s)},
                                   {u"tenantId"_s, tenant}}},
        {u"properties"_s, QJsonObject{
                              {u"provisioningState"_s, u"Succeeded"_s},
                              {u"connectivityStatus"_s, connectivity},
                              {u"agentVersion"_s, u"1.27.4"_s},
                              {u"kubernetesVersion"_s, f.kubernetesVersion},
                              {u"totalNodeCount"_s, f.nodes},
                              {u"totalCoreCount"_s, f.nodes * 4},
                              {u"distribution"_s, distribution},
                              {u"distributionVersion"_s, QJsonValue::Null},
                              {u"infrastructure"_s, u"generic"_s},
                              {u"lastConnectivityTime"_s, Stamp},
                              {u"managedIdentityCertificateExpirationTime"_s, u"2027-02-01T09:00:00Z"_s},
                              {u"privateLinkState"_s, u"Disabled"_s},
                              {u"azureHybridBenefit"_s, u"NotApplicable"_s},
                              {u"agentPublicKeyCertificate"_s, u""_s},
                          }},
        {u"__cluster"_s, facts(f)},
    });
    return id;
}

void addFluxExtension(ResourceStore &store, const QString &tenant, const QString &clusterId, const QString &version,
                      bool autoUpgrade, const QString &state = u"Succeeded"_s)
{
    const QString id = clusterId + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux"_s;
    store.put(QJsonObject{
        {u"id"_s, id},
        {u"name"_s, u"flux"_s},
        {u"type"_s, u"Microsoft.KubernetesConfiguration/extensions"_s},
        {u"systemData"_s, QJsonObject{{u"createdBy"_s, tenant}, {u"createdByType"_s, u"Application"_s},
                                     {u"createdAt"_s, Stamp}, {u"lastModifiedBy"_s, tenant},
                                     {u"lastModifiedByType"_s, u"Application"_s}, {u"lastModifiedAt"_s, Stamp}}},
        {u"identity"_s, QJsonObject{{u"type"_s, u"SystemAssigned"_s}, {u"principalId"_s, guidFor(id)},
                                   {u"tenantId"_s, tenant}}},
        {u"properties"_s, QJsonObject{
                              {u"extensionType"_s, u"microsoft.flux"_s},
                              {u"autoUpgradeMinorVersion"_s, autoUpgrade},
                              {u"releaseTrain"_s, u"Stable"_s},
                              {u"version"_s, autoUpgrade ? QJsonValue(QJsonValue::Null) : QJsonValue(version)},
                              {u"currentVersion"_s, version},
                              {u"scope"_s, QJsonObject{{u"cluster"_s, QJsonObject{{u"releaseNamespace"_s, u"flux-system"_s}}}}},
                              {u"configurationSettings"_s, QJsonObject{}},
                              {u"provisioningState"_s, state},
                              {u"statuses"_s, QJsonArray{}},
                              {u"isSystemExtension"_s, false},
                          }},
    });
}

void addFluxConfiguration(ResourceStore &store, const QString &tenant, const QString &clusterId, const QString &name,
                          const QString &path, const QString &complianceState, const QString &provisioningState)
{
    const QString id = clusterId + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/"_s + name;
    const auto kustomization = [](const QString &k, const QString &p, const QStringList &dependsOn) {
        return QJsonObject{{u"name"_s, k}, {u"path"_s, p}, {u"dependsOn"_s, QJsonArray::fromStringList(dependsOn)},
                           {u"timeoutInSeconds"_s, 600}, {u"syncIntervalInSeconds"_s, 600},
                           {u"retryIntervalInSeconds"_s, QJsonValue::Null}, {u"prune"_s, true}, {u"force"_s, false},
                           {u"wait"_s, true}};
    };
    store.put(QJsonObject{
        {u"id"_s, id},
        {u"name"_s, name},
        {u"type"_s, u"Microsoft.KubernetesConfiguration/fluxConfigurations"_s},
        {u"systemData"_s, QJsonObject{{u"createdBy"_s, tenant}, {u"createdByType"_s, u"Application"_s},
                                     {u"createdAt"_s, Stamp}, {u"lastModifiedBy"_s, tenant},
                                     {u"lastModifiedByType"_s, u"Application"_s}, {u"lastModifiedAt"_s, Stamp}}},
        {u"properties"_s, QJsonObject{
                              {u"scope"_s, u"cluster"_s},
                              {u"namespace"_s, u"cluster-config"_s},
                              {u"sourceKind"_s, u"GitRepository"_s},
                              {u"suspend"_s, false},
                              {u"gitRepository"_s, QJsonObject{
                                                       {u"url"_s, u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s},
                                                       {u"timeoutInSeconds"_s, 600},
                                                       {u"syncIntervalInSeconds"_s, 600},
                                                       {u"repositoryRef"_s, QJsonObject{{u"branch"_s, u"main"_s},
                                                                                       {u"tag"_s, QJsonValue::Null},
                                                                                       {u"semver"_s, QJsonValue::Null},
                                                                                       {u"commit"_s, QJsonValue::Null}}},
                                                   }},
                              {u"kustomizations"_s, QJsonObject{
                                                        {u"infra"_s, kustomization(u"infra"_s, u"./infrastructure"_s, {})},
                                                        {u"apps"_s, kustomization(u"apps"_s, path, {u"infra"_s})},
                                                    }},
                              {u"statuses"_s, QJsonArray{}},
                              {u"repositoryPublicKey"_s, u""_s},
                              {u"sourceSyncedCommitId"_s, QJsonValue::Null},
                              {u"sourceUpdatedAt"_s, QJsonValue::Null},
                              {u"statusUpdatedAt"_s, QJsonValue::Null},
                              {u"waitForReconciliation"_s, false},
                              {u"complianceState"_s, complianceState},
                              {u"provisioningState"_s, provisioningState},
                              {u"errorMessage"_s, u""_s},
                          }},
    });
}

void registerProviders(ResourceStore &store, const QString &subscription, bool configuration)
{
    store.setProviderState(subscription, u"Microsoft.ContainerService"_s, u"Registered"_s);
    store.setProviderState(subscription, u"Microsoft.Kubernetes"_s, u"Registered"_s);
    store.setProviderState(subscription, u"Microsoft.KubernetesConfiguration"_s,
                           configuration ? u"Registered"_s : u"NotRegistered"_s);
    store.setProviderState(subscription, u"Microsoft.ResourceGraph"_s, u"Registered"_s);
    store.setProviderState(subscription, u"Microsoft.Authorization"_s, u"Registered"_s);
}

} // namespace

void seedDemoCloud(ResourceStore &store, const QString &tenantId)
{
    store.addSubscription({ProductionSubscription, u"Contoso Platform (sandbox)"_s});
    store.addSubscription({DevelopmentSubscription, u"Contoso Dev/Test (sandbox)"_s});
    registerProviders(store, ProductionSubscription, true);
    registerProviders(store, DevelopmentSubscription, false);

    addGroup(store, ProductionSubscription, u"rg-gitops-prod"_s, u"East US"_s);
    addGroup(store, ProductionSubscription, u"rg-edge"_s, u"West Europe"_s);
    addGroup(store, DevelopmentSubscription, u"rg-dev"_s, u"West US 2"_s);

    const QString prod = addManagedCluster(store, tenantId, ProductionSubscription, u"rg-gitops-prod"_s,
                                           u"aks-prod-eastus"_s, u"East US"_s, ClusterFacts{3, u"amd64"_s, u"1.32.6"_s}, true);
    addFluxExtension(store, tenantId, prod, latestFluxExtensionVersion(), true);
    addFluxConfiguration(store, tenantId, prod, u"cluster-config"_s, u"./apps/staging"_s, u"Pending"_s, u"Succeeded"_s);

    addManagedCluster(store, tenantId, ProductionSubscription, u"rg-gitops-prod"_s, u"aks-legacy-spn"_s, u"East US"_s,
                      ClusterFacts{2, u"amd64"_s, u"1.31.9"_s}, false);

    addConnectedCluster(store, tenantId, ProductionSubscription, u"rg-edge"_s, u"arc-edge-arm64"_s, u"West Europe"_s,
                        ClusterFacts{3, u"arm64"_s, u"1.31.5"_s}, u"k3s"_s);
    const QString store01 = addConnectedCluster(store, tenantId, ProductionSubscription, u"rg-edge"_s,
                                                u"arc-retail-store-01"_s, u"West Europe"_s,
                                                ClusterFacts{1, u"amd64"_s, u"1.30.8"_s}, u"aks_edge_k3s"_s);
    addFluxExtension(store, tenantId, store01, u"1.17.3"_s, false);

    // The retail team owns its store clusters; the platform team may only read them, so writing
    // Flux there is refused (AuthorizationFailed), as the permissions API tells beforehand.
    if (auto retail = store.get(store01)) {
        retail->insert(u"__access"_s, QJsonObject{{u"actions"_s, QJsonArray{u"*/read"_s,
                                                                            u"Microsoft.Kubernetes/connectedClusters/listClusterUserCredential/action"_s}},
                                                  {u"notActions"_s, QJsonArray{}}});
        store.put(*retail);
    }

    addManagedCluster(store, tenantId, DevelopmentSubscription, u"rg-dev"_s, u"aks-dev-westus2"_s, u"West US 2"_s,
                      ClusterFacts{2, u"amd64"_s, u"1.33.2"_s}, true);

    // Factory edge: one cluster in a region without the GitOps service, one ARM64 board whose
    // microsoft.flux predates ARM64 support (installed before its ARM64 nodes joined: it failed).
    addGroup(store, ProductionSubscription, u"rg-factory"_s, u"West Europe"_s);
    addConnectedCluster(store, tenantId, ProductionSubscription, u"rg-factory"_s, u"arc-factory-doha"_s,
                        u"Qatar Central"_s, ClusterFacts{2, u"amd64"_s, u"1.31.5"_s}, u"k3s"_s);
    const QString pi = addConnectedCluster(store, tenantId, ProductionSubscription, u"rg-factory"_s,
                                           u"arc-factory-pi"_s, u"West Europe"_s,
                                           ClusterFacts{1, u"arm64"_s, u"1.30.8"_s}, u"k3s"_s);
    addFluxExtension(store, tenantId, pi, u"1.6.3"_s, false, u"Failed"_s);
    if (auto failed = store.get(pi + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux"_s)) {
        QJsonObject properties = failed->value(u"properties").toObject();
        properties.insert(u"errorInfo"_s,
                          QJsonObject{{u"code"_s, u"ExtensionOperationFailed"_s},
                                      {u"message"_s, u"The extension operation failed: pods in flux-system stay in "
                                                     "ErrImagePull: no match for platform in manifest: not found "
                                                     "(linux/arm64). microsoft.flux supports ARM64 from 1.7.0."_s}});
        failed->insert(u"properties"_s, properties);
        store.put(*failed);
    }
}

void seedFleet(ResourceStore &store, const QString &tenantId, int count, quint32 seed)
{
    QRandomGenerator random(seed);
    const QStringList locations{u"East US"_s, u"West Europe"_s, u"Southeast Asia"_s, u"West US 2"_s, u"UK South"_s};
    const QStringList subscriptions{ProductionSubscription, DevelopmentSubscription};
    const QStringList compliance{u"Compliant"_s, u"Compliant"_s, u"Compliant"_s, u"Non-Compliant"_s, u"Pending"_s,
                                 u"Suspended"_s, u"Unknown"_s};
    const QStringList versions = fluxExtensionVersions();
    constexpr int groupsPerSubscription = 20;
    for (const QString &subscription : subscriptions) {
        for (int g = 0; g < groupsPerSubscription; ++g)
            addGroup(store, subscription, u"rg-fleet-%1"_s.arg(g, 2, 10, QChar(u'0')), locations[g % locations.size()]);
    }
    for (int i = 0; i < count; ++i) {
        const QString subscription = subscriptions[i % subscriptions.size()];
        const int g = int(random.bounded(groupsPerSubscription));
        const QString group = u"rg-fleet-%1"_s.arg(g, 2, 10, QChar(u'0'));
        const QString location = locations[g % locations.size()];
        const bool arc = random.bounded(2) == 1;
        ClusterFacts f{int(random.bounded(1, 10)), random.bounded(10) == 0 ? u"arm64"_s : u"amd64"_s,
                       u"1.%1.%2"_s.arg(30 + random.bounded(4)).arg(random.bounded(10)), true};
        const QString name = u"%1-fleet-%2"_s.arg(arc ? u"arc"_s : u"aks"_s).arg(i, 5, 10, QChar(u'0'));
        const QString id = arc ? addConnectedCluster(store, tenantId, subscription, group, name, location, f,
                                                     random.bounded(3) == 0 ? u"k3s"_s : u"aks_edge_k8s"_s,
                                                     random.bounded(20) == 0 ? u"Offline"_s : u"Connected"_s)
                               : addManagedCluster(store, tenantId, subscription, group, name, location, f,
                                                   random.bounded(15) != 0);
        if (random.bounded(10) < 8) {
            const QString version = versions[versions.size() - 1 - qsizetype(random.bounded(6))];
            addFluxExtension(store, tenantId, id, version, random.bounded(2) == 1,
                             random.bounded(25) == 0 ? u"Failed"_s : u"Succeeded"_s);
            addFluxConfiguration(store, tenantId, id, u"cluster-config"_s,
                                 random.bounded(2) == 1 ? u"./apps/staging"_s : u"./apps/production"_s,
                                 compliance[qsizetype(random.bounded(compliance.size()))],
                                 random.bounded(30) == 0 ? u"Failed"_s : u"Succeeded"_s);
        }
    }
}

} // namespace Fluxdeck::Sandbox
