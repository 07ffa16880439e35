#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace Fluxdeck::Items {

// What Fluxdeck shows of an AKS managed cluster or an Arc connected cluster, read from its ARM
// resource (as GET, a list or Resource Graph returns it).
struct ClusterFacts
{
    Q_DECLARE_TR_FUNCTIONS(Fluxdeck::Items::ClusterFacts)

public:
    enum class Type { Unknown, Managed, Connected };

    Type type = Type::Unknown;
    QString id;
    QString name;
    QString subscriptionId;
    QString resourceGroup;
    QString location;
    QString kubernetesVersion;
    QString distribution;            // "AKS", "k3s", "aks_edge_k3s", …
    QString state;                   // AKS power state ("Running"), Arc connectivity ("Connected", "Offline")
    QString provisioningState;
    int nodes = -1;                  // -1: not reported
    QString identityType;            // "SystemAssigned", "UserAssigned", "ServicePrincipal"
    QString agentVersion;            // Arc agents
    QString servicePrincipalClientId;

    static ClusterFacts fromResource(const QJsonObject &resource);
    static bool isCluster(const QString &type);

    QString typeText() const;        // "AKS" / "Azure Arc", translated
    QString identityText() const;    // translated
    // "az aks show …" / "az connectedk8s show …".
    QString showCommand() const;
};

} // namespace Fluxdeck::Items
