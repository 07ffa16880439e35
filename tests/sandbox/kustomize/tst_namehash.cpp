#include "kustomize/namehash.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Fluxdeck::Sandbox;

class TestNameHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hash_data()
    {
        QTest::addColumn<QByteArray>("object");
        QTest::addColumn<QString>("hash");
        // kustomize's own vectors (api/hasher/hasher_test.go): the sandbox's generated names
        // are the ones a real cluster gets.
        QTest::newRow("configmap without data") << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap"})")
                                                << u"6ct58987ht"_s;
        QTest::newRow("configmap one key")
            << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","data":{"one":""}})") << u"9g67k2htb6"_s;
        QTest::newRow("configmap three keys, sorted")
            << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","data":{"two":2,"one":"","three":3}})")
            << u"7757f9kkct"_s;
        QTest::newRow("configmap binary data")
            << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","binaryData":{"one":""}})") << u"6mtk2m274t"_s;
        QTest::newRow("configmap three binary keys")
            << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","binaryData":{"two":2,"one":"","three":3}})")
            << u"9th7kc28dg"_s;
        QTest::newRow("configmap data and binary data")
            << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","data":{"one":""},"binaryData":{"two":""}})")
            << u"698h7c7t9m"_s;
        QTest::newRow("secret without data")
            << QByteArray(R"({"apiVersion":"v1","kind":"Secret","type":"my-type"})") << u"5gmgkf8578"_s;
        QTest::newRow("secret one key")
            << QByteArray(R"({"apiVersion":"v1","kind":"Secret","type":"my-type","data":{"one":""}})")
            << u"74bd68bm66"_s;
        QTest::newRow("secret three keys")
            << QByteArray(R"({"apiVersion":"v1","kind":"Secret","type":"my-type","data":{"two":2,"one":"","three":3}})")
            << u"4gf75c7476"_s;
        QTest::newRow("secret string data")
            << QByteArray(R"({"apiVersion":"v1","kind":"Secret","type":"my-type","data":{"one":""},"stringData":{"two":2}})")
            << u"c4h4264gdb"_s;
        QTest::newRow("labels do not count")
            << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"labels":{"a":"b"}},"data":{"one":""}})")
            << u"9g67k2htb6"_s;
    }

    void hash()
    {
        QFETCH(QByteArray, object);
        QFETCH(QString, hash);
        QCOMPARE(kustomizeNameHash(QJsonDocument::fromJson(object).object()), hash);
    }

    void hashDependsOnNameAndData()
    {
        const QJsonObject base = QJsonDocument::fromJson(
                                     R"({"kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}})")
                                     .object();
        QJsonObject renamed = base;
        renamed.insert(u"metadata"_s, QJsonObject{{u"name"_s, u"b"_s}});
        QJsonObject changed = base;
        changed.insert(u"data"_s, QJsonObject{{u"k"_s, u"w"_s}});
        QVERIFY(kustomizeNameHash(base) != kustomizeNameHash(renamed));
        QVERIFY(kustomizeNameHash(base) != kustomizeNameHash(changed));
        QCOMPARE(kustomizeNameHash(base).size(), 10);
        static const QRegularExpression noVowelDigits(u"^[^013ae]+$"_s);
        QVERIFY(noVowelDigits.match(kustomizeNameHash(base)).hasMatch());
    }

    void marshal_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("sorted, compact") << QByteArray(R"({"b":1,"a":[true,null,"x"]})")
                                         << QByteArray(R"({"a":[true,null,"x"],"b":1})");
        QTest::newRow("html escaped") << QByteArray(R"({"a":"<b>&"})") << QByteArray(R"({"a":"\u003cb\u003e\u0026"})");
        QTest::newRow("control characters") << QByteArray(R"({"a":"x\n\t\u0001"})")
                                            << QByteArray(R"({"a":"x\n\t\u0001"})");
        QTest::newRow("non-ascii kept") << QByteArray(R"({"a":"ñ€"})") << QByteArray(R"({"a":"ñ€"})");
        QTest::newRow("fractions") << QByteArray(R"({"a":1.5,"b":-3})") << QByteArray(R"({"a":1.5,"b":-3})");
    }

    void marshal()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, expected);
        QCOMPARE(goJsonMarshal(QJsonDocument::fromJson(json).object()), expected);
    }
};

QTEST_GUILESS_MAIN(TestNameHash)
#include "tst_namehash.moc"
