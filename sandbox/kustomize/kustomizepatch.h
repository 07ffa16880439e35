#pragma once

#include "error.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

// The two patch kinds kustomize applies to a Kubernetes object.
namespace Fluxdeck::Sandbox {

// A strategic-merge patch, merged as kustomize's kyaml merge does:
// - maps merge key by key; a null value deletes the key;
// - lists whose Kubernetes schema names a patch merge key merge element by element on that
//   key (containers, initContainers, volumes, env, imagePullSecrets by name; container ports
//   by containerPort, Service ports by port; volumeMounts by mountPath, ...), merged elements
//   keep their place and new ones are appended; metadata.finalizers is a set;
// - every other list is replaced, as for custom resources, for which kustomize has no schema;
// - directives: `$patch: delete` (on the object: remove it; on a list element: remove the
//   element), `$patch: replace`, `$retainKeys`, `$deleteFromPrimitiveList/<field>`;
//   `$setElementOrder/<field>` is accepted and ignored.
// Returns nullopt when the patch deletes the whole object.
Domain::Result<std::optional<QJsonObject>> strategicMerge(const QJsonObject &target, const QJsonObject &patch);

// An RFC 6902 JSON patch: add, remove, replace, move, copy and test.
Domain::Result<QJsonObject> applyJson6902(const QJsonObject &target, const QJsonArray &operations);

} // namespace Fluxdeck::Sandbox
