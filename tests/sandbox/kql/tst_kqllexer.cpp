#include "kql/lexer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox::Kql;

namespace {

QString kindName(Token::Kind kind)
{
    switch (kind) {
    case Token::Kind::End:
        return u"end"_s;
    case Token::Kind::Identifier:
        return u"id"_s;
    case Token::Kind::String:
        return u"str"_s;
    case Token::Kind::Number:
        return u"num"_s;
    case Token::Kind::Timespan:
        return u"span"_s;
    case Token::Kind::Punctuation:
        return u"p"_s;
    case Token::Kind::Operator:
        return u"op"_s;
    case Token::Kind::Error:
        return u"err"_s;
    }
    return {};
}

// kind(text)@position:length, one token after another; control characters shown escaped.
QString dump(const QList<Token> &tokens)
{
    QStringList parts;
    for (const Token &token : tokens) {
        QString text = token.text;
        text.replace(u'\n', u"\\n"_s);
        parts.append(kindName(token.kind) % u'(' % text % u")@"_s % QString::number(token.position) % u':'
                     % QString::number(token.length));
    }
    return parts.join(u' ');
}

} // namespace

class TestKqlLexer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenize_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("tokens");

        QTest::newRow("empty") << QString() << u"end()@0:0"_s;
        QTest::newRow("blanks only") << u" \t\n "_s << u"end()@4:0"_s;
        QTest::newRow("query") << u"resources | where name == 'x'"_s
                               << u"id(resources)@0:9 p(|)@10:1 id(where)@12:5 id(name)@18:4 op(==)@23:2 "
                                  u"str(x)@26:3 end()@29:0"_s;
        QTest::newRow("comparison operators") << u"== != =~ !~ < <= > >="_s
                                              << u"op(==)@0:2 op(!=)@3:2 op(=~)@6:2 op(!~)@9:2 op(<)@12:1 "
                                                 u"op(<=)@14:2 op(>)@17:1 op(>=)@19:2 end()@21:0"_s;
        QTest::newRow("negated words and in~") << u"!has !contains_cs !in !in~ in~ in"_s
                                               << u"op(!has)@0:4 op(!contains_cs)@5:12 op(!in)@18:3 op(!in~)@22:4 "
                                                  u"op(in~)@27:3 id(in)@31:2 end()@33:0"_s;
        QTest::newRow("punctuation") << u"|,()[].=;*+-/%"_s
                                     << u"p(|)@0:1 p(,)@1:1 p(()@2:1 p())@3:1 p([)@4:1 p(])@5:1 p(.)@6:1 p(=)@7:1 "
                                        u"p(;)@8:1 p(*)@9:1 p(+)@10:1 p(-)@11:1 p(/)@12:1 p(%)@13:1 end()@14:0"_s;
        QTest::newRow("hyphenated operator is three tokens") << u"project-away"_s
                                                             << u"id(project)@0:7 p(-)@7:1 id(away)@8:4 end()@12:0"_s;
        QTest::newRow("identifiers") << u"_x tags2 has_cs café h hello"_s
                                     << u"id(_x)@0:2 id(tags2)@3:5 id(has_cs)@9:6 id(café)@16:4 id(h)@21:1 "
                                        u"id(hello)@23:5 end()@28:0"_s;
        QTest::newRow("single and double quotes") << u"'a' \"b\" \"it's\" 'say \"hi\"'"_s
                                                  << u"str(a)@0:3 str(b)@4:3 str(it's)@8:6 str(say \"hi\")@15:10 "
                                                     u"end()@25:0"_s;
        QTest::newRow("escapes") << u"'a\\'b' \"c\\\"d\" 'e\\\\f' 'g\\nh' '\\q'"_s
                                 << u"str(a'b)@0:6 str(c\"d)@7:6 str(e\\f)@14:6 str(g\\nh)@21:6 str(q)@28:4 "
                                    u"end()@32:0"_s;
        QTest::newRow("verbatim strings") << u"@'C:\\dir' @\"x\"\"y\" @'it''s'"_s
                                          << u"str(C:\\dir)@0:9 str(x\"y)@10:7 str(it's)@18:8 end()@26:0"_s;
        QTest::newRow("obfuscated strings") << u"h'secret' H\"token\""_s
                                            << u"str(secret)@0:9 str(token)@10:8 end()@18:0"_s;
        QTest::newRow("numbers") << u"42 1.5 2e3 .5 1E-2 7."_s
                                 << u"num(42)@0:2 num(1.5)@3:3 num(2e3)@7:3 num(.5)@11:2 num(1E-2)@14:4 num(7)@19:1 "
                                    u"p(.)@20:1 end()@21:0"_s;
        QTest::newRow("timespans and hex") << u"1d 30m 1.5h 0x1f"_s
                                           << u"span(1d)@0:2 span(30m)@3:3 span(1.5h)@7:4 span(0x1f)@12:4 "
                                              u"end()@16:0"_s;
        QTest::newRow("comments") << u"a // note | where\nb // end"_s
                                  << u"id(a)@0:1 id(b)@18:1 end()@26:0"_s;
        QTest::newRow("division is not a comment") << u"a / b"_s << u"id(a)@0:1 p(/)@2:1 id(b)@4:1 end()@5:0"_s;
        QTest::newRow("unterminated string") << u"where n == 'abc"_s
                                             << u"id(where)@0:5 id(n)@6:1 op(==)@8:2 "
                                                u"err(Unterminated string literal)@11:1 end()@15:0"_s;
        QTest::newRow("string cut by a line break") << u"'ab\ncd'"_s
                                                    << u"err(Unterminated string literal)@0:1 end()@7:0"_s;
        QTest::newRow("backslash at the end") << u"'ab\\"_s << u"err(Unterminated string literal)@0:1 end()@4:0"_s;
        QTest::newRow("unterminated verbatim string") << u"@'ab''"_s
                                                      << u"err(Unterminated string literal)@0:1 end()@6:0"_s;
        QTest::newRow("unexpected character stops the lexer") << u"a # 'b"_s
                                                               << u"id(a)@0:1 err(Unexpected character '#')@2:1 "
                                                                  u"end()@6:0"_s;
        QTest::newRow("lone bang") << u"a ! b"_s << u"id(a)@0:1 err(Unexpected character '!')@2:1 end()@5:0"_s;
        QTest::newRow("lone at") << u"@x"_s << u"err(Unexpected character '@')@0:1 end()@2:0"_s;
        QTest::newRow("backtick") << u"```x```"_s << u"err(Unexpected character '`')@0:1 end()@7:0"_s;
    }

    void tokenize()
    {
        QFETCH(QString, query);
        QFETCH(QString, tokens);

        QCOMPARE(dump(Fluxdeck::Sandbox::Kql::tokenize(query)), tokens);
    }
};

QTEST_GUILESS_MAIN(TestKqlLexer)
#include "tst_kqllexer.moc"
