#pragma once

#include <QIcon>
#include <QPixmap>

namespace Fluxdeck::Ui {

// Fluxdeck's logo, rendered from the SVG in the resources with QtSvg directly, so it shows
// even where Qt's SVG icon-engine plugin is not installed.
QPixmap logoPixmap(int size, qreal devicePixelRatio = 1.0);
QIcon logoIcon();

} // namespace Fluxdeck::Ui
