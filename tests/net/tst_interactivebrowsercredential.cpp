// Interactive browser sign-in against the sandbox's Entra endpoints. The sandbox signs the
// browser in at once; the "browser" here is a QNetworkAccessManager that opens the authorize
// address without following its redirect, then visits the redirect (the credential's loopback
// listener) itself, so every step of the authorization code flow with PKCE runs for real.

#include "interactivebrowsercredential.h"
#include "resultmessage.h"
#include "sandboxcloud.h"
#include "server/identityservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <functional>

using namespace Qt::StringLiterals;
using Fluxdeck::Net::InteractiveBrowserCredential;
using Fluxdeck::Net::TokenCredential;
using Fluxdeck::Net::TokenRequest;
using Fluxdeck::Test::failureText;

namespace {

bool waitFor(TokenRequest &request)
{
    QSignalSpy finished(&request, &TokenRequest::finished);
    return request.isFinished() || finished.wait(30000);
}

QString queryValue(const QUrl &url, const QString &key)
{
    return QUrlQuery(url.query(QUrl::FullyEncoded)).queryItemValue(key, QUrl::FullyDecoded);
}

QUrl withQueryValue(const QUrl &url, const QString &key, const QString &value)
{
    QUrlQuery query(url.query(QUrl::FullyEncoded));
    query.removeAllQueryItems(key);
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    QUrl changed = url;
    changed.setQuery(query);
    return changed;
}

// Stands in for the person's browser. Optional changes to the authorize address or to the
// redirect stand for a client mistake or a forged answer.
class TestBrowser
{
public:
    explicit TestBrowser(const QString &caCertificatePath)
        : m_ssl(QSslConfiguration::defaultConfiguration())
    {
        m_ssl.addCaCertificates(caCertificatePath);
    }

    void open(const QUrl &url)
    {
        opened.append(url);
        QNetworkRequest request(changeAuthorizeUrl ? changeAuthorizeUrl(url) : url);
        request.setSslConfiguration(m_ssl);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_network.get(request);
        QObject::connect(reply, &QNetworkReply::finished, &m_context, [this, reply] {
            reply->deleteLater();
            authorizeStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            location = QUrl::fromEncoded(reply->rawHeader("Location"));
            if (!location.isValid())
                return;
            QNetworkReply *back = m_network.get(QNetworkRequest(changeRedirect ? changeRedirect(location) : location));
            QObject::connect(back, &QNetworkReply::finished, &m_context, [this, back] {
                back->deleteLater();
                callbackStatus = back->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                callbackPage = back->readAll();
            });
        });
    }

    std::function<QUrl(const QUrl &)> changeAuthorizeUrl;
    std::function<QUrl(const QUrl &)> changeRedirect;

    QList<QUrl> opened;
    int authorizeStatus = 0;
    QUrl location;   // where Entra sent the browser
    int callbackStatus = 0;
    QByteArray callbackPage;

private:
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl;
    QObject m_context;   // last: destroyed first, so no reply calls back into a half-gone browser
};

} // namespace

class TestInteractiveBrowserCredential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signsInWithTheBrowserThenRefreshes()
    {
        Fluxdeck::Test::SandboxCloud sandbox;
        const auto started = sandbox.start();
        QVERIFY2(started, failureText(started));

        InteractiveBrowserCredential credential(&m_network, sandbox.cloud());
        TestBrowser browser(sandbox.server().caCertificatePath());
        credential.setBrowserOpener([&browser](const QUrl &url) { browser.open(url); });
        QSignalSpy urlReady(&credential, &InteractiveBrowserCredential::authorizationUrlReady);
        QSignalSpy refreshChanged(&credential, &InteractiveBrowserCredential::refreshTokenChanged);
        QCOMPARE(credential.displayName(), u"Browser"_s);

        const auto request = credential.requestToken();
        QCOMPARE(urlReady.count(), 1);
        const QUrl redirect = credential.redirectUri();
        QCOMPARE(redirect.scheme(), u"http"_s);
        QCOMPARE(redirect.host(), u"localhost"_s);
        QVERIFY(redirect.port() > 0);
        QVERIFY(waitFor(*request));
        QVERIFY2(request->result(), failureText(request->result()));

        // What went to Entra: the public client, the ARM scope, PKCE S256 and a state.
        const QUrl authorize = urlReady.first().at(0).toUrl();
        QCOMPARE(browser.opened, QList<QUrl>{authorize});
        QCOMPARE(authorize.adjusted(QUrl::RemoveQuery),
                 QUrl(sandbox.cloud().authority.toString() + u'/' + sandbox.cloud().defaultTenant
                      + u"/oauth2/v2.0/authorize"_s));
        QCOMPARE(queryValue(authorize, u"client_id"_s), sandbox.cloud().publicClientId);
        QCOMPARE(queryValue(authorize, u"response_type"_s), u"code"_s);
        QCOMPARE(queryValue(authorize, u"redirect_uri"_s), redirect.toString());
        QCOMPARE(queryValue(authorize, u"scope"_s), sandbox.cloud().armScope() + u" offline_access"_s);
        QCOMPARE(queryValue(authorize, u"code_challenge_method"_s), u"S256"_s);
        QCOMPARE(queryValue(authorize, u"code_challenge"_s).size(), 43);
        const QString state = queryValue(authorize, u"state"_s);
        QVERIFY(state.size() >= 16);

        // What came back: Entra's redirect to the loopback listener with the code and the same state,
        // and the listener's page.
        QCOMPARE(browser.authorizeStatus, 302);
        QCOMPARE(browser.location.adjusted(QUrl::RemoveQuery), redirect);
        QCOMPARE(queryValue(browser.location, u"state"_s), state);
        QVERIFY(!queryValue(browser.location, u"code"_s).isEmpty());
        QTRY_COMPARE(browser.callbackStatus, 200);
        QVERIFY(browser.callbackPage.contains("close this page"));

        QVERIFY(sandbox.server().identity().validate(QString::fromUtf8(request->result()->token)));
        const QString refresh = credential.refreshToken();
        QVERIFY(!refresh.isEmpty());
        QCOMPARE(refreshChanged.count(), 1);
        // The listener is gone with the sign-in.
        QVERIFY(credential.redirectUri().isEmpty());
        QCOMPARE(visit(redirect), QNetworkReply::ConnectionRefusedError);

        // Later tokens come from the refresh token: no browser, and Entra rotates it.
        credential.invalidate();
        const auto renewed = credential.requestToken(TokenCredential::Freshness::Refresh);
        QVERIFY(waitFor(*renewed));
        QVERIFY2(renewed->result(), failureText(renewed->result()));
        QVERIFY(renewed->result()->token != request->result()->token);
        QCOMPARE(urlReady.count(), 1);
        QCOMPARE(browser.opened.size(), 1);
        QVERIFY(credential.refreshToken() != refresh);
        QCOMPARE(refreshChanged.count(), 2);

        // The refresh token, as the keychain gives it back after a restart, signs in without a browser.
        InteractiveBrowserCredential restored(&m_network, sandbox.cloud());
        QList<QUrl> openedByRestored;
        restored.setBrowserOpener([&openedByRestored](const QUrl &url) { openedByRestored.append(url); });
        restored.setRefreshToken(credential.refreshToken());
        const auto reused = restored.requestToken();
        QVERIFY(waitFor(*reused));
        QVERIFY2(reused->result(), failureText(reused->result()));
        QVERIFY(openedByRestored.isEmpty());
        QVERIFY(sandbox.server().identity().validate(QString::fromUtf8(reused->result()->token)));

        credential.signOut();
        QVERIFY(credential.refreshToken().isEmpty());
        QCOMPARE(refreshChanged.count(), 3);
    }

    void aRejectedRefreshTokenOpensTheBrowser()
    {
        Fluxdeck::Test::SandboxCloud sandbox;
        const auto started = sandbox.start();
        QVERIFY2(started, failureText(started));
        InteractiveBrowserCredential credential(&m_network, sandbox.cloud());
        TestBrowser browser(sandbox.server().caCertificatePath());
        credential.setBrowserOpener([&browser](const QUrl &url) { browser.open(url); });
        credential.setRefreshToken(u"restored-from-a-keychain-but-revoked"_s);
        const auto request = credential.requestToken();
        QVERIFY(waitFor(*request));
        QVERIFY2(request->result(), failureText(request->result()));
        QCOMPARE(browser.opened.size(), 1);
        QVERIFY(!credential.refreshToken().isEmpty());
        QVERIFY(credential.refreshToken() != u"restored-from-a-keychain-but-revoked"_s);
    }

    void anAnswerForAnotherSignInIsRefused()
    {
        Fluxdeck::Test::SandboxCloud sandbox;
        const auto started = sandbox.start();
        QVERIFY2(started, failureText(started));
        InteractiveBrowserCredential credential(&m_network, sandbox.cloud());
        TestBrowser browser(sandbox.server().caCertificatePath());
        // A page that sends the browser to the loopback port with a code of its own choosing
        // cannot know the state.
        browser.changeRedirect = [](const QUrl &url) { return withQueryValue(url, u"state"_s, u"forged-state"_s); };
        credential.setBrowserOpener([&browser](const QUrl &url) { browser.open(url); });
        const auto request = credential.requestToken();
        const QUrl listener = credential.redirectUri();
        QVERIFY(waitFor(*request));
        QVERIFY(!request->result());
        QVERIFY(request->result().error().message.contains(u"does not belong to this sign-in"_s));
        QVERIFY(!credential.isAcquiring());
        QVERIFY(credential.refreshToken().isEmpty());
        QTRY_COMPARE(browser.callbackStatus, 200);
        QCOMPARE(visit(listener), QNetworkReply::ConnectionRefusedError);

        // The code was never presented to Entra: redeeming it fails on the verifier, not as used.
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"authorization_code"_s);
        form.addQueryItem(u"client_id"_s, sandbox.cloud().publicClientId);
        form.addQueryItem(u"code"_s, queryValue(browser.location, u"code"_s));
        form.addQueryItem(u"redirect_uri"_s, browser.location.adjusted(QUrl::RemoveQuery).toString());
        form.addQueryItem(u"code_verifier"_s, u"an-attacker-does-not-know-the-verifier-either-0123"_s);
        const QJsonObject answer = post(sandbox, sandbox.cloud().tokenEndpoint(u"organizations"_s), form);
        QCOMPARE(answer.value(u"error").toString(), u"invalid_grant"_s);
        QVERIFY2(answer.value(u"error_description").toString().startsWith(u"AADSTS50148:"_s),
                 qPrintable(answer.value(u"error_description").toString()));
    }

    void entraAnswersInTheBrowserReachThePerson_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("detail");
        QTest::newRow("plain PKCE refused") << u"plain"_s << u"AADSTS70011"_s << u"invalid_request: AADSTS70011"_s;
        QTest::newRow("declined") << u"declined"_s << u"declined in the browser"_s << u"access_denied: AADSTS65004"_s;
    }

    void entraAnswersInTheBrowserReachThePerson()
    {
        QFETCH(QString, change);
        QFETCH(QString, message);
        QFETCH(QString, detail);
        Fluxdeck::Test::SandboxCloud sandbox;
        const auto started = sandbox.start();
        QVERIFY2(started, failureText(started));
        InteractiveBrowserCredential credential(&m_network, sandbox.cloud());
        TestBrowser browser(sandbox.server().caCertificatePath());
        if (change == u"plain") {
            browser.changeAuthorizeUrl = [](const QUrl &url) {
                return withQueryValue(url, u"code_challenge_method"_s, u"plain"_s);
            };
        } else {
            // As Entra answers when the person declines consent.
            browser.changeRedirect = [](const QUrl &url) {
                QUrl declined = url;
                declined.setQuery(u"error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent"
                                  "&state="_s
                                  + QString::fromLatin1(QUrl::toPercentEncoding(queryValue(url, u"state"_s))));
                return declined;
            };
        }
        credential.setBrowserOpener([&browser](const QUrl &url) { browser.open(url); });
        const auto request = credential.requestToken();
        QVERIFY(waitFor(*request));
        QVERIFY(!request->result());
        QVERIFY2(request->result().error().message.contains(message), failureText(request->result()));
        QVERIFY2(request->result().error().detail.startsWith(detail), failureText(request->result()));
        QVERIFY(credential.redirectUri().isEmpty());
        QVERIFY(credential.refreshToken().isEmpty());
    }

    void cancelWhileWaitingForTheBrowser()
    {
        Fluxdeck::Test::SandboxCloud sandbox;
        const auto started = sandbox.start();
        QVERIFY2(started, failureText(started));
        InteractiveBrowserCredential credential(&m_network, sandbox.cloud());
        QList<QUrl> opened;   // a browser the person never finishes signing in with
        credential.setBrowserOpener([&opened](const QUrl &url) { opened.append(url); });
        const auto request = credential.requestToken();
        QCOMPARE(opened.size(), 1);
        QVERIFY(credential.isAcquiring());
        const QUrl listener = credential.redirectUri();
        QVERIFY(listener.isValid());

        QSignalSpy finished(request.get(), &TokenRequest::finished);
        credential.cancel();
        QCOMPARE(finished.count(), 1);
        QVERIFY(request->wasCancelled());
        QVERIFY(!credential.isAcquiring());
        QVERIFY(!request->result());
        QVERIFY(credential.redirectUri().isEmpty());
        QCOMPARE(visit(listener), QNetworkReply::ConnectionRefusedError);
    }

    void aBrowserThatNeverComesBackTimesOut()
    {
        Fluxdeck::Test::SandboxCloud sandbox;
        const auto started = sandbox.start();
        QVERIFY2(started, failureText(started));
        InteractiveBrowserCredential credential(&m_network, sandbox.cloud());
        credential.setTimeout(std::chrono::milliseconds(300));
        // No opener: the app only shows the address.
        QSignalSpy urlReady(&credential, &InteractiveBrowserCredential::authorizationUrlReady);
        const auto request = credential.requestToken();
        QCOMPARE(urlReady.count(), 1);
        const QUrl listener = credential.redirectUri();
        QVERIFY(waitFor(*request));
        QVERIFY(!request->result());
        QVERIFY(!request->wasCancelled());
        QVERIFY(request->result().error().message.contains(u"time allowed"_s));
        QCOMPARE(visit(listener), QNetworkReply::ConnectionRefusedError);
    }

private:
    // A plain GET, as another program on this machine could make; its network error.
    QNetworkReply::NetworkError visit(const QUrl &url)
    {
        QNetworkReply *reply = m_network.get(QNetworkRequest(url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        const QNetworkReply::NetworkError error = reply->error();
        delete reply;
        return error;
    }

    QJsonObject post(Fluxdeck::Test::SandboxCloud &sandbox, const QUrl &url, const QUrlQuery &form)
    {
        QNetworkRequest request(url);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(sandbox.server().caCertificatePath());
        request.setSslConfiguration(ssl);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
        QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        delete reply;
        return json;
    }

    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestInteractiveBrowserCredential)
#include "tst_interactivebrowsercredential.moc"
