#include "azuresession.h"

#include "armclient.h"
#include "azureclicredential.h"
#include "clientsecretcredential.h"
#include "devicecodecredential.h"
#include "environmentcredential.h"
#include "interactivebrowsercredential.h"
#include "secretstore.h"

#include <QJsonArray>
#include <QPointer>
#include <QStandardPaths>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Items {

struct AzureSession::Private
{
    QNetworkAccessManager *network = nullptr;
    SecretStore *secrets = nullptr;
    Net::AzureCloudEndpoints cloud;
    Method method = Method::Automatic;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    std::function<void(const QUrl &)> openBrowser;

    State state = State::SignedOut;
    QString error;
    QString methodName;
    QList<std::function<std::unique_ptr<Net::TokenCredential>()>> chain;
    QStringList failures;
    std::unique_ptr<Net::TokenCredential> credential;
    std::unique_ptr<Net::TokenRequest> tokenRequest;
    std::unique_ptr<Net::ArmClient> arm;
    std::unique_ptr<Net::ArmReply> listing;
    QList<AzureSubscription> subscriptions;
    quint64 attempt = 0;   // callbacks from an abandoned sign-in are ignored
    bool interactive = true;
};

AzureSession::AzureSession(QNetworkAccessManager *network, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->network = network;
    d->secrets = secrets;
}

AzureSession::~AzureSession()
{
    // Replies and requests go before the client and credential they belong to.
    d->listing.reset();
    d->tokenRequest.reset();
    d->arm.reset();
    d->credential.reset();
}

void AzureSession::setCloud(const Net::AzureCloudEndpoints &cloud)
{
    if (d->state != State::SignedOut)
        signOut();
    d->cloud = cloud;
}

const Net::AzureCloudEndpoints &AzureSession::cloud() const
{
    return d->cloud;
}

void AzureSession::setMethod(Method method)
{
    if (method == d->method)
        return;
    if (d->state != State::SignedOut)
        signOut();
    d->method = method;
}

AzureSession::Method AzureSession::method() const
{
    return d->method;
}

void AzureSession::setProcessEnvironment(const QProcessEnvironment &environment)
{
    d->environment = environment;
}

void AzureSession::setBrowserOpener(std::function<void(const QUrl &)> opener)
{
    d->openBrowser = std::move(opener);
}

AzureSession::State AzureSession::state() const
{
    return d->state;
}

QString AzureSession::errorMessage() const
{
    return d->state == State::Failed ? d->error : QString();
}

QString AzureSession::methodName() const
{
    return d->methodName;
}

Net::ArmClient *AzureSession::arm() const
{
    return d->state == State::SignedIn ? d->arm.get() : nullptr;
}

const QList<AzureSubscription> &AzureSession::subscriptions() const
{
    return d->subscriptions;
}

QString AzureSession::methodText(Method method)
{
    switch (method) {
    case Method::Automatic:
        return tr("Automatic");
    case Method::Environment:
        return tr("Environment (service principal)");
    case Method::AzureCli:
        return tr("Azure CLI");
    case Method::DeviceCode:
        return tr("Device code");
    case Method::Browser:
        return tr("Browser");
    }
    return {};
}

QString AzureSession::secretKey() const
{
    return u"refresh-token/"_s + d->cloud.name + u'/' + d->cloud.defaultTenant;
}

void AzureSession::setState(State state)
{
    if (state == d->state)
        return;
    d->state = state;
    Q_EMIT stateChanged(state);
}

void AzureSession::signIn(Interaction interaction)
{
    if (d->state == State::SigningIn || d->state == State::SignedIn)
        return;
    ++d->attempt;
    d->interactive = interaction == Interaction::Allowed;
    d->error.clear();
    d->failures.clear();
    d->chain.clear();
    const Net::AzureCloudEndpoints cloud = d->cloud;
    QNetworkAccessManager *network = d->network;
    const QProcessEnvironment environment = d->environment;
    const auto environmentCredential = [=] {
        return std::unique_ptr<Net::TokenCredential>(new Net::EnvironmentCredential(network, cloud, environment));
    };
    const auto cliCredential = [=] {
        return std::unique_ptr<Net::TokenCredential>(new Net::AzureCliCredential(cloud));
    };
    const auto deviceCredential = [=] {
        return std::unique_ptr<Net::TokenCredential>(new Net::DeviceCodeCredential(network, cloud));
    };
    const auto openBrowser = d->openBrowser;
    const auto browserCredential = [=] {
        auto *credential = new Net::InteractiveBrowserCredential(network, cloud);
        credential->setBrowserOpener(openBrowser);
        return std::unique_ptr<Net::TokenCredential>(credential);
    };
    switch (d->method) {
    case Method::Automatic:
        if (!cloud.servicePrincipalClientId.isEmpty()) {
            // The sandbox announces a service principal of its own: sign in as that.
            d->chain.append([=] {
                return std::unique_ptr<Net::TokenCredential>(new Net::ClientSecretCredential(
                    network, cloud, cloud.servicePrincipalTenant, cloud.servicePrincipalClientId,
                    cloud.servicePrincipalSecret));
            });
            break;
        }
        if (Net::EnvironmentCredential::isConfigured(environment))
            d->chain.append(environmentCredential);
        if (!QStandardPaths::findExecutable(u"az"_s, environment.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts)).isEmpty())
            d->chain.append(cliCredential);
        // As az login does: the browser where there is one, else a device code.
        if (openBrowser)
            d->chain.append(browserCredential);
        else
            d->chain.append(deviceCredential);
        break;
    case Method::Environment:
        d->chain.append(environmentCredential);
        break;
    case Method::AzureCli:
        d->chain.append(cliCredential);
        break;
    case Method::DeviceCode:
        d->chain.append(deviceCredential);
        break;
    case Method::Browser:
        d->chain.append(browserCredential);
        break;
    }
    setState(State::SigningIn);
    tryNext();
}

void AzureSession::tryNext()
{
    d->tokenRequest.reset();
    d->credential.reset();
    if (d->chain.isEmpty() && d->failures.isEmpty()) {
        // A silent sign-in with nothing to sign in with: the user signs in when ready.
        setState(State::SignedOut);
        return;
    }
    if (d->chain.isEmpty()) {
        fail(d->failures.size() == 1 ? d->failures.first()
                                     : tr("No sign-in method worked:\n%1").arg(d->failures.join(u'\n')));
        return;
    }
    d->credential = d->chain.takeFirst()();
    const quint64 attempt = d->attempt;
    const auto request = [this, attempt] {
        if (attempt != d->attempt || !d->credential)
            return;
        d->tokenRequest = d->credential->requestToken();
        connect(d->tokenRequest.get(), &Net::TokenRequest::finished, this, [this, attempt] {
            if (attempt != d->attempt)
                return;
            const auto &result = d->tokenRequest->result();
            if (d->tokenRequest->wasCancelled()) {
                signOut();
                return;
            }
            if (!result) {
                d->failures.append(tr("%1: %2").arg(d->credential->displayName(), result.error().message));
                tryNext();
                return;
            }
            d->methodName = d->credential->displayName();
            auto options = Net::ArmClient::Options::forCloud(d->cloud);
            if (!options) {
                fail(options.error().message);
                return;
            }
            d->arm = std::make_unique<Net::ArmClient>(d->network, d->credential.get(), *options);
            loadSubscriptions();
        });
    };

    auto *device = qobject_cast<Net::DeviceCodeCredential *>(d->credential.get());
    auto *browser = qobject_cast<Net::InteractiveBrowserCredential *>(d->credential.get());
    if (device || browser) {
        if (!d->interactive && !d->secrets) {
            tryNext();
            return;
        }
        Net::TokenCredential *interactive = d->credential.get();
        if (device)
            connect(device, &Net::DeviceCodeCredential::userCodeReceived, this, &AzureSession::deviceCodeReceived);
        if (browser)
            connect(browser, &Net::InteractiveBrowserCredential::authorizationUrlReady, this,
                    &AzureSession::browserSignInStarted);
        const auto refreshToken = [device, browser] { return device ? device->refreshToken() : browser->refreshToken(); };
        const auto keep = [this, refreshToken] {
            if (d->secrets && !refreshToken().isEmpty())
                d->secrets->write(secretKey(), refreshToken());
        };
        if (device)
            connect(device, &Net::DeviceCodeCredential::refreshTokenChanged, this, keep);
        else
            connect(browser, &Net::InteractiveBrowserCredential::refreshTokenChanged, this, keep);
        // A refresh token from an earlier run signs in without asking the user again.
        if (d->secrets) {
            QPointer<Net::TokenCredential> alive(interactive);
            const bool asking = d->interactive;
            d->secrets->read(secretKey(), [this, alive, device, browser, request, asking](std::optional<QString> token) {
                if (!alive)
                    return;
                if (token && !token->isEmpty()) {
                    if (device)
                        device->setRefreshToken(*token);
                    else
                        browser->setRefreshToken(*token);
                } else if (!asking) {
                    tryNext();   // nothing remembered, and nobody to ask
                    return;
                }
                request();
            });
            return;
        }
    }
    request();
}

void AzureSession::loadSubscriptions()
{
    const quint64 attempt = d->attempt;
    d->listing = d->arm->list(u"/subscriptions"_s);
    connect(d->listing.get(), &Net::ArmReply::finished, this, [this, attempt] {
        if (attempt != d->attempt)
            return;
        const Net::ArmResult &result = d->listing->result();
        if (!result) {
            fail(result.error().userMessage());
            return;
        }
        d->subscriptions.clear();
        for (const QJsonValue &value : result->values) {
            d->subscriptions.append({value[u"subscriptionId"].toString(), value[u"displayName"].toString(),
                                     value[u"state"].toString(), value[u"tenantId"].toString()});
        }
        std::sort(d->subscriptions.begin(), d->subscriptions.end(),
                  [](const AzureSubscription &a, const AzureSubscription &b) {
                      return a.displayName.localeAwareCompare(b.displayName) < 0;
                  });
        setState(State::SignedIn);
        Q_EMIT subscriptionsChanged();
    });
}

void AzureSession::fail(const QString &message)
{
    d->error = message;
    d->listing.reset();
    d->tokenRequest.reset();
    d->arm.reset();
    d->credential.reset();
    setState(State::Failed);
}

void AzureSession::cancel()
{
    if (d->state != State::SigningIn)
        return;
    signOut();
}

void AzureSession::signOut()
{
    ++d->attempt;
    const bool hadSubscriptions = !d->subscriptions.isEmpty();
    d->listing.reset();
    d->tokenRequest.reset();
    d->arm.reset();
    if (d->credential)
        d->credential->signOut();
    d->credential.reset();
    d->chain.clear();
    d->subscriptions.clear();
    d->methodName.clear();
    d->error.clear();
    if (d->secrets)
        d->secrets->remove(secretKey());
    setState(State::SignedOut);
    if (hadSubscriptions)
        Q_EMIT subscriptionsChanged();
}

} // namespace Fluxdeck::Items
