#include "fluxagent.h"

#include "kube/kubeobjectstore.h"
#include "resourcestore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QStringBuilder>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAgent, "fluxdeck.sandbox.fluxagent")

namespace Fluxdeck::Sandbox {

namespace {

const QString ConfigurationType = u"Microsoft.KubernetesConfiguration/fluxConfigurations"_s;
const QString FluxConfigApi = u"clusterconfig.azure.com/v1beta1"_s;

// What the cluster reports; the agent never sends these down.
const QStringList &reportedProperties()
{
    static const QStringList properties{u"complianceState"_s,    u"statuses"_s,        u"sourceSyncedCommitId"_s,
                                        u"sourceUpdatedAt"_s,    u"statusUpdatedAt"_s, u"errorMessage"_s,
                                        u"provisioningState"_s,  u"repositoryPublicKey"_s};
    return properties;
}

QString clusterOfConfiguration(const QString &configurationId)
{
    const qsizetype at = configurationId.indexOf(u"/providers/Microsoft.KubernetesConfiguration/"_s, 0, Qt::CaseInsensitive);
    return at < 0 ? QString() : configurationId.left(at);
}

bool agentRunning(KubeObjectStore &kube, const QString &clusterId)
{
    return kube.get(clusterId, KubeObjectRef{u"apps/v1"_s, u"Deployment"_s, u"flux-system"_s, u"fluxconfig-agent"_s})
        .has_value();
}

void removeFluxConfig(KubeObjectStore &kube, const QString &clusterId, const QString &name, const QString &keepNamespace)
{
    for (const QJsonObject &config : kube.list(clusterId, FluxConfigApi, u"FluxConfig"_s).value_or(QList<QJsonObject>{})) {
        const QJsonObject metadata = config.value(u"metadata").toObject();
        if (metadata.value(u"name").toString() == name && metadata.value(u"namespace").toString() != keepNamespace)
            (void)kube.remove(clusterId, KubeObjectRef{FluxConfigApi, u"FluxConfig"_s,
                                                       metadata.value(u"namespace").toString(), name});
    }
}

} // namespace

void syncFluxConfiguration(const ResourceStore &arm, KubeObjectStore &kube, const QString &configurationId)
{
    const QString clusterId = clusterOfConfiguration(configurationId);
    if (clusterId.isEmpty() || !kube.hasCluster(clusterId) || !agentRunning(kube, clusterId))
        return;
    const QString name = configurationId.section(u'/', -1);
    const auto resource = arm.get(configurationId);
    const QJsonObject properties = resource ? resource->value(u"properties").toObject() : QJsonObject{};
    if (!resource || properties.value(u"provisioningState").toString() == u"Deleting") {
        removeFluxConfig(kube, clusterId, name, {});
        return;
    }
    const QString ns = properties.value(u"namespace").toString(u"default"_s);
    // A configuration that moved to another namespace leaves the old one.
    removeFluxConfig(kube, clusterId, name, ns);

    if (!kube.get(clusterId, KubeObjectRef{u"v1"_s, u"Namespace"_s, {}, ns})) {
        (void)kube.apply(clusterId, QJsonObject{
            {u"apiVersion"_s, u"v1"_s},
            {u"kind"_s, u"Namespace"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, ns},
                                        {u"labels"_s, QJsonObject{{u"clusterconfig.azure.com/managed-by"_s, u"fluxconfig-agent"_s}}}}},
        });
    }
    QJsonObject spec = properties;
    for (const QString &key : reportedProperties())
        spec.remove(key);
    const auto applied = kube.apply(clusterId, QJsonObject{
        {u"apiVersion"_s, FluxConfigApi},
        {u"kind"_s, u"FluxConfig"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, name},
                                    {u"namespace"_s, ns},
                                    // Every write through Azure asks for a reconcile, as the agent does.
                                    {u"annotations"_s, QJsonObject{{u"clusterconfig.azure.com/resource-id"_s,
                                                                    resource->value(u"id").toString()},
                                                                   {u"reconcile.fluxcd.io/requestedAt"_s,
                                                                    QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}}}}},
        {u"spec"_s, spec},
    });
    if (!applied)
        qCWarning(lcAgent) << "could not bring" << configurationId << "into its cluster:" << applied.error().message;
}

bool syncFluxConfigurations(const ResourceStore &arm, KubeObjectStore &kube, const QString &clusterId)
{
    const QList<QJsonObject> configurations = arm.list(clusterId, ConfigurationType, false);
    for (const QJsonObject &configuration : configurations)
        syncFluxConfiguration(arm, kube, configuration.value(u"id").toString());
    return !configurations.isEmpty();
}

bool reportFluxConfiguration(ResourceStore &arm, KubeObjectStore &kube, const QString &clusterId,
                             const QString &namespaceName, const QString &name)
{
    const auto config = kube.get(clusterId, KubeObjectRef{FluxConfigApi, u"FluxConfig"_s, namespaceName, name});
    if (!config)
        return false;
    const QString id = config->value(u"metadata")[u"annotations"][u"clusterconfig.azure.com/resource-id"].toString();
    auto resource = arm.get(id);
    if (!resource)
        return false;
    QJsonObject properties = resource->value(u"properties").toObject();
    if (properties.value(u"provisioningState").toString() == u"Deleting"
        || properties.value(u"namespace").toString() != namespaceName)
        return false;
    const QJsonObject status = config->value(u"status").toObject();
    for (const QString &key : {u"complianceState"_s, u"statuses"_s, u"sourceSyncedCommitId"_s, u"sourceUpdatedAt"_s,
                               u"statusUpdatedAt"_s, u"errorMessage"_s}) {
        if (status.contains(key))
            properties.insert(key, status.value(key));
    }
    if (properties == resource->value(u"properties").toObject())
        return false;
    resource->insert(u"properties"_s, properties);
    arm.put(*resource);
    return true;
}

} // namespace Fluxdeck::Sandbox
