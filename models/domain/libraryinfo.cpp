#include "libraryinfo.h"

namespace Fluxdeck::Domain {

QString fluxdeckVersion()
{
    return QStringLiteral(FLUXDECK_VERSION);
}

QString yamlCppVersion()
{
    return QStringLiteral(FLUXDECK_YAMLCPP_VERSION);
}

} // namespace Fluxdeck::Domain
