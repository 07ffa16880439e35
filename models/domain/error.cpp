#include "error.h"

using namespace Qt::StringLiterals;

namespace Fluxdeck::Domain {

QString Error::toString() const
{
    if (detail.isEmpty())
        return message;
    return message % u" ("_s % detail % u')';
}

} // namespace Fluxdeck::Domain
