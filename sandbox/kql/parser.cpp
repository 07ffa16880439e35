#include "kql/parser.h"

#include "kql/lexer.h"
#include "kql/value.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox::Kql {

namespace {

// Deep enough for any real query, shallow enough that a hostile one cannot exhaust the stack:
// the parser recurses per parenthesis or call, the binder and evaluator per tree level, and a
// chain like 'a or b or c ...' grows the tree without any parenthesis.
constexpr int maximumDepth = 128;
constexpr int maximumHeight = 256;

bool contains(std::initializer_list<QStringView> list, QStringView word)
{
    for (QStringView item : list) {
        if (item == word)
            return true;
    }
    return false;
}

// KQL's other tabular operators: refused by name, as Unsupported rather than as typos.
bool isOtherKqlOperator(QStringView name)
{
    return contains({u"join", u"union", u"lookup", u"mv-expand", u"mvexpand", u"mv-apply", u"mvapply", u"parse",
                     u"parse-where", u"parse-kv", u"make-series", u"render", u"evaluate", u"as", u"serialize",
                     u"sample", u"sample-distinct", u"top-nested", u"top-hitters", u"getschema", u"invoke", u"facet",
                     u"fork", u"partition", u"scan", u"search", u"find", u"project-keep", u"project-reorder",
                     u"reduce", u"consume", u"filter", u"make-graph", u"graph-match", u"graph-to-table",
                     u"macro-expand", u"assert-schema", u"externaldata", u"datatable", u"print", u"range"},
                    name);
}

bool isStatementKeyword(QStringView word)
{
    return contains({u"let", u"set", u"declare", u"alias", u"pattern", u"restrict"}, word);
}

// Operators that produce a table without reading one; a query starting with them has no table.
bool isSourceOperator(QStringView word)
{
    return contains({u"print", u"datatable", u"range", u"union", u"search", u"find", u"externaldata", u"evaluate"},
                    word);
}

bool isOtherScalarOperator(QStringView word)
{
    return contains({u"matches", u"!matches", u"has_any", u"has_all", u"hasprefix", u"!hasprefix", u"hassuffix",
                     u"!hassuffix", u"hasprefix_cs", u"!hasprefix_cs", u"hassuffix_cs", u"!hassuffix_cs",
                     u"between", u"!between", u"contains_any", u"has_any_cs"},
                    word);
}

QString supportedComparisons()
{
    return u"==, !=, =~, !~, <, <=, >, >=, has, contains, startswith, endswith (each also negated with ! and "
           u"case-sensitive with _cs), in, !in, in~, !in~, and, or"_s;
}

class Parser
{
public:
    explicit Parser(QStringView query)
        : m_query(query)
        , m_tokens(tokenize(query))
    {
    }

    std::expected<Query, QueryError> run()
    {
        Query query;
        if (parseSource(query)) {
            while (!m_error) {
                if (consume(u'|')) {
                    parseOperator(query);
                } else if (consume(u';')) {
                    if (peek().kind != Token::Kind::End)
                        fail(unexpected(peek(), u"the end of the query after ';'"_s));
                    break;
                } else if (peek().kind == Token::Kind::End) {
                    break;
                } else {
                    fail(unexpected(peek(), u"'|' or the end of the query"_s));
                }
            }
        }
        if (m_error)
            return std::unexpected(*m_error);
        return query;
    }

private:
    const Token &peek(qsizetype ahead = 0) const
    {
        return m_tokens[std::min(m_index + ahead, m_tokens.size() - 1)];
    }

    const Token &advance()
    {
        const Token &token = peek();
        if (m_index < m_tokens.size() - 1)
            ++m_index;
        return token;
    }

    bool atPunctuation(char16_t c, qsizetype ahead = 0) const
    {
        const Token &token = peek(ahead);
        return token.kind == Token::Kind::Punctuation && token.text.front() == QChar(c);
    }

    bool atWord(QStringView word, qsizetype ahead = 0) const { return peek(ahead).is(Token::Kind::Identifier, word); }

    bool consume(char16_t c)
    {
        if (!atPunctuation(c))
            return false;
        advance();
        return true;
    }

    // ['name']: Kusto's quoting for names that are not identifiers.
    bool atBracketedName(qsizetype ahead = 0) const
    {
        return atPunctuation(u'[', ahead) && peek(ahead + 1).kind == Token::Kind::String
            && atPunctuation(u']', ahead + 2);
    }

    bool fail(QueryError error)
    {
        if (!m_error)
            m_error = std::move(error);
        return false;
    }

    ExpressionPtr failed(QueryError error)
    {
        fail(std::move(error));
        return nullptr;
    }

    QueryError unexpected(const Token &token, const QString &expected) const
    {
        switch (token.kind) {
        case Token::Kind::Error:
            return syntaxError(token.position, token.text);
        case Token::Kind::End:
            return syntaxError(token.position, u"Unexpected end of query: expected "_s % expected);
        default:
            return syntaxError(token.position, u"Expected "_s % expected % u" but found '"_s
                                   % m_query.sliced(token.position, token.length) % u'\'');
        }
    }

    bool parseSource(Query &query)
    {
        const Token &token = peek();
        if (token.kind != Token::Kind::Identifier)
            return fail(unexpected(token, u"a table name"_s));
        if (isStatementKeyword(token.text)) {
            return fail(unsupportedError(token.position, token.text, u"Unsupported statement '"_s % token.text % u'\'',
                                         u"A query is a table name followed by '|' and operators."_s));
        }
        if (isSourceOperator(token.text)) {
            return fail(unsupportedError(token.position, token.text, u"Unsupported operator '"_s % token.text % u'\'',
                                         u"A query starts with a table name, such as 'resources'."_s));
        }
        query.table = token.text;
        query.tablePosition = token.position;
        advance();
        return true;
    }

    bool parseOperator(Query &query)
    {
        const Token &first = peek();
        if (first.kind != Token::Kind::Identifier)
            return fail(unexpected(first, u"a query operator after '|'"_s));
        advance();
        // project-away, mv-expand: the lexer sees word '-' word; Kusto writes them without spaces.
        QString name = first.text;
        qsizetype end = first.end();
        while (atPunctuation(u'-') && peek().position == end && peek(1).kind == Token::Kind::Identifier
               && peek(1).position == end + 1) {
            name += u'-' % peek(1).text;
            end = peek(1).end();
            advance();
            advance();
        }

        Operator op;
        op.name = name;
        op.position = first.position;
        bool ok = true;
        if (name == u"where") {
            op.kind = Operator::Kind::Where;
            op.predicate = parseExpression();
            ok = op.predicate != nullptr;
        } else if (name == u"project" || name == u"extend") {
            op.kind = name == u"project" ? Operator::Kind::Project : Operator::Kind::Extend;
            ok = parseNamedList(op.columns, true);
        } else if (name == u"project-away") {
            op.kind = Operator::Kind::ProjectAway;
            ok = parsePatterns(op.patterns);
        } else if (name == u"project-rename") {
            op.kind = Operator::Kind::ProjectRename;
            ok = parseRenames(op.columns);
        } else if (name == u"summarize") {
            op.kind = Operator::Kind::Summarize;
            if (!atWord(u"by"))
                ok = parseNamedList(op.columns, true);
            if (ok && atWord(u"by")) {
                advance();
                ok = parseNamedList(op.groupBy, true);
            }
        } else if (name == u"order" || name == u"sort") {
            op.kind = Operator::Kind::Sort;
            ok = expectWord(u"by"_s);
            while (ok) {
                op.sortKeys.emplace_back();
                ok = parseSortKey(op.sortKeys.back());
                if (!consume(u','))
                    break;
            }
        } else if (name == u"take" || name == u"limit") {
            op.kind = Operator::Kind::Take;
            ok = parseRowCount(op);
        } else if (name == u"top") {
            op.kind = Operator::Kind::Top;
            op.sortKeys.emplace_back();
            ok = parseRowCount(op) && expectWord(u"by"_s) && parseSortKey(op.sortKeys.back());
        } else if (name == u"distinct") {
            op.kind = Operator::Kind::Distinct;
            op.allColumns = consume(u'*');
            if (!op.allColumns)
                ok = parseNamedList(op.columns, false);
        } else if (name == u"count") {
            op.kind = Operator::Kind::Count;
        } else if (isOtherKqlOperator(name)) {
            return fail(unsupportedError(first.position, name, u"Unsupported operator '"_s % name % u'\'',
                                         u"Supported: "_s % supportedOperators().join(u", "_s) % u'.'));
        } else if (supportedOperators().contains(name.toLower()) || name.toLower() == u"order"
                   || name.toLower() == u"sort") {
            return fail(syntaxError(first.position, u"Unknown query operator '"_s % name % u'\'',
                                    u"Operator names are case-sensitive: use '"_s % name.toLower() % u"'."_s));
        } else {
            return fail(syntaxError(first.position, u"Unknown query operator '"_s % name % u'\'',
                                    u"Supported: "_s % supportedOperators().join(u", "_s) % u'.'));
        }
        if (ok)
            query.operators.push_back(std::move(op));
        return ok;
    }

    bool expectWord(const QString &word)
    {
        if (!atWord(word))
            return fail(unexpected(peek(), u'\'' % word % u'\''));
        advance();
        return true;
    }

    bool parseNamedList(std::vector<NamedExpression> &list, bool allowNames)
    {
        do {
            NamedExpression named;
            if (allowNames && peek().kind == Token::Kind::Identifier && atPunctuation(u'=', 1)) {
                named.namePosition = peek().position;
                named.name = advance().text;
                advance();
            } else if (allowNames && atBracketedName() && atPunctuation(u'=', 3)) {
                named.namePosition = peek().position;
                named.name = peek(1).text;
                for (int i = 0; i < 4; ++i)
                    advance();
            }
            named.expression = parseExpression();
            if (!named.expression)
                return false;
            list.push_back(std::move(named));
        } while (consume(u','));
        return true;
    }

    bool parsePatterns(std::vector<ColumnPattern> &patterns)
    {
        do {
            const Token &first = peek();
            ColumnPattern pattern{{}, first.position};
            if (atBracketedName()) {
                pattern.pattern = peek(1).text;
                for (int i = 0; i < 3; ++i)
                    advance();
            } else if (first.kind == Token::Kind::Identifier || atPunctuation(u'*')) {
                // prop*, *State: adjacent words and stars form one wildcard pattern.
                qsizetype end = first.position;
                while ((peek().kind == Token::Kind::Identifier || atPunctuation(u'*')) && peek().position == end) {
                    pattern.pattern += peek().text;
                    end = advance().end();
                }
            } else {
                return fail(unexpected(first, u"a column name"_s));
            }
            patterns.push_back(std::move(pattern));
        } while (consume(u','));
        return true;
    }

    bool parseRenames(std::vector<NamedExpression> &list)
    {
        do {
            NamedExpression named;
            named.namePosition = peek().position;
            if (peek().kind == Token::Kind::Identifier) {
                named.name = advance().text;
            } else if (atBracketedName()) {
                named.name = peek(1).text;
                for (int i = 0; i < 3; ++i)
                    advance();
            } else {
                return fail(unexpected(peek(), u"a new column name"_s));
            }
            if (!consume(u'='))
                return fail(unexpected(peek(), u"'='"_s));
            const Token &old = peek();
            if (old.kind == Token::Kind::Identifier) {
                named.expression = column(old.text, old.position);
                advance();
            } else if (atBracketedName()) {
                named.expression = column(peek(1).text, old.position);
                for (int i = 0; i < 3; ++i)
                    advance();
            } else {
                return fail(unexpected(old, u"the name of the column to rename"_s));
            }
            list.push_back(std::move(named));
        } while (consume(u','));
        return true;
    }

    bool parseSortKey(SortKey &key)
    {
        key.expression = parseExpression();
        if (!key.expression)
            return false;
        if (atWord(u"asc")) {
            key.ascending = true;
            advance();
        } else if (atWord(u"desc")) {
            advance();
        }
        key.nullsFirst = key.ascending;
        if (atWord(u"nulls")) {
            advance();
            if (atWord(u"first"))
                key.nullsFirst = true;
            else if (atWord(u"last"))
                key.nullsFirst = false;
            else
                return fail(unexpected(peek(), u"'first' or 'last'"_s));
            advance();
        }
        return true;
    }

    bool parseRowCount(Operator &op)
    {
        const Token &token = peek();
        bool ok = false;
        if (token.kind == Token::Kind::Number)
            op.rowCount = token.text.toLongLong(&ok);
        if (!ok)
            return fail(unexpected(token, u"a row count (a whole number) after '"_s % op.name % u'\''));
        advance();
        return true;
    }

    // Kusto's precedence, loosest first: or, and, comparisons; then postfix . and [].
    ExpressionPtr parseExpression() { return parseOr(); }

    ExpressionPtr parseOr()
    {
        ExpressionPtr left = parseAnd();
        while (left && atWord(u"or")) {
            const qsizetype position = advance().position;
            ExpressionPtr right = parseAnd();
            if (!right)
                return nullptr;
            left = withHeight(binary(BinaryOperator::Or, position, std::move(left), std::move(right)));
        }
        return left;
    }

    ExpressionPtr parseAnd()
    {
        ExpressionPtr left = parseComparison();
        while (left && atWord(u"and")) {
            const qsizetype position = advance().position;
            ExpressionPtr right = parseComparison();
            if (!right)
                return nullptr;
            left = withHeight(binary(BinaryOperator::And, position, std::move(left), std::move(right)));
        }
        return left;
    }

    ExpressionPtr parseComparison()
    {
        ExpressionPtr left = parsePostfix();
        while (left) {
            const Token &token = peek();
            const bool wordLike = token.kind == Token::Kind::Identifier || token.kind == Token::Kind::Operator;
            BinaryOperator op;
            if (wordLike && findComparison(token.text, &op)) {
                advance();
                if (isInOperator(op)) {
                    left = parseInList(op, token.position, std::move(left));
                    continue;
                }
                ExpressionPtr right = parsePostfix();
                if (!right)
                    return nullptr;
                left = withHeight(binary(op, token.position, std::move(left), std::move(right)));
            } else if (wordLike && isOtherScalarOperator(token.text)) {
                const QString name = token.text.endsWith(u"matches") && atWord(u"regex", 1)
                    ? token.text % u" regex"_s
                    : token.text;
                return failed(unsupportedError(token.position, name, u"Unsupported operator '"_s % name % u'\'',
                                               u"Supported: "_s % supportedComparisons() % u'.'));
            } else if (token.kind == Token::Kind::Operator) {
                return failed(syntaxError(token.position, u"Unknown operator '"_s % token.text % u'\'',
                                          u"Supported: "_s % supportedComparisons() % u'.'));
            } else if (token.kind == Token::Kind::Punctuation && QStringView(u"+-*/%").contains(token.text.front())) {
                return failed(unsupportedError(token.position, token.text,
                                               u"Unsupported arithmetic operator '"_s % token.text % u'\''));
            } else if (atPunctuation(u'=')) {
                return failed(syntaxError(token.position, u"Unexpected '='"_s, u"Compare with '=='."_s));
            } else {
                break;
            }
        }
        return left;
    }

    ExpressionPtr parseInList(BinaryOperator op, qsizetype position, ExpressionPtr left)
    {
        if (!consume(u'('))
            return failed(unexpected(peek(), u"'(' and a list of values after '"_s % operatorText(op) % u'\''));
        auto in = node(Expression::Kind::Binary, position);
        in->op = op;
        in->operands.push_back(std::move(left));
        do {
            ExpressionPtr item = parseExpression();
            if (!item)
                return nullptr;
            in->operands.push_back(std::move(item));
        } while (consume(u','));
        if (!consume(u')'))
            return failed(unexpected(peek(), u"',' or ')'"_s));
        return withHeight(std::move(in));
    }

    ExpressionPtr parsePostfix()
    {
        ExpressionPtr expression = parsePrimary();
        while (expression) {
            if (atPunctuation(u'.')) {
                const qsizetype position = advance().position;
                const Token &name = peek();
                if (name.kind != Token::Kind::Identifier)
                    return failed(unexpected(name, u"a property name after '.'"_s));
                advance();
                auto member = node(Expression::Kind::Member, position);
                member->name = name.text;
                member->operands.push_back(std::move(expression));
                expression = withHeight(std::move(member));
            } else if (atPunctuation(u'[')) {
                const qsizetype position = advance().position;
                ExpressionPtr index = parseExpression();
                if (!index)
                    return nullptr;
                if (!consume(u']'))
                    return failed(unexpected(peek(), u"']'"_s));
                auto indexed = node(Expression::Kind::Index, position);
                indexed->operands.push_back(std::move(expression));
                indexed->operands.push_back(std::move(index));
                expression = withHeight(std::move(indexed));
            } else {
                break;
            }
        }
        return expression;
    }

    ExpressionPtr parsePrimary()
    {
        const Token &token = peek();
        if (m_depth >= maximumDepth)
            return failed(syntaxError(token.position, u"The expression is nested too deeply"_s));
        ++m_depth;
        ExpressionPtr expression = parsePrimaryAtDepth(token);
        --m_depth;
        return expression;
    }

    ExpressionPtr parsePrimaryAtDepth(const Token &token)
    {
        switch (token.kind) {
        case Token::Kind::String:
            advance();
            return literal(QJsonValue(token.text), Type::String, token.position);
        case Token::Kind::Number:
            advance();
            return number(token.text, token.position);
        case Token::Kind::Timespan:
            return failed(unsupportedError(token.position, u"timespan"_s,
                                           u"Unsupported literal '"_s % token.text % u'\'',
                                           u"Timespan and hexadecimal literals are not supported."_s));
        case Token::Kind::Identifier:
            if (atPunctuation(u'(', 1))
                return parseCall();
            advance();
            if (token.text.compare(u"true"_s, Qt::CaseInsensitive) == 0)
                return literal(QJsonValue(true), Type::Bool, token.position);
            if (token.text.compare(u"false"_s, Qt::CaseInsensitive) == 0)
                return literal(QJsonValue(false), Type::Bool, token.position);
            return column(token.text, token.position);
        case Token::Kind::Punctuation:
            if (consume(u'(')) {
                ExpressionPtr inner = parseExpression();
                if (inner && !consume(u')'))
                    return failed(unexpected(peek(), u"')'"_s));
                return inner;
            }
            if (atBracketedName()) {
                const Token &name = peek(1);
                for (int i = 0; i < 3; ++i)
                    advance();
                return column(name.text, token.position);
            }
            if (atPunctuation(u'-') && peek(1).kind == Token::Kind::Number && peek(1).position == token.end()) {
                advance();
                return number(u'-' % advance().text, token.position);
            }
            if (atPunctuation(u'-'))
                return failed(unsupportedError(token.position, u"-"_s, u"Unsupported arithmetic operator '-'"_s));
            break;
        case Token::Kind::End:
        case Token::Kind::Error:
        case Token::Kind::Operator:
            break;
        }
        return failed(unexpected(token, u"an expression"_s));
    }

    ExpressionPtr parseCall()
    {
        const Token &name = advance();
        advance();  // '('
        const FunctionInfo *info = findFunction(name.text);
        if (!info && findFunction(name.text.toLower())) {
            return failed(syntaxError(name.position, u"Unknown function '"_s % name.text % u'\'',
                                      u"Function names are case-sensitive: use '"_s % name.text.toLower() % u"'."_s));
        }
        if (!info) {
            return failed(unsupportedError(name.position, name.text, u"Unsupported function '"_s % name.text % u'\'',
                                           u"Supported: "_s % functionNames(false).join(u", "_s)
                                               % u"; in summarize: "_s % functionNames(true).join(u", "_s) % u'.'));
        }
        auto call = node(Expression::Kind::Call, name.position);
        call->name = name.text;
        call->function = info->function;
        if (!atPunctuation(u')')) {
            do {
                ExpressionPtr argument = parseExpression();
                if (!argument)
                    return nullptr;
                call->operands.push_back(std::move(argument));
            } while (consume(u','));
        }
        if (!consume(u')'))
            return failed(unexpected(peek(), u"',' or ')'"_s));
        return withHeight(std::move(call));
    }

    ExpressionPtr withHeight(ExpressionPtr expression)
    {
        int height = 0;
        for (const ExpressionPtr &operand : expression->operands)
            height = std::max(height, operand->height);
        expression->height = height + 1;
        if (expression->height > maximumHeight) {
            return failed(syntaxError(expression->position, u"The expression is too deeply nested or too long"_s,
                                      u"At most "_s % QString::number(maximumHeight) % u" levels are supported."_s));
        }
        return expression;
    }

    static ExpressionPtr node(Expression::Kind kind, qsizetype position)
    {
        auto expression = std::make_unique<Expression>();
        expression->kind = kind;
        expression->position = position;
        return expression;
    }

    static ExpressionPtr literal(QJsonValue value, Type type, qsizetype position)
    {
        auto expression = node(Expression::Kind::Literal, position);
        expression->type = type;
        expression->name = toText(value);  // cached: string operators read it for every row
        expression->literal = std::move(value);
        return expression;
    }

    ExpressionPtr number(const QString &text, qsizetype position)
    {
        bool ok = false;
        if (!text.contains(u'.') && !text.contains(u'e', Qt::CaseInsensitive)) {
            const qint64 integer = text.toLongLong(&ok);
            if (ok)
                return literal(QJsonValue(integer), Type::Long, position);
        }
        const double real = text.toDouble(&ok);
        if (!ok)
            return failed(syntaxError(position, u"Invalid number '"_s % text % u'\''));
        return literal(QJsonValue(real), Type::Real, position);
    }

    static ExpressionPtr column(const QString &name, qsizetype position)
    {
        auto expression = node(Expression::Kind::Column, position);
        expression->name = name;
        return expression;
    }

    static ExpressionPtr binary(BinaryOperator op, qsizetype position, ExpressionPtr left, ExpressionPtr right)
    {
        auto expression = node(Expression::Kind::Binary, position);
        expression->op = op;
        expression->operands.push_back(std::move(left));
        expression->operands.push_back(std::move(right));
        return expression;
    }

    QStringView m_query;
    QList<Token> m_tokens;
    qsizetype m_index = 0;
    int m_depth = 0;
    std::optional<QueryError> m_error;
};

} // namespace

std::expected<Query, QueryError> parse(QStringView query)
{
    return Parser(query).run();
}

QStringList supportedOperators()
{
    return {u"where"_s,    u"project"_s, u"project-away"_s, u"project-rename"_s, u"extend"_s,
            u"summarize"_s, u"order by"_s, u"sort by"_s,     u"take"_s,           u"limit"_s,
            u"top"_s,      u"distinct"_s, u"count"_s};
}

} // namespace Fluxdeck::Sandbox::Kql
