#include "entraclient.h"

#include "clientidentity.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

namespace {

bool isTlsFailure(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::SslHandshakeFailedError;
}

// Entra's descriptions carry trace and correlation ids on later lines: a person needs the first.
QString firstLine(const QString &text)
{
    return text.section(u'\n', 0, 0).trimmed();
}

} // namespace

QString EntraClient::Reply::oauthError() const
{
    return json.value(u"error").toString();
}

EntraClient::EntraClient(QNetworkAccessManager *network, const QSslConfiguration &ssl)
    : m_rest(network)
{
    m_factory.setSslConfiguration(ssl);
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::UserAgent, userAgent());
    headers.append(QHttpHeaders::WellKnownHeader::Accept, "application/json");
    m_factory.setCommonHeaders(headers);
}

void EntraClient::post(const QUrl &url, const QUrlQuery &form, const QObject *context,
                       std::function<void(const Reply &)> done)
{
    QNetworkRequest request = m_factory.createRequest();
    request.setUrl(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    request.setRawHeader("x-ms-client-request-id", newClientRequestId());
    // QUrlQuery leaves '+' alone, which a form body reads as a space: encode it.
    QByteArray body = form.toString(QUrl::FullyEncoded).toUtf8();
    body.replace("+", "%2B");
    QNetworkReply *reply = m_rest.post(request, body);
    m_pending.watch(reply, context, [this, url, reply, done = std::move(done)] {
        Reply answer;
        answer.url = url;
        answer.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.networkError = reply->error();
        answer.networkErrorString = reply->errorString();
        answer.json = QJsonDocument::fromJson(reply->readAll()).object();
        m_pending.reset();
        done(answer);
    });
}

void EntraClient::abort()
{
    m_pending.reset();
}

Domain::Result<EntraClient::Token> EntraClient::token(const Reply &reply, const QString &who)
{
    const QString accessToken = reply.json.value(u"access_token").toString();
    if (reply.httpStatus != 200 || accessToken.isEmpty())
        return std::unexpected(failure(reply, who));
    Token token;
    token.accessToken.token = accessToken.toUtf8();
    // expires_in is a number in v2.0 answers, a string in some older ones.
    const qint64 lifetime = reply.json.value(u"expires_in").toVariant().toLongLong();
    token.accessToken.expiresOn = QDateTime::currentDateTimeUtc().addSecs(lifetime);
    token.refreshToken = reply.json.value(u"refresh_token").toString();
    return token;
}

Domain::Error EntraClient::failure(const Reply &reply, const QString &who)
{
    const QString host = reply.url.host();
    if (reply.httpStatus == 0 && isTlsFailure(reply.networkError))
        return {tr("The certificate of %1 could not be verified, so Fluxdeck did not send the sign-in there. Check "
                   "that the system clock is right and that the cloud's CA certificate is trusted.")
                    .arg(host),
                reply.networkErrorString};
    if (reply.httpStatus == 0)
        return {tr("Microsoft Entra ID at %1 could not be reached. Check the network connection and proxy, then try "
                   "again.")
                    .arg(host),
                reply.networkErrorString};

    const QString error = reply.oauthError();
    const QString description = firstLine(reply.json.value(u"error_description").toString());
    const QString detail = error.isEmpty() ? u"HTTP %1"_s.arg(reply.httpStatus)
                                           : u"HTTP %1, %2: %3"_s.arg(reply.httpStatus).arg(error, description);
    if (error == u"invalid_client")
        return {tr("Microsoft Entra ID refused the client secret of %1. Use the secret's value (not its ID) and check "
                   "that it has not expired.")
                    .arg(who),
                detail};
    if (error == u"unauthorized_client")
        return {tr("Microsoft Entra ID does not know %1 in this tenant. Check the tenant and client ids.").arg(who),
                detail};
    if (error == u"invalid_tenant" || description.startsWith(u"AADSTS90002"))
        return {tr("Microsoft Entra ID does not know the tenant. Check the tenant id."), detail};
    if (error == u"invalid_grant")
        return {tr("The saved sign-in of %1 is no longer valid. Sign in again.").arg(who), detail};
    if (error.isEmpty())
        return {tr("Microsoft Entra ID at %1 answered with an error (HTTP %2). Try again later.")
                    .arg(host).arg(reply.httpStatus),
                detail};
    return {tr("Microsoft Entra ID refused the sign-in of %1: %2")
                .arg(who, description.isEmpty() ? error : description),
            detail};
}

void EntraClient::redeemRefreshToken(const AzureCloudEndpoints &cloud, const QString &tenant, const QString &refreshToken,
                                     const QString &who, const QObject *context,
                                     std::function<void(const Domain::Result<Token> &, bool)> done)
{
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"refresh_token"_s);
    form.addQueryItem(u"client_id"_s, cloud.publicClientId);
    form.addQueryItem(u"refresh_token"_s, refreshToken);
    form.addQueryItem(u"scope"_s, cloud.armScope() + u" offline_access"_s);
    post(cloud.tokenEndpoint(tenant), form, context, [who, done = std::move(done)](const Reply &reply) {
        const bool rejected = reply.oauthError() == u"invalid_grant" || reply.oauthError() == u"interaction_required";
        done(token(reply, who), rejected);
    });
}

} // namespace Fluxdeck::Net
