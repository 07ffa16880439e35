#pragma once

#include "httpresponse.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <chrono>
#include <optional>

namespace Fluxdeck::Sandbox {

// Microsoft Entra ID, as far as sign-in needs it: OpenID discovery, the v2.0 token endpoint
// (client_credentials, device_code, authorization_code, refresh_token), device-code issuance and
// the authorize endpoint of the authorization code flow with PKCE. Tokens are opaque, random and
// expire; the sandbox approves a device code by itself after a delay, or at once through the
// control endpoint, and signs a browser in at once (it has nobody to ask).
class IdentityService final
{
public:
    struct Token
    {
        QString subject;     // client id or signed-in user
        QString scope;
        QDateTime expires;
    };

    IdentityService(QString tenantId, QString clientId, QString clientSecret);

    void setTokenLifetime(std::chrono::seconds lifetime) { m_tokenLifetime = lifetime; }
    void setDeviceApprovalDelay(std::chrono::milliseconds delay) { m_deviceApprovalDelay = delay; }
    void setAuthorizationCodeLifetime(std::chrono::seconds lifetime) { m_authorizationCodeLifetime = lifetime; }

    // Requests under {authority}/{tenant}/...; nullopt when the path is not Entra's.
    std::optional<HttpResponse> handle(const HttpRequest &request);

    std::optional<Token> validate(const QString &accessToken) const;
    bool approveDeviceCode(const QString &userCode);
    // Ends every access token now, as a token expiring would (for clients' refresh paths).
    void expireAllAccessTokens();

    QString tenantId() const { return m_tenantId; }
    QString clientId() const { return m_clientId; }
    static QString azureCliClientId();

private:
    struct DeviceCode
    {
        QString userCode;
        QString clientId;
        QString scope;
        QDateTime issued;
        QDateTime expires;
        bool approved = false;
    };
    struct RefreshToken
    {
        QString subject;
        QString clientId;
    };
    struct AuthorizationCode
    {
        QString clientId;
        QString redirectUri;
        QString scope;
        QString codeChallenge;   // S256
        QString subject;
        QDateTime expires;
        bool redeemed = false;
    };

    HttpResponse openidConfiguration(const HttpRequest &request, const QString &tenant) const;
    HttpResponse token(const HttpRequest &request);
    HttpResponse deviceCode(const HttpRequest &request);
    HttpResponse authorize(const HttpRequest &request, const QString &tenant);
    HttpResponse redeemAuthorizationCode(const QUrlQuery &form);
    HttpResponse issue(const QString &subject, const QString &scope, const QString &clientId, bool withRefresh);
    bool knownTenant(const QString &tenant) const;
    bool publicClient(const QString &clientId) const;

    QString m_tenantId;
    QString m_clientId;
    QString m_clientSecret;
    std::chrono::seconds m_tokenLifetime{3600};
    std::chrono::milliseconds m_deviceApprovalDelay{3000};
    QHash<QString, Token> m_accessTokens;
    QHash<QString, RefreshToken> m_refreshTokens;
    QHash<QString, DeviceCode> m_deviceCodes;   // by device_code
    std::chrono::seconds m_authorizationCodeLifetime{600};
    QHash<QString, AuthorizationCode> m_authorizationCodes;   // by code
};

QString randomToken(int bytes = 32);

} // namespace Fluxdeck::Sandbox
