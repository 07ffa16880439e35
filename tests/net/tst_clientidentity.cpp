#include "clientidentity.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class TestClientIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void userAgentNamesFluxdeckAndQt()
    {
        const QString agent = QString::fromUtf8(Fluxdeck::Net::userAgent());
        static const QRegularExpression shape(u"^Fluxdeck/\\d+\\.\\d+\\.\\d+ \\(Qt \\d+\\.\\d+\\.\\d+; .+\\)$"_s);
        QVERIFY2(shape.match(agent).hasMatch(), qPrintable(agent));
    }

    void requestIdsAreUniqueUuids()
    {
        static const QRegularExpression uuid(u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
        QSet<QByteArray> seen;
        for (int i = 0; i < 1000; ++i) {
            const QByteArray id = Fluxdeck::Net::newClientRequestId();
            QVERIFY2(uuid.match(QString::fromLatin1(id)).hasMatch(), id.constData());
            seen.insert(id);
        }
        QCOMPARE(seen.size(), 1000);
    }

    void tlsLibraryIsReported()
    {
        // Azure and the sandbox are HTTPS only: a build without TLS is useless, so say so here.
        QVERIFY2(Fluxdeck::Net::tlsLibraryVersion().contains(u"SSL"_s, Qt::CaseInsensitive),
                 qPrintable(Fluxdeck::Net::tlsLibraryVersion()));
    }
};

QTEST_GUILESS_MAIN(TestClientIdentity)
#include "tst_clientidentity.moc"
