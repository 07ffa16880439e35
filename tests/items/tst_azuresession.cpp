// Signing in the ways that can run here, against the in-process sandbox over HTTPS: the
// sandbox's own service principal, the environment, a fake az on PATH, a device code (its
// refresh token kept in the secret store, dropped on sign-out), and failures in words.

#include "armclient.h"
#include "clientsecretcredential.h"
#include "azuresession.h"
#include "resultmessage.h"
#include "secretstore.h"
#include "sandboxcloud.h"
#include "server/identityservice.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::AzureSession;
using Fluxdeck::Items::MemorySecretStore;
using State = Fluxdeck::Items::AzureSession::State;

class TestAzureSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sandboxServicePrincipal();
    void environment();
    void azureCli();
    void azureCliNotSignedIn();
    void deviceCodeIsRememberedUntilSignOut();
    void silentSignInWithNothingStaysSignedOut();
    void cancelStopsWaitingForTheCode();
    void browserIsTheAutomaticLastResort();

private:
    // Writes an "az" that answers like the real one, first on PATH; returns the environment.
    QProcessEnvironment fakeAz(const QByteArray &script);
    QNetworkAccessManager m_network;
    Fluxdeck::Test::SandboxCloud m_sandbox;
    QTemporaryDir m_bin;
};

void TestAzureSession::initTestCase()
{
    auto options = Fluxdeck::Test::SandboxCloud::quickOptions();
    options.deviceApprovalDelay = std::chrono::hours(1);   // approved by the test, through the control endpoint
    const auto started = m_sandbox.start(options);
    QVERIFY2(started, Fluxdeck::Test::failureText(started));
}

QProcessEnvironment TestAzureSession::fakeAz(const QByteArray &script)
{
    QFile az(m_bin.filePath(u"az"_s));
    if (!az.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    az.write("#!/bin/sh\n" + script);
    az.close();
    az.setPermissions(az.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    QProcessEnvironment environment;
    environment.insert(u"PATH"_s, m_bin.path() + u":/usr/bin:/bin"_s);
    qputenv("PATH", environment.value(u"PATH"_s).toUtf8());
    return environment;
}

void TestAzureSession::sandboxServicePrincipal()
{
    MemorySecretStore secrets;
    AzureSession session(&m_network, &secrets);
    session.setCloud(m_sandbox.cloud());
    QSignalSpy states(&session, &AzureSession::stateChanged);
    session.signIn();
    QCOMPARE(session.state(), State::SigningIn);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::SignedIn, 20000);
    QVERIFY(session.arm());
    QCOMPARE(session.subscriptions().size(), 2);
    QCOMPARE(session.subscriptions().first().displayName, u"Contoso Dev/Test (sandbox)"_s);   // sorted by name
    QVERIFY(!session.methodName().isEmpty());
    session.signOut();
    QCOMPARE(session.state(), State::SignedOut);
    QVERIFY(!session.arm());
    QVERIFY(session.subscriptions().isEmpty());
    QCOMPARE(states.size(), 3);
}

void TestAzureSession::environment()
{
    // A real cloud's shape: no announced service principal, so the environment is used.
    Fluxdeck::Net::AzureCloudEndpoints cloud = m_sandbox.cloud();
    QProcessEnvironment environment;
    environment.insert(u"AZURE_TENANT_ID"_s, cloud.servicePrincipalTenant);
    environment.insert(u"AZURE_CLIENT_ID"_s, cloud.servicePrincipalClientId);
    environment.insert(u"AZURE_CLIENT_SECRET"_s, cloud.servicePrincipalSecret);
    cloud.servicePrincipalClientId.clear();
    cloud.servicePrincipalSecret.clear();
    MemorySecretStore secrets;
    AzureSession session(&m_network, &secrets);
    session.setCloud(cloud);
    session.setMethod(AzureSession::Method::Environment);
    session.setProcessEnvironment(environment);
    session.signIn();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::SignedIn, 20000);
    QCOMPARE(session.subscriptions().size(), 2);

    // Without the variables, the failure says which ones are missing.
    AzureSession unset(&m_network, &secrets);
    unset.setCloud(cloud);
    unset.setMethod(AzureSession::Method::Environment);
    unset.setProcessEnvironment(QProcessEnvironment());
    unset.signIn();
    QTRY_COMPARE_WITH_TIMEOUT(unset.state(), State::Failed, 20000);
    QVERIFY2(unset.errorMessage().contains(u"AZURE_CLIENT_ID"_s), qPrintable(unset.errorMessage()));
}

void TestAzureSession::azureCli()
{
    // A token the sandbox issued, printed as az prints it.
    QNetworkAccessManager network;
    Fluxdeck::Net::ClientSecretCredential issuer(&network, m_sandbox.cloud(), m_sandbox.cloud().servicePrincipalTenant,
                                                 m_sandbox.cloud().servicePrincipalClientId,
                                                 m_sandbox.cloud().servicePrincipalSecret);
    const auto request = issuer.requestToken();
    QSignalSpy issued(request.get(), &Fluxdeck::Net::TokenRequest::finished);
    QVERIFY(request->isFinished() || issued.wait(20000));
    QVERIFY2(request->result(), Fluxdeck::Test::failureText(request->result()));
    const QByteArray token = request->result()->token;
    const qint64 expires = QDateTime::currentSecsSinceEpoch() + 3600;
    const QProcessEnvironment environment = fakeAz(
        "printf '{\"accessToken\":\"" + token + "\",\"expiresOn\":\"2099-01-01 00:00:00.000000\",\"expires_on\":"
        + QByteArray::number(expires) + ",\"subscription\":\"6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5\",\"tenant\":\""
        + m_sandbox.cloud().servicePrincipalTenant.toUtf8() + "\",\"tokenType\":\"Bearer\"}'\n");

    Fluxdeck::Net::AzureCloudEndpoints cloud = m_sandbox.cloud();
    cloud.servicePrincipalClientId.clear();
    MemorySecretStore secrets;
    AzureSession session(&m_network, &secrets);
    session.setCloud(cloud);
    session.setProcessEnvironment(environment);   // Automatic: no environment credential, az is found
    session.signIn();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::SignedIn, 30000);
    QCOMPARE(session.methodName(), u"Azure CLI"_s);
    QCOMPARE(session.subscriptions().size(), 2);
}

void TestAzureSession::azureCliNotSignedIn()
{
    const QProcessEnvironment environment =
        fakeAz("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
    Fluxdeck::Net::AzureCloudEndpoints cloud = m_sandbox.cloud();
    cloud.servicePrincipalClientId.clear();
    MemorySecretStore secrets;
    AzureSession session(&m_network, &secrets);
    session.setCloud(cloud);
    session.setMethod(AzureSession::Method::AzureCli);
    session.setProcessEnvironment(environment);
    session.signIn();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Failed, 30000);
    QVERIFY2(session.errorMessage().contains(u"az login"_s), qPrintable(session.errorMessage()));
}

void TestAzureSession::deviceCodeIsRememberedUntilSignOut()
{
    Fluxdeck::Net::AzureCloudEndpoints cloud = m_sandbox.cloud();
    cloud.servicePrincipalClientId.clear();
    MemorySecretStore secrets;
    const QString key = u"refresh-token/"_s + cloud.name + u'/' + cloud.defaultTenant;
    {
        AzureSession session(&m_network, &secrets);
        session.setCloud(cloud);
        session.setMethod(AzureSession::Method::DeviceCode);
        QSignalSpy codes(&session, &AzureSession::deviceCodeReceived);
        session.signIn();
        QVERIFY(codes.wait(20000));
        const QString code = codes.first().at(0).toString();
        QVERIFY(!code.isEmpty());
        QVERIFY(codes.first().at(1).toUrl().isValid());
        QVERIFY(m_sandbox.server().identity().approveDeviceCode(code));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::SignedIn, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(secrets.contains(key), 5000);
    }
    // The next start signs in silently with it: no code shown.
    AzureSession again(&m_network, &secrets);
    again.setCloud(cloud);
    again.setMethod(AzureSession::Method::DeviceCode);
    QSignalSpy codes(&again, &AzureSession::deviceCodeReceived);
    again.signIn(AzureSession::Interaction::Silent);
    QTRY_COMPARE_WITH_TIMEOUT(again.state(), State::SignedIn, 30000);
    QCOMPARE(codes.size(), 0);
    again.signOut();
    QVERIFY(!secrets.contains(key));
}

void TestAzureSession::silentSignInWithNothingStaysSignedOut()
{
    Fluxdeck::Net::AzureCloudEndpoints cloud = m_sandbox.cloud();
    cloud.servicePrincipalClientId.clear();
    MemorySecretStore secrets;
    AzureSession session(&m_network, &secrets);
    session.setCloud(cloud);
    QProcessEnvironment empty;
    empty.insert(u"PATH"_s, u"/nonexistent"_s);
    session.setProcessEnvironment(empty);
    QSignalSpy codes(&session, &AzureSession::deviceCodeReceived);
    session.signIn(AzureSession::Interaction::Silent);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::SignedOut, 20000);
    QCOMPARE(codes.size(), 0);
    QCOMPARE(session.errorMessage(), QString());
}

void TestAzureSession::cancelStopsWaitingForTheCode()
{
    Fluxdeck::Net::AzureCloudEndpoints cloud = m_sandbox.cloud();
    cloud.servicePrincipalClientId.clear();
    MemorySecretStore secrets;
    AzureSession session(&m_network, &secrets);
    session.setCloud(cloud);
    session.setMethod(AzureSession::Method::DeviceCode);
    QSignalSpy codes(&session, &AzureSession::deviceCodeReceived);
    session.signIn();
    QVERIFY(codes.wait(20000));
    session.cancel();
    QCOMPARE(session.state(), State::SignedOut);
    QTest::qWait(100);
    QCOMPARE(session.state(), State::SignedOut);
}

void TestAzureSession::browserIsTheAutomaticLastResort()
{
    // Automatic on a real cloud with no environment and no az: the browser (here, a stand-in
    // that follows Entra's redirect to Fluxdeck's loopback listener, as a browser would).
    Fluxdeck::Net::AzureCloudEndpoints cloud = m_sandbox.cloud();
    cloud.servicePrincipalClientId.clear();
    MemorySecretStore secrets;
    AzureSession session(&m_network, &secrets);
    session.setCloud(cloud);
    QProcessEnvironment empty;
    empty.insert(u"PATH"_s, u"/nonexistent"_s);
    session.setProcessEnvironment(empty);
    QNetworkAccessManager browser;
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(m_sandbox.server().caCertificatePath());
    QList<QUrl> opened;
    session.setBrowserOpener([&](const QUrl &url) {
        opened.append(url);
        QNetworkRequest request(url);
        request.setSslConfiguration(ssl);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = browser.get(request);
        QObject::connect(reply, &QNetworkReply::finished, &browser, [&browser, reply] {
            reply->deleteLater();
            const QUrl location = QUrl::fromEncoded(reply->rawHeader("Location"));
            if (location.isValid())
                QObject::connect(browser.get(QNetworkRequest(location)), &QNetworkReply::finished, &browser,
                                 [] {});
        });
    });
    QSignalSpy started(&session, &AzureSession::browserSignInStarted);
    session.signIn();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::SignedIn, 30000);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(started.size(), 1);
    QVERIFY(opened.first().path().endsWith(u"/oauth2/v2.0/authorize"_s));
    QCOMPARE(session.methodName(), AzureSession::methodText(AzureSession::Method::Browser));
    QTRY_VERIFY_WITH_TIMEOUT(secrets.contains(u"refresh-token/"_s + cloud.name + u'/' + cloud.defaultTenant), 5000);
}

QTEST_GUILESS_MAIN(TestAzureSession)
#include "tst_azuresession.moc"

