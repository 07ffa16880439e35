#pragma once

#include <QString>

namespace Fluxdeck::Sandbox {

// The path segment of a cluster's Kubernetes API ("/k8s/{key}"): the first 16 hex digits of the
// SHA-256 of its lower-cased ARM id. Resource Manager writes it into the kubeconfigs it hands out.
QString kubeClusterKey(const QString &armClusterId);

} // namespace Fluxdeck::Sandbox
