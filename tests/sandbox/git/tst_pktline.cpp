#include "git/pktline.h"
#include "resultmessage.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::PktLine;
using Fluxdeck::Test::failureText;

namespace {


} // namespace

class TestPktLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encode_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QByteArray>("packet");
        // The examples of gitprotocol-common(5), plus the empty data packet.
        QTest::newRow("a") << QByteArray("a\n") << QByteArray("0006a\n");
        QTest::newRow("foobar") << QByteArray("foobar\n") << QByteArray("000bfoobar\n");
        QTest::newRow("empty") << QByteArray() << QByteArray("0004");
        QTest::newRow("binary") << QByteArray("\x01PACK", 5) << QByteArray("0009\x01PACK", 9);
    }

    void encode()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QByteArray, packet);
        QCOMPARE(PktLine::encode(payload), packet);
    }

    void decode_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QStringList>("packets"); // "kind:text"

        QTest::newRow("want and flush") << QByteArray("0032want 0123456789012345678901234567890123456789\n0000")
                                        << QStringList { u"data:want 0123456789012345678901234567890123456789"_s,
                                               u"flush:"_s };
        QTest::newRow("no trailing LF") << QByteArray("0008done") << QStringList { u"data:done"_s };
        QTest::newRow("special packets") << QByteArray("000000010002")
                                         << QStringList { u"flush:"_s, u"delim:"_s, u"end:"_s };
        QTest::newRow("upper-case hex") << QByteArray("000Chave 12\n") << QStringList { u"data:have 12"_s };
        QTest::newRow("empty stream") << QByteArray() << QStringList {};
    }

    void decode()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QStringList, packets);
        const auto decoded = PktLine::decodeAll(stream);
        QVERIFY2(decoded, failureText(decoded));
        QStringList actual;
        for (const PktLine &packet : *decoded) {
            const char *kind = packet.kind == PktLine::Kind::Data ? "data"
                : packet.kind == PktLine::Kind::Flush             ? "flush"
                : packet.kind == PktLine::Kind::Delimiter         ? "delim"
                                                                  : "end";
            actual.append(QString::fromLatin1(kind) + u':' + QString::fromUtf8(packet.text()));
        }
        QCOMPARE(actual, packets);
    }

    void decodeRejects_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QString>("detail");
        QTest::newRow("truncated length") << QByteArray("00") << u"2 stray bytes at offset 0"_s;
        QTest::newRow("truncated payload") << QByteArray("0010abc") << u"packet of 16 bytes at offset 0, 7 left"_s;
        QTest::newRow("not hex") << QByteArray("00g4") << u"bad length '00g4' at offset 0"_s;
        QTest::newRow("signed") << QByteArray("+004") << u"bad length '+004' at offset 0"_s;
        QTest::newRow("reserved") << QByteArray("0003") << u"reserved length 0003 at offset 0"_s;
        QTest::newRow("too long") << QByteArray("fff1") + QByteArray(0xfff1 - 4, 'x')
                                  << u"packet of 65521 bytes at offset 0, 65521 left"_s;
    }

    void decodeRejects()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QString, detail);
        const auto decoded = PktLine::decodeAll(stream);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().detail, detail);
    }

    void sideband_data()
    {
        QTest::addColumn<qsizetype>("dataSize");
        QTest::addColumn<qsizetype>("packetSize");
        QTest::addColumn<QList<qsizetype>>("chunks");
        QTest::newRow("small") << qsizetype(10) << PktLine::maxPacketSize << QList<qsizetype> { 10 };
        QTest::newRow("exactly one 64k packet")
            << qsizetype(65515) << PktLine::maxPacketSize << QList<qsizetype> { 65515 };
        QTest::newRow("one byte more") << qsizetype(65516) << PktLine::maxPacketSize << QList<qsizetype> { 65515, 1 };
        QTest::newRow("side-band (1000)")
            << qsizetype(2000) << PktLine::smallSidebandPacketSize << QList<qsizetype> { 995, 995, 10 };
        QTest::newRow("nothing") << qsizetype(0) << PktLine::maxPacketSize << QList<qsizetype> {};
    }

    void sideband()
    {
        QFETCH(qsizetype, dataSize);
        QFETCH(qsizetype, packetSize);
        QFETCH(QList<qsizetype>, chunks);
        QByteArray data(dataSize, Qt::Uninitialized);
        for (qsizetype i = 0; i < dataSize; ++i)
            data[i] = char(i % 251);

        const auto decoded = PktLine::decodeAll(PktLine::sideband(2, data, packetSize));
        QVERIFY(decoded);
        QList<qsizetype> sizes;
        QByteArray joined;
        for (const PktLine &packet : *decoded) {
            QCOMPARE(packet.payload.at(0), '\x02');
            sizes.append(packet.payload.size() - 1);
            joined.append(packet.payload.mid(1));
        }
        QCOMPARE(sizes, chunks);
        QCOMPARE(joined, data);
    }
};

QTEST_GUILESS_MAIN(TestPktLine)
#include "tst_pktline.moc"
