#include "kubearmclusters.h"

#include "kubeobjectstore.h"
#include "server/resourcestore.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

int registerArmClusters(const ResourceStore &arm, KubeObjectStore &kube)
{
    int added = 0;
    for (const ResourceStore::Subscription &subscription : arm.subscriptions()) {
        const QString scope = u"/subscriptions/"_s + subscription.id;
        for (const QString &type : {u"Microsoft.ContainerService/managedClusters"_s, u"Microsoft.Kubernetes/connectedClusters"_s}) {
            for (const QJsonObject &cluster : arm.list(scope, type, false)) {
                const QString id = cluster.value(u"id").toString();
                if (kube.hasCluster(id))
                    continue;
                const QJsonObject facts = cluster.value(u"__cluster").toObject();
                const QJsonObject properties = cluster.value(u"properties").toObject();
                KubeClusterFacts f;
                f.armId = id;
                f.name = cluster.value(u"name").toString();
                f.connected = type.startsWith(u"Microsoft.Kubernetes");
                f.distribution = f.connected ? properties.value(u"distribution").toString(u"k3s"_s) : u"aks"_s;
                f.nodes = facts.value(u"nodes").toInt(properties.value(u"totalNodeCount").toInt(3));
                f.architecture = facts.value(u"architecture").toString(u"amd64"_s);
                f.kubernetesVersion = facts.value(u"kubernetesVersion").toString(
                    properties.value(u"kubernetesVersion").toString(u"1.32.6"_s));
                f.vmSize = properties.value(u"agentPoolProfiles").toArray().at(0).toObject().value(u"vmSize").toString();
                f.location = cluster.value(u"location").toString();
                f.createdAt = QDateTime::fromString(cluster.value(u"systemData").toObject().value(u"createdAt").toString(),
                                                    Qt::ISODateWithMs);
                kube.addCluster(f);
                ++added;
            }
        }
    }
    return added;
}

} // namespace Fluxdeck::Sandbox
