// EnvironmentCredential against the sandbox's Entra endpoint, over loopback HTTPS.

#include "environmentcredential.h"
#include "resultmessage.h"
#include "sandboxcloud.h"
#include "server/identityservice.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Net::EnvironmentCredential;
using Fluxdeck::Net::TokenCredential;
using Fluxdeck::Net::TokenRequest;
using Fluxdeck::Test::failureText;

class TestEnvironmentCredential : public QObject
{
    Q_OBJECT

private:
    QProcessEnvironment servicePrincipal(const QString &secret = {}) const
    {
        QProcessEnvironment environment;
        environment.insert(u"AZURE_TENANT_ID"_s, m_sandbox.cloud().servicePrincipalTenant);
        environment.insert(u"AZURE_CLIENT_ID"_s, m_sandbox.cloud().servicePrincipalClientId);
        environment.insert(u"AZURE_CLIENT_SECRET"_s, secret.isEmpty() ? m_sandbox.cloud().servicePrincipalSecret : secret);
        return environment;
    }

    static bool waitFor(TokenRequest &request)
    {
        QSignalSpy finished(&request, &TokenRequest::finished);
        return request.isFinished() || finished.wait(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto started = m_sandbox.start();
        QVERIFY2(started, failureText(started));
    }

    void signsInAsTheServicePrincipal()
    {
        const QProcessEnvironment environment = servicePrincipal();
        QVERIFY(EnvironmentCredential::isConfigured(environment));
        EnvironmentCredential credential(&m_network, m_sandbox.cloud(), environment);
        const auto request = credential.requestToken();
        QVERIFY(!request->isFinished());   // asynchronous, even at once
        QVERIFY(waitFor(*request));
        QVERIFY2(request->result(), failureText(request->result()));
        const QByteArray token = request->result()->token;
        QVERIFY(m_sandbox.server().identity().validate(QString::fromUtf8(token)));
        QVERIFY(request->result()->expiresOn > QDateTime::currentDateTimeUtc().addSecs(3000));

        // The next caller gets the cached token; asking for a fresh one gets a new token.
        const auto cached = credential.requestToken();
        QVERIFY(waitFor(*cached));
        QCOMPARE(cached->result()->token, token);
        const auto fresh = credential.requestToken(TokenCredential::Freshness::Refresh);
        QVERIFY(waitFor(*fresh));
        QVERIFY2(fresh->result(), failureText(fresh->result()));
        QVERIFY(fresh->result()->token != token);
    }

    void concurrentRequestsShareOneSignIn()
    {
        EnvironmentCredential credential(&m_network, m_sandbox.cloud(), servicePrincipal());
        const auto first = credential.requestToken();
        const auto second = credential.requestToken();
        QVERIFY(credential.isAcquiring());
        QVERIFY(waitFor(*first));
        QVERIFY(waitFor(*second));
        QVERIFY2(first->result(), failureText(first->result()));
        QCOMPARE(second->result()->token, first->result()->token);
    }

    void wrongSecretIsExplained()
    {
        EnvironmentCredential credential(&m_network, m_sandbox.cloud(), servicePrincipal(u"not-the-secret"_s));
        const auto request = credential.requestToken();
        QVERIFY(waitFor(*request));
        QVERIFY(!request->result());
        QVERIFY(request->result().error().message.contains(u"client secret"_s));
        QVERIFY(request->result().error().detail.contains(u"AADSTS7000215"_s));
    }

    void missingVariablesAreNamed()
    {
        QProcessEnvironment environment = servicePrincipal();
        environment.remove(u"AZURE_CLIENT_SECRET"_s);
        QVERIFY(!EnvironmentCredential::isConfigured(environment));
        EnvironmentCredential credential(&m_network, m_sandbox.cloud(), environment);
        const auto request = credential.requestToken();
        QVERIFY(!request->isFinished());
        QVERIFY(waitFor(*request));
        QVERIFY(!request->result());
        QVERIFY(request->result().error().message.contains(u"not set: AZURE_CLIENT_SECRET."_s));
    }

    void cancelStopsWaiting()
    {
        EnvironmentCredential credential(&m_network, m_sandbox.cloud(), servicePrincipal());
        const auto request = credential.requestToken();
        QSignalSpy finished(request.get(), &TokenRequest::finished);
        request->cancel();
        QCOMPARE(finished.count(), 1);
        QVERIFY(request->wasCancelled());
        QVERIFY(!request->result());
        QVERIFY(!credential.isAcquiring());
    }

    void destroyingTheCredentialEndsTheWait()
    {
        auto credential = std::make_unique<EnvironmentCredential>(&m_network, m_sandbox.cloud(), servicePrincipal());
        const auto request = credential->requestToken();
        QSignalSpy finished(request.get(), &TokenRequest::finished);
        credential.reset();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!request->result());
        QVERIFY(request->result().error().message.contains(u"Signing in stopped"_s));
    }

private:
    Fluxdeck::Test::SandboxCloud m_sandbox;
    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestEnvironmentCredential)
#include "tst_environmentcredential.moc"
