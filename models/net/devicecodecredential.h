#pragma once

#include "clouds.h"
#include "tokencredential.h"

#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Fluxdeck::Net {

class EntraClient;

// Device code sign-in (OAuth 2.0 device authorization grant, as `az login --use-device-code`):
// asks Entra for a code, shows it through userCodeReceived(), and polls the token endpoint at
// the interval Entra asks for until the person has signed in elsewhere, declined, or the code
// expired. Afterwards tokens are renewed with the refresh token, which leaves this object only
// through refreshToken() (the keychain code stores it) and comes back through setRefreshToken().
class DeviceCodeCredential final : public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceCodeCredential)

public:
    DeviceCodeCredential(QNetworkAccessManager *network, const AzureCloudEndpoints &cloud, QObject *parent = nullptr);
    ~DeviceCodeCredential() override;

    // The tenant to sign in to; the cloud's default ("organizations") unless set.
    void setTenant(const QString &tenant) { m_tenant = tenant; }
    QString displayName() const override;

    QString refreshToken() const;
    void setRefreshToken(const QString &token);
    void signOut() override;

    // After the token endpoint answered `oauthError` to a poll: when to poll again, or nothing
    // when polling must stop (RFC 8628: slow_down adds five seconds to the interval).
    static std::optional<std::chrono::seconds> nextPollInterval(QStringView oauthError, std::chrono::seconds interval);

Q_SIGNALS:
    // Show these to the person: open verificationUri, enter userCode. `message` is Entra's own sentence.
    void userCodeReceived(const QString &userCode, const QUrl &verificationUri, const QString &message,
                          const QDateTime &expiresOn);
    void refreshTokenChanged();

protected:
    void acquire(Freshness freshness) override;
    void abort() override;

private:
    void redeemRefreshToken();
    void startDeviceFlow();
    void poll();
    void fail(const Domain::Error &error);

    AzureCloudEndpoints m_cloud;
    QString m_tenant;
    std::optional<Domain::Error> m_configurationError;
    std::unique_ptr<EntraClient> m_entra;
    QTimer m_pollTimer;
    QString m_deviceCode;
    std::chrono::seconds m_interval{5};
    QDateTime m_codeExpiresOn;
};

} // namespace Fluxdeck::Net
