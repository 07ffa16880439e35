#include "clusterfacts.h"

#include "azcommand.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Items {

namespace {

QString segmentAfter(const QString &id, const QString &name)
{
    const QStringList parts = id.split(u'/', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i].compare(name, Qt::CaseInsensitive) == 0)
            return parts[i + 1];
    }
    return {};
}

} // namespace

bool ClusterFacts::isCluster(const QString &type)
{
    return type.compare(u"Microsoft.ContainerService/managedClusters", Qt::CaseInsensitive) == 0
           || type.compare(u"Microsoft.Kubernetes/connectedClusters", Qt::CaseInsensitive) == 0;
}

ClusterFacts ClusterFacts::fromResource(const QJsonObject &resource)
{
    ClusterFacts facts;
    const QJsonObject properties = resource.value(u"properties").toObject();
    facts.id = resource.value(u"id").toString();
    facts.name = resource.value(u"name").toString(facts.id.section(u'/', -1));
    // The type, else what the id says (a resource known only by its id).
    QString type = resource.value(u"type").toString();
    if (type.isEmpty() && !segmentAfter(facts.id, u"managedClusters"_s).isEmpty())
        type = u"Microsoft.ContainerService/managedClusters"_s;
    if (type.isEmpty() && !segmentAfter(facts.id, u"connectedClusters"_s).isEmpty())
        type = u"Microsoft.Kubernetes/connectedClusters"_s;
    facts.subscriptionId = resource.value(u"subscriptionId").toString(segmentAfter(facts.id, u"subscriptions"_s));
    facts.resourceGroup = resource.value(u"resourceGroup").toString(segmentAfter(facts.id, u"resourceGroups"_s));
    facts.location = resource.value(u"location").toString();
    facts.provisioningState = properties.value(u"provisioningState").toString();
    facts.identityType = resource.value(u"identity").toObject().value(u"type").toString();
    if (type.compare(u"Microsoft.ContainerService/managedClusters", Qt::CaseInsensitive) == 0) {
        facts.type = Type::Managed;
        facts.kubernetesVersion = properties.value(u"currentKubernetesVersion").toString(
            properties.value(u"kubernetesVersion").toString());
        facts.distribution = u"AKS"_s;
        facts.state = properties.value(u"powerState").toObject().value(u"code").toString();
        int nodes = 0;
        for (const QJsonValue &pool : properties.value(u"agentPoolProfiles").toArray())
            nodes += pool[u"count"].toInt();
        facts.nodes = properties.contains(u"agentPoolProfiles") ? nodes : -1;
        facts.servicePrincipalClientId = properties.value(u"servicePrincipalProfile").toObject().value(u"clientId").toString();
        // AKS reports "msi" as the client id of a cluster that uses a managed identity.
        if (facts.identityType.isEmpty() && !facts.servicePrincipalClientId.isEmpty()
            && facts.servicePrincipalClientId != u"msi")
            facts.identityType = u"ServicePrincipal"_s;
    } else if (type.compare(u"Microsoft.Kubernetes/connectedClusters", Qt::CaseInsensitive) == 0) {
        facts.type = Type::Connected;
        facts.kubernetesVersion = properties.value(u"kubernetesVersion").toString();
        facts.distribution = properties.value(u"distribution").toString();
        facts.state = properties.value(u"connectivityStatus").toString();
        facts.nodes = properties.contains(u"totalNodeCount") ? properties.value(u"totalNodeCount").toInt() : -1;
        facts.agentVersion = properties.value(u"agentVersion").toString();
    }
    return facts;
}

QString ClusterFacts::typeText() const
{
    switch (type) {
    case Type::Managed:
        return tr("AKS");
    case Type::Connected:
        return tr("Azure Arc");
    case Type::Unknown:
        break;
    }
    return {};
}

QString ClusterFacts::identityText() const
{
    if (identityType.compare(u"SystemAssigned", Qt::CaseInsensitive) == 0)
        return tr("System-assigned managed identity");
    if (identityType.compare(u"UserAssigned", Qt::CaseInsensitive) == 0)
        return tr("User-assigned managed identity");
    if (identityType == u"ServicePrincipal")
        return tr("Service principal %1").arg(servicePrincipalClientId);
    return identityType.isEmpty() ? tr("None") : identityType;
}

QString ClusterFacts::showCommand() const
{
    using Domain::AzCommand;
    if (type == Type::Connected)
        return AzCommand({u"connectedk8s"_s, u"show"_s})
            .option(u"resource-group"_s, resourceGroup)
            .option(u"name"_s, name)
            .option(u"subscription"_s, subscriptionId)
            .toString();
    return AzCommand({u"aks"_s, u"show"_s})
        .option(u"resource-group"_s, resourceGroup)
        .option(u"name"_s, name)
        .option(u"subscription"_s, subscriptionId)
        .toString();
}

} // namespace Fluxdeck::Items
