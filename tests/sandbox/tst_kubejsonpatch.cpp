// JSON merge patch (RFC 7386) and JSON patch (RFC 6902), one row a case.

#include "kube/jsonpatch.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestKubeJsonPatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergePatch_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("replace") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":2})") << QByteArray(R"({"a":2})");
        QTest::newRow("add nested") << QByteArray(R"({"a":{"b":1}})") << QByteArray(R"({"a":{"c":2}})")
                                    << QByteArray(R"({"a":{"b":1,"c":2}})");
        QTest::newRow("null removes") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":null})") << QByteArray(R"({"b":2})");
        QTest::newRow("lists replace") << QByteArray(R"({"a":[1,2]})") << QByteArray(R"({"a":[3]})") << QByteArray(R"({"a":[3]})");
        QTest::newRow("object over scalar") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":{"b":null,"c":1}})")
                                            << QByteArray(R"({"a":{"c":1}})");
    }

    void mergePatch()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, patch);
        QFETCH(QByteArray, expected);
        QCOMPARE(Fluxdeck::Sandbox::mergePatch(json(target), json(patch)), json(expected));
    }

    void jsonPatch_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("operations");
        QTest::addColumn<QByteArray>("expected");   // empty: the patch fails
        const QByteArray doc = R"({"spec":{"list":["a","b"],"name":"x"},"metadata":{"labels":{"k/v":"1"}}})";
        QTest::newRow("add field") << doc << QByteArray(R"([{"op":"add","path":"/spec/new","value":true}])")
                                   << QByteArray(R"({"spec":{"list":["a","b"],"name":"x","new":true},"metadata":{"labels":{"k/v":"1"}}})");
        QTest::newRow("add into list") << doc << QByteArray(R"([{"op":"add","path":"/spec/list/1","value":"z"}])")
                                       << QByteArray(R"({"spec":{"list":["a","z","b"],"name":"x"},"metadata":{"labels":{"k/v":"1"}}})");
        QTest::newRow("append") << doc << QByteArray(R"([{"op":"add","path":"/spec/list/-","value":"c"}])")
                                << QByteArray(R"({"spec":{"list":["a","b","c"],"name":"x"},"metadata":{"labels":{"k/v":"1"}}})");
        QTest::newRow("replace") << doc << QByteArray(R"([{"op":"replace","path":"/spec/list/0","value":"q"}])")
                                 << QByteArray(R"({"spec":{"list":["q","b"],"name":"x"},"metadata":{"labels":{"k/v":"1"}}})");
        QTest::newRow("remove escaped") << doc << QByteArray(R"([{"op":"remove","path":"/metadata/labels/k~1v"}])")
                                        << QByteArray(R"({"spec":{"list":["a","b"],"name":"x"},"metadata":{"labels":{}}})");
        QTest::newRow("move") << doc << QByteArray(R"([{"op":"move","from":"/spec/name","path":"/spec/title"}])")
                              << QByteArray(R"({"spec":{"list":["a","b"],"title":"x"},"metadata":{"labels":{"k/v":"1"}}})");
        QTest::newRow("test passes") << doc << QByteArray(R"([{"op":"test","path":"/spec/name","value":"x"}])") << doc;
        QTest::newRow("test fails") << doc << QByteArray(R"([{"op":"test","path":"/spec/name","value":"y"}])") << QByteArray();
        QTest::newRow("replace missing") << doc << QByteArray(R"([{"op":"replace","path":"/spec/none","value":1}])") << QByteArray();
        QTest::newRow("remove missing") << doc << QByteArray(R"([{"op":"remove","path":"/spec/list/5"}])") << QByteArray();
        QTest::newRow("all or nothing") << doc
                                        << QByteArray(R"([{"op":"add","path":"/spec/a","value":1},{"op":"remove","path":"/x"}])")
                                        << QByteArray();
        QTest::newRow("unknown op") << doc << QByteArray(R"([{"op":"frobnicate","path":"/spec"}])") << QByteArray();
    }

    void jsonPatch()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, operations);
        QFETCH(QByteArray, expected);
        const auto result = Fluxdeck::Sandbox::jsonPatch(json(target), QJsonDocument::fromJson(operations).array());
        if (expected.isEmpty()) {
            QVERIFY(!result);
            return;
        }
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        QCOMPARE(*result, json(expected));
    }
};

QTEST_GUILESS_MAIN(TestKubeJsonPatch)
#include "tst_kubejsonpatch.moc"
