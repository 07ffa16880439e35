#include "fluxcontrollers.h"

#include "fluxpass.h"
#include "kube/kubeobjectstore.h"
#include "kube/kuberesourceregistry.h"

#include <QTimer>

#include <map>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Fluxdeck::Sandbox {

struct FluxControllers::Private
{
    struct Cluster
    {
        Flux::Pass::Memory memory;
        std::unique_ptr<QTimer> timer;
    };

    KubeObjectStore &kube;
    const GitHost &git;
    Options options;
    std::map<QString, Cluster> clusters;   // by lower-cased ARM id
    bool inPass = false;
};

FluxControllers::FluxControllers(KubeObjectStore &kube, const GitHost &git, Options options, QObject *parent)
    : QObject(parent)
    , d(new Private{kube, git, options, {}, false})
{
    connect(&kube, &KubeObjectStore::objectChanged, this, &FluxControllers::objectChanged);
}

FluxControllers::~FluxControllers() = default;

void FluxControllers::objectChanged(const QString &cluster, const KubeWatchEvent &event)
{
    // What a pass changes, the pass follows up itself.
    if (d->inPass || !event.resource)
        return;
    const QString group = event.resource->group;
    const bool flux = group.endsWith(u".toolkit.fluxcd.io") || group == u"clusterconfig.azure.com";
    // A controller's Deployment coming or going (the extension's settings changed) matters too.
    const bool controller = event.resource->kind == u"Deployment"
                            && event.object.value(u"metadata")[u"namespace"].toString() == u"flux-system";
    if (flux || controller)
        schedule(cluster);
}

void FluxControllers::schedule(const QString &cluster, std::chrono::milliseconds delay)
{
    Private::Cluster &c = d->clusters[cluster.toLower()];
    if (!c.timer) {
        c.timer = std::make_unique<QTimer>();
        c.timer->setSingleShot(true);
        c.timer->setTimerType(Qt::PreciseTimer);   // a coarse timer may fire before the object is due
        connect(c.timer.get(), &QTimer::timeout, this, [this, cluster] { reconcile(cluster); });
    }
    if (c.timer->isActive() && c.timer->remainingTimeAsDuration() <= delay)
        return;
    c.timer->start(delay);
}

bool FluxControllers::reconcile(const QString &cluster)
{
    Private::Cluster &c = d->clusters[cluster.toLower()];
    if (c.timer)
        c.timer->stop();
    if (!d->kube.hasCluster(cluster))
        return false;
    d->inPass = true;
    Flux::Pass pass(d->kube, d->git, cluster, c.memory, d->options.step);
    Flux::reconcileFluxConfigs(pass);
    Flux::reconcileSources(pass);
    Flux::reconcileKustomizations(pass);
    Flux::reconcileSources(pass);   // what the Kustomizations just created (HelmRepositories, say)
    Flux::reconcileHelmReleases(pass);
    const QStringList reported = Flux::reportFluxConfigs(pass);
    d->inPass = false;

    for (const QString &config : reported)
        Q_EMIT fluxConfigReported(cluster, config.section(u'/', 0, 0), config.section(u'/', 1));
    const auto next = pass.nextDue();
    if (!next)
        return false;
    const auto delay = std::chrono::milliseconds(std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(*next)));
    schedule(cluster, delay);
    return delay <= d->options.step;
}

} // namespace Fluxdeck::Sandbox
