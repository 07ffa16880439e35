#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Fluxdeck::Sandbox::Kql {

struct Token
{
    enum class Kind {
        End,          // after the last token; position is the query's length
        Identifier,   // where, properties, count, has, ...
        String,       // text holds the decoded value
        Number,       // 42, 1.5, 2e3
        Timespan,     // a number with a unit suffix (1d, 30m): recognised only to refuse it
        Punctuation,  // one of | , ( ) [ ] . = ; * + - / %
        Operator,     // == != =~ !~ < <= > >= in~ and negated words (!has, !in~, ...)
        Error,        // text holds what is wrong; the lexer stops after it
    };

    Kind kind = Kind::End;
    QString text;
    qsizetype position = 0;  // offset of the first character in the query
    qsizetype length = 0;    // characters the token spans in the query

    bool is(Kind k, QStringView t) const { return kind == k && text == t; }
    qsizetype end() const { return position + length; }
};

// Splits a query into tokens, ending with an End token. A lexical error becomes an Error token
// (followed by End) so the parser reports problems in the order they appear in the text.
QList<Token> tokenize(QStringView query);

} // namespace Fluxdeck::Sandbox::Kql
