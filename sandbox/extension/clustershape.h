#pragma once

#include <QString>

namespace Fluxdeck::Sandbox {

// What about a cluster changes how microsoft.flux installs: the nodes' CPU architecture and
// whether AKS manages it (some settings reached Arc-enabled clusters later than AKS).
struct ClusterShape
{
    QString architecture = QStringLiteral("amd64"); // "amd64" or "arm64", as kubernetes.io/arch says
    bool aks = true;                                 // false for an Arc-enabled (connected) cluster
};

} // namespace Fluxdeck::Sandbox
