// The JSONPath subset printer columns use, one row a case.

#include "kube/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::JsonPath;

namespace {

// What moc reads must not hide the class behind a raw string, so the object is built in code.
QJsonObject object()
{
    return QJsonObject{
        {u"metadata"_s, QJsonObject{{u"name"_s, u"infra"_s}, {u"labels"_s, QJsonObject{{u"app.kubernetes.io/name"_s, u"x"_s}}}}},
        {u"spec"_s, QJsonObject{{u"url"_s, u"https://example.com"_s}, {u"replicas"_s, 3}, {u"suspend"_s, false}}},
        {u"status"_s, QJsonObject{
                          {u"conditions"_s, QJsonArray{QJsonObject{{u"type"_s, u"Reconciling"_s}, {u"status"_s, u"False"_s}},
                                                       QJsonObject{{u"type"_s, u"Ready"_s}, {u"status"_s, u"True"_s},
                                                                   {u"message"_s, u"Applied revision: main@sha1:1"_s}}}},
                          {u"lastScanResult"_s, QJsonObject{{u"tagCount"_s, 12}}},
                      }},
    };
}

} // namespace

class TestKubeJsonPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void first_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("field") << u".spec.url"_s << QJsonValue(u"https://example.com"_s);
        QTest::newRow("number") << u".status.lastScanResult.tagCount"_s << QJsonValue(12);
        QTest::newRow("bool") << u".spec.suspend"_s << QJsonValue(false);
        QTest::newRow("braces and $") << u"{$.metadata.name}"_s << QJsonValue(u"infra"_s);
        QTest::newRow("index") << u".status.conditions[1].type"_s << QJsonValue(u"Ready"_s);
        QTest::newRow("negative index") << u".status.conditions[-1].status"_s << QJsonValue(u"True"_s);
        QTest::newRow("filter") << uR"(.status.conditions[?(@.type=="Ready")].message)"_s
                                << QJsonValue(u"Applied revision: main@sha1:1"_s);
        QTest::newRow("filter !=") << uR"(.status.conditions[?(@.type!="Ready")].type)"_s << QJsonValue(u"Reconciling"_s);
        QTest::newRow("filter presence") << u".status.conditions[?(@.message)].type"_s << QJsonValue(u"Ready"_s);
        QTest::newRow("wildcard") << u".status.conditions[*].type"_s << QJsonValue(u"Reconciling"_s);
        QTest::newRow("quoted key") << u".metadata.labels['app.kubernetes.io/name']"_s << QJsonValue(u"x"_s);
        QTest::newRow("missing") << u".status.observedGeneration"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no match") << uR"(.status.conditions[?(@.type=="Stalled")].status)"_s << QJsonValue(QJsonValue::Undefined);
    }

    void first()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, expected);
        const auto parsed = JsonPath::parse(path);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->first(object()), expected);
        const QList<QJsonValue> all = parsed->evaluate(object());
        QCOMPARE(all.isEmpty() ? QJsonValue(QJsonValue::Undefined) : all.first(), expected);
    }

    void wildcardFindsAll()
    {
        const auto parsed = JsonPath::parse(u".status.conditions[*].status"_s);
        QCOMPARE(parsed->evaluate(object()),
                 (QList<QJsonValue>{QJsonValue(u"False"_s), QJsonValue(u"True"_s)}));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("unclosed") << u".a[0"_s;
        QTest::newRow("empty field") << u".a..b"_s;
        QTest::newRow("bad subscript") << u".a[x]"_s;
        QTest::newRow("filter without @") << u".a[?(type==1)]"_s;
        QTest::newRow("no dot") << u"spec"_s;
    }

    void refuses()
    {
        QFETCH(QString, path);
        QVERIFY(!JsonPath::parse(path));
    }
};

QTEST_GUILESS_MAIN(TestKubeJsonPath)
#include "tst_kubejsonpath.moc"
