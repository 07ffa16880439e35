#include "explorerloader.h"

#include "armclient.h"
#include "azuresession.h"
#include "clusterfacts.h"
#include "explorermodel.h"
#include "operationsmodel.h"

#include <QJsonArray>
#include <QMap>
#include <QPointer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Items {

namespace {

// Resource Graph's view of every cluster the user can see, newest shape, one page at a time.
const QString ClustersQuery =
    u"resources | where type =~ 'microsoft.containerservice/managedclusters' or type =~ "
    "'microsoft.kubernetes/connectedclusters' | project id, name, type, location, resourceGroup, subscriptionId, "
    "identity, properties | order by name asc"_s;

} // namespace

struct ExplorerLoader::Private
{
    ExplorerModel *model = nullptr;
    AzureSession *session = nullptr;
    QPointer<OperationsModel> operations;
    QString cloudName;
    std::unique_ptr<Net::ArmReply> query;
    std::vector<std::unique_ptr<Net::ArmReply>> lists;
    QList<QJsonObject> collected;
    int pending = 0;
    int requests = 0;
    int lastRequests = 0;
    OperationsModel::Id operation = 0;
    bool loading = false;
};

ExplorerLoader::ExplorerLoader(ExplorerModel *model, AzureSession *session, OperationsModel *operations, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->model = model;
    d->session = session;
    d->operations = operations;
    d->cloudName = session->cloud().name;
    connect(session, &AzureSession::stateChanged, this, &ExplorerLoader::sessionChanged);
    sessionChanged();
}

ExplorerLoader::~ExplorerLoader() = default;

void ExplorerLoader::setCloudName(const QString &name)
{
    d->cloudName = name;
    if (d->session->state() != AzureSession::State::SignedIn)
        sessionChanged();
}

bool ExplorerLoader::isLoading() const
{
    return d->loading;
}

int ExplorerLoader::lastRequestCount() const
{
    return d->lastRequests;
}

void ExplorerLoader::sessionChanged()
{
    d->query.reset();
    d->lists.clear();
    d->loading = false;
    switch (d->session->state()) {
    case AzureSession::State::SignedOut:
        d->model->showSignedOut(d->cloudName);
        break;
    case AzureSession::State::SigningIn:
        d->model->showMessage(tr("Signing in to %1…").arg(d->cloudName));
        break;
    case AzureSession::State::Failed:
        d->model->showMessage(tr("Sign-in to %1 failed. Press Enter to try again.").arg(d->cloudName),
                              QString(ExplorerModel::SignInAction), d->session->errorMessage());
        break;
    case AzureSession::State::SignedIn:
        refresh();
        break;
    }
}

void ExplorerLoader::refresh()
{
    Net::ArmClient *arm = d->session->arm();
    if (!arm)
        return;
    d->query.reset();
    d->lists.clear();
    d->collected.clear();
    d->requests = 0;
    d->loading = true;
    if (d->operations) {
        QPointer<ExplorerLoader> self(this);
        d->operation = d->operations->start(tr("Loading clusters from %1").arg(d->cloudName), [self] {
            if (!self)
                return;
            self->d->query.reset();
            self->d->lists.clear();
            self->d->loading = false;
        });
    }
    queryResourceGraph();
}

void ExplorerLoader::queryResourceGraph()
{
    QStringList subscriptions;
    for (const AzureSubscription &subscription : d->session->subscriptions())
        subscriptions.append(subscription.id);
    if (subscriptions.isEmpty()) {
        fill({});
        return;
    }
    d->query = d->session->arm()->queryResourceGraph(ClustersQuery, subscriptions);
    Net::ArmReply *reply = d->query.get();
    connect(reply, &Net::ArmReply::pageReceived, this, [this](int pages, qsizetype items) {
        if (d->operations)
            d->operations->setProgress(d->operation, 0, 0, tr("Clusters so far: %1").arg(items));
        Q_UNUSED(pages);
    });
    connect(reply, &Net::ArmReply::finished, this, [this, reply] {
        const Net::ArmResult &result = reply->result();
        d->requests += reply->attempts();
        if (result) {
            QList<QJsonObject> clusters;
            for (const QJsonValue &row : result->values)
                clusters.append(row.toObject());
            fill(clusters);
            return;
        }
        // Resource Graph may be denied or unavailable where Resource Manager is not: list instead.
        const Net::ArmError::Kind kind = result.error().kind;
        if (kind == Net::ArmError::Kind::Forbidden || kind == Net::ArmError::Kind::NotFound
            || kind == Net::ArmError::Kind::Invalid || kind == Net::ArmError::Kind::Server) {
            listPerSubscription();
            return;
        }
        d->loading = false;
        const QString message = result.error().userMessage();
        if (d->operations) {
            if (kind == Net::ArmError::Kind::Cancelled)
                d->operations->cancel(d->operation);
            else
                d->operations->fail(d->operation, message);
        }
        d->model->showMessage(tr("Could not load the clusters. Press Enter to try again."),
                              QString(ExplorerModel::RetryAction), message);
        Q_EMIT failed(message);
    });
}

void ExplorerLoader::listPerSubscription()
{
    d->query.reset();
    d->collected.clear();
    d->pending = 0;
    for (const AzureSubscription &subscription : d->session->subscriptions()) {
        for (const QString &type : {u"Microsoft.ContainerService/managedClusters"_s,
                                    u"Microsoft.Kubernetes/connectedClusters"_s}) {
            auto reply = d->session->arm()->list(u"/subscriptions/%1/providers/%2"_s.arg(subscription.id, type));
            Net::ArmReply *raw = reply.get();
            ++d->pending;
            connect(raw, &Net::ArmReply::finished, this, [this, raw] {
                d->requests += raw->attempts();
                if (const Net::ArmResult &result = raw->result(); result) {
                    for (const QJsonValue &value : result->values)
                        d->collected.append(value.toObject());
                }
                // A subscription whose provider is not registered simply has none of that type.
                if (--d->pending == 0)
                    fill(d->collected);
            });
            d->lists.push_back(std::move(reply));
        }
    }
    if (d->pending == 0)
        fill({});
}

void ExplorerLoader::fill(const QList<QJsonObject> &clusters)
{
    d->loading = false;
    d->lastRequests = d->requests;
    ExplorerModel *model = d->model;
    model->beginRebuild();
    model->removeChildren({});
    const QModelIndex cloud = model->appendNode({}, ExplorerModel::Kind::Cloud, d->cloudName);

    // subscription id → resource group → clusters, by name.
    QMap<QString, QMap<QString, QList<QJsonObject>>> tree;
    QMap<QString, QString> groupNames;   // lower-case → as written
    for (const QJsonObject &cluster : clusters) {
        const ClusterFacts facts = ClusterFacts::fromResource(cluster);
        tree[facts.subscriptionId.toLower()][facts.resourceGroup.toLower()].append(cluster);
        groupNames.insert(facts.resourceGroup.toLower(), facts.resourceGroup);
    }
    for (const AzureSubscription &subscription : d->session->subscriptions()) {
        const QModelIndex subscriptionRow =
            model->appendNode(cloud, ExplorerModel::Kind::Subscription,
                              subscription.displayName.isEmpty() ? subscription.id : subscription.displayName,
                              u"/subscriptions/"_s + subscription.id);
        const auto groups = tree.value(subscription.id.toLower());
        for (auto group = groups.begin(); group != groups.end(); ++group) {
            const QString groupName = groupNames.value(group.key());
            const QModelIndex groupRow = model->appendNode(
                subscriptionRow, ExplorerModel::Kind::ResourceGroup, groupName,
                u"/subscriptions/%1/resourceGroups/%2"_s.arg(subscription.id, groupName));
            QList<QJsonObject> members = group.value();
            std::ranges::sort(members, [](const QJsonObject &a, const QJsonObject &b) {
                return a.value(u"name").toString().localeAwareCompare(b.value(u"name").toString()) < 0;
            });
            // Nodes once someone looks into the group: the tree stays light however large the fleet.
            model->setPendingClusters(groupRow, members);
        }
    }
    model->endRebuild();
    if (d->operations)
        d->operations->succeed(d->operation, tr("Clusters: %1, requests: %2").arg(clusters.size()).arg(d->requests));
    Q_EMIT loaded(int(clusters.size()));
}

} // namespace Fluxdeck::Items
