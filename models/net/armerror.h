#pragma once

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QNetworkReply>
#include <QString>

#include <chrono>
#include <optional>

namespace Fluxdeck::Net {

// A failed Resource Manager call, with everything Azure said and everything support asks for,
// and userMessage(): what happened, where, and what to do about it, in a person's words.
struct ArmError
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(Fluxdeck::Net::ArmError)

public:
    enum class Kind {
        Network,     // no answer: DNS, refused, reset, timed out
        Tls,         // the server's certificate could not be verified
        Auth,        // 401, or no token could be had
        Throttled,   // 429
        Conflict,    // 409: another operation runs, or the provider is not registered
        NotFound,    // 404
        Forbidden,   // 403: a missing role assignment
        Invalid,     // 400 and other refusals of the request itself
        Server,      // 5xx, or a long-running operation that failed
        Cancelled,   // stopped by the user
        Truncated,   // the answer was cut off or is not JSON
    };
    Q_ENUM(Kind)

    struct Detail
    {
        QString code;
        QString message;
        QString target;
    };

    Kind kind = Kind::Server;
    int httpStatus = 0;
    QString code;                    // ARM error.code, e.g. "AuthorizationFailed"
    QString message;                 // ARM error.message, untranslated
    QList<Detail> details;
    QByteArray requestId;            // x-ms-request-id
    QByteArray correlationId;        // x-ms-correlation-request-id
    QByteArray clientRequestId;      // x-ms-client-request-id Fluxdeck sent
    QByteArray method;               // of the call the user made, e.g. "PUT"
    QString resource;                // its path, e.g. /subscriptions/…/fluxConfigurations/cluster-config
    std::optional<std::chrono::seconds> retryAfter;
    int attempts = 1;                // requests sent, retries included
    bool whilePolling = false;       // the call was accepted; waiting for its outcome failed
    QString technicalDetail;         // QNetworkReply's text, or why no token could be had

    // From an answer with an HTTP status (ARM's {"error": {...}} body, or Entra's, or none).
    static ArmError fromHttp(const QByteArray &method, const QString &resource, int httpStatus, const QByteArray &body,
                             const QByteArray &requestId = {}, const QByteArray &correlationId = {});
    // From a request that got no complete answer.
    static ArmError fromNetwork(const QByteArray &method, const QString &resource, QNetworkReply::NetworkError error,
                                const QString &errorString);
    static ArmError cancelled(const QByteArray &method, const QString &resource, bool whilePolling);

    // The Azure RBAC action a 403 says is missing, from Azure's message when it names one,
    // else from the method and resource type.
    QString missingPermission() const;
    // What happened, where, and how to fix it; translated.
    QString userMessage() const;
    // userMessage() with the ids and codes support needs as the detail.
    Domain::Error toError() const;
};

} // namespace Fluxdeck::Net
