#pragma once

#include "error.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>

#include <deque>
#include <map>
#include <memory>

namespace Fluxdeck::Sandbox {

struct KubeResourceType;

// What the sandbox knows about a cluster beyond ARM's view, from the "__cluster" facts.
struct KubeClusterFacts
{
    QString armId;
    QString name;
    bool connected = false;            // Arc connected cluster (else AKS)
    QString distribution;              // "aks", "k3s", "aks_edge_k3s", …
    int nodes = 3;
    QString architecture = QStringLiteral("amd64");
    QString kubernetesVersion = QStringLiteral("1.32.6");
    QString vmSize;
    QString location;
    QDateTime createdAt;               // invalid: a week before the cluster is first used
};

// An object by kind, as a controller names it: apiVersion + kind + namespace + name.
struct KubeObjectRef
{
    QString apiVersion;
    QString kind;
    QString namespaceName;             // empty for cluster-scoped kinds
    QString name;
};

// One change, as watches stream it. `previous` is the state before a MODIFIED (for selectors
// that stop or start matching).
struct KubeWatchEvent
{
    enum class Type { Added, Modified, Deleted };
    Type type = Type::Added;
    quint64 resourceVersion = 0;
    const KubeResourceType *resource = nullptr;
    QJsonObject object;
    QJsonObject previous;
};

struct KubeLogLine
{
    QDateTime time;
    QString text;
};

// Every cluster's Kubernetes objects: kept per kind in maps sorted by (namespace, name), each
// with its compact JSON cached so lists are a concatenation. One resourceVersion counter per
// cluster, a bounded event history for watches, container logs per pod. A cluster is
// registered cheaply and seeded (namespaces, nodes, kube-system) on first use, or restored
// from <state>/<key>.json. Failures are Domain::Error values whose detail is a Status reason
// (kubestatus.h).
class KubeObjectStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeObjectStore)

public:
    struct Stored
    {
        QJsonObject object;
        QByteArray json;               // compact, as stored (storage apiVersion)
        mutable QByteArray partial;    // its PartialObjectMetadata, made when a Table first needs it
    };
    using ObjectKey = std::pair<QString, QString>;   // namespace, name
    using Objects = std::map<ObjectKey, Stored>;

    enum class Subresource { Main, Status };

    explicit KubeObjectStore(QObject *parent = nullptr);
    ~KubeObjectStore() override;

    // Clusters, by ARM id (any case) or by the key in "/k8s/{key}".
    void addCluster(const KubeClusterFacts &facts);
    bool hasCluster(const QString &armId) const;
    QString clusterForKey(const QString &key) const;   // lower-cased ARM id, or empty
    QStringList clusters() const;
    const KubeClusterFacts *facts(const QString &armId) const;

    // --- The reconciler's API ---------------------------------------------------------------
    // Creates or replaces the object (by apiVersion, kind, namespace, name). Server-set metadata
    // stays; a missing "status" keeps the current one; no resourceVersion precondition.
    Domain::Result<QJsonObject> apply(const QString &cluster, const QJsonObject &object);
    // Deletes as the API does: objects with finalizers get a deletionTimestamp and stay.
    Domain::Result<QJsonObject> remove(const QString &cluster, const KubeObjectRef &ref);
    std::optional<QJsonObject> get(const QString &cluster, const KubeObjectRef &ref);
    // Objects of a kind (any served apiVersion), in one namespace or all (empty), by label selector text.
    Domain::Result<QList<QJsonObject>> list(const QString &cluster, const QString &apiVersion, const QString &kind,
                                            const QString &namespaceName = {}, const QString &labelSelector = {});
    void appendLog(const QString &cluster, const QString &namespaceName, const QString &pod, const QString &container,
                   const QString &text);

    // --- What the HTTP API uses --------------------------------------------------------------
    const Objects *objects(const QString &cluster, const KubeResourceType &type);
    const Stored *find(const QString &cluster, const KubeResourceType &type, const QString &namespaceName,
                       const QString &name);
    Domain::Result<QJsonObject> create(const QString &cluster, const KubeResourceType &type, const QString &namespaceName,
                                       QJsonObject object);
    Domain::Result<QJsonObject> update(const QString &cluster, const KubeResourceType &type, const QString &namespaceName,
                                       QJsonObject object, Subresource subresource);
    Domain::Result<QJsonObject> remove(const QString &cluster, const KubeResourceType &type, const QString &namespaceName,
                                       const QString &name);
    quint64 resourceVersion(const QString &cluster);
    // Watches and continue tokens from before this resourceVersion are gone (410).
    quint64 oldestAvailable(const QString &cluster);
    // Events after `since`, oldest first, or nothing when history no longer reaches back that far.
    std::optional<QList<KubeWatchEvent>> eventsSince(const QString &cluster, quint64 since);
    const std::deque<KubeLogLine> *logs(const QString &cluster, const QString &namespaceName, const QString &pod,
                                        const QString &container);

    void setHistoryLimit(int events);            // default 10,000 per cluster
    // Called once a cluster is first seeded (not when restored), so other parts of the cloud
    // can add what that cluster runs (the microsoft.flux workload, say).
    void setSeedHook(std::function<void(const QString &armId)> hook) { m_seedHook = std::move(hook); }
    void setStateDirectory(const QString &directory);
    void flush();                                // writes every changed cluster now

Q_SIGNALS:
    void objectChanged(const QString &cluster, const Fluxdeck::Sandbox::KubeWatchEvent &event);
    void logAppended(const QString &cluster, const QString &namespaceName, const QString &pod, const QString &container,
                     const Fluxdeck::Sandbox::KubeLogLine &line);

private:
    struct Cluster;
    Cluster *cluster(const QString &armId);      // seeds or restores on first use
    Domain::Result<QJsonObject> store(Cluster &c, const KubeResourceType &type, QJsonObject object,
                                      KubeWatchEvent::Type change, const QJsonObject &previous);
    void erase(Cluster &c, const KubeResourceType &type, const ObjectKey &key);
    void finishNamespaceDeletion(Cluster &c, const QString &namespaceName);
    void seed(Cluster &c);
    void startPod(Cluster &c, QJsonObject &pod, const QString &when);
    bool load(Cluster &c);
    void save(Cluster &c) const;
    void markDirty(Cluster &c);

    QHash<QString, std::shared_ptr<Cluster>> m_clusters;   // by lower-cased ARM id
    QHash<QString, QString> m_clusterByKey;
    int m_historyLimit = 10000;
    QString m_stateDirectory;
    QTimer m_saveTimer;
    std::function<void(const QString &)> m_seedHook;
};

} // namespace Fluxdeck::Sandbox
