// kustomize-controller: builds each Kustomization's path from its source's artifact, applies
// the result (namespaces first), keeps an inventory for pruning, waits for what it applied to
// become ready, and honours dependsOn and suspend.

#include "fluxpass.h"
#include "kube/kubeobjectstore.h"

#include "git/githost.h"
#include "kube/kuberesourceregistry.h"
#include "kustomize/kustomizebuild.h"

#include <QJsonArray>
#include <QSet>
#include <QStringBuilder>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Fluxdeck::Sandbox::Flux {

namespace {

const QString Controller = u"kustomize-controller"_s;
const QString NameLabel = u"kustomize.toolkit.fluxcd.io/name"_s;
const QString NamespaceLabel = u"kustomize.toolkit.fluxcd.io/namespace"_s;

struct Entry
{
    QString apiVersion;
    QString kind;
    QString namespaceName;
    QString name;

    QString id() const
    {
        const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
        return namespaceName % u'_' % name % u'_' % group % u'_' % kind;
    }
    QString version() const { return apiVersion.section(u'/', -1); }
    static Entry fromInventory(const QJsonObject &entry)
    {
        const QStringList parts = entry.value(u"id").toString().split(u'_');
        if (parts.size() != 4)
            return {};
        const QString version = entry.value(u"v").toString();
        return {parts[2].isEmpty() ? version : parts[2] % u'/' % version, parts[3], parts[0], parts[1]};
    }
};

class Reconciler
{
public:
    Reconciler(Pass &pass, QJsonObject kustomization)
        : m_pass(pass)
        , m_object(std::move(kustomization))
        , m_spec(m_object.value(u"spec").toObject())
        , m_generation(generationOf(m_object))
        , m_before(readinessOf(m_object))
    {
    }

    void run();
    void finalize();

private:
    std::optional<QString> sourceRevision(QJsonObject *source);
    std::optional<QString> blockingDependency(const QString &revision) const;
    Domain::Result<QJsonArray> build(const QJsonObject &source, const QString &revision);
    Domain::Result<QList<Entry>> apply(const QJsonArray &objects, QStringList *changes);
    void prune(const QList<Entry> &previous, const QList<Entry> &current);
    // Objects not ready yet and objects that failed, as Flux's health check names them.
    void health(const QList<Entry> &entries, QStringList *pending, QStringList *failed) const;
    void finish(const QString &readyStatus, const QString &reason, const QString &message,
                std::chrono::milliseconds requeue, const QJsonObject &extra = {});

    Pass &m_pass;
    QJsonObject m_object;
    QJsonObject m_spec;
    qint64 m_generation;
    Readiness m_before;
};

QList<Entry> inventoryOf(const QJsonObject &kustomization)
{
    QList<Entry> entries;
    for (const QJsonValue &value : kustomization.value(u"status")[u"inventory"][u"entries"].toArray())
        entries.append(Entry::fromInventory(value.toObject()));
    return entries;
}

std::optional<QString> Reconciler::sourceRevision(QJsonObject *source)
{
    const QJsonObject ref = m_spec.value(u"sourceRef").toObject();
    const QString kind = ref.value(u"kind").toString(u"GitRepository"_s);
    const QString ns = ref.value(u"namespace").toString(namespaceOf(m_object));
    const QString name = ref.value(u"name").toString();
    const auto found = m_pass.get(SourceApi, kind, ns, name);
    if (!found) {
        finish(u"False"_s, u"ArtifactFailed"_s, u"Source '%1/%2/%3' not found"_s.arg(kind, ns, name),
               parseDuration(m_spec.value(u"retryInterval").toString(), m_pass.step));
        return std::nullopt;
    }
    *source = *found;
    const QString revision = found->value(u"status")[u"artifact"][u"revision"].toString();
    if (revision.isEmpty()) {
        const Readiness sourceReadiness = readinessOf(*found);
        finish(u"False"_s, u"ArtifactFailed"_s,
               sourceReadiness.status == u"False" ? u"Source is not ready: %1"_s.arg(sourceReadiness.message)
                                         : u"Source artifact not found, retrying in 30s"_s,
               m_pass.step * 3);
        return std::nullopt;
    }
    return revision;
}

std::optional<QString> Reconciler::blockingDependency(const QString &revision) const
{
    for (const QJsonValue &value : m_spec.value(u"dependsOn").toArray()) {
        const QString ns = value[u"namespace"].toString(namespaceOf(m_object));
        const QString name = value[u"name"].toString();
        const auto dependency = m_pass.get(KustomizeApi, u"Kustomization"_s, ns, name);
        const QString id = ns % u'/' % name;
        if (!dependency)
            return u"unable to get '%1' dependency: kustomizations.kustomize.toolkit.fluxcd.io \"%2\" not found"_s.arg(id, name);
        if (!readinessOf(*dependency).ready())
            return u"dependency '%1' is not ready"_s.arg(id);
        // Dependencies on the same source must have applied the same revision first.
        const QJsonObject ref = dependency->value(u"spec")[u"sourceRef"].toObject();
        const QJsonObject own = m_spec.value(u"sourceRef").toObject();
        if (ref.value(u"name") == own.value(u"name") && ref.value(u"kind") == own.value(u"kind")
            && dependency->value(u"status")[u"lastAppliedRevision"].toString() != revision)
            return u"dependency '%1' revision is not up to date"_s.arg(id);
    }
    return std::nullopt;
}

Domain::Result<QJsonArray> Reconciler::build(const QJsonObject &source, const QString &revision)
{
    const QString url = source.value(u"spec")[u"url"].toString();
    const auto hosted = m_pass.git.find(QUrl(url));
    if (!hosted)
        return Domain::failure(u"failed to download artifact from %1: 404 Not Found"_s.arg(url));
    auto files = m_pass.gitFiles(hosted->barePath, revision.section(u"sha1:"_s, -1));
    if (!files)
        return std::unexpected(files.error());
    auto built = kustomizeBuild(*files, m_spec.value(u"path").toString());
    if (!built) {
        const QString message = built.error().message;
        return Domain::failure(message.startsWith(u"kustomization path not found") ? message
                                                                                   : u"kustomize build failed: "_s + message);
    }

    // postBuild: variables from the spec, then from ConfigMaps and Secrets.
    const QJsonObject postBuild = m_spec.value(u"postBuild").toObject();
    QMap<QString, QString> variables;
    bool substitution = postBuild.contains(u"substitute") || postBuild.contains(u"substituteFrom");
    for (const QJsonValue &from : postBuild.value(u"substituteFrom").toArray()) {
        const QString kind = from[u"kind"].toString();
        const QString name = from[u"name"].toString();
        const auto object = m_pass.get(u"v1", kind, namespaceOf(m_object), name);
        if (!object) {
            if (from[u"optional"].toBool())
                continue;
            return Domain::failure(u"substitute from '%1/%2' error: %3s \"%2\" not found"_s.arg(kind, name, kind.toLower()));
        }
        const QJsonObject data = object->value(u"data").toObject();
        for (auto it = data.begin(); it != data.end(); ++it) {
            variables.insert(it.key(), kind == u"Secret" ? QString::fromUtf8(QByteArray::fromBase64(
                                                               it.value().toString().toLatin1()))
                                                         : it.value().toString());
        }
    }
    const QJsonObject substitute = postBuild.value(u"substitute").toObject();
    for (auto it = substitute.begin(); it != substitute.end(); ++it)
        variables.insert(it.key(), it.value().toString());
    if (!substitution)
        return built->objects;
    return Fluxdeck::Sandbox::substitute(*built, variables, false);
}

Domain::Result<QList<Entry>> Reconciler::apply(const QJsonArray &objects, QStringList *changes)
{
    const KubeResourceRegistry &registry = KubeResourceRegistry::instance();
    const QString targetNamespace = m_spec.value(u"targetNamespace").toString();
    QList<QJsonObject> ordered;
    for (const QJsonValue &value : objects)
        ordered.append(value.toObject());
    // Namespaces and CRDs first, as Flux applies them in a stage of their own.
    std::ranges::stable_sort(ordered, [](const QJsonObject &a, const QJsonObject &b) {
        const auto rank = [](const QJsonObject &o) {
            const QString kind = o.value(u"kind").toString();
            return kind == u"CustomResourceDefinition" ? 0 : kind == u"Namespace" ? 1 : 2;
        };
        return rank(a) < rank(b);
    });

    QList<Entry> entries;
    for (QJsonObject object : ordered) {
        const QString apiVersion = object.value(u"apiVersion").toString();
        const QString kind = object.value(u"kind").toString();
        const KubeResourceType *type = registry.forApiVersion(apiVersion, kind);
        QJsonObject metadata = object.value(u"metadata").toObject();
        if (!type)
            return Domain::failure(u"%1/%2 dry-run failed: no matches for kind \"%1\" in version \"%3\""_s.arg(
                kind, metadata.value(u"name").toString(), apiVersion));
        if (type->namespaced) {
            if (!targetNamespace.isEmpty())
                metadata.insert(u"namespace"_s, targetNamespace);
            else if (metadata.value(u"namespace").toString().isEmpty())
                metadata.insert(u"namespace"_s, u"default"_s);
            const QString ns = metadata.value(u"namespace").toString();
            if (!m_pass.exists(u"v1"_s, u"Namespace"_s, {}, ns))
                return Domain::failure(u"%1/%2/%3 dry-run failed: namespaces \"%2\" not found"_s.arg(
                    kind, ns, metadata.value(u"name").toString()));
        } else {
            metadata.remove(u"namespace");
        }
        QJsonObject labels = metadata.value(u"labels").toObject();
        labels.insert(NameLabel, nameOf(m_object));
        labels.insert(NamespaceLabel, namespaceOf(m_object));
        metadata.insert(u"labels"_s, labels);
        object.insert(u"metadata"_s, metadata);
        const Entry entry{apiVersion, kind, metadata.value(u"namespace").toString(), metadata.value(u"name").toString()};
        auto applied = m_pass.applyManaged(object);
        if (!applied)
            return Domain::failure(u"%1 dry-run failed: %2"_s.arg(
                kind % u'/' % (entry.namespaceName.isEmpty() ? QString() : entry.namespaceName % u'/') % entry.name,
                applied.error().detail.isEmpty() ? applied.error().message : applied.error().message));
        if (*applied != u"unchanged")
            changes->append(kind % u'/' % (entry.namespaceName.isEmpty() ? QString() : entry.namespaceName % u'/')
                            % entry.name % u' ' % *applied);
        entries.append(entry);
    }
    return entries;
}

void Reconciler::prune(const QList<Entry> &previous, const QList<Entry> &current)
{
    QSet<QString> kept;
    for (const Entry &entry : current)
        kept.insert(entry.id());
    for (const Entry &entry : previous) {
        if (kept.contains(entry.id()) || entry.kind.isEmpty())
            continue;
        // Only what this Kustomization applied: the labels say so.
        const auto object = m_pass.get(entry.apiVersion, entry.kind, entry.namespaceName, entry.name);
        if (!object)
            continue;
        const QJsonObject labels = object->value(u"metadata")[u"labels"].toObject();
        if (labels.value(NameLabel).toString() != nameOf(m_object)
            || labels.value(NamespaceLabel).toString() != namespaceOf(m_object))
            continue;
        m_pass.removeManaged(entry.apiVersion, entry.kind, entry.namespaceName, entry.name);
        m_pass.log(Controller, m_object, false, u"garbage collection completed"_s,
                   {{u"output"_s, QJsonObject{{QString(entry.kind % u'/' % entry.name), u"deleted"_s}}}});
    }
}

void Reconciler::health(const QList<Entry> &entries, QStringList *pending, QStringList *failed) const
{
    for (const Entry &entry : entries) {
        if (entry.kind != u"HelmRelease" && entry.kind != u"Kustomization")
            continue;   // workloads settle as they are applied; other kinds have no status to wait for
        const auto object = m_pass.get(entry.apiVersion, entry.kind, entry.namespaceName, entry.name);
        const QString id = entry.kind % u'/' % entry.namespaceName % u'/' % entry.name;
        if (!object) {
            pending->append(id % u" status: 'NotFound'"_s);
            continue;
        }
        const Readiness readiness = readinessOf(*object);
        if (readiness.ready())
            continue;
        // As kstatus reads them: Stalled is a failure; a Kustomization that cannot build or apply is too.
        static const QStringList terminal{u"BuildFailed"_s, u"ReconciliationFailed"_s, u"HealthCheckFailed"_s,
                                          u"ArtifactFailed"_s};
        if (readiness.current && (stalled(*object)
                                  || (entry.kind == u"Kustomization" && readiness.status == u"False"
                                      && terminal.contains(readiness.reason))))
            failed->append(id % u" status: 'Failed'"_s);
        else
            pending->append(id % u" status: 'InProgress'"_s);
    }
}

void Reconciler::finish(const QString &readyStatus, const QString &reason, const QString &message,
                        std::chrono::milliseconds requeue, const QJsonObject &extra)
{
    QJsonObject status = m_object.value(u"status").toObject();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        status.insert(it.key(), it.value());
    status.insert(u"observedGeneration"_s, m_generation);
    const QString requested = m_object.value(u"metadata")[u"annotations"][u"reconcile.fluxcd.io/requestedAt"].toString();
    if (!requested.isEmpty())
        status.insert(u"lastHandledReconcileAt"_s, requested);
    status = withCondition(status, u"Ready"_s, readyStatus, reason, message, m_generation, m_pass.nowText);
    if (m_spec.value(u"wait").toBool() || readyStatus != u"Unknown") {
        const bool healthy = readyStatus == u"True";
        if (m_spec.value(u"wait").toBool() && (healthy || reason == u"HealthCheckFailed" || reason == u"Progressing"))
            status = withCondition(status, u"Healthy"_s, healthy ? u"True"_s : reason == u"Progressing" ? u"Unknown"_s : u"False"_s,
                                   healthy ? u"Succeeded"_s : reason, healthy ? u"Health check passed"_s : message,
                                   m_generation, m_pass.nowText);
    }
    m_object = m_pass.setStatus(m_object, status);
    if (m_before.status != readyStatus || m_before.message != message || !m_before.current)
        m_pass.event(m_object, readyStatus == u"False", reason, message, Controller);
    m_pass.after(m_object, requeue);
}

void Reconciler::run()
{
    QJsonObject source;
    const auto revision = sourceRevision(&source);
    if (!revision)
        return;
    const auto interval = parseDuration(m_spec.value(u"interval").toString(), 10min);
    const auto retry = parseDuration(m_spec.value(u"retryInterval").toString(), interval);
    const auto timeout = parseDuration(m_spec.value(u"timeout").toString(), interval);
    if (const auto blocked = blockingDependency(*revision)) {
        // Flux requeues after --requeue-dependency (30 s); the sandbox looks again after a step.
        finish(u"False"_s, u"DependencyNotReady"_s, *blocked, m_pass.step);
        return;
    }
    const QJsonObject attempted{{u"lastAttemptedRevision"_s, *revision}};
    auto built = build(source, *revision);
    if (!built) {
        finish(u"False"_s, u"BuildFailed"_s, built.error().message, retry, attempted);
        return;
    }
    const QList<Entry> previous = inventoryOf(m_object);
    QStringList changes;
    auto applied = apply(*built, &changes);
    if (!applied) {
        finish(u"False"_s, u"ReconciliationFailed"_s, applied.error().message, retry, attempted);
        return;
    }
    if (!changes.isEmpty())
        m_pass.log(Controller, m_object, false, u"server-side apply completed"_s,
                   {{u"output"_s, QJsonArray::fromStringList(changes)}, {u"revision"_s, *revision}});
    if (m_spec.value(u"prune").toBool())
        prune(previous, *applied);

    QJsonArray entries;
    QList<Entry> sorted = *applied;
    std::ranges::sort(sorted, {}, &Entry::id);
    for (const Entry &entry : sorted)
        entries.append(QJsonObject{{u"id"_s, entry.id()}, {u"v"_s, entry.version()}});
    QJsonObject extra = attempted;
    extra.insert(u"inventory"_s, QJsonObject{{u"entries"_s, entries}});

    if (m_spec.value(u"wait").toBool()) {
        QStringList pending;
        QStringList failed;
        health(*applied, &pending, &failed);
        if (!failed.isEmpty()) {
            finish(u"False"_s, u"HealthCheckFailed"_s,
                   u"health check failed after 0s: failed early due to stalled resources: [%1]"_s.arg(failed.join(u", "_s)),
                   retry, extra);
            return;
        }
        if (!pending.isEmpty()) {
            // Waiting since the Ready condition went Unknown; give up after spec.timeout.
            QDateTime since = m_pass.now;
            for (const QJsonValue &value : m_object.value(u"status")[u"conditions"].toArray()) {
                if (value[u"type"].toString() == u"Ready" && value[u"reason"].toString() == u"Progressing")
                    since = QDateTime::fromString(value[u"lastTransitionTime"].toString(), Qt::ISODate);
            }
            if (since.isValid() && since.msecsTo(m_pass.now) > timeout.count()) {
                finish(u"False"_s, u"HealthCheckFailed"_s,
                       u"timeout waiting for: [%1]"_s.arg(pending.join(u", "_s)), retry, extra);
                return;
            }
            finish(u"Unknown"_s, u"Progressing"_s,
                   u"Running health checks for revision %1 with a timeout of %2"_s.arg(*revision, durationText(timeout)),
                   m_pass.step, extra);
            return;
        }
    }
    extra.insert(u"lastAppliedRevision"_s, *revision);
    finish(u"True"_s, u"ReconciliationSucceeded"_s, u"Applied revision: "_s + *revision, interval, extra);
}

void Reconciler::finalize()
{
    if (m_spec.value(u"prune").toBool() && !m_spec.value(u"suspend").toBool()) {
        prune(inventoryOf(m_object), {});
        m_pass.log(Controller, m_object, false, u"garbage collection completed for deleted resource"_s);
    }
    m_pass.release(m_object);
}

} // namespace

void reconcileKustomizations(Pass &pass)
{
    if (!pass.controllerRunning(Controller))
        return;
    for (QJsonObject kustomization : pass.list(KustomizeApi, u"Kustomization"_s)) {
        if (pass.deleting(kustomization)) {
            Reconciler(pass, kustomization).finalize();
            continue;
        }
        kustomization = pass.withFinalizer(kustomization);
        if (kustomization.value(u"spec")[u"suspend"].toBool())
            continue;
        // A new artifact of its source is reason enough, as Flux watches sources for them.
        bool newRevision = false;
        const QJsonObject ref = kustomization.value(u"spec")[u"sourceRef"].toObject();
        if (const auto source = pass.get(SourceApi, ref.value(u"kind").toString(u"GitRepository"_s),
                                         ref.value(u"namespace").toString(namespaceOf(kustomization)),
                                         ref.value(u"name").toString())) {
            const QString revision = source->value(u"status")[u"artifact"][u"revision"].toString();
            newRevision = !revision.isEmpty()
                          && revision != kustomization.value(u"status")[u"lastAttemptedRevision"].toString();
        }
        if (newRevision || pass.due(kustomization))
            Reconciler(pass, kustomization).run();
    }
}

} // namespace Fluxdeck::Sandbox::Flux
