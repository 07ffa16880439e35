#include "interactivebrowsercredential.h"

#include "entraclient.h"

#include <QCryptographicHash>
#include <QOAuthHttpServerReplyHandler>
#include <QPointer>
#include <QRandomGenerator>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

namespace {

QString randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// RFC 7636 section 4.2, S256: BASE64URL(SHA256(ASCII(code_verifier))) without padding.
QString codeChallenge(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// The authorize endpoint sits beside the token endpoint: {authority}/{tenant}/oauth2/v2.0/authorize.
QUrl authorizeEndpoint(const AzureCloudEndpoints &cloud, const QString &tenant)
{
    QUrl url = cloud.tokenEndpoint(tenant);
    QString path = url.path();
    path.truncate(path.lastIndexOf(u'/') + 1);
    url.setPath(path + u"authorize"_s);
    return url;
}

// The callback's query as QOAuthHttpServerReplyHandler hands it over (pretty-decoded), read as
// a form: Entra writes spaces in error_description as '+'.
QString callbackValue(const QVariantMap &parameters, const QString &key)
{
    QByteArray value = parameters.value(key).toString().toUtf8();
    value.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(value));
}

QString firstLine(const QString &text)
{
    return text.section(u'\n', 0, 0).trimmed();
}

} // namespace

InteractiveBrowserCredential::InteractiveBrowserCredential(QNetworkAccessManager *network,
                                                           const AzureCloudEndpoints &cloud, QObject *parent)
    : TokenCredential(parent)
    , m_cloud(cloud)
    , m_tenant(cloud.defaultTenant)
{
    const auto ssl = cloud.sslConfiguration();
    if (!ssl)
        m_configurationError = ssl.error();
    m_entra = std::make_unique<EntraClient>(network, ssl.value_or(QSslConfiguration::defaultConfiguration()));
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(std::chrono::minutes(5));
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail({tr("The browser did not come back to Fluxdeck within the time allowed. Start signing in again."), {}});
    });
}

InteractiveBrowserCredential::~InteractiveBrowserCredential() = default;

QString InteractiveBrowserCredential::displayName() const
{
    return tr("Browser");
}

QString InteractiveBrowserCredential::refreshToken() const
{
    return cache().refreshToken();
}

void InteractiveBrowserCredential::setRefreshToken(const QString &token)
{
    if (cache().refreshToken() == token)
        return;
    cache().setRefreshToken(token);
    Q_EMIT refreshTokenChanged();
}

void InteractiveBrowserCredential::signOut()
{
    const bool had = !cache().refreshToken().isEmpty();
    TokenCredential::signOut();
    if (had)
        Q_EMIT refreshTokenChanged();
}

QUrl InteractiveBrowserCredential::redirectUri() const
{
    return m_listener && m_listener->isListening() ? m_redirectUri : QUrl();
}

void InteractiveBrowserCredential::acquire(Freshness)
{
    if (m_configurationError) {
        complete(std::unexpected(*m_configurationError));
        return;
    }
    if (!cache().refreshToken().isEmpty())
        redeemRefreshToken();
    else
        startBrowserFlow();
}

void InteractiveBrowserCredential::redeemRefreshToken()
{
    m_entra->redeemRefreshToken(m_cloud, m_tenant, cache().refreshToken(), displayName(), this,
                                [this](const Domain::Result<EntraClient::Token> &token, bool rejected) {
        if (rejected) {
            // A refresh token that Entra no longer takes means signing in again, in the browser.
            setRefreshToken({});
            startBrowserFlow();
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

void InteractiveBrowserCredential::startBrowserFlow()
{
    // Loopback only (RFC 8252 section 7.3): nothing else on the network may answer for the browser.
    m_listener = std::make_unique<QOAuthHttpServerReplyHandler>(QHostAddress::LocalHost, quint16(0));
    if (!m_listener->isListening())
        m_listener->listen(QHostAddress::LocalHostIPv6, 0);
    if (!m_listener->isListening()) {
        fail({tr("Fluxdeck could not open a local port for the browser to come back to. Sign in with a device code "
                 "instead."),
              {}});
        return;
    }
    m_listener->setCallbackText(tr("Fluxdeck has received the answer of this sign-in. You can close this page."));
    connect(m_listener.get(), &QAbstractOAuthReplyHandler::callbackReceived, this,
            &InteractiveBrowserCredential::callbackReceived);
    // Written out rather than taken from callback(), whose host differs between Qt versions: the
    // Azure CLI's public client registers http://localhost, and Entra lets the port vary.
    m_redirectUri.clear();
    m_redirectUri.setScheme(u"http"_s);
    m_redirectUri.setHost(u"localhost"_s);
    m_redirectUri.setPort(m_listener->port());
    m_redirectUri.setPath(m_listener->callbackPath());

    m_state = randomUrlSafe(16);
    m_codeVerifier = randomUrlSafe(32);   // 43 characters, the shortest RFC 7636 allows
    const QList<std::pair<QString, QString>> parameters{
        {u"client_id"_s, m_cloud.publicClientId},
        {u"response_type"_s, u"code"_s},
        {u"redirect_uri"_s, m_redirectUri.toString(QUrl::FullyEncoded)},
        {u"scope"_s, QString(m_cloud.armScope() + u" offline_access"_s)},
        {u"state"_s, m_state},
        {u"code_challenge"_s, codeChallenge(m_codeVerifier)},
        {u"code_challenge_method"_s, u"S256"_s},
        {u"prompt"_s, u"select_account"_s},
    };
    QStringList pairs;
    for (const auto &[name, value] : parameters)
        pairs.append(QString(name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value))));
    if (!m_loginHint.isEmpty())
        pairs.append(QString(u"login_hint="_s + QString::fromLatin1(QUrl::toPercentEncoding(m_loginHint))));
    QUrl url = authorizeEndpoint(m_cloud, m_tenant);
    url.setQuery(pairs.join(u'&'));

    m_timeout.start();
    const QPointer<InteractiveBrowserCredential> guard(this);
    Q_EMIT authorizationUrlReady(url);
    if (guard && !m_state.isEmpty() && m_openBrowser)   // a slot may have cancelled, or closed the sign-in
        m_openBrowser(url);
}

void InteractiveBrowserCredential::callbackReceived(const QVariantMap &parameters)
{
    if (m_state.isEmpty())
        return;   // nobody waits: a late or repeated visit
    // One answer per sign-in. (Only closed here: the listener still writes its page to the browser.)
    stopListening();
    m_timeout.stop();

    // The state proves the answer comes from the browser this sign-in sent, not from a page that
    // made the browser visit the loopback port with a code of its own choosing.
    if (callbackValue(parameters, u"state"_s) != m_state) {
        fail({tr("The browser came back with an answer that does not belong to this sign-in, so Fluxdeck did not use "
                 "it. Start signing in again."),
              {}});
        return;
    }
    const QString error = callbackValue(parameters, u"error"_s);
    if (!error.isEmpty()) {
        const QString description = firstLine(callbackValue(parameters, u"error_description"_s));
        const QString detail = description.isEmpty() ? error : QString(error + u": "_s + description);
        if (error == u"access_denied")
            fail({tr("Signing in was declined in the browser. Start again to sign in with another account."), detail});
        else
            fail({tr("Microsoft Entra ID refused the sign-in in the browser: %1").arg(description.isEmpty() ? error
                                                                                                           : description),
                  detail});
        return;
    }
    const QString code = callbackValue(parameters, u"code"_s);
    if (code.isEmpty()) {
        fail({tr("The browser came back without a sign-in code. Start signing in again."), {}});
        return;
    }
    redeemCode(code);
}

void InteractiveBrowserCredential::redeemCode(const QString &code)
{
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"authorization_code"_s);
    form.addQueryItem(u"client_id"_s, m_cloud.publicClientId);
    form.addQueryItem(u"code"_s, code);
    form.addQueryItem(u"redirect_uri"_s, m_redirectUri.toString(QUrl::FullyEncoded));
    form.addQueryItem(u"code_verifier"_s, m_codeVerifier);
    form.addQueryItem(u"scope"_s, m_cloud.armScope() + u" offline_access"_s);
    m_entra->post(m_cloud.tokenEndpoint(m_tenant), form, this, [this](const EntraClient::Reply &reply) {
        const auto token = EntraClient::token(reply, displayName());
        if (!token) {
            // A code that expired, was used, or whose verifier does not match: only a new sign-in helps.
            if (reply.oauthError() == u"invalid_grant")
                fail({tr("Microsoft Entra ID did not accept the sign-in the browser brought back. Start signing in "
                         "again."),
                      QString(u"HTTP %1, invalid_grant: "_s.arg(reply.httpStatus)
                              + firstLine(reply.json.value(u"error_description").toString()))});
            else
                fail(token.error());
            return;
        }
        forget();
        setRefreshToken(token->refreshToken);
        complete(token->accessToken);
    });
}

void InteractiveBrowserCredential::stopListening()
{
    if (m_listener)
        m_listener->close();
}

void InteractiveBrowserCredential::forget()
{
    m_timeout.stop();
    stopListening();
    m_state.clear();
    m_codeVerifier.clear();
    m_redirectUri.clear();
}

void InteractiveBrowserCredential::fail(const Domain::Error &error)
{
    forget();
    complete(std::unexpected(error));
}

void InteractiveBrowserCredential::abort()
{
    forget();
    m_entra->abort();
}

} // namespace Fluxdeck::Net
