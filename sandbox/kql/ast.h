#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <vector>

// The parsed form of a query. The parser builds it, the binder annotates it (types, resolved
// column names, each operator's output schema), the executor runs it.
namespace Fluxdeck::Sandbox::Kql {

// Kusto's static types, as far as the subset needs them: they decide comparison semantics and
// which operators refuse a value (summarize by and order by refuse dynamic, as Azure does).
enum class Type { Dynamic, String, Long, Real, Bool };

QString typeName(Type type);

// Where a row keeps a column's value: a table column is read from the row's JSON object under
// sourceName (slot -1); a computed one (extend, project, summarize) sits in the row's cells.
struct Column
{
    QString name;
    Type type = Type::Dynamic;
    qsizetype slot = -1;
    QString sourceName;
};
using Schema = QList<Column>;

enum class Function {
    ToString,
    ToLower,
    ToUpper,
    StrCat,
    Iff,
    Coalesce,
    Split,
    IsEmpty,
    IsNotEmpty,
    IsNull,
    IsNotNull,
    Not,
    ToLong,
    ToDouble,
    ToBool,
    // Aggregations, valid only in summarize.
    Count,
    CountIf,
    DCount,
};

struct FunctionInfo
{
    QString name;
    Function function;
    int minArguments;
    int maxArguments;
    bool aggregation;
};

// The supported functions by their (case-sensitive) KQL name, aliases included; nullptr if unknown.
const FunctionInfo *findFunction(QStringView name);
QStringList functionNames(bool aggregations);

enum class BinaryOperator {
    Or,
    And,
    Equal,
    NotEqual,
    EqualCi,
    NotEqualCi,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Has,
    NotHas,
    HasCs,
    NotHasCs,
    Contains,
    NotContains,
    ContainsCs,
    NotContainsCs,
    StartsWith,
    NotStartsWith,
    StartsWithCs,
    NotStartsWithCs,
    EndsWith,
    NotEndsWith,
    EndsWithCs,
    NotEndsWithCs,
    In,
    NotIn,
    InCi,
    NotInCi,
};

QString operatorText(BinaryOperator op);
// A comparison or string operator by its KQL spelling (not and/or); false when unknown.
bool findComparison(QStringView text, BinaryOperator *op);
bool isInOperator(BinaryOperator op);

struct Expression
{
    enum class Kind {
        Literal,  // literal
        Column,   // name
        Member,   // operands[0].name
        Index,    // operands[0][operands[1]]
        Call,     // function(operands...)
        Binary,   // operands[0] op operands[1]; for in-operators operands[1..] is the list
    };

    Kind kind = Kind::Literal;
    qsizetype position = -1;
    QJsonValue literal;   // Literal
    QString name;         // Literal: its KQL string form; Column, Member: the name; Call: the function as written
    Function function = Function::ToString;    // Call
    BinaryOperator op = BinaryOperator::Equal; // Binary
    std::vector<std::unique_ptr<Expression>> operands;
    int height = 1;  // levels below and including this node; the parser bounds it
    // Set by the binder.
    Type type = Type::Dynamic;
    qsizetype slot = -1;  // Column: the cell it reads, or -1 to read sourceName from the row's object
    QString sourceName;
};
using ExpressionPtr = std::unique_ptr<Expression>;

// `name = expression`; name is empty until the binder infers it when the query gives none.
struct NamedExpression
{
    QString name;
    ExpressionPtr expression;
    qsizetype namePosition = -1;  // where the query gives the name, -1 when it gives none
};

struct SortKey
{
    ExpressionPtr expression;
    bool ascending = false;   // KQL sorts descending unless told otherwise
    bool nullsFirst = false;  // defaults follow the direction: asc nulls first, desc nulls last
};

struct ColumnPattern
{
    QString pattern;  // a column name, '*' matching any run of characters
    qsizetype position = -1;
};

struct Operator
{
    enum class Kind { Where, Project, ProjectAway, ProjectRename, Extend, Summarize, Sort, Take, Top, Distinct, Count };

    Kind kind = Kind::Where;
    QString name;  // as written: "sort" or "order", "take" or "limit"
    qsizetype position = -1;
    ExpressionPtr predicate;               // where
    std::vector<NamedExpression> columns;  // project, extend, distinct, summarize's aggregations,
                                           // project-rename (new name = old column)
    std::vector<NamedExpression> groupBy;  // summarize ... by
    std::vector<ColumnPattern> patterns;   // project-away
    std::vector<SortKey> sortKeys;         // order by, top
    qint64 rowCount = 0;                   // take, top
    bool allColumns = false;               // distinct *

    // Set by the binder: the columns after this operator, and the keys of the row's JSON object
    // that are no longer columns (projected away, renamed, replaced) and must not be output.
    Schema output;
    QStringList hiddenSourceKeys;
};

struct Query
{
    QString table;
    qsizetype tablePosition = 0;
    std::vector<Operator> operators;
};

// A compact text form, one line, with every binary expression in parentheses: tests compare it.
QString describe(const Expression &expression);
QString describe(const Query &query);

} // namespace Fluxdeck::Sandbox::Kql
