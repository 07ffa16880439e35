#include "kustomize/envsubst.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Fluxdeck::Sandbox;

using Variables = QMap<QString, QString>;

class TestEnvsubst : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expand_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<Variables>("variables");
        QTest::addColumn<bool>("strict");
        QTest::addColumn<QString>("output");

        const Variables v{{u"cluster"_s, u"prod"_s}, {u"replicas"_s, u"3"_s}, {u"empty"_s, QString()},
                          {u"path"_s, u"/home/bozo/ideas/thoughts.for.today"_s}, {u"file"_s, u"bash.string.txt"_s},
                          {u"mixed"_s, u"abcDEF"_s}, {u"slashy"_s, u"foo/bar/baz"_s}};
        QTest::newRow("plain text") << u"no variables here"_s << v << false << u"no variables here"_s;
        QTest::newRow("variable") << u"env: ${cluster}"_s << v << false << u"env: prod"_s;
        QTest::newRow("several, adjacent") << u"${cluster}${replicas}-${cluster}"_s << v << false << u"prod3-prod"_s;
        QTest::newRow("unset is empty when lenient") << u"a${nope}b"_s << v << false << u"ab"_s;
        QTest::newRow(":= default used") << u"${nope:=dev}"_s << v << true << u"dev"_s;
        QTest::newRow(":- default used") << u"${nope:-dev}"_s << v << true << u"dev"_s;
        QTest::newRow("= default used") << u"${nope=dev}"_s << v << true << u"dev"_s;
        QTest::newRow("default not used") << u"${cluster:=dev}"_s << v << true << u"prod"_s;
        QTest::newRow("empty value takes default") << u"${empty:=x}"_s << v << true << u"x"_s;
        QTest::newRow("default holds a variable") << u"${nope:=${cluster}-eu}"_s << v << true << u"prod-eu"_s;
        QTest::newRow("default with spaces and colons") << u"${nope:=a b:c}"_s << v << true << u"a b:c"_s;
        QTest::newRow("empty default") << u"[${nope:=}]"_s << v << false << u"[]"_s;
        QTest::newRow("escaped expression") << u"$${cluster}"_s << v << true << u"${cluster}"_s;
        QTest::newRow("escaped expression with a default") << u"$${x:=${cluster}}"_s << v << true << u"${x:=prod}"_s;
        QTest::newRow("double dollar is one dollar") << u"pid $$ and $$$"_s << v << false << u"pid $ and $$"_s;
        QTest::newRow("bare $var untouched") << u"echo $cluster $ {x}"_s << v << true << u"echo $cluster $ {x}"_s;
        QTest::newRow("dollar at end") << u"cost: 5$"_s << v << false << u"cost: 5$"_s;
        QTest::newRow("length") << u"${#path}"_s << v << false << u"35"_s;
        QTest::newRow("upper") << u"${mixed^^}"_s << v << false << u"ABCDEF"_s;
        QTest::newRow("upper first") << u"${cluster^}"_s << v << false << u"Prod"_s;
        QTest::newRow("lower") << u"${mixed,,}"_s << v << false << u"abcdef"_s;
        QTest::newRow("lower first") << u"${mixed,}"_s << v << false << u"abcDEF"_s;
        QTest::newRow("substring") << u"${path:11}"_s << v << false << u"ideas/thoughts.for.today"_s;
        QTest::newRow("substring with length") << u"${path:11:5}"_s << v << false << u"ideas"_s;
        QTest::newRow("substring from the end") << u"${path:-5}"_s << v << false << u"/home/bozo/ideas/thoughts.for.today"_s;
        QTest::newRow("remove shortest prefix") << u"${file#*.}"_s << v << false << u"string.txt"_s;
        QTest::newRow("remove longest prefix") << u"${file##*.}"_s << v << false << u"txt"_s;
        QTest::newRow("remove shortest suffix") << u"${file%.*}"_s << v << false << u"bash.string"_s;
        QTest::newRow("remove longest suffix") << u"${file%%.*}"_s << v << false << u"bash"_s;
        QTest::newRow("glob star stops at slash") << u"${slashy#*/}"_s << v << false << u"bar/baz"_s;
        QTest::newRow("replace first") << u"${slashy/ba/BA}"_s << v << false << u"foo/BAr/baz"_s;
        QTest::newRow("replace all") << u"${slashy//ba/BA}"_s << v << false << u"foo/BAr/BAz"_s;
        QTest::newRow("replace prefix") << u"${slashy/#foo/x}"_s << v << false << u"x/bar/baz"_s;
        QTest::newRow("replace suffix") << u"${slashy/%baz/x}"_s << v << false << u"foo/bar/x"_s;
        QTest::newRow("replace escaped slash") << u"${slashy//\\//-}"_s << v << false << u"foo-bar-baz"_s;
        QTest::newRow("replace with nothing") << u"${slashy/bar/}"_s << v << false << u"foo//baz"_s;
        QTest::newRow("yaml around it")
            << u"spec:\n  replicas: ${replicas}\n  env: \"${cluster:=dev}\"\n"_s << v << true
            << u"spec:\n  replicas: 3\n  env: \"prod\"\n"_s;
        QTest::newRow("unicode names and values") << u"${zona}"_s << Variables{{u"zona"_s, u"España"_s}} << true
                                                  << u"España"_s;
    }

    void expand()
    {
        QFETCH(QString, input);
        QFETCH(Variables, variables);
        QFETCH(bool, strict);
        QFETCH(QString, output);
        const auto result = envsubst(input, variables, strict);
        QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().message));
        QCOMPARE(*result, output);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("strict");
        QTest::addColumn<QString>("message");
        QTest::newRow("strict, unset") << u"replicas: ${replicas}"_s << true
                                       << u"variable not set (strict mode): \"replicas\""_s;
        QTest::newRow("strict, unset in a default") << u"${a:=${b}}"_s << true << u"variable not set (strict mode): \"b\""_s;
        QTest::newRow("strict, unset with a function") << u"${nope^^}"_s << true
                                                       << u"variable not set (strict mode): \"nope\""_s;
        QTest::newRow("unclosed") << u"${cluster"_s << false << u"missing closing brace"_s;
        QTest::newRow("no name") << u"${}"_s << false << u"unable to parse variable name"_s;
        QTest::newRow("bash's -default is not supported") << u"${a-b}"_s << false << u"missing closing brace"_s;
        QTest::newRow("unclosed default") << u"${a:=b"_s << false << u"unable to parse substitution within function"_s;
        QTest::newRow("bad length") << u"${#}"_s << false << u"bad substitution"_s;
    }

    void errors()
    {
        QFETCH(QString, input);
        QFETCH(bool, strict);
        QFETCH(QString, message);
        const auto result = envsubst(input, {{u"cluster"_s, u"prod"_s}, {u"a"_s, QString()}}, strict);
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().message, message);
    }
};

QTEST_GUILESS_MAIN(TestEnvsubst)
#include "tst_envsubst.moc"
