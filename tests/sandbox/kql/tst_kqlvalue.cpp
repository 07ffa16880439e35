#include "kql/value.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox::Kql;

namespace {

const QJsonValue null(QJsonValue::Null);

QString show(std::optional<bool> value)
{
    return value ? (*value ? u"true"_s : u"false"_s) : u"null"_s;
}

QString show(std::optional<int> value)
{
    return value ? QString::number(*value) : u"null"_s;
}

} // namespace

class TestKqlValue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toText_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("text");

        QTest::newRow("null") << null << QString();
        QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << QString();
        QTest::newRow("string") << QJsonValue(u"Compliant"_s) << u"Compliant"_s;
        QTest::newRow("true") << QJsonValue(true) << u"true"_s;
        QTest::newRow("false") << QJsonValue(false) << u"false"_s;
        QTest::newRow("integer") << QJsonValue(qint64(3)) << u"3"_s;
        QTest::newRow("large integer") << QJsonValue(qint64(9007199254740993)) << u"9007199254740993"_s;
        QTest::newRow("whole real") << QJsonValue(2.0) << u"2"_s;
        QTest::newRow("real") << QJsonValue(1.5) << u"1.5"_s;
        QTest::newRow("shortest real") << QJsonValue(0.1) << u"0.1"_s;
        QTest::newRow("negative") << QJsonValue(-0.25) << u"-0.25"_s;
        QTest::newRow("array") << QJsonValue(QJsonArray{u"a"_s, 1}) << u"[\"a\",1]"_s;
        QTest::newRow("object") << QJsonValue(QJsonObject{{u"env"_s, u"prod"_s}}) << u"{\"env\":\"prod\"}"_s;
        QTest::newRow("empty object") << QJsonValue(QJsonObject()) << u"{}"_s;
    }

    void toText()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, text);
        QCOMPARE(Fluxdeck::Sandbox::Kql::toText(value), text);
    }

    void isEmptyValue_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("empty");

        QTest::newRow("null") << null << true;
        QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << true;
        QTest::newRow("empty string") << QJsonValue(u""_s) << true;
        QTest::newRow("blank string") << QJsonValue(u" "_s) << false;
        QTest::newRow("empty array") << QJsonValue(QJsonArray()) << false;
        QTest::newRow("empty object") << QJsonValue(QJsonObject()) << false;
        QTest::newRow("zero") << QJsonValue(0) << false;
        QTest::newRow("false") << QJsonValue(false) << false;
    }

    void isEmptyValue()
    {
        QFETCH(QJsonValue, value);
        QFETCH(bool, empty);
        QCOMPARE(Fluxdeck::Sandbox::Kql::isEmptyValue(value), empty);
    }

    void valuesEqual_data()
    {
        QTest::addColumn<QJsonValue>("left");
        QTest::addColumn<QJsonValue>("right");
        QTest::addColumn<QString>("caseSensitive");
        QTest::addColumn<QString>("caseInsensitive");

        QTest::newRow("same string") << QJsonValue(u"Succeeded"_s) << QJsonValue(u"Succeeded"_s) << u"true"_s
                                     << u"true"_s;
        QTest::newRow("string in other case") << QJsonValue(u"Succeeded"_s) << QJsonValue(u"succeeded"_s)
                                              << u"false"_s << u"true"_s;
        QTest::newRow("different strings") << QJsonValue(u"a"_s) << QJsonValue(u"b"_s) << u"false"_s << u"false"_s;
        QTest::newRow("both null") << null << null << u"null"_s << u"null"_s;
        QTest::newRow("null and value") << null << QJsonValue(u"x"_s) << u"false"_s << u"false"_s;
        QTest::newRow("null and empty string") << null << QJsonValue(u""_s) << u"false"_s << u"false"_s;
        QTest::newRow("integer and real") << QJsonValue(qint64(3)) << QJsonValue(3.0) << u"true"_s << u"true"_s;
        QTest::newRow("different numbers") << QJsonValue(3) << QJsonValue(3.5) << u"false"_s << u"false"_s;
        QTest::newRow("large integers differ") << QJsonValue(qint64(9007199254740993))
                                               << QJsonValue(qint64(9007199254740992)) << u"false"_s << u"false"_s;
        QTest::newRow("booleans") << QJsonValue(true) << QJsonValue(true) << u"true"_s << u"true"_s;
        QTest::newRow("number and its text") << QJsonValue(3) << QJsonValue(u"3"_s) << u"true"_s << u"true"_s;
        QTest::newRow("bool and its text") << QJsonValue(true) << QJsonValue(u"True"_s) << u"false"_s << u"true"_s;
        QTest::newRow("objects by content") << QJsonValue(QJsonObject{{u"a"_s, 1}})
                                            << QJsonValue(QJsonObject{{u"a"_s, 1}}) << u"true"_s << u"true"_s;
    }

    void valuesEqual()
    {
        QFETCH(QJsonValue, left);
        QFETCH(QJsonValue, right);
        QFETCH(QString, caseSensitive);
        QFETCH(QString, caseInsensitive);
        QCOMPARE(show(Fluxdeck::Sandbox::Kql::valuesEqual(left, right, Qt::CaseSensitive)), caseSensitive);
        QCOMPARE(show(Fluxdeck::Sandbox::Kql::valuesEqual(left, right, Qt::CaseInsensitive)), caseInsensitive);
        QCOMPARE(show(Fluxdeck::Sandbox::Kql::valuesEqual(right, left, Qt::CaseSensitive)), caseSensitive);
    }

    void compareValues_data()
    {
        QTest::addColumn<QJsonValue>("left");
        QTest::addColumn<QJsonValue>("right");
        QTest::addColumn<QString>("order");

        QTest::newRow("numbers") << QJsonValue(2) << QJsonValue(10) << u"-1"_s;
        QTest::newRow("equal numbers") << QJsonValue(2) << QJsonValue(2.0) << u"0"_s;
        QTest::newRow("greater") << QJsonValue(2.5) << QJsonValue(-1) << u"1"_s;
        QTest::newRow("strings are ordinal") << QJsonValue(u"Zulu"_s) << QJsonValue(u"alpha"_s) << u"-1"_s;
        QTest::newRow("version strings") << QJsonValue(u"1.29.4"_s) << QJsonValue(u"1.30.0"_s) << u"-1"_s;
        QTest::newRow("null left") << null << QJsonValue(1) << u"null"_s;
        QTest::newRow("null right") << QJsonValue(1) << null << u"null"_s;
    }

    void compareValues()
    {
        QFETCH(QJsonValue, left);
        QFETCH(QJsonValue, right);
        QFETCH(QString, order);
        QCOMPARE(show(Fluxdeck::Sandbox::Kql::compareValues(left, right)), order);
    }

    void hasTerm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("term");
        QTest::addColumn<bool>("caseInsensitive");
        QTest::addColumn<bool>("caseSensitive");

        QTest::newRow("whole term") << u"microsoft.kubernetes/connectedclusters"_s << u"kubernetes"_s << true << true;
        QTest::newRow("prefix of a term") << u"microsoft.kubernetes/connectedclusters"_s << u"kube"_s << false
                                          << false;
        QTest::newRow("suffix of a term") << u"connectedclusters"_s << u"clusters"_s << false << false;
        QTest::newRow("other case") << u"Microsoft.ContainerService"_s << u"containerservice"_s << true << false;
        QTest::newRow("first term") << u"aks-prod-weu"_s << u"aks"_s << true << true;
        QTest::newRow("last term") << u"aks-prod-weu"_s << u"weu"_s << true << true;
        QTest::newRow("phrase with separators") << u"x.microsoft.flux/extensions"_s << u"microsoft.flux"_s << true
                                                << true;
        QTest::newRow("phrase inside a term") << u"xmicrosoft.flux"_s << u"microsoft.flux"_s << false << false;
        QTest::newRow("separator-only term") << u"a/b"_s << u"/"_s << true << true;
        QTest::newRow("second occurrence matches") << u"kubernetesx kubernetes"_s << u"kubernetes"_s << true << true;
        QTest::newRow("digits are term characters") << u"v1.29"_s << u"v1"_s << true << true;
        QTest::newRow("digits continue a term") << u"node12"_s << u"node"_s << false << false;
        QTest::newRow("empty term") << u"abc"_s << QString() << true << true;
        QTest::newRow("empty text") << QString() << u"a"_s << false << false;
    }

    void hasTerm()
    {
        QFETCH(QString, text);
        QFETCH(QString, term);
        QFETCH(bool, caseInsensitive);
        QFETCH(bool, caseSensitive);
        QCOMPARE(Fluxdeck::Sandbox::Kql::hasTerm(text, term, Qt::CaseInsensitive), caseInsensitive);
        QCOMPARE(Fluxdeck::Sandbox::Kql::hasTerm(text, term, Qt::CaseSensitive), caseSensitive);
    }

    void conversions_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QJsonValue>("asLong");
        QTest::addColumn<QJsonValue>("asDouble");
        QTest::addColumn<QJsonValue>("asBool");

        QTest::newRow("integer") << QJsonValue(3) << QJsonValue(qint64(3)) << QJsonValue(3.0) << QJsonValue(true);
        QTest::newRow("real truncates") << QJsonValue(-2.7) << QJsonValue(qint64(-2)) << QJsonValue(-2.7)
                                        << QJsonValue(true);
        QTest::newRow("zero") << QJsonValue(0) << QJsonValue(qint64(0)) << QJsonValue(0.0) << QJsonValue(false);
        QTest::newRow("numeric text") << QJsonValue(u" 42 "_s) << QJsonValue(qint64(42)) << QJsonValue(42.0) << null;
        QTest::newRow("real text") << QJsonValue(u"1.5"_s) << QJsonValue(qint64(1)) << QJsonValue(1.5) << null;
        QTest::newRow("bool text") << QJsonValue(u"False"_s) << null << null << QJsonValue(false);
        QTest::newRow("other text") << QJsonValue(u"x"_s) << null << null << null;
        QTest::newRow("bool") << QJsonValue(true) << QJsonValue(qint64(1)) << QJsonValue(1.0) << QJsonValue(true);
        QTest::newRow("null") << null << null << null << null;
        QTest::newRow("object") << QJsonValue(QJsonObject()) << null << null << null;
        QTest::newRow("too large for a long") << QJsonValue(1e300) << null << QJsonValue(1e300) << QJsonValue(true);
    }

    void conversions()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QJsonValue, asLong);
        QFETCH(QJsonValue, asDouble);
        QFETCH(QJsonValue, asBool);
        QCOMPARE(toLongValue(value), asLong);
        QCOMPARE(toDoubleValue(value), asDouble);
        QCOMPARE(toBoolValue(value), asBool);
    }

    void groupKey_data()
    {
        QTest::addColumn<QJsonValue>("left");
        QTest::addColumn<QJsonValue>("right");
        QTest::addColumn<bool>("same");

        QTest::newRow("equal strings") << QJsonValue(u"a"_s) << QJsonValue(u"a"_s) << true;
        QTest::newRow("case matters") << QJsonValue(u"a"_s) << QJsonValue(u"A"_s) << false;
        QTest::newRow("integer and whole real") << QJsonValue(qint64(2)) << QJsonValue(2.0) << true;
        QTest::newRow("number and its text") << QJsonValue(2) << QJsonValue(u"2"_s) << false;
        QTest::newRow("bool and its text") << QJsonValue(true) << QJsonValue(u"true"_s) << false;
        QTest::newRow("null and empty string") << null << QJsonValue(u""_s) << false;
        QTest::newRow("null and undefined") << null << QJsonValue(QJsonValue::Undefined) << true;
        QTest::newRow("array and its text") << QJsonValue(QJsonArray{1}) << QJsonValue(u"[1]"_s) << false;
        QTest::newRow("equal objects") << QJsonValue(QJsonObject{{u"a"_s, 1}}) << QJsonValue(QJsonObject{{u"a"_s, 1}})
                                       << true;
    }

    void groupKey()
    {
        QFETCH(QJsonValue, left);
        QFETCH(QJsonValue, right);
        QFETCH(bool, same);
        QCOMPARE(Fluxdeck::Sandbox::Kql::groupKey(left) == Fluxdeck::Sandbox::Kql::groupKey(right), same);
    }
};

QTEST_GUILESS_MAIN(TestKqlValue)
#include "tst_kqlvalue.moc"
