#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace Fluxdeck::Net {

// A bearer token for Resource Manager and when it stops being accepted. Never logged.
struct AccessToken
{
    QByteArray token;
    QDateTime expiresOn;   // UTC
};

// The access token a credential holds in memory, and the refresh token it may have been given.
// A token counts as fresh until shortly before it expires (five minutes, or half its lifetime
// when it lives less than ten), so a request never starts with a token about to lapse. The
// refresh token is reachable only through refreshToken(): the keychain code stores it elsewhere.
class TokenCache final
{
public:
    explicit TokenCache(std::chrono::seconds refreshMargin = std::chrono::minutes(5));

    std::optional<AccessToken> freshToken(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    void store(const AccessToken &token, const QDateTime &now = QDateTime::currentDateTimeUtc());
    // After a 401: the access token goes, the refresh token stays.
    void dropAccessToken();
    // Sign-out: everything goes.
    void clear();

    QString refreshToken() const { return m_refreshToken; }
    void setRefreshToken(const QString &token) { m_refreshToken = token; }

private:
    std::chrono::seconds m_margin;
    std::optional<AccessToken> m_token;
    QDateTime m_refreshOn;
    QString m_refreshToken;
};

} // namespace Fluxdeck::Net
