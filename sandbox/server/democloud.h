#pragma once

#include <QString>

namespace Fluxdeck::Sandbox {

class ResourceStore;

// The default demo cloud: two subscriptions, a few resource groups, AKS and Arc clusters chosen
// so that every preflight check has a failing case to find (a service-principal AKS cluster, an
// ARM64 Arc cluster, an extension far behind, a subscription without the provider registered).
void seedDemoCloud(ResourceStore &store, const QString &tenantId);

// `count` more clusters across both subscriptions, deterministic for a seed, with extensions and
// fluxConfigurations in mixed states: what fleet views and scale tests need.
void seedFleet(ResourceStore &store, const QString &tenantId, int count, quint32 seed);

// Sandbox-only facts about a cluster that ARM does not show (nodes, architecture), kept under
// "__cluster" in the stored resource and stripped before any response.
struct ClusterFacts
{
    int nodes = 3;
    QString architecture = QStringLiteral("amd64");
    QString kubernetesVersion = QStringLiteral("1.32.6");
};

} // namespace Fluxdeck::Sandbox
