#pragma once

#include "clouds.h"
#include "error.h"
#include "pendingreply.h"
#include "tokencache.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QNetworkRequestFactory>
#include <QRestAccessManager>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <functional>

namespace Fluxdeck::Net {

// Posts OAuth 2.0 forms to Microsoft Entra ID's v2.0 endpoints (token, devicecode) and reads
// the answer or Entra's error. One form at a time. Used by the credentials only.
class EntraClient final
{
    Q_DECLARE_TR_FUNCTIONS(Fluxdeck::Net::EntraClient)
    Q_DISABLE_COPY_MOVE(EntraClient)

public:
    struct Reply
    {
        QUrl url;
        int httpStatus = 0;
        QJsonObject json;
        QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
        QString networkErrorString;

        QString oauthError() const;   // "authorization_pending", "invalid_client", ...
    };

    struct Token
    {
        AccessToken accessToken;
        QString refreshToken;   // empty unless Entra gave one
    };

    EntraClient(QNetworkAccessManager *network, const QSslConfiguration &ssl);

    void post(const QUrl &url, const QUrlQuery &form, const QObject *context, std::function<void(const Reply &)> done);
    void abort();

    // Exchanges a public client's refresh token for a Resource Manager token (offline_access, so
    // Entra rotates the refresh token). `rejected` is true when Entra no longer takes the refresh
    // token (invalid_grant, interaction_required): the person has to sign in again.
    void redeemRefreshToken(const AzureCloudEndpoints &cloud, const QString &tenant, const QString &refreshToken,
                            const QString &who, const QObject *context,
                            std::function<void(const Domain::Result<Token> &token, bool rejected)> done);

    // A token answer, or what went wrong in a person's words; `who` names the signing-in
    // identity ("the service principal 1234…").
    static Domain::Result<Token> token(const Reply &reply, const QString &who);
    static Domain::Error failure(const Reply &reply, const QString &who);

private:
    QRestAccessManager m_rest;
    QNetworkRequestFactory m_factory;
    PendingReply m_pending;
};

} // namespace Fluxdeck::Net
