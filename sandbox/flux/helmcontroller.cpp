// helm-controller (with source-controller's HelmChart part): each HelmRelease gets its
// HelmChart from a HelmRepository, then installs or upgrades the release from the Helm
// catalogue — the rendered objects, their pods, and Helm's release Secret — or uninstalls it.

#include "fluxpass.h"
#include "kube/kubeobjectstore.h"

#include "helm/helmcharts.h"
#include "helm/helmversion.h"
#include "kustomize/yamljson.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringBuilder>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Fluxdeck::Sandbox::Flux {

namespace {

const QString Controller = u"helm-controller"_s;
const QString NameLabel = u"helm.toolkit.fluxcd.io/name"_s;
const QString NamespaceLabel = u"helm.toolkit.fluxcd.io/namespace"_s;

// The kinds a release's manifests may hold, for finding them again on upgrade and uninstall.
const QList<std::pair<QString, QString>> &releaseKinds()
{
    static const QList<std::pair<QString, QString>> kinds{
        {u"apps/v1"_s, u"Deployment"_s}, {u"apps/v1"_s, u"StatefulSet"_s}, {u"v1"_s, u"Service"_s},
        {u"v1"_s, u"ConfigMap"_s},       {u"v1"_s, u"Secret"_s},           {u"v1"_s, u"ServiceAccount"_s}};
    return kinds;
}

QString appVersionOf(const HelmRepositoryIndex &index, const QString &chart, const QString &version)
{
    for (const HelmChartVersion &each : index.versions(chart)) {
        if (each.version == version)
            return each.appVersion;
    }
    return {};
}

QString releaseNameOf(const QJsonObject &release)
{
    const QJsonObject spec = release.value(u"spec").toObject();
    if (const QString name = spec.value(u"releaseName").toString(); !name.isEmpty())
        return name;
    const QString target = spec.value(u"targetNamespace").toString();
    return target.isEmpty() ? nameOf(release) : target % u'-' % nameOf(release);
}

QString targetNamespaceOf(const QJsonObject &release)
{
    return release.value(u"spec")[u"targetNamespace"].toString(namespaceOf(release));
}

void uninstall(Pass &pass, const QJsonObject &release, const QSet<QString> &keep = {})
{
    const QString ns = targetNamespaceOf(release);
    for (const auto &[apiVersion, kind] : releaseKinds()) {
        for (const QJsonObject &object : pass.list(apiVersion, kind, ns)) {
            const QJsonObject labels = object.value(u"metadata")[u"labels"].toObject();
            const bool ours = labels.value(NameLabel).toString() == nameOf(release)
                              && labels.value(NamespaceLabel).toString() == namespaceOf(release);
            const bool storage = labels.value(u"owner").toString() == u"helm"
                                 && labels.value(u"name").toString() == releaseNameOf(release);
            if ((ours || (storage && keep.isEmpty())) && !keep.contains(kind % u'/' % nameOf(object)))
                pass.removeManaged(apiVersion, kind, ns, nameOf(object));
        }
    }
}

struct Chart
{
    QJsonObject helmChart;
    const HelmRepositoryIndex *index = nullptr;
    QString version;
    QString failure;
    bool invalid = false;   // the chart reference itself is wrong, not just unavailable yet
};

// The HelmChart source-controller makes for a release (named <namespace>-<name> in the
// repository's namespace) and the chart version it resolves to.
Chart chartFor(Pass &pass, const QJsonObject &release)
{
    const QJsonObject chartSpec = release.value(u"spec")[u"chart"][u"spec"].toObject();
    const QJsonObject ref = chartSpec.value(u"sourceRef").toObject();
    const QString repositoryNamespace = ref.value(u"namespace").toString(namespaceOf(release));
    const QString chartName = namespaceOf(release) % u'-' % nameOf(release);
    const QString constraint = chartSpec.value(u"version").toString(u"*"_s);

    Chart chart;
    if (chartSpec.isEmpty()) {
        chart.failure = u"the sandbox installs charts named by spec.chart from a HelmRepository; spec.chartRef is not served"_s;
        return chart;
    }
    QJsonObject helmChart{
        {u"apiVersion"_s, SourceApi.toString()},
        {u"kind"_s, u"HelmChart"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, chartName}, {u"namespace"_s, repositoryNamespace},
                                    {u"labels"_s, QJsonObject{{NameLabel, nameOf(release)},
                                                              {NamespaceLabel, namespaceOf(release)}}}}},
        {u"spec"_s, QJsonObject{{u"chart"_s, chartSpec.value(u"chart")},
                                {u"version"_s, constraint},
                                {u"sourceRef"_s, QJsonObject{{u"kind"_s, ref.value(u"kind").toString(u"HelmRepository"_s)},
                                                             {u"name"_s, ref.value(u"name")}}},
                                {u"interval"_s, chartSpec.value(u"interval").toString(u"5m0s"_s)},
                                {u"reconcileStrategy"_s, chartSpec.value(u"reconcileStrategy").toString(u"ChartVersion"_s)}}},
    };
    chart.helmChart = pass.kube.apply(pass.cluster, helmChart).value_or(helmChart);

    QString reason = u"ChartPullSucceeded"_s;
    QString message;
    const auto repository = pass.get(SourceApi, u"HelmRepository"_s, repositoryNamespace, ref.value(u"name").toString());
    if (ref.value(u"kind").toString(u"HelmRepository"_s) != u"HelmRepository") {
        reason = u"InvalidChartReference"_s;
        message = u"the sandbox pulls charts from HelmRepositories only, not from %1"_s.arg(ref.value(u"kind").toString());
    } else if (!repository) {
        reason = u"SourceUnavailable"_s;
        message = u"failed to get source: HelmRepository.source.toolkit.fluxcd.io \"%1\" not found"_s.arg(
            ref.value(u"name").toString());
    } else if (!readinessOf(*repository).ready()
               || !(chart.index = findHelmRepository(repository->value(u"spec")[u"url"].toString()))) {
        reason = u"SourceUnavailable"_s;
        message = u"HelmRepository '%1/%2' is not ready"_s.arg(repositoryNamespace, nameOf(*repository));
    } else {
        QStringList versions;
        for (const HelmChartVersion &each : chart.index->versions(chartSpec.value(u"chart").toString()))
            versions.append(each.version);
        const auto newest = newestMatching(versions, constraint);
        if (!newest) {
            reason = u"InvalidChartReference"_s;
            message = u"invalid chart reference: %1"_s.arg(newest.error().message);
        } else if (versions.isEmpty()) {
            reason = u"InvalidChartReference"_s;
            message = u"invalid chart reference: failed to get chart version for remote reference: no chart name found"_s;
        } else if (!*newest) {
            reason = u"InvalidChartReference"_s;
            message = u"invalid chart reference: failed to get chart version for remote reference: no '%1' chart with "
                      "version matching '%2' found"_s.arg(chartSpec.value(u"chart").toString(), constraint);
        } else {
            chart.version = **newest;
            message = u"pulled '%1' chart with version '%2'"_s.arg(chartSpec.value(u"chart").toString(), chart.version);
        }
    }
    const bool ok = reason == u"ChartPullSucceeded";
    if (!ok)
        chart.failure = message;
    chart.invalid = reason == u"InvalidChartReference";
    QJsonObject status = chart.helmChart.value(u"status").toObject();
    const qint64 generation = generationOf(chart.helmChart);
    status.insert(u"observedGeneration"_s, generation);
    status.insert(u"observedChartName"_s, chartSpec.value(u"chart"));
    status.insert(u"observedSourceArtifactRevision"_s, chart.index ? chart.index->digest : QString());
    if (ok)
        status.insert(u"artifact"_s, QJsonObject{{u"revision"_s, chart.version},
                                                 {u"path"_s, QString(u"helmchart/"_s % repositoryNamespace % u'/'
                                                                     % chartName % u'/' % chartSpec.value(u"chart").toString()
                                                                     % u'-' % chart.version % u".tgz"_s)},
                                                 {u"lastUpdateTime"_s, pass.nowText}});
    const QJsonObject previous = chart.helmChart.value(u"status")[u"artifact"].toObject();
    if (ok && previous.value(u"revision").toString() == chart.version) {
        // The same chart as before: its artifact, and when it was stored, stay.
        status.insert(u"artifact"_s, previous);
    }
    status = withCondition(status, u"Ready"_s, ok ? u"True"_s : u"False"_s, reason, message, generation, pass.nowText);
    chart.helmChart = pass.setStatus(chart.helmChart, status);
    return chart;
}

Domain::Result<QJsonObject> valuesOf(Pass &pass, const QJsonObject &release)
{
    QJsonObject values;
    for (const QJsonValue &from : release.value(u"spec")[u"valuesFrom"].toArray()) {
        const QString kind = from[u"kind"].toString();
        const QString name = from[u"name"].toString();
        const QString key = from[u"valuesKey"].toString(u"values.yaml"_s);
        const auto object = pass.get(u"v1", kind, namespaceOf(release), name);
        if (!object) {
            if (from[u"optional"].toBool())
                continue;
            return Domain::failure(u"could not resolve %1 chart values reference '%2/%3' with key '%4': %5s \"%3\" not found"_s
                                       .arg(kind, namespaceOf(release), name, key, kind.toLower()));
        }
        QString text = object->value(u"data")[key].toString();
        if (kind == u"Secret")
            text = QString::fromUtf8(QByteArray::fromBase64(text.toLatin1()));
        auto documents = parseYamlDocuments(text.toUtf8(), key);
        if (!documents)
            return std::unexpected(documents.error());
        if (!documents->isEmpty())
            values = mergeHelmValues(values, documents->first().toObject());
    }
    return mergeHelmValues(values, release.value(u"spec")[u"values"].toObject());
}

void reconcileRelease(Pass &pass, QJsonObject release)
{
    if (pass.deleting(release)) {
        uninstall(pass, release);
        const QJsonObject ref = release.value(u"spec")[u"chart"][u"spec"][u"sourceRef"].toObject();
        (void)pass.kube.remove(pass.cluster, KubeObjectRef{SourceApi.toString(), u"HelmChart"_s,
                                                           ref.value(u"namespace").toString(namespaceOf(release)),
                                                           namespaceOf(release) % u'-' % nameOf(release)});
        pass.log(Controller, release, false, u"release uninstalled"_s);
        pass.release(release);
        return;
    }
    release = pass.withFinalizer(release);
    const QJsonObject spec = release.value(u"spec").toObject();
    if (spec.value(u"suspend").toBool() || !pass.due(release))
        return;
    const auto interval = parseDuration(spec.value(u"interval").toString(), 10min);
    const qint64 generation = generationOf(release);
    const Readiness before = readinessOf(release);
    QJsonObject status = release.value(u"status").toObject();
    status.insert(u"observedGeneration"_s, generation);
    if (const QString requested = release.value(u"metadata")[u"annotations"][u"reconcile.fluxcd.io/requestedAt"].toString();
        !requested.isEmpty())
        status.insert(u"lastHandledReconcileAt"_s, requested);

    // stalled: retrying cannot help (a chart or version that does not exist, manifests that do not render).
    const auto finish = [&](bool ok, const QString &reason, const QString &message, std::chrono::milliseconds requeue,
                            bool stalled = false) {
        status = withoutCondition(status, u"Stalled"_s);
        if (stalled)
            status = withCondition(status, u"Stalled"_s, u"True"_s, reason, message, generation, pass.nowText);
        status = withCondition(status, u"Ready"_s, ok ? u"True"_s : u"False"_s, reason, message, generation, pass.nowText);
        if (reason != u"ArtifactFailed")
            status = withCondition(status, u"Released"_s, ok ? u"True"_s : u"False"_s, reason, message, generation,
                                   pass.nowText);
        release = pass.setStatus(release, status);
        if (before.status != (ok ? u"True" : u"False") || before.message != message || !before.current)
            pass.event(release, !ok, reason, message, Controller);
        pass.after(release, requeue);
    };

    const Chart chart = chartFor(pass, release);
    status.insert(u"helmChart"_s, QString(namespaceOf(chart.helmChart) % u'/' % nameOf(chart.helmChart)));
    if (!chart.failure.isEmpty()) {
        finish(false, u"ArtifactFailed"_s,
               u"HelmChart '%1/%2' is not ready: %3"_s.arg(namespaceOf(chart.helmChart), nameOf(chart.helmChart),
                                                           chart.failure),
               pass.step * 3, chart.invalid);
        return;
    }
    const QString chartName = spec.value(u"chart")[u"spec"][u"chart"].toString();
    const QString releaseName = releaseNameOf(release);
    const QString target = targetNamespaceOf(release);
    const QJsonArray history = status.value(u"history").toArray();
    const int revision = history.isEmpty() ? 1 : history.first()[u"version"].toInt() + 1;
    const bool upgrade = !history.isEmpty();
    const QString action = upgrade ? u"upgrade"_s : u"install"_s;
    const QString releaseId = target % u'/' % releaseName % u".v"_s % QString::number(revision);
    const QString chartId = chartName % u'@' % chart.version;
    const auto failed = [&](const QString &why, bool stalled) {
        const QString reason = upgrade ? u"UpgradeFailed"_s : u"InstallFailed"_s;
        status.insert(upgrade ? u"upgradeFailures"_s : u"installFailures"_s,
                      status.value(upgrade ? u"upgradeFailures" : u"installFailures").toInt() + 1);
        status.insert(u"failures"_s, status.value(u"failures").toInt() + 1);
        finish(false, reason,
               u"Helm %1 failed for release %2/%3 with chart %4: %5"_s.arg(action, target, releaseName, chartId, why),
               std::min<std::chrono::milliseconds>(interval, pass.step * 5), stalled);
    };

    auto values = valuesOf(pass, release);
    if (!values) {
        finish(false, u"InitFailed"_s, values.error().message, interval);
        return;
    }
    const QByteArray configDigest =
        "sha256:" + QCryptographicHash::hash(QJsonDocument(*values).toJson(QJsonDocument::Compact),
                                             QCryptographicHash::Sha256).toHex();
    // Nothing to do when the same chart version and values are deployed and still there.
    if (upgrade && history.first()[u"chartVersion"].toString() == chart.version
        && history.first()[u"configDigest"].toString() == QString::fromLatin1(configDigest)
        && before.status == u"True") {
        finish(true, before.reason, before.message, interval);
        return;
    }
    if (!pass.exists(u"v1"_s, u"Namespace"_s, {}, target) && !spec.value(u"install")[u"createNamespace"].toBool()) {
        failed(u"create: failed to create: namespaces \"%1\" not found"_s.arg(target), false);
        return;
    }
    if (!pass.exists(u"v1"_s, u"Namespace"_s, {}, target))
        (void)pass.kube.apply(pass.cluster, QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                                                        {u"metadata"_s, QJsonObject{{u"name"_s, target}}}});
    auto rendered = renderHelmChart(*chart.index, {chartName, chart.version, releaseName, target, *values});
    if (!rendered) {
        failed(rendered.error().message, true);
        return;
    }

    QSet<QString> keep;
    QStringList changes;
    for (const QJsonValue &value : *rendered) {
        QJsonObject object = value.toObject();
        QJsonObject metadata = object.value(u"metadata").toObject();
        QJsonObject labels = metadata.value(u"labels").toObject();
        labels.insert(NameLabel, nameOf(release));
        labels.insert(NamespaceLabel, namespaceOf(release));
        metadata.insert(u"labels"_s, labels);
        QJsonObject annotations = metadata.value(u"annotations").toObject();
        annotations.insert(u"meta.helm.sh/release-name"_s, releaseName);
        annotations.insert(u"meta.helm.sh/release-namespace"_s, target);
        metadata.insert(u"annotations"_s, annotations);
        object.insert(u"metadata"_s, metadata);
        auto applied = pass.applyManaged(object);
        if (!applied) {
            failed(applied.error().message, false);
            return;
        }
        keep.insert(object.value(u"kind").toString() % u'/' % metadata.value(u"name").toString());
        if (*applied != u"unchanged")
            changes.append(describe(object) % u' ' % *applied);
    }
    // Helm's release record: one Secret per revision in the storage namespace.
    const QString storageName = u"sh.helm.release.v1."_s % releaseName % u".v"_s % QString::number(revision);
    const QJsonObject record{{u"name"_s, releaseName}, {u"namespace"_s, target}, {u"version"_s, revision},
                             {u"chart"_s, chartId}, {u"status"_s, u"deployed"_s}};
    (void)pass.kube.apply(pass.cluster, QJsonObject{
        {u"apiVersion"_s, u"v1"_s},
        {u"kind"_s, u"Secret"_s},
        {u"type"_s, u"helm.sh/release.v1"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, storageName}, {u"namespace"_s, target},
                                    {u"labels"_s, QJsonObject{{u"name"_s, releaseName}, {u"owner"_s, u"helm"_s},
                                                              {u"status"_s, u"deployed"_s},
                                                              {u"version"_s, QString::number(revision)}}}}},
        {u"data"_s, QJsonObject{{u"release"_s, QString::fromLatin1(QJsonDocument(record).toJson(QJsonDocument::Compact).toBase64())}}},
    });
    keep.insert(u"Secret/"_s + storageName);
    // What the previous revision had and this one does not.
    uninstall(pass, release, keep);
    if (!changes.isEmpty())
        pass.log(Controller, release, false, u"release %1 applied"_s.arg(releaseId),
                 {{u"output"_s, QJsonArray::fromStringList(changes)}});

    QJsonObject snapshot{{u"name"_s, releaseName},
                         {u"namespace"_s, target},
                         {u"version"_s, revision},
                         {u"status"_s, u"deployed"_s},
                         {u"chartName"_s, chartName},
                         {u"chartVersion"_s, chart.version},
                         {u"appVersion"_s, appVersionOf(*chart.index, chartName, chart.version)},
                         {u"configDigest"_s, QString::fromLatin1(configDigest)},
                         {u"digest"_s, QString(u"sha256:"_s % QString::fromLatin1(QCryptographicHash::hash(
                                           QString(releaseId % chartId % QString::fromLatin1(configDigest)).toUtf8(),
                                           QCryptographicHash::Sha256).toHex()))},
                         {u"firstDeployed"_s, upgrade ? history.last()[u"firstDeployed"].toString() : pass.nowText},
                         {u"lastDeployed"_s, pass.nowText}};
    QJsonArray newHistory{snapshot};
    for (qsizetype i = 0; i < history.size() && newHistory.size() < 5; ++i) {
        QJsonObject old = history.at(i).toObject();
        old.insert(u"status"_s, u"superseded"_s);
        newHistory.append(old);
    }
    status.insert(u"history"_s, newHistory);
    status.insert(u"lastAttemptedRevision"_s, chart.version);
    status.insert(u"lastAttemptedConfigDigest"_s, QString::fromLatin1(configDigest));
    status.insert(u"lastAttemptedReleaseAction"_s, action);
    status.insert(u"storageNamespace"_s, target);
    status.remove(u"failures"_s);
    status.remove(u"installFailures"_s);
    status.remove(u"upgradeFailures"_s);
    finish(true, upgrade ? u"UpgradeSucceeded"_s : u"InstallSucceeded"_s,
           u"Helm %1 succeeded for release %2 with chart %3"_s.arg(action, releaseId, chartId), interval);
}

} // namespace

void reconcileHelmReleases(Pass &pass)
{
    if (!pass.controllerRunning(Controller))
        return;
    for (const QJsonObject &release : pass.list(HelmApi, u"HelmRelease"_s))
        reconcileRelease(pass, release);
}

} // namespace Fluxdeck::Sandbox::Flux
