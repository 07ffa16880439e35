#pragma once

#include "clustershape.h"
#include "error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace Fluxdeck::Sandbox {

// One key of the microsoft.flux extension's configurationSettings. Azure passes every value as
// a string ("true", "70"); the type says what the string must hold.
struct ExtensionSetting
{
    enum class Type {
        Boolean,  // "true" or "false"
        Choice,   // one of allowedValues
        Integer,  // whole number within [minimum, maximum]
        Duration, // Go duration: "500ms", "1m30s"
        Quantity, // Kubernetes quantity: "2Gi", "500m"
        Guid,     // an Entra client or tenant id
        Text,     // passed through as written
    };

    QString key;
    Type type = Type::Text;
    QStringList allowedValues; // Choice
    int minimum = 0;           // Integer
    int maximum = 0;           // Integer; 0 means no upper bound
    QString defaultValue;      // what applies when the key is absent; empty when nothing does
    QString minimumVersion;    // first microsoft.flux version accepting the key; empty: every version
    QString arcMinimumVersion; // the same on Arc-enabled clusters, when it came later there
    QString description;

    QString minimumVersionFor(const ClusterShape &cluster) const;
};

// The catalogue, in the order of the Azure documentation.
const QList<ExtensionSetting> &fluxExtensionSettings();
const ExtensionSetting *findFluxExtensionSetting(QStringView key);

// Refuses what Azure refuses for an extension of `version` (empty: the latest) on `cluster`:
// an unknown key (naming the closest known one), a value of the wrong form, a key newer than the
// version, a version that does not exist, ARM64 nodes before 1.7.0, workload identity without a
// client id, and requests above limits (the pods would never be created). The message lists
// every problem in English; the detail names the offending keys, comma-separated.
// `protectedSettings` (configurationProtectedSettings) obey the same rules.
Domain::Result<void> validateFluxSettings(const QJsonObject &settings, const QJsonObject &protectedSettings,
                                          const QString &version, const ClusterShape &cluster);

// The value the extension's chart sees for `key`: protected settings win over plain ones, and
// an absent key has the catalogue's default. Booleans come back lower-case.
QString effectiveFluxSetting(const QJsonObject &settings, const QJsonObject &protectedSettings, QStringView key);

} // namespace Fluxdeck::Sandbox
