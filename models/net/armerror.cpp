#include "armerror.h"

#include "armresourcepath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

namespace {

ArmError::Kind kindOf(int status)
{
    switch (status) {
    case 401:
        return ArmError::Kind::Auth;
    case 403:
        return ArmError::Kind::Forbidden;
    case 404:
        return ArmError::Kind::NotFound;
    case 409:
        return ArmError::Kind::Conflict;
    case 429:
        return ArmError::Kind::Throttled;
    default:
        return status >= 500 ? ArmError::Kind::Server : ArmError::Kind::Invalid;
    }
}

// "'cluster-config' (Microsoft.KubernetesConfiguration/fluxConfigurations)", or the collection.
QString describe(const QString &resource, const QByteArray &method)
{
    const ArmResourcePath path = ArmResourcePath::parse(resource, method);
    if (path.resourceType().compare(u"Microsoft.ResourceGraph/resources", Qt::CaseInsensitive) == 0)
        return ArmError::tr("the Resource Graph query");
    if (!path.name.isEmpty())
        return ArmError::tr("'%1' (%2)").arg(path.name, path.resourceType());
    if (!path.action.isEmpty() && path.types.isEmpty())
        return ArmError::tr("the resource provider %1").arg(path.providerNamespace);
    return ArmError::tr("the list of %1").arg(path.resourceType());
}

} // namespace

ArmError ArmError::fromHttp(const QByteArray &method, const QString &resource, int httpStatus, const QByteArray &body,
                            const QByteArray &requestId, const QByteArray &correlationId)
{
    ArmError error;
    error.kind = kindOf(httpStatus);
    error.httpStatus = httpStatus;
    error.method = method;
    error.resource = resource;
    error.requestId = requestId;
    error.correlationId = correlationId;

    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QJsonValue inner = json.value(u"error");
    if (inner.isObject()) {
        // Resource Manager: {"error": {"code", "message", "details": [...]}}
        const QJsonObject object = inner.toObject();
        error.code = object.value(u"code").toString();
        error.message = object.value(u"message").toString();
        for (const QJsonValue detail : object.value(u"details").toArray()) {
            const QJsonObject d = detail.toObject();
            error.details.append({d.value(u"code").toString(), d.value(u"message").toString(),
                                  d.value(u"target").toString()});
        }
    } else if (inner.isString()) {
        // Entra: {"error": "invalid_grant", "error_description": "AADSTS…"}
        error.code = inner.toString();
        error.message = json.value(u"error_description").toString().section(u'\n', 0, 0).trimmed();
    } else if (json.contains(u"code")) {
        // Some resource providers answer {"code", "message"} without the envelope.
        error.code = json.value(u"code").toString();
        error.message = json.value(u"message").toString();
    } else {
        error.message = QString::fromUtf8(body.left(300)).simplified();
    }
    return error;
}

ArmError ArmError::fromNetwork(const QByteArray &method, const QString &resource,
                               QNetworkReply::NetworkError networkError, const QString &errorString)
{
    ArmError error;
    error.kind = networkError == QNetworkReply::SslHandshakeFailedError ? Kind::Tls : Kind::Network;
    error.method = method;
    error.resource = resource;
    error.technicalDetail = errorString;
    return error;
}

ArmError ArmError::cancelled(const QByteArray &method, const QString &resource, bool whilePolling)
{
    ArmError error;
    error.kind = Kind::Cancelled;
    error.method = method;
    error.resource = resource;
    error.whilePolling = whilePolling;
    return error;
}

QString ArmError::missingPermission() const
{
    // "…does not have authorization to perform action 'Microsoft.X/y/write' over scope '…'"
    static const QRegularExpression named(u"perform action '([^']+)'"_s);
    const QRegularExpressionMatch match = named.match(message);
    if (match.hasMatch())
        return match.captured(1);
    return ArmResourcePath::parse(resource, method).permission(method);
}

QString ArmError::userMessage() const
{
    const QString where = describe(resource, method);
    switch (kind) {
    case Kind::Network:
        return tr("Fluxdeck could not reach Azure Resource Manager for %1. Check the network connection and proxy, "
                  "then try again.")
            .arg(where);
    case Kind::Tls:
        return tr("The certificate of Azure Resource Manager could not be verified, so nothing was sent for %1. Check "
                  "that the system clock is right and that the cloud's CA certificate is trusted.")
            .arg(where);
    case Kind::Auth:
        if (httpStatus == 0)   // no token could be had: the credential said why
            return message;
        return tr("Azure Resource Manager did not accept your sign-in for %1, even with a fresh token. Sign in again.")
            .arg(where);
    case Kind::Throttled:
        if (retryAfter)
            return tr("Azure Resource Manager is throttling requests for %1. Wait a moment (Azure asks for %2 s), then "
                      "try again.")
                .arg(where)
                .arg(retryAfter->count());
        return tr("Azure Resource Manager is throttling requests for %1. Wait a minute, then try again.").arg(where);
    case Kind::Conflict:
        if (code == u"MissingSubscriptionRegistration") {
            QString providerNamespace;
            for (const Detail &detail : details) {
                if (!detail.target.isEmpty())
                    providerNamespace = detail.target;
            }
            if (providerNamespace.isEmpty())
                providerNamespace = ArmResourcePath::parse(resource, method).providerNamespace;
            return tr("The subscription is not registered for the resource provider %1, which %2 needs. Register it "
                      "(az provider register --namespace %1), wait until it shows Registered, then try again.")
                .arg(providerNamespace, where);
        }
        return tr("Another operation is running on %1. Wait for it to finish, then try again.").arg(where);
    case Kind::NotFound:
        return tr("%1 was not found. It may have been deleted, or the subscription, resource group or name is wrong.")
            .arg(where);
    case Kind::Forbidden:
        return tr("You are not allowed to do this on %1: it needs the permission %2. Ask an Owner or User Access "
                  "Administrator of the subscription for a role that includes it, then sign in again.")
            .arg(where, missingPermission());
    case Kind::Invalid:
        if (httpStatus == 0)   // Fluxdeck refused to send it: the message says why
            return message;
        return tr("Azure Resource Manager refused the request for %1: %2 Correct it and try again.")
            .arg(where, message.isEmpty() ? code : message);
    case Kind::Server:
        if (whilePolling && httpStatus < 500)
            return tr("Azure reported that the operation on %1 failed: %2")
                .arg(where, message.isEmpty() ? code : message);
        return tr("Azure Resource Manager had an internal error for %1 (HTTP %2). Try again later; if it persists, "
                  "give Azure support the request id.")
            .arg(where)
            .arg(httpStatus);
    case Kind::Cancelled:
        if (whilePolling)
            return tr("Fluxdeck stopped waiting for %1. The operation may still complete in Azure; refresh to see its "
                      "state.")
                .arg(where);
        return tr("The request for %1 was cancelled.").arg(where);
    case Kind::Truncated:
        return tr("The answer from Azure Resource Manager for %1 was cut off. Try again; if it keeps happening, a "
                  "proxy or an unstable connection may be interrupting it.")
            .arg(where);
    }
    return message;
}

Domain::Error ArmError::toError() const
{
    QStringList parts;
    if (httpStatus > 0)
        parts.append(u"HTTP %1"_s.arg(httpStatus));
    if (!code.isEmpty())
        parts.append(code);
    if (!message.isEmpty() && !(kind == Kind::Auth && httpStatus == 0))
        parts.append(message);
    if (!technicalDetail.isEmpty())
        parts.append(technicalDetail);
    parts.append(QString::fromLatin1(method) + u' ' + resource);
    if (attempts > 1)
        parts.append(u"%1 attempts"_s.arg(attempts));
    if (!requestId.isEmpty())
        parts.append(u"x-ms-request-id "_s + QString::fromLatin1(requestId));
    if (!correlationId.isEmpty())
        parts.append(u"x-ms-correlation-request-id "_s + QString::fromLatin1(correlationId));
    if (!clientRequestId.isEmpty())
        parts.append(u"x-ms-client-request-id "_s + QString::fromLatin1(clientRequestId));
    return {userMessage(), parts.join(u"; "_s)};
}

} // namespace Fluxdeck::Net
