// The explorer filled from a signed-in session against the in-process sandbox: the tree's
// shape, the clusters' columns, the few requests Resource Graph needs even for a fleet, and
// the per-subscription fallback when Resource Graph refuses.

#include "armclient.h"
#include "azuresession.h"
#include "explorerloader.h"
#include "explorermodel.h"
#include "operationsmodel.h"
#include "resultmessage.h"
#include "secretstore.h"
#include "sandboxcloud.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::AzureSession;
using Fluxdeck::Items::ExplorerLoader;
using Fluxdeck::Items::ExplorerModel;

namespace {

QModelIndex child(const QAbstractItemModel &model, const QModelIndex &parent, const QString &name)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        if (model.index(row, 0, parent).data().toString() == name)
            return model.index(row, 0, parent);
    }
    return {};
}

} // namespace

class TestExplorerLoader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoCloud();
    void fleetInAFewRequests();
    void fallsBackWhenResourceGraphFails();
    void followsTheSession();
};

void TestExplorerLoader::demoCloud()
{
    Fluxdeck::Test::SandboxCloud sandbox;
    const auto started = sandbox.start();
    QVERIFY2(started, Fluxdeck::Test::failureText(started));
    QNetworkAccessManager network;
    Fluxdeck::Items::MemorySecretStore secrets;
    AzureSession session(&network, &secrets);
    session.setCloud(sandbox.cloud());
    ExplorerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Fluxdeck::Items::OperationsModel operations;
    ExplorerLoader loader(&model, &session, &operations);
    loader.setCloudName(u"Sandbox"_s);
    QCOMPARE(model.rowCount(), 1);   // "Not signed in to Sandbox"
    QSignalSpy loaded(&loader, &ExplorerLoader::loaded);
    session.signIn();
    QVERIFY(loaded.wait(30000));
    QCOMPARE(loaded.first().at(0).toInt(), 7);

    const QModelIndex cloud = model.index(0, 0);
    QCOMPARE(cloud.data().toString(), u"Sandbox"_s);
    QCOMPARE(model.rowCount(cloud), 2);
    const QModelIndex platform = child(model, cloud, u"Contoso Platform (sandbox)"_s);
    QVERIFY(platform.isValid());
    QCOMPARE(platform.data(ExplorerModel::KindRole).value<ExplorerModel::Kind>(), ExplorerModel::Kind::Subscription);
    const QModelIndex edge = child(model, platform, u"rg-edge"_s);
    QVERIFY(edge.isValid());
    const QModelIndex arm64 = child(model, edge, u"arc-edge-arm64"_s);
    QVERIFY(arm64.isValid());
    QCOMPARE(arm64.data(ExplorerModel::KindRole).value<ExplorerModel::Kind>(), ExplorerModel::Kind::ConnectedCluster);
    QCOMPARE(arm64.siblingAtColumn(ExplorerModel::LocationColumn).data().toString(), u"westeurope"_s);
    QCOMPARE(arm64.siblingAtColumn(ExplorerModel::VersionColumn).data().toString(), u"1.31.5"_s);
    QCOMPARE(arm64.siblingAtColumn(ExplorerModel::StateColumn).data().toString(), u"Connected"_s);
    QCOMPARE(arm64.siblingAtColumn(ExplorerModel::NodesColumn).data(ExplorerModel::SortRole).toInt(), 3);
    QVERIFY(arm64.siblingAtColumn(ExplorerModel::KindColumn).data().toString().contains(u"k3s"_s));
    const QModelIndex prod = model.indexOfResource(
        u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5/resourcegroups/rg-gitops-prod/providers/"
        "Microsoft.ContainerService/managedClusters/aks-prod-eastus"_s);
    QVERIFY(prod.isValid());
    QCOMPARE(prod.siblingAtColumn(ExplorerModel::StateColumn).data().toString(), u"Running"_s);
    QCOMPARE(prod.data(ExplorerModel::ResourceRole).toJsonObject().value(u"name").toString(), u"aks-prod-eastus"_s);
    // One Resource Graph page, no fallback lists.
    QCOMPARE(loader.lastRequestCount(), 1);
    QCOMPARE(operations.rowCount(), 1);
}

void TestExplorerLoader::fleetInAFewRequests()
{
    Fluxdeck::Test::SandboxCloud sandbox;
    auto options = Fluxdeck::Test::SandboxCloud::quickOptions();
    options.fleet = 2500;
    options.pageSize = 100;
    const auto started = sandbox.start(options);
    QVERIFY2(started, Fluxdeck::Test::failureText(started));
    QNetworkAccessManager network;
    Fluxdeck::Items::MemorySecretStore secrets;
    AzureSession session(&network, &secrets);
    session.setCloud(sandbox.cloud());
    ExplorerModel model;
    ExplorerLoader loader(&model, &session);
    QSignalSpy loaded(&loader, &ExplorerLoader::loaded);
    session.signIn();
    QVERIFY(loaded.wait(60000));
    QCOMPARE(loaded.first().at(0).toInt(), 2507);
    // 1,000 rows per Resource Graph page: three pages for 2,507 clusters.
    QCOMPARE(loader.lastRequestCount(), 3);
    int clusters = 0;
    const QModelIndex cloud = model.index(0, 0);
    for (int s = 0; s < model.rowCount(cloud); ++s) {
        const QModelIndex subscription = model.index(s, 0, cloud);
        for (int g = 0; g < model.rowCount(subscription); ++g)
            clusters += model.rowCount(model.index(g, 0, subscription));
    }
    QCOMPARE(clusters, 2507);
}

void TestExplorerLoader::fallsBackWhenResourceGraphFails()
{
    Fluxdeck::Test::SandboxCloud sandbox;
    const auto started = sandbox.start();
    QVERIFY2(started, Fluxdeck::Test::failureText(started));
    QVERIFY(sandbox.setFaults(u"error500@*/providers/Microsoft.ResourceGraph/*"_s));
    QNetworkAccessManager network;
    Fluxdeck::Items::MemorySecretStore secrets;
    AzureSession session(&network, &secrets);
    session.setCloud(sandbox.cloud());
    ExplorerModel model;
    ExplorerLoader loader(&model, &session);
    QSignalSpy loaded(&loader, &ExplorerLoader::loaded);
    session.signIn();
    QVERIFY(loaded.wait(60000));
    QCOMPARE(loaded.first().at(0).toInt(), 7);
    // Two lists per subscription (page size 2 in these tests), after Resource Graph's retries.
    QVERIFY(loader.lastRequestCount() > 4);
    QVERIFY(model.indexOfResource(u"/subscriptions/7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5/resourceGroups/rg-dev/providers/"
                                  "Microsoft.ContainerService/managedClusters/aks-dev-westus2"_s)
                .isValid());
}

void TestExplorerLoader::followsTheSession()
{
    Fluxdeck::Test::SandboxCloud sandbox;
    const auto started = sandbox.start();
    QVERIFY2(started, Fluxdeck::Test::failureText(started));
    QNetworkAccessManager network;
    Fluxdeck::Items::MemorySecretStore secrets;
    AzureSession session(&network, &secrets);
    Fluxdeck::Net::AzureCloudEndpoints cloud = sandbox.cloud();
    cloud.servicePrincipalClientId.clear();
    session.setCloud(cloud);
    session.setMethod(AzureSession::Method::Environment);
    session.setProcessEnvironment(QProcessEnvironment());
    ExplorerModel model;
    ExplorerLoader loader(&model, &session);
    session.signIn();
    QCOMPARE(model.index(0, 0).data(ExplorerModel::KindRole).value<ExplorerModel::Kind>(), ExplorerModel::Kind::Placeholder);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), AzureSession::State::Failed, 20000);
    const QModelIndex failed = model.index(0, 0);
    QCOMPARE(failed.data(ExplorerModel::ActionRole).toString(), QString(ExplorerModel::SignInAction));
    QVERIFY(failed.data(Qt::ToolTipRole).toString().contains(u"AZURE_"_s));
    session.signOut();
    QCOMPARE(model.index(0, 0).data(ExplorerModel::ActionRole).toString(), QString(ExplorerModel::ChooseCloudAction));
}

QTEST_GUILESS_MAIN(TestExplorerLoader)
#include "tst_explorerloader.moc"
