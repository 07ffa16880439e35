#include "clouds.h"
#include "resultmessage.h"
#include "sandboxcloud.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Net::AzureCloudEndpoints;
using Fluxdeck::Test::failureText;

class TestAzureCloudEndpoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nationalClouds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("resourceManager");
        QTest::addColumn<QString>("authority");
        QTest::addColumn<QString>("audience");
        // As `az cloud show` lists them.
        QTest::newRow("public") << u"AzureCloud"_s << u"https://management.azure.com"_s
                                << u"https://login.microsoftonline.com"_s << u"https://management.core.windows.net/"_s;
        QTest::newRow("US Government") << u"AzureUSGovernment"_s << u"https://management.usgovcloudapi.net"_s
                                       << u"https://login.microsoftonline.us"_s
                                       << u"https://management.core.usgovcloudapi.net/"_s;
        QTest::newRow("China") << u"AzureChinaCloud"_s << u"https://management.chinacloudapi.cn"_s
                               << u"https://login.chinacloudapi.cn"_s << u"https://management.core.chinacloudapi.cn/"_s;
    }

    void nationalClouds()
    {
        QFETCH(QString, name);
        QFETCH(QString, resourceManager);
        QFETCH(QString, authority);
        QFETCH(QString, audience);
        const auto cloud = AzureCloudEndpoints::builtIn(name.toLower());
        QVERIFY2(cloud, failureText(cloud));
        QCOMPARE(cloud->name, name);
        QCOMPARE(cloud->resourceManager, QUrl(resourceManager));
        QCOMPARE(cloud->authority, QUrl(authority));
        QCOMPARE(cloud->armResource, audience);
        QCOMPARE(cloud->resourceGraph, cloud->resourceManager);
        QCOMPARE(cloud->armScope(), resourceManager + u"/.default"_s);
        QCOMPARE(cloud->tokenEndpoint(u"organizations"_s), QUrl(authority + u"/organizations/oauth2/v2.0/token"_s));
        QCOMPARE(cloud->deviceCodeEndpoint(u"contoso.onmicrosoft.com"_s),
                 QUrl(authority + u"/contoso.onmicrosoft.com/oauth2/v2.0/devicecode"_s));
        const auto ssl = cloud->sslConfiguration();
        QVERIFY2(ssl, failureText(ssl));
        QCOMPARE(ssl->caCertificates(), QSslConfiguration::defaultConfiguration().caCertificates());
        QCOMPARE(ssl->peerVerifyMode(), QSslSocket::VerifyPeer);
    }

    void unknownBuiltInNamesTheKnownOnes()
    {
        const auto cloud = AzureCloudEndpoints::builtIn(u"AzureGermanCloud"_s);
        QVERIFY(!cloud);
        QVERIFY(cloud.error().message.contains(u"AzureUSGovernment"_s));
    }

    void customClouds()
    {
        const auto stack = AzureCloudEndpoints::custom(u"  AzureStackLab "_s, QUrl(u"https://management.local.azurestack.external/"_s),
                                                       QUrl(u"https://login.local.azurestack.external/"_s));
        QVERIFY2(stack, failureText(stack));
        QCOMPARE(stack->name, u"AzureStackLab"_s);
        QCOMPARE(stack->resourceManager, QUrl(u"https://management.local.azurestack.external"_s));
        QCOMPARE(stack->armResource, u"https://management.local.azurestack.external"_s);
        QCOMPARE(stack->tokenEndpoint(u"contoso"_s),
                 QUrl(u"https://login.local.azurestack.external/contoso/oauth2/v2.0/token"_s));

        // Round trip through `az cloud show`'s shape.
        const auto again = AzureCloudEndpoints::fromJson(stack->toJson());
        QVERIFY2(again, failureText(again));
        QCOMPARE(again->resourceManager, stack->resourceManager);
        QCOMPARE(again->authority, stack->authority);
        QCOMPARE(again->armResource, stack->armResource);

        QVERIFY(!AzureCloudEndpoints::custom(u"plain"_s, QUrl(u"http://management.example"_s),
                                            QUrl(u"https://login.example"_s)));
        QVERIFY(!AzureCloudEndpoints::custom(u"relative"_s, QUrl(u"management.example"_s), QUrl(u"https://login.example"_s)));
        QVERIFY(!AzureCloudEndpoints::custom(QString(), QUrl(u"https://management.example"_s),
                                            QUrl(u"https://login.example"_s)));
        const auto taken = AzureCloudEndpoints::custom(u"azurecloud"_s, QUrl(u"https://management.example"_s),
                                                       QUrl(u"https://login.example"_s));
        QVERIFY(!taken);
        QVERIFY(taken.error().message.contains(u"built-in"_s));
    }

    void azCloudShowOutput()
    {
        const QJsonObject shown{
            {u"name"_s, u"AzureChinaCloud"_s},
            {u"endpoints"_s, QJsonObject{{u"activeDirectory"_s, u"https://login.chinacloudapi.cn"_s},
                                         {u"resourceManager"_s, u"https://management.chinacloudapi.cn/"_s}}},
        };
        const auto china = AzureCloudEndpoints::fromJson(shown);
        QVERIFY2(china, failureText(china));
        QCOMPARE(china->armResource, AzureCloudEndpoints::azureChinaCloud().armResource);
    }

    void sandboxAnnouncement()
    {
        Fluxdeck::Test::SandboxCloud sandbox;
        const auto started = sandbox.start();
        QVERIFY2(started, failureText(started));
        const QJsonObject announcement = sandbox.server().announcement();
        const auto cloud = AzureCloudEndpoints::fromSandboxAnnouncement(announcement);
        QVERIFY2(cloud, failureText(cloud));
        QCOMPARE(cloud->resourceManager, sandbox.server().baseUrl());
        QCOMPARE(cloud->authority, sandbox.server().baseUrl());
        QCOMPARE(cloud->defaultTenant, sandbox.server().tenantId());
        QCOMPARE(cloud->servicePrincipalClientId, sandbox.server().clientId());
        QCOMPARE(cloud->servicePrincipalSecret, sandbox.server().clientSecret());
        QCOMPARE(cloud->tokenEndpoint(cloud->defaultTenant).toString(),
                 sandbox.server().baseUrl().toString() + u'/' + sandbox.server().tenantId() + u"/oauth2/v2.0/token"_s);
        QVERIFY(!cloud->toJson().contains(u"clientSecret"_s));
        QVERIFY(!QJsonDocument(cloud->toJson()).toJson().contains(sandbox.server().clientSecret().toUtf8()));

        // The sandbox's CA is added to the system's, not put in their place.
        const auto ssl = cloud->sslConfiguration();
        QVERIFY2(ssl, failureText(ssl));
        const auto sandboxCa = QSslCertificate::fromPath(sandbox.server().caCertificatePath());
        QCOMPARE(sandboxCa.size(), 1);
        QVERIFY(ssl->caCertificates().contains(sandboxCa.first()));
        QCOMPARE(ssl->caCertificates().size(), QSslConfiguration::defaultConfiguration().caCertificates().size() + 1);
        QCOMPARE(ssl->peerVerifyMode(), QSslSocket::VerifyPeer);

        QJsonObject broken = announcement;
        broken.insert(u"armEndpoint"_s, u"http://127.0.0.1:1"_s);
        QVERIFY(!AzureCloudEndpoints::fromSandboxAnnouncement(broken));
    }

    void unreadableCaIsAnError()
    {
        QTemporaryDir dir;
        QFile garbage(dir.filePath(u"ca.pem"_s));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("not a certificate");
        garbage.close();
        AzureCloudEndpoints cloud = AzureCloudEndpoints::azureCloud();
        cloud.caCertificatePath = garbage.fileName();
        const auto ssl = cloud.sslConfiguration();
        QVERIFY(!ssl);
        QVERIFY(ssl.error().message.contains(garbage.fileName()));
    }
};

QTEST_GUILESS_MAIN(TestAzureCloudEndpoints)
#include "tst_azurecloudendpoints.moc"
