#include "fleetmodel.h"

#include "armclient.h"
#include "armreply.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Items {

namespace {

// "1.17.3" as "00001.00017.00003", so that versions sort as versions do.
QString versionKey(const QString &version)
{
    QStringList parts = version.split(u'.');
    for (QString &part : parts) {
        bool number = false;
        part.toInt(&number);
        if (number)
            part = part.rightJustified(5, u'0');
    }
    return parts.join(u'.');
}

QString clusterStateText(const QString &state)
{
    if (state.compare(u"Connected", Qt::CaseInsensitive) == 0)
        return FleetModel::tr("Connected");
    if (state.compare(u"Offline", Qt::CaseInsensitive) == 0)
        return FleetModel::tr("Offline");
    if (state.compare(u"Expired", Qt::CaseInsensitive) == 0)
        return FleetModel::tr("Expired");
    if (state.compare(u"Connecting", Qt::CaseInsensitive) == 0)
        return FleetModel::tr("Connecting");
    if (state.compare(u"Running", Qt::CaseInsensitive) == 0)
        return FleetModel::tr("Running");
    if (state.compare(u"Stopped", Qt::CaseInsensitive) == 0)
        return FleetModel::tr("Stopped");
    return state;
}

} // namespace

struct FleetModel::Pending
{
    Query query = Query::Clusters;
    std::unique_ptr<Net::ArmReply> reply;
    int pages = 0;
    qsizetype rows = 0;
};

FleetModel::FleetModel(Net::ArmClient *client, OperationsModel *operations, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
    , m_operations(operations)
{
}

FleetModel::~FleetModel()
{
    stop();
    if (m_operations && m_operationId != 0)
        m_operations->fail(m_operationId, tr("Stopped: the fleet view was closed."));
}

void FleetModel::setClient(Net::ArmClient *client)
{
    m_client = client;
}

void FleetModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 1, 1000);
}

void FleetModel::load(const QStringList &subscriptionIds)
{
    QList<Subscription> subscriptions;
    for (const QString &id : subscriptionIds)
        subscriptions.append({id, {}});
    load(subscriptions);
}

void FleetModel::load(const QList<Subscription> &subscriptions)
{
    const bool wasLoading = isLoading();
    stop();
    if (m_operations && m_operationId != 0)
        m_operations->fail(m_operationId, tr("Stopped: the fleet is being read again."));
    m_operationId = 0;

    m_subscriptions = subscriptions;
    m_errorMessage.clear();
    m_running = {};
    m_clock.start();
    for (QJsonArray &rows : m_rows)
        rows = {};
    m_names.clear();

    QStringList ids;
    QStringList unnamed;
    for (const Subscription &subscription : subscriptions) {
        ids.append(subscription.id);
        if (subscription.displayName.isEmpty())
            unnamed.append(subscription.id);
        else
            m_names.insert(subscription.id.toLower(), subscription.displayName);
    }
    if (!m_client || ids.isEmpty()) {
        if (!m_client) {
            finishLoad(false, tr("Not signed in: sign in to Azure to see the fleet."));
        } else {
            setClusters({});
            finishLoad(true, tr("No subscriptions to read."));
        }
        return;
    }

    for (qsizetype from = 0; from < ids.size(); from += SubscriptionsPerQuery) {
        const QStringList batch = ids.mid(from, SubscriptionsPerQuery);
        start(Query::Clusters, batch);
        start(Query::Extensions, batch);
        start(Query::Configurations, batch);
    }
    for (qsizetype from = 0; from < unnamed.size(); from += SubscriptionsPerQuery)
        start(Query::SubscriptionNames, unnamed.mid(from, SubscriptionsPerQuery));

    if (m_operations) {
        m_operationId = m_operations->start(tr("Read the fleet from Resource Graph"), [self = QPointer(this)] {
            if (self && self->isLoading()) {
                self->stop();
                self->finishLoad(false, tr("Cancelled"));
            }
        });
    }
    if (!wasLoading)
        Q_EMIT loadingChanged(true);
    updateProgress();
}

void FleetModel::reload()
{
    load(m_subscriptions);
}

void FleetModel::cancel()
{
    if (!isLoading())
        return;
    // The operation's cancel handler stops the load; without one, stop it here.
    if (m_operations && m_operationId != 0 && m_operations->cancel(m_operationId))
        return;
    stop();
    finishLoad(false, tr("Cancelled"));
}

void FleetModel::start(Query query, const QStringList &subscriptions)
{
    QString text;
    switch (query) {
    case Query::Clusters:
        text = FleetQuery::clusters();
        break;
    case Query::Extensions:
        text = FleetQuery::fluxExtensions();
        break;
    case Query::Configurations:
        text = FleetQuery::fluxConfigurations();
        break;
    case Query::SubscriptionNames:
        text = FleetQuery::subscriptionNames();
        break;
    }
    auto pending = std::make_unique<Pending>();
    pending->query = query;
    pending->reply = m_client->queryResourceGraph(text, subscriptions, m_pageSize);
    Net::ArmReply *reply = pending->reply.get();
    Pending *state = pending.get();
    connect(reply, &Net::ArmReply::pageReceived, this, [this, state](int pages, qsizetype rows) {
        state->pages = pages;
        state->rows = rows;
        updateProgress();
    });
    connect(reply, &Net::ArmReply::finished, this, [this, reply] { queryFinished(reply); });
    m_replies.push_back(std::move(pending));
}

void FleetModel::queryFinished(Net::ArmReply *reply)
{
    const auto it = std::ranges::find_if(m_replies, [reply](const auto &pending) { return pending->reply.get() == reply; });
    if (it == m_replies.end())
        return;
    const Query query = (*it)->query;
    // Deleted once its signal has returned.
    (*it)->reply.release()->deleteLater();
    m_replies.erase(it);

    m_running.requests += reply->attempts();
    const Net::ArmResult &result = reply->result();
    if (!result) {
        const QString message = result.error().userMessage();
        stop();
        finishLoad(false, message);
        return;
    }
    m_running.pages += result->pages;
    if (query == Query::SubscriptionNames) {
        for (const QJsonValue value : result->values) {
            const QJsonObject row = value.toObject();
            const QString name = row.value(u"name").toString();
            if (!name.isEmpty())
                m_names.insert(row.value(u"subscriptionId").toString().toLower(), name);
        }
    } else {
        QJsonArray &rows = m_rows[int(query)];
        for (const QJsonValue value : result->values)
            rows.append(value);
    }
    if (!m_replies.empty()) {
        updateProgress();
        return;
    }
    setClusters(FleetQuery::join(m_rows[int(Query::Clusters)], m_rows[int(Query::Extensions)],
                                 m_rows[int(Query::Configurations)], m_names));
    for (QJsonArray &rows : m_rows)
        rows = {};
    finishLoad(true, tr("Clusters read: %1").arg(rowCount()));
}

void FleetModel::stop()
{
    for (auto &pending : m_replies) {
        // Deleting a reply aborts it silently.
        disconnect(pending->reply.get(), nullptr, this, nullptr);
        pending->reply.reset();
    }
    m_replies.clear();
}

void FleetModel::finishLoad(bool succeeded, const QString &message)
{
    m_statistics = m_running;
    m_statistics.milliseconds = m_clock.isValid() ? m_clock.elapsed() : 0;
    m_errorMessage = succeeded ? QString() : message;
    if (m_operations && m_operationId != 0) {
        if (succeeded)
            m_operations->succeed(m_operationId, message);
        else
            m_operations->fail(m_operationId, message);
    }
    m_operationId = 0;
    Q_EMIT loadingChanged(false);
    Q_EMIT loadFinished(succeeded, message);
}

void FleetModel::updateProgress()
{
    int pages = 0;
    qsizetype rows = 0;
    for (const auto &pending : m_replies) {
        pages += pending->pages;
        rows += pending->rows;
    }
    pages += m_running.pages;
    for (const QJsonArray &done : m_rows)
        rows += done.size();
    if (m_operations && m_operationId != 0)
        m_operations->setProgress(m_operationId, pages, 0, tr("Pages read: %1").arg(pages));
    Q_EMIT progressChanged(pages, rows);
}

void FleetModel::setClusters(std::vector<FleetCluster> clusters)
{
    QSet<QString> incoming;
    incoming.reserve(qsizetype(clusters.size()));
    for (const FleetCluster &cluster : clusters)
        incoming.insert(cluster.id.toLower());

    // Rows that left the fleet go first, a run of neighbours at a time.
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (incoming.contains(m_clusters[size_t(row)].id.toLower()))
            continue;
        int first = row;
        while (first > 0 && !incoming.contains(m_clusters[size_t(first - 1)].id.toLower()))
            --first;
        beginRemoveRows({}, first, row);
        m_clusters.erase(m_clusters.begin() + first, m_clusters.begin() + row + 1);
        endRemoveRows();
        row = first;
    }
    m_rowById.clear();
    for (size_t row = 0; row < m_clusters.size(); ++row)
        m_rowById.insert(m_clusters[row].id.toLower(), int(row));

    // Rows still there are updated in place; one dataChanged covers them all.
    int firstChanged = -1;
    int lastChanged = -1;
    std::vector<FleetCluster> added;
    for (FleetCluster &cluster : clusters) {
        const QString key = cluster.id.toLower();
        const auto it = m_rowById.constFind(key);
        if (it == m_rowById.cend()) {
            added.push_back(std::move(cluster));
            continue;
        }
        FleetCluster &current = m_clusters[size_t(*it)];
        if (current == cluster)
            continue;
        current = std::move(cluster);
        firstChanged = firstChanged < 0 ? *it : std::min(firstChanged, *it);
        lastChanged = std::max(lastChanged, *it);
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));

    // Duplicates of one id among the new ones keep the first.
    QSet<QString> seen;
    std::erase_if(added, [&seen](const FleetCluster &cluster) {
        const QString key = cluster.id.toLower();
        if (seen.contains(key))
            return true;
        seen.insert(key);
        return false;
    });
    if (added.empty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + int(added.size()) - 1);
    for (FleetCluster &cluster : added) {
        m_rowById.insert(cluster.id.toLower(), int(m_clusters.size()));
        m_clusters.push_back(std::move(cluster));
    }
    endInsertRows();
}

int FleetModel::rowOf(const QString &armId) const
{
    return m_rowById.value(armId.toLower(), -1);
}

void FleetModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole, Qt::ToolTipRole});
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_clusters.size());
}

int FleetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FleetModel::displayText(const FleetCluster &cluster, int column) const
{
    switch (column) {
    case NameColumn:
        return cluster.name;
    case SubscriptionColumn:
        return cluster.subscriptionDisplayName();
    case ResourceGroupColumn:
        return cluster.resourceGroup;
    case LocationColumn:
        return cluster.location;
    case KindColumn:
        if (cluster.kind == FleetCluster::Kind::Arc && !cluster.distribution.isEmpty())
            return tr("%1 (%2)", "cluster kind (distribution)").arg(FleetCluster::kindText(cluster.kind), cluster.distribution);
        return FleetCluster::kindText(cluster.kind);
    case KubernetesVersionColumn:
        return cluster.kubernetesVersion;
    case ClusterStateColumn:
        return clusterStateText(cluster.clusterState);
    case ExtensionColumn: {
        if (!cluster.extensionInstalled)
            return FleetCluster::provisioningText({});
        const QString version = cluster.extensionVersion.isEmpty() ? tr("unknown version") : cluster.extensionVersion;
        if (FleetCluster::provisioningRank(cluster.extensionProvisioningState) == FleetCluster::provisioningRank(u"Succeeded"_s))
            return version;
        return tr("%1 (%2)", "extension version (provisioning state)")
            .arg(version, FleetCluster::provisioningText(cluster.extensionProvisioningState));
    }
    case ConfigurationsColumn:
        return QString::number(cluster.configurations.size());
    case ComplianceColumn:
        return FleetCluster::complianceText(cluster.compliance());
    case ProvisioningColumn:
        return FleetCluster::provisioningText(cluster.provisioningState());
    default:
        return {};
    }
}

QVariant FleetModel::sortValue(const FleetCluster &cluster, int column) const
{
    switch (column) {
    case KindColumn:
        return displayText(cluster, column);
    case KubernetesVersionColumn:
        return versionKey(cluster.kubernetesVersion);
    case ExtensionColumn:
        return cluster.extensionInstalled ? versionKey(cluster.extensionVersion) : QString();
    case ConfigurationsColumn:
        return int(cluster.configurations.size());
    case ComplianceColumn:
        return int(cluster.compliance());
    case ProvisioningColumn:
        return FleetCluster::provisioningRank(cluster.provisioningState());
    default:
        return displayText(cluster, column);
    }
}

QString FleetModel::toolTip(const FleetCluster &cluster) const
{
    QStringList lines{cluster.name, cluster.id};
    QStringList facts{tr("Kubernetes %1").arg(cluster.kubernetesVersion)};
    if (!cluster.distribution.isEmpty())
        facts.append(cluster.distribution);
    if (!cluster.clusterState.isEmpty())
        facts.append(clusterStateText(cluster.clusterState));
    lines.append(facts.join(u" · "_s));
    if (cluster.extensionInstalled)
        lines.append(tr("microsoft.flux %1: %2")
                         .arg(cluster.extensionVersion, FleetCluster::provisioningText(cluster.extensionProvisioningState)));
    else
        lines.append(tr("microsoft.flux is not installed"));
    for (const FleetConfiguration &configuration : cluster.configurations) {
        lines.append(tr("Flux configuration %1: %2, %3")
                         .arg(configuration.name,
                              FleetCluster::complianceText(FleetCluster::complianceFromAzure(configuration.complianceState)),
                              FleetCluster::provisioningText(configuration.provisioningState)));
    }
    return lines.join(u'\n');
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FleetCluster &cluster = m_clusters[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(cluster, index.column());
    case Qt::ToolTipRole:
        return toolTip(cluster);
    case Qt::TextAlignmentRole:
        if (index.column() == ConfigurationsColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case ResourceIdRole:
        return cluster.id;
    case SortRole:
        return sortValue(cluster, index.column());
    case ComplianceRole:
        return int(cluster.compliance());
    case ProvisioningStateRole:
        return cluster.provisioningState();
    case SubscriptionIdRole:
        return cluster.subscriptionId;
    case LocationRole:
        return cluster.location;
    case KindRole:
        return int(cluster.kind);
    case ExtensionVersionRole:
        return cluster.extensionInstalled ? cluster.extensionVersion : QString();
    case ConfigurationCountRole:
        return int(cluster.configurations.size());
    default:
        return {};
    }
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Cluster");
    case SubscriptionColumn:
        return tr("Subscription");
    case ResourceGroupColumn:
        return tr("Resource group");
    case LocationColumn:
        return tr("Location");
    case KindColumn:
        return tr("Kind");
    case KubernetesVersionColumn:
        return tr("Kubernetes");
    case ClusterStateColumn:
        return tr("State");
    case ExtensionColumn:
        return tr("Flux extension");
    case ConfigurationsColumn:
        return tr("Configurations");
    case ComplianceColumn:
        return tr("Compliance");
    case ProvisioningColumn:
        return tr("Provisioning");
    default:
        return {};
    }
}

QHash<int, QByteArray> FleetModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ResourceIdRole, "resourceId");
    names.insert(SortRole, "sortValue");
    names.insert(ComplianceRole, "compliance");
    names.insert(ProvisioningStateRole, "provisioningState");
    names.insert(SubscriptionIdRole, "subscriptionId");
    names.insert(LocationRole, "location");
    names.insert(KindRole, "kind");
    names.insert(ExtensionVersionRole, "extensionVersion");
    names.insert(ConfigurationCountRole, "configurationCount");
    return names;
}

} // namespace Fluxdeck::Items
