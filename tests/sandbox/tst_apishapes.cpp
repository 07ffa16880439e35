// Resource bodies by api-version (server/apishapes.h): what each version of the
// Microsoft.KubernetesConfiguration schemas shows of a resource stored in the newest shape, and
// how bodies written against older versions are stored.

#include "server/apishapes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::keepPropertiesUnknownTo;
using Fluxdeck::Sandbox::propertiesFromApiVersion;
using Fluxdeck::Sandbox::shapeForApiVersion;

namespace {

const QString FluxType = u"Microsoft.KubernetesConfiguration/fluxConfigurations"_s;
const QString ExtensionType = u"Microsoft.KubernetesConfiguration/extensions"_s;
const QJsonValue Absent(QJsonValue::Undefined);

// The value at a '/'-separated path of keys and array indexes; Undefined where there is none.
QJsonValue at(QJsonValue value, const QString &path)
{
    for (const QString &key : path.split(u'/')) {
        bool isIndex = false;
        const int index = key.toInt(&isIndex);
        if (isIndex && value.isArray())
            value = value.toArray().at(index);
        else if (value.isObject())
            value = value.toObject().value(key);
        else
            return Absent;
    }
    return value;
}

QJsonObject withProperty(QJsonObject resource, const QString &key, const QJsonValue &value)
{
    QJsonObject properties = resource.value(u"properties").toObject();
    properties.insert(key, value);
    resource.insert(u"properties"_s, properties);
    return resource;
}

QJsonObject systemData()
{
    return {{u"createdBy"_s, u"tenant"_s},        {u"createdByType"_s, u"Application"_s},
            {u"createdAt"_s, u"2026-01-05T09:00:00.000Z"_s}, {u"lastModifiedBy"_s, u"tenant"_s},
            {u"lastModifiedByType"_s, u"Application"_s}, {u"lastModifiedAt"_s, u"2026-01-06T10:00:00.000Z"_s}};
}

QJsonObject kustomization(const QString &name, const QString &path, const QJsonArray &dependsOn)
{
    return {{u"name"_s, name}, {u"path"_s, path}, {u"dependsOn"_s, dependsOn}, {u"timeoutInSeconds"_s, 600},
            {u"syncIntervalInSeconds"_s, 600}, {u"retryIntervalInSeconds"_s, QJsonValue::Null}, {u"prune"_s, true},
            {u"force"_s, false}, {u"wait"_s, true}};
}

// A fluxConfiguration as the sandbox stores it, set by a 2025-04-01 client with most of what
// that version offers.
QJsonObject storedFluxConfiguration()
{
    QJsonObject apps = kustomization(u"apps"_s, u"./apps/staging"_s, {u"infra"_s});
    apps.insert(u"postBuild"_s, QJsonObject{{u"substitute"_s, QJsonObject{{u"cluster"_s, u"prod"_s}}},
                                            {u"substituteFrom"_s, QJsonArray{QJsonObject{{u"kind"_s, u"ConfigMap"_s},
                                                                                        {u"name"_s, u"vars"_s},
                                                                                        {u"optional"_s, false}}}}});
    const QJsonObject helmRelease{
        {u"name"_s, u"podinfo"_s}, {u"namespace"_s, u"podinfo"_s}, {u"kind"_s, u"HelmRelease"_s},
        {u"complianceState"_s, u"Compliant"_s},
        {u"appliedBy"_s, QJsonObject{{u"name"_s, u"cluster-config-apps"_s}, {u"namespace"_s, u"cluster-config"_s}}},
        {u"statusConditions"_s, QJsonArray{QJsonObject{{u"lastTransitionTime"_s, u"2026-01-06T10:01:00Z"_s},
                                                       {u"message"_s, u"Helm install succeeded"_s},
                                                       {u"reason"_s, u"InstallSucceeded"_s},
                                                       {u"status"_s, u"True"_s}, {u"type"_s, u"Ready"_s}}}},
        {u"helmReleaseProperties"_s, QJsonObject{{u"lastRevisionApplied"_s, 1},
                                                 {u"helmChartRef"_s, QJsonObject{{u"name"_s, u"cluster-config-podinfo"_s},
                                                                                 {u"namespace"_s, u"cluster-config"_s}}},
                                                 {u"failureCount"_s, 0}, {u"installFailureCount"_s, 0},
                                                 {u"upgradeFailureCount"_s, 0}}},
    };
    const QJsonObject properties{
        {u"scope"_s, u"cluster"_s},
        {u"namespace"_s, u"cluster-config"_s},
        {u"sourceKind"_s, u"GitRepository"_s},
        {u"suspend"_s, false},
        {u"gitRepository"_s, QJsonObject{{u"url"_s, u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s},
                                         {u"timeoutInSeconds"_s, 600}, {u"syncIntervalInSeconds"_s, 600},
                                         {u"repositoryRef"_s, QJsonObject{{u"branch"_s, u"main"_s}, {u"tag"_s, QJsonValue::Null},
                                                                         {u"semver"_s, QJsonValue::Null},
                                                                         {u"commit"_s, QJsonValue::Null}}},
                                         {u"httpsUser"_s, u"git"_s}, {u"httpsCACert"_s, u"Q0E="_s},
                                         {u"provider"_s, u"Azure"_s}}},
        {u"bucket"_s, QJsonValue::Null},
        {u"azureBlob"_s, QJsonObject{{u"url"_s, u"https://fluxdeck.blob.core.windows.net"_s},
                                     {u"containerName"_s, u"manifests"_s},
                                     {u"managedIdentity"_s, QJsonObject{{u"clientId"_s, u"mi"_s}}}}},
        {u"ociRepository"_s, QJsonObject{{u"url"_s, u"oci://ghcr.io/stefanprodan/manifests/podinfo"_s},
                                         {u"repositoryRef"_s, QJsonObject{{u"tag"_s, u"latest"_s}}},
                                         {u"useWorkloadIdentity"_s, true}}},
        {u"kustomizations"_s, QJsonObject{{u"infra"_s, kustomization(u"infra"_s, u"./infrastructure"_s, {})},
                                          {u"apps"_s, apps}}},
        {u"statuses"_s, QJsonArray{helmRelease}},
        {u"repositoryPublicKey"_s, u""_s},
        {u"sourceSyncedCommitId"_s, u"main@sha1:0123456789abcdef0123456789abcdef01234567"_s},
        {u"sourceUpdatedAt"_s, u"2026-01-06T10:00:30Z"_s},
        {u"statusUpdatedAt"_s, u"2026-01-06T10:01:30Z"_s},
        {u"waitForReconciliation"_s, true},
        {u"reconciliationWaitDuration"_s, u"PT10M"_s},
        {u"complianceState"_s, u"Compliant"_s},
        {u"provisioningState"_s, u"Succeeded"_s},
        {u"errorMessage"_s, u""_s},
    };
    return {{u"id"_s, u"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/"
                      "providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cluster-config"_s},
            {u"name"_s, u"cluster-config"_s},
            {u"type"_s, FluxType},
            {u"systemData"_s, systemData()},
            {u"properties"_s, properties}};
}

// A microsoft.flux extension as the sandbox stores it, with what 2025-03-01 adds.
QJsonObject storedExtension()
{
    const QJsonObject properties{
        {u"extensionType"_s, u"microsoft.flux"_s},
        {u"autoUpgradeMode"_s, u"compatible"_s},
        {u"autoUpgradeMinorVersion"_s, true},
        {u"releaseTrain"_s, u"Stable"_s},
        {u"version"_s, QJsonValue::Null},
        {u"scope"_s, QJsonObject{{u"cluster"_s, QJsonObject{{u"releaseNamespace"_s, u"flux-system"_s}}}}},
        {u"configurationSettings"_s, QJsonObject{{u"helm-controller.enabled"_s, u"true"_s}}},
        {u"currentVersion"_s, u"1.15.1"_s},
        {u"provisioningState"_s, u"Succeeded"_s},
        {u"statuses"_s, QJsonArray{}},
        {u"aksAssignedIdentity"_s, QJsonObject{{u"type"_s, u"SystemAssigned"_s}, {u"principalId"_s, u"aks-principal"_s}}},
        {u"isSystemExtension"_s, false},
        {u"managementDetails"_s, QJsonObject{{u"category"_s, u"managed"_s}}},
    };
    return {{u"id"_s, u"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/"
                      "providers/Microsoft.KubernetesConfiguration/extensions/flux"_s},
            {u"name"_s, u"flux"_s},
            {u"type"_s, ExtensionType},
            {u"systemData"_s, systemData()},
            {u"identity"_s, QJsonObject{{u"type"_s, u"SystemAssigned"_s}, {u"principalId"_s, u"principal"_s},
                                       {u"tenantId"_s, u"tenant"_s}}},
            {u"plan"_s, QJsonObject{{u"name"_s, u"flux-free"_s}, {u"publisher"_s, u"Microsoft"_s},
                                   {u"product"_s, u"flux"_s}}},
            {u"managedBy"_s, u"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"_s},
            {u"properties"_s, properties}};
}

} // namespace

class TestApiShapes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newestVersionsShowWhatIsStored()
    {
        const QJsonObject flux = storedFluxConfiguration();
        QCOMPARE(shapeForApiVersion(FluxType, u"2025-04-01", flux), flux);
        const QJsonObject extension = storedExtension();
        QJsonObject newestExtension = extension;
        // 2025-03-01's identity is a ManagedServiceIdentity: type and userAssignedIdentities.
        newestExtension.insert(u"identity"_s, QJsonObject{{u"type"_s, u"SystemAssigned"_s}});
        QCOMPARE(shapeForApiVersion(ExtensionType, u"2025-03-01", extension), newestExtension);

        // What no version defines never leaves.
        const QJsonObject shaped = shapeForApiVersion(FluxType, u"2025-04-01",
                                                      withProperty(flux, u"notInAnySchema"_s, true));
        QCOMPARE(at(shaped, u"properties/notInAnySchema"_s), Absent);
    }

    void fluxConfigurationByVersion_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("expected");
        const auto row = [](const char *name, const QString &version, const QString &path, const QJsonValue &expected) {
            QTest::newRow(name) << version << path << expected;
        };
        const QString apps = u"properties/kustomizations/apps/"_s;
        row("2025-04-01 ociRepository", u"2025-04-01"_s, u"properties/ociRepository/repositoryRef/tag"_s, u"latest"_s);
        row("2024-11-01 ociRepository", u"2024-11-01"_s, u"properties/ociRepository/useWorkloadIdentity"_s, true);
        row("2024-11-01 provider", u"2024-11-01"_s, u"properties/gitRepository/provider"_s, u"Azure"_s);
        row("2024-06-01-preview no ociRepository", u"2024-06-01-preview"_s, u"properties/ociRepository"_s, Absent);
        row("2024-06-01-preview reconciliationWait", u"2024-06-01-preview"_s, u"properties/reconciliationWait"_s, u"PT10M"_s);
        row("2024-06-01-preview no reconciliationWaitDuration", u"2024-06-01-preview"_s,
            u"properties/reconciliationWaitDuration"_s, Absent);
        row("2024-06-01-preview httpsCaCert", u"2024-06-01-preview"_s, u"properties/gitRepository/httpsCaCert"_s, u"Q0E="_s);
        row("2024-06-01-preview no provider", u"2024-06-01-preview"_s, u"properties/gitRepository/provider"_s, Absent);
        row("2024-04-01-preview ociRepository", u"2024-04-01-preview"_s, u"properties/ociRepository/url"_s,
            u"oci://ghcr.io/stefanprodan/manifests/podinfo"_s);
        row("2024-04-01-preview no provider", u"2024-04-01-preview"_s, u"properties/gitRepository/provider"_s, Absent);
        row("2023-05-01 no ociRepository", u"2023-05-01"_s, u"properties/ociRepository"_s, Absent);
        row("2023-05-01 postBuild", u"2023-05-01"_s, apps + u"postBuild/substitute/cluster"_s, u"prod"_s);
        row("2023-05-01 substituteFrom", u"2023-05-01"_s, apps + u"postBuild/substituteFrom/0/name"_s, u"vars"_s);
        row("2023-05-01 wait", u"2023-05-01"_s, apps + u"wait"_s, true);
        row("2023-05-01 waitForReconciliation", u"2023-05-01"_s, u"properties/waitForReconciliation"_s, true);
        row("2023-05-01 reconciliationWaitDuration", u"2023-05-01"_s, u"properties/reconciliationWaitDuration"_s,
            u"PT10M"_s);
        row("2022-11-01 no postBuild", u"2022-11-01"_s, apps + u"postBuild"_s, Absent);
        row("2022-11-01 no wait", u"2022-11-01"_s, apps + u"wait"_s, Absent);
        row("2022-11-01 no waitForReconciliation", u"2022-11-01"_s, u"properties/waitForReconciliation"_s, Absent);
        row("2022-11-01 no reconciliationWaitDuration", u"2022-11-01"_s, u"properties/reconciliationWaitDuration"_s, Absent);
        row("2022-11-01 azureBlob", u"2022-11-01"_s, u"properties/azureBlob/managedIdentity/clientId"_s, u"mi"_s);
        row("2022-07-01 azureBlob", u"2022-07-01"_s, u"properties/azureBlob/containerName"_s, u"manifests"_s);
        row("2022-03-01 no azureBlob", u"2022-03-01"_s, u"properties/azureBlob"_s, Absent);
        row("2022-03-01 bucket", u"2022-03-01"_s, u"properties/bucket"_s, QJsonValue::Null);
        row("2022-03-01 kustomization name", u"2022-03-01"_s, apps + u"name"_s, u"apps"_s);
        row("2022-03-01 dependsOn", u"2022-03-01"_s, apps + u"dependsOn"_s, QJsonArray{u"infra"_s});
        row("2022-03-01 statusUpdatedAt", u"2022-03-01"_s, u"properties/statusUpdatedAt"_s, u"2026-01-06T10:01:30Z"_s);
        row("2022-01-01-preview no kustomization name", u"2022-01-01-preview"_s, apps + u"name"_s, Absent);
        row("2022-01-01-preview dependsOn objects", u"2022-01-01-preview"_s, apps + u"dependsOn"_s,
            QJsonArray{QJsonObject{{u"kustomizationName"_s, u"infra"_s}}});
        row("2022-01-01-preview lastSourceUpdatedCommitId", u"2022-01-01-preview"_s,
            u"properties/lastSourceUpdatedCommitId"_s, u"main@sha1:0123456789abcdef0123456789abcdef01234567"_s);
        row("2022-01-01-preview lastSourceUpdatedAt", u"2022-01-01-preview"_s, u"properties/lastSourceUpdatedAt"_s,
            u"2026-01-06T10:00:30Z"_s);
        row("2022-01-01-preview no sourceSyncedCommitId", u"2022-01-01-preview"_s, u"properties/sourceSyncedCommitId"_s,
            Absent);
        row("2022-01-01-preview no statusUpdatedAt", u"2022-01-01-preview"_s, u"properties/statusUpdatedAt"_s, Absent);
        row("2022-01-01-preview bucket", u"2022-01-01-preview"_s, u"properties/bucket"_s, QJsonValue::Null);
        row("2021-11-01-preview no bucket", u"2021-11-01-preview"_s, u"properties/bucket"_s, Absent);
        row("2021-11-01-preview httpsCAFile", u"2021-11-01-preview"_s, u"properties/gitRepository/httpsCAFile"_s,
            u"Q0E="_s);
        row("2021-11-01-preview no httpsCACert", u"2021-11-01-preview"_s, u"properties/gitRepository/httpsCACert"_s,
            Absent);
        row("2021-11-01-preview lastSourceSyncedAt", u"2021-11-01-preview"_s, u"properties/lastSourceSyncedAt"_s,
            u"2026-01-06T10:00:30Z"_s);
        row("2021-11-01-preview lastSourceSyncedCommitId", u"2021-11-01-preview"_s,
            u"properties/lastSourceSyncedCommitId"_s, u"main@sha1:0123456789abcdef0123456789abcdef01234567"_s);
        // statuses[] and helmReleaseProperties are the same in every version.
        for (const QString &version : {u"2021-11-01-preview"_s, u"2022-03-01"_s, u"2023-05-01"_s, u"2024-11-01"_s}) {
            QTest::addRow("%s helmReleaseProperties", qPrintable(version))
                << version << u"properties/statuses/0/helmReleaseProperties/helmChartRef/name"_s
                << QJsonValue(u"cluster-config-podinfo"_s);
            QTest::addRow("%s statusConditions", qPrintable(version))
                << version << u"properties/statuses/0/statusConditions/0/reason"_s << QJsonValue(u"InstallSucceeded"_s);
        }
    }

    void fluxConfigurationByVersion()
    {
        QFETCH(QString, version);
        QFETCH(QString, path);
        QFETCH(QJsonValue, expected);
        const QJsonObject shaped = shapeForApiVersion(FluxType, version, storedFluxConfiguration());
        QCOMPARE(at(shaped, path), expected);
        // The resource's identity is the same in every version.
        QCOMPARE(shaped.value(u"id"), storedFluxConfiguration().value(u"id"));
        QCOMPARE(at(shaped, u"systemData/createdAt"_s), QJsonValue(u"2026-01-05T09:00:00.000Z"_s));
    }

    void enumValuesAnOlderVersionLacks_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("shown");
        const QString sourceKind = u"properties/sourceKind"_s;
        const QString provider = u"properties/gitRepository/provider"_s;
        QTest::newRow("OCIRepository in 2025-04-01") << u"sourceKind"_s << sourceKind << u"OCIRepository"_s
                                                     << u"2025-04-01"_s << true;
        QTest::newRow("OCIRepository in 2024-04-01-preview") << u"sourceKind"_s << sourceKind << u"OCIRepository"_s
                                                             << u"2024-04-01-preview"_s << true;
        QTest::newRow("OCIRepository in 2024-06-01-preview") << u"sourceKind"_s << sourceKind << u"OCIRepository"_s
                                                             << u"2024-06-01-preview"_s << false;
        QTest::newRow("OCIRepository in 2023-05-01") << u"sourceKind"_s << sourceKind << u"OCIRepository"_s
                                                     << u"2023-05-01"_s << false;
        QTest::newRow("AzureBlob in 2022-07-01") << u"sourceKind"_s << sourceKind << u"AzureBlob"_s << u"2022-07-01"_s
                                                 << true;
        QTest::newRow("AzureBlob in 2022-03-01") << u"sourceKind"_s << sourceKind << u"AzureBlob"_s << u"2022-03-01"_s
                                                 << false;
        QTest::newRow("Bucket in 2022-01-01-preview") << u"sourceKind"_s << sourceKind << u"Bucket"_s
                                                      << u"2022-01-01-preview"_s << true;
        QTest::newRow("Bucket in 2021-11-01-preview") << u"sourceKind"_s << sourceKind << u"Bucket"_s
                                                      << u"2021-11-01-preview"_s << false;
        QTest::newRow("GitHub provider in 2025-04-01") << u"provider"_s << provider << u"GitHub"_s << u"2025-04-01"_s
                                                       << true;
        QTest::newRow("GitHub provider in 2024-11-01") << u"provider"_s << provider << u"GitHub"_s << u"2024-11-01"_s
                                                       << false;
        QTest::newRow("Generic provider in 2024-11-01") << u"provider"_s << provider << u"Generic"_s << u"2024-11-01"_s
                                                        << true;
    }

    void enumValuesAnOlderVersionLacks()
    {
        QFETCH(QString, key);
        QFETCH(QString, path);
        QFETCH(QString, stored);
        QFETCH(QString, version);
        QFETCH(bool, shown);
        QJsonObject resource = storedFluxConfiguration();
        if (key == u"provider") {
            QJsonObject git = at(resource, u"properties/gitRepository"_s).toObject();
            git.insert(u"provider"_s, stored);
            resource = withProperty(resource, u"gitRepository"_s, git);
        } else {
            resource = withProperty(resource, key, stored);
        }
        QCOMPARE(at(shapeForApiVersion(FluxType, version, resource), path), shown ? QJsonValue(stored) : Absent);
    }

    void extensionByVersion_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("expected");
        const auto row = [](const char *name, const QString &version, const QString &path, const QJsonValue &expected) {
            QTest::newRow(name) << version << path << expected;
        };
        row("2025-03-01 autoUpgradeMode", u"2025-03-01"_s, u"properties/autoUpgradeMode"_s, u"compatible"_s);
        row("2025-03-01 managedBy", u"2025-03-01"_s, u"managedBy"_s,
            u"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"_s);
        row("2025-03-01 managementDetails", u"2025-03-01"_s, u"properties/managementDetails/category"_s, u"managed"_s);
        row("2025-03-01 no principalId", u"2025-03-01"_s, u"identity/principalId"_s, Absent);
        row("2024-11-01 no autoUpgradeMode", u"2024-11-01"_s, u"properties/autoUpgradeMode"_s, Absent);
        row("2024-11-01 no managedBy", u"2024-11-01"_s, u"managedBy"_s, Absent);
        row("2024-11-01 no managementDetails", u"2024-11-01"_s, u"properties/managementDetails"_s, Absent);
        row("2024-11-01 principalId", u"2024-11-01"_s, u"identity/principalId"_s, u"principal"_s);
        row("2024-11-01 currentVersion", u"2024-11-01"_s, u"properties/currentVersion"_s, u"1.15.1"_s);
        row("2024-11-01 plan", u"2024-11-01"_s, u"plan/name"_s, u"flux-free"_s);
        row("2022-11-01 isSystemExtension", u"2022-11-01"_s, u"properties/isSystemExtension"_s, false);
        row("2022-07-01 installedVersion", u"2022-07-01"_s, u"properties/installedVersion"_s, u"1.15.1"_s);
        row("2022-07-01 no currentVersion", u"2022-07-01"_s, u"properties/currentVersion"_s, Absent);
        row("2022-07-01 no plan", u"2022-07-01"_s, u"plan"_s, Absent);
        row("2022-07-01 no isSystemExtension", u"2022-07-01"_s, u"properties/isSystemExtension"_s, Absent);
        row("2022-04-02-preview plan", u"2022-04-02-preview"_s, u"plan/publisher"_s, u"Microsoft"_s);
        row("2022-03-01 installedVersion", u"2022-03-01"_s, u"properties/installedVersion"_s, u"1.15.1"_s);
        row("2022-01-15-preview no installedVersion", u"2022-01-15-preview"_s, u"properties/installedVersion"_s, Absent);
        row("2022-01-15-preview aksAssignedIdentity", u"2022-01-15-preview"_s,
            u"properties/aksAssignedIdentity/principalId"_s, u"aks-principal"_s);
        row("2021-09-01 aksAssignedIdentity", u"2021-09-01"_s, u"properties/aksAssignedIdentity/type"_s,
            u"SystemAssigned"_s);
        row("2021-05-01-preview no aksAssignedIdentity", u"2021-05-01-preview"_s, u"properties/aksAssignedIdentity"_s,
            Absent);
        row("2021-05-01-preview provisioningState", u"2021-05-01-preview"_s, u"properties/provisioningState"_s,
            u"Succeeded"_s);
        row("2021-05-01-preview identity", u"2021-05-01-preview"_s, u"identity/tenantId"_s, u"tenant"_s);
        row("2020-07-01-preview no provisioningState", u"2020-07-01-preview"_s, u"properties/provisioningState"_s, Absent);
        row("2020-07-01-preview installState", u"2020-07-01-preview"_s, u"properties/installState"_s, u"Installed"_s);
        row("2020-07-01-preview identity in properties", u"2020-07-01-preview"_s, u"properties/identity/principalId"_s,
            u"principal"_s);
        row("2020-07-01-preview no identity beside", u"2020-07-01-preview"_s, u"identity"_s, Absent);
        row("2020-07-01-preview creationTime", u"2020-07-01-preview"_s, u"properties/creationTime"_s,
            u"2026-01-05T09:00:00.000Z"_s);
        row("2020-07-01-preview lastModifiedTime", u"2020-07-01-preview"_s, u"properties/lastModifiedTime"_s,
            u"2026-01-06T10:00:00.000Z"_s);
        row("2020-07-01-preview no customLocationSettings", u"2020-07-01-preview"_s, u"properties/customLocationSettings"_s, Absent);
    }

    void extensionByVersion()
    {
        QFETCH(QString, version);
        QFETCH(QString, path);
        QFETCH(QJsonValue, expected);
        const QJsonObject shaped = shapeForApiVersion(ExtensionType, version, storedExtension());
        QCOMPARE(at(shaped, path), expected);
        QCOMPARE(at(shaped, u"properties/scope/cluster/releaseNamespace"_s), QJsonValue(u"flux-system"_s));
    }

    void olderBodiesAreStoredInTheNewestShape()
    {
        // The first previews sent dependsOn as objects and used other names for some properties.
        const QJsonObject early{
            {u"gitRepository"_s, QJsonObject{{u"url"_s, u"https://example.com/repo"_s}, {u"httpsCAFile"_s, u"Q0E="_s}}},
            {u"kustomizations"_s, QJsonObject{{u"apps"_s, QJsonObject{{u"path"_s, u"./apps"_s},
                                                                     {u"dependsOn"_s, QJsonArray{QJsonObject{
                                                                         {u"kustomizationName"_s, u"infra"_s}}}}}}}},
        };
        const QJsonObject fromEarly = propertiesFromApiVersion(FluxType, u"2021-11-01-preview", early);
        QCOMPARE(at(fromEarly, u"gitRepository/httpsCACert"_s), QJsonValue(u"Q0E="_s));
        QCOMPARE(at(fromEarly, u"gitRepository/httpsCAFile"_s), Absent);
        QCOMPARE(at(fromEarly, u"kustomizations/apps/dependsOn"_s), QJsonValue(QJsonArray{u"infra"_s}));
        QCOMPARE(at(propertiesFromApiVersion(FluxType, u"2022-01-01-preview", early), u"kustomizations/apps/dependsOn"_s),
                 QJsonValue(QJsonArray{u"infra"_s}));

        const QJsonObject typeSpec{{u"reconciliationWait"_s, u"PT5M"_s},
                                   {u"gitRepository"_s, QJsonObject{{u"httpsCaCert"_s, u"Q0E="_s}}}};
        const QJsonObject fromTypeSpec = propertiesFromApiVersion(FluxType, u"2024-06-01-preview", typeSpec);
        QCOMPARE(fromTypeSpec.value(u"reconciliationWaitDuration"), QJsonValue(u"PT5M"_s));
        QCOMPARE(fromTypeSpec.value(u"reconciliationWait"), Absent);
        QCOMPARE(at(fromTypeSpec, u"gitRepository/httpsCACert"_s), QJsonValue(u"Q0E="_s));

        // What a version does not define, its clients cannot have meant: it is not taken.
        const QJsonObject old{{u"waitForReconciliation"_s, true},
                              {u"kustomizations"_s, QJsonObject{{u"apps"_s, QJsonObject{{u"path"_s, u"./apps"_s},
                                                                                       {u"wait"_s, false}}}}}};
        const QJsonObject fromOld = propertiesFromApiVersion(FluxType, u"2022-11-01", old);
        QCOMPARE(fromOld.value(u"waitForReconciliation"), Absent);
        QCOMPARE(at(fromOld, u"kustomizations/apps"_s), QJsonValue(QJsonObject{{u"path"_s, u"./apps"_s}}));

        // The newest version's bodies are stored as they come, properties unknown to any schema included.
        const QJsonObject newest = storedFluxConfiguration().value(u"properties").toObject();
        QJsonObject withExtra = newest;
        withExtra.insert(u"somethingElse"_s, 1);
        QCOMPARE(propertiesFromApiVersion(FluxType, u"2025-04-01", withExtra), withExtra);
    }

    void olderPutsKeepWhatTheyCannotSee()
    {
        const QJsonObject stored = storedFluxConfiguration().value(u"properties").toObject();
        // A 2022-11-01 client read the configuration (no postBuild, wait, OCI source or provider)
        // and puts it back with a new path for apps and without infra.
        const QJsonObject shaped = shapeForApiVersion(FluxType, u"2022-11-01", storedFluxConfiguration())
                                       .value(u"properties").toObject();
        QJsonObject kustomizations = shaped.value(u"kustomizations").toObject();
        kustomizations.remove(u"infra"_s);
        QJsonObject apps = kustomizations.value(u"apps").toObject();
        apps.insert(u"path"_s, u"./apps/production"_s);
        apps.insert(u"dependsOn"_s, QJsonArray{});
        kustomizations.insert(u"apps"_s, apps);
        QJsonObject sent = shaped;
        sent.insert(u"kustomizations"_s, kustomizations);

        const QJsonObject incoming = propertiesFromApiVersion(FluxType, u"2022-11-01", sent);
        const QJsonObject kept = keepPropertiesUnknownTo(FluxType, u"2022-11-01", stored, incoming);
        QCOMPARE(at(kept, u"kustomizations/apps/path"_s), QJsonValue(u"./apps/production"_s));
        QCOMPARE(at(kept, u"kustomizations/apps/postBuild"_s), at(stored, u"kustomizations/apps/postBuild"_s));
        QCOMPARE(at(kept, u"kustomizations/apps/wait"_s), QJsonValue(true));
        QCOMPARE(at(kept, u"kustomizations/infra"_s), Absent);   // the version knows kustomizations: removed is removed
        QCOMPARE(kept.value(u"waitForReconciliation"), QJsonValue(true));
        QCOMPARE(kept.value(u"reconciliationWaitDuration"), QJsonValue(u"PT10M"_s));
        QCOMPARE(kept.value(u"ociRepository"), stored.value(u"ociRepository"));
        QCOMPARE(at(kept, u"gitRepository/provider"_s), QJsonValue(u"Azure"_s));

        // The newest version sees everything, so its PUT replaces everything.
        QJsonObject newestApps = stored.value(u"kustomizations").toObject().value(u"apps").toObject();
        newestApps.remove(u"postBuild"_s);
        QJsonObject newest = stored;
        newest.insert(u"kustomizations"_s, QJsonObject{{u"apps"_s, newestApps}});
        newest.remove(u"reconciliationWaitDuration"_s);
        const QJsonObject replaced = keepPropertiesUnknownTo(FluxType, u"2025-04-01", stored, newest);
        QCOMPARE(at(replaced, u"kustomizations/apps/postBuild"_s), Absent);
        QCOMPARE(replaced.value(u"reconciliationWaitDuration"), Absent);
    }

    void hiddenEnumValuesSurviveAnOlderPut()
    {
        QJsonObject stored = storedFluxConfiguration().value(u"properties").toObject();
        stored.insert(u"sourceKind"_s, u"OCIRepository"_s);
        // 2023-05-01 saw neither the source kind nor the OCI source: putting back what it saw keeps both.
        QJsonObject sent = shapeForApiVersion(FluxType, u"2023-05-01", withProperty(storedFluxConfiguration(),
                                                                                    u"sourceKind"_s, u"OCIRepository"_s))
                               .value(u"properties").toObject();
        QVERIFY(!sent.contains(u"sourceKind"));
        const QJsonObject kept = keepPropertiesUnknownTo(FluxType, u"2023-05-01", stored,
                                                         propertiesFromApiVersion(FluxType, u"2023-05-01", sent));
        QCOMPARE(kept.value(u"sourceKind"), QJsonValue(u"OCIRepository"_s));
        QCOMPARE(kept.value(u"ociRepository"), stored.value(u"ociRepository"));
        // Naming a source kind it knows replaces it.
        sent.insert(u"sourceKind"_s, u"GitRepository"_s);
        QCOMPARE(keepPropertiesUnknownTo(FluxType, u"2023-05-01", stored, sent).value(u"sourceKind"),
                 QJsonValue(u"GitRepository"_s));

        const QJsonObject extension = storedExtension().value(u"properties").toObject();
        QJsonObject put{{u"extensionType"_s, u"microsoft.flux"_s}, {u"autoUpgradeMinorVersion"_s, true}};
        const QJsonObject keptExtension = keepPropertiesUnknownTo(ExtensionType, u"2024-11-01", extension,
                                                                  propertiesFromApiVersion(ExtensionType, u"2024-11-01", put));
        QCOMPARE(keptExtension.value(u"autoUpgradeMode"), QJsonValue(u"compatible"_s));
        QCOMPARE(keptExtension.value(u"configurationSettings"), Absent);   // 2024-11-01 knows settings: replaced
    }

    void otherTypesAndVersionsPassThrough()
    {
        const QJsonObject cluster{{u"id"_s, u"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/"
                                            "managedClusters/aks"_s},
                                  {u"type"_s, u"Microsoft.ContainerService/ManagedClusters"_s},
                                  {u"properties"_s, QJsonObject{{u"kubernetesVersion"_s, u"1.32.4"_s}}}};
        QCOMPARE(shapeForApiVersion(u"Microsoft.ContainerService/ManagedClusters", u"2022-01-01", cluster), cluster);
        const QJsonObject flux = storedFluxConfiguration();
        QCOMPARE(shapeForApiVersion(FluxType, u"2019-01-01", flux), flux);   // not served: not shaped
        QCOMPARE(shapeForApiVersion(u"microsoft.kubernetesconfiguration/FLUXCONFIGURATIONS", u"2022-11-01", flux),
                 shapeForApiVersion(FluxType, u"2022-11-01", flux));
        const QJsonObject body{{u"anything"_s, 1}};
        QCOMPARE(propertiesFromApiVersion(u"Microsoft.Kubernetes/connectedClusters", u"2021-03-01", body), body);
        QCOMPARE(keepPropertiesUnknownTo(u"Microsoft.Kubernetes/connectedClusters", u"2021-03-01", body, {}),
                 QJsonObject{});
    }
};

QTEST_GUILESS_MAIN(TestApiShapes)

#include "tst_apishapes.moc"
