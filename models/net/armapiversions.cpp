#include "armapiversions.h"

#include "armresourcepath.h"

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

const QList<ArmApiVersion> &armApiVersions()
{
    static const QList<ArmApiVersion> table{
        {u"Microsoft.Resources/subscriptions"_s, u"2022-12-01"_s},
        {u"Microsoft.Resources/tenants"_s, u"2022-12-01"_s},
        {u"Microsoft.Resources/resourceGroups"_s, u"2024-11-01"_s},
        {u"Microsoft.Resources/providers"_s, u"2024-11-01"_s},
        {u"Microsoft.ContainerService/managedClusters"_s, u"2026-04-01"_s},
        {u"Microsoft.Kubernetes/connectedClusters"_s, u"2026-03-01"_s},
        {u"Microsoft.KubernetesConfiguration/extensions"_s, u"2025-03-01"_s},
        {u"Microsoft.KubernetesConfiguration/fluxConfigurations"_s, u"2025-04-01"_s},
        {u"Microsoft.ResourceGraph/resources"_s, u"2024-04-01"_s},
        {u"Microsoft.Authorization/permissions"_s, u"2022-04-01"_s},
    };
    return table;
}

QString armApiVersion(QStringView path)
{
    const ArmResourcePath parsed = ArmResourcePath::parse(path, "POST");
    // Provider registration and the provider list are Microsoft.Resources' business.
    if (parsed.types.isEmpty())
        return armApiVersion(u"/subscriptions/x/providers");
    QStringList types = parsed.types;
    while (!types.isEmpty()) {
        const QString type = parsed.providerNamespace + u'/' + types.join(u'/');
        for (const ArmApiVersion &entry : armApiVersions()) {
            if (entry.resourceType.compare(type, Qt::CaseInsensitive) == 0)
                return entry.apiVersion;
        }
        types.removeLast();
    }
    return {};
}

} // namespace Fluxdeck::Net
