#pragma once

#include "fleetsummary.h"

#include <QPointer>
#include <QSortFilterProxyModel>

#include <optional>

namespace Fluxdeck::Items {

class FleetModel;

// The fleet as the fleet view shows it: sorted by FleetModel::SortRole, kept by a text filter
// (every word must appear in the cluster's name, subscription, resource group, location, kind,
// versions or states), a compliance state and one group of the chosen grouping (a chart bar).
// Its source must be a FleetModel.
class FleetFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetFilterModel)

public:
    explicit FleetFilterModel(QObject *parent = nullptr);
    ~FleetFilterModel() override;

    void setSourceModel(QAbstractItemModel *model) override;
    FleetModel *fleetModel() const { return m_fleet; }

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    void setComplianceFilter(std::optional<FleetCompliance> compliance);
    std::optional<FleetCompliance> complianceFilter() const { return m_compliance; }
    // Changing the grouping drops the group filter.
    void setGroupKey(FleetGroupKey key);
    FleetGroupKey groupKey() const { return m_key; }
    // Keeps the clusters whose FleetSummary::groupValue() for groupKey() is `value`.
    void setGroupFilter(const QString &value);
    void clearGroupFilter();
    std::optional<QString> groupFilter() const { return m_group; }

    // The clusters the text and compliance filters keep, grouped by groupKey(), whichever group
    // is chosen: what the chart shows.
    FleetSummary summary() const;

Q_SIGNALS:
    // A filter, the grouping or the source's rows changed: summary() may differ.
    void summaryChanged();
    void groupFilterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool matchesTextAndCompliance(const FleetCluster &cluster) const;
    void filterChanged();

    QPointer<FleetModel> m_fleet;
    QString m_text;
    QStringList m_words;
    std::optional<FleetCompliance> m_compliance;
    FleetGroupKey m_key = FleetGroupKey::Compliance;
    std::optional<QString> m_group;
    QList<QMetaObject::Connection> m_sourceConnections;
};

} // namespace Fluxdeck::Items
