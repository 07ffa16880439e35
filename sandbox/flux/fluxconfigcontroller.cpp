// fluxconfig-controller (microsoft.flux): turns each FluxConfig — what the fluxconfig-agent
// brought from Resource Manager — into its Flux source and Kustomizations, and sums up what
// they report into the FluxConfig's status (compliance, per-object statuses) for the agent to
// send back.

#include "fluxpass.h"
#include "kube/kubeobjectstore.h"

#include <QJsonArray>
#include <QSet>
#include <QStringBuilder>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Fluxdeck::Sandbox::Flux {

namespace {

const QString Controller = u"fluxconfig-controller"_s;
const QString NameLabel = u"clusterconfig.azure.com/name"_s;
const QString NamespaceLabel = u"clusterconfig.azure.com/namespace"_s;

QString seconds(const QJsonValue &value, int fallback)
{
    return QString::number(value.isDouble() ? value.toInt(fallback) : fallback) + u's';
}

QString requestedAt(const QJsonObject &object)
{
    return object.value(u"metadata")[u"annotations"][u"reconcile.fluxcd.io/requestedAt"].toString();
}

QJsonObject managedMetadata(const QJsonObject &config, const QString &name)
{
    QJsonObject metadata{{u"name"_s, name},
                         {u"namespace"_s, namespaceOf(config)},
                         {u"labels"_s, QJsonObject{{NameLabel, nameOf(config)}, {NamespaceLabel, namespaceOf(config)}}}};
    // A reconcile asked of the configuration is asked of its objects.
    if (const QString requested = requestedAt(config); !requested.isEmpty())
        metadata.insert(u"annotations"_s, QJsonObject{{u"reconcile.fluxcd.io/requestedAt"_s, requested}});
    return metadata;
}

// The Flux source a FluxConfig asks for, named after the configuration.
QJsonObject sourceFor(const QJsonObject &config)
{
    const QJsonObject spec = config.value(u"spec").toObject();
    const QString kind = spec.value(u"sourceKind").toString(u"GitRepository"_s);
    const bool suspend = spec.value(u"suspend").toBool();
    QJsonObject source{{u"apiVersion"_s, SourceApi.toString()}, {u"metadata"_s, managedMetadata(config, nameOf(config))}};
    if (kind == u"Bucket" || kind == u"AzureBlob") {
        const QJsonObject bucket = spec.value(kind == u"Bucket" ? u"bucket" : u"azureBlob").toObject();
        QJsonObject s{{u"bucketName"_s, bucket.value(kind == u"Bucket" ? u"bucketName" : u"containerName")},
                      {u"endpoint"_s, bucket.value(u"url")},
                      {u"interval"_s, seconds(bucket.value(u"syncIntervalInSeconds"), 600)},
                      {u"timeout"_s, seconds(bucket.value(u"timeoutInSeconds"), 600)},
                      {u"insecure"_s, bucket.value(u"insecure").toBool()},
                      {u"suspend"_s, suspend}};
        if (kind == u"AzureBlob")
            s.insert(u"provider"_s, u"azure"_s);
        if (const QString local = bucket.value(u"localAuthRef").toString(); !local.isEmpty())
            s.insert(u"secretRef"_s, QJsonObject{{u"name"_s, local}});
        source.insert(u"kind"_s, u"Bucket"_s);
        source.insert(u"spec"_s, s);
        return source;
    }
    if (kind == u"OCIRepository") {
        const QJsonObject oci = spec.value(u"ociRepository").toObject();
        const QJsonObject ref = oci.value(u"repositoryRef").toObject();
        QJsonObject r;
        for (const QString &key : {u"tag"_s, u"semver"_s, u"digest"_s}) {
            if (!ref.value(key).toString().isEmpty())
                r.insert(key, ref.value(key));
        }
        source.insert(u"kind"_s, u"OCIRepository"_s);
        source.insert(u"spec"_s, QJsonObject{{u"url"_s, oci.value(u"url")},
                                             {u"ref"_s, r},
                                             {u"interval"_s, seconds(oci.value(u"syncIntervalInSeconds"), 600)},
                                             {u"timeout"_s, seconds(oci.value(u"timeoutInSeconds"), 600)},
                                             {u"insecure"_s, oci.value(u"insecure").toBool()},
                                             {u"suspend"_s, suspend}});
        return source;
    }
    const QJsonObject git = spec.value(u"gitRepository").toObject();
    const QJsonObject ref = git.value(u"repositoryRef").toObject();
    QJsonObject r;
    for (const QString &key : {u"branch"_s, u"tag"_s, u"semver"_s, u"commit"_s}) {
        if (!ref.value(key).toString().isEmpty())
            r.insert(key, ref.value(key));
    }
    QJsonObject s{{u"url"_s, git.value(u"url")},
                  {u"ref"_s, r},
                  {u"interval"_s, seconds(git.value(u"syncIntervalInSeconds"), 600)},
                  {u"timeout"_s, seconds(git.value(u"timeoutInSeconds"), 600)},
                  {u"suspend"_s, suspend}};
    if (const QString local = git.value(u"localAuthRef").toString(); !local.isEmpty())
        s.insert(u"secretRef"_s, QJsonObject{{u"name"_s, local}});
    source.insert(u"kind"_s, u"GitRepository"_s);
    source.insert(u"spec"_s, s);
    return source;
}

QJsonObject kustomizationFor(const QJsonObject &config, const QString &key, const QJsonObject &definition,
                             const QString &sourceKind)
{
    const QJsonObject spec = config.value(u"spec").toObject();
    const QString name = definition.value(u"name").toString(key);
    QJsonArray dependsOn;
    for (const QJsonValue &dependency : definition.value(u"dependsOn").toArray())
        dependsOn.append(QJsonObject{{u"name"_s, QString(nameOf(config) % u'-' % dependency.toString())}});
    const QJsonValue sync = definition.value(u"syncIntervalInSeconds");
    QJsonObject s{{u"interval"_s, seconds(sync, 600)},
                  {u"retryInterval"_s, seconds(definition.value(u"retryIntervalInSeconds"), sync.toInt(600))},
                  {u"timeout"_s, seconds(definition.value(u"timeoutInSeconds"), 600)},
                  {u"path"_s, definition.value(u"path").toString(u"./"_s)},
                  {u"prune"_s, definition.value(u"prune").toBool(false)},
                  {u"force"_s, definition.value(u"force").toBool(false)},
                  {u"wait"_s, definition.value(u"wait").toBool(true)},
                  {u"sourceRef"_s, QJsonObject{{u"kind"_s, sourceKind}, {u"name"_s, nameOf(config)}}},
                  {u"dependsOn"_s, dependsOn},
                  {u"suspend"_s, spec.value(u"suspend").toBool()}};
    if (spec.value(u"scope").toString() == u"namespace")
        s.insert(u"targetNamespace"_s, namespaceOf(config));
    const QJsonObject postBuild = definition.value(u"postBuild").toObject();
    if (!postBuild.isEmpty()) {
        QJsonObject p;
        if (postBuild.value(u"substitute").isObject())
            p.insert(u"substitute"_s, postBuild.value(u"substitute"));
        if (postBuild.value(u"substituteFrom").isArray())
            p.insert(u"substituteFrom"_s, postBuild.value(u"substituteFrom"));
        if (!p.isEmpty())
            s.insert(u"postBuild"_s, p);
    }
    return {{u"apiVersion"_s, KustomizeApi.toString()},
            {u"kind"_s, u"Kustomization"_s},
            {u"metadata"_s, managedMetadata(config, nameOf(config) % u'-' % name)},
            {u"spec"_s, s}};
}

bool managedBy(const QJsonObject &object, const QJsonObject &config)
{
    const QJsonObject labels = object.value(u"metadata")[u"labels"].toObject();
    return labels.value(NameLabel).toString() == nameOf(config)
           && labels.value(NamespaceLabel).toString() == namespaceOf(config);
}

QList<QJsonObject> managedObjects(Pass &pass, const QJsonObject &config)
{
    QList<QJsonObject> objects;
    for (const QString &kind : {u"GitRepository"_s, u"Bucket"_s, u"OCIRepository"_s}) {
        for (const QJsonObject &source : pass.list(SourceApi, kind, namespaceOf(config))) {
            if (managedBy(source, config))
                objects.append(source);
        }
    }
    for (const QJsonObject &kustomization : pass.list(KustomizeApi, u"Kustomization"_s, namespaceOf(config))) {
        if (managedBy(kustomization, config))
            objects.append(kustomization);
    }
    return objects;
}

void reconcileConfig(Pass &pass, QJsonObject config)
{
    if (pass.deleting(config)) {
        // Delete the source and Kustomizations; their controllers prune, then this one lets go.
        const QList<QJsonObject> remaining = managedObjects(pass, config);
        for (const QJsonObject &object : remaining) {
            if (!pass.deleting(object))
                (void)pass.kube.remove(pass.cluster, KubeObjectRef{object.value(u"apiVersion").toString(),
                                                                   object.value(u"kind").toString(),
                                                                   namespaceOf(object), nameOf(object)});
        }
        if (managedObjects(pass, config).isEmpty()) {
            pass.log(Controller, config, false, u"flux configuration deleted"_s);
            pass.release(config);
        } else {
            pass.after(config, pass.step);
        }
        return;
    }
    config = pass.withFinalizer(config);
    const QJsonObject spec = config.value(u"spec").toObject();
    QSet<QString> wanted;
    const QJsonObject source = sourceFor(config);
    wanted.insert(source.value(u"kind").toString() % u'/' % nameOf(source));
    QStringList changes;
    const auto apply = [&](const QJsonObject &object) {
        auto applied = pass.applyManaged(object);
        if (applied && *applied != u"unchanged")
            changes.append(describe(object) % u' ' % *applied);
        else if (!applied)
            pass.log(Controller, config, true, applied.error().message);
    };
    apply(source);
    const QJsonObject kustomizations = spec.value(u"kustomizations").toObject();
    for (auto it = kustomizations.begin(); it != kustomizations.end(); ++it) {
        const QJsonObject kustomization =
            kustomizationFor(config, it.key(), it.value().toObject(), source.value(u"kind").toString());
        wanted.insert(u"Kustomization/"_s + nameOf(kustomization));
        apply(kustomization);
    }
    for (const QJsonObject &object : managedObjects(pass, config)) {
        if (!wanted.contains(object.value(u"kind").toString() % u'/' % nameOf(object)) && !pass.deleting(object)) {
            (void)pass.kube.remove(pass.cluster, KubeObjectRef{object.value(u"apiVersion").toString(),
                                                               object.value(u"kind").toString(), namespaceOf(object),
                                                               nameOf(object)});
            changes.append(describe(object) % u" deleted"_s);
        }
    }
    if (!changes.isEmpty())
        pass.log(Controller, config, false, u"flux objects updated"_s, {{u"output"_s, QJsonArray::fromStringList(changes)}});
}

// Azure's compliance of one Flux object, from its Ready condition.
QString complianceOf(const QJsonObject &object)
{
    const Readiness readiness = readinessOf(object);
    if (readiness.status == u"True")
        return readiness.current ? u"Compliant"_s : u"Pending"_s;
    if (readiness.status == u"False" && readiness.reason != u"DependencyNotReady" && readiness.reason != u"Progressing")
        return u"Non-Compliant"_s;
    return u"Pending"_s;
}

QJsonObject statusEntry(const QJsonObject &object, const QString &compliance)
{
    QJsonArray conditions;
    for (const QJsonValue &value : object.value(u"status")[u"conditions"].toArray()) {
        if (value[u"type"].toString() == u"Ready")
            conditions.append(QJsonObject{{u"lastTransitionTime"_s, value[u"lastTransitionTime"]},
                                          {u"message"_s, value[u"message"]},
                                          {u"reason"_s, value[u"reason"]},
                                          {u"status"_s, value[u"status"]},
                                          {u"type"_s, value[u"type"]}});
    }
    return {{u"name"_s, nameOf(object)},
            {u"namespace"_s, namespaceOf(object)},
            {u"kind"_s, object.value(u"kind")},
            {u"complianceState"_s, compliance},
            {u"appliedBy"_s, QJsonValue::Null},
            {u"helmReleaseProperties"_s, QJsonValue::Null},
            {u"statusConditions"_s, conditions}};
}

QJsonObject reportFor(Pass &pass, const QJsonObject &config)
{
    const QJsonObject spec = config.value(u"spec").toObject();
    QJsonArray statuses;
    QStringList states;
    QString error;
    QJsonObject source;
    for (const QJsonObject &object : managedObjects(pass, config)) {
        const QString compliance = complianceOf(object);
        states.append(compliance);
        statuses.append(statusEntry(object, compliance));
        if (compliance == u"Non-Compliant" && error.isEmpty())
            error = describe(object) % u": "_s % readinessOf(object).message;
        if (object.value(u"kind").toString() != u"Kustomization") {
            source = object;
            continue;
        }
        // HelmReleases the Kustomization applied, with what Helm reports of them.
        for (const QJsonValue &entry : object.value(u"status")[u"inventory"][u"entries"].toArray()) {
            const QStringList id = entry[u"id"].toString().split(u'_');
            if (id.size() != 4 || id[3] != u"HelmRelease")
                continue;
            const auto release = pass.get(HelmApi, u"HelmRelease"_s, id[0], id[1]);
            if (!release)
                continue;
            const QString releaseCompliance = complianceOf(*release);
            states.append(releaseCompliance);
            QJsonObject status = statusEntry(*release, releaseCompliance);
            status.insert(u"appliedBy"_s, QJsonObject{{u"name"_s, nameOf(object)}, {u"namespace"_s, namespaceOf(object)}});
            const QJsonObject releaseStatus = release->value(u"status").toObject();
            const QString chart = releaseStatus.value(u"helmChart").toString();
            status.insert(u"helmReleaseProperties"_s,
                          QJsonObject{{u"lastRevisionApplied"_s, releaseStatus.value(u"history")[0][u"version"].toInt()},
                                      {u"helmChartRef"_s, QJsonObject{{u"name"_s, chart.section(u'/', 1)},
                                                                      {u"namespace"_s, chart.section(u'/', 0, 0)}}},
                                      {u"failureCount"_s, releaseStatus.value(u"failures").toInt()},
                                      {u"installFailureCount"_s, releaseStatus.value(u"installFailures").toInt()},
                                      {u"upgradeFailureCount"_s, releaseStatus.value(u"upgradeFailures").toInt()}});
            statuses.append(status);
            if (releaseCompliance == u"Non-Compliant" && error.isEmpty())
                error = describe(*release) % u": "_s % readinessOf(*release).message;
        }
    }
    QString compliance = u"Compliant"_s;
    if (spec.value(u"suspend").toBool())
        compliance = u"Suspended"_s;
    else if (states.contains(u"Non-Compliant"_s))
        compliance = u"Non-Compliant"_s;
    else if (states.isEmpty() || states.contains(u"Pending"_s))
        compliance = u"Pending"_s;
    const QJsonObject artifact = source.value(u"status")[u"artifact"].toObject();
    return {{u"complianceState"_s, compliance},
            {u"statuses"_s, statuses},
            {u"sourceSyncedCommitId"_s, artifact.isEmpty() ? QJsonValue::Null : artifact.value(u"revision")},
            {u"sourceUpdatedAt"_s, artifact.isEmpty() ? QJsonValue::Null : artifact.value(u"lastUpdateTime")},
            {u"errorMessage"_s, error}};
}

} // namespace

void reconcileFluxConfigs(Pass &pass)
{
    if (!pass.controllerRunning(Controller))
        return;
    for (const QJsonObject &config : pass.list(FluxConfigApi, u"FluxConfig"_s)) {
        if (pass.deleting(config) || pass.due(config))
            reconcileConfig(pass, config);
    }
}

QStringList reportFluxConfigs(Pass &pass)
{
    QStringList changed;
    if (!pass.controllerRunning(Controller))
        return changed;
    for (QJsonObject config : pass.list(FluxConfigApi, u"FluxConfig"_s)) {
        if (pass.deleting(config))
            continue;
        const QJsonObject report = reportFor(pass, config);
        QJsonObject status = config.value(u"status").toObject();
        QJsonObject previous = status;
        for (auto it = report.begin(); it != report.end(); ++it)
            status.insert(it.key(), it.value());
        const qint64 generation = generationOf(config);
        status.insert(u"observedGeneration"_s, generation);
        if (const QString requested = requestedAt(config); !requested.isEmpty())
            status.insert(u"lastHandledReconcileAt"_s, requested);
        const QString compliance = report.value(u"complianceState").toString();
        status = withCondition(status, u"Ready"_s,
                               compliance == u"Compliant" ? u"True"_s : compliance == u"Non-Compliant" ? u"False"_s : u"Unknown"_s,
                               compliance, report.value(u"errorMessage").toString(), generation, pass.nowText);
        previous.remove(u"statusUpdatedAt"_s);
        status.remove(u"statusUpdatedAt"_s);
        if (status == previous)
            continue;
        status.insert(u"statusUpdatedAt"_s, pass.nowText);
        config = pass.setStatus(config, status);
        if (compliance != previous.value(u"complianceState").toString())
            pass.log(Controller, config, compliance == u"Non-Compliant",
                     u"compliance state changed to %1"_s.arg(compliance));
        changed.append(namespaceOf(config) % u'/' % nameOf(config));
        // Pass the schedule along so a finished configuration is looked at again on its interval.
        pass.after(config, parseDuration(seconds(config.value(u"spec")[u"gitRepository"][u"syncIntervalInSeconds"], 600),
                                         10min));
    }
    return changed;
}

} // namespace Fluxdeck::Sandbox::Flux
