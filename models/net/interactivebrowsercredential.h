#pragma once

#include "clouds.h"
#include "tokencredential.h"

#include <QTimer>
#include <QUrl>
#include <QVariantMap>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QOAuthHttpServerReplyHandler;

namespace Fluxdeck::Net {

class EntraClient;

// Interactive browser sign-in (OAuth 2.0 authorization code flow with PKCE, RFC 7636, for a
// native app as RFC 8252 describes it, like `az login`): listens on a loopback port, has the
// browser open Entra's authorize page, and redeems the code the browser brings back together with
// the PKCE verifier. Afterwards tokens are renewed with the refresh token, which leaves this object
// only through refreshToken() (the keychain code stores it) and comes back through setRefreshToken().
//
// The net layer does not open browsers (that is Qt Gui): the app passes QDesktopServices::openUrl
// to setBrowserOpener(), and authorizationUrlReady() tells anyone who wants to show the address.
class InteractiveBrowserCredential final : public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InteractiveBrowserCredential)

public:
    using BrowserOpener = std::function<void(const QUrl &)>;

    InteractiveBrowserCredential(QNetworkAccessManager *network, const AzureCloudEndpoints &cloud,
                                 QObject *parent = nullptr);
    ~InteractiveBrowserCredential() override;

    // The tenant to sign in to; the cloud's default ("organizations") unless set.
    void setTenant(const QString &tenant) { m_tenant = tenant; }
    // The account to suggest on Entra's page (login_hint), e.g. the one signed in last time.
    void setLoginHint(const QString &account) { m_loginHint = account; }
    // Called with Entra's authorize address when the browser should open it.
    void setBrowserOpener(BrowserOpener opener) { m_openBrowser = std::move(opener); }
    // How long to wait for the browser to come back before giving up; five minutes unless set.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout.setInterval(timeout); }
    QString displayName() const override;

    QString refreshToken() const;
    void setRefreshToken(const QString &token);
    void signOut() override;

    // Where the browser comes back to (http://localhost:<port>/) while a sign-in waits for it;
    // empty otherwise.
    QUrl redirectUri() const;

Q_SIGNALS:
    // The browser is being sent to `url` (also when no opener is set): show it, for a person
    // whose browser did not open.
    void authorizationUrlReady(const QUrl &url);
    void refreshTokenChanged();

protected:
    void acquire(Freshness freshness) override;
    void abort() override;

private:
    void redeemRefreshToken();
    void startBrowserFlow();
    void callbackReceived(const QVariantMap &parameters);
    void redeemCode(const QString &code);
    void stopListening();
    void forget();
    void fail(const Domain::Error &error);

    AzureCloudEndpoints m_cloud;
    QString m_tenant;
    QString m_loginHint;
    BrowserOpener m_openBrowser;
    std::optional<Domain::Error> m_configurationError;
    std::unique_ptr<EntraClient> m_entra;
    std::unique_ptr<QOAuthHttpServerReplyHandler> m_listener;
    QTimer m_timeout;
    // One sign-in's secrets, cleared as soon as it ends.
    QString m_state;
    QString m_codeVerifier;
    QUrl m_redirectUri;
};

} // namespace Fluxdeck::Net
