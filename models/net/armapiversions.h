#pragma once

#include <QList>
#include <QString>

namespace Fluxdeck::Net {

// The one table of api-versions Fluxdeck speaks, per resource type: stable (non-preview)
// versions, each also served by the sandbox. Change a version here and nowhere else.
struct ArmApiVersion
{
    QString resourceType;   // "Microsoft.KubernetesConfiguration/fluxConfigurations"
    QString apiVersion;     // "2025-04-01"
};

const QList<ArmApiVersion> &armApiVersions();

// The api-version for a path (or URL): that of its resource type, or of the nearest enclosing
// type in the table (an action on a cluster uses the cluster's); empty when none is known.
QString armApiVersion(QStringView path);

} // namespace Fluxdeck::Net
