#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

namespace Fluxdeck::Sandbox {

class GitHost;
class KubeObjectStore;
struct KubeWatchEvent;

// Flux, running in every sandbox cluster that has the microsoft.flux extension: the
// fluxconfig, source, kustomize and helm controllers (each only while its Deployment is in
// flux-system). They react to changes of Flux objects and FluxConfigs, to reconcile requests
// (the reconcile.fluxcd.io/requestedAt annotation) and to their intervals, and work in passes:
// a pass does what every controller would do next, and whatever is still in progress (waiting
// for a dependency or for health checks) is looked at again one step later. See README.md.
class FluxControllers final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FluxControllers)

public:
    struct Options
    {
        // Between passes while something is in progress: where Flux waits for its
        // --requeue-dependency (30 s) or polls health checks, the sandbox takes one step.
        std::chrono::milliseconds step{500};
    };

    FluxControllers(KubeObjectStore &kube, const GitHost &git, Options options, QObject *parent = nullptr);
    ~FluxControllers() override;

    // Reconcile the cluster's Flux objects after delay (sooner if already scheduled sooner).
    void schedule(const QString &cluster, std::chrono::milliseconds delay = std::chrono::milliseconds{0});
    // One pass over the cluster now. Returns whether something is still in progress.
    bool reconcile(const QString &cluster);

Q_SIGNALS:
    // A FluxConfig's status changed: its compliance, statuses or source revision.
    void fluxConfigReported(const QString &cluster, const QString &namespaceName, const QString &name);

private:
    void objectChanged(const QString &cluster, const KubeWatchEvent &event);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Fluxdeck::Sandbox
