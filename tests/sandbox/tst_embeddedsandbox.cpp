#include "server/embeddedsandbox.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::EmbeddedSandbox;

class TestEmbeddedSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesFromItsOwnThread()
    {
        EmbeddedSandbox sandbox;
        QSignalSpy started(&sandbox, &EmbeddedSandbox::started);
        sandbox.start({});
        QVERIFY(!sandbox.isRunning());   // start() does not block the caller
        QVERIFY(started.wait(20000));
        QVERIFY(sandbox.isRunning());
        const QJsonObject announcement = sandbox.announcement();
        QVERIFY(announcement.value(u"armEndpoint").toString().startsWith(u"https://127.0.0.1:"_s));
        QCOMPARE(announcement.value(u"subscriptions").toArray().size(), 2);

        // The caller's event loop stays free while the sandbox answers on its thread.
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(announcement.value(u"armEndpoint").toString() + u"/sandbox/healthz"_s));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(announcement.value(u"caCertificate").toString());
        request.setSslConfiguration(ssl);
        QNetworkReply *reply = network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("ok"));
        delete reply;
    }

    void reportsFailures()
    {
        EmbeddedSandbox sandbox;
        QSignalSpy failed(&sandbox, &EmbeddedSandbox::failed);
        Fluxdeck::Sandbox::SandboxServer::Options options;
        options.faults = u"explode@*"_s;
        sandbox.start(options);
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.first().first().toString().contains(u"explode"_s));
        QVERIFY(!sandbox.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedSandbox)
#include "tst_embeddedsandbox.moc"
