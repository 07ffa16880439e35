#pragma once

namespace Fluxdeck::Sandbox {

class KubeObjectStore;
class ResourceStore;

// Registers every AKS managed cluster and Arc connected cluster Resource Manager holds (with
// its "__cluster" facts) in the Kubernetes store; clusters already known are left alone.
// Returns how many were new.
int registerArmClusters(const ResourceStore &arm, KubeObjectStore &kube);

} // namespace Fluxdeck::Sandbox
