#pragma once

#include "fleetcluster.h"
#include "operationsmodel.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>

#include <memory>
#include <vector>

namespace Fluxdeck::Net {
class ArmClient;
class ArmReply;
}

namespace Fluxdeck::Items {

// Every AKS and Arc cluster of the given subscriptions with its microsoft.flux extension and the
// compliance and provisioning of its Flux configurations: one row per cluster, read from Azure
// Resource Graph with a handful of paged queries across all subscriptions at once (clusters,
// extensions, configurations, subscription names), joined here by cluster id. A reload updates
// rows in place, so selection and scrolling survive it.
class FleetModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetModel)

public:
    enum Column {
        NameColumn,
        SubscriptionColumn,
        ResourceGroupColumn,
        LocationColumn,
        KindColumn,
        KubernetesVersionColumn,
        ClusterStateColumn,
        ExtensionColumn,
        ConfigurationsColumn,
        ComplianceColumn,
        ProvisioningColumn,
        ColumnCount
    };
    enum Role {
        ResourceIdRole = Qt::UserRole + 1,   // the cluster's ARM id, in every column
        SortRole,                  // the column's raw value: ranks for states, numbers, padded versions
        ComplianceRole,            // FleetCompliance, as int
        ProvisioningStateRole,     // the worst provisioning state in Azure's words; "" when nothing is installed
        SubscriptionIdRole,
        LocationRole,
        KindRole,                  // FleetCluster::Kind, as int
        ExtensionVersionRole,      // "" when not installed
        ConfigurationCountRole,
    };

    struct Subscription
    {
        QString id;
        QString displayName;   // empty: asked of Resource Graph
    };

    // What the last load cost, for benchmarks and the status line.
    struct LoadStatistics
    {
        int requests = 0;   // HTTP requests, retries included
        int pages = 0;
        qint64 milliseconds = 0;
    };

    // Resource Graph accepts this many subscriptions in one query; more are asked in batches.
    static constexpr int SubscriptionsPerQuery = 1000;

    explicit FleetModel(Net::ArmClient *client, OperationsModel *operations = nullptr, QObject *parent = nullptr);
    ~FleetModel() override;

    void setClient(Net::ArmClient *client);
    // Rows per Resource Graph page (1 to 1000).
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    // Starts reading the fleet (a load already running is stopped). Progress shows in the
    // operations model, where the user may cancel it; loadFinished() tells the outcome.
    void load(const QList<Subscription> &subscriptions);
    void load(const QStringList &subscriptionIds);
    void reload();   // the last subscriptions again
    void cancel();
    bool isLoading() const { return !m_replies.empty(); }
    bool hasSubscriptions() const { return !m_subscriptions.isEmpty(); }
    QString errorMessage() const { return m_errorMessage; }
    LoadStatistics lastLoad() const { return m_statistics; }

    // Replaces the rows with this snapshot: rows of the same cluster are updated in place.
    void setClusters(std::vector<FleetCluster> clusters);
    const std::vector<FleetCluster> &clusters() const { return m_clusters; }
    const FleetCluster &cluster(int row) const { return m_clusters[size_t(row)]; }
    int rowOf(const QString &armId) const;   // -1 when unknown; without regard to case
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void progressChanged(int pages, qsizetype rows);
    // `message`: what failed, in a person's words (ArmError::userMessage()), or the outcome.
    void loadFinished(bool succeeded, const QString &message);

private:
    enum class Query { Clusters, Extensions, Configurations, SubscriptionNames };
    struct Pending;

    void start(Query query, const QStringList &subscriptions);
    void queryFinished(Net::ArmReply *reply);
    void stop();
    void finishLoad(bool succeeded, const QString &message);
    void updateProgress();
    QString displayText(const FleetCluster &cluster, int column) const;
    QVariant sortValue(const FleetCluster &cluster, int column) const;
    QString toolTip(const FleetCluster &cluster) const;

    QPointer<Net::ArmClient> m_client;
    QPointer<OperationsModel> m_operations;
    int m_pageSize = 1000;
    QList<Subscription> m_subscriptions;
    std::vector<FleetCluster> m_clusters;
    QHash<QString, int> m_rowById;   // lower-cased ARM id → row

    // The load in progress.
    std::vector<std::unique_ptr<Pending>> m_replies;
    QJsonArray m_rows[4];
    QHash<QString, QString> m_names;
    OperationsModel::Id m_operationId = 0;
    QElapsedTimer m_clock;
    LoadStatistics m_statistics;
    LoadStatistics m_running;
    QString m_errorMessage;
};

} // namespace Fluxdeck::Items
