#include "httpresponse.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

HttpResponse HttpResponse::json(int status, const QJsonValue &value)
{
    HttpResponse response;
    response.status = status;
    response.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                    : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    response.headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json; charset=utf-8");
    return response;
}

HttpResponse HttpResponse::empty(int status)
{
    HttpResponse response;
    response.status = status;
    return response;
}

HttpResponse HttpResponse::text(int status, const QByteArray &contentType, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.headers.append(QHttpHeaders::WellKnownHeader::ContentType, contentType);
    return response;
}

HttpResponse HttpResponse::armError(int status, const QString &code, const QString &message, const QJsonArray &details)
{
    QJsonObject error{{u"code"_s, code}, {u"message"_s, message}};
    if (!details.isEmpty())
        error.insert(u"details"_s, details);
    return json(status, QJsonObject{{u"error"_s, error}});
}

HttpResponse HttpResponse::oauthError(int status, const QString &error, int aadstsCode, const QString &description)
{
    const QString text = u"AADSTS%1: %2"_s.arg(aadstsCode).arg(description);
    return json(status, QJsonObject{
                            {u"error"_s, error},
                            {u"error_description"_s, text},
                            {u"error_codes"_s, QJsonArray{aadstsCode}},
                            {u"timestamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                        });
}

HttpResponse &HttpResponse::withHeader(QAnyStringView name, QAnyStringView value)
{
    headers.replaceOrAppend(name, value);
    return *this;
}

QString HttpRequest::queryValue(const QString &key) const
{
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray HttpRequest::header(QAnyStringView name) const
{
    return headers.value(name).toByteArray();
}

QString HttpRequest::bearerToken() const
{
    const QByteArray authorization = header("authorization");
    if (!authorization.startsWith("Bearer ") && !authorization.startsWith("bearer "))
        return {};
    return QString::fromLatin1(authorization.mid(7).trimmed());
}

HttpRequest HttpRequest::from(const QHttpServerRequest &request, const QUrl &baseUrl)
{
    HttpRequest result;
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        result.method = "GET";
        break;
    case QHttpServerRequest::Method::Put:
        result.method = "PUT";
        break;
    case QHttpServerRequest::Method::Post:
        result.method = "POST";
        break;
    case QHttpServerRequest::Method::Patch:
        result.method = "PATCH";
        break;
    case QHttpServerRequest::Method::Delete:
        result.method = "DELETE";
        break;
    case QHttpServerRequest::Method::Head:
        result.method = "HEAD";
        break;
    case QHttpServerRequest::Method::Options:
        result.method = "OPTIONS";
        break;
    default:
        result.method = "OTHER";
        break;
    }
    result.path = request.url().path(QUrl::FullyDecoded);
    const QStringList parts = result.path.split(u'/', Qt::SkipEmptyParts);
    result.segments = parts;
    result.query = request.query();
    result.headers = request.headers();
    result.body = request.body();
    result.baseUrl = baseUrl;
    return result;
}

} // namespace Fluxdeck::Sandbox
