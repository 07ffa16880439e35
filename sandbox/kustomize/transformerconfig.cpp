#include "kustomize/transformerconfig.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

FieldSpec spec(const QString &kind, const QString &path, bool create = false, const QString &group = {})
{
    return FieldSpec{TypeSelector{group, {}, kind}, parseFieldPath(path), create};
}

// Kinds that hold a PodSpec, and where.
struct PodHolder
{
    const char16_t *kind;
    const char16_t *specPath;
};

// The holders kustomize lists for ConfigMap and Secret references...
constexpr PodHolder ConfigHolders[] = {
    {u"Pod", u"spec"},
    {u"PodTemplate", u"template/spec"},
    {u"Deployment", u"spec/template/spec"},
    {u"ReplicaSet", u"spec/template/spec"},
    {u"DaemonSet", u"spec/template/spec"},
    {u"StatefulSet", u"spec/template/spec"},
    {u"Job", u"spec/template/spec"},
    {u"CronJob", u"spec/jobTemplate/spec/template/spec"},
};

// ... and for ServiceAccount, PersistentVolumeClaim and PriorityClass references.
constexpr PodHolder AccountHolders[] = {
    {u"Pod", u"spec"},
    {u"StatefulSet", u"spec/template/spec"},
    {u"Deployment", u"spec/template/spec"},
    {u"ReplicationController", u"spec/template/spec"},
    {u"CronJob", u"spec/jobTemplate/spec/template/spec"},
    {u"Job", u"spec/template/spec"},
    {u"DaemonSet", u"spec/template/spec"},
};

template<size_t N>
void addPodFields(QList<FieldSpec> &specs, const PodHolder (&holders)[N], std::initializer_list<const char16_t *> fields)
{
    for (const PodHolder &holder : holders) {
        for (const char16_t *field : fields)
            specs.append(spec(QString::fromUtf16(holder.kind),
                              QString::fromUtf16(holder.specPath) + u'/' + QString::fromUtf16(field)));
    }
}

QList<NameReference> builtinNameReferences()
{
    QList<NameReference> references;
    const auto reference = [&](const QString &kind, const QString &group, QList<FieldSpec> specs) {
        references.append(NameReference{TypeSelector{group, {}, kind}, std::move(specs)});
    };

    for (const char16_t *workload : {u"Deployment", u"ReplicationController", u"ReplicaSet", u"StatefulSet"})
        reference(QString::fromUtf16(workload), {}, {spec(u"HorizontalPodAutoscaler"_s, u"spec/scaleTargetRef/name"_s)});

    QList<FieldSpec> configMap;
    addPodFields(configMap, ConfigHolders,
                 {u"volumes/configMap/name", u"containers/env/valueFrom/configMapKeyRef/name",
                  u"initContainers/env/valueFrom/configMapKeyRef/name", u"containers/envFrom/configMapRef/name",
                  u"initContainers/envFrom/configMapRef/name", u"volumes/projected/sources/configMap/name"});
    configMap << spec(u"Node"_s, u"spec/configSource/configMap"_s) << spec(u"Role"_s, u"rules/resourceNames"_s)
              << spec(u"ClusterRole"_s, u"rules/resourceNames"_s)
              << spec(u"Ingress"_s, u"metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap"_s);
    reference(u"ConfigMap"_s, {}, configMap);

    QList<FieldSpec> secret;
    addPodFields(secret, ConfigHolders,
                 {u"volumes/secret/secretName", u"containers/env/valueFrom/secretKeyRef/name",
                  u"initContainers/env/valueFrom/secretKeyRef/name", u"containers/envFrom/secretRef/name",
                  u"initContainers/envFrom/secretRef/name", u"imagePullSecrets/name",
                  u"volumes/projected/sources/secret/name"});
    secret << spec(u"Ingress"_s, u"spec/tls/secretName"_s)
           << spec(u"Ingress"_s, u"metadata/annotations/ingress.kubernetes.io\\/auth-secret"_s)
           << spec(u"Ingress"_s, u"metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret"_s)
           << spec(u"Ingress"_s, u"metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret"_s)
           << spec(u"ServiceAccount"_s, u"imagePullSecrets/name"_s)
           << spec(u"StorageClass"_s, u"parameters/secretName"_s)
           << spec(u"StorageClass"_s, u"parameters/adminSecretName"_s)
           << spec(u"StorageClass"_s, u"parameters/userSecretName"_s)
           << spec(u"StorageClass"_s, u"parameters/secretRef"_s) << spec(u"Role"_s, u"rules/resourceNames"_s)
           << spec(u"ClusterRole"_s, u"rules/resourceNames"_s)
           << spec(u"PersistentVolume"_s, u"spec/azureFile/secretName"_s);
    reference(u"Secret"_s, {}, secret);

    reference(u"Service"_s, {},
              {spec(u"StatefulSet"_s, u"spec/serviceName"_s, false, u"apps"_s),
               spec(u"Ingress"_s, u"spec/rules/http/paths/backend/serviceName"_s),
               spec(u"Ingress"_s, u"spec/backend/serviceName"_s),
               spec(u"Ingress"_s, u"spec/rules/http/paths/backend/service/name"_s),
               spec(u"Ingress"_s, u"spec/defaultBackend/service/name"_s),
               spec(u"APIService"_s, u"spec/service/name"_s, false, u"apiregistration.k8s.io"_s),
               spec(u"ValidatingWebhookConfiguration"_s, u"webhooks/clientConfig/service"_s, false,
                    u"admissionregistration.k8s.io"_s),
               spec(u"MutatingWebhookConfiguration"_s, u"webhooks/clientConfig/service"_s, false,
                    u"admissionregistration.k8s.io"_s),
               spec(u"HTTPRoute"_s, u"spec/rules/backendRefs/name"_s)});

    const QString rbac = u"rbac.authorization.k8s.io"_s;
    reference(u"Role"_s, rbac, {spec(u"RoleBinding"_s, u"roleRef/name"_s, false, rbac)});
    reference(u"ClusterRole"_s, rbac,
              {spec(u"RoleBinding"_s, u"roleRef/name"_s, false, rbac),
               spec(u"ClusterRoleBinding"_s, u"roleRef/name"_s, false, rbac)});

    QList<FieldSpec> account = {spec(u"RoleBinding"_s, u"subjects"_s, false, rbac),
                                spec(u"ClusterRoleBinding"_s, u"subjects"_s, false, rbac)};
    addPodFields(account, AccountHolders, {u"serviceAccountName"});
    reference(u"ServiceAccount"_s, {}, account);

    QList<FieldSpec> claim;
    addPodFields(claim, AccountHolders, {u"volumes/persistentVolumeClaim/claimName"});
    reference(u"PersistentVolumeClaim"_s, {}, claim);

    reference(u"PersistentVolume"_s, {},
              {spec(u"PersistentVolumeClaim"_s, u"spec/volumeName"_s), spec(u"ClusterRole"_s, u"rules/resourceNames"_s)});

    reference(u"StorageClass"_s, u"storage.k8s.io"_s,
              {spec(u"PersistentVolume"_s, u"spec/storageClassName"_s),
               spec(u"PersistentVolumeClaim"_s, u"spec/storageClassName"_s),
               spec(u"StatefulSet"_s, u"spec/volumeClaimTemplates/spec/storageClassName"_s)});

    QList<FieldSpec> priority;
    addPodFields(priority, AccountHolders, {u"priorityClassName"});
    reference(u"PriorityClass"_s, u"scheduling.k8s.io"_s, priority);

    reference(u"IngressClass"_s, u"networking.k8s.io"_s, {spec(u"Ingress"_s, u"spec/ingressClassName"_s)});
    return references;
}

// metadata/labels plus the pod and job templates kustomize labels along.
QList<FieldSpec> metadataLabelSpecs(const QString &field)
{
    return {
        spec({}, u"metadata/"_s + field, true),
        spec(u"ReplicationController"_s, u"spec/template/metadata/"_s + field, true),
        spec(u"Deployment"_s, u"spec/template/metadata/"_s + field, true),
        spec(u"ReplicaSet"_s, u"spec/template/metadata/"_s + field, true),
        spec(u"DaemonSet"_s, u"spec/template/metadata/"_s + field, true),
        spec(u"StatefulSet"_s, u"spec/template/metadata/"_s + field, true, u"apps"_s),
        spec(u"Job"_s, u"spec/template/metadata/"_s + field, true, u"batch"_s),
        spec(u"CronJob"_s, u"spec/jobTemplate/metadata/"_s + field, true, u"batch"_s),
        spec(u"CronJob"_s, u"spec/jobTemplate/spec/template/metadata/"_s + field, true, u"batch"_s),
    };
}

QList<FieldSpec> selectorLabelSpecs()
{
    QList<FieldSpec> specs = {
        spec(u"Service"_s, u"spec/selector"_s, true),
        spec(u"ReplicationController"_s, u"spec/selector"_s, true),
        spec(u"Deployment"_s, u"spec/selector/matchLabels"_s, true),
        spec(u"ReplicaSet"_s, u"spec/selector/matchLabels"_s, true),
        spec(u"DaemonSet"_s, u"spec/selector/matchLabels"_s, true),
        spec(u"StatefulSet"_s, u"spec/selector/matchLabels"_s, true, u"apps"_s),
        spec(u"StatefulSet"_s, u"spec/volumeClaimTemplates[]/metadata/labels"_s, true, u"apps"_s),
        spec(u"Job"_s, u"spec/selector/matchLabels"_s, false, u"batch"_s),
        spec(u"CronJob"_s, u"spec/jobTemplate/spec/selector/matchLabels"_s, false, u"batch"_s),
        spec(u"PodDisruptionBudget"_s, u"spec/selector/matchLabels"_s, false, u"policy"_s),
        spec(u"NetworkPolicy"_s, u"spec/podSelector/matchLabels"_s, false, u"networking.k8s.io"_s),
        spec(u"NetworkPolicy"_s, u"spec/ingress/from/podSelector/matchLabels"_s, false, u"networking.k8s.io"_s),
        spec(u"NetworkPolicy"_s, u"spec/egress/to/podSelector/matchLabels"_s, false, u"networking.k8s.io"_s),
    };
    const QStringList affinities = {
        u"podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels"_s,
        u"podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels"_s,
        u"podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels"_s,
        u"podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels"_s,
    };
    for (const QString &kind : {u"Deployment"_s, u"StatefulSet"_s}) {
        for (const QString &affinity : affinities)
            specs.append(spec(kind, u"spec/template/spec/affinity/"_s + affinity, false, u"apps"_s));
        specs.append(spec(kind, u"spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels"_s, false,
                          u"apps"_s));
    }
    return specs;
}

void appendMissing(QList<FieldSpec> &to, const QList<FieldSpec> &from)
{
    // Every level of a build merges the built-in lists again: shared data compares at once.
    if (to.isEmpty()) {
        to = from;
        return;
    }
    if (to == from)
        return;
    for (const FieldSpec &field : from) {
        if (!to.contains(field))
            to.append(field);
    }
}

Domain::Result<QList<FieldSpec>> parseFieldSpecs(const QJsonValue &value, const QString &where)
{
    QList<FieldSpec> specs;
    if (value.isNull() || value.isUndefined())
        return specs;
    if (!value.isArray())
        return Domain::failure(u"%1: expected a list of field specs"_s.arg(where));
    for (const QJsonValue &entry : value.toArray()) {
        const QJsonObject object = entry.toObject();
        const QString path = object.value(u"path").toString();
        if (!entry.isObject() || path.isEmpty())
            return Domain::failure(u"%1: every field spec needs a path"_s.arg(where));
        specs.append(FieldSpec{TypeSelector{object.value(u"group").toString(), object.value(u"version").toString(),
                                            object.value(u"kind").toString()},
                               parseFieldPath(path), object.value(u"create").toBool()});
    }
    return specs;
}

void visit(QJsonValue &node, const QStringList &path, qsizetype at, bool create,
           const std::function<void(QJsonValue &)> &visitor)
{
    if (at == path.size()) {
        visitor(node);
        return;
    }
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonValue element = array.at(i);
            visit(element, path, at, create, visitor);
            array.replace(i, element);
        }
        node = array;
        return;
    }
    if (!node.isObject())
        return;
    QJsonObject object = node.toObject();
    const QString &segment = path[at];
    QJsonValue child = object.value(segment);
    const bool missing = child.isUndefined() || child.isNull();
    if (missing) {
        if (!create)
            return;
        child = at + 1 == path.size() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonObject());
    }
    visit(child, path, at + 1, create, visitor);
    // A map made on the way but left empty is not kept.
    if (missing && (child.isNull() || (child.isObject() && child.toObject().isEmpty())))
        return;
    object.insert(segment, child);
    node = object;
}

} // namespace

bool TypeSelector::matches(const QString &objectGroup, const QString &objectVersion, const QString &objectKind) const
{
    return (group.isEmpty() || group == objectGroup) && (version.isEmpty() || version == objectVersion)
        && (kind.isEmpty() || kind == objectKind);
}

TransformerConfig TransformerConfig::builtin()
{
    static const TransformerConfig config = [] {
        TransformerConfig made;
        made.templateLabels = metadataLabelSpecs(u"labels"_s);
        made.commonLabels = made.templateLabels + selectorLabelSpecs();
        made.commonAnnotations = metadataLabelSpecs(u"annotations"_s);
        for (const QString &kind : {u"Deployment"_s, u"ReplicationController"_s, u"ReplicaSet"_s, u"StatefulSet"_s})
            made.replicas.append(spec(kind, u"spec/replicas"_s, true));
        made.nameReferences = builtinNameReferences();
        return made;
    }();
    return config;
}

void TransformerConfig::merge(const TransformerConfig &other)
{
    appendMissing(commonLabels, other.commonLabels);
    appendMissing(templateLabels, other.templateLabels);
    appendMissing(commonAnnotations, other.commonAnnotations);
    appendMissing(images, other.images);
    appendMissing(replicas, other.replicas);
    if (nameReferences.isEmpty()) {
        nameReferences = other.nameReferences;
        return;
    }
    if (nameReferences == other.nameReferences)
        return;
    for (const NameReference &reference : other.nameReferences) {
        auto same = std::find_if(nameReferences.begin(), nameReferences.end(),
                                 [&](const NameReference &mine) { return mine.referral == reference.referral; });
        if (same == nameReferences.end())
            nameReferences.append(reference);
        else
            appendMissing(same->fieldSpecs, reference.fieldSpecs);
    }
}

Domain::Result<TransformerConfig> parseTransformerConfig(const QJsonValue &config, const QString &fileName)
{
    TransformerConfig parsed;
    if (config.isNull() || config.isUndefined())
        return parsed;
    if (!config.isObject())
        return Domain::failure(u"%1: a transformer configuration must be a map"_s.arg(fileName));
    const QJsonObject object = config.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString where = fileName + u": "_s + it.key();
        if (it.key() == u"nameReference") {
            if (!it.value().isArray())
                return Domain::failure(u"%1: expected a list"_s.arg(where));
            for (const QJsonValue &entry : it.value().toArray()) {
                const QJsonObject reference = entry.toObject();
                auto specs = parseFieldSpecs(reference.value(u"fieldSpecs"), where);
                if (!specs)
                    return std::unexpected(specs.error());
                parsed.nameReferences.append(
                    NameReference{TypeSelector{reference.value(u"group").toString(),
                                               reference.value(u"version").toString(),
                                               reference.value(u"kind").toString()},
                                  *specs});
            }
            continue;
        }
        QList<FieldSpec> *target = nullptr;
        if (it.key() == u"commonLabels")
            target = &parsed.commonLabels;
        else if (it.key() == u"commonAnnotations")
            target = &parsed.commonAnnotations;
        else if (it.key() == u"images")
            target = &parsed.images;
        else if (it.key() == u"replicas")
            target = &parsed.replicas;
        if (!target)
            return Domain::failure(
                u"%1: transformer configuration '%2' is not supported by the sandbox "
                "(nameReference, commonLabels, commonAnnotations, images and replicas are)"_s.arg(fileName, it.key()));
        auto specs = parseFieldSpecs(it.value(), where);
        if (!specs)
            return std::unexpected(specs.error());
        *target = *specs;
    }
    return parsed;
}

QStringList parseFieldPath(const QString &path)
{
    QStringList segments;
    QString current;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path[i];
        if (c == u'\\' && i + 1 < path.size() && path[i + 1] == u'/') {
            current += u'/';
            ++i;
        } else if (c == u'/') {
            segments.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    segments.append(current);
    for (QString &segment : segments) {
        if (segment.endsWith(u"[]"))
            segment.chop(2);
    }
    segments.removeAll(QString());
    return segments;
}

void visitField(QJsonObject &object, const QStringList &path, bool create, const std::function<void(QJsonValue &)> &visitor)
{
    QJsonValue root = object;
    visit(root, path, 0, create, visitor);
    object = root.toObject();
}

} // namespace Fluxdeck::Sandbox
