#include "fluxpass.h"

#include "git/repositorycontent.h"
#include "kube/kubeobjectstore.h"
#include "kube/kuberesourceregistry.h"
#include "workload/workloadrollout.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringBuilder>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Fluxdeck::Sandbox::Flux {

namespace {

const QString FluxSystem = u"flux-system"_s;

QString stampOf(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

const KubeResourceType *typeOf(const QJsonObject &object)
{
    return KubeResourceRegistry::instance().forApiVersion(object.value(u"apiVersion").toString(),
                                                          object.value(u"kind").toString());
}

bool ownedBy(const QJsonObject &object, const QString &kind, const QString &name)
{
    for (const QJsonValue &owner : object.value(u"metadata").toObject().value(u"ownerReferences").toArray()) {
        if (owner[u"kind"].toString() == kind && owner[u"name"].toString() == name)
            return true;
    }
    return false;
}

} // namespace

Readiness readinessOf(const QJsonObject &object)
{
    Readiness readiness;
    const QJsonObject status = object.value(u"status").toObject();
    for (const QJsonValue &value : status.value(u"conditions").toArray()) {
        if (value[u"type"].toString() == u"Ready") {
            readiness.status = value[u"status"].toString(u"Unknown"_s);
            readiness.reason = value[u"reason"].toString();
            readiness.message = value[u"message"].toString();
        }
    }
    readiness.current = status.value(u"observedGeneration").toInteger(-1) == generationOf(object);
    return readiness;
}

QString nameOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"name").toString();
}

QString namespaceOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"namespace").toString();
}

qint64 generationOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"generation").toInteger(1);
}

QString describe(const QJsonObject &object)
{
    const QString ns = namespaceOf(object);
    return object.value(u"kind").toString() % u'/' % (ns.isEmpty() ? QString() : ns % u'/') % nameOf(object);
}

std::chrono::milliseconds parseDuration(const QString &text, std::chrono::milliseconds fallback)
{
    static const QRegularExpression part(u"(\\d+(?:\\.\\d+)?)(ms|h|m|s)"_s);
    if (text.isEmpty())
        return fallback;
    double total = 0;
    qsizetype consumed = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        if (match.capturedStart() != consumed)
            return fallback;
        consumed = match.capturedEnd();
        const double value = match.captured(1).toDouble();
        const QString unit = match.captured(2);
        total += value * (unit == u"h" ? 3600000.0 : unit == u"m" ? 60000.0 : unit == u"s" ? 1000.0 : 1.0);
    }
    if (consumed != text.size())
        return fallback;
    return std::chrono::milliseconds(qint64(total));
}

QString durationText(std::chrono::milliseconds duration)
{
    const qint64 seconds = duration.count() / 1000;
    QString text;
    if (seconds >= 3600)
        text += QString::number(seconds / 3600) + u'h';
    if (seconds >= 60)
        text += QString::number(seconds % 3600 / 60) + u'm';
    return text + QString::number(seconds % 60) + u's';
}

QJsonObject withCondition(QJsonObject status, const QString &type, const QString &conditionStatus,
                          const QString &reason, const QString &message, qint64 generation, const QString &now)
{
    QJsonArray conditions = status.value(u"conditions").toArray();
    QJsonObject condition{{u"type"_s, type},     {u"status"_s, conditionStatus},      {u"reason"_s, reason},
                          {u"message"_s, message}, {u"observedGeneration"_s, generation}, {u"lastTransitionTime"_s, now}};
    bool found = false;
    for (qsizetype i = 0; i < conditions.size(); ++i) {
        const QJsonObject old = conditions.at(i).toObject();
        if (old.value(u"type").toString() != type)
            continue;
        if (old.value(u"status").toString() == conditionStatus)
            condition.insert(u"lastTransitionTime"_s, old.value(u"lastTransitionTime"));
        conditions.replace(i, condition);
        found = true;
    }
    if (!found)
        conditions.append(condition);
    status.insert(u"conditions"_s, conditions);
    return status;
}

QJsonObject withoutCondition(QJsonObject status, const QString &type)
{
    QJsonArray kept;
    for (const QJsonValue &value : status.value(u"conditions").toArray()) {
        if (value[u"type"].toString() != type)
            kept.append(value);
    }
    status.insert(u"conditions"_s, kept);
    return status;
}

bool stalled(const QJsonObject &object)
{
    for (const QJsonValue &value : object.value(u"status")[u"conditions"].toArray()) {
        if (value[u"type"].toString() == u"Stalled" && value[u"status"].toString() == u"True")
            return true;
    }
    return false;
}

// --- Pass -------------------------------------------------------------------------------------------

Pass::Pass(KubeObjectStore &kubeStore, const GitHost &gitHost, const QString &clusterId, Memory &memory,
           std::chrono::milliseconds stepDelay)
    : kube(kubeStore)
    , git(gitHost)
    , cluster(clusterId)
    , now(QDateTime::currentDateTimeUtc())
    , nowText(stampOf(now))
    , step(stepDelay)
    , m_memory(memory)
{
    if (const KubeClusterFacts *facts = kube.facts(cluster))
        architecture = facts->architecture;
    if (architecture.isEmpty())
        architecture = u"amd64"_s;
}

QList<QJsonObject> Pass::list(QStringView apiVersion, const QString &kind, const QString &namespaceName) const
{
    return kube.list(cluster, apiVersion.toString(), kind, namespaceName).value_or(QList<QJsonObject>{});
}

std::optional<QJsonObject> Pass::get(QStringView apiVersion, const QString &kind, const QString &namespaceName,
                                     const QString &name) const
{
    return kube.get(cluster, KubeObjectRef{apiVersion.toString(), kind, namespaceName, name});
}

bool Pass::exists(const QString &apiVersion, const QString &kind, const QString &namespaceName,
                  const QString &name) const
{
    return get(apiVersion, kind, namespaceName, name).has_value();
}

bool Pass::controllerRunning(const QString &controller) const
{
    return exists(u"apps/v1"_s, u"Deployment"_s, FluxSystem, controller);
}

QString Pass::keyOf(const QJsonObject &object)
{
    return object.value(u"kind").toString() % u'/' % namespaceOf(object) % u'/' % nameOf(object);
}

bool Pass::due(const QJsonObject &object)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    const QJsonObject status = object.value(u"status").toObject();
    if (deleting(object) || status.value(u"observedGeneration").toInteger(-1) != generationOf(object))
        return true;
    const QString requested = metadata.value(u"annotations").toObject().value(u"reconcile.fluxcd.io/requestedAt").toString();
    if (!requested.isEmpty() && requested != status.value(u"lastHandledReconcileAt").toString())
        return true;
    const auto next = m_memory.schedule.constFind(keyOf(object));
    if (next == m_memory.schedule.constEnd() || *next <= now)
        return true;
    if (!m_nextDue || *next < *m_nextDue)
        m_nextDue = *next;
    return false;
}

void Pass::after(const QJsonObject &object, std::chrono::milliseconds delay)
{
    const QDateTime when = now.addMSecs(delay.count());
    m_memory.schedule.insert(keyOf(object), when);
    if (!m_nextDue || when < *m_nextDue)
        m_nextDue = when;
}

bool Pass::deleting(const QJsonObject &object) const
{
    return object.value(u"metadata").toObject().contains(u"deletionTimestamp");
}

QJsonObject Pass::setStatus(const QJsonObject &object, QJsonObject status)
{
    if (object.value(u"status").toObject() == status)
        return object;
    const KubeResourceType *type = typeOf(object);
    if (!type)
        return object;
    QJsonObject updated = object;
    updated.insert(u"status"_s, status);
    return kube.update(cluster, *type, namespaceOf(object), updated, KubeObjectStore::Subresource::Status)
        .value_or(object);
}

QJsonObject Pass::withFinalizer(const QJsonObject &object)
{
    QJsonObject metadata = object.value(u"metadata").toObject();
    QJsonArray finalizers = metadata.value(u"finalizers").toArray();
    if (finalizers.contains(Finalizer.toString()) || deleting(object))
        return object;
    finalizers.append(Finalizer.toString());
    metadata.insert(u"finalizers"_s, finalizers);
    QJsonObject updated = object;
    updated.insert(u"metadata"_s, metadata);
    return kube.apply(cluster, updated).value_or(object);
}

void Pass::release(const QJsonObject &object)
{
    m_memory.schedule.remove(keyOf(object));
    QJsonObject metadata = object.value(u"metadata").toObject();
    metadata.insert(u"finalizers"_s, QJsonArray{});
    QJsonObject updated = object;
    updated.insert(u"metadata"_s, metadata);
    (void)kube.apply(cluster, updated);
}

Domain::Result<QString> Pass::applyManaged(QJsonObject object)
{
    const QString apiVersion = object.value(u"apiVersion").toString();
    const QString kind = object.value(u"kind").toString();
    const QString ns = namespaceOf(object);
    const QString name = nameOf(object);
    const auto before = kube.get(cluster, KubeObjectRef{apiVersion, kind, ns, name});
    auto stored = kube.apply(cluster, object);
    if (!stored)
        return std::unexpected(stored.error());
    QString outcome = !before ? u"created"_s
                              : before->value(u"metadata")[u"resourceVersion"] == stored->value(u"metadata")[u"resourceVersion"]
                                    ? u"unchanged"_s
                                    : u"configured"_s;
    const bool deployment = kind == u"Deployment" && apiVersion == u"apps/v1";
    const bool statefulSet = kind == u"StatefulSet" && apiVersion == u"apps/v1";
    if (!deployment && !statefulSet)
        return outcome;

    // What the deployment / stateful set controllers and the kubelet would do next.
    const SettledWorkload settled = deployment ? settleDeployment(*stored, architecture)
                                               : settleStatefulSet(*stored, architecture);
    (void)kube.apply(cluster, settled.workload);
    QStringList podNames;
    if (deployment) {
        const QString replicaSetName = nameOf(settled.replicaSet);
        (void)kube.apply(cluster, settled.replicaSet);
        // Older ReplicaSets of this Deployment are scaled away, their pods with them.
        for (const QJsonObject &replicaSet : list(u"apps/v1", u"ReplicaSet"_s, ns)) {
            if (ownedBy(replicaSet, kind, name) && nameOf(replicaSet) != replicaSetName)
                removeManaged(u"apps/v1"_s, u"ReplicaSet"_s, ns, nameOf(replicaSet));
        }
    }
    const QString podOwner = deployment ? nameOf(settled.replicaSet) : name;
    for (const QJsonObject &pod : settled.pods) {
        podNames.append(nameOf(pod));
        if (!kube.get(cluster, KubeObjectRef{u"v1"_s, u"Pod"_s, ns, nameOf(pod)}))
            (void)kube.apply(cluster, pod);
    }
    for (const QJsonObject &pod : list(u"v1", u"Pod"_s, ns)) {
        if (ownedBy(pod, deployment ? u"ReplicaSet"_s : kind, podOwner) && !podNames.contains(nameOf(pod)))
            (void)kube.remove(cluster, KubeObjectRef{u"v1"_s, u"Pod"_s, ns, nameOf(pod)});
    }
    return outcome;
}

void Pass::removeManaged(const QString &apiVersion, const QString &kind, const QString &namespaceName,
                         const QString &name)
{
    // The garbage collector's part: what the object owns goes with it.
    if (apiVersion == u"apps/v1") {
        for (const QString &ownedKind : {u"ReplicaSet"_s, u"Pod"_s}) {
            const QString ownedApi = ownedKind == u"Pod" ? u"v1"_s : u"apps/v1"_s;
            for (const QJsonObject &owned : list(ownedApi, ownedKind, namespaceName)) {
                if (ownedBy(owned, kind, name))
                    removeManaged(ownedApi, ownedKind, namespaceName, nameOf(owned));
            }
        }
    }
    (void)kube.remove(cluster, KubeObjectRef{apiVersion, kind, namespaceName, name});
}

QString Pass::podFor(const QString &controller, QString *container) const
{
    for (const QJsonObject &pod : list(u"v1", u"Pod"_s, FluxSystem)) {
        const QJsonObject labels = pod.value(u"metadata").toObject().value(u"labels").toObject();
        if (labels.value(u"app").toString() == controller) {
            *container = pod.value(u"spec").toObject().value(u"containers").toArray().at(0)[u"name"].toString();
            return nameOf(pod);
        }
    }
    return {};
}

void Pass::event(const QJsonObject &object, bool warning, const QString &reason, const QString &message,
                 const QString &controller)
{
    const QString ns = namespaceOf(object).isEmpty() ? u"default"_s : namespaceOf(object);
    const QByteArray id = QCryptographicHash::hash(QString(keyOf(object) % reason % message % nowText).toUtf8(),
                                                   QCryptographicHash::Sha1)
                              .toHex()
                              .left(16);
    const QJsonObject metadata = object.value(u"metadata").toObject();
    (void)kube.apply(cluster, QJsonObject{
        {u"apiVersion"_s, u"v1"_s},
        {u"kind"_s, u"Event"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, QString(nameOf(object) % u'.' % QString::fromLatin1(id))},
                                    {u"namespace"_s, ns}}},
        {u"involvedObject"_s, QJsonObject{{u"apiVersion"_s, object.value(u"apiVersion")},
                                          {u"kind"_s, object.value(u"kind")},
                                          {u"name"_s, nameOf(object)},
                                          {u"namespace"_s, ns},
                                          {u"uid"_s, metadata.value(u"uid")},
                                          {u"resourceVersion"_s, metadata.value(u"resourceVersion")}}},
        {u"reason"_s, reason},
        {u"message"_s, message},
        {u"type"_s, warning ? u"Warning"_s : u"Normal"_s},
        {u"count"_s, 1},
        {u"firstTimestamp"_s, nowText},
        {u"lastTimestamp"_s, nowText},
        {u"source"_s, QJsonObject{{u"component"_s, controller}}},
        {u"reportingComponent"_s, controller},
        {u"reportingInstance"_s, QString(controller % u"-0"_s)},
    });
    log(controller, object, warning, message, {{u"reason"_s, reason}});
}

void Pass::log(const QString &controller, const QJsonObject &object, bool error, const QString &message,
               const QJsonObject &extra)
{
    QString container;
    const QString pod = podFor(controller, &container);
    if (pod.isEmpty())
        return;
    const QString kind = object.value(u"kind").toString();
    const QString group = object.value(u"apiVersion").toString().section(u'/', 0, 0);
    QJsonObject line{{u"level"_s, error ? u"error"_s : u"info"_s},
                     {u"ts"_s, now.toString(Qt::ISODateWithMs)},
                     {u"msg"_s, message},
                     {u"controller"_s, kind.toLower()},
                     {u"controllerGroup"_s, group},
                     {u"controllerKind"_s, kind},
                     {kind, QJsonObject{{u"name"_s, nameOf(object)}, {u"namespace"_s, namespaceOf(object)}}},
                     {u"namespace"_s, namespaceOf(object)},
                     {u"name"_s, nameOf(object)},
                     {u"reconcileID"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        line.insert(it.key(), it.value());
    kube.appendLog(cluster, FluxSystem, pod, container,
                   QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)));
}

Domain::Result<QMap<QString, QByteArray>> Pass::gitFiles(const QString &repositoryPath, const QString &commit)
{
    const QString key = repositoryPath % u'@' % commit;
    if (const auto cached = m_memory.gitFiles.constFind(key); cached != m_memory.gitFiles.constEnd())
        return *cached;
    auto files = readFiles(repositoryPath, commit, {});
    if (!files)
        return files;
    if (m_memory.gitFiles.size() >= 8)
        m_memory.gitFiles.clear();
    m_memory.gitFiles.insert(key, *files);
    return files;
}

} // namespace Fluxdeck::Sandbox::Flux
