#include "kql/parser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox::Kql;

class TestKqlParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("ast");  // describe(): every binary expression in parentheses

        QTest::newRow("table only") << u"resources"_s << u"resources"_s;
        QTest::newRow("where") << u"resources | where name == 'x'"_s << u"resources | where (name == 'x')"_s;
        QTest::newRow("and before or") << u"T | where a == 1 or b == 2 and c == 3"_s
                                       << u"T | where ((a == 1) or ((b == 2) and (c == 3)))"_s;
        QTest::newRow("or is left-associative") << u"T | where a or b or c"_s << u"T | where ((a or b) or c)"_s;
        QTest::newRow("parentheses") << u"T | where (a or b) and c"_s << u"T | where ((a or b) and c)"_s;
        QTest::newRow("comparison before and") << u"T | where a =~ 'x' and b !~ 'y'"_s
                                               << u"T | where ((a =~ 'x') and (b !~ 'y'))"_s;
        QTest::newRow("string operators")
            << u"T | where a has 'x' or a !has 'x' or a contains_cs 'x' or a !startswith 'x' or a endswith_cs 'x'"_s
            << u"T | where (((((a has 'x') or (a !has 'x')) or (a contains_cs 'x')) or (a !startswith 'x')) or "
               u"(a endswith_cs 'x'))"_s;
        QTest::newRow("relational") << u"T | where n < 1 and n <= 2 and n > 3 and n >= 4"_s
                                    << u"T | where ((((n < 1) and (n <= 2)) and (n > 3)) and (n >= 4))"_s;
        QTest::newRow("in lists") << u"T | where a in ('x', 'y') and b !in~ (1) and c in~ ('z') and d !in (e.f)"_s
                                  << u"T | where ((((a in ('x', 'y')) and (b !in~ (1))) and (c in~ ('z'))) and "
                                     u"(d !in (e.f)))"_s;
        QTest::newRow("paths") << u"T | project properties.a['b'][0].c, tags[\"env\"]"_s
                               << u"T | project properties.a['b'][0].c, tags['env']"_s;
        QTest::newRow("calls") << u"T | extend n = strcat(a, 'b', 1), m = not(isempty(a)), c = count_"_s
                               << u"T | extend n=strcat(a, 'b', 1), m=not(isempty(a)), c=count_"_s;
        QTest::newRow("call without arguments") << u"T | summarize count()"_s << u"T | summarize count()"_s;
        QTest::newRow("literals") << u"T | project true, FALSE, 1.50, -3, 2e3, 'it\\'s', @'c:\\x', \"q\""_s
                                  << u"T | project true, false, 1.5, -3, 2000, 'it\\'s', 'c:\\\\x', 'q'"_s;
        QTest::newRow("bracketed names") << u"T | where ['a b'] == 1 | project ['c d'] = x"_s
                                         << u"T | where (a b == 1) | project c d=x"_s;
        QTest::newRow("project names") << u"T | project a, b = c.d, e = tostring(f)"_s
                                       << u"T | project a, b=c.d, e=tostring(f)"_s;
        QTest::newRow("project-away patterns") << u"T | project-away a, b*, *c, ['d e']"_s
                                               << u"T | project-away a, b*, *c, d e"_s;
        QTest::newRow("project-rename") << u"T | project-rename x = y, ['z'] = w"_s
                                        << u"T | project-rename x=y, z=w"_s;
        QTest::newRow("summarize by") << u"T | summarize count() by a"_s << u"T | summarize count() by a"_s;
        QTest::newRow("summarize named")
            << u"T | summarize n = count(), countif(x == 1), dcount(y) by a, b = tostring(c)"_s
            << u"T | summarize n=count(), countif((x == 1)), dcount(y) by a, b=tostring(c)"_s;
        QTest::newRow("summarize by only") << u"T | summarize by a, b"_s << u"T | summarize by a, b"_s;
        QTest::newRow("order defaults") << u"T | order by a"_s << u"T | order by a desc nulls last"_s;
        QTest::newRow("sort keys") << u"T | sort by a asc, b desc nulls first, c asc nulls last"_s
                                   << u"T | sort by a asc nulls first, b desc nulls first, c asc nulls last"_s;
        QTest::newRow("take and limit") << u"T | take 5 | limit 0"_s << u"T | take 5 | limit 0"_s;
        QTest::newRow("top") << u"T | top 3 by a asc"_s << u"T | top 3 by a asc nulls first"_s;
        QTest::newRow("top default") << u"T | top 3 by tolower(a)"_s << u"T | top 3 by tolower(a) desc nulls last"_s;
        QTest::newRow("distinct") << u"T | distinct a, b.c"_s << u"T | distinct a, b.c"_s;
        QTest::newRow("distinct *") << u"T | distinct *"_s << u"T | distinct *"_s;
        QTest::newRow("count") << u"T | count"_s << u"T | count"_s;
        QTest::newRow("multi-line with comments")
            << u"resources // all\n| where type =~ 'x' // filter\n| count // total\n"_s
            << u"resources | where (type =~ 'x') | count"_s;
        QTest::newRow("trailing semicolon") << u"T | count;"_s << u"T | count"_s;
        QTest::newRow("256 levels") << u"T | where a"_s % QString(u" or a"_s).repeated(255) << QString();
        QTest::newRow("keywords as property names") << u"T | where properties.where.by.asc == 1"_s
                                                     << u"T | where (properties.where.by.asc == 1)"_s;
    }

    void parse()
    {
        QFETCH(QString, query);
        QFETCH(QString, ast);  // empty: only check that the query parses

        const auto parsed = Fluxdeck::Sandbox::Kql::parse(query);
        QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().message));
        if (!ast.isEmpty())
            QCOMPARE(describe(*parsed), ast);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("unsupported");
        QTest::addColumn<qsizetype>("position");
        QTest::addColumn<QString>("message");

        QTest::newRow("no operator after pipe")
            << u"T | 5"_s << QString() << qsizetype(4)
            << u"Expected a query operator after '|' but found '5' at position 4."_s;
        QTest::newRow("pipe at the end") << u"T |"_s << QString() << qsizetype(3)
                                         << u"Unexpected end of query: expected a query operator after '|' at "
                                            u"position 3."_s;
        QTest::newRow("missing right operand") << u"T | where a =="_s << QString() << qsizetype(14)
                                               << u"Unexpected end of query: expected an expression at position 14."_s;
        QTest::newRow("in without list") << u"T | where a in 'x'"_s << QString() << qsizetype(15)
                                         << u"Expected '(' and a list of values after 'in' but found ''x'' at "
                                            u"position 15."_s;
        QTest::newRow("unclosed in list") << u"T | where a in ('x'"_s << QString() << qsizetype(19)
                                          << u"Unexpected end of query: expected ',' or ')' at position 19."_s;
        QTest::newRow("dangling dot") << u"T | project a."_s << QString() << qsizetype(14)
                                      << u"Unexpected end of query: expected a property name after '.' at position "
                                         u"14."_s;
        QTest::newRow("unclosed index") << u"T | project a[1"_s << QString() << qsizetype(15)
                                        << u"Unexpected end of query: expected ']' at position 15."_s;
        QTest::newRow("unclosed call") << u"T | project tostring(a"_s << QString() << qsizetype(22)
                                       << u"Unexpected end of query: expected ',' or ')' at position 22."_s;
        QTest::newRow("bad nulls") << u"T | order by a nulls middle"_s << QString() << qsizetype(21)
                                   << u"Expected 'first' or 'last' but found 'middle' at position 21."_s;
        QTest::newRow("top without count") << u"T | top by a"_s << QString() << qsizetype(8)
                                           << u"Expected a row count (a whole number) after 'top' but found 'by' at "
                                              u"position 8."_s;
        QTest::newRow("top without by") << u"T | top 5 a"_s << QString() << qsizetype(10)
                                        << u"Expected 'by' but found 'a' at position 10."_s;
        QTest::newRow("take a real") << u"T | take 1.5"_s << QString() << qsizetype(9)
                                     << u"Expected a row count (a whole number) after 'take' but found '1.5' at "
                                        u"position 9."_s;
        QTest::newRow("take too many") << u"T | take 99999999999999999999"_s << QString() << qsizetype(9)
                                       << u"Expected a row count (a whole number) after 'take' but found "
                                          u"'99999999999999999999' at position 9."_s;
        QTest::newRow("rename without =") << u"T | project-rename a"_s << QString() << qsizetype(20)
                                          << u"Unexpected end of query: expected '=' at position 20."_s;
        QTest::newRow("rename from an expression") << u"T | project-rename a = 1"_s << QString() << qsizetype(23)
                                                   << u"Expected the name of the column to rename but found '1' at "
                                                      u"position 23."_s;
        QTest::newRow("project-away needs names") << u"T | project-away 1"_s << QString() << qsizetype(17)
                                                  << u"Expected a column name but found '1' at position 17."_s;
        QTest::newRow("two statements") << u"T; T"_s << QString() << qsizetype(3)
                                        << u"Expected the end of the query after ';' but found 'T' at position 3."_s;
        QTest::newRow("no table") << u"5 | count"_s << QString() << qsizetype(0)
                                  << u"Expected a table name but found '5' at position 0."_s;
        QTest::newRow("nested too deeply") << u"T | where "_s % QString(200, u'(') % u"a"_s % QString(200, u')')
                                           << QString() << qsizetype(10 + 128)
                                           << u"The expression is nested too deeply at position 138."_s;
        // The binder and evaluator recurse per level, so a long chain is refused as well.
        QTest::newRow("257 levels") << u"T | where a"_s % QString(u" or a"_s).repeated(256) << QString()
                                    << qsizetype(12 + 5 * 255)
                                    << u"The expression is too deeply nested or too long at position 1287. At most "
                                       u"256 levels are supported."_s;
        QTest::newRow("deep property path") << u"T | where a"_s % QString(u".b"_s).repeated(300) << QString()
                                            << qsizetype(11 + 2 * 255) << QString();
        QTest::newRow("unknown operator token") << u"T | where a !like 'x'"_s << QString() << qsizetype(12)
                                                << QString();

        // Valid KQL outside the subset names what is missing.
        QTest::newRow("print") << u"print 1"_s << u"print"_s << qsizetype(0)
                               << u"Unsupported operator 'print' at position 0. A query starts with a table name, "
                                  u"such as 'resources'."_s;
        QTest::newRow("set") << u"set truncationmaxrecords = 1; T"_s << u"set"_s << qsizetype(0) << QString();
        QTest::newRow("mv-apply") << u"T | mv-apply x on (take 1)"_s << u"mv-apply"_s << qsizetype(4) << QString();
        QTest::newRow("lookup") << u"T | lookup (U) on id"_s << u"lookup"_s << qsizetype(4) << QString();
        QTest::newRow("evaluate") << u"T | evaluate bag_unpack(properties)"_s << u"evaluate"_s << qsizetype(4)
                                  << QString();
        QTest::newRow("has_any") << u"T | where a has_any ('x')"_s << u"has_any"_s << qsizetype(12) << QString();
        QTest::newRow("between") << u"T | where n between (1 .. 2)"_s << u"between"_s << qsizetype(12) << QString();
        QTest::newRow("!matches regex") << u"T | where a !matches regex 'x'"_s << u"!matches regex"_s
                                        << qsizetype(12) << QString();
        QTest::newRow("unary minus") << u"T | extend x = -a"_s << u"-"_s << qsizetype(15)
                                     << u"Unsupported arithmetic operator '-' at position 15."_s;
        QTest::newRow("multiplication") << u"T | where a * 2 > 1"_s << u"*"_s << qsizetype(12) << QString();
        QTest::newRow("unknown function") << u"T | where f(x)"_s << u"f"_s << qsizetype(10) << QString();
        QTest::newRow("dynamic literal") << u"T | where a in (dynamic(['x']))"_s << u"dynamic"_s << qsizetype(16)
                                         << QString();
        QTest::newRow("function found before its bad argument") << u"T | where ago(1d) > t"_s << u"ago"_s
                                                                << qsizetype(10) << QString();
        QTest::newRow("timespan") << u"T | where t > 1d"_s << u"timespan"_s << qsizetype(14)
                                  << u"Unsupported literal '1d' at position 14. Timespan and hexadecimal literals are "
                                     u"not supported."_s;
    }

    void errors()
    {
        QFETCH(QString, query);
        QFETCH(QString, unsupported);
        QFETCH(qsizetype, position);
        QFETCH(QString, message);

        const auto parsed = Fluxdeck::Sandbox::Kql::parse(query);
        QVERIFY(!parsed.has_value());
        const QueryError &error = parsed.error();
        if (!message.isEmpty())
            QCOMPARE(error.message, message);
        QCOMPARE(error.unsupported, unsupported);
        QCOMPARE(error.position, position);
        QCOMPARE(error.kind, unsupported.isEmpty() ? QueryError::Kind::Syntax : QueryError::Kind::Unsupported);
        QVERIFY2(error.message.contains(u"at position "_s % QString::number(position)), qPrintable(error.message));
    }
};

QTEST_GUILESS_MAIN(TestKqlParser)
#include "tst_kqlparser.moc"
