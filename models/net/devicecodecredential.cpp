#include "devicecodecredential.h"

#include "entraclient.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

namespace {

const QString DeviceCodeGrant = u"urn:ietf:params:oauth:grant-type:device_code"_s;

} // namespace

DeviceCodeCredential::DeviceCodeCredential(QNetworkAccessManager *network, const AzureCloudEndpoints &cloud,
                                           QObject *parent)
    : TokenCredential(parent)
    , m_cloud(cloud)
    , m_tenant(cloud.defaultTenant)
{
    const auto ssl = cloud.sslConfiguration();
    if (!ssl)
        m_configurationError = ssl.error();
    m_entra = std::make_unique<EntraClient>(network, ssl.value_or(QSslConfiguration::defaultConfiguration()));
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &DeviceCodeCredential::poll);
}

DeviceCodeCredential::~DeviceCodeCredential() = default;

QString DeviceCodeCredential::displayName() const
{
    return tr("device code sign-in");
}

QString DeviceCodeCredential::refreshToken() const
{
    return cache().refreshToken();
}

void DeviceCodeCredential::setRefreshToken(const QString &token)
{
    if (cache().refreshToken() == token)
        return;
    cache().setRefreshToken(token);
    Q_EMIT refreshTokenChanged();
}

void DeviceCodeCredential::signOut()
{
    const bool had = !cache().refreshToken().isEmpty();
    TokenCredential::signOut();
    if (had)
        Q_EMIT refreshTokenChanged();
}

std::optional<std::chrono::seconds> DeviceCodeCredential::nextPollInterval(QStringView oauthError,
                                                                            std::chrono::seconds interval)
{
    if (oauthError == u"authorization_pending")
        return interval;
    if (oauthError == u"slow_down")
        return interval + std::chrono::seconds(5);
    return std::nullopt;
}

void DeviceCodeCredential::acquire(Freshness)
{
    if (m_configurationError) {
        complete(std::unexpected(*m_configurationError));
        return;
    }
    if (!cache().refreshToken().isEmpty())
        redeemRefreshToken();
    else
        startDeviceFlow();
}

void DeviceCodeCredential::redeemRefreshToken()
{
    m_entra->redeemRefreshToken(m_cloud, m_tenant, cache().refreshToken(), displayName(), this,
                                [this](const Domain::Result<EntraClient::Token> &token, bool rejected) {
        if (rejected) {
            // A refresh token that Entra no longer takes means signing in again, with a new code.
            setRefreshToken({});
            startDeviceFlow();
            return;
        }
        if (!token) {
            complete(std::unexpected(token.error()));
            return;
        }
        if (!token->refreshToken.isEmpty())
            setRefreshToken(token->refreshToken);   // Entra rotates them
        complete(token->accessToken);
    });
}

void DeviceCodeCredential::startDeviceFlow()
{
    QUrlQuery form;
    form.addQueryItem(u"client_id"_s, m_cloud.publicClientId);
    form.addQueryItem(u"scope"_s, m_cloud.armScope() + u" offline_access"_s);
    m_entra->post(m_cloud.deviceCodeEndpoint(m_tenant), form, this, [this](const EntraClient::Reply &reply) {
        const QString userCode = reply.json.value(u"user_code").toString();
        m_deviceCode = reply.json.value(u"device_code").toString();
        if (reply.httpStatus != 200 || userCode.isEmpty() || m_deviceCode.isEmpty()) {
            fail(EntraClient::failure(reply, displayName()));
            return;
        }
        const qint64 interval = reply.json.value(u"interval").toVariant().toLongLong();
        m_interval = std::chrono::seconds(interval > 0 ? interval : 5);
        const qint64 lifetime = reply.json.value(u"expires_in").toVariant().toLongLong();
        m_codeExpiresOn = QDateTime::currentDateTimeUtc().addSecs(lifetime > 0 ? lifetime : 900);
        const QUrl verification(reply.json.value(u"verification_uri").toString());
        const QPointer<DeviceCodeCredential> guard(this);
        Q_EMIT userCodeReceived(userCode, verification, reply.json.value(u"message").toString(), m_codeExpiresOn);
        if (guard && !m_deviceCode.isEmpty())   // a slot may have cancelled, or closed the sign-in
            m_pollTimer.start(m_interval);
    });
}

void DeviceCodeCredential::poll()
{
    if (QDateTime::currentDateTimeUtc() >= m_codeExpiresOn) {
        fail({tr("The sign-in code expired before it was used. Start signing in again."), {}});
        return;
    }
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, DeviceCodeGrant);
    form.addQueryItem(u"client_id"_s, m_cloud.publicClientId);
    form.addQueryItem(u"device_code"_s, m_deviceCode);
    m_entra->post(m_cloud.tokenEndpoint(m_tenant), form, this, [this](const EntraClient::Reply &reply) {
        if (reply.httpStatus == 200) {
            const auto token = EntraClient::token(reply, displayName());
            if (!token) {
                fail(token.error());
                return;
            }
            m_deviceCode.clear();
            setRefreshToken(token->refreshToken);
            complete(token->accessToken);
            return;
        }
        // A dropped connection while the person signs in is no reason to give up; the code's
        // expiry still bounds the wait. An unverifiable certificate is.
        if (reply.httpStatus == 0 && reply.networkError != QNetworkReply::SslHandshakeFailedError) {
            m_pollTimer.start(m_interval);
            return;
        }
        const QString error = reply.oauthError();
        if (const auto next = nextPollInterval(error, m_interval)) {
            m_interval = *next;
            m_pollTimer.start(m_interval);
            return;
        }
        if (error == u"expired_token" || error == u"code_expired")
            fail({tr("The sign-in code expired before it was used. Start signing in again."), error});
        else if (error == u"access_denied" || error == u"authorization_declined")
            fail({tr("Signing in was declined in the browser. Start again to sign in with another account."), error});
        else
            fail(EntraClient::failure(reply, displayName()));
    });
}

void DeviceCodeCredential::fail(const Domain::Error &error)
{
    m_pollTimer.stop();
    m_deviceCode.clear();
    complete(std::unexpected(error));
}

void DeviceCodeCredential::abort()
{
    m_pollTimer.stop();
    m_deviceCode.clear();
    m_entra->abort();
}

} // namespace Fluxdeck::Net
