#pragma once

#include "preflightcheck.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace Fluxdeck::Net {
class ArmClient;
struct AzureCloudEndpoints;
} // namespace Fluxdeck::Net

namespace Fluxdeck::Items {

class OperationsModel;

// Checks one AKS or Arc-enabled cluster before GitOps goes on it, as Azure's GitOps (Flux v2)
// prerequisites list them: the subscription's resource providers, a managed identity (AKS),
// the GitOps service in the cluster's region, microsoft.flux within the supported window and
// new enough for ARM64 nodes, the caller's permission to write extensions and Flux
// configurations, and the outbound endpoints the agents need. Every check runs asynchronously
// over Resource Manager (and, for an Arc cluster's node architecture, the cluster's Kubernetes
// API); fixes that Azure can do in one call are offered and run as operations.
class PreflightDoctor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreflightDoctor)

public:
    // Check ids, in the order the model lists them.
    static constexpr QLatin1StringView KubernetesProviderCheck{"provider.Microsoft.Kubernetes"};
    static constexpr QLatin1StringView ContainerServiceProviderCheck{"provider.Microsoft.ContainerService"};
    static constexpr QLatin1StringView ConfigurationProviderCheck{"provider.Microsoft.KubernetesConfiguration"};
    static constexpr QLatin1StringView IdentityCheck{"identity"};
    static constexpr QLatin1StringView RegionCheck{"region"};
    static constexpr QLatin1StringView ExtensionVersionCheck{"extension-version"};
    static constexpr QLatin1StringView Arm64Check{"arm64"};
    static constexpr QLatin1StringView PermissionsCheck{"permissions"};
    static constexpr QLatin1StringView EndpointsCheck{"endpoints"};

    // `cluster` is the cluster's ARM resource as GET or Resource Graph returns it (id, type,
    // location, properties, identity). `operations` may be null; fixes then run unlisted.
    PreflightDoctor(Net::ArmClient *arm, OperationsModel *operations, const QJsonObject &cluster,
                    QObject *parent = nullptr);
    ~PreflightDoctor() override;

    // One row a check, from the first run() on.
    PreflightModel *model() const;

    // The cloud's sign-in endpoint for the endpoint list; without it, the Resource Manager
    // endpoint's cloud decides.
    void setCloud(const Net::AzureCloudEndpoints &cloud);
    // For reading an Arc cluster's nodes through its Kubernetes API; without one the doctor
    // makes its own.
    void setNetworkAccessManager(QNetworkAccessManager *network);

    QString clusterId() const;
    QString clusterName() const;
    bool isConnectedCluster() const;

    // Starts every check again (previous answers still on the way are dropped).
    void run();
    // Stops the checks still running; they end as "could not check".
    void cancel();
    bool isRunning() const;
    QDateTime lastRun() const;

    // The one-click fix of a check: register a resource provider, or update microsoft.flux.
    // Shows as an operation; false when the check has none or its fix already runs.
    bool fix(const QString &checkId);
    // Stops waiting for the fix (what Azure accepted goes on there).
    void cancelFix(const QString &checkId);
    bool isFixing(const QString &checkId) const;
    bool isFixing() const;

    // The checks as plain text: cluster, time, and each check with status, explanation, fix
    // and az command.
    QString report() const;

Q_SIGNALS:
    void runningChanged(bool running);
    void finished();
    void fixStarted(const QString &checkId);
    void fixProgress(const QString &checkId, const QString &status);
    void fixFinished(const QString &checkId, bool succeeded, const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Fluxdeck::Items
