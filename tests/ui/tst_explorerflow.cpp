// The explorer and cluster pages like a person uses them, against the in-process sandbox: sign
// in with a device code (the dialog shows it, copies it, closes once approved), filter the
// explorer, open a cluster with Enter, read its extensions and configurations, copy its id.

#include "azuresession.h"
#include "clusterpage.h"
#include "clusterresources.h"
#include "explorerloader.h"
#include "explorermodel.h"
#include "localization.h"
#include "mainwindow.h"
#include "operationsmodel.h"
#include "resultmessage.h"
#include "secretstore.h"
#include "signindialog.h"
#include "sandboxcloud.h"
#include "server/identityservice.h"

#include <KSyntaxHighlighting/Repository>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::AzureSession;
using Fluxdeck::Items::ExplorerModel;
using Fluxdeck::Ui::ClusterPage;
using Fluxdeck::Ui::MainWindow;

namespace {

struct Shell
{
    Shell(const QString &settingsFile, const Fluxdeck::Net::AzureCloudEndpoints &cloud)
        : settings(settingsFile, QSettings::IniFormat)
        , session(&network, &secrets)
        , window({settings, highlighting, operations, localization, &session})
    {
        session.setCloud(cloud);
        window.show();
        window.activateWindow();
    }

    QSettings settings;
    KSyntaxHighlighting::Repository highlighting;
    Fluxdeck::Items::OperationsModel operations;
    Fluxdeck::Ui::Localization localization;
    QNetworkAccessManager network;
    Fluxdeck::Items::MemorySecretStore secrets;
    AzureSession session;
    MainWindow window;
};

} // namespace

class TestExplorerFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deviceCodeSignIn();
    void filterOpenAndCopy();

private:
    Fluxdeck::Test::SandboxCloud m_sandbox;
    QTemporaryDir m_dir;
};

void TestExplorerFlow::initTestCase()
{
    auto options = Fluxdeck::Test::SandboxCloud::quickOptions();
    options.deviceApprovalDelay = std::chrono::hours(1);
    const auto started = m_sandbox.start(options);
    QVERIFY2(started, Fluxdeck::Test::failureText(started));
}

void TestExplorerFlow::deviceCodeSignIn()
{
    Fluxdeck::Net::AzureCloudEndpoints cloud = m_sandbox.cloud();
    cloud.servicePrincipalClientId.clear();
    Shell shell(m_dir.filePath(u"device.ini"_s), cloud);
    shell.session.setMethod(AzureSession::Method::DeviceCode);
    QVERIFY(QTest::qWaitForWindowActive(&shell.window));

    // The explorer's placeholder: Enter signs in.
    QTreeView *explorer = shell.window.explorerView();
    explorer->setFocus();
    explorer->setCurrentIndex(explorer->model()->index(0, 0));
    QTest::keyClick(explorer, Qt::Key_Return);
    Fluxdeck::Ui::SignInDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = shell.window.findChild<Fluxdeck::Ui::SignInDialog *>()) != nullptr
                                 && !dialog->userCode().isEmpty(),
                             20000);
    QVERIFY(dialog->isVisible());
    auto *copy = dialog->findChild<QPushButton *>(u"copyCodeButton"_s);
    QVERIFY(copy->hasFocus());
    QTest::keyClick(copy, Qt::Key_Space);
    QCOMPARE(QApplication::clipboard()->text(), dialog->userCode());
    QVERIFY(!dialog->findChild<QPushButton *>(u"cancelSignInButton"_s)->accessibleName().isEmpty());

    QVERIFY(m_sandbox.server().identity().approveDeviceCode(dialog->userCode()));
    QTRY_COMPARE_WITH_TIMEOUT(shell.session.state(), AzureSession::State::SignedIn, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(shell.window.findChild<Fluxdeck::Ui::SignInDialog *>() == nullptr
                                 || !shell.window.findChild<Fluxdeck::Ui::SignInDialog *>()->isVisible(),
                             5000);
    QTRY_VERIFY_WITH_TIMEOUT(shell.window.findChild<QLabel *>(u"cloudStatus"_s)->text().contains(u"subscriptions: 2"_s),
                             20000);
}

void TestExplorerFlow::filterOpenAndCopy()
{
    Shell shell(m_dir.filePath(u"explorer.ini"_s), m_sandbox.cloud());
    QVERIFY(QTest::qWaitForWindowActive(&shell.window));
    QSignalSpy loaded(shell.window.explorerLoader(), &Fluxdeck::Items::ExplorerLoader::loaded);
    shell.window.findChild<QAction *>(u"signInAction"_s)->trigger();   // File > Sign In
    QVERIFY(loaded.wait(30000));

    // Ctrl+F filters: only the retail store and the rows that lead to it stay.
    QTest::keyClick(&shell.window, Qt::Key_F, Qt::ControlModifier);
    auto *filter = shell.window.findChild<QLineEdit *>(u"explorerFilter"_s);
    QVERIFY(filter->hasFocus());
    QTest::keyClicks(filter, u"retail"_s);
    QTreeView *explorer = shell.window.explorerView();
    const QAbstractItemModel *model = explorer->model();
    const QModelIndex cloud = model->index(0, 0);
    QCOMPARE(model->rowCount(cloud), 1);
    const QModelIndex subscription = model->index(0, 0, cloud);
    const QModelIndex group = model->index(0, 0, subscription);
    QCOMPARE(model->rowCount(group), 1);
    const QModelIndex retail = model->index(0, 0, group);
    QCOMPARE(retail.data().toString(), u"arc-retail-store-01"_s);

    // Keyboard: go to the row, copy its id, open it.
    explorer->setFocus();
    explorer->setCurrentIndex(retail);
    QTest::keyClick(explorer, Qt::Key_C, Qt::ControlModifier);
    QVERIFY(QApplication::clipboard()->text().endsWith(u"/connectedClusters/arc-retail-store-01"_s));
    QTest::keyClick(explorer, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(),
             u"az connectedk8s show --resource-group rg-edge --name arc-retail-store-01 --subscription "
             "6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"_s);
    QTest::keyClick(explorer, Qt::Key_Return);
    auto *tabs = shell.window.findChild<QTabWidget *>(u"workArea"_s);
    auto *page = qobject_cast<ClusterPage *>(tabs->currentWidget());
    QVERIFY(page);
    QTRY_COMPARE_WITH_TIMEOUT(tabs->tabText(tabs->currentIndex()), u"arc-retail-store-01"_s, 20000);
    auto *extensions = page->findChild<QTableView *>(u"extensionsTable"_s);
    QTRY_COMPARE_WITH_TIMEOUT(extensions->model()->rowCount(), 1, 20000);
    QCOMPARE(extensions->model()->index(0, 2).data().toString(), u"1.17.3"_s);
    QVERIFY(page->findChild<QLineEdit *>(u"armIdField"_s)->text().endsWith(u"arc-retail-store-01"_s));

    // Enter on the same cluster shows the page again rather than a second one.
    const int pages = tabs->count();
    explorer->setFocus();
    QTest::keyClick(explorer, Qt::Key_Return);
    QCOMPARE(tabs->count(), pages);

    // The healthy cluster's configuration, reconciled by the sandbox's Flux, reads Compliant.
    filter->clear();
    ClusterPage *prod = shell.window.openCluster(
        u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5/resourceGroups/rg-gitops-prod/providers/"
        "Microsoft.ContainerService/managedClusters/aks-prod-eastus"_s);
    QVERIFY(prod);
    auto *configurations = prod->findChild<QTableView *>(u"configurationsTable"_s);
    QTRY_COMPARE_WITH_TIMEOUT(configurations->model()->rowCount(), 1, 20000);
    // Flux reconciles it within a few passes of half a second; the page shows it on refresh.
    for (int attempt = 0; attempt < 60 && configurations->model()->index(0, 4).data().toString() != u"Compliant"; ++attempt) {
        QTest::qWait(250);
        QSignalSpy refreshed(prod->details(), &Fluxdeck::Items::ClusterDetails::loaded);
        prod->refresh();
        QVERIFY(refreshed.wait(10000));
    }
    QCOMPARE(configurations->model()->index(0, 4).data().toString(), u"Compliant"_s);
    QVERIFY(configurations->model()->index(0, 5).data().toString().startsWith(u"main@sha1:"_s));

    // Signing out closes the pages that read through the session.
    shell.session.signOut();
    QVERIFY(!qobject_cast<ClusterPage *>(tabs->currentWidget()));
}

QTEST_MAIN(TestExplorerFlow)
#include "tst_explorerflow.moc"
