#pragma once

#include <QJsonArray>
#include <QString>

// Azure RBAC as the permissions API states it, read the way Azure evaluates it: shared by
// Fluxdeck (what the caller may do) and the sandbox (what it refuses).
namespace Fluxdeck::Domain {

// An action pattern ("*/read", "Microsoft.KubernetesConfiguration/*") against an action:
// '*' stands for any run of characters; case does not matter.
bool rbacActionMatches(const QString &pattern, const QString &action);

// permissions: the permissions API's "value", one {actions, notActions} entry per role
// assignment. Allowed when some entry's actions match and that entry's notActions do not (the
// notActions of one role never deny what another grants).
bool rbacAllows(const QJsonArray &permissions, const QString &action);

} // namespace Fluxdeck::Domain
