// FleetView driven as a person would: typing a filter, choosing a grouping and a compliance
// state with the keyboard, clicking and keying chart bars, activating a row.

#include "fleetchart.h"
#include "fleetfiltermodel.h"
#include "fleetmodel.h"
#include "fleetview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QApplication>
#include <QClipboard>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::FleetCluster;
using Fluxdeck::Items::FleetCompliance;
using Fluxdeck::Items::FleetConfiguration;
using Fluxdeck::Items::FleetGroupKey;
using Fluxdeck::Items::FleetModel;
using Fluxdeck::Ui::FleetChart;
using Fluxdeck::Ui::FleetView;

namespace {

const QString Platform = u"6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"_s;
const QString Dev = u"7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5"_s;

FleetCluster cluster(const QString &name, const QString &subscription, const QString &location, const QString &extension,
                     const QStringList &compliance)
{
    FleetCluster c;
    const bool arc = name.startsWith(u"arc");
    c.name = name;
    c.subscriptionId = subscription;
    c.subscriptionName = subscription == Platform ? u"Contoso Platform"_s : u"Contoso Dev/Test"_s;
    c.resourceGroup = u"rg-"_s + location;
    c.location = location;
    c.kind = arc ? FleetCluster::Kind::Arc : FleetCluster::Kind::Aks;
    c.id = u"/subscriptions/%1/resourceGroups/%2/providers/%3/%4"_s.arg(
        subscription, c.resourceGroup,
        arc ? u"Microsoft.Kubernetes/connectedClusters"_s : u"Microsoft.ContainerService/managedClusters"_s, name);
    c.kubernetesVersion = u"1.32.6"_s;
    c.clusterState = arc ? u"Connected"_s : u"Running"_s;
    c.extensionInstalled = !extension.isEmpty();
    c.extensionVersion = extension;
    c.extensionProvisioningState = extension.isEmpty() ? QString() : u"Succeeded"_s;
    for (const QString &state : compliance) {
        c.configurations.append({QString(c.id + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cfg"_s),
                                 u"cfg"_s, state, u"Succeeded"_s});
    }
    return c;
}

std::vector<FleetCluster> fleet()
{
    return {
        cluster(u"aks-prod-eastus"_s, Platform, u"eastus"_s, u"1.18.3"_s, {u"Compliant"_s}),
        cluster(u"aks-prod-westeurope"_s, Platform, u"westeurope"_s, u"1.18.3"_s, {u"Non-Compliant"_s}),
        cluster(u"aks-stage-eastus"_s, Dev, u"eastus"_s, u"1.17.3"_s, {u"Pending"_s, u"Compliant"_s}),
        cluster(u"aks-dev-westus2"_s, Dev, u"westus2"_s, {}, {}),
        cluster(u"arc-retail-store-01"_s, Platform, u"westeurope"_s, u"1.17.3"_s, {u"Compliant"_s}),
        cluster(u"arc-retail-store-02"_s, Platform, u"westeurope"_s, u"1.17.3"_s, {u"Suspended"_s}),
        cluster(u"arc-factory-pi"_s, Platform, u"westeurope"_s, u"1.6.3"_s, {u"Unknown"_s}),
        cluster(u"arc-edge-arm64"_s, Platform, u"westeurope"_s, {}, {}),
    };
}

QStringList names(const QTableView &table)
{
    QStringList out;
    for (int row = 0; row < table.model()->rowCount(); ++row)
        out.append(table.model()->index(row, FleetModel::NameColumn).data().toString());
    out.sort();
    return out;
}

} // namespace

class TestFleetView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<FleetModel>(nullptr);
        m_model->setClusters(fleet());
        m_view = std::make_unique<FleetView>(*m_model);
        m_view->resize(1100, 700);
        m_view->show();
        m_view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
        m_table = m_view->findChild<QTableView *>(u"fleetTable"_s);
        m_chart = m_view->findChild<FleetChart *>(u"fleetChart"_s);
        m_filterEdit = m_view->findChild<QLineEdit *>(u"fleetFilterEdit"_s);
        m_groupCombo = m_view->findChild<QComboBox *>(u"fleetGroupByCombo"_s);
        m_complianceCombo = m_view->findChild<QComboBox *>(u"fleetComplianceCombo"_s);
        m_showAll = m_view->findChild<QPushButton *>(u"fleetShowAllButton"_s);
        QVERIFY(m_table && m_chart && m_filterEdit && m_groupCombo && m_complianceCombo && m_showAll);
    }

    void cleanup()
    {
        m_view.reset();
        m_model.reset();
    }

    void showsTheFleet()
    {
        QAbstractItemModelTester tester(m_table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_table->model()->rowCount(), 8);
        // Worst first.
        QCOMPARE(m_table->model()->index(0, FleetModel::NameColumn).data().toString(), u"aks-prod-westeurope"_s);
        QCOMPARE(m_table->model()->index(0, FleetModel::ComplianceColumn).data().toString(), u"Non-Compliant"_s);
        // The chart counts clusters per compliance state.
        const auto &groups = m_chart->summary().groups();
        QCOMPARE(groups.size(), 6);
        QCOMPARE(groups.first().label, u"Non-Compliant"_s);
        QCOMPARE(m_chart->summary().count(FleetCompliance::Compliant), 2);
        QCOMPARE(m_chart->summary().count(FleetCompliance::NoConfiguration), 2);
        QVERIFY(m_view->findChild<QLabel *>(u"fleetStatusLabel"_s)->text().contains(u"8 of 8"_s));

        // Everything a screen reader meets has a name.
        const QList<QWidget *> widgets{m_table, m_chart, m_filterEdit, m_groupCombo, m_complianceCombo, m_showAll,
                                       m_view->findChild<QPushButton *>(u"fleetRefreshButton"_s),
                                       m_view->findChild<QLabel *>(u"fleetStatusLabel"_s)};
        for (QWidget *widget : widgets)
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        QVERIFY(!m_chart->accessibleDescription().isEmpty());
    }

    void copiesTheQueriesAsAzCommands()
    {
        auto *copy = m_view->findChild<QPushButton *>(u"fleetCopyCommandButton"_s);
        QVERIFY(copy);
        QVERIFY(!copy->accessibleName().isEmpty());
        copy->setFocus();
        QTest::keyClick(copy, Qt::Key_Space);
        const QStringList lines = QApplication::clipboard()->text().split(u'\n');
        QCOMPARE(lines.size(), 3);
        for (const QString &line : lines)
            QVERIFY2(line.startsWith(u"az graph query --graph-query '"_s) && line.endsWith(u" --first 1000"_s),
                     qPrintable(line));
        QVERIFY(lines.at(2).contains(u"kubernetesconfigurationresources"_s));
    }

    void typingFilters()
    {
        // Ctrl+F from anywhere in the view goes to the filter box.
        m_table->setFocus();
        QTest::keyClick(m_table, Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), m_filterEdit);
        QTest::keyClicks(m_filterEdit, u"retail"_s);
        QCOMPARE(names(*m_table), (QStringList{u"arc-retail-store-01"_s, u"arc-retail-store-02"_s}));
        QCOMPARE(m_chart->summary().clusters(), 2);
        QVERIFY(m_view->findChild<QLabel *>(u"fleetStatusLabel"_s)->text().contains(u"2 of 8"_s));

        QTest::keyClicks(m_filterEdit, u" suspended"_s);
        QCOMPARE(names(*m_table), QStringList{u"arc-retail-store-02"_s});

        // Down goes to the table, on the first row.
        QTest::keyClick(m_filterEdit, Qt::Key_Down);
        QTRY_COMPARE(QApplication::focusWidget(), m_table);
        QCOMPARE(m_table->currentIndex().row(), 0);

        m_filterEdit->clear();
        QCOMPARE(m_table->model()->rowCount(), 8);
    }

    void keyboardChoosesGroupingAndCompliance()
    {
        m_filterEdit->setFocus();
        QTest::keyClick(m_filterEdit, Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), m_groupCombo);
        // Compliance → Provisioning → Subscription.
        QTest::keyClick(m_groupCombo, Qt::Key_Down);
        QTest::keyClick(m_groupCombo, Qt::Key_Down);
        QCOMPARE(m_chart->summary().key(), FleetGroupKey::Subscription);
        const auto &groups = m_chart->summary().groups();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups[0].label, u"Contoso Dev/Test"_s);
        QCOMPARE(groups[0].clusters, 2);
        QCOMPARE(groups[1].clusters, 6);
        QVERIFY(m_chart->accessibleName().contains(u"Subscription"_s));

        QTest::keyClick(m_groupCombo, Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), m_complianceCombo);
        QTest::keyClick(m_complianceCombo, Qt::Key_Down);   // All states → Non-Compliant
        QCOMPARE(names(*m_table), QStringList{u"aks-prod-westeurope"_s});
        QTest::keyClick(m_complianceCombo, Qt::Key_Down);   // Pending
        QCOMPARE(names(*m_table), QStringList{u"aks-stage-eastus"_s});
        QCOMPARE(m_chart->summary().clusters(), 1);
        QTest::keyClick(m_complianceCombo, Qt::Key_Home);
        QCOMPARE(m_table->model()->rowCount(), 8);
    }

    void activatingARowOpensTheCluster()
    {
        QSignalSpy activated(m_view.get(), &FleetView::clusterActivated);
        m_table->setFocus();
        m_table->setCurrentIndex(m_table->model()->index(0, 0));
        QTest::keyClick(m_table, Qt::Key_Down);
        const QString expected = m_table->currentIndex().data(FleetModel::ResourceIdRole).toString();
        QVERIFY(expected.startsWith(u"/subscriptions/"_s));
        QTest::keyClick(m_table, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.last().at(0).toString(), expected);

        const QModelIndex last = m_table->model()->index(m_table->model()->rowCount() - 1, FleetModel::LocationColumn);
        m_table->scrollTo(last);
        QVERIFY(m_table->viewport()->rect().contains(m_table->visualRect(last).center()));
        // A double click as the window system delivers it: press, release, then the double click.
        const QPoint where = m_table->visualRect(last).center();
        QTest::mouseClick(m_table->viewport(), Qt::LeftButton, {}, where);
        QTest::mouseDClick(m_table->viewport(), Qt::LeftButton, {}, where);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.last().at(0).toString(), last.data(FleetModel::ResourceIdRole).toString());
    }

    void clickingABarFiltersTheTable()
    {
        // Group by location: eastus, westeurope, westus2.
        m_groupCombo->setCurrentIndex(m_groupCombo->findData(int(FleetGroupKey::Location)));
        const auto &groups = m_chart->summary().groups();
        QCOMPARE(groups.size(), 3);
        QCOMPARE(groups[1].key, u"westeurope"_s);
        QVERIFY(!m_showAll->isEnabled());

        QTest::mouseClick(m_chart, Qt::LeftButton, {}, m_chart->barRect(1).center());
        QCOMPARE(m_view->filterModel()->groupFilter(), std::optional(u"westeurope"_s));
        QCOMPARE(m_table->model()->rowCount(), 5);
        for (int row = 0; row < 5; ++row)
            QCOMPARE(m_table->model()->index(row, 0).data(FleetModel::LocationRole).toString(), u"westeurope"_s);
        // The chart still shows every group, the chosen one highlighted.
        QCOMPARE(m_chart->summary().groups().size(), 3);
        QVERIFY(m_showAll->isEnabled());

        // The same bar again shows everything.
        QTest::mouseClick(m_chart, Qt::LeftButton, {}, m_chart->barRect(1).center());
        QVERIFY(!m_view->filterModel()->groupFilter());
        QCOMPARE(m_table->model()->rowCount(), 8);

        // By keyboard: Tab to the chart, Down to a bar, Enter; Escape shows all again.
        m_view->findChild<QPushButton *>(u"fleetRefreshButton"_s)->setFocus();
        m_chart->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), m_chart);
        QTest::keyClick(m_chart, Qt::Key_Home);
        QTest::keyClick(m_chart, Qt::Key_Down);
        QTest::keyClick(m_chart, Qt::Key_Down);
        QCOMPARE(m_chart->currentGroup(), 2);
        QVERIFY(m_chart->accessibleDescription().contains(u"westus2"_s));
        QTest::keyClick(m_chart, Qt::Key_Return);
        QCOMPARE(names(*m_table), QStringList{u"aks-dev-westus2"_s});
        QTest::keyClick(m_chart, Qt::Key_Escape);
        QCOMPARE(m_table->model()->rowCount(), 8);

        // The Show all button too.
        QTest::mouseClick(m_chart, Qt::LeftButton, {}, m_chart->barRect(0).center());
        QCOMPARE(m_table->model()->rowCount(), 2);
        QTest::mouseClick(m_showAll, Qt::LeftButton);
        QCOMPARE(m_table->model()->rowCount(), 8);
        QVERIFY(!m_showAll->isEnabled());
    }

    void chartFollowsTheModel()
    {
        // A reload that changes states updates the chart without losing the table's current row.
        m_table->setCurrentIndex(m_table->model()->index(3, 0));
        const QString current = m_table->currentIndex().data(FleetModel::ResourceIdRole).toString();
        std::vector<FleetCluster> changed = fleet();
        changed[1].configurations[0].complianceState = u"Compliant"_s;
        m_model->setClusters(changed);
        QCOMPARE(m_chart->summary().count(FleetCompliance::NonCompliant), 0);
        QCOMPARE(m_chart->summary().count(FleetCompliance::Compliant), 3);
        QCOMPARE(m_table->currentIndex().data(FleetModel::ResourceIdRole).toString(), current);
    }

private:
    std::unique_ptr<FleetModel> m_model;
    std::unique_ptr<FleetView> m_view;
    QTableView *m_table = nullptr;
    FleetChart *m_chart = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_groupCombo = nullptr;
    QComboBox *m_complianceCombo = nullptr;
    QPushButton *m_showAll = nullptr;
};

QTEST_MAIN(TestFleetView)
#include "tst_fleetview.moc"
