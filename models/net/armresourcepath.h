#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace Fluxdeck::Net {

// What a Resource Manager path addresses, read from its segments: the resource type under the
// last "providers" segment (nested types included), the resource's name, and for a POST the
// action it invokes. Enough to pick an api-version and to name the permission a call needs.
struct ArmResourcePath
{
    QString providerNamespace;   // "Microsoft.KubernetesConfiguration"
    QStringList types;           // {"fluxConfigurations"}; nested types outermost first
    QString name;                // the addressed resource; empty for a collection
    QString action;              // a POST's action ("listClusterUserCredential", "register")

    // "Microsoft.KubernetesConfiguration/fluxConfigurations"; the namespace alone when there is no type.
    QString resourceType() const;
    // The Azure RBAC action the call needs, e.g. "Microsoft.KubernetesConfiguration/fluxConfigurations/write".
    QString permission(QByteArrayView method) const;

    // `path` may be a full URL or carry a query; both are ignored.
    static ArmResourcePath parse(QStringView path, QByteArrayView method = "GET");
};

} // namespace Fluxdeck::Net
