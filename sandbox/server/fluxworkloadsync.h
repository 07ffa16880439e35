#pragma once

#include <QString>

namespace Fluxdeck::Sandbox {

class KubeObjectStore;
class ResourceStore;

// Keeps a cluster's flux-system namespace in step with its microsoft.flux extension resource:
// the controllers its settings enable run there, the ones they disable are gone, and deleting
// the extension removes the namespace. What Azure's extension manager does on a real cluster.
void syncFluxWorkload(const ResourceStore &arm, KubeObjectStore &kube, const QString &clusterId);

// The cluster an extension or configuration resource id belongs to.
QString clusterOf(const QString &extensionResourceId);

} // namespace Fluxdeck::Sandbox
