#include "kubestatus.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

std::unexpected<Domain::Error> kubeFailure(const QString &reason, const QString &message)
{
    return std::unexpected(Domain::Error{message, reason});
}

int kubeStatusCode(const QString &reason)
{
    static const QHash<QString, int> codes{
        {u"BadRequest"_s, 400}, {u"Unauthorized"_s, 401},    {u"Forbidden"_s, 403},     {u"NotFound"_s, 404},
        {u"MethodNotAllowed"_s, 405}, {u"NotAcceptable"_s, 406}, {u"AlreadyExists"_s, 409}, {u"Conflict"_s, 409},
        {u"Gone"_s, 410},       {u"Expired"_s, 410},         {u"UnsupportedMediaType"_s, 415},
        {u"Invalid"_s, 422},    {u"TooManyRequests"_s, 429}, {u"Timeout"_s, 504},
    };
    return codes.value(reason, 500);
}

QJsonObject kubeStatus(int code, const QString &reason, const QString &message, const QJsonObject &details)
{
    QJsonObject status{
        {u"kind"_s, u"Status"_s},
        {u"apiVersion"_s, u"v1"_s},
        {u"metadata"_s, QJsonObject{}},
        {u"status"_s, u"Failure"_s},
        {u"message"_s, message},
        {u"reason"_s, reason},
        {u"code"_s, code},
    };
    if (!details.isEmpty())
        status.insert(u"details"_s, details);
    return status;
}

QJsonObject kubeStatus(const Domain::Error &error, const QJsonObject &details)
{
    const QString reason = error.detail.isEmpty() ? u"InternalError"_s : error.detail;
    return kubeStatus(kubeStatusCode(reason), reason, error.message, details);
}

} // namespace Fluxdeck::Sandbox
