#include "fleetsummary.h"

#include <QVersionNumber>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Items {

FleetSummary::FleetSummary(FleetGroupKey key)
    : m_key(key)
{
}

void FleetSummary::add(const FleetCluster &cluster)
{
    const FleetCompliance compliance = cluster.compliance();
    const QString provisioning = cluster.provisioningState();
    const auto count = [&](FleetGroup &group) {
        ++group.clusters;
        ++group.compliance[size_t(compliance)];
        ++group.provisioning[provisioning];
    };
    count(m_total);

    const QString value = groupValue(cluster, m_key);
    auto it = m_index.constFind(value);
    if (it == m_index.cend()) {
        FleetGroup group;
        group.key = value;
        group.label = groupLabel(cluster, m_key);
        it = m_index.insert(value, m_groups.size());
        m_groups.append(group);
        m_sorted = false;
    }
    count(m_groups[*it]);
}

const QList<FleetGroup> &FleetSummary::groups() const
{
    if (m_sorted)
        return m_groups;
    const auto byLabel = [](const FleetGroup &a, const FleetGroup &b) {
        return a.label.compare(b.label, Qt::CaseInsensitive) < 0;
    };
    switch (m_key) {
    case FleetGroupKey::Compliance:
        // The key is Azure's word; "" (no configuration) sorts last.
        std::ranges::sort(m_groups, {}, [](const FleetGroup &group) {
            return group.key.isEmpty() ? FleetCompliance::NoConfiguration : FleetCluster::complianceFromAzure(group.key);
        });
        break;
    case FleetGroupKey::Provisioning:
        std::ranges::sort(m_groups, [&](const FleetGroup &a, const FleetGroup &b) {
            const int ra = FleetCluster::provisioningRank(a.key);
            const int rb = FleetCluster::provisioningRank(b.key);
            return ra != rb ? ra < rb : byLabel(a, b);
        });
        break;
    case FleetGroupKey::ExtensionVersion:
        // Newest first; "not installed" last.
        std::ranges::sort(m_groups, [](const FleetGroup &a, const FleetGroup &b) {
            if (a.key.isEmpty() != b.key.isEmpty())
                return b.key.isEmpty();
            const int order = QVersionNumber::compare(QVersionNumber::fromString(a.key), QVersionNumber::fromString(b.key));
            return order != 0 ? order > 0 : a.key < b.key;
        });
        break;
    case FleetGroupKey::Subscription:
    case FleetGroupKey::Location:
        std::ranges::sort(m_groups, byLabel);
        break;
    }
    m_index.clear();
    for (qsizetype i = 0; i < m_groups.size(); ++i)
        m_index.insert(m_groups[i].key, i);
    m_sorted = true;
    return m_groups;
}

const FleetGroup *FleetSummary::group(const QString &key) const
{
    const QList<FleetGroup> &sorted = groups();
    const auto it = m_index.constFind(key);
    return it == m_index.cend() ? nullptr : &sorted[*it];
}

QString FleetSummary::groupValue(const FleetCluster &cluster, FleetGroupKey key)
{
    switch (key) {
    case FleetGroupKey::Compliance:
        return FleetCluster::complianceAzureName(cluster.compliance());
    case FleetGroupKey::Provisioning:
        return cluster.provisioningState();
    case FleetGroupKey::Subscription:
        return cluster.subscriptionId;
    case FleetGroupKey::Location:
        return cluster.location;
    case FleetGroupKey::ExtensionVersion:
        return cluster.extensionInstalled ? cluster.extensionVersion : QString();
    }
    return {};
}

QString FleetSummary::groupLabel(const FleetCluster &cluster, FleetGroupKey key)
{
    switch (key) {
    case FleetGroupKey::Compliance:
        return FleetCluster::complianceText(cluster.compliance());
    case FleetGroupKey::Provisioning:
        return FleetCluster::provisioningText(cluster.provisioningState());
    case FleetGroupKey::Subscription:
        return cluster.subscriptionDisplayName();
    case FleetGroupKey::Location:
        return cluster.location.isEmpty() ? tr("no location") : cluster.location;
    case FleetGroupKey::ExtensionVersion:
        if (!cluster.extensionInstalled)
            return tr("not installed");
        return cluster.extensionVersion.isEmpty() ? tr("unknown version") : cluster.extensionVersion;
    }
    return {};
}

QString FleetSummary::keyText(FleetGroupKey key)
{
    switch (key) {
    case FleetGroupKey::Compliance:
        return tr("Compliance");
    case FleetGroupKey::Provisioning:
        return tr("Provisioning");
    case FleetGroupKey::Subscription:
        return tr("Subscription");
    case FleetGroupKey::Location:
        return tr("Location");
    case FleetGroupKey::ExtensionVersion:
        return tr("Extension version");
    }
    return {};
}

} // namespace Fluxdeck::Items
