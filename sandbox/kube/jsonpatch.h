#pragma once

#include "error.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Fluxdeck::Sandbox {

// JSON merge patch (RFC 7386): objects merge, null removes, anything else replaces. The sandbox
// also takes strategic merge patches this way (lists are replaced, not merged by key).
QJsonObject mergePatch(QJsonObject target, const QJsonObject &patch);

// JSON patch (RFC 6902): add, remove, replace, test, copy and move, applied in order; a failing
// operation fails the whole patch and leaves nothing applied.
Domain::Result<QJsonObject> jsonPatch(const QJsonObject &target, const QJsonArray &operations);

} // namespace Fluxdeck::Sandbox
