// Kubernetes label selectors: parsing and matching, one row a case.

#include "kube/labelselector.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::LabelSelector;

class TestKubeLabelSelector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<bool>("webFront");     // {app: web, tier: front}
        QTest::addColumn<bool>("dbOnly");       // {app: db}
        QTest::addColumn<bool>("none");         // {}
        QTest::newRow("empty") << u""_s << true << true << true;
        QTest::newRow("=") << u"app=web"_s << true << false << false;
        QTest::newRow("==") << u"app==web"_s << true << false << false;
        QTest::newRow("!= matches absent") << u"app!=web"_s << false << true << true;
        QTest::newRow("in") << u"app in (web, db)"_s << true << true << false;
        QTest::newRow("notin matches absent") << u"tier notin (front)"_s << false << true << true;
        QTest::newRow("exists") << u"tier"_s << true << false << false;
        QTest::newRow("!exists") << u"!tier"_s << false << true << true;
        QTest::newRow("all must hold") << u"app=web,tier in (front),!canary"_s << true << false << false;
        QTest::newRow("spaces") << u" app = web , tier "_s << true << false << false;
        QTest::newRow("prefixed key") << u"app.kubernetes.io/name"_s << false << false << false;
    }

    void matches()
    {
        QFETCH(QString, selector);
        QFETCH(bool, webFront);
        QFETCH(bool, dbOnly);
        QFETCH(bool, none);
        const auto parsed = LabelSelector::parse(selector);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->matches(QJsonObject{{u"app"_s, u"web"_s}, {u"tier"_s, u"front"_s}}), webFront);
        QCOMPARE(parsed->matches(QJsonObject{{u"app"_s, u"db"_s}}), dbOnly);
        QCOMPARE(parsed->matches(QJsonObject{}), none);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::newRow("unclosed set") << u"app in (web"_s;
        QTest::newRow("bad key") << u"-app=web"_s;
        QTest::newRow("bad value") << u"app=we b"_s;
        QTest::newRow("empty requirement") << u"app=web,,tier"_s;
        QTest::newRow("long value") << (u"app="_s + QString(64, u'a'));
    }

    void refuses()
    {
        QFETCH(QString, selector);
        const auto parsed = LabelSelector::parse(selector);
        QVERIFY(!parsed);
        QVERIFY(parsed.error().message.startsWith(u"unable to parse requirement"_s));
    }
};

QTEST_GUILESS_MAIN(TestKubeLabelSelector)
#include "tst_kubelabelselector.moc"
