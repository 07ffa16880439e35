#pragma once

#include "appsettings.h"

namespace Fluxdeck::Ui {

// Applies the chosen colour scheme to the whole application. "Follow system" restores the
// platform's own style and palette; light and dark use Fusion with a matching palette so the
// result is the same on every desktop.
void applyTheme(Domain::Theme theme);

} // namespace Fluxdeck::Ui
