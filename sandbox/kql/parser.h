#pragma once

#include "kql/ast.h"
#include "kql/queryerror.h"

#include <QStringView>

#include <expected>

namespace Fluxdeck::Sandbox::Kql {

// Parses `Table | operator ... | operator ...` into an AST. Fails on the first problem in text
// order: a syntax error, or valid KQL outside the subset (QueryError::unsupported names it).
std::expected<Query, QueryError> parse(QStringView query);

// The tabular operators parse() accepts, for messages and documentation.
QStringList supportedOperators();

} // namespace Fluxdeck::Sandbox::Kql
