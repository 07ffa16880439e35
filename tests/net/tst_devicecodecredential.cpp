// Device code sign-in against the sandbox's Entra endpoints, which approve a code by themselves
// after SandboxServer::Options::deviceApprovalDelay.

#include "devicecodecredential.h"
#include "resultmessage.h"
#include "sandboxcloud.h"
#include "server/identityservice.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Net::DeviceCodeCredential;
using Fluxdeck::Net::TokenCredential;
using Fluxdeck::Net::TokenRequest;
using Fluxdeck::Test::failureText;

namespace {

bool waitFor(TokenRequest &request)
{
    QSignalSpy finished(&request, &TokenRequest::finished);
    return request.isFinished() || finished.wait(30000);
}

} // namespace

class TestDeviceCodeCredential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pollingFollowsEntra_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("interval");
        QTest::addColumn<int>("next");   // -1: stop polling
        QTest::newRow("pending") << u"authorization_pending"_s << 5 << 5;
        QTest::newRow("slow down adds five seconds") << u"slow_down"_s << 5 << 10;
        QTest::newRow("slow down again") << u"slow_down"_s << 10 << 15;
        QTest::newRow("expired") << u"expired_token"_s << 5 << -1;
        QTest::newRow("declined") << u"authorization_declined"_s << 5 << -1;
        QTest::newRow("denied") << u"access_denied"_s << 5 << -1;
        QTest::newRow("bad code") << u"bad_verification_code"_s << 5 << -1;
    }

    void pollingFollowsEntra()
    {
        QFETCH(QString, error);
        QFETCH(int, interval);
        QFETCH(int, next);
        const auto decided = DeviceCodeCredential::nextPollInterval(error, std::chrono::seconds(interval));
        QCOMPARE(decided.has_value(), next >= 0);
        if (decided)
            QCOMPARE(decided->count(), next);
    }

    void signsInThenRefreshes()
    {
        Fluxdeck::Test::SandboxCloud sandbox;
        auto options = Fluxdeck::Test::SandboxCloud::quickOptions();
        options.deviceApprovalDelay = std::chrono::milliseconds(1000);
        const auto started = sandbox.start(options);
        QVERIFY2(started, failureText(started));

        DeviceCodeCredential credential(&m_network, sandbox.cloud());
        QSignalSpy prompted(&credential, &DeviceCodeCredential::userCodeReceived);
        QSignalSpy refreshChanged(&credential, &DeviceCodeCredential::refreshTokenChanged);
        const auto request = credential.requestToken();
        QVERIFY(waitFor(*request));
        QVERIFY2(request->result(), failureText(request->result()));
        QCOMPARE(prompted.count(), 1);
        const QString userCode = prompted.first().at(0).toString();
        QCOMPARE(userCode.size(), 9);
        QVERIFY(prompted.first().at(1).toUrl().toString().startsWith(sandbox.cloud().authority.toString()));
        QVERIFY(prompted.first().at(2).toString().contains(userCode));
        QVERIFY(prompted.first().at(3).toDateTime() > QDateTime::currentDateTimeUtc());
        QVERIFY(sandbox.server().identity().validate(QString::fromUtf8(request->result()->token)));
        const QString refresh = credential.refreshToken();
        QVERIFY(!refresh.isEmpty());
        QCOMPARE(refreshChanged.count(), 1);

        // Later tokens come from the refresh token: no new code, and Entra rotates it.
        credential.invalidate();
        const auto renewed = credential.requestToken(TokenCredential::Freshness::Refresh);
        QVERIFY(waitFor(*renewed));
        QVERIFY2(renewed->result(), failureText(renewed->result()));
        QVERIFY(renewed->result()->token != request->result()->token);
        QCOMPARE(prompted.count(), 1);
        QVERIFY(credential.refreshToken() != refresh);
        QCOMPARE(refreshChanged.count(), 2);

        credential.signOut();
        QVERIFY(credential.refreshToken().isEmpty());
        QCOMPARE(refreshChanged.count(), 3);
    }

    void aRejectedRefreshTokenAsksForANewCode()
    {
        Fluxdeck::Test::SandboxCloud sandbox;
        const auto started = sandbox.start();
        QVERIFY2(started, failureText(started));
        DeviceCodeCredential credential(&m_network, sandbox.cloud());
        credential.setRefreshToken(u"restored-from-a-keychain-but-revoked"_s);
        QSignalSpy prompted(&credential, &DeviceCodeCredential::userCodeReceived);
        const auto request = credential.requestToken();
        QVERIFY(prompted.wait(20000));
        QVERIFY(sandbox.server().identity().approveDeviceCode(prompted.first().at(0).toString()));
        QVERIFY(waitFor(*request));
        QVERIFY2(request->result(), failureText(request->result()));
        QVERIFY(credential.refreshToken() != u"restored-from-a-keychain-but-revoked"_s);
    }

    void cancelStopsPolling()
    {
        Fluxdeck::Test::SandboxCloud sandbox;
        auto options = Fluxdeck::Test::SandboxCloud::quickOptions();
        options.deviceApprovalDelay = std::chrono::minutes(10);
        const auto started = sandbox.start(options);
        QVERIFY2(started, failureText(started));

        DeviceCodeCredential credential(&m_network, sandbox.cloud());
        QSignalSpy prompted(&credential, &DeviceCodeCredential::userCodeReceived);
        const auto request = credential.requestToken();
        QVERIFY(prompted.wait(20000));
        QVERIFY(credential.isAcquiring());
        QSignalSpy finished(request.get(), &TokenRequest::finished);
        credential.cancel();
        QCOMPARE(finished.count(), 1);
        QVERIFY(request->wasCancelled());
        QVERIFY(!credential.isAcquiring());
        QVERIFY(!request->result());
        QVERIFY(credential.refreshToken().isEmpty());
    }

private:
    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestDeviceCodeCredential)
#include "tst_devicecodecredential.moc"
