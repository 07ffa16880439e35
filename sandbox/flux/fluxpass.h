#pragma once

#include "error.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <chrono>
#include <optional>

// What the Flux controllers share while they work on one cluster: reading and writing its
// objects, conditions, the schedule of the next reconcile per object, events and logs.
// Internal to sandbox/flux.
namespace Fluxdeck::Sandbox {

class GitHost;
class KubeObjectStore;

namespace Flux {

inline constexpr QStringView SourceApi = u"source.toolkit.fluxcd.io/v1";
inline constexpr QStringView KustomizeApi = u"kustomize.toolkit.fluxcd.io/v1";
inline constexpr QStringView HelmApi = u"helm.toolkit.fluxcd.io/v2";
inline constexpr QStringView FluxConfigApi = u"clusterconfig.azure.com/v1beta1";
inline constexpr QStringView Finalizer = u"finalizers.fluxcd.io";

// The Ready condition as status reports it; status is "True", "False" or "Unknown".
struct Readiness
{
    QString status = QStringLiteral("Unknown");
    QString reason;
    QString message;
    bool current = false;    // observedGeneration matches metadata.generation
    bool ready() const { return status == u"True" && current; }
};

Readiness readinessOf(const QJsonObject &object);
QString nameOf(const QJsonObject &object);
QString namespaceOf(const QJsonObject &object);
qint64 generationOf(const QJsonObject &object);
// "Kustomization/cluster-config/cluster-config-apps", as Flux names objects in messages.
QString describe(const QJsonObject &object);

// Go's time.Duration text ("1h", "10m", "1m30s", "600s", "500ms"); fallback when empty or invalid.
std::chrono::milliseconds parseDuration(const QString &text, std::chrono::milliseconds fallback);
// The other way, as Flux prints timeouts ("10m0s").
QString durationText(std::chrono::milliseconds duration);

// status with condition `type` set; lastTransitionTime changes only when the status does.
QJsonObject withCondition(QJsonObject status, const QString &type, const QString &conditionStatus,
                          const QString &reason, const QString &message, qint64 generation, const QString &now);

QJsonObject withoutCondition(QJsonObject status, const QString &type);
// A Stalled=True condition: the object failed in a way retrying will not fix.
bool stalled(const QJsonObject &object);

class Pass
{
public:
    // What the controllers remember of a cluster between passes.
    struct Memory
    {
        QHash<QString, QDateTime> schedule;                     // object key → when it is next due
        QHash<QString, QMap<QString, QByteArray>> gitFiles;    // "<repository>@<commit>" → files
    };

    Pass(KubeObjectStore &kube, const GitHost &git, const QString &cluster, Memory &memory,
         std::chrono::milliseconds step);

    KubeObjectStore &kube;
    const GitHost &git;
    const QString cluster;
    const QDateTime now;
    const QString nowText;
    const std::chrono::milliseconds step;   // how soon something in progress is looked at again
    QString architecture;

    // Objects of a kind, in one namespace or all.
    QList<QJsonObject> list(QStringView apiVersion, const QString &kind, const QString &namespaceName = {}) const;
    std::optional<QJsonObject> get(QStringView apiVersion, const QString &kind, const QString &namespaceName,
                                   const QString &name) const;
    bool exists(const QString &apiVersion, const QString &kind, const QString &namespaceName, const QString &name) const;

    // Is the controller's Deployment in flux-system? Without it, its kinds are not reconciled.
    bool controllerRunning(const QString &controller) const;

    // Whether the object needs work now: new generation, a reconcile request, deletion, or its time
    // has come. One that is not due yet keeps its time in nextDue(), so a pass that comes a little
    // early (timers may) still leads to the next one.
    bool due(const QJsonObject &object);
    // Look at the object again after delay (and no later); marks the pass as having more to do soon when delay is short.
    void after(const QJsonObject &object, std::chrono::milliseconds delay);
    std::optional<QDateTime> nextDue() const { return m_nextDue; }

    // Writes the object's status when it differs from what is stored; returns the object as stored.
    QJsonObject setStatus(const QJsonObject &object, QJsonObject status);
    // Adds Flux's finalizer unless it is there.
    QJsonObject withFinalizer(const QJsonObject &object);
    // Removes the finalizers, completing a deletion that waited for them.
    void release(const QJsonObject &object);
    bool deleting(const QJsonObject &object) const;

    // Creates or updates what a controller manages; Deployments and StatefulSets get their
    // ReplicaSets and Pods as Kubernetes' controllers would make them. Returns "created",
    // "configured" or "unchanged", or the API's refusal.
    Domain::Result<QString> applyManaged(QJsonObject object);
    // Deletes an object and what it owns (ReplicaSets, Pods).
    void removeManaged(const QString &apiVersion, const QString &kind, const QString &namespaceName,
                       const QString &name);

    // A Kubernetes Event about object (only when its Ready condition changes, as Flux records them).
    void event(const QJsonObject &object, bool warning, const QString &reason, const QString &message,
               const QString &controller);
    // One JSON line in the controller pod's log, as controller-runtime writes them.
    void log(const QString &controller, const QJsonObject &object, bool error, const QString &message,
             const QJsonObject &extra = {});

    // The files of a Git commit in one of the sandbox's repositories (cached).
    Domain::Result<QMap<QString, QByteArray>> gitFiles(const QString &repositoryPath, const QString &commit);

private:
    static QString keyOf(const QJsonObject &object);
    QString podFor(const QString &controller, QString *container) const;

    Memory &m_memory;
    std::optional<QDateTime> m_nextDue;
};

// Each controller's work on one cluster.
void reconcileFluxConfigs(Pass &pass);
void reconcileSources(Pass &pass);
void reconcileKustomizations(Pass &pass);
void reconcileHelmReleases(Pass &pass);
// Fills each FluxConfig's status from its objects; returns the ones that changed (namespace/name).
QStringList reportFluxConfigs(Pass &pass);

} // namespace Flux

} // namespace Fluxdeck::Sandbox
