#pragma once

#include "clustershape.h"
#include "error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Fluxdeck::Sandbox {

// The Kubernetes objects microsoft.flux leaves in flux-system once its rollout has settled, as
// the cluster's API would list them: the Namespace, a ServiceAccount, Deployment, ReplicaSet and
// one Running Pod for fluxconfig-agent, fluxconfig-controller and each enabled Flux controller,
// and the source-controller, notification-controller and webhook-receiver Services.
// Settings are validated first (validateFluxSettings); `version` empty means the latest.
// What the API server assigns (uid, resourceVersion, creationTimestamp, timestamps in status)
// is left out: the sandbox's object store adds it.
Domain::Result<QJsonArray> fluxSystemObjects(const QJsonObject &settings, const QJsonObject &protectedSettings,
                                             const QString &version, const ClusterShape &cluster);

} // namespace Fluxdeck::Sandbox
