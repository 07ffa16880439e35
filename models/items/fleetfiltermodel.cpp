#include "fleetfiltermodel.h"

#include "fleetmodel.h"

#include <algorithm>

namespace Fluxdeck::Items {

FleetFilterModel::FleetFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(FleetModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

FleetFilterModel::~FleetFilterModel() = default;

void FleetFilterModel::setSourceModel(QAbstractItemModel *model)
{
    for (const auto &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    m_fleet = qobject_cast<FleetModel *>(model);
    Q_ASSERT_X(!model || m_fleet, "FleetFilterModel", "the source must be a FleetModel");
    QSortFilterProxyModel::setSourceModel(model);
    if (m_fleet) {
        const auto changed = [this] { Q_EMIT summaryChanged(); };
        m_sourceConnections = {
            connect(m_fleet, &QAbstractItemModel::rowsInserted, this, changed),
            connect(m_fleet, &QAbstractItemModel::rowsRemoved, this, changed),
            connect(m_fleet, &QAbstractItemModel::modelReset, this, changed),
            connect(m_fleet, &QAbstractItemModel::dataChanged, this, changed),
        };
    }
    Q_EMIT summaryChanged();
}

void FleetFilterModel::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.split(u' ', Qt::SkipEmptyParts);
    filterChanged();
}

void FleetFilterModel::setComplianceFilter(std::optional<FleetCompliance> compliance)
{
    if (compliance == m_compliance)
        return;
    m_compliance = compliance;
    filterChanged();
}

void FleetFilterModel::setGroupKey(FleetGroupKey key)
{
    if (key == m_key)
        return;
    m_key = key;
    const bool hadGroup = m_group.has_value();
    m_group.reset();
    if (hadGroup) {
        invalidateRowsFilter();
        Q_EMIT groupFilterChanged();
    }
    Q_EMIT summaryChanged();
}

void FleetFilterModel::setGroupFilter(const QString &value)
{
    if (m_group == value)
        return;
    m_group = value;
    invalidateRowsFilter();
    Q_EMIT groupFilterChanged();
}

void FleetFilterModel::clearGroupFilter()
{
    if (!m_group)
        return;
    m_group.reset();
    invalidateRowsFilter();
    Q_EMIT groupFilterChanged();
}

FleetSummary FleetFilterModel::summary() const
{
    FleetSummary summary(m_key);
    if (!m_fleet)
        return summary;
    for (const FleetCluster &cluster : m_fleet->clusters()) {
        if (matchesTextAndCompliance(cluster))
            summary.add(cluster);
    }
    return summary;
}

bool FleetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_fleet || sourceParent.isValid())
        return false;
    const FleetCluster &cluster = m_fleet->cluster(sourceRow);
    if (m_group && FleetSummary::groupValue(cluster, m_key) != *m_group)
        return false;
    return matchesTextAndCompliance(cluster);
}

bool FleetFilterModel::matchesTextAndCompliance(const FleetCluster &cluster) const
{
    if (m_compliance && cluster.compliance() != *m_compliance)
        return false;
    if (m_words.isEmpty())
        return true;
    // What a person may type: anything the row shows, in either language, and the raw values.
    QStringList haystack{cluster.name, cluster.subscriptionId, cluster.subscriptionName, cluster.resourceGroup,
                         cluster.location, FleetCluster::kindText(cluster.kind), cluster.distribution,
                         cluster.kubernetesVersion, cluster.clusterState, cluster.extensionVersion,
                         FleetCluster::complianceText(cluster.compliance()),
                         FleetCluster::complianceAzureName(cluster.compliance()),
                         FleetCluster::provisioningText(cluster.provisioningState()), cluster.provisioningState()};
    for (const FleetConfiguration &configuration : cluster.configurations)
        haystack.append(configuration.name);
    for (const QString &word : m_words) {
        const bool found = std::ranges::any_of(haystack, [&word](const QString &text) {
            return text.contains(word, Qt::CaseInsensitive);
        });
        if (!found)
            return false;
    }
    return true;
}

void FleetFilterModel::filterChanged()
{
    invalidateRowsFilter();
    Q_EMIT summaryChanged();
}

} // namespace Fluxdeck::Items
