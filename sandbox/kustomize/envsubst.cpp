#include "kustomize/envsubst.h"

#include <QList>

#include <functional>
#include <optional>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

// Parse errors, worded as fluxcd/pkg/envsubst words them.
const QString BadSubstitution = u"bad substitution"_s;
const QString MissingClosingBrace = u"missing closing brace"_s;
const QString BadVariableName = u"unable to parse variable name"_s;
const QString BadFunctionParameter = u"unable to parse substitution within function"_s;

struct Node
{
    bool isText = true;
    QString text;         // text node
    QString parameter;    // expression: the variable
    QString function;     // expression: "" for ${var}, else ":=", "^^", "#", "//", ...
    std::vector<Node> arguments; // expression: each a text or a nested expression
};

bool isIdentifier(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

class Parser
{
public:
    explicit Parser(QStringView text)
        : m_text(text)
    {
    }

    std::optional<QList<Node>> parseAll()
    {
        QList<Node> nodes;
        QString text;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == u'$' && peek(1) == u'{') {
                if (!text.isEmpty())
                    nodes.append(Node{true, std::exchange(text, {}), {}, {}, {}});
                m_pos += 2;
                Node expression;
                if (!parseExpression(expression))
                    return std::nullopt;
                nodes.append(std::move(expression));
                continue;
            }
            // "$$" is an escaped dollar: it writes one, and what follows is plain text.
            if (c == u'$' && peek(1) == u'$') {
                text += u'$';
                m_pos += 2;
                continue;
            }
            text += c;
            ++m_pos;
        }
        if (!text.isEmpty())
            nodes.append(Node{true, text, {}, {}, {}});
        return nodes;
    }

    const QString &error() const { return m_error; }

private:
    QChar peek(qsizetype ahead = 0) const
    {
        const qsizetype at = m_pos + ahead;
        return at < m_text.size() ? m_text[at] : QChar();
    }

    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }

    QString identifier()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && isIdentifier(m_text[m_pos]))
            ++m_pos;
        return m_text.mid(start, m_pos - start).toString();
    }

    bool closeBrace()
    {
        if (peek() != u'}')
            return fail(BadSubstitution);
        ++m_pos;
        return true;
    }

    // One function argument: a nested ${...} or a run of accepted characters. With escapes,
    // "\/" and "\\" stand for "/" and "\" (only inside ${var/from/to}).
    bool parseArgument(Node &out, const std::function<bool(QChar)> &accept, bool escapes)
    {
        if (peek() == u'$' && peek(1) == u'{') {
            m_pos += 2;
            return parseExpression(out);
        }
        QString text;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == u'$' && peek(1) == u'{')
                break;
            if (escapes && c == u'\\' && (peek(1) == u'/' || peek(1) == u'\\')) {
                text += peek(1);
                m_pos += 2;
                continue;
            }
            if (!accept(c))
                break;
            text += c;
            ++m_pos;
        }
        if (text.isEmpty())
            return fail(BadFunctionParameter);
        out = Node{true, text, {}, {}, {}};
        return true;
    }

    bool parseArguments(Node &out, const std::function<bool(QChar)> &accept)
    {
        Node argument;
        if (!parseArgument(argument, accept, false))
            return false;
        out.arguments.push_back(std::move(argument));
        return true;
    }

    // After "${": the variable, an optional function and its arguments, and "}".
    bool parseExpression(Node &out)
    {
        out = Node{false, {}, {}, {}, {}};
        const auto notClosing = [](QChar c) { return c != u'}'; };
        if (peek() == u'#') {
            ++m_pos;
            out.function = u"#"_s;
            out.parameter = identifier();
            if (out.parameter.isEmpty())
                return fail(BadSubstitution);
            return closeBrace();
        }
        out.parameter = identifier();
        if (out.parameter.isEmpty())
            return fail(BadVariableName);

        const QChar next = peek();
        if (next == u'}') {
            ++m_pos;
            return true;
        }
        if (next == u'=' || (next == u':' && QStringView(u"=-?+").contains(peek(1)))) {
            const qsizetype length = next == u'=' ? 1 : 2;
            out.function = m_text.mid(m_pos, length).toString();
            m_pos += length;
            while (peek() != u'}') {
                if (!parseArguments(out, notClosing))
                    return false;
            }
            ++m_pos;
            return true;
        }
        if (next == u':') {
            ++m_pos;
            out.function = u":"_s;
            if (!parseArguments(out, [](QChar c) { return c != u':' && c != u'}'; }))
                return false;
            if (peek() == u'}') {
                ++m_pos;
                return true;
            }
            if (peek() != u':')
                return fail(BadSubstitution);
            ++m_pos;
            if (!parseArguments(out, notClosing))
                return false;
            return closeBrace();
        }
        if (next == u',' || next == u'^') {
            while (out.function.size() < 2 && (peek() == u',' || peek() == u'^'))
                out.function += m_text[m_pos++];
            return closeBrace();
        }
        if (next == u'#' || next == u'%') {
            while (out.function.size() < 2 && peek() == next)
                out.function += m_text[m_pos++];
            if (!parseArguments(out, notClosing))
                return false;
            return closeBrace();
        }
        if (next == u'/') {
            out.function = u"/"_s;
            ++m_pos;
            if (peek() == u'/' || peek() == u'#' || peek() == u'%')
                out.function += m_text[m_pos++];
            Node from;
            if (!parseArgument(from, [](QChar c) { return c != u'/'; }, true))
                return false;
            out.arguments.push_back(std::move(from));
            if (peek() != u'/')
                return fail(BadSubstitution);
            ++m_pos;
            if (peek() == u'}') {
                ++m_pos;
                return true;
            }
            Node to;
            if (!parseArgument(to, notClosing, true))
                return false;
            out.arguments.push_back(std::move(to));
            return closeBrace();
        }
        return fail(MissingClosingBrace);
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

// Go's path.Match: '*' and '?' never match '/', [...] classes with ranges and '^'.
// Returns nullopt for a malformed pattern.
std::optional<bool> globMatch(QStringView pattern, QStringView name)
{
    if (pattern.isEmpty())
        return name.isEmpty();
    const QChar p = pattern.front();
    if (p == u'*') {
        for (qsizetype i = 0; i <= name.size(); ++i) {
            const auto rest = globMatch(pattern.mid(1), name.mid(i));
            if (!rest || *rest)
                return rest;
            if (i < name.size() && name[i] == u'/')
                break;
        }
        return false;
    }
    if (p == u'?') {
        if (name.isEmpty() || name.front() == u'/')
            return false;
        return globMatch(pattern.mid(1), name.mid(1));
    }
    if (p == u'[') {
        qsizetype i = 1;
        bool negate = false;
        if (i < pattern.size() && pattern[i] == u'^') {
            negate = true;
            ++i;
        }
        bool matched = false;
        bool closed = false;
        const QChar c = name.isEmpty() ? QChar() : name.front();
        for (bool first = true; i < pattern.size(); first = false) {
            if (pattern[i] == u']' && !first) {
                closed = true;
                ++i;
                break;
            }
            QChar low = pattern[i];
            if (low == u'\\' && i + 1 < pattern.size())
                low = pattern[++i];
            ++i;
            QChar high = low;
            if (i + 1 < pattern.size() && pattern[i] == u'-' && pattern[i + 1] != u']') {
                high = pattern[i + 1];
                if (high == u'\\' && i + 2 < pattern.size()) {
                    high = pattern[i + 2];
                    ++i;
                }
                i += 2;
            }
            if (!name.isEmpty() && c >= low && c <= high)
                matched = true;
        }
        if (!closed)
            return std::nullopt;
        if (name.isEmpty() || c == u'/' || matched == negate)
            return false;
        return globMatch(pattern.mid(i), name.mid(1));
    }
    QChar literal = p;
    qsizetype width = 1;
    if (p == u'\\') {
        if (pattern.size() < 2)
            return std::nullopt;
        literal = pattern[1];
        width = 2;
    }
    if (name.isEmpty() || name.front() != literal)
        return false;
    return globMatch(pattern.mid(width), name.mid(1));
}

QString trimPrefix(const QString &s, const QString &pattern, bool longest)
{
    QString match;
    for (qsizetype length = s.size(); length > 0; --length) {
        const auto matched = globMatch(pattern, QStringView(s).left(length));
        if (!matched)
            return s;
        if (*matched) {
            match = s.left(length);
            if (longest)
                break;
        }
    }
    return match.isEmpty() ? s : s.mid(match.size());
}

QString reversed(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = s.size() - 1; i >= 0; --i)
        out += s[i];
    return out;
}

QString substring(const QString &value, const QStringList &arguments)
{
    // Offsets count bytes, as Go's string slicing does.
    const QByteArray bytes = value.toUtf8();
    bool ok = false;
    qsizetype position = arguments.value(0).toLongLong(&ok);
    if (!ok)
        return value;
    if (position < 0)
        position = qMax<qsizetype>(0, bytes.size() + position);
    if (arguments.size() == 1)
        return position < bytes.size() ? QString::fromUtf8(bytes.mid(position)) : QString();
    const qsizetype length = arguments.value(1).toLongLong(&ok);
    if (!ok)
        return value;
    if (position + length >= bytes.size())
        return position < bytes.size() ? QString::fromUtf8(bytes.mid(position)) : QString();
    return QString::fromUtf8(bytes.mid(position, length));
}

QString apply(const QString &function, const QString &value, const QStringList &arguments)
{
    if (function == u"#")
        return arguments.isEmpty() ? QString::number(value.toUtf8().size()) : trimPrefix(value, arguments[0], false);
    if (function == u"##")
        return trimPrefix(value, arguments[0], true);
    if (function == u"%" || function == u"%%")
        return reversed(trimPrefix(reversed(value), reversed(arguments[0]), function == u"%%"));
    if (function == u"^^")
        return value.toUpper();
    if (function == u",,")
        return value.toLower();
    if (function == u"^" || function == u",") {
        if (value.isEmpty())
            return value;
        const qsizetype width = value.front().isHighSurrogate() && value.size() > 1 ? 2 : 1;
        const QString head = value.left(width);
        return (function == u"^" ? head.toUpper() : head.toLower()) + value.mid(width);
    }
    if (function == u":")
        return substring(value, arguments);
    if (function.startsWith(u'/')) {
        const QString from = arguments.value(0);
        const QString to = arguments.value(1);
        QString result = value;
        if (function == u"//")
            return result.replace(from, to);
        if (function == u"/#")
            return arguments.size() == 2 && value.startsWith(from) ? to + value.mid(from.size()) : value;
        if (function == u"/%")
            return arguments.size() == 2 && value.endsWith(from) ? value.chopped(from.size()) + to : value;
        const qsizetype at = value.indexOf(from);
        return at < 0 ? value : result.replace(at, from.size(), to);
    }
    // ${var}, and every default form: the default when the value is empty.
    if (value.isEmpty() && !arguments.isEmpty())
        return arguments.join(QString());
    return value;
}

bool isDefaultFunction(const QString &function)
{
    return function == u"=" || function == u":=" || function == u":-" || function == u":?" || function == u":+";
}

class Evaluator
{
public:
    Evaluator(const QMap<QString, QString> &variables, bool strict)
        : m_variables(variables)
        , m_strict(strict)
    {
    }

    bool evaluate(const QList<Node> &nodes, QString &out)
    {
        for (const Node &node : nodes) {
            if (!evaluate(node, out))
                return false;
        }
        return true;
    }

    const QString &error() const { return m_error; }

private:
    bool evaluate(const Node &node, QString &out)
    {
        if (node.isText) {
            out += node.text;
            return true;
        }
        QStringList arguments;
        for (const Node &argument : node.arguments) {
            QString value;
            if (!evaluate(argument, value))
                return false;
            arguments.append(value);
        }
        const auto found = m_variables.constFind(node.parameter);
        if (found == m_variables.cend() && m_strict
            && !(isDefaultFunction(node.function) && !arguments.isEmpty())) {
            m_error = u"variable not set (strict mode): \"%1\""_s.arg(node.parameter);
            return false;
        }
        out += apply(node.function, found == m_variables.cend() ? QString() : *found, arguments);
        return true;
    }

    const QMap<QString, QString> &m_variables;
    bool m_strict;
    QString m_error;
};

} // namespace

Domain::Result<QString> envsubst(const QString &text, const QMap<QString, QString> &variables, bool strict)
{
    Parser parser(text);
    const auto nodes = parser.parseAll();
    if (!nodes)
        return Domain::failure(parser.error());
    Evaluator evaluator(variables, strict);
    QString out;
    out.reserve(text.size());
    if (!evaluator.evaluate(*nodes, out))
        return Domain::failure(evaluator.error());
    return out;
}

} // namespace Fluxdeck::Sandbox
