#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

// A settled rollout: the objects Kubernetes' controllers would have made for a Deployment or a
// StatefulSet once every pod runs, named as they name them, so the sandbox's clusters look
// like a real one to kubectl. Deterministic: the same workload always gives the same names.
namespace Fluxdeck::Sandbox {

struct SettledWorkload
{
    QJsonObject workload;        // the Deployment or StatefulSet, with metadata and status filled in
    QJsonObject replicaSet;      // Deployments only
    QList<QJsonObject> pods;
};

// deployment: apiVersion apps/v1, kind Deployment, metadata (name, namespace, labels), spec
// (replicas, default 1; selector.matchLabels; template). architecture: the nodes' ("amd64",
// "arm64"), which decides the image digests the pods report.
SettledWorkload settleDeployment(const QJsonObject &deployment, const QString &architecture);

// statefulSet: kind StatefulSet with spec.replicas (default 1), selector, serviceName, template.
// Pods are <name>-0 … <name>-N-1.
SettledWorkload settleStatefulSet(const QJsonObject &statefulSet, const QString &architecture);

// Kubernetes' pod-template-hash: a 32-bit FNV-1a of the template, spelled in the alphabet of
// generated names (no vowels, no look-alike digits).
QString podTemplateHash(const QJsonObject &podTemplate);

// Five generated-name characters derived from seed (a pod's random suffix, made repeatable).
QString generatedSuffix(const QString &seed);

// What a node resolves a multi-architecture image tag to: one digest per platform.
QString imageDigest(const QString &image, const QString &architecture);

} // namespace Fluxdeck::Sandbox
