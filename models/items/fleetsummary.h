#pragma once

#include "fleetcluster.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <array>

namespace Fluxdeck::Items {

// What the fleet is grouped by in the summary, the chart and the group filter.
enum class FleetGroupKey { Compliance, Provisioning, Subscription, Location, ExtensionVersion };
inline constexpr int FleetGroupKeyCount = 5;

// The clusters of one group, counted per compliance state and per provisioning state.
struct FleetGroup
{
    QString key;       // the raw value clusters are matched by (FleetSummary::groupValue)
    QString label;     // what a person reads
    int clusters = 0;
    std::array<int, FleetComplianceCount> compliance{};
    QMap<QString, int> provisioning;   // worst provisioning state ("" = nothing installed) → clusters

    int count(FleetCompliance state) const { return compliance[size_t(state)]; }
};

// Counts of a set of clusters per compliance and provisioning state, overall and per group.
// Groups come in a meaningful order: compliance and provisioning worst first, versions newest
// first, names alphabetically.
class FleetSummary
{
    Q_DECLARE_TR_FUNCTIONS(Fluxdeck::Items::FleetSummary)

public:
    explicit FleetSummary(FleetGroupKey key = FleetGroupKey::Compliance);

    void add(const FleetCluster &cluster);

    FleetGroupKey key() const { return m_key; }
    int clusters() const { return m_total.clusters; }
    int count(FleetCompliance state) const { return m_total.count(state); }
    int countProvisioning(const QString &state) const { return m_total.provisioning.value(state); }
    const QMap<QString, int> &provisioning() const { return m_total.provisioning; }
    const QList<FleetGroup> &groups() const;
    // nullptr when no cluster has that value.
    const FleetGroup *group(const QString &key) const;

    // The value a cluster is grouped and filtered by: the compliance state's Azure name ("" for no
    // configuration), the worst provisioning state, the subscription id, the location, the
    // extension version ("" when not installed).
    static QString groupValue(const FleetCluster &cluster, FleetGroupKey key);
    static QString groupLabel(const FleetCluster &cluster, FleetGroupKey key);   // translated
    static QString keyText(FleetGroupKey key);                                   // "Compliance", translated

private:
    FleetGroupKey m_key;
    FleetGroup m_total;
    mutable QList<FleetGroup> m_groups;
    mutable bool m_sorted = true;
    mutable QHash<QString, qsizetype> m_index;
};

} // namespace Fluxdeck::Items
