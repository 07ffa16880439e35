#include "helm/helmversion.h"
#include "resultmessage.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;

class TestHelmVersion final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newestMatching_data();
    void newestMatching();
    void improperConstraints_data();
    void improperConstraints();
    void ordering();
};

void TestHelmVersion::newestMatching_data()
{
    QTest::addColumn<QString>("constraint");
    QTest::addColumn<QString>("expected");   // empty: nothing matches
    // Versions the tests pick from (a chart's index).
    QTest::newRow("any (empty)") << QString() << u"6.7.1"_s;
    QTest::newRow("any (*)") << u"*"_s << u"6.7.1"_s;
    QTest::newRow("major wildcard") << u"6.x"_s << u"6.7.1"_s;
    QTest::newRow("minor wildcard") << u"6.6.x"_s << u"6.6.3"_s;
    QTest::newRow("partial is a range") << u"5"_s << u"5.2.1"_s;
    QTest::newRow("exact") << u"6.5.4"_s << u"6.5.4"_s;
    QTest::newRow("exact with =") << u"=6.7.0"_s << u"6.7.0"_s;
    QTest::newRow("exact missing") << u"6.5.0"_s << QString();
    QTest::newRow("tilde patch") << u"~6.6.0"_s << u"6.6.3"_s;
    QTest::newRow("tilde minor") << u"~6"_s << u"6.7.1"_s;
    QTest::newRow("caret") << u"^5.0.0"_s << u"5.2.1"_s;
    QTest::newRow("caret zero major") << u"^0.3.0"_s << QString();
    QTest::newRow("range") << u">=6.0.0 <6.7.0"_s << u"6.6.3"_s;
    QTest::newRow("range with comma") << u">=6.0.0, <6.7.0"_s << u"6.6.3"_s;
    QTest::newRow("operator apart") << u">= 6.6.0 < 6.7"_s << u"6.6.3"_s;
    QTest::newRow("greater than partial") << u">6.6"_s << u"6.7.1"_s;
    QTest::newRow("less or equal partial") << u"<=6.6"_s << u"6.6.3"_s;
    QTest::newRow("not equal") << u"6.x, !=6.7.1"_s << u"6.7.0"_s;
    QTest::newRow("or") << u"5.x || 6.5.x"_s << u"6.5.4"_s;
    QTest::newRow("v prefix") << u"v6.6.x"_s << u"6.6.3"_s;
    QTest::newRow("prerelease constraint admits prereleases") << u">=6.0.0-0"_s << u"7.0.0-rc.1"_s;
    QTest::newRow("nothing newer") << u">7"_s << QString();
}

void TestHelmVersion::newestMatching()
{
    QFETCH(QString, constraint);
    QFETCH(QString, expected);
    const QStringList versions{u"5.2.1"_s, u"6.5.4"_s, u"6.6.3"_s, u"6.7.0"_s, u"6.7.1"_s, u"7.0.0-rc.1"_s};
    const auto newest = Fluxdeck::Sandbox::newestMatching(versions, constraint);
    QVERIFY2(newest, Fluxdeck::Test::failureText(newest));
    QCOMPARE(newest->value_or(QString()), expected);
}

void TestHelmVersion::improperConstraints_data()
{
    QTest::addColumn<QString>("constraint");
    QTest::newRow("four parts") << u"6.x.y.z"_s;
    QTest::newRow("letters") << u"latest"_s;
    QTest::newRow("wildcard before number") << u"6.x.1"_s;
    QTest::newRow("unknown operator") << u"=>>6"_s;
}

void TestHelmVersion::improperConstraints()
{
    QFETCH(QString, constraint);
    const auto newest = Fluxdeck::Sandbox::newestMatching({u"6.7.1"_s}, constraint);
    QVERIFY(!newest);
    QCOMPARE(newest.error().message, u"improper constraint: "_s + constraint);
}

void TestHelmVersion::ordering()
{
    const auto parse = [](const QString &text) { return *SemanticVersion::parse(text); };
    QCOMPARE(parse(u"1.2.3"_s).compare(parse(u"1.10.0"_s)), -1);
    QCOMPARE(parse(u"2.0.0"_s).compare(parse(u"2.0.0-rc.1"_s)), 1);
    QCOMPARE(parse(u"v1.0.0"_s).compare(parse(u"1.0.0"_s)), 0);
    QVERIFY(!SemanticVersion::parse(u"1.2"_s));
    // A prerelease is only picked when the constraint names one.
    const auto picked = Fluxdeck::Sandbox::newestMatching({u"1.0.0"_s, u"1.1.0-beta.1"_s}, u">=1.1.0-0"_s);
    QVERIFY(picked);
    QCOMPARE(picked->value_or(QString()), u"1.1.0-beta.1"_s);
}

QTEST_GUILESS_MAIN(TestHelmVersion)
#include "tst_helmversion.moc"
