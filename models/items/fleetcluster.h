#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <vector>

namespace Fluxdeck::Items {

// A cluster's Flux compliance, worst first: the order the fleet view sorts, sums and colours in.
// A cluster with several Flux configurations is as compliant as its worst one.
enum class FleetCompliance { NonCompliant, Pending, Unknown, Suspended, Compliant, NoConfiguration };
inline constexpr int FleetComplianceCount = 6;

// One Flux configuration of a cluster, as Resource Graph reports it.
struct FleetConfiguration
{
    QString id;
    QString name;
    QString complianceState;      // Azure's words: "Compliant", "Non-Compliant", "Pending", …
    QString provisioningState;    // "Succeeded", "Failed", "Creating", …

    bool operator==(const FleetConfiguration &) const = default;
};

// One row of the fleet view: an AKS or Arc cluster with its microsoft.flux extension and its
// Flux configurations, gathered from Resource Graph across subscriptions.
struct FleetCluster
{
    Q_DECLARE_TR_FUNCTIONS(Fluxdeck::Items::FleetCluster)

public:
    enum class Kind { Aks, Arc };

    QString id;                   // the ARM id, as Resource Graph spells it
    QString name;
    QString subscriptionId;
    QString subscriptionName;     // the display name when one was given, else empty
    QString resourceGroup;
    QString location;
    Kind kind = Kind::Aks;
    QString kubernetesVersion;
    QString distribution;         // Arc: "k3s", "aks_edge_k3s", …; AKS: empty
    QString clusterState;         // Arc connectivity ("Connected", "Offline") or AKS power state ("Running")
    bool extensionInstalled = false;
    QString extensionVersion;
    QString extensionProvisioningState;
    QList<FleetConfiguration> configurations;

    // Worst of the configurations; NoConfiguration without any.
    FleetCompliance compliance() const;
    // Worst provisioning state of the extension and the configurations; empty without either.
    QString provisioningState() const;
    QString subscriptionDisplayName() const { return subscriptionName.isEmpty() ? subscriptionId : subscriptionName; }

    bool operator==(const FleetCluster &) const = default;

    // Azure's complianceState words, case-insensitively; anything else is Unknown.
    static FleetCompliance complianceFromAzure(const QString &state);
    // The word Azure uses ("Non-Compliant"); empty for NoConfiguration.
    static QString complianceAzureName(FleetCompliance compliance);
    static QString complianceText(FleetCompliance compliance);   // translated
    // 0 for the worst state (Failed) up to Succeeded, then "" (nothing provisioned) last.
    static int provisioningRank(const QString &state);
    static QString provisioningText(const QString &state);       // translated; empty: "not installed"
    static QString kindText(Kind kind);
};

// The Resource Graph queries the fleet is made of (the sandbox's KQL subset, valid in Azure),
// and how their rows become clusters. Property names are read in both of the casings Azure
// uses (Resource Graph shows extensions as `properties.ExtensionType`, ARM as `extensionType`).
namespace FleetQuery {

// AKS managedClusters and Arc connectedClusters.
QString clusters();
// microsoft.flux extensions.
QString fluxExtensions();
// Flux configurations with their compliance and provisioning states.
QString fluxConfigurations();
// The display names of subscriptions (resourcecontainers).
QString subscriptionNames();

// The cluster a child resource belongs to: its id up to "/providers/Microsoft.KubernetesConfiguration/",
// found without regard to case; empty when the id has no such part.
QString clusterIdOf(const QString &childId);

// Joins the rows of the three queries by cluster id (without regard to case): one cluster per
// row of `clusters`, in that order. Extensions and configurations of unknown clusters are dropped.
std::vector<FleetCluster> join(const QJsonArray &clusters, const QJsonArray &extensions, const QJsonArray &configurations,
                               const QHash<QString, QString> &subscriptionNames = {});

} // namespace FleetQuery

} // namespace Fluxdeck::Items
