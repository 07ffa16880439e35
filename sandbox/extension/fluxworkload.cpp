#include "fluxworkload.h"

#include "extensionsetting.h"
#include "fluxrelease.h"
#include "workload/workloadrollout.h"

#include <QRegularExpression>

#include <optional>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

const QString Namespace = u"flux-system"_s;
const QString FluxRegistry = u"mcr.microsoft.com/oss/fluxcd/"_s;
const QString AzureRegistry = u"mcr.microsoft.com/azurek8sflux/"_s;

struct Resources
{
    QString cpuLimit;
    QString memoryLimit;
    QString cpuRequest;
    QString memoryRequest;

    QJsonObject toJson() const
    {
        return {{u"limits"_s, QJsonObject{{u"cpu"_s, cpuLimit}, {u"memory"_s, memoryLimit}}},
                {u"requests"_s, QJsonObject{{u"cpu"_s, cpuRequest}, {u"memory"_s, memoryRequest}}}};
    }
};

// One Deployment of the extension and what its pod template needs.
struct Workload
{
    QString name;
    QJsonObject labels;      // on the Deployment, ReplicaSet and Pod
    QJsonObject podLabels;   // only on the pod template (workload identity)
    QJsonObject annotations; // pod template
    QJsonObject serviceAccountAnnotations;
    QJsonArray containers;
    QJsonArray volumes;
    bool fluxController = false;
};

// Reads settings as the extension's chart sees them, after validation.
class Settings
{
public:
    Settings(const QJsonObject &settings, const QJsonObject &protectedSettings)
        : m_settings(settings)
        , m_protected(protectedSettings)
    {
    }

    QString value(const QString &key) const { return effectiveFluxSetting(m_settings, m_protected, key); }
    bool isOn(const QString &key) const { return value(key) == u"true"; }

private:
    QJsonObject m_settings;
    QJsonObject m_protected;
};

QJsonArray strings(const QStringList &values)
{
    return QJsonArray::fromStringList(values);
}

QJsonObject emptyDir(const QString &name, bool inMemory = false)
{
    return {{u"name"_s, name}, {u"emptyDir"_s, inMemory ? QJsonObject{{u"medium"_s, u"Memory"_s}} : QJsonObject{}}};
}

QJsonObject mount(const QString &name, const QString &path)
{
    return {{u"name"_s, name}, {u"mountPath"_s, path}};
}

QJsonObject port(const QString &name, int number)
{
    return {{u"name"_s, name}, {u"containerPort"_s, number}, {u"protocol"_s, u"TCP"_s}};
}

QJsonObject httpProbe(const QString &path, const QString &portName)
{
    return {{u"httpGet"_s, QJsonObject{{u"path"_s, path}, {u"port"_s, portName}}}};
}

QJsonObject restrictedSecurityContext()
{
    return {{u"allowPrivilegeEscalation"_s, false},
            {u"capabilities"_s, QJsonObject{{u"drop"_s, QJsonArray{u"ALL"_s}}}},
            {u"readOnlyRootFilesystem"_s, true},
            {u"runAsNonRoot"_s, true},
            {u"seccompProfile"_s, QJsonObject{{u"type"_s, u"RuntimeDefault"_s}}}};
}

QJsonObject container(const QString &name, const QString &image, const QStringList &args, const Resources &resources)
{
    return {{u"name"_s, name},
            {u"image"_s, image},
            {u"imagePullPolicy"_s, u"IfNotPresent"_s},
            {u"args"_s, strings(args)},
            {u"resources"_s, resources.toJson()},
            {u"securityContext"_s, restrictedSecurityContext()}};
}

// Controllers that take workload identity, and the release that gave it to each.
std::optional<QString> workloadIdentitySince(FluxController controller)
{
    switch (controller) {
    case FluxController::Source:
        return QString(); // with the setting itself
    case FluxController::Kustomize:
        return u"1.11.1"_s;
    case FluxController::ImageAutomation:
        return u"1.16.1"_s;
    case FluxController::Notification:
        return u"1.20.4"_s;
    case FluxController::Helm:
    case FluxController::ImageReflector:
        return std::nullopt;
    }
    Q_UNREACHABLE_RETURN(std::nullopt);
}

QStringList fluxArgs(FluxController controller, const Settings &settings, const QString &version)
{
    const QString name = fluxControllerName(controller);
    QStringList args;
    // Without notification-controller there is nowhere to send events; upstream drops the flag.
    if (controller != FluxController::Notification && settings.isOn(u"notification-controller.enabled"_s))
        args.append(u"--events-addr=http://notification-controller."_s % Namespace % u".svc.cluster.local./"_s);
    args.append({u"--watch-all-namespaces=true"_s, u"--log-level="_s % settings.value(name % u".log-level"_s),
                 u"--log-encoding=json"_s, u"--enable-leader-election"_s});

    QStringList gates;
    switch (controller) {
    case FluxController::Source:
        args.append({u"--storage-path=/data"_s,
                     u"--storage-adv-addr=source-controller.$(RUNTIME_NAMESPACE).svc.cluster.local."_s});
        break;
    case FluxController::Kustomize:
        // The chart passes these from 1.12.0, when they became settings; before, upstream's defaults applied.
        if (compareFluxExtensionVersions(version, u"1.12.0") >= 0)
            args.append({u"--concurrent="_s % settings.value(u"kustomize-controller.concurrent"_s),
                         u"--requeue-dependency="_s % settings.value(u"kustomize-controller.requeue-dependency"_s)});
        if (settings.isOn(u"kustomize-controller.strict-substitution-mode"_s))
            gates.append(u"StrictPostBuildSubstitutions=true"_s);
        break;
    case FluxController::Helm:
        if (settings.isOn(u"helm-controller.detectDrift"_s))
            gates.append({u"DetectDrift=true"_s, u"CorrectDrift=true"_s});
        if (settings.isOn(u"helm-controller.outOfMemoryWatch.enabled"_s)) {
            gates.append(u"OOMWatch=true"_s);
            args.append({u"--oom-watch-memory-threshold="_s
                             % settings.value(u"helm-controller.outOfMemoryWatch.memoryThreshold"_s),
                         u"--oom-watch-interval="_s % settings.value(u"helm-controller.outOfMemoryWatch.interval"_s)});
        }
        break;
    case FluxController::Notification:
    case FluxController::ImageAutomation:
    case FluxController::ImageReflector:
        break;
    }
    if (settings.isOn(u"multiTenancy.enforce"_s) && controller != FluxController::Source) {
        args.append(u"--no-cross-namespace-refs=true"_s);
        if (controller == FluxController::Kustomize || controller == FluxController::Helm)
            args.append(u"--default-service-account=flux-applier"_s);
    }
    if (!gates.isEmpty())
        args.append(u"--feature-gates="_s % gates.join(u','));
    if (controller == FluxController::Source || controller == FluxController::ImageAutomation) {
        static const QRegularExpression space(u"\\s+"_s);
        args.append(settings.value(name % u".ssh-host-key-args"_s).split(space, Qt::SkipEmptyParts));
    }
    return args;
}

Workload fluxWorkload(FluxController controller, const Settings &settings, const FluxRelease &release)
{
    const QString name = fluxControllerName(controller);
    const QString prefix = name % u".resources."_s;
    const Resources resources{settings.value(prefix % u"limits.cpu"_s), settings.value(prefix % u"limits.memory"_s),
                              settings.value(prefix % u"requests.cpu"_s),
                              settings.value(prefix % u"requests.memory"_s)};
    QJsonObject main = container(name, FluxRegistry % name % u":v"_s % release.controllerVersion(controller),
                                 fluxArgs(controller, settings, release.version), resources);

    QJsonArray ports{port(u"http-prom"_s, 8080), port(u"healthz"_s, 9440)};
    if (controller == FluxController::Source || controller == FluxController::Notification)
        ports.append(port(u"http"_s, 9090));
    if (controller == FluxController::Notification)
        ports.append(port(u"http-webhook"_s, 9292));
    main.insert(u"ports"_s, ports);
    main.insert(u"env"_s, QJsonArray{QJsonObject{
                              {u"name"_s, u"RUNTIME_NAMESPACE"_s},
                              {u"valueFrom"_s, QJsonObject{{u"fieldRef"_s, QJsonObject{{u"fieldPath"_s,
                                                                                        u"metadata.namespace"_s}}}}}}});
    main.insert(u"livenessProbe"_s, httpProbe(u"/healthz"_s, u"healthz"_s));
    // source-controller is ready when it serves artifacts, the others when their manager is.
    main.insert(u"readinessProbe"_s, controller == FluxController::Source ? httpProbe(u"/"_s, u"http"_s)
                                                                          : httpProbe(u"/readyz"_s, u"healthz"_s));

    Workload workload;
    workload.name = name;
    workload.fluxController = true;
    workload.labels = {{u"app.kubernetes.io/component"_s, name},
                       {u"app.kubernetes.io/instance"_s, Namespace},
                       {u"app.kubernetes.io/part-of"_s, u"flux"_s},
                       {u"app.kubernetes.io/version"_s, QString(u"v"_s % release.fluxVersion)},
                       {u"app.kubernetes.io/managed-by"_s, u"Helm"_s},
                       {u"control-plane"_s, u"controller"_s}};
    workload.annotations = {{u"prometheus.io/port"_s, u"8080"_s}, {u"prometheus.io/scrape"_s, u"true"_s}};

    QJsonArray mounts{mount(u"temp"_s, u"/tmp"_s)};
    workload.volumes.append(
        emptyDir(u"temp"_s, controller == FluxController::Kustomize
                                && settings.isOn(u"kustomize-controller.enable-in-memory-build"_s)));
    if (controller == FluxController::Source) {
        mounts.append(mount(u"data"_s, u"/data"_s));
        workload.volumes.append(emptyDir(u"data"_s));
    }
    main.insert(u"volumeMounts"_s, mounts);
    workload.containers.append(main);

    // Workload identity: the service account names the identity, the label makes the webhook
    // project a token into the pod. Each controller got it in its own release.
    const std::optional<QString> since = workloadIdentitySince(controller);
    if (settings.isOn(u"workloadIdentity.enable"_s) && since
        && (since->isEmpty() || compareFluxExtensionVersions(release.version, *since) >= 0)) {
        workload.podLabels.insert(u"azure.workload.identity/use"_s, u"true"_s);
        workload.serviceAccountAnnotations.insert(u"azure.workload.identity/client-id"_s,
                                                  settings.value(u"workloadIdentity.azureClientId"_s));
        const QString tenant = settings.value(u"workloadIdentity.azureTenantId"_s);
        if (!tenant.isEmpty())
            workload.serviceAccountAnnotations.insert(u"azure.workload.identity/tenant-id"_s, tenant);
    }
    return workload;
}

// fluxconfig-agent and fluxconfig-controller: Azure's own images, versioned with the extension,
// each with a fluent-bit sidecar that ships its logs.
Workload azureWorkload(const QString &name, const Resources &resources, const Settings &settings,
                       const FluxRelease &release)
{
    Workload workload;
    workload.name = name;
    workload.labels = {{u"app.kubernetes.io/component"_s, name},
                       {u"app.kubernetes.io/part-of"_s, u"microsoft.flux"_s},
                       {u"app.kubernetes.io/version"_s, release.version},
                       {u"app.kubernetes.io/managed-by"_s, u"Helm"_s}};
    workload.containers.append(container(name, AzureRegistry % name % u':' % release.version,
                                         {u"--log-level="_s % settings.value(name % u".log-level"_s)}, resources));
    workload.containers.append(container(u"fluent-bit"_s, AzureRegistry % u"fluent-bit:"_s % release.version, {},
                                         {u"20m"_s, u"150Mi"_s, u"5m"_s, u"30Mi"_s}));
    return workload;
}

QJsonObject metadata(const QString &name, const QJsonObject &labels, const QJsonObject &annotations = {})
{
    QJsonObject object{{u"name"_s, name}, {u"namespace"_s, Namespace}};
    if (!labels.isEmpty())
        object.insert(u"labels"_s, labels);
    if (!annotations.isEmpty())
        object.insert(u"annotations"_s, annotations);
    return object;
}

QJsonObject merged(QJsonObject base, const QJsonObject &extra)
{
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

QJsonObject service(const QString &name, const QString &app, const QString &targetPort, const QJsonObject &labels)
{
    return {{u"apiVersion"_s, u"v1"_s},
            {u"kind"_s, u"Service"_s},
            {u"metadata"_s, metadata(name, labels)},
            {u"spec"_s, QJsonObject{{u"type"_s, u"ClusterIP"_s},
                                    {u"selector"_s, QJsonObject{{u"app"_s, app}}},
                                    {u"ports"_s, QJsonArray{QJsonObject{{u"name"_s, u"http"_s},
                                                                        {u"port"_s, 80},
                                                                        {u"protocol"_s, u"TCP"_s},
                                                                        {u"targetPort"_s, targetPort}}}}}}};
}

// Deployment, ReplicaSet and Pod of one workload, settled: everything ready, nothing restarted.
SettledWorkload rollout(const Workload &workload, const QJsonObject &podAnnotations, const ClusterShape &cluster)
{
    const QString architecture = cluster.architecture.isEmpty() ? u"amd64"_s : cluster.architecture.toLower();
    const QJsonObject selector{{u"app"_s, workload.name}};
    QJsonObject podSpec{{u"serviceAccountName"_s, workload.name},
                        {u"containers"_s, workload.containers},
                        {u"nodeSelector"_s, QJsonObject{{u"kubernetes.io/os"_s, u"linux"_s}}},
                        {u"restartPolicy"_s, u"Always"_s},
                        {u"terminationGracePeriodSeconds"_s, 60}};
    if (!workload.volumes.isEmpty())
        podSpec.insert(u"volumes"_s, workload.volumes);
    if (workload.fluxController)
        podSpec.insert(u"securityContext"_s, QJsonObject{{u"fsGroup"_s, 1337}});
    const QJsonObject templateAnnotations = merged(workload.annotations, podAnnotations);
    QJsonObject templateMetadata{{u"labels"_s, merged(merged(workload.labels, selector), workload.podLabels)}};
    if (!templateAnnotations.isEmpty())
        templateMetadata.insert(u"annotations"_s, templateAnnotations);
    return settleDeployment(
        QJsonObject{{u"apiVersion"_s, u"apps/v1"_s},
                    {u"kind"_s, u"Deployment"_s},
                    {u"metadata"_s, metadata(workload.name, workload.labels)},
                    {u"spec"_s, QJsonObject{{u"replicas"_s, 1},
                                            {u"selector"_s, QJsonObject{{u"matchLabels"_s, selector}}},
                                            {u"template"_s, QJsonObject{{u"metadata"_s, templateMetadata},
                                                                        {u"spec"_s, podSpec}}}}}},
        architecture);
}

} // namespace

Domain::Result<QJsonArray> fluxSystemObjects(const QJsonObject &settings, const QJsonObject &protectedSettings,
                                             const QString &version, const ClusterShape &cluster)
{
    if (auto valid = validateFluxSettings(settings, protectedSettings, version, cluster); !valid)
        return std::unexpected(valid.error());
    const FluxRelease &release = *findFluxRelease(version.isEmpty() ? latestFluxExtensionVersion() : version);
    const Settings values(settings, protectedSettings);

    QList<Workload> workloads{
        azureWorkload(u"fluxconfig-agent"_s, {u"50m"_s, u"150Mi"_s, u"5m"_s, u"30Mi"_s}, values, release),
        azureWorkload(u"fluxconfig-controller"_s, {u"100m"_s, u"150Mi"_s, u"5m"_s, u"30Mi"_s}, values, release),
    };
    for (FluxController controller : fluxControllers()) {
        if (values.isOn(fluxControllerName(controller) % u".enabled"_s))
            workloads.append(fluxWorkload(controller, values, release));
    }
    // AKS reads this annotation to point the pods' KUBERNETES_SERVICE_HOST at the API server's FQDN.
    QJsonObject podAnnotations;
    if (values.isOn(u"setKubeServiceHostFqdn"_s))
        podAnnotations.insert(u"kubernetes.azure.com/set-kube-service-host-fqdn"_s, u"true"_s);

    QJsonArray objects;
    objects.append(QJsonObject{
        {u"apiVersion"_s, u"v1"_s},
        {u"kind"_s, u"Namespace"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, Namespace},
                                    {u"labels"_s, QJsonObject{{u"kubernetes.io/metadata.name"_s, Namespace},
                                                              {u"app.kubernetes.io/instance"_s, Namespace},
                                                              {u"app.kubernetes.io/part-of"_s, u"flux"_s},
                                                              {u"app.kubernetes.io/version"_s,
                                                               QString(u"v"_s % release.fluxVersion)}}}}},
        {u"spec"_s, QJsonObject{{u"finalizers"_s, QJsonArray{u"kubernetes"_s}}}},
        {u"status"_s, QJsonObject{{u"phase"_s, u"Active"_s}}},
    });
    for (const Workload &workload : workloads) {
        objects.append(QJsonObject{
            {u"apiVersion"_s, u"v1"_s},
            {u"kind"_s, u"ServiceAccount"_s},
            {u"metadata"_s, metadata(workload.name, workload.labels, workload.serviceAccountAnnotations)},
        });
    }
    for (const Workload &workload : workloads) {
        if (workload.name == u"source-controller")
            objects.append(service(workload.name, workload.name, u"http"_s, workload.labels));
        if (workload.name == u"notification-controller") {
            objects.append(service(workload.name, workload.name, u"http"_s, workload.labels));
            objects.append(service(u"webhook-receiver"_s, workload.name, u"http-webhook"_s, workload.labels));
        }
    }
    QList<SettledWorkload> rollouts;
    for (const Workload &workload : workloads)
        rollouts.append(rollout(workload, podAnnotations, cluster));
    for (const SettledWorkload &each : rollouts)
        objects.append(each.workload);
    for (const SettledWorkload &each : rollouts)
        objects.append(each.replicaSet);
    for (const SettledWorkload &each : rollouts) {
        for (const QJsonObject &pod : each.pods)
            objects.append(pod);
    }
    return objects;
}

} // namespace Fluxdeck::Sandbox
