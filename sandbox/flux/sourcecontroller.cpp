// source-controller: GitRepository artifacts from the sandbox's Git hosting, HelmRepository
// indexes from the Helm catalogue; Buckets and OCIRepositories fail as they would without a
// network, since the sandbox serves neither.

#include "fluxpass.h"
#include "kube/kubeobjectstore.h"

#include "git/githost.h"
#include "git/repositorycontent.h"
#include "helm/helmcharts.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QStringBuilder>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Fluxdeck::Sandbox::Flux {

namespace {

const QString Controller = u"source-controller"_s;

struct Outcome
{
    bool ok = false;
    QString reason;
    QString message;
    QJsonObject artifact;
};

QJsonObject artifactFor(const QJsonObject &source, const QString &revision, const QString &extension,
                        const QJsonObject &previous, const QString &now)
{
    const QString kind = source.value(u"kind").toString().toLower();
    const QString digest = QString::fromLatin1(
        QCryptographicHash::hash(revision.toUtf8(), QCryptographicHash::Sha256).toHex());
    const QString path = kind % u'/' % namespaceOf(source) % u'/' % nameOf(source) % u'/' % digest.left(40) % extension;
    const bool same = previous.value(u"revision").toString() == revision;
    return {{u"path"_s, path},
            {u"url"_s, QString(u"http://source-controller.flux-system.svc.cluster.local./"_s % path)},
            {u"revision"_s, revision},
            {u"digest"_s, QString(u"sha256:"_s % digest)},
            {u"lastUpdateTime"_s, same ? previous.value(u"lastUpdateTime") : QJsonValue(now)},
            {u"size"_s, 4096 + int(qHash(revision) % 60000)}};
}

Outcome fetchGit(Pass &pass, const QJsonObject &repository)
{
    const QJsonObject spec = repository.value(u"spec").toObject();
    const QString url = spec.value(u"url").toString();
    const QJsonObject ref = spec.value(u"ref").toObject();
    const auto failed = [&](const QString &message) {
        return Outcome{false, u"GitOperationFailed"_s,
                       u"failed to checkout and determine revision: unable to clone '%1': %2"_s.arg(url, message), {}};
    };
    const auto hosted = pass.git.find(QUrl(url));
    if (!hosted)
        return failed(u"repository not found"_s);

    QString reference = u"master"_s;
    QString name = reference;
    if (const QString commit = ref.value(u"commit").toString(); !commit.isEmpty()) {
        reference = commit;
        name = ref.value(u"branch").toString();
    } else if (const QString tag = ref.value(u"tag").toString(); !tag.isEmpty()) {
        reference = u"refs/tags/"_s + tag;
        name = tag;
    } else if (const QString named = ref.value(u"name").toString(); !named.isEmpty()) {
        reference = named;
        name = named;
    } else if (!ref.value(u"semver").toString().isEmpty()) {
        return failed(u"semver tag ranges are not served by the sandbox; name a branch, tag or commit"_s);
    } else if (const QString branch = ref.value(u"branch").toString(); !branch.isEmpty()) {
        reference = u"refs/heads/"_s + branch;
        name = branch;
    } else {
        reference = u"refs/heads/master"_s;
    }
    const auto sha = resolve(hosted->barePath, reference);
    if (!sha) {
        if (reference.startsWith(u"refs/"))
            return failed(u"couldn't find remote ref \"%1\""_s.arg(reference));
        return failed(u"failed to resolve commit object for '%1': object not found"_s.arg(reference));
    }
    const QString revision = name.isEmpty() ? QString(u"sha1:"_s + *sha) : QString(name % u"@sha1:"_s % *sha);
    return {true, u"Succeeded"_s, u"stored artifact for revision '%1'"_s.arg(revision),
            artifactFor(repository, revision, u".tar.gz"_s,
                        repository.value(u"status").toObject().value(u"artifact").toObject(), pass.nowText)};
}

Outcome fetchHelmIndex(Pass &pass, const QJsonObject &repository)
{
    const QJsonObject spec = repository.value(u"spec").toObject();
    const QString url = spec.value(u"url").toString();
    if (spec.value(u"type").toString() == u"oci" || url.startsWith(u"oci://"))
        return {false, u"Failed"_s,
                u"failed to login to OCI registry: Get \"https://%1/v2/\": dial tcp: lookup %1: no such host"_s
                    .arg(QUrl(url).host()),
                {}};
    const HelmRepositoryIndex *index = findHelmRepository(url);
    if (!index)
        return {false, u"Failed"_s,
                u"failed to fetch Helm repository index: failed to cache index to temporary file: failed to fetch "
                "%1/index.yaml : 404 Not Found"_s.arg(url),
                {}};
    return {true, u"Succeeded"_s, u"stored artifact: revision '%1'"_s.arg(index->digest),
            artifactFor(repository, index->digest, u"/index-"_s + index->digest.mid(7, 8) + u".yaml"_s,
                        repository.value(u"status").toObject().value(u"artifact").toObject(), pass.nowText)};
}

Outcome fetchUnreachable(const QJsonObject &source)
{
    const QJsonObject spec = source.value(u"spec").toObject();
    if (source.value(u"kind").toString() == u"Bucket") {
        const QString endpoint = spec.value(u"endpoint").toString();
        return {false, u"BucketOperationFailed"_s,
                u"failed to confirm existence of '%1' bucket: dial tcp: lookup %2: no such host"_s.arg(
                    spec.value(u"bucketName").toString(), QUrl::fromUserInput(endpoint).host()),
                {}};
    }
    const QString url = spec.value(u"url").toString();
    return {false, u"OCIArtifactPullFailed"_s,
            u"failed to determine artifact digest: GET https://%1/v2/: dial tcp: lookup %1: no such host"_s.arg(
                QUrl(url).host()),
            {}};
}

void reconcileSource(Pass &pass, QJsonObject source)
{
    if (pass.deleting(source)) {
        pass.log(Controller, source, false, u"garbage collected artifacts for deleted resource"_s);
        pass.release(source);
        return;
    }
    source = pass.withFinalizer(source);
    if (source.value(u"spec").toObject().value(u"suspend").toBool() || !pass.due(source))
        return;
    const QString kind = source.value(u"kind").toString();
    const Outcome outcome = kind == u"GitRepository"    ? fetchGit(pass, source)
                            : kind == u"HelmRepository" ? fetchHelmIndex(pass, source)
                                                        : fetchUnreachable(source);
    const QJsonObject spec = source.value(u"spec").toObject();
    const auto interval = parseDuration(spec.value(u"interval").toString(), 10min);

    const Readiness before = readinessOf(source);
    QJsonObject status = source.value(u"status").toObject();
    const qint64 generation = generationOf(source);
    status.insert(u"observedGeneration"_s, generation);
    const QString requested = source.value(u"metadata")[u"annotations"][u"reconcile.fluxcd.io/requestedAt"].toString();
    if (!requested.isEmpty())
        status.insert(u"lastHandledReconcileAt"_s, requested);
    if (outcome.ok) {
        status.insert(u"artifact"_s, outcome.artifact);
        if (kind == u"GitRepository")
            status.insert(u"url"_s, QString(outcome.artifact.value(u"url").toString().section(u'/', 0, -2) + u"/latest.tar.gz"_s));
        status = withCondition(status, u"ArtifactInStorage"_s, u"True"_s, u"Succeeded"_s, outcome.message, generation,
                               pass.nowText);
        status = withCondition(status, u"Ready"_s, u"True"_s, u"Succeeded"_s, outcome.message, generation, pass.nowText);
    } else {
        status = withCondition(status, u"FetchFailed"_s, u"True"_s, outcome.reason, outcome.message, generation,
                               pass.nowText);
        status = withCondition(status, u"Ready"_s, u"False"_s, outcome.reason, outcome.message, generation,
                               pass.nowText);
    }
    if (outcome.ok) {
        // Success clears the failure condition, as Flux's summarize helper does.
        QJsonArray conditions;
        for (const QJsonValue &value : status.value(u"conditions").toArray()) {
            if (value[u"type"].toString() != u"FetchFailed")
                conditions.append(value);
        }
        status.insert(u"conditions"_s, conditions);
    }
    const QString oldRevision = source.value(u"status")[u"artifact"][u"revision"].toString();
    source = pass.setStatus(source, status);
    if (outcome.ok && oldRevision != outcome.artifact.value(u"revision").toString())
        pass.event(source, false, u"NewArtifact"_s, outcome.message, Controller);
    else if (!outcome.ok && (before.status != u"False" || before.message != outcome.message))
        pass.event(source, true, outcome.reason, outcome.message, Controller);
    pass.after(source, interval);
}

} // namespace

void reconcileSources(Pass &pass)
{
    if (!pass.controllerRunning(Controller))
        return;
    for (const QString &kind : {u"GitRepository"_s, u"HelmRepository"_s, u"Bucket"_s, u"OCIRepository"_s}) {
        for (const QJsonObject &source : pass.list(SourceApi, kind))
            reconcileSource(pass, source);
    }
}

} // namespace Fluxdeck::Sandbox::Flux
