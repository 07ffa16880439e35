#include "explorermodel.h"

#include <QAbstractItemModelTester>
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
