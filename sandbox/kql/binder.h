#pragma once

#include "kql/ast.h"
#include "kql/queryerror.h"

#include <expected>

namespace Fluxdeck::Sandbox::Kql {

// The columns every Resource Graph table has ('resources', 'resourcecontainers',
// 'kubernetesconfigurationresources', ...), in Azure's order, typed as Azure types them.
Schema resourceGraphSchema();

// Kusto's semantic analysis for the subset: names resolve (case-sensitively), types fit,
// aggregations appear only in summarize, summarize and order by refuse dynamic keys. Annotates
// the query in place (expression types, inferred column names, each operator's output) and
// returns the result's columns. Runs before any row is read, so errors do not depend on data.
std::expected<Schema, QueryError> bind(Query &query, const Schema &input);

} // namespace Fluxdeck::Sandbox::Kql
