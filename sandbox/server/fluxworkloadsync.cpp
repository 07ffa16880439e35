#include "fluxworkloadsync.h"

#include "extension/fluxrelease.h"
#include "extension/fluxworkload.h"
#include "kube/kubeobjectstore.h"
#include "resourcestore.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSet>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcWorkload, "fluxdeck.sandbox.workload")

namespace Fluxdeck::Sandbox {

namespace {

const QString FluxSystem = u"flux-system"_s;

struct Kind
{
    QString apiVersion;
    QString kind;
};

// What the extension installs in flux-system, so what a change of settings may leave behind.
const QList<Kind> &workloadKinds()
{
    static const QList<Kind> kinds{{u"apps/v1"_s, u"Deployment"_s}, {u"apps/v1"_s, u"ReplicaSet"_s},
                                   {u"v1"_s, u"Pod"_s},             {u"v1"_s, u"Service"_s},
                                   {u"v1"_s, u"ServiceAccount"_s}};
    return kinds;
}

std::optional<QJsonObject> fluxExtension(const ResourceStore &arm, const QString &clusterId)
{
    for (const QJsonObject &extension :
         arm.list(clusterId, u"Microsoft.KubernetesConfiguration/extensions"_s, true)) {
        const QJsonObject properties = extension.value(u"properties").toObject();
        if (properties.value(u"extensionType").toString().compare(u"microsoft.flux", Qt::CaseInsensitive) == 0
            && properties.value(u"provisioningState").toString() != u"Deleting")
            return extension;
    }
    return std::nullopt;
}

} // namespace

QString clusterOf(const QString &extensionResourceId)
{
    const qsizetype at = extensionResourceId.indexOf(u"/providers/Microsoft.KubernetesConfiguration/"_s, 0,
                                                     Qt::CaseInsensitive);
    return at < 0 ? extensionResourceId : extensionResourceId.left(at);
}

void syncFluxWorkload(const ResourceStore &arm, KubeObjectStore &kube, const QString &clusterId)
{
    const auto cluster = arm.get(clusterId);
    if (!cluster || !kube.hasCluster(clusterId))
        return;
    // The first touch of a cluster seeds it, and seeding calls back here: do the work once.
    thread_local QSet<QString> syncing;   // one sandbox per thread
    const QString key = clusterId.toLower();
    if (syncing.contains(key))
        return;
    syncing.insert(key);
    const auto done = qScopeGuard([&] { syncing.remove(key); });
    const auto extension = fluxExtension(arm, clusterId);
    if (!extension) {
        if (kube.get(clusterId, {u"v1"_s, u"Namespace"_s, {}, FluxSystem}))
            kube.remove(clusterId, KubeObjectRef{u"v1"_s, u"Namespace"_s, {}, FluxSystem});
        return;
    }

    const QJsonObject properties = extension->value(u"properties").toObject();
    QString version = properties.value(u"currentVersion").toString();
    if (version.isEmpty())
        version = properties.value(u"version").toString();
    ClusterShape shape;
    shape.architecture = cluster->value(u"__cluster").toObject().value(u"architecture").toString(u"amd64"_s);
    shape.aks = cluster->value(u"type").toString().compare(u"Microsoft.ContainerService/managedClusters",
                                                           Qt::CaseInsensitive) == 0;
    const auto objects = fluxSystemObjects(properties.value(u"configurationSettings").toObject(),
                                           arm.protectedSettings(extension->value(u"id").toString()), version, shape);
    if (!objects) {
        // Settings Azure accepted earlier but this version refuses: the pods would crash-loop; say why.
        qCWarning(lcWorkload) << "microsoft.flux workload for" << clusterId << "not installed:" << objects.error().message;
        return;
    }

    QSet<QString> wanted;
    for (const QJsonValue value : *objects) {
        const QJsonObject object = value.toObject();
        const QJsonObject metadata = object.value(u"metadata").toObject();
        wanted.insert(object.value(u"kind").toString() + u'/' + metadata.value(u"name").toString());
        if (auto applied = kube.apply(clusterId, object); !applied)
            qCWarning(lcWorkload) << "could not apply" << object.value(u"kind").toString()
                                  << metadata.value(u"name").toString() << applied.error().toString();
    }
    for (const Kind &kind : workloadKinds()) {
        const auto existing = kube.list(clusterId, kind.apiVersion, kind.kind, FluxSystem);
        if (!existing)
            continue;
        for (const QJsonObject &object : *existing) {
            const QString name = object.value(u"metadata").toObject().value(u"name").toString();
            if (!wanted.contains(kind.kind + u'/' + name))
                kube.remove(clusterId, KubeObjectRef{kind.apiVersion, kind.kind, FluxSystem, name});
        }
    }
}

} // namespace Fluxdeck::Sandbox
