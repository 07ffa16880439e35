#include "explorermodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::ExplorerModel;

namespace {

void printTree(const QAbstractItemModel &model, const QModelIndex &parent, int depth, QStringList &out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        out << QString(depth * 2, u' ') + index.data().toString();
        printTree(model, index, depth + 1, out);
    }
}

QStringList printTree(const QAbstractItemModel &model)
{
    QStringList out;
    printTree(model, {}, 0, out);
    return out;
}

} // namespace

class TestExplorerModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pendingClustersAreRowsWhenAskedFor()
    {
        ExplorerModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto cluster = [](const QString &name) {
            return QJsonObject{{u"id"_s, QString(u"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/"
                                                 "connectedClusters/"_s + name)},
                               {u"name"_s, name},
                               {u"type"_s, u"Microsoft.Kubernetes/connectedClusters"_s},
                               {u"location"_s, u"westeurope"_s},
                               {u"properties"_s, QJsonObject{{u"kubernetesVersion"_s, u"1.31.5"_s}, {u"totalNodeCount"_s, 3}}}};
        };
        model.beginRebuild();
        const QModelIndex cloud = model.appendNode({}, ExplorerModel::Kind::Cloud, u"Sandbox"_s);
        const QModelIndex subscription = model.appendNode(cloud, ExplorerModel::Kind::Subscription, u"Platform"_s,
                                                          u"/subscriptions/s"_s);
        const QModelIndex group = model.appendNode(subscription, ExplorerModel::Kind::ResourceGroup, u"rg"_s,
                                                   u"/subscriptions/s/resourceGroups/rg"_s);
        model.setPendingClusters(group, {cluster(u"edge-a"_s), cluster(u"edge-b"_s)});
        model.endRebuild();

        const QModelIndex rg = model.index(0, 0, model.index(0, 0, model.index(0, 0)));
        QCOMPARE(model.rowCount(rg), 2);
        QVERIFY(model.hasChildren(rg));
        QCOMPARE(model.index(1, 0, rg).data().toString(), u"edge-b"_s);
        QCOMPARE(model.index(1, ExplorerModel::NodesColumn, rg).data().toString(), u"3"_s);
        QCOMPARE(model.index(0, 0, rg).parent(), rg);
        QVERIFY(model.indexOfResource(u"/SUBSCRIPTIONS/s/resourceGroups/rg/providers/Microsoft.Kubernetes/"
                                      "connectedClusters/edge-a"_s).isValid());
        // Appending after pending rows keeps them in order.
        model.setPendingClusters(rg, {cluster(u"edge-c"_s)});
        QCOMPARE(model.rowCount(rg), 3);
        QCOMPARE(model.index(2, 0, rg).data().toString(), u"edge-c"_s);
    }

    void signedOutShowsOnePlaceholder()
    {
        ExplorerModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.showSignedOut(u"AzureCloud"_s);
        QCOMPARE(printTree(model), QStringList{u"Not signed in to AzureCloud"_s});
        const QModelIndex placeholder = model.index(0, 0);
        QCOMPARE(placeholder.data(ExplorerModel::KindRole).value<ExplorerModel::Kind>(), ExplorerModel::Kind::Placeholder);
        QCOMPARE(placeholder.data(ExplorerModel::ActionRole).toString(), QString(ExplorerModel::ChooseCloudAction));
        QVERIFY(placeholder.data(Qt::ToolTipRole).toString().contains(u"AzureCloud"_s));

        model.showSignedOut(u"Sandbox"_s);
        QCOMPARE(printTree(model), QStringList{u"Not signed in to Sandbox"_s});
    }

    void buildsAndClearsATree()
    {
        ExplorerModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto cloud = model.appendNode({}, ExplorerModel::Kind::Cloud, u"AzureCloud"_s);
        const auto sub = model.appendNode(cloud, ExplorerModel::Kind::Subscription, u"Contoso Prod"_s,
                                          u"/subscriptions/1111"_s);
        const auto rg = model.appendNode(sub, ExplorerModel::Kind::ResourceGroup, u"rg-gitops"_s,
                                         u"/subscriptions/1111/resourceGroups/rg-gitops"_s);
        model.appendNode(rg, ExplorerModel::Kind::ManagedCluster, u"aks-prod"_s);
        model.appendNode(rg, ExplorerModel::Kind::ConnectedCluster, u"arc-edge"_s);
        QCOMPARE(printTree(model), (QStringList{u"AzureCloud"_s, u"  Contoso Prod"_s, u"    rg-gitops"_s,
                                                u"      aks-prod"_s, u"      arc-edge"_s}));
        QCOMPARE(model.parent(model.index(1, 0, rg)), rg);
        QCOMPARE(rg.data(ExplorerModel::ResourceIdRole).toString(), u"/subscriptions/1111/resourceGroups/rg-gitops"_s);

        model.removeChildren(sub);
        QCOMPARE(printTree(model), (QStringList{u"AzureCloud"_s, u"  Contoso Prod"_s}));
        model.removeChildren({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestExplorerModel)
#include "tst_explorermodel.moc"
