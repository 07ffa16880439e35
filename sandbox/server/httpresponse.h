#pragma once

#include <QByteArray>
#include <QHttpHeaders>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <QJsonArray>

class QHttpServerRequest;

namespace Fluxdeck::Sandbox {

// One HTTP answer, built by a service and written by the front. Services stay free of
// QtHttpServer's responder, so they can be called from tests directly.
struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QHttpHeaders headers;

    static HttpResponse json(int status, const QJsonValue &value);
    static HttpResponse empty(int status);
    static HttpResponse text(int status, const QByteArray &contentType, const QByteArray &body);

    // ARM's error shape: {"error":{"code","message","details":[...]}}.
    static HttpResponse armError(int status, const QString &code, const QString &message,
                                 const QJsonArray &details = {});
    // Entra's OAuth error shape: {"error","error_description","error_codes",...}.
    static HttpResponse oauthError(int status, const QString &error, int aadstsCode, const QString &description);

    HttpResponse &withHeader(QAnyStringView name, QAnyStringView value);
};

// The request as services see it: method, decoded path segments, query and body.
struct HttpRequest
{
    QByteArray method;          // "GET", "PUT", ...
    QString path;               // decoded, without query
    QStringList segments;       // path split on '/', empty ones dropped
    QUrlQuery query;
    QHttpHeaders headers;
    QByteArray body;
    QUrl baseUrl;               // scheme://host:port the client used, for links we hand out

    QString queryValue(const QString &key) const;   // case-insensitive key, decoded
    QByteArray header(QAnyStringView name) const;
    QString bearerToken() const;

    static HttpRequest from(const QHttpServerRequest &request, const QUrl &baseUrl);
};

} // namespace Fluxdeck::Sandbox
