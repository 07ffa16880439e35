#pragma once

#include "clouds.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace Fluxdeck::Net {
class ArmClient;
class TokenCredential;
}

namespace Fluxdeck::Items {

class SecretStore;

struct AzureSubscription
{
    QString id;            // the GUID
    QString displayName;
    QString state;         // "Enabled", "Disabled", …
    QString tenantId;
};

// Being signed in to one Azure cloud: the credential chosen in Settings (or found automatically,
// as the Azure SDKs' DefaultAzureCredential does), a Resource Manager client that uses it, and
// the subscriptions it can see. Access tokens stay in memory; a device code sign-in's refresh
// token is kept in the OS keychain (SecretStore) so the next start signs in silently, and
// signing out removes it. Nothing here blocks: every step reports through signals.
class AzureSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AzureSession)

public:
    enum class Method {
        Automatic,     // the sandbox's own service principal; else environment, Azure CLI, then device code
        Environment,   // AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET
        AzureCli,      // az account get-access-token
        DeviceCode,    // a code to enter at the cloud's sign-in page
        Browser,       // the cloud's sign-in page in the system browser (authorization code with PKCE)
    };
    Q_ENUM(Method)
    enum class State { SignedOut, SigningIn, SignedIn, Failed };
    Q_ENUM(State)

    AzureSession(QNetworkAccessManager *network, SecretStore *secrets, QObject *parent = nullptr);
    ~AzureSession() override;

    // Changing the cloud or the method signs out first.
    void setCloud(const Net::AzureCloudEndpoints &cloud);
    const Net::AzureCloudEndpoints &cloud() const;
    void setMethod(Method method);
    Method method() const;
    // Where environment variables and PATH come from (the process's by default).
    void setProcessEnvironment(const QProcessEnvironment &environment);
    // How to show a page in the system browser; without one, browser sign-in is not offered.
    void setBrowserOpener(std::function<void(const QUrl &)> opener);

    enum class Interaction {
        Allowed,   // the user asked: a device code may be shown
        Silent,    // at start: only what needs nobody (environment, Azure CLI, a remembered sign-in)
    };
    // Starts signing in; does nothing while signing in or signed in. A silent sign-in that finds
    // nothing to sign in with stays signed out instead of failing.
    void signIn(Interaction interaction = Interaction::Allowed);
    // Stops signing in (a device code that nobody entered, an az that does not answer).
    void cancel();
    // Forgets tokens, the keychain's refresh token and the subscriptions.
    void signOut();

    State state() const;
    // After Failed: what went wrong and what to do, in the user's words. Else empty.
    QString errorMessage() const;
    // How the session signed in ("Azure CLI", "Device code"…); empty before.
    QString methodName() const;
    // Resource Manager for this cloud with this sign-in; null while signed out.
    Net::ArmClient *arm() const;
    const QList<AzureSubscription> &subscriptions() const;

    static QString methodText(Method method);

Q_SIGNALS:
    void stateChanged(Fluxdeck::Items::AzureSession::State state);
    // Device code sign-in: show this to the user until signed in or cancelled.
    void deviceCodeReceived(const QString &userCode, const QUrl &verificationUri, const QString &message,
                            const QDateTime &expiresAt);
    // Browser sign-in: the page the browser was asked to open (for users whose browser did not).
    void browserSignInStarted(const QUrl &url);
    void subscriptionsChanged();

private:
    void tryNext();
    void loadSubscriptions();
    void fail(const QString &message);
    void setState(State state);
    QString secretKey() const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Fluxdeck::Items
