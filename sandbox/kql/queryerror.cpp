#include "kql/queryerror.h"

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox::Kql {

namespace {

QString compose(qsizetype position, const QString &what, const QString &hint)
{
    QString message = what % u" at position "_s % QString::number(position) % u'.';
    if (!hint.isEmpty())
        message += u' ' % hint;
    return message;
}

} // namespace

QueryError syntaxError(qsizetype position, const QString &what, const QString &hint)
{
    return {compose(position, what, hint), {}, position, QueryError::Kind::Syntax};
}

QueryError semanticError(qsizetype position, const QString &what, const QString &hint)
{
    return {compose(position, what, hint), {}, position, QueryError::Kind::Semantic};
}

QueryError unsupportedError(qsizetype position, const QString &name, const QString &what, const QString &hint)
{
    return {compose(position, what, hint), name, position, QueryError::Kind::Unsupported};
}

} // namespace Fluxdeck::Sandbox::Kql
