#include "kubeobjectstore.h"

#include "kubeclusterkey.h"
#include "kuberesourceregistry.h"
#include "kubestatus.h"
#include "labelselector.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

constexpr int LogLinesKept = 5000;       // per container, in memory
constexpr int LogLinesSaved = 500;       // per container, on disk

QString stamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString nowStamp()
{
    return stamp(QDateTime::currentDateTimeUtc());
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Deterministic hex for names and ids derived from a seed text (stable across restarts).
QString hexFor(const QString &seed, int length)
{
    return QString::fromLatin1(QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha1).toHex().left(length));
}

// The five-character suffixes ReplicaSets and generateName use: consonants and digits only.
QString suffixFor(const QString &seed, int length)
{
    static const QString alphabet = u"bcdfghjklmnpqrstvwxz2456789"_s;
    const QByteArray digest = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha1);
    QString out;
    for (int i = 0; i < length; ++i)
        out.append(alphabet.at(quint8(digest.at(i)) % alphabet.size()));
    return out;
}

QString randomSuffix()
{
    return suffixFor(QUuid::createUuid().toString(), 5);
}

bool validName(const QString &name, bool label)
{
    static const QRegularExpression subdomain(u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"_s);
    static const QRegularExpression dnsLabel(u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"_s);
    return !name.isEmpty() && name.size() <= (label ? 63 : 253) && (label ? dnsLabel : subdomain).match(name).hasMatch();
}

QJsonObject metadataOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject();
}

QString nameOf(const QJsonObject &object)
{
    return metadataOf(object).value(u"name").toString();
}

// What a spec change is: everything but metadata (and status, when it has its own subresource).
QJsonObject specPart(QJsonObject object, bool hasStatus)
{
    object.remove(u"metadata");
    object.remove(u"apiVersion");
    object.remove(u"kind");
    if (hasStatus)
        object.remove(u"status");
    return object;
}

QString logKey(const QString &ns, const QString &pod, const QString &container)
{
    return ns + u'/' + pod + u'/' + container;
}

// "Kustomization.kustomize.toolkit.fluxcd.io", "Pod": how Invalid messages name the kind.
QString qualifiedKind(const KubeResourceType &type)
{
    return type.group.isEmpty() ? type.kind : type.kind + u'.' + type.group;
}

QString notFoundMessage(const KubeResourceType &type, const QString &name)
{
    return u"%1 \"%2\" not found"_s.arg(type.qualifiedName(), name);
}

} // namespace

struct KubeObjectStore::Cluster
{
    KubeClusterFacts facts;
    QString id;                      // lower-cased ARM id
    QString key;
    bool ready = false;
    bool dirty = false;
    quint64 resourceVersion = 0;
    quint64 compactedThrough = 0;    // history holds every event after this resourceVersion
    std::map<const KubeResourceType *, Objects> objects;
    std::deque<KubeWatchEvent> history;
    QHash<QString, std::deque<KubeLogLine>> logs;   // "namespace/pod/container"
};

KubeObjectStore::KubeObjectStore(QObject *parent)
    : QObject(parent)
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(500);
    connect(&m_saveTimer, &QTimer::timeout, this, &KubeObjectStore::flush);
}

KubeObjectStore::~KubeObjectStore() = default;

void KubeObjectStore::addCluster(const KubeClusterFacts &facts)
{
    const QString id = facts.armId.toLower();
    if (m_clusters.contains(id))
        return;
    auto c = std::make_shared<Cluster>();
    c->facts = facts;
    c->id = id;
    c->key = kubeClusterKey(id);
    m_clusters.insert(id, c);
    m_clusterByKey.insert(c->key, id);
}

bool KubeObjectStore::hasCluster(const QString &armId) const
{
    return m_clusters.contains(armId.toLower());
}

QString KubeObjectStore::clusterForKey(const QString &key) const
{
    return m_clusterByKey.value(key.toLower());
}

QStringList KubeObjectStore::clusters() const
{
    return m_clusters.keys();
}

const KubeClusterFacts *KubeObjectStore::facts(const QString &armId) const
{
    const auto it = m_clusters.constFind(armId.toLower());
    return it == m_clusters.cend() ? nullptr : &(*it)->facts;
}

KubeObjectStore::Cluster *KubeObjectStore::cluster(const QString &armId)
{
    const auto it = m_clusters.constFind(armId.toLower());
    if (it == m_clusters.cend())
        return nullptr;
    Cluster *c = it->get();
    if (!c->ready) {
        c->ready = true;
        bool seeded = false;
        if (!load(*c)) {
            seed(*c);
            markDirty(*c);
            seeded = true;
        }
        c->compactedThrough = c->resourceVersion;
        if (seeded && m_seedHook)
            m_seedHook(c->id);
    }
    return c;
}

void KubeObjectStore::setHistoryLimit(int events)
{
    m_historyLimit = std::max(1, events);
}

void KubeObjectStore::setStateDirectory(const QString &directory)
{
    m_stateDirectory = directory;
    if (!directory.isEmpty())
        QDir().mkpath(directory);
}

void KubeObjectStore::markDirty(Cluster &c)
{
    c.dirty = true;
    if (!m_stateDirectory.isEmpty() && !m_saveTimer.isActive())
        m_saveTimer.start();
}

// --- reading ---------------------------------------------------------------------------------

const KubeObjectStore::Objects *KubeObjectStore::objects(const QString &clusterId, const KubeResourceType &type)
{
    Cluster *c = cluster(clusterId);
    if (!c)
        return nullptr;
    return &c->objects[&type];
}

const KubeObjectStore::Stored *KubeObjectStore::find(const QString &clusterId, const KubeResourceType &type,
                                                     const QString &namespaceName, const QString &name)
{
    const Objects *all = objects(clusterId, type);
    if (!all)
        return nullptr;
    const auto it = all->find({type.namespaced ? namespaceName : QString(), name});
    return it == all->end() ? nullptr : &it->second;
}

quint64 KubeObjectStore::resourceVersion(const QString &clusterId)
{
    Cluster *c = cluster(clusterId);
    return c ? c->resourceVersion : 0;
}

quint64 KubeObjectStore::oldestAvailable(const QString &clusterId)
{
    Cluster *c = cluster(clusterId);
    return c ? c->compactedThrough : 0;
}

std::optional<QList<KubeWatchEvent>> KubeObjectStore::eventsSince(const QString &clusterId, quint64 since)
{
    Cluster *c = cluster(clusterId);
    if (!c || since < c->compactedThrough)
        return std::nullopt;
    QList<KubeWatchEvent> events;
    // History is ordered by resourceVersion: binary search for the first newer event.
    const auto first = std::upper_bound(c->history.begin(), c->history.end(), since,
                                        [](quint64 rv, const KubeWatchEvent &e) { return rv < e.resourceVersion; });
    for (auto it = first; it != c->history.end(); ++it)
        events.append(*it);
    return events;
}

const std::deque<KubeLogLine> *KubeObjectStore::logs(const QString &clusterId, const QString &namespaceName,
                                                     const QString &pod, const QString &container)
{
    Cluster *c = cluster(clusterId);
    if (!c)
        return nullptr;
    const auto it = c->logs.constFind(logKey(namespaceName, pod, container));
    return it == c->logs.cend() ? nullptr : &*it;
}

std::optional<QJsonObject> KubeObjectStore::get(const QString &clusterId, const KubeObjectRef &ref)
{
    const KubeResourceType *type = KubeResourceRegistry::instance().forApiVersion(ref.apiVersion, ref.kind);
    if (!type)
        return std::nullopt;
    const Stored *stored = find(clusterId, *type, ref.namespaceName, ref.name);
    if (!stored)
        return std::nullopt;
    return stored->object;
}

Domain::Result<QList<QJsonObject>> KubeObjectStore::list(const QString &clusterId, const QString &apiVersion,
                                                         const QString &kind, const QString &namespaceName,
                                                         const QString &labelSelector)
{
    const KubeResourceType *type = KubeResourceRegistry::instance().forApiVersion(apiVersion, kind);
    if (!type)
        return kubeFailure(u"NotFound"_s, u"The sandbox serves no kind %1 in %2."_s.arg(kind, apiVersion));
    const auto selector = LabelSelector::parse(labelSelector);
    if (!selector)
        return kubeFailure(u"BadRequest"_s, selector.error().message);
    const Objects *all = objects(clusterId, *type);
    if (!all)
        return kubeFailure(u"NotFound"_s, u"No cluster %1."_s.arg(clusterId));
    QList<QJsonObject> result;
    auto it = namespaceName.isEmpty() ? all->begin() : all->lower_bound({namespaceName, QString()});
    for (; it != all->end(); ++it) {
        if (!namespaceName.isEmpty() && it->first.first != namespaceName)
            break;
        if (selector->matches(metadataOf(it->second.object).value(u"labels").toObject()))
            result.append(it->second.object);
    }
    return result;
}

// --- writing ---------------------------------------------------------------------------------

Domain::Result<QJsonObject> KubeObjectStore::store(Cluster &c, const KubeResourceType &type, QJsonObject object,
                                                   KubeWatchEvent::Type change, const QJsonObject &previous)
{
    QJsonObject metadata = metadataOf(object);
    metadata.insert(u"resourceVersion"_s, QString::number(++c.resourceVersion));
    object.insert(u"metadata"_s, metadata);
    const ObjectKey key{type.namespaced ? metadata.value(u"namespace").toString() : QString(), metadata.value(u"name").toString()};
    c.objects[&type][key] = Stored{object, compact(object), {}};

    c.history.push_back(KubeWatchEvent{change, c.resourceVersion, &type, object, previous});
    while (qsizetype(c.history.size()) > m_historyLimit) {
        c.compactedThrough = c.history.front().resourceVersion;
        c.history.pop_front();
    }
    markDirty(c);
    Q_EMIT objectChanged(c.id, c.history.back());
    return object;
}

void KubeObjectStore::erase(Cluster &c, const KubeResourceType &type, const ObjectKey &key)
{
    Objects &all = c.objects[&type];
    const auto it = all.find(key);
    if (it == all.end())
        return;
    QJsonObject object = it->second.object;
    all.erase(it);
    QJsonObject metadata = metadataOf(object);
    metadata.insert(u"resourceVersion"_s, QString::number(++c.resourceVersion));
    object.insert(u"metadata"_s, metadata);
    if (type.plural == u"pods" && type.group.isEmpty()) {
        const QString prefix = logKey(key.first, key.second, QString());
        for (auto log = c.logs.begin(); log != c.logs.end();)
            log = log.key().startsWith(prefix) ? c.logs.erase(log) : std::next(log);
    }
    c.history.push_back(KubeWatchEvent{KubeWatchEvent::Type::Deleted, c.resourceVersion, &type, object, {}});
    while (qsizetype(c.history.size()) > m_historyLimit) {
        c.compactedThrough = c.history.front().resourceVersion;
        c.history.pop_front();
    }
    markDirty(c);
    Q_EMIT objectChanged(c.id, c.history.back());
    if (type.namespaced)
        finishNamespaceDeletion(c, key.first);
}

namespace {

// What the API server fills in on every write: a namespace's own label and finalizer, a
// service's cluster IP (kept once allocated), node ports and, for a LoadBalancer, the address
// the cloud's load balancer controller gives it.
void applyServerDefaults(const KubeResourceType &type, QJsonObject &object, const QJsonObject *old)
{
    if (!type.group.isEmpty())
        return;
    QJsonObject metadata = object.value(u"metadata").toObject();
    const QString name = metadata.value(u"name").toString();
    if (type.plural == u"namespaces") {
        QJsonObject labels = metadata.value(u"labels").toObject();
        labels.insert(u"kubernetes.io/metadata.name"_s, name);
        metadata.insert(u"labels"_s, labels);
        object.insert(u"metadata"_s, metadata);
        if (object.value(u"spec").toObject().isEmpty())
            object.insert(u"spec"_s, QJsonObject{{u"finalizers"_s, QJsonArray{u"kubernetes"_s}}});
        return;
    }
    if (type.plural != u"services")
        return;
    const QJsonObject oldSpec = old ? old->value(u"spec").toObject() : QJsonObject{};
    QJsonObject spec = object.value(u"spec").toObject();
    const QString serviceType = spec.value(u"type").toString(u"ClusterIP"_s);
    spec.insert(u"type"_s, serviceType);
    const size_t hash = qHash(metadata.value(u"namespace").toString() + u'/' + name);
    QString ip = spec.value(u"clusterIP").toString();
    if (ip.isEmpty())
        ip = oldSpec.value(u"clusterIP").toString();
    if (ip.isEmpty())
        ip = u"10.0.%1.%2"_s.arg(hash >> 8 & 0xff).arg(2 + hash % 250);
    spec.insert(u"clusterIP"_s, ip);
    spec.insert(u"clusterIPs"_s, QJsonArray{ip});
    spec.insert(u"ipFamilies"_s, QJsonArray{u"IPv4"_s});
    spec.insert(u"ipFamilyPolicy"_s, u"SingleStack"_s);
    spec.insert(u"internalTrafficPolicy"_s, spec.value(u"internalTrafficPolicy").toString(u"Cluster"_s));
    spec.insert(u"sessionAffinity"_s, spec.value(u"sessionAffinity").toString(u"None"_s));
    const bool external = serviceType == u"NodePort" || serviceType == u"LoadBalancer";
    QJsonArray ports = spec.value(u"ports").toArray();
    for (qsizetype i = 0; i < ports.size(); ++i) {
        QJsonObject port = ports.at(i).toObject();
        port.insert(u"protocol"_s, port.value(u"protocol").toString(u"TCP"_s));
        if (!port.contains(u"targetPort"))
            port.insert(u"targetPort"_s, port.value(u"port"));
        if (external && !port.contains(u"nodePort")) {
            const QJsonValue kept = oldSpec.value(u"ports").toArray().at(i).toObject().value(u"nodePort");
            port.insert(u"nodePort"_s, kept.isDouble() ? kept.toInt() : int(30000 + (hash + i * 7919) % 2768));
        }
        ports.replace(i, port);
    }
    spec.insert(u"ports"_s, ports);
    object.insert(u"spec"_s, spec);
    if (serviceType == u"LoadBalancer" && !old) {
        const QString address = u"20.%1.%2.%3"_s.arg(40 + hash % 200).arg(hash >> 8 & 0xff).arg(1 + (hash >> 16) % 254);
        object.insert(u"status"_s, QJsonObject{{u"loadBalancer"_s, QJsonObject{{u"ingress"_s, QJsonArray{QJsonObject{
                                                   {u"ip"_s, address}, {u"ipMode"_s, u"VIP"_s}}}}}}});
    }
}

} // namespace

Domain::Result<QJsonObject> KubeObjectStore::create(const QString &clusterId, const KubeResourceType &type,
                                                    const QString &namespaceName, QJsonObject object)
{
    Cluster *c = cluster(clusterId);
    if (!c)
        return kubeFailure(u"NotFound"_s, u"No cluster %1."_s.arg(clusterId));
    const QString kind = object.value(u"kind").toString();
    if (!kind.isEmpty() && kind != type.kind)
        return kubeFailure(u"BadRequest"_s, u"the kind %1 does not match the resource %2"_s.arg(kind, type.qualifiedName()));

    QJsonObject metadata = metadataOf(object);
    QString ns = metadata.value(u"namespace").toString();
    if (type.namespaced) {
        if (!namespaceName.isEmpty() && !ns.isEmpty() && ns != namespaceName)
            return kubeFailure(u"BadRequest"_s,
                               u"the namespace of the provided object does not match the namespace sent on the request"_s);
        if (ns.isEmpty())
            ns = namespaceName.isEmpty() ? u"default"_s : namespaceName;
        metadata.insert(u"namespace"_s, ns);
    } else {
        ns.clear();
        metadata.remove(u"namespace");
    }
    QString name = metadata.value(u"name").toString();
    if (name.isEmpty() && !metadata.value(u"generateName").toString().isEmpty())
        name = metadata.value(u"generateName").toString() + randomSuffix();
    const bool label = type.plural == u"namespaces" && type.group.isEmpty();
    if (name.isEmpty())
        return kubeFailure(u"Invalid"_s, u"%1 \"\" is invalid: metadata.name: Required value: name or generateName is required"_s
                                             .arg(qualifiedKind(type)));
    if (!validName(name, label))
        return kubeFailure(u"Invalid"_s,
                           u"%1 \"%2\" is invalid: metadata.name: Invalid value: \"%2\": a lowercase RFC 1123 %3 must consist "
                           "of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                           "character"_s.arg(qualifiedKind(type), name, label ? u"label"_s : u"subdomain"_s));
    if (type.namespaced) {
        const Objects &namespaces = c->objects[KubeResourceRegistry::instance().find(u"", u"namespaces")];
        const auto it = namespaces.find({QString(), ns});
        if (it == namespaces.end())
            return kubeFailure(u"NotFound"_s, u"namespaces \"%1\" not found"_s.arg(ns));
        if (metadataOf(it->second.object).contains(u"deletionTimestamp"))
            return kubeFailure(u"Forbidden"_s, u"%1 \"%2\" is forbidden: unable to create new content in namespace %3 "
                                               "because it is being terminated"_s.arg(type.qualifiedName(), name, ns));
    }
    if (c->objects[&type].contains({ns, name}))
        return kubeFailure(u"AlreadyExists"_s, u"%1 \"%2\" already exists"_s.arg(type.qualifiedName(), name));

    const QString now = nowStamp();
    metadata.insert(u"name"_s, name);
    metadata.insert(u"uid"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
    metadata.insert(u"creationTimestamp"_s, now);
    metadata.insert(u"generation"_s, 1);
    metadata.remove(u"deletionTimestamp");
    metadata.remove(u"deletionGracePeriodSeconds");
    object.insert(u"metadata"_s, metadata);
    object.insert(u"apiVersion"_s, type.apiVersion(type.storageVersion().name));
    object.insert(u"kind"_s, type.kind);

    // As the API server does on create: status belongs to its subresource (controllers set it).
    if (type.storageVersion().statusSubresource)
        object.remove(u"status");
    applyServerDefaults(type, object, nullptr);
    if (type.group.isEmpty() && type.plural == u"namespaces") {
        object.insert(u"status"_s, QJsonObject{{u"phase"_s, u"Active"_s}});
    } else if (type.group.isEmpty() && type.plural == u"pods") {
        startPod(*c, object, now);
    }
    auto stored = store(*c, type, object, KubeWatchEvent::Type::Added, {});
    if (stored && type.group.isEmpty() && type.plural == u"namespaces") {
        // What the service account and root CA publisher controllers add to every new namespace.
        const KubeResourceRegistry &registry = KubeResourceRegistry::instance();
        (void)create(c->id, *registry.find(u"", u"serviceaccounts"), name,
                     QJsonObject{{u"metadata"_s, QJsonObject{{u"name"_s, u"default"_s}}}});
        const auto rootCa = c->objects[registry.find(u"", u"configmaps")].find({u"kube-system"_s, u"kube-root-ca.crt"_s});
        if (rootCa != c->objects[registry.find(u"", u"configmaps")].end())
            (void)create(c->id, *registry.find(u"", u"configmaps"), name,
                         QJsonObject{{u"metadata"_s, QJsonObject{{u"name"_s, u"kube-root-ca.crt"_s}}},
                                     {u"data"_s, rootCa->second.object.value(u"data")}});
    }
    if (stored && type.group.isEmpty() && type.plural == u"pods") {
        // A few start-up lines per container, as a freshly started process would print.
        for (const QJsonValue &container : object.value(u"spec").toObject().value(u"containers").toArray()) {
            const QString containerName = container.toObject().value(u"name").toString();
            const QString image = container.toObject().value(u"image").toString();
            appendLog(c->id, ns, name, containerName, u"Starting %1 (image %2)"_s.arg(containerName, image));
            appendLog(c->id, ns, name, containerName, u"Configuration loaded from environment and mounted volumes"_s);
            appendLog(c->id, ns, name, containerName, u"Ready: listening for requests"_s);
        }
    }
    return stored;
}

Domain::Result<QJsonObject> KubeObjectStore::update(const QString &clusterId, const KubeResourceType &type,
                                                    const QString &namespaceName, QJsonObject object, Subresource subresource)
{
    Cluster *c = cluster(clusterId);
    if (!c)
        return kubeFailure(u"NotFound"_s, u"No cluster %1."_s.arg(clusterId));
    QJsonObject metadata = metadataOf(object);
    const QString name = metadata.value(u"name").toString();
    const QString ns = type.namespaced ? (namespaceName.isEmpty() ? metadata.value(u"namespace").toString() : namespaceName)
                                       : QString();
    Objects &all = c->objects[&type];
    const auto it = all.find({ns, name});
    if (it == all.end())
        return kubeFailure(u"NotFound"_s, notFoundMessage(type, name));
    const QJsonObject old = it->second.object;
    const QJsonObject oldMetadata = metadataOf(old);

    const QString wanted = metadata.value(u"resourceVersion").toString();
    if (wanted.isEmpty() && !type.unconditionalUpdate)
        return kubeFailure(u"Invalid"_s, u"%1 \"%2\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be "
                                         "specified for an update"_s.arg(qualifiedKind(type), name));
    if (!wanted.isEmpty() && wanted != oldMetadata.value(u"resourceVersion").toString())
        return kubeFailure(u"Conflict"_s, u"Operation cannot be fulfilled on %1 \"%2\": the object has been modified; please "
                                          "apply your changes to the latest version and try again"_s
                                              .arg(type.qualifiedName(), name));

    const bool hasStatus = type.storageVersion().statusSubresource;
    QJsonObject updated;
    if (subresource == Subresource::Status) {
        updated = old;
        if (object.contains(u"status"))
            updated.insert(u"status"_s, object.value(u"status"));
        else
            updated.remove(u"status");
    } else {
        updated = object;
        if (hasStatus) {
            if (old.contains(u"status"))
                updated.insert(u"status"_s, old.value(u"status"));
            else
                updated.remove(u"status");
        }
        // Server-owned metadata stays as it was.
        static const QStringList serverOwned{u"uid"_s, u"creationTimestamp"_s, u"deletionTimestamp"_s,
                                             u"deletionGracePeriodSeconds"_s, u"generation"_s, u"namespace"_s, u"name"_s};
        for (const QString &key : serverOwned) {
            if (oldMetadata.contains(key))
                metadata.insert(key, oldMetadata.value(key));
            else
                metadata.remove(key);
        }
        metadata.insert(u"resourceVersion"_s, oldMetadata.value(u"resourceVersion"));
        updated.insert(u"metadata"_s, metadata);
        applyServerDefaults(type, updated, &old);
        if (specPart(old, hasStatus) != specPart(updated, hasStatus)) {
            QJsonObject bumped = updated.value(u"metadata").toObject();
            bumped.insert(u"generation"_s, oldMetadata.value(u"generation").toInteger(1) + 1);
            updated.insert(u"metadata"_s, bumped);
        }
    }
    updated.insert(u"apiVersion"_s, old.value(u"apiVersion"));
    updated.insert(u"kind"_s, type.kind);
    if (updated == old)
        return old;   // nothing changed: no new resourceVersion, no event, as Kubernetes does

    const QJsonObject newMetadata = metadataOf(updated);
    if (newMetadata.contains(u"deletionTimestamp") && newMetadata.value(u"finalizers").toArray().isEmpty()) {
        // The last finalizer is gone: the deletion that waited for it completes now.
        it->second.object = updated;
        erase(*c, type, {ns, name});
        return updated;
    }
    return store(*c, type, updated, KubeWatchEvent::Type::Modified, old);
}

Domain::Result<QJsonObject> KubeObjectStore::remove(const QString &clusterId, const KubeResourceType &type,
                                                    const QString &namespaceName, const QString &name)
{
    Cluster *c = cluster(clusterId);
    if (!c)
        return kubeFailure(u"NotFound"_s, u"No cluster %1."_s.arg(clusterId));
    const QString ns = type.namespaced ? namespaceName : QString();
    Objects &all = c->objects[&type];
    const auto it = all.find({ns, name});
    if (it == all.end())
        return kubeFailure(u"NotFound"_s, notFoundMessage(type, name));
    QJsonObject object = it->second.object;
    QJsonObject metadata = metadataOf(object);

    if (type.group.isEmpty() && type.plural == u"namespaces") {
        if (!metadata.contains(u"deletionTimestamp")) {
            metadata.insert(u"deletionTimestamp"_s, nowStamp());
            object.insert(u"metadata"_s, metadata);
            object.insert(u"status"_s, QJsonObject{{u"phase"_s, u"Terminating"_s}});
            const QJsonObject previous = it->second.object;
            auto terminating = store(*c, type, object, KubeWatchEvent::Type::Modified, previous);
            object = terminating.value_or(object);
            // The namespace controller's work: delete everything inside, then the namespace.
            for (const KubeResourceType &t : KubeResourceRegistry::instance().types()) {
                if (!t.namespaced)
                    continue;
                Objects &inside = c->objects[&t];
                QStringList names;
                for (auto o = inside.lower_bound({name, QString()}); o != inside.end() && o->first.first == name; ++o)
                    names.append(o->first.second);
                for (const QString &n : std::as_const(names))
                    (void)remove(clusterId, t, name, n);
            }
            finishNamespaceDeletion(*c, name);
        }
        return object;
    }

    if (!metadata.value(u"finalizers").toArray().isEmpty()) {
        if (metadata.contains(u"deletionTimestamp"))
            return object;
        metadata.insert(u"deletionTimestamp"_s, nowStamp());
        metadata.insert(u"deletionGracePeriodSeconds"_s, 0);
        object.insert(u"metadata"_s, metadata);
        return store(*c, type, object, KubeWatchEvent::Type::Modified, it->second.object);
    }
    erase(*c, type, {ns, name});
    metadata.insert(u"resourceVersion"_s, QString::number(c->resourceVersion));
    object.insert(u"metadata"_s, metadata);
    return object;
}

void KubeObjectStore::finishNamespaceDeletion(Cluster &c, const QString &namespaceName)
{
    const KubeResourceType *namespaces = KubeResourceRegistry::instance().find(u"", u"namespaces");
    Objects &all = c.objects[namespaces];
    const auto it = all.find({QString(), namespaceName});
    if (it == all.end() || !metadataOf(it->second.object).contains(u"deletionTimestamp"))
        return;
    for (auto &[type, objects] : c.objects) {
        if (!type->namespaced)
            continue;
        const auto inside = objects.lower_bound({namespaceName, QString()});
        if (inside != objects.end() && inside->first.first == namespaceName)
            return;
    }
    erase(c, *namespaces, {QString(), namespaceName});
}

Domain::Result<QJsonObject> KubeObjectStore::apply(const QString &clusterId, const QJsonObject &object)
{
    const QString apiVersion = object.value(u"apiVersion").toString();
    const QString kind = object.value(u"kind").toString();
    const KubeResourceType *type = KubeResourceRegistry::instance().forApiVersion(apiVersion, kind);
    if (!type)
        return kubeFailure(u"NotFound"_s, u"The sandbox serves no kind %1 in %2."_s.arg(kind, apiVersion));
    Cluster *c = cluster(clusterId);
    if (!c)
        return kubeFailure(u"NotFound"_s, u"No cluster %1."_s.arg(clusterId));
    QJsonObject metadata = metadataOf(object);
    const QString ns = type->namespaced ? metadata.value(u"namespace").toString(u"default"_s) : QString();
    const QString name = metadata.value(u"name").toString();
    const Stored *existing = find(clusterId, *type, ns, name);
    if (!existing) {
        QJsonObject created = object;
        const QJsonValue status = object.value(u"status");
        auto result = create(clusterId, *type, ns, created);
        if (!result || status.isUndefined())
            return result;
        QJsonObject withStatus = *result;
        withStatus.insert(u"status"_s, status);
        return update(clusterId, *type, ns, withStatus, Subresource::Status);
    }

    // Declarative: what the caller gives wins, server-owned metadata and absent parts stay.
    const QJsonObject old = existing->object;
    QJsonObject merged = object;
    QJsonObject mergedMetadata = metadataOf(old);
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
        static const QStringList serverOwned{u"uid"_s, u"resourceVersion"_s, u"creationTimestamp"_s, u"generation"_s,
                                             u"deletionTimestamp"_s, u"deletionGracePeriodSeconds"_s};
        if (!serverOwned.contains(it.key()))
            mergedMetadata.insert(it.key(), it.value());
    }
    merged.insert(u"metadata"_s, mergedMetadata);
    const bool statusGiven = object.contains(u"status");
    if (!statusGiven && old.contains(u"status"))
        merged.insert(u"status"_s, old.value(u"status"));
    auto result = update(clusterId, *type, ns, merged, Subresource::Main);
    if (!result || !statusGiven || !type->storageVersion().statusSubresource)
        return result;
    if (!find(clusterId, *type, ns, name))
        return result;   // the update completed a deletion
    QJsonObject withStatus = *result;
    withStatus.insert(u"status"_s, object.value(u"status"));
    return update(clusterId, *type, ns, withStatus, Subresource::Status);
}

Domain::Result<QJsonObject> KubeObjectStore::remove(const QString &clusterId, const KubeObjectRef &ref)
{
    const KubeResourceType *type = KubeResourceRegistry::instance().forApiVersion(ref.apiVersion, ref.kind);
    if (!type)
        return kubeFailure(u"NotFound"_s, u"The sandbox serves no kind %1 in %2."_s.arg(ref.kind, ref.apiVersion));
    return remove(clusterId, *type, ref.namespaceName, ref.name);
}

void KubeObjectStore::appendLog(const QString &clusterId, const QString &namespaceName, const QString &pod,
                                const QString &container, const QString &text)
{
    Cluster *c = cluster(clusterId);
    if (!c)
        return;
    std::deque<KubeLogLine> &lines = c->logs[logKey(namespaceName, pod, container)];
    const KubeLogLine line{QDateTime::currentDateTimeUtc(), text};
    lines.push_back(line);
    while (lines.size() > LogLinesKept)
        lines.pop_front();
    markDirty(*c);
    Q_EMIT logAppended(c->id, namespaceName, pod, container, line);
}

// --- pods and seeding ------------------------------------------------------------------------

void KubeObjectStore::startPod(Cluster &c, QJsonObject &pod, const QString &when)
{
    QJsonObject spec = pod.value(u"spec").toObject();
    const QString name = nameOf(pod);
    const Objects &nodes = c.objects[KubeResourceRegistry::instance().find(u"", u"nodes")];
    QString node = spec.value(u"nodeName").toString();
    int nodeIndex = 0;
    if (node.isEmpty() && !nodes.empty()) {
        nodeIndex = int(qHash(name) % nodes.size());
        node = std::next(nodes.begin(), nodeIndex)->first.second;
        spec.insert(u"nodeName"_s, node);
        pod.insert(u"spec"_s, spec);
    }
    QString hostIP;
    if (const auto it = nodes.find({QString(), node}); it != nodes.end())
        hostIP = it->second.object.value(u"status").toObject().value(u"addresses").toArray().at(0).toObject()
                     .value(u"address").toString();
    const QString podIP = u"10.244.%1.%2"_s.arg(nodeIndex).arg(10 + qHash(name + u"/ip"_s) % 240);
    QJsonArray statuses;
    for (const QJsonValue &value : spec.value(u"containers").toArray()) {
        const QJsonObject container = value.toObject();
        const QString image = container.value(u"image").toString();
        statuses.append(QJsonObject{
            {u"name"_s, container.value(u"name")},
            {u"image"_s, image},
            {u"imageID"_s, QString(image.section(u':', 0, 0) + u"@sha256:"_s + hexFor(image, 64))},
            {u"containerID"_s, QString(u"containerd://"_s + hexFor(name + container.value(u"name").toString(), 64))},
            {u"ready"_s, true},
            {u"started"_s, true},
            {u"restartCount"_s, 0},
            {u"state"_s, QJsonObject{{u"running"_s, QJsonObject{{u"startedAt"_s, when}}}}},
        });
    }
    const auto condition = [&](const QString &type) {
        return QJsonObject{{u"type"_s, type}, {u"status"_s, u"True"_s}, {u"lastProbeTime"_s, QJsonValue::Null},
                           {u"lastTransitionTime"_s, when}};
    };
    pod.insert(u"status"_s, QJsonObject{
                                {u"phase"_s, u"Running"_s},
                                {u"conditions"_s, QJsonArray{condition(u"PodReadyToStartContainers"_s),
                                                             condition(u"Initialized"_s), condition(u"Ready"_s),
                                                             condition(u"ContainersReady"_s), condition(u"PodScheduled"_s)}},
                                {u"hostIP"_s, hostIP},
                                {u"hostIPs"_s, QJsonArray{QJsonObject{{u"ip"_s, hostIP}}}},
                                {u"podIP"_s, podIP},
                                {u"podIPs"_s, QJsonArray{QJsonObject{{u"ip"_s, podIP}}}},
                                {u"startTime"_s, when},
                                {u"containerStatuses"_s, statuses},
                                {u"qosClass"_s, u"Burstable"_s},
                            });
}

void KubeObjectStore::seed(Cluster &c)
{
    const KubeResourceRegistry &registry = KubeResourceRegistry::instance();
    const KubeClusterFacts &f = c.facts;
    QDateTime created = f.createdAt;
    if (!created.isValid() || created > QDateTime::currentDateTimeUtc())
        created = QDateTime::currentDateTimeUtc().addDays(-7);
    const QString born = stamp(created);
    const QString started = stamp(created.addSecs(90));
    const QString version = u"v"_s + f.kubernetesVersion;

    // Seeded objects get resourceVersions but no events: nobody can be watching yet.
    const auto put = [&](const QString &group, const QString &plural, QJsonObject object) {
        const KubeResourceType *type = registry.find(group, plural);
        QJsonObject metadata = metadataOf(object);
        metadata.insert(u"uid"_s, QUuid::createUuidV5(QUuid(u"{9b4e2c1a-5d3f-4e6a-8b7c-0d1e2f3a4b5c}"_s),
                                                    c.id + u'/' + plural + u'/' + metadata.value(u"namespace").toString()
                                                        + u'/' + metadata.value(u"name").toString())
                                      .toString(QUuid::WithoutBraces));
        if (!metadata.contains(u"creationTimestamp"))
            metadata.insert(u"creationTimestamp"_s, born);
        metadata.insert(u"resourceVersion"_s, QString::number(++c.resourceVersion));
        if (type->custom || group == u"apps")
            metadata.insert(u"generation"_s, 1);
        object.insert(u"metadata"_s, metadata);
        object.insert(u"apiVersion"_s, type->apiVersion(type->storageVersion().name));
        object.insert(u"kind"_s, type->kind);
        c.objects[type][{type->namespaced ? metadata.value(u"namespace").toString() : QString(),
                         metadata.value(u"name").toString()}] = Stored{object, compact(object), {}};
        return object;
    };
    const auto meta = [](const QString &name, const QString &ns, const QJsonObject &labels = {}) {
        QJsonObject m{{u"name"_s, name}};
        if (!ns.isEmpty())
            m.insert(u"namespace"_s, ns);
        if (!labels.isEmpty())
            m.insert(u"labels"_s, labels);
        return m;
    };

    const QString rootCa = u"-----BEGIN CERTIFICATE-----\nMIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\n"
                           "cm5ldGVzMB4XDTI2MTEwMTA5MDAwMFoXDTM2MTEwMTA5MDAwMFowFTETMBEGA1UE\n-----END CERTIFICATE-----\n"_s;
    for (const QString &ns : {u"default"_s, u"kube-node-lease"_s, u"kube-public"_s, u"kube-system"_s}) {
        put({}, u"namespaces"_s, QJsonObject{
                                     {u"metadata"_s, meta(ns, {}, QJsonObject{{u"kubernetes.io/metadata.name"_s, ns}})},
                                     {u"spec"_s, QJsonObject{{u"finalizers"_s, QJsonArray{u"kubernetes"_s}}}},
                                     {u"status"_s, QJsonObject{{u"phase"_s, u"Active"_s}}},
                                 });
        put({}, u"serviceaccounts"_s, QJsonObject{{u"metadata"_s, meta(u"default"_s, ns)}});
        put({}, u"configmaps"_s, QJsonObject{{u"metadata"_s, meta(u"kube-root-ca.crt"_s, ns)},
                                             {u"data"_s, QJsonObject{{u"ca.crt"_s, rootCa}}}});
    }

    // Nodes: AKS names its VM scale set instances, k3s uses host names.
    const bool aks = !f.connected;
    const QString pool = u"aks-nodepool1-%1-vmss"_s.arg(qHash(c.id) % 90000000 + 10000000);
    const QString instanceType = !f.vmSize.isEmpty() ? f.vmSize
        : aks ? (f.architecture == u"arm64" ? u"Standard_D4ps_v5"_s : u"Standard_D4s_v5"_s)
              : u"k3s"_s;
    QStringList nodeNames;
    for (int i = 0; i < std::max(1, f.nodes); ++i) {
        const QString name = aks ? pool + u"%1"_s.arg(i, 6, 36, QChar(u'0')) : u"%1-node-%2"_s.arg(f.name).arg(i);
        nodeNames.append(name);
        QJsonObject labels{
            {u"kubernetes.io/arch"_s, f.architecture},
            {u"kubernetes.io/os"_s, u"linux"_s},
            {u"kubernetes.io/hostname"_s, name},
            {u"node.kubernetes.io/instance-type"_s, instanceType},
            {u"beta.kubernetes.io/arch"_s, f.architecture},
            {u"beta.kubernetes.io/os"_s, u"linux"_s},
        };
        if (aks) {
            labels.insert(u"agentpool"_s, u"nodepool1"_s);
            labels.insert(u"kubernetes.azure.com/agentpool"_s, u"nodepool1"_s);
            labels.insert(u"kubernetes.azure.com/role"_s, u"agent"_s);
            labels.insert(u"kubernetes.io/role"_s, u"agent"_s);
            labels.insert(u"topology.kubernetes.io/region"_s, f.location);
        } else if (i == 0) {
            labels.insert(u"node-role.kubernetes.io/control-plane"_s, u"true"_s);
            labels.insert(u"node-role.kubernetes.io/master"_s, u"true"_s);
        }
        const auto condition = [&](const QString &type, const QString &status, const QString &reason, const QString &message) {
            return QJsonObject{{u"type"_s, type}, {u"status"_s, status}, {u"reason"_s, reason}, {u"message"_s, message},
                               {u"lastHeartbeatTime"_s, nowStamp()}, {u"lastTransitionTime"_s, born}};
        };
        const QString memory = f.architecture == u"arm64" ? u"16374216Ki"_s : u"16365128Ki"_s;
        put({}, u"nodes"_s, QJsonObject{
            {u"metadata"_s, meta(name, {}, labels)},
            {u"spec"_s, aks ? QJsonObject{{u"providerID"_s, u"azure:///subscriptions/%1/resourceGroups/mc_%2/providers/"
                                                            "Microsoft.Compute/virtualMachineScaleSets/%3/virtualMachines/%4"_s
                                                                .arg(f.armId.section(u'/', 2, 2), f.name, pool)
                                                                .arg(i)},
                                          {u"podCIDR"_s, u"10.244.%1.0/24"_s.arg(i)}}
                            : QJsonObject{{u"podCIDR"_s, u"10.42.%1.0/24"_s.arg(i)}}},
            {u"status"_s, QJsonObject{
                {u"addresses"_s, QJsonArray{QJsonObject{{u"type"_s, u"InternalIP"_s},
                                                        {u"address"_s, u"10.224.0.%1"_s.arg(4 + i)}},
                                            QJsonObject{{u"type"_s, u"Hostname"_s}, {u"address"_s, name}}}},
                {u"capacity"_s, QJsonObject{{u"cpu"_s, u"4"_s}, {u"memory"_s, memory}, {u"pods"_s, u"110"_s}}},
                {u"allocatable"_s, QJsonObject{{u"cpu"_s, u"3860m"_s}, {u"memory"_s, u"12880200Ki"_s}, {u"pods"_s, u"110"_s}}},
                {u"conditions"_s, QJsonArray{
                    condition(u"MemoryPressure"_s, u"False"_s, u"KubeletHasSufficientMemory"_s,
                              u"kubelet has sufficient memory available"_s),
                    condition(u"DiskPressure"_s, u"False"_s, u"KubeletHasNoDiskPressure"_s, u"kubelet has no disk pressure"_s),
                    condition(u"PIDPressure"_s, u"False"_s, u"KubeletHasSufficientPID"_s, u"kubelet has sufficient PID available"_s),
                    condition(u"Ready"_s, u"True"_s, u"KubeletReady"_s, u"kubelet is posting ready status"_s)}},
                {u"nodeInfo"_s, QJsonObject{
                    {u"architecture"_s, f.architecture},
                    {u"operatingSystem"_s, u"linux"_s},
                    {u"osImage"_s, aks ? u"Azure Linux 3.0"_s : u"Ubuntu 22.04.5 LTS"_s},
                    {u"kernelVersion"_s, aks ? u"6.6.104.2-4.azl3"_s : u"5.15.0-126-generic"_s},
                    {u"containerRuntimeVersion"_s, aks ? u"containerd://2.0.0"_s : u"containerd://1.7.23-k3s2"_s},
                    {u"kubeletVersion"_s, aks ? version : version + u"+k3s1"_s},
                    {u"kubeProxyVersion"_s, aks ? version : version + u"+k3s1"_s},
                    {u"machineID"_s, hexFor(name + u"/machine"_s, 32)},
                    {u"systemUUID"_s, QUuid::createUuidV5(QUuid(), name).toString(QUuid::WithoutBraces)},
                    {u"bootID"_s, QUuid::createUuidV5(QUuid(), name + u"/boot"_s).toString(QUuid::WithoutBraces)},
                }},
            }},
        });
    }

    // Services.
    const auto service = [&](const QString &name, const QString &ns, const QString &ip, const QJsonArray &ports,
                             const QJsonObject &selector, const QJsonObject &labels) {
        QJsonObject spec{{u"type"_s, u"ClusterIP"_s}, {u"clusterIP"_s, ip}, {u"clusterIPs"_s, QJsonArray{ip}},
                         {u"ports"_s, ports}, {u"sessionAffinity"_s, u"None"_s}, {u"ipFamilies"_s, QJsonArray{u"IPv4"_s}}};
        if (!selector.isEmpty())
            spec.insert(u"selector"_s, selector);
        put({}, u"services"_s, QJsonObject{{u"metadata"_s, meta(name, ns, labels)}, {u"spec"_s, spec},
                                           {u"status"_s, QJsonObject{{u"loadBalancer"_s, QJsonObject{}}}}});
    };
    const auto port = [](const QString &name, int number, const QString &protocol, const QJsonValue &target) {
        return QJsonObject{{u"name"_s, name}, {u"port"_s, number}, {u"protocol"_s, protocol}, {u"targetPort"_s, target}};
    };
    service(u"kubernetes"_s, u"default"_s, aks ? u"10.0.0.1"_s : u"10.43.0.1"_s,
            QJsonArray{port(u"https"_s, 443, u"TCP"_s, 443)}, {},
            QJsonObject{{u"component"_s, u"apiserver"_s}, {u"provider"_s, u"kubernetes"_s}});
    service(u"kube-dns"_s, u"kube-system"_s, aks ? u"10.0.0.10"_s : u"10.43.0.10"_s,
            QJsonArray{port(u"dns"_s, 53, u"UDP"_s, 53), port(u"dns-tcp"_s, 53, u"TCP"_s, 53)},
            QJsonObject{{u"k8s-app"_s, u"kube-dns"_s}},
            QJsonObject{{u"k8s-app"_s, u"kube-dns"_s}, {u"kubernetes.io/name"_s, u"CoreDNS"_s}});
    service(u"metrics-server"_s, u"kube-system"_s, aks ? u"10.0.128.12"_s : u"10.43.128.12"_s,
            QJsonArray{port(u"https"_s, 443, u"TCP"_s, u"https"_s)}, QJsonObject{{u"k8s-app"_s, u"metrics-server"_s}},
            QJsonObject{{u"k8s-app"_s, u"metrics-server"_s}});

    // kube-system workloads: Deployment → ReplicaSet → Pods, with their start-up logs.
    struct Workload
    {
        QString name;
        QString app;
        QString image;
        int replicas;
        QStringList log;
    };
    const QList<Workload> workloads{
        {u"coredns"_s, u"kube-dns"_s,
         aks ? u"mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3-8"_s : u"rancher/mirrored-coredns-coredns:1.11.3"_s, 2,
         {u".:53"_s, u"[INFO] plugin/reload: Running configuration SHA512 = 0c8cfb5a1c9d2e4b7f3a6d8e9b1c2d3e4f5a6b7c8d9e0f1a"_s,
          u"CoreDNS-1.11.3"_s, u"linux/%1, go1.22.7, a6338e9"_s.arg(f.architecture)}},
        {u"metrics-server"_s, u"metrics-server"_s,
         aks ? u"mcr.microsoft.com/oss/v2/kubernetes/metrics-server:v0.7.2-3"_s
             : u"rancher/mirrored-metrics-server:v0.7.2"_s,
         aks ? 2 : 1,
         {u"I1101 09:01:32.214563       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)"_s,
          u"I1101 09:01:32.812240       1 handler.go:275] Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager"_s,
          u"I1101 09:01:32.920117       1 secure_serving.go:213] Serving securely on [::]:10250"_s,
          u"I1101 09:01:32.920305       1 tlsconfig.go:240] \"Starting DynamicServingCertificateController\""_s}},
    };
    int podIndex = 0;
    for (const Workload &w : workloads) {
        const QJsonObject selector{{u"k8s-app"_s, w.app}};
        const QString hash = hexFor(c.id + w.name, 10).replace(u'0', u'7').replace(u'1', u'8').replace(u'e', u'f');
        QJsonObject podLabels = selector;
        podLabels.insert(u"pod-template-hash"_s, hash);
        const QJsonObject container{{u"name"_s, w.name}, {u"image"_s, w.image}, {u"imagePullPolicy"_s, u"IfNotPresent"_s}};
        const QJsonObject podSpec{{u"containers"_s, QJsonArray{container}}, {u"serviceAccountName"_s, w.name},
                                  {u"priorityClassName"_s, u"system-cluster-critical"_s}, {u"restartPolicy"_s, u"Always"_s},
                                  {u"schedulerName"_s, u"default-scheduler"_s}};
        const QJsonObject status{{u"replicas"_s, w.replicas}, {u"readyReplicas"_s, w.replicas},
                                 {u"availableReplicas"_s, w.replicas}, {u"updatedReplicas"_s, w.replicas},
                                 {u"observedGeneration"_s, 1}};
        const QJsonObject deployment = put(u"apps"_s, u"deployments"_s, QJsonObject{
            {u"metadata"_s, meta(w.name, u"kube-system"_s, selector)},
            {u"spec"_s, QJsonObject{{u"replicas"_s, w.replicas}, {u"selector"_s, QJsonObject{{u"matchLabels"_s, selector}}},
                                    {u"template"_s, QJsonObject{{u"metadata"_s, QJsonObject{{u"labels"_s, selector}}},
                                                                {u"spec"_s, podSpec}}}}},
            {u"status"_s, status},
        });
        const auto owner = [](const QJsonObject &o) {
            return QJsonArray{QJsonObject{{u"apiVersion"_s, o.value(u"apiVersion")}, {u"kind"_s, o.value(u"kind")},
                                          {u"name"_s, metadataOf(o).value(u"name")}, {u"uid"_s, metadataOf(o).value(u"uid")},
                                          {u"controller"_s, true}, {u"blockOwnerDeletion"_s, true}}};
        };
        QJsonObject rsMeta = meta(w.name + u'-' + hash, u"kube-system"_s, podLabels);
        rsMeta.insert(u"ownerReferences"_s, owner(deployment));
        QJsonObject rsStatus = status;
        rsStatus.insert(u"fullyLabeledReplicas"_s, w.replicas);
        rsStatus.remove(u"updatedReplicas");
        const QJsonObject replicaSet = put(u"apps"_s, u"replicasets"_s, QJsonObject{
            {u"metadata"_s, rsMeta},
            {u"spec"_s, QJsonObject{{u"replicas"_s, w.replicas}, {u"selector"_s, QJsonObject{{u"matchLabels"_s, podLabels}}},
                                    {u"template"_s, QJsonObject{{u"metadata"_s, QJsonObject{{u"labels"_s, podLabels}}},
                                                                {u"spec"_s, podSpec}}}}},
            {u"status"_s, rsStatus},
        });
        put({}, u"serviceaccounts"_s, QJsonObject{{u"metadata"_s, meta(w.name, u"kube-system"_s)}});
        for (int r = 0; r < w.replicas; ++r) {
            const QString podName = w.name + u'-' + hash + u'-' + suffixFor(c.id + w.name + QString::number(r), 5);
            QJsonObject podMeta = meta(podName, u"kube-system"_s, podLabels);
            podMeta.insert(u"ownerReferences"_s, owner(replicaSet));
            QJsonObject spec = podSpec;
            spec.insert(u"nodeName"_s, nodeNames.at(podIndex++ % nodeNames.size()));
            QJsonObject pod{{u"metadata"_s, podMeta}, {u"spec"_s, spec}};
            startPod(c, pod, started);
            const QString podUid = metadataOf(put({}, u"pods"_s, pod)).value(u"uid").toString();
            std::deque<KubeLogLine> &lines = c.logs[logKey(u"kube-system"_s, podName, w.name)];
            for (int l = 0; l < w.log.size(); ++l)
                lines.push_back({created.addSecs(92 + l), w.log.at(l)});
            for (const auto &[reason, message] : {std::pair{u"Scheduled"_s, u"Successfully assigned kube-system/%1 to %2"_s
                                                                                 .arg(podName, spec.value(u"nodeName").toString())},
                                                  std::pair{u"Started"_s, u"Started container %1"_s.arg(w.name)}}) {
                const bool scheduled = reason == u"Scheduled";
                put({}, u"events"_s, QJsonObject{
                    {u"metadata"_s, meta(podName + u'.' + hexFor(podName + reason, 16), u"kube-system"_s)},
                    {u"involvedObject"_s, QJsonObject{{u"kind"_s, u"Pod"_s}, {u"namespace"_s, u"kube-system"_s},
                                                      {u"name"_s, podName}, {u"uid"_s, podUid}, {u"apiVersion"_s, u"v1"_s},
                                                      {u"fieldPath"_s, scheduled ? u""_s : u"spec.containers{%1}"_s.arg(w.name)}}},
                    {u"reason"_s, reason},
                    {u"message"_s, message},
                    {u"source"_s, scheduled ? QJsonObject{{u"component"_s, u"default-scheduler"_s}}
                                            : QJsonObject{{u"component"_s, u"kubelet"_s},
                                                          {u"host"_s, spec.value(u"nodeName").toString()}}},
                    {u"firstTimestamp"_s, started},
                    {u"lastTimestamp"_s, started},
                    {u"count"_s, 1},
                    {u"type"_s, u"Normal"_s},
                    {u"reportingComponent"_s, scheduled ? u"default-scheduler"_s : u"kubelet"_s},
                });
            }
        }
    }

    // The CustomResourceDefinitions of the Flux kinds and of Azure's fluxconfigs.
    for (const KubeResourceType &type : registry.types()) {
        if (type.custom)
            put(u"apiextensions.k8s.io"_s, u"customresourcedefinitions"_s,
                KubeResourceRegistry::customResourceDefinition(type, born));
    }
}

// --- persistence -----------------------------------------------------------------------------

bool KubeObjectStore::load(Cluster &c)
{
    if (m_stateDirectory.isEmpty())
        return false;
    QFile file(m_stateDirectory + u'/' + c.key + u".json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject saved = QJsonDocument::fromJson(file.readAll()).object();
    if (saved.value(u"cluster").toString() != c.id)
        return false;
    const KubeResourceRegistry &registry = KubeResourceRegistry::instance();
    for (const QJsonValue &value : saved.value(u"objects").toArray()) {
        const QJsonObject object = value.toObject();
        const KubeResourceType *type = registry.forApiVersion(object.value(u"apiVersion").toString(),
                                                              object.value(u"kind").toString());
        if (!type)
            continue;
        const QJsonObject metadata = metadataOf(object);
        c.objects[type][{type->namespaced ? metadata.value(u"namespace").toString() : QString(),
                         metadata.value(u"name").toString()}] = Stored{object, compact(object), {}};
    }
    const QJsonObject logs = saved.value(u"logs").toObject();
    for (auto it = logs.begin(); it != logs.end(); ++it) {
        std::deque<KubeLogLine> &lines = c.logs[it.key()];
        for (const QJsonValue &line : it->toArray())
            lines.push_back({QDateTime::fromString(line.toArray().at(0).toString(), Qt::ISODateWithMs),
                             line.toArray().at(1).toString()});
    }
    c.resourceVersion = quint64(saved.value(u"resourceVersion").toInteger());
    return true;
}

void KubeObjectStore::save(Cluster &c) const
{
    QJsonObject logs;
    for (auto it = c.logs.cbegin(); it != c.logs.cend(); ++it) {
        QJsonArray lines;
        const std::deque<KubeLogLine> &all = *it;
        for (auto line = all.size() > LogLinesSaved ? all.end() - LogLinesSaved : all.begin(); line != all.end(); ++line)
            lines.append(QJsonArray{line->time.toString(Qt::ISODateWithMs), line->text});
        logs.insert(it.key(), lines);
    }
    // The cached JSON of every object is spliced in as it is: no second serialization.
    const QByteArray id = QJsonDocument(QJsonArray{c.id}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    QByteArray out = "{\"cluster\":" + id
        + ",\"resourceVersion\":" + QByteArray::number(c.resourceVersion) + ",\"logs\":" + compact(logs) + ",\"objects\":[";
    bool first = true;
    for (const auto &[type, objects] : c.objects) {
        for (const auto &[key, stored] : objects) {
            if (!first)
                out += ',';
            out += stored.json;
            first = false;
        }
    }
    out += "]}";
    QSaveFile file(m_stateDirectory + u'/' + c.key + u".json"_s);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(out);
        file.commit();
    }
}

void KubeObjectStore::flush()
{
    m_saveTimer.stop();
    if (m_stateDirectory.isEmpty())
        return;
    for (const auto &c : std::as_const(m_clusters)) {
        if (c->dirty) {
            save(*c);
            c->dirty = false;
        }
    }
}

} // namespace Fluxdeck::Sandbox
