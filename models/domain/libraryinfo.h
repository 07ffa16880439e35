#pragma once

#include <QString>

namespace Fluxdeck::Domain {

QString fluxdeckVersion();
QString yamlCppVersion();   // the version Fluxdeck was built against (yaml-cpp has no runtime query)

} // namespace Fluxdeck::Domain
