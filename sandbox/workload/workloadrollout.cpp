#include "workloadrollout.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringBuilder>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

constexpr QStringView SafeAlphabet = u"bcdfghjklmnpqrstvwxz2456789";
constexpr quint32 SafeAlphabetSize = SafeAlphabet.size();

quint32 fnv1a(const QByteArray &bytes)
{
    quint32 hash = 2166136261u;
    for (const char byte : bytes) {
        hash ^= quint8(byte);
        hash *= 16777619u;
    }
    return hash;
}

QJsonObject merged(QJsonObject base, const QJsonObject &extra)
{
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

QJsonObject ownerReference(const QString &kind, const QString &name)
{
    return {{u"apiVersion"_s, u"apps/v1"_s},
            {u"kind"_s, kind},
            {u"name"_s, name},
            {u"controller"_s, true},
            {u"blockOwnerDeletion"_s, true}};
}

QJsonObject trueCondition(const QString &type, const QString &reason = {}, const QString &message = {})
{
    QJsonObject object{{u"type"_s, type}, {u"status"_s, u"True"_s}};
    if (!reason.isEmpty())
        object.insert(u"reason"_s, reason);
    if (!message.isEmpty())
        object.insert(u"message"_s, message);
    return object;
}

QJsonObject objectMetadata(const QString &name, const QString &namespaceName, const QJsonObject &labels,
                           const QJsonObject &annotations)
{
    QJsonObject object{{u"name"_s, name}, {u"namespace"_s, namespaceName}};
    if (!labels.isEmpty())
        object.insert(u"labels"_s, labels);
    if (!annotations.isEmpty())
        object.insert(u"annotations"_s, annotations);
    return object;
}

int replicasOf(const QJsonObject &workload)
{
    return workload.value(u"spec").toObject().value(u"replicas").toInt(1);
}

// A running pod of the template: every container started and ready, nothing restarted.
QJsonObject runningPod(const QJsonObject &podTemplate, const QString &name, const QString &namespaceName,
                       const QJsonObject &labels, const QJsonObject &owner, const QString &generateName,
                       const QString &architecture)
{
    const QJsonObject spec = podTemplate.value(u"spec").toObject();
    const QJsonObject annotations = podTemplate.value(u"metadata").toObject().value(u"annotations").toObject();
    QJsonArray containerStatuses;
    bool resources = false;
    for (const QJsonValue &value : spec.value(u"containers").toArray()) {
        const QString image = value[u"image"].toString();
        resources = resources || !value[u"resources"].toObject().isEmpty();
        containerStatuses.append(QJsonObject{{u"name"_s, value[u"name"]},
                                             {u"image"_s, image},
                                             {u"imageID"_s, imageDigest(image, architecture)},
                                             {u"ready"_s, true},
                                             {u"started"_s, true},
                                             {u"restartCount"_s, 0},
                                             {u"state"_s, QJsonObject{{u"running"_s, QJsonObject{}}}},
                                             {u"lastState"_s, QJsonObject{}}});
    }
    QJsonObject metadata = objectMetadata(name, namespaceName, labels, annotations);
    if (!generateName.isEmpty())
        metadata.insert(u"generateName"_s, generateName);
    metadata.insert(u"ownerReferences"_s, QJsonArray{owner});
    return {
        {u"apiVersion"_s, u"v1"_s},
        {u"kind"_s, u"Pod"_s},
        {u"metadata"_s, metadata},
        {u"spec"_s, spec},
        {u"status"_s, QJsonObject{{u"phase"_s, u"Running"_s},
                                  {u"conditions"_s, QJsonArray{trueCondition(u"PodReadyToStartContainers"_s),
                                                               trueCondition(u"Initialized"_s),
                                                               trueCondition(u"Ready"_s),
                                                               trueCondition(u"ContainersReady"_s),
                                                               trueCondition(u"PodScheduled"_s)}},
                                  {u"containerStatuses"_s, containerStatuses},
                                  {u"qosClass"_s, resources ? u"Burstable"_s : u"BestEffort"_s}}},
    };
}

QJsonObject withLabels(QJsonObject podTemplate, const QJsonObject &labels)
{
    QJsonObject metadata = podTemplate.value(u"metadata").toObject();
    metadata.insert(u"labels"_s, labels);
    podTemplate.insert(u"metadata"_s, metadata);
    return podTemplate;
}

} // namespace

QString podTemplateHash(const QJsonObject &podTemplate)
{
    QString hash;
    for (const QChar digit : QString::number(fnv1a(QJsonDocument(podTemplate).toJson(QJsonDocument::Compact))))
        hash.append(SafeAlphabet.at(digit.digitValue() % SafeAlphabetSize));
    return hash;
}

QString generatedSuffix(const QString &seed)
{
    quint32 value = fnv1a(seed.toUtf8());
    QString suffix;
    for (int i = 0; i < 5; ++i) {
        suffix.append(SafeAlphabet.at(value % SafeAlphabetSize));
        value /= SafeAlphabetSize;
    }
    return suffix;
}

QString imageDigest(const QString &image, const QString &architecture)
{
    const QString repository = image.section(u':', 0, 0);
    const QByteArray digest =
        QCryptographicHash::hash((image % u"@linux/"_s % architecture).toUtf8(), QCryptographicHash::Sha256).toHex();
    return repository % u"@sha256:"_s % QString::fromLatin1(digest);
}

SettledWorkload settleDeployment(const QJsonObject &deployment, const QString &architecture)
{
    const QJsonObject metadata = deployment.value(u"metadata").toObject();
    const QJsonObject spec = deployment.value(u"spec").toObject();
    const QString name = metadata.value(u"name").toString();
    const QString namespaceName = metadata.value(u"namespace").toString(u"default"_s);
    const int replicas = replicasOf(deployment);
    const QJsonObject podTemplate = spec.value(u"template").toObject();
    const QJsonObject templateLabels = podTemplate.value(u"metadata").toObject().value(u"labels").toObject();
    const QJsonObject selector = spec.value(u"selector").toObject().value(u"matchLabels").toObject();

    const QString hash = podTemplateHash(podTemplate);
    const QString replicaSetName = name % u'-' % hash;
    const QJsonObject hashLabel{{u"pod-template-hash"_s, hash}};
    const QJsonObject podLabels = merged(templateLabels, hashLabel);
    const QString revision = metadata.value(u"annotations").toObject()
                                 .value(u"deployment.kubernetes.io/revision").toString(u"1"_s);

    SettledWorkload settled;
    QJsonObject deploymentMetadata = metadata;
    deploymentMetadata.insert(u"namespace"_s, namespaceName);
    deploymentMetadata.insert(u"annotations"_s,
                              merged(metadata.value(u"annotations").toObject(),
                                     {{u"deployment.kubernetes.io/revision"_s, revision}}));
    if (!deploymentMetadata.contains(u"generation"))
        deploymentMetadata.insert(u"generation"_s, 1);
    const int generation = deploymentMetadata.value(u"generation").toInt(1);
    settled.workload = deployment;
    settled.workload.insert(u"metadata"_s, deploymentMetadata);
    settled.workload.insert(
        u"status"_s,
        QJsonObject{{u"observedGeneration"_s, generation},
                    {u"replicas"_s, replicas},
                    {u"updatedReplicas"_s, replicas},
                    {u"readyReplicas"_s, replicas},
                    {u"availableReplicas"_s, replicas},
                    {u"conditions"_s,
                     QJsonArray{trueCondition(u"Available"_s, u"MinimumReplicasAvailable"_s,
                                              u"Deployment has minimum availability."_s),
                                trueCondition(u"Progressing"_s, u"NewReplicaSetAvailable"_s,
                                              u"ReplicaSet \""_s % replicaSetName % u"\" has successfully progressed."_s)}}});

    // maxSurge defaults to 25 %, rounded up.
    const int surge = int(std::ceil(replicas * 0.25));
    QJsonObject replicaSetMetadata = objectMetadata(
        replicaSetName, namespaceName, podLabels,
        {{u"deployment.kubernetes.io/desired-replicas"_s, QString::number(replicas)},
         {u"deployment.kubernetes.io/max-replicas"_s, QString::number(replicas + surge)},
         {u"deployment.kubernetes.io/revision"_s, revision}});
    replicaSetMetadata.insert(u"generation"_s, 1);
    replicaSetMetadata.insert(u"ownerReferences"_s, QJsonArray{ownerReference(u"Deployment"_s, name)});
    settled.replicaSet = QJsonObject{
        {u"apiVersion"_s, u"apps/v1"_s},
        {u"kind"_s, u"ReplicaSet"_s},
        {u"metadata"_s, replicaSetMetadata},
        {u"spec"_s, QJsonObject{{u"replicas"_s, replicas},
                                {u"selector"_s, QJsonObject{{u"matchLabels"_s, merged(selector, hashLabel)}}},
                                {u"template"_s, withLabels(podTemplate, podLabels)}}},
        {u"status"_s, QJsonObject{{u"observedGeneration"_s, 1},
                                  {u"replicas"_s, replicas},
                                  {u"fullyLabeledReplicas"_s, replicas},
                                  {u"readyReplicas"_s, replicas},
                                  {u"availableReplicas"_s, replicas}}},
    };

    const QJsonObject owner = ownerReference(u"ReplicaSet"_s, replicaSetName);
    for (int i = 0; i < replicas; ++i) {
        const QString suffix = generatedSuffix(i == 0 ? replicaSetName : replicaSetName % u'-' % QString::number(i));
        settled.pods.append(runningPod(podTemplate, replicaSetName % u'-' % suffix, namespaceName, podLabels, owner,
                                       replicaSetName % u'-', architecture));
    }
    return settled;
}

SettledWorkload settleStatefulSet(const QJsonObject &statefulSet, const QString &architecture)
{
    const QJsonObject metadata = statefulSet.value(u"metadata").toObject();
    const QString name = metadata.value(u"name").toString();
    const QString namespaceName = metadata.value(u"namespace").toString(u"default"_s);
    const int replicas = replicasOf(statefulSet);
    const QJsonObject podTemplate = statefulSet.value(u"spec").toObject().value(u"template").toObject();
    const QJsonObject templateLabels = podTemplate.value(u"metadata").toObject().value(u"labels").toObject();
    const QString revision = name % u'-' % podTemplateHash(podTemplate);

    SettledWorkload settled;
    QJsonObject workloadMetadata = metadata;
    workloadMetadata.insert(u"namespace"_s, namespaceName);
    if (!workloadMetadata.contains(u"generation"))
        workloadMetadata.insert(u"generation"_s, 1);
    settled.workload = statefulSet;
    settled.workload.insert(u"metadata"_s, workloadMetadata);
    settled.workload.insert(u"status"_s, QJsonObject{{u"observedGeneration"_s, workloadMetadata.value(u"generation")},
                                                     {u"replicas"_s, replicas},
                                                     {u"readyReplicas"_s, replicas},
                                                     {u"currentReplicas"_s, replicas},
                                                     {u"updatedReplicas"_s, replicas},
                                                     {u"availableReplicas"_s, replicas},
                                                     {u"currentRevision"_s, revision},
                                                     {u"updateRevision"_s, revision},
                                                     {u"collisionCount"_s, 0}});
    const QJsonObject owner = ownerReference(u"StatefulSet"_s, name);
    for (int i = 0; i < replicas; ++i) {
        const QString podName = name % u'-' % QString::number(i);
        const QJsonObject labels = merged(templateLabels, {{u"controller-revision-hash"_s, revision},
                                                           {u"statefulset.kubernetes.io/pod-name"_s, podName},
                                                           {u"apps.kubernetes.io/pod-index"_s, QString::number(i)}});
        QJsonObject pod = runningPod(podTemplate, podName, namespaceName, labels, owner, {}, architecture);
        QJsonObject spec = pod.value(u"spec").toObject();
        spec.insert(u"hostname"_s, podName);
        if (const QString service = statefulSet.value(u"spec").toObject().value(u"serviceName").toString();
            !service.isEmpty())
            spec.insert(u"subdomain"_s, service);
        pod.insert(u"spec"_s, spec);
        settled.pods.append(pod);
    }
    return settled;
}

} // namespace Fluxdeck::Sandbox
