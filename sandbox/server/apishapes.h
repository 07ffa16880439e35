#pragma once

#include <QJsonObject>
#include <QStringView>

namespace Fluxdeck::Sandbox {

// Resource bodies by api-version. The sandbox stores every resource in the newest shape; these
// translate between that shape and the one an older api-version's schema defines, for the types
// whose schemas differ between the versions Azure serves: Microsoft.KubernetesConfiguration
// fluxConfigurations and extensions. Other types, and versions the table does not know, pass
// through unchanged. `type` is the resource's type ("Microsoft.KubernetesConfiguration/extensions"),
// compared without regard to case.

// The resource as `apiVersion` answers it: properties that version does not define are left out,
// renamed ones carry that version's name, and enum values it does not define are left out.
QJsonObject shapeForApiVersion(QStringView type, QStringView apiVersion, QJsonObject resource);

// The `properties` of a PUT or PATCH body written against `apiVersion`, in the stored shape:
// renamed properties take their newest name, and properties that version does not define are
// dropped, as that version's model would never have sent them. Anything else is left as it is.
QJsonObject propertiesFromApiVersion(QStringView type, QStringView apiVersion, QJsonObject properties);

// A PUT replaces what its api-version defines and keeps the stored values of what it does not,
// so an older client cannot wipe settings a newer one made: `incoming` (already through
// propertiesFromApiVersion) with those stored `properties` added back.
QJsonObject keepPropertiesUnknownTo(QStringView type, QStringView apiVersion, const QJsonObject &stored,
                                   QJsonObject incoming);

} // namespace Fluxdeck::Sandbox
