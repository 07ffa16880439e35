#pragma once

#include "error.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

namespace Fluxdeck::Sandbox {

class ArmService;
class FluxControllers;
class IdentityService;
class KubeObjectStore;
class ResourceStore;

// The whole local cloud behind one loopback HTTPS listener: Entra sign-in at the root
// ("/{tenant}/oauth2/v2.0/…"), Resource Manager ("/subscriptions/…", "/providers/…"),
// Kubernetes APIs under "/k8s/{cluster}", Git under "/git/…" and the sandbox's own control
// endpoints under "/sandbox/…". State persists in the state directory.
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 0;
        QString stateDirectory;                        // empty: a temporary directory
        int fleet = 0;                                 // extra generated clusters
        quint32 seed = 1;
        int pageSize = 100;
        std::chrono::milliseconds operationDuration{1500};
        std::chrono::milliseconds registrationDuration{2000};
        std::chrono::milliseconds deviceApprovalDelay{3000};
        std::chrono::seconds tokenLifetime{3600};
        QString faults;                                // FaultInjector spec, see faultinjector.h
        std::chrono::milliseconds kubeBookmarkInterval{60000};   // watch BOOKMARK events, when asked for
        std::chrono::milliseconds fluxStep{500};       // Flux's controllers: between passes while work is in progress
    };

    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    Domain::Result<void> start(const Options &options);

    QUrl baseUrl() const;            // https://127.0.0.1:<port>
    QString tenantId() const;
    QString clientId() const;
    QString clientSecret() const;
    QString caCertificatePath() const;
    QStringList subscriptionIds() const;

    // The one JSON line fluxdeck-sandbox prints when ready.
    QJsonObject announcement() const;

    ResourceStore &store();
    IdentityService &identity();
    // Every cluster's Kubernetes objects: what the Flux reconciler applies, lists and watches.
    KubeObjectStore &kubernetes();
    // Flux in each cluster (fluxconfig, source, kustomize and helm controllers).
    FluxControllers &flux();
    void flush();                    // writes the state now (also done shortly after every change)

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Fluxdeck::Sandbox
