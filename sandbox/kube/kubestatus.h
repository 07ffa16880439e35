#pragma once

#include "error.h"

#include <QJsonObject>
#include <QString>

namespace Fluxdeck::Sandbox {

// Kubernetes failures travel as Domain::Error values whose detail is the Status reason
// ("NotFound", "AlreadyExists", "Conflict", "Invalid", "BadRequest", "Expired", "Gone",
// "Forbidden", "MethodNotAllowed", "Unauthorized"); the API turns them into Status objects.
// Messages are English, worded as Kubernetes words them: API text for clients, not UI (no tr()).
std::unexpected<Domain::Error> kubeFailure(const QString &reason, const QString &message);
int kubeStatusCode(const QString &reason);

// metav1.Status: {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",...}.
QJsonObject kubeStatus(int code, const QString &reason, const QString &message, const QJsonObject &details = {});
QJsonObject kubeStatus(const Domain::Error &error, const QJsonObject &details = {});

} // namespace Fluxdeck::Sandbox
