// AzureCliCredential runs whatever `az` comes first on PATH: here, small scripts that answer as
// the real Azure CLI does.

#include "azureclicredential.h"
#include "resultmessage.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using Fluxdeck::Net::AzureCliCredential;
using Fluxdeck::Net::AzureCloudEndpoints;
using Fluxdeck::Net::TokenRequest;
using Fluxdeck::Test::failureText;

namespace {

// What `az account get-access-token --output json` prints since Azure CLI 2.54.
const QByteArray TokenJson = "{\n"
                             "  \"accessToken\": \"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake.signature\",\n"
                             "  \"expiresOn\": \"2030-01-02 03:04:05.000000\",\n"
                             "  \"expires_on\": 1893553445,\n"
                             "  \"subscription\": \"6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5\",\n"
                             "  \"tenant\": \"72f988bf-0000-4fd0-9a1c-5a4d0f1d5a10\",\n"
                             "  \"tokenType\": \"Bearer\"\n"
                             "}\n";

bool waitFor(TokenRequest &request)
{
    QSignalSpy finished(&request, &TokenRequest::finished);
    return request.isFinished() || finished.wait(20000);
}

} // namespace

class TestAzureCliCredential : public QObject
{
    Q_OBJECT

private:
    // Puts an `az` with this shell body first on PATH; it records its arguments in args.txt.
    void installAz(const QByteArray &body)
    {
        QFile script(m_bin.filePath(u"az"_s));
        QVERIFY(script.open(QIODevice::WriteOnly | QIODevice::Truncate));
        script.write("#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args.txt\"\n" + body);
        script.close();
        QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("PATH", QByteArray(QFile::encodeName(m_bin.path()) + ':' + m_originalPath));
    }

    QStringList recordedArguments() const
    {
        QFile file(m_bin.filePath(u"args.txt"_s));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_bin.isValid());
        QVERIFY(m_emptyBin.isValid());
        m_originalPath = qgetenv("PATH");
    }

    void cleanup()
    {
        qputenv("PATH", m_originalPath);
        QFile::remove(m_bin.filePath(u"args.txt"_s));
    }

    void readsWhatAzPrints_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QDateTime>("expiresOn");
        QTest::newRow("az 2.54 and later") << TokenJson << QDateTime::fromSecsSinceEpoch(1893553445, QTimeZone::UTC);
        QTest::newRow("expires_on as a string")
            << QByteArray("{\"accessToken\": \"t\", \"expires_on\": \"1893553445\"}")
            << QDateTime::fromSecsSinceEpoch(1893553445, QTimeZone::UTC);
        QTest::newRow("older az: local time only")
            << QByteArray("{\"accessToken\": \"t\", \"expiresOn\": \"2030-01-02 03:04:05.123456\", \"tokenType\": \"Bearer\"}")
            << QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), QTimeZone::LocalTime).toUTC();
    }

    void readsWhatAzPrints()
    {
        QFETCH(QByteArray, output);
        QFETCH(QDateTime, expiresOn);
        const auto token = AzureCliCredential::parseAccessToken(output);
        QVERIFY2(token, failureText(token));
        QCOMPARE(token->expiresOn, expiresOn);
    }

    void notATokenIsReported()
    {
        const auto token = AzureCliCredential::parseAccessToken("WARNING: something\n");
        QVERIFY(!token);
        QVERIFY(token.error().message.contains(u"az upgrade"_s));
    }

    void runsAzForTheCloudsAudience()
    {
        installAz("cat <<'EOF'\n" + TokenJson + "EOF\n");
        AzureCliCredential credential(AzureCloudEndpoints::azureUSGovernment());
        credential.setTenant(u"72f988bf-0000-4fd0-9a1c-5a4d0f1d5a10"_s);
        const auto request = credential.requestToken();
        QVERIFY(!request->isFinished());
        QVERIFY(waitFor(*request));
        QVERIFY2(request->result(), failureText(request->result()));
        QCOMPARE(request->result()->token, QByteArray("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake.signature"));
        QCOMPARE(request->result()->expiresOn, QDateTime::fromSecsSinceEpoch(1893553445, QTimeZone::UTC));
        QCOMPARE(recordedArguments(),
                 (QStringList{u"account"_s, u"get-access-token"_s, u"--resource"_s,
                              u"https://management.core.usgovcloudapi.net/"_s, u"--output"_s, u"json"_s, u"--tenant"_s,
                              u"72f988bf-0000-4fd0-9a1c-5a4d0f1d5a10"_s}));
    }

    void notLoggedIn()
    {
        installAz("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
        AzureCliCredential credential(AzureCloudEndpoints::azureCloud());
        const auto request = credential.requestToken();
        QVERIFY(waitFor(*request));
        QVERIFY(!request->result());
        QVERIFY(request->result().error().message.contains(u"not signed in"_s));
        QVERIFY(request->result().error().message.contains(u"az login"_s));
        QCOMPARE(request->result().error().detail, u"ERROR: Please run 'az login' to setup account."_s);
    }

    void otherFailuresQuoteAz()
    {
        installAz("echo 'ERROR: (AADSTS50173) The provided grant has expired.' >&2\nexit 2\n");
        AzureCliCredential credential(AzureCloudEndpoints::azureCloud());
        const auto request = credential.requestToken();
        QVERIFY(waitFor(*request));
        QVERIFY(!request->result());
        QVERIFY(request->result().error().message.contains(u"exit code 2"_s));
        QVERIFY(request->result().error().detail.contains(u"AADSTS50173"_s));
    }

    void azNotOnPath()
    {
        qputenv("PATH", QFile::encodeName(m_emptyBin.path()));
        AzureCliCredential credential(AzureCloudEndpoints::azureCloud());
        const auto request = credential.requestToken();
        QVERIFY(!request->isFinished());
        QVERIFY(waitFor(*request));
        QVERIFY(!request->result());
        QVERIFY(request->result().error().message.contains(u"not found on PATH"_s));
        QVERIFY(request->result().error().message.contains(u"https://aka.ms/installazurecli"_s));
    }

    void azThatHangsTimesOut()
    {
        installAz("exec sleep 60\n");
        AzureCliCredential credential(AzureCloudEndpoints::azureCloud());
        credential.setTimeout(std::chrono::milliseconds(300));
        const auto request = credential.requestToken();
        QVERIFY(waitFor(*request));
        QVERIFY(!request->result());
        QVERIFY(request->result().error().message.contains(u"did not answer"_s));
        QVERIFY(!credential.isAcquiring());
    }

    void cancelKillsAz()
    {
        installAz("exec sleep 60\n");
        AzureCliCredential credential(AzureCloudEndpoints::azureCloud());
        const auto request = credential.requestToken();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_bin.filePath(u"args.txt"_s)), 10000);   // az runs
        request->cancel();
        QVERIFY(request->wasCancelled());
        QVERIFY(!credential.isAcquiring());
    }

private:
    QTemporaryDir m_bin;
    QTemporaryDir m_emptyBin;
    QByteArray m_originalPath;
};

QTEST_GUILESS_MAIN(TestAzureCliCredential)
#include "tst_azureclicredential.moc"
