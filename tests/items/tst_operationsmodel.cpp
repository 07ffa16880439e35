#include "operationsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::OperationsModel;

namespace {

QStringList dump(const OperationsModel &model)
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells << model.index(row, column).data().toString();
        rows << cells.join(u" | "_s);
    }
    return rows;
}

QString elapsed(const OperationsModel &model, int row)
{
    return model.index(row, OperationsModel::ProgressColumn).data().toString();
}

} // namespace

class TestOperationsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lifecycle()
    {
        OperationsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy running(&model, &OperationsModel::runningCountChanged);
        QSignalSpy finished(&model, &OperationsModel::finished);

        const auto install = model.start(u"Install microsoft.flux on aks-prod"_s);
        const auto fetch = model.start(u"Fetch gitops-flux2-kustomize-helm-mt"_s, [] {});
        QCOMPARE(model.runningCount(), 2);
        QCOMPARE(running.size(), 2);
        QCOMPARE(dump(model), (QStringList{u"Install microsoft.flux on aks-prod | working… | Running"_s,
                                           u"Fetch gitops-flux2-kustomize-helm-mt | working… | Running"_s}));

        model.setProgress(fetch, 30, 120, u"Receiving objects"_s);
        QCOMPARE(model.index(1, 0).data(OperationsModel::ProgressRole).toInt(), 25);
        QCOMPARE(dump(model).at(1), u"Fetch gitops-flux2-kustomize-helm-mt | 25 % | Running: Receiving objects"_s);

        model.succeed(fetch);
        model.fail(install, u"Extension type not registered"_s);
        QCOMPARE(model.runningCount(), 0);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(1).at(1).value<OperationsModel::State>(), OperationsModel::State::Failed);
        QCOMPARE(dump(model), (QStringList{u"Install microsoft.flux on aks-prod | "_s + elapsed(model, 0)
                                               + u" | Failed: Extension type not registered"_s,
                                           u"Fetch gitops-flux2-kustomize-helm-mt | "_s + elapsed(model, 1)
                                               + u" | Succeeded"_s}));
        QVERIFY(elapsed(model, 0).endsWith(u" s"_s));
        QCOMPARE(model.index(1, 0).data(OperationsModel::ProgressRole).toInt(), 100);
    }

    void reportsAfterTheEndAreIgnored()
    {
        OperationsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto id = model.start(u"Poll"_s);
        model.succeed(id, u"done"_s);
        model.fail(id, u"late failure"_s);
        model.setProgress(id, 1, 2);
        QCOMPARE(model.state(id), OperationsModel::State::Succeeded);
        QCOMPARE(model.index(0, 0).data(OperationsModel::MessageRole).toString(), u"done"_s);
    }

    void cancelCallsTheHandlerOnce()
    {
        OperationsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        int calls = 0;
        OperationsModel::Id id = 0;
        // A handler that reports back re-entrantly, as an aborting network reply does.
        id = model.start(u"Create flux configuration"_s, [&] {
            ++calls;
            model.fail(id, u"aborted"_s);
        });
        QVERIFY(model.index(0, 0).data(OperationsModel::CancellableRole).toBool());
        QVERIFY(model.cancel(id));
        QVERIFY(!model.cancel(id));
        QCOMPARE(calls, 1);
        QCOMPARE(model.state(id), OperationsModel::State::Cancelled);
        QVERIFY(!model.index(0, 0).data(OperationsModel::CancellableRole).toBool());
        QVERIFY(dump(model).at(0).endsWith(u"Cancelled: Cancelled by the user"_s));
    }

    void operationsWithoutHandlerCannotBeCancelled()
    {
        OperationsModel model;
        const auto id = model.start(u"Read cluster"_s);
        QVERIFY(!model.index(0, 0).data(OperationsModel::CancellableRole).toBool());
        QVERIFY(!model.cancel(id));
        QCOMPARE(model.state(id), OperationsModel::State::Running);
    }

    void clearFinishedKeepsRunning()
    {
        OperationsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto a = model.start(u"a"_s);
        const auto b = model.start(u"b"_s);
        const auto c = model.start(u"c"_s);
        model.succeed(a);
        model.fail(c, u"x"_s);
        model.clearFinished();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(b), 0);
        QCOMPARE(model.rowOf(a), -1);
    }
};

QTEST_GUILESS_MAIN(TestOperationsModel)
#include "tst_operationsmodel.moc"
