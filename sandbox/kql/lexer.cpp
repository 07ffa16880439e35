#include "kql/lexer.h"

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox::Kql {

namespace {

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isIdentifierPart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

bool isQuote(QChar c)
{
    return c == u'\'' || c == u'"';
}

class Lexer
{
public:
    explicit Lexer(QStringView query)
        : m_query(query)
    {
    }

    QList<Token> run()
    {
        while (!m_failed) {
            skipSpaceAndComments();
            if (m_pos >= m_query.size())
                break;
            lexToken();
        }
        m_tokens.append({Token::Kind::End, {}, m_query.size(), 0});
        return std::move(m_tokens);
    }

private:
    QChar at(qsizetype pos) const { return pos < m_query.size() ? m_query[pos] : QChar(); }

    void push(Token::Kind kind, QString text, qsizetype start)
    {
        m_tokens.append({kind, std::move(text), start, m_pos - start});
    }

    void fail(QString what, qsizetype position)
    {
        m_tokens.append({Token::Kind::Error, std::move(what), position, 1});
        m_failed = true;
    }

    void skipSpaceAndComments()
    {
        while (m_pos < m_query.size()) {
            if (m_query[m_pos].isSpace()) {
                ++m_pos;
            } else if (m_query[m_pos] == u'/' && at(m_pos + 1) == u'/') {
                while (m_pos < m_query.size() && m_query[m_pos] != u'\n')
                    ++m_pos;
            } else {
                return;
            }
        }
    }

    void lexToken()
    {
        const qsizetype start = m_pos;
        const QChar c = m_query[m_pos];
        // h'...' hides a string from Kusto's logs; the value is an ordinary string.
        if ((c == u'h' || c == u'H') && isQuote(at(m_pos + 1))) {
            ++m_pos;
            lexString(start, false);
        } else if (c == u'@' && isQuote(at(m_pos + 1))) {
            ++m_pos;
            lexString(start, true);
        } else if (isIdentifierStart(c)) {
            lexWord(start);
        } else if (c.isDigit() || (c == u'.' && at(m_pos + 1).isDigit())) {
            lexNumber(start);
        } else if (isQuote(c)) {
            lexString(start, false);
        } else {
            lexSymbol(start);
        }
    }

    void lexWord(qsizetype start)
    {
        while (m_pos < m_query.size() && isIdentifierPart(m_query[m_pos]))
            ++m_pos;
        QString word = m_query.sliced(start, m_pos - start).toString();
        if (word == u"in"_s && at(m_pos) == u'~') {
            ++m_pos;
            push(Token::Kind::Operator, u"in~"_s, start);
            return;
        }
        push(Token::Kind::Identifier, std::move(word), start);
    }

    void lexNumber(qsizetype start)
    {
        auto digits = [this] {
            while (at(m_pos).isDigit())
                ++m_pos;
        };
        digits();
        if (at(m_pos) == u'.' && at(m_pos + 1).isDigit()) {
            ++m_pos;
            digits();
        }
        const bool signedExponent = (at(m_pos + 1) == u'+' || at(m_pos + 1) == u'-') && at(m_pos + 2).isDigit();
        if ((at(m_pos) == u'e' || at(m_pos) == u'E') && (at(m_pos + 1).isDigit() || signedExponent)) {
            m_pos += signedExponent ? 2 : 1;
            digits();
        }
        // 1d, 30m, 0x1f: timespan (or hex) literals, kept whole so the parser can name them.
        Token::Kind kind = Token::Kind::Number;
        if (isIdentifierPart(at(m_pos))) {
            kind = Token::Kind::Timespan;
            while (isIdentifierPart(at(m_pos)))
                ++m_pos;
        }
        push(kind, m_query.sliced(start, m_pos - start).toString(), start);
    }

    // Regular strings take backslash escapes and end at the line's end; verbatim (@'...')
    // strings take none and double the quote to include it, as in Kusto.
    void lexString(qsizetype start, bool verbatim)
    {
        const QChar quote = m_query[m_pos];
        ++m_pos;
        QString value;
        while (true) {
            if (m_pos >= m_query.size() || m_query[m_pos] == u'\n') {
                fail(u"Unterminated string literal"_s, start);
                return;
            }
            const QChar c = m_query[m_pos++];
            if (c == quote) {
                if (verbatim && at(m_pos) == quote) {
                    value += quote;
                    ++m_pos;
                    continue;
                }
                break;
            }
            if (c == u'\\' && !verbatim) {
                if (m_pos >= m_query.size()) {
                    fail(u"Unterminated string literal"_s, start);
                    return;
                }
                const QChar escaped = m_query[m_pos++];
                switch (escaped.unicode()) {
                case 'n':
                    value += u'\n';
                    break;
                case 't':
                    value += u'\t';
                    break;
                case 'r':
                    value += u'\r';
                    break;
                default:
                    value += escaped;  // \\, \', \" and anything else: the character itself
                    break;
                }
                continue;
            }
            value += c;
        }
        push(Token::Kind::String, std::move(value), start);
    }

    void lexSymbol(qsizetype start)
    {
        const QChar c = m_query[m_pos];
        const QChar next = at(m_pos + 1);
        auto two = [&](QString text) {
            m_pos += 2;
            push(Token::Kind::Operator, std::move(text), start);
        };
        if (c == u'=' && next == u'=')
            return two(u"=="_s);
        if (c == u'=' && next == u'~')
            return two(u"=~"_s);
        if (c == u'!' && next == u'=')
            return two(u"!="_s);
        if (c == u'!' && next == u'~')
            return two(u"!~"_s);
        if (c == u'<' && next == u'=')
            return two(u"<="_s);
        if (c == u'>' && next == u'=')
            return two(u">="_s);
        if (c == u'<' || c == u'>') {
            ++m_pos;
            push(Token::Kind::Operator, QString(c), start);
            return;
        }
        if (c == u'!' && isIdentifierStart(next)) {
            // !has, !contains, !in~ ...: Kusto spells negated operators as one word.
            ++m_pos;
            while (isIdentifierPart(at(m_pos)))
                ++m_pos;
            if (m_query.sliced(start, m_pos - start) == u"!in" && at(m_pos) == u'~')
                ++m_pos;
            push(Token::Kind::Operator, m_query.sliced(start, m_pos - start).toString(), start);
            return;
        }
        static const QString punctuation = u"|,()[].=;*+-/%"_s;
        if (punctuation.contains(c)) {
            ++m_pos;
            push(Token::Kind::Punctuation, QString(c), start);
            return;
        }
        fail(u"Unexpected character '"_s % c % u'\'', start);
    }

    QStringView m_query;
    qsizetype m_pos = 0;
    bool m_failed = false;
    QList<Token> m_tokens;
};

} // namespace

QList<Token> tokenize(QStringView query)
{
    return Lexer(query).run();
}

} // namespace Fluxdeck::Sandbox::Kql
