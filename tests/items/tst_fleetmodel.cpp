// FleetModel, FleetSummary and FleetFilterModel against in-process sandbox clouds: a generated
// fleet of 300 clusters (counts as Resource Graph itself gives them, requests made), and the
// demo cloud (Flux reconciling aks-prod-eastus, the pinned extension of arc-retail-store-01).

#include "armclient.h"
#include "clientsecretcredential.h"
#include "extension/fluxrelease.h"
#include "flux/fluxcontrollers.h"
#include "fleetfiltermodel.h"
#include "fleetmodel.h"
#include "operationsmodel.h"
#include "resultmessage.h"

#include "sandboxcloud.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::FleetCluster;
using Fluxdeck::Items::FleetCompliance;
using Fluxdeck::Items::FleetComplianceCount;
using Fluxdeck::Items::FleetFilterModel;
using Fluxdeck::Items::FleetGroup;
using Fluxdeck::Items::FleetGroupKey;
using Fluxdeck::Items::FleetModel;
using Fluxdeck::Items::FleetSummary;
using Fluxdeck::Items::OperationsModel;
using Fluxdeck::Net::ArmClient;
using Fluxdeck::Net::ArmReply;
using Fluxdeck::Net::ClientSecretCredential;
using Fluxdeck::Test::failureText;
using Fluxdeck::Test::SandboxCloud;
namespace FleetQuery = Fluxdeck::Items::FleetQuery;

namespace {

constexpr int FleetSize = 300;
const QString FleetClusters = u"resources | where type in~ ('microsoft.containerservice/managedclusters', "
                              "'microsoft.kubernetes/connectedclusters') and id contains '/resourceGroups/rg-fleet-'"_s;

// One client with its own credential against one sandbox.
struct Connection
{
    Connection(QNetworkAccessManager *network, const SandboxCloud &sandbox)
        : credential(network, sandbox.cloud(), sandbox.cloud().servicePrincipalTenant,
                     sandbox.cloud().servicePrincipalClientId, sandbox.cloud().servicePrincipalSecret)
    {
        auto options = ArmClient::Options::forCloud(sandbox.cloud());
        options->retryDelay = std::chrono::milliseconds(100);
        client = std::make_unique<ArmClient>(network, &credential, *options);
    }

    ClientSecretCredential credential;
    std::unique_ptr<ArmClient> client;
};

// Loads and waits; the outcome's message, or an error naming what went wrong.
Fluxdeck::Domain::Result<void> loadAndWait(FleetModel &model, const std::function<void()> &start)
{
    QSignalSpy finished(&model, &FleetModel::loadFinished);
    start();
    if (finished.isEmpty() && !finished.wait(60000))
        return std::unexpected(Fluxdeck::Domain::Error{u"The fleet did not load within a minute"_s, {}});
    if (!finished.first().at(0).toBool())
        return std::unexpected(Fluxdeck::Domain::Error{finished.first().at(1).toString(), {}});
    return {};
}

// A Resource Graph query straight through the client, as a check on the model.
QJsonArray query(ArmClient &client, const QString &text, const QStringList &subscriptions)
{
    const std::unique_ptr<ArmReply> reply = client.queryResourceGraph(text, subscriptions);
    QSignalSpy finished(reply.get(), &ArmReply::finished);
    if (!reply->isFinished() && !finished.wait(60000))
        return {};
    return reply->result() ? reply->result()->values : QJsonArray();
}

QStringList dump(const QAbstractItemModel &model)
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column) {
            if (column == FleetModel::SubscriptionColumn || column == FleetModel::ResourceGroupColumn
                || column == FleetModel::LocationColumn)
                continue;
            cells.append(model.index(row, column).data().toString());
        }
        rows.append(cells.join(u" | "_s));
    }
    rows.sort();
    return rows;
}

int rowNamed(const QAbstractItemModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, FleetModel::NameColumn).data().toString() == name)
            return row;
    }
    return -1;
}

QJsonObject row(std::initializer_list<std::pair<QString, QString>> cells)
{
    QJsonObject object;
    for (const auto &[key, value] : cells)
        object.insert(key, value);
    return object;
}

} // namespace

class TestFleetModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto options = SandboxCloud::quickOptions();
        options.fleet = FleetSize;
        options.seed = 42;
        options.pageSize = 100;   // Resource Manager's lists; Resource Graph pages at the client's $top
        const auto started = m_fleet.start(options);
        QVERIFY2(started, failureText(started));
        m_fleetConnection = std::make_unique<Connection>(&m_network, m_fleet);
    }

    // The join, without a network: ids matched without regard to case, worst states win.
    void joinsByClusterId()
    {
        const QString aks = u"/subscriptions/S1/resourceGroups/RG/providers/Microsoft.ContainerService/managedClusters/a"_s;
        const QString arc = u"/subscriptions/S1/resourceGroups/RG/providers/Microsoft.Kubernetes/connectedClusters/b"_s;
        const QJsonArray clusters{
            row({{u"id"_s, aks}, {u"name"_s, u"a"_s}, {u"type"_s, u"microsoft.containerservice/managedclusters"_s},
                 {u"location"_s, u"eastus"_s}, {u"kubernetesVersion"_s, u"1.32.6"_s}, {u"clusterState"_s, u"Running"_s}}),
            row({{u"id"_s, arc}, {u"name"_s, u"b"_s}, {u"type"_s, u"microsoft.kubernetes/connectedclusters"_s},
                 {u"distribution"_s, u"k3s"_s}}),
        };
        const QString provider = u"/providers/microsoft.kubernetesconfiguration/"_s;
        const QJsonArray extensions{
            row({{u"id"_s, QString(aks.toLower() + provider + u"extensions/flux"_s)}, {u"extensionVersion"_s, u"1.17.3"_s},
                 {u"provisioningState"_s, u"Succeeded"_s}}),
        };
        const QJsonArray configurations{
            row({{u"id"_s, QString(aks + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/one"_s)},
                 {u"name"_s, u"one"_s}, {u"complianceState"_s, u"Compliant"_s}, {u"provisioningState"_s, u"Succeeded"_s}}),
            row({{u"id"_s, QString(aks + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/two"_s)},
                 {u"name"_s, u"two"_s}, {u"complianceState"_s, u"Pending"_s}, {u"provisioningState"_s, u"Failed"_s}}),
            row({{u"id"_s, u"/subscriptions/S1/resourceGroups/RG/providers/Microsoft.Kubernetes/connectedClusters/gone"
                           "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/x"_s},
                 {u"complianceState"_s, u"Compliant"_s}}),
        };
        const auto fleet = FleetQuery::join(clusters, extensions, configurations, {{u"s1"_s, u"Platform"_s}});
        QCOMPARE(fleet.size(), size_t(2));
        const FleetCluster &a = fleet[0];
        QCOMPARE(a.kind, FleetCluster::Kind::Aks);
        QCOMPARE(a.subscriptionDisplayName(), u"Platform"_s);
        QCOMPARE(a.resourceGroup, u"RG"_s);
        QVERIFY(a.extensionInstalled);
        QCOMPARE(a.extensionVersion, u"1.17.3"_s);
        QCOMPARE(a.configurations.size(), 2);
        QCOMPARE(a.compliance(), FleetCompliance::Pending);
        QCOMPARE(a.provisioningState(), u"Failed"_s);
        const FleetCluster &b = fleet[1];
        QCOMPARE(b.kind, FleetCluster::Kind::Arc);
        QVERIFY(!b.extensionInstalled);
        QCOMPARE(b.compliance(), FleetCompliance::NoConfiguration);
        QCOMPARE(b.provisioningState(), QString());

        QCOMPARE(FleetQuery::clusterIdOf(configurations[0].toObject().value(u"id").toString()), aks);
        QCOMPARE(FleetQuery::clusterIdOf(aks), QString());
    }

    void worstComplianceWins_data()
    {
        QTest::addColumn<QStringList>("states");
        QTest::addColumn<FleetCompliance>("expected");
        QTest::newRow("none") << QStringList{} << FleetCompliance::NoConfiguration;
        QTest::newRow("compliant") << QStringList{u"Compliant"_s} << FleetCompliance::Compliant;
        QTest::newRow("suspended over compliant") << QStringList{u"Compliant"_s, u"Suspended"_s} << FleetCompliance::Suspended;
        QTest::newRow("unknown over suspended") << QStringList{u"Suspended"_s, u""_s} << FleetCompliance::Unknown;
        QTest::newRow("pending over unknown") << QStringList{u"Unknown"_s, u"Pending"_s} << FleetCompliance::Pending;
        QTest::newRow("non-compliant over all")
            << QStringList{u"Pending"_s, u"Non-Compliant"_s, u"Compliant"_s} << FleetCompliance::NonCompliant;
    }

    void worstComplianceWins()
    {
        QFETCH(QStringList, states);
        QFETCH(FleetCompliance, expected);
        FleetCluster cluster;
        for (const QString &state : std::as_const(states))
            cluster.configurations.append({{}, {}, state, u"Succeeded"_s});
        QCOMPARE(cluster.compliance(), expected);
    }

    void fillsFromResourceGraph()
    {
        OperationsModel operations;
        FleetModel model(m_fleetConnection->client.get(), &operations);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loading(&model, &FleetModel::loadingChanged);
        const auto loaded = loadAndWait(model, [&] { model.load(m_fleet.server().subscriptionIds()); });
        QVERIFY2(loaded, failureText(loaded));
        QCOMPARE(loading.count(), 2);
        QVERIFY(!model.isLoading());
        QCOMPARE(model.errorMessage(), QString());

        // One row per cluster Resource Graph knows, demo clusters included.
        const QStringList subscriptions = m_fleet.server().subscriptionIds();
        ArmClient &client = *m_fleetConnection->client;
        const QJsonArray all = query(client, FleetQuery::clusters(), subscriptions);
        QCOMPARE(model.rowCount(), int(all.size()));
        QVERIFY(model.rowCount() > FleetSize);
        const QJsonArray generated = query(client, FleetClusters + u" | count"_s, subscriptions);
        QCOMPARE(generated.first().toObject().value(u"Count").toInt(), FleetSize);

        // The generated clusters keep their states: per compliance state, as many as Resource
        // Graph counts configurations (each has at most one), the rest without any.
        FleetFilterModel filter;
        filter.setSourceModel(&model);
        filter.setFilterText(u"rg-fleet-"_s);
        QCOMPARE(filter.rowCount(), FleetSize);
        const FleetSummary summary = filter.summary();
        QCOMPARE(summary.clusters(), FleetSize);
        const QJsonArray counted = query(
            client,
            u"kubernetesconfigurationresources | where type =~ 'microsoft.kubernetesconfiguration/fluxconfigurations'"
            " and id contains '/resourceGroups/rg-fleet-'"
            " | summarize configurations = count() by state = tostring(properties.complianceState)"_s,
            subscriptions);
        QVERIFY(!counted.isEmpty());
        int configured = 0;
        for (const QJsonValue value : counted) {
            const QJsonObject group = value.toObject();
            const int count = group.value(u"configurations").toInt();
            const QString state = group.value(u"state").toString();
            QCOMPARE(summary.count(FleetCluster::complianceFromAzure(state)), count);
            configured += count;
        }
        QCOMPARE(summary.count(FleetCompliance::NoConfiguration), FleetSize - configured);
        QVERIFY(summary.count(FleetCompliance::NonCompliant) > 0);
        QVERIFY(summary.count(FleetCompliance::Compliant) > 0);

        // Extensions as Resource Graph counts them.
        const QJsonArray extensions = query(client, FleetQuery::fluxExtensions(), subscriptions);
        const auto installed = std::ranges::count_if(model.clusters(), &FleetCluster::extensionInstalled);
        QCOMPARE(qsizetype(installed), extensions.size());

        // A handful of requests for the whole fleet: clusters, extensions, configurations and
        // subscription names, one page each.
        const FleetModel::LoadStatistics cost = model.lastLoad();
        QCOMPARE(cost.pages, 4);
        QVERIFY2(cost.requests <= 12, qPrintable(QString::number(cost.requests)));

        // The Operations dock saw it start and succeed.
        QCOMPARE(operations.rowCount(), 1);
        QCOMPARE(operations.index(0, 0).data(OperationsModel::StateRole).value<OperationsModel::State>(),
                 OperationsModel::State::Succeeded);

        // Subscriptions read as their display names, which Resource Graph provided.
        const QModelIndex first = model.index(0, FleetModel::SubscriptionColumn);
        QVERIFY(first.data().toString().contains(u"(sandbox)"_s));
        QCOMPARE(model.rowOf(model.index(5, 0).data(FleetModel::ResourceIdRole).toString().toUpper()), 5);
    }

    void reloadUpdatesInPlace()
    {
        FleetModel model(m_fleetConnection->client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto loaded = loadAndWait(model, [&] { model.load(m_fleet.server().subscriptionIds()); });
        QVERIFY2(loaded, failureText(loaded));
        const std::vector<FleetCluster> before = model.clusters();

        // Smaller pages: more of them, the same rows, and no row removed or inserted.
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy progress(&model, &FleetModel::progressChanged);
        model.setPageSize(100);
        loaded = loadAndWait(model, [&] { model.reload(); });
        QVERIFY2(loaded, failureText(loaded));
        QVERIFY(model.lastLoad().pages > 4);
        QVERIFY(progress.count() >= model.lastLoad().pages);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowCount(), int(before.size()));
        for (const FleetCluster &cluster : before) {
            const int row = model.rowOf(cluster.id);
            QVERIFY(row >= 0);
            if (cluster.name.contains(u"fleet"_s))
                QCOMPARE(model.cluster(row), cluster);
        }

        // A snapshot without a cluster removes just that row.
        std::vector<FleetCluster> fewer = model.clusters();
        const QString gone = fewer[10].id;
        fewer.erase(fewer.begin() + 10);
        model.setClusters(fewer);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowOf(gone), -1);
        QCOMPARE(model.rowCount(), int(before.size()) - 1);
    }

    void filtersAndGroups()
    {
        FleetModel model(m_fleetConnection->client.get());
        const auto loaded = loadAndWait(model, [&] { model.load(m_fleet.server().subscriptionIds()); });
        QVERIFY2(loaded, failureText(loaded));
        FleetFilterModel filter;
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        QSignalSpy summaryChanged(&filter, &FleetFilterModel::summaryChanged);
        QCOMPARE(filter.rowCount(), model.rowCount());

        // Text: every word must match.
        filter.setFilterText(u"arc-fleet"_s);
        QVERIFY(filter.rowCount() > 0);
        for (int row = 0; row < filter.rowCount(); ++row)
            QCOMPARE(filter.index(row, 0).data(FleetModel::KindRole).toInt(), int(FleetCluster::Kind::Arc));
        const int arc = filter.rowCount();
        filter.setFilterText(u"arc-fleet Offline"_s);
        QVERIFY(filter.rowCount() > 0);
        QVERIFY(filter.rowCount() < arc);
        QVERIFY(summaryChanged.count() >= 2);

        // Compliance state.
        filter.setFilterText({});
        FleetSummary everything(FleetGroupKey::Compliance);
        for (const FleetCluster &cluster : model.clusters())
            everything.add(cluster);
        filter.setComplianceFilter(FleetCompliance::NonCompliant);
        QCOMPARE(filter.rowCount(), everything.count(FleetCompliance::NonCompliant));
        for (int row = 0; row < filter.rowCount(); ++row)
            QCOMPARE(filter.index(row, 0).data(FleetModel::ComplianceRole).toInt(), int(FleetCompliance::NonCompliant));
        filter.setComplianceFilter(std::nullopt);

        // Grouping: the summary's groups cover every row, in order; a group narrows to its rows.
        for (int key = 0; key < Fluxdeck::Items::FleetGroupKeyCount; ++key) {
            filter.setGroupKey(static_cast<FleetGroupKey>(key));
            const FleetSummary summary = filter.summary();
            int total = 0;
            for (const FleetGroup &group : summary.groups()) {
                int perState = 0;
                for (int state = 0; state < FleetComplianceCount; ++state)
                    perState += group.compliance[size_t(state)];
                QCOMPARE(perState, group.clusters);
                total += group.clusters;
            }
            QCOMPARE(total, model.rowCount());
            const FleetGroup &last = summary.groups().last();
            filter.setGroupFilter(last.key);
            QCOMPARE(filter.rowCount(), last.clusters);
            // The chart's counts stay those of every group while one is chosen.
            QCOMPARE(filter.summary().clusters(), model.rowCount());
            filter.clearGroupFilter();
            QCOMPARE(filter.rowCount(), model.rowCount());
        }

        filter.setGroupKey(FleetGroupKey::Compliance);
        const FleetSummary byCompliance = filter.summary();
        QCOMPARE(byCompliance.groups().first().key, u"Non-Compliant"_s);
        QCOMPARE(byCompliance.groups().last().key, QString());   // no configuration
        filter.setGroupKey(FleetGroupKey::Subscription);
        QCOMPARE(filter.summary().groups().size(), 2);
        QCOMPARE(filter.summary().groups().first().label, u"Contoso Dev/Test (sandbox)"_s);
        filter.setGroupKey(FleetGroupKey::Location);
        filter.setGroupFilter(u"eastus"_s);
        QVERIFY(filter.rowCount() > 0);
        for (int row = 0; row < filter.rowCount(); ++row)
            QCOMPARE(filter.index(row, 0).data(FleetModel::LocationRole).toString(), u"eastus"_s);
        filter.setGroupKey(FleetGroupKey::ExtensionVersion);   // drops the group filter
        QVERIFY(!filter.groupFilter());
        QCOMPARE(filter.rowCount(), model.rowCount());
        QCOMPARE(filter.summary().groups().last().key, QString());   // not installed, last

        // Sorting by compliance puts the worst first.
        filter.sort(FleetModel::ComplianceColumn, Qt::AscendingOrder);
        QCOMPARE(filter.index(0, 0).data(FleetModel::ComplianceRole).toInt(), int(FleetCompliance::NonCompliant));
        QCOMPARE(filter.index(filter.rowCount() - 1, 0).data(FleetModel::ComplianceRole).toInt(),
                 int(FleetCompliance::NoConfiguration));
    }

    void reportsErrorsInAPersonsWords()
    {
        OperationsModel operations;
        FleetModel model(m_fleetConnection->client.get(), &operations);
        // A subscription the caller cannot read: Resource Graph refuses the whole query.
        const auto loaded = loadAndWait(model, [&] {
            model.load(QList<FleetModel::Subscription>{{u"00000000-0000-4000-8000-000000000000"_s, u"Nobody's"_s}});
        });
        QVERIFY(!loaded);
        QVERIFY(!loaded.error().message.isEmpty());
        QCOMPARE(model.errorMessage(), loaded.error().message);
        // The same words Resource Manager's client gives for that refusal.
        const std::unique_ptr<ArmReply> direct = m_fleetConnection->client->queryResourceGraph(
            FleetQuery::clusters(), {u"00000000-0000-4000-8000-000000000000"_s});
        QSignalSpy directFinished(direct.get(), &ArmReply::finished);
        QVERIFY(direct->isFinished() || directFinished.wait(60000));
        QVERIFY(!direct->result());
        QCOMPARE(model.errorMessage(), direct->result().error().userMessage());
        QCOMPARE(operations.index(0, 0).data(OperationsModel::StateRole).value<OperationsModel::State>(),
                 OperationsModel::State::Failed);
        QCOMPARE(operations.index(0, 0).data(OperationsModel::MessageRole).toString(), model.errorMessage());
        QCOMPARE(model.rowCount(), 0);

        FleetModel signedOut(nullptr);
        const auto refused = loadAndWait(signedOut, [&] { signedOut.load(QStringList{u"x"_s}); });
        QVERIFY(!refused);
    }

    void cancels()
    {
        OperationsModel operations;
        FleetModel model(m_fleetConnection->client.get(), &operations);
        QSignalSpy finished(&model, &FleetModel::loadFinished);
        model.load(m_fleet.server().subscriptionIds());
        QVERIFY(model.isLoading());
        QCOMPARE(operations.runningCount(), 1);
        // The user cancels in the Operations dock.
        QVERIFY(operations.cancel(operations.index(0, 0).data(OperationsModel::IdRole).value<OperationsModel::Id>()));
        QVERIFY(!model.isLoading());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(operations.index(0, 0).data(OperationsModel::StateRole).value<OperationsModel::State>(),
                 OperationsModel::State::Cancelled);

        // Or the fleet view stops it.
        model.load(m_fleet.server().subscriptionIds());
        model.cancel();
        QVERIFY(!model.isLoading());
        QCOMPARE(finished.count(), 2);
        QCOMPARE(operations.runningCount(), 0);
        // Nothing arrives afterwards.
        QVERIFY(!finished.wait(300));
        QCOMPARE(finished.count(), 2);
        QCOMPARE(model.rowCount(), 0);
    }

    void demoCloud()
    {
        SandboxCloud demo;
        const auto started = demo.start();
        QVERIFY2(started, failureText(started));
        Connection connection(&m_network, demo);
        FleetModel model(connection.client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto loaded = loadAndWait(model, [&] { model.load(demo.server().subscriptionIds()); });
        QVERIFY2(loaded, failureText(loaded));

        // Flux reconciles the tutorial's configuration on aks-prod-eastus to Compliant; reading
        // the fleet again shows it. Each read also asks the sandbox's Flux for a pass: its health
        // check of the apps Kustomization is sometimes left waiting for the 10-minute interval
        // when its timer fires a little early (a sandbox bug, reported), and the fleet view is
        // not what is tested there.
        const QString prod = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5/resourceGroups/rg-gitops-prod"
                             "/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus"_s;
        const auto prodCompliance = [&] {
            if (!model.isLoading()) {
                demo.server().flux().schedule(prod);
                model.reload();
            }
            const int row = model.rowOf(prod);
            return row < 0 ? -1 : model.index(row, 0).data(FleetModel::ComplianceRole).toInt();
        };
        QTRY_COMPARE_WITH_TIMEOUT(prodCompliance(), int(FleetCompliance::Compliant), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 60000);

        const int retail = rowNamed(model, u"arc-retail-store-01"_s);
        QVERIFY(retail >= 0);
        QCOMPARE(model.index(retail, FleetModel::ExtensionColumn).data().toString(), u"1.17.3"_s);
        QCOMPARE(model.index(retail, 0).data(FleetModel::ExtensionVersionRole).toString(), u"1.17.3"_s);
        QCOMPARE(model.index(retail, FleetModel::SubscriptionColumn).data().toString(), u"Contoso Platform (sandbox)"_s);
        QCOMPARE(model.index(retail, FleetModel::ResourceGroupColumn).data().toString(), u"rg-edge"_s);

        const QString latest = Fluxdeck::Sandbox::latestFluxExtensionVersion();
        QCOMPARE(dump(model), (QStringList{
            u"aks-dev-westus2 | AKS | 1.33.2 | Running | not installed | 0 | No configuration | not installed"_s,
            u"aks-legacy-spn | AKS | 1.31.9 | Running | not installed | 0 | No configuration | not installed"_s,
            QString(u"aks-prod-eastus | AKS | 1.32.6 | Running | "_s + latest + u" | 1 | Compliant | Succeeded"_s),
            u"arc-edge-arm64 | Arc (k3s) | 1.31.5 | Connected | not installed | 0 | No configuration | not installed"_s,
            u"arc-factory-doha | Arc (k3s) | 1.31.5 | Connected | not installed | 0 | No configuration | not installed"_s,
            u"arc-factory-pi | Arc (k3s) | 1.30.8 | Connected | 1.6.3 (Failed) | 0 | No configuration | Failed"_s,
            u"arc-retail-store-01 | Arc (aks_edge_k3s) | 1.30.8 | Connected | 1.17.3 | 0 | No configuration | Succeeded"_s,
        }));
    }

private:
    QNetworkAccessManager m_network;
    SandboxCloud m_fleet;
    std::unique_ptr<Connection> m_fleetConnection;
};

QTEST_GUILESS_MAIN(TestFleetModel)
#include "tst_fleetmodel.moc"
