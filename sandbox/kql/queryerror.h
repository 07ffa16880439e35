#pragma once

#include <QString>

namespace Fluxdeck::Sandbox::Kql {

// Why a query was refused, precise enough for a person to fix it: the message names what is
// wrong and where. The endpoint maps kind to Resource Graph's error codes.
struct QueryError
{
    enum class Kind {
        Syntax,        // the text is not a query (ParserFailure in Azure)
        Unsupported,   // valid KQL the sandbox does not implement; `unsupported` names it
        UnknownTable,  // the table name is not one Resource Graph serves
        Semantic,      // well-formed but wrong: an unknown column, a type mismatch
    };

    QString message;      // English, ends with the position, e.g. "... at position 42."
    QString unsupported;  // the operator or function name when kind is Unsupported, else empty
    qsizetype position = -1;  // offset in the query text (UTF-16 code units, from 0)
    Kind kind = Kind::Syntax;
};

// "<what> at position N." plus an optional hint sentence.
QueryError syntaxError(qsizetype position, const QString &what, const QString &hint = {});
QueryError semanticError(qsizetype position, const QString &what, const QString &hint = {});
QueryError unsupportedError(qsizetype position, const QString &name, const QString &what, const QString &hint = {});

} // namespace Fluxdeck::Sandbox::Kql
