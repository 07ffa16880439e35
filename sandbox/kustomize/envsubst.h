#pragma once

#include "error.h"

#include <QMap>
#include <QString>

// Flux's post-build variable substitution language (fluxcd/pkg/envsubst, a fork of
// drone/envsubst), applied to text.
namespace Fluxdeck::Sandbox {

// Replaces ${var} expressions in text:
//   ${var}                         the value ("" when unset, unless strict)
//   ${var:=default} ${var:-default} ${var=default}
//                                  the default when var is unset or empty (Flux treats all
//                                  three alike); defaults may hold ${other}
//   ${#var} ${var^} ${var^^} ${var,} ${var,,} ${var:offset[:length]}
//   ${var#glob} ${var##glob} ${var%glob} ${var%%glob}
//   ${var/from/to} ${var//from/to} ${var/#from/to} ${var/%from/to}
// "$$" writes "$", so "$${var}" escapes an expression; "$var" without braces is left alone.
// In strict mode an unset variable without a default fails with Flux's message
// `variable not set (strict mode): "var"`. Parse errors read "bad substitution",
// "missing closing brace", "unable to parse variable name", ... as Flux words them.
Domain::Result<QString> envsubst(const QString &text, const QMap<QString, QString> &variables, bool strict);

} // namespace Fluxdeck::Sandbox
