#pragma once

#include "kql/ast.h"

#include <QJsonArray>

namespace Fluxdeck::Sandbox::Kql {

// Runs a bound query's operators over a table's rows (JSON objects; anything else is skipped).
// Each operator makes one pass, summarize and distinct hash their keys, sorts are stable and
// compute their keys once per row: the cost grows as n log n at worst.
QJsonArray execute(const Query &query, const QJsonArray &table);

} // namespace Fluxdeck::Sandbox::Kql
