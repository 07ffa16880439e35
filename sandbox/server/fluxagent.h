#pragma once

#include <QString>

namespace Fluxdeck::Sandbox {

class KubeObjectStore;
class ResourceStore;

// What microsoft.flux's fluxconfig-agent does between Azure and a cluster: it brings each
// fluxConfiguration resource into the cluster as a FluxConfig object (in the configuration's
// namespace, created when missing), removes it when the resource is deleted, and sends what
// the cluster reports back into the resource (complianceState, statuses, sourceSyncedCommitId,
// sourceUpdatedAt, statusUpdatedAt, errorMessage).

// Brings the cluster in line with the resource: creates or updates the FluxConfig, or deletes
// it when the resource is gone. Nothing happens without the microsoft.flux extension.
void syncFluxConfiguration(const ResourceStore &arm, KubeObjectStore &kube, const QString &configurationId);

// Every fluxConfiguration of the cluster, as above. Returns whether the cluster has any.
bool syncFluxConfigurations(const ResourceStore &arm, KubeObjectStore &kube, const QString &clusterId);

// Copies the FluxConfig's status into its resource. Returns whether the resource changed.
bool reportFluxConfiguration(ResourceStore &arm, KubeObjectStore &kube, const QString &clusterId,
                             const QString &namespaceName, const QString &name);

} // namespace Fluxdeck::Sandbox
