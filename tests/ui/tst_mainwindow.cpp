#include "explorermodel.h"
#include "localization.h"
#include "mainwindow.h"
#include "operationsmodel.h"
#include "settingsdialog.h"

#include <KSyntaxHighlighting/Repository>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::OperationsModel;
using Fluxdeck::Ui::MainWindow;
using Fluxdeck::Ui::SettingsDialog;

namespace {

// What app/main.cpp builds, with settings in a scratch file.
struct Shell
{
    explicit Shell(const QString &settingsFile)
        : settings(settingsFile, QSettings::IniFormat)
        , window({settings, highlighting, operations, localization})
    {
        window.show();
        window.activateWindow();
    }

    QSettings settings;
    KSyntaxHighlighting::Repository highlighting;
    OperationsModel operations;
    Fluxdeck::Ui::Localization localization;
    MainWindow window;
};

QString label(const MainWindow &window, const QString &name)
{
    return window.findChild<QLabel *>(name)->text();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_shell = std::make_unique<Shell>(m_dir.filePath(u"fluxdeck.ini"_s));
        QVERIFY(QTest::qWaitForWindowActive(&m_shell->window));
    }

    void cleanup()
    {
        m_shell.reset();
        QFile::remove(m_dir.filePath(u"fluxdeck.ini"_s));
    }

    void showsTheShell()
    {
        MainWindow &window = m_shell->window;
        QCOMPARE(window.size(), MainWindow::defaultSize());
        auto *explorer = window.findChild<QTreeView *>(u"explorerView"_s);
        QCOMPARE(explorer->model()->index(0, 0).data().toString(), u"Not signed in to Sandbox"_s);
        QVERIFY(window.findChild<QDockWidget *>(u"operationsDock"_s)->isVisible());
        QCOMPARE(window.findChild<QTabWidget *>(u"workArea"_s)->tabText(0), u"Welcome"_s);
        QCOMPARE(label(window, u"cloudStatus"_s), u"Cloud: Sandbox · not signed in"_s);
        QCOMPARE(label(window, u"operationsStatus"_s), u"No operations running"_s);
    }

    void settingsSwitchLanguageWithTheKeyboard()
    {
        MainWindow &window = m_shell->window;
        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>()) && dialog->isVisible());

        auto *language = dialog->findChild<QComboBox *>(u"languageCombo"_s);
        language->setFocus();
        QTest::keyClick(language, Qt::Key_Down);   // System default → Español
        QTest::keyClick(dialog, Qt::Key_Return);

        QTRY_COMPARE(window.menuBar()->actions().at(0)->text(), u"&Archivo"_s);
        QCOMPARE(window.findChild<QTabWidget *>(u"workArea"_s)->tabText(0), u"Bienvenida"_s);
        QCOMPARE(window.findChild<QTreeView *>(u"explorerView"_s)->model()->index(0, 0).data().toString(),
                 u"Sin sesión iniciada en Sandbox"_s);
        QCOMPARE(label(window, u"operationsStatus"_s), u"No hay operaciones en curso"_s);
        QCOMPARE(m_shell->settings.value("ui/language").toString(), u"es"_s);

        // And back, through the explorer's placeholder: Enter on it opens Settings.
        auto *explorer = window.findChild<QTreeView *>(u"explorerView"_s);
        explorer->setFocus();
        explorer->setCurrentIndex(explorer->model()->index(0, 0));
        QTest::keyClick(explorer, Qt::Key_Return);
        QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>()) && dialog->isVisible());
        dialog->findChild<QComboBox *>(u"languageCombo"_s)->setCurrentIndex(2);   // English
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_COMPARE(window.menuBar()->actions().at(0)->text(), u"&File"_s);
        QCOMPARE(m_shell->settings.value("ui/language").toString(), u"en"_s);
    }

    void changingTheCloudUpdatesExplorerAndStatus()
    {
        MainWindow &window = m_shell->window;
        window.openSettings();
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>()) && dialog->isVisible());
        auto *cloud = dialog->findChild<QComboBox *>(u"cloudCombo"_s);
        cloud->setCurrentIndex(cloud->findData(u"AzureCloud"_s));
        dialog->accept();
        QCOMPARE(label(window, u"cloudStatus"_s), u"Cloud: AzureCloud · not signed in"_s);
        QCOMPARE(window.explorerModel().index(0, 0).data().toString(), u"Not signed in to AzureCloud"_s);
        QCOMPARE(m_shell->settings.value("cloud/active").toString(), u"AzureCloud"_s);
    }

    void operationsDockShowsProgressAndCancels()
    {
        MainWindow &window = m_shell->window;
        OperationsModel &operations = m_shell->operations;
        int cancelled = 0;
        const auto id = operations.start(u"Install microsoft.flux on aks-demo"_s, [&cancelled] { ++cancelled; });
        operations.setProgress(id, 1, 2, u"Waiting for provisioningState"_s);
        QCOMPARE(label(window, u"operationsStatus"_s), u"Operations running: 1"_s);

        auto *view = window.findChild<QTreeView *>(u"operationsView"_s);
        QVERIFY(view->isVisible());
        QCOMPARE(view->model()->rowCount(), 1);
        const QModelIndex progress = view->model()->index(0, OperationsModel::ProgressColumn);
        QCOMPARE(progress.data().toString(), u"50 %"_s);
        QVERIFY(view->visualRect(progress).isValid());
        QVERIFY(!view->grab().isNull());   // paints the progress bar delegate

        auto *cancel = window.findChild<QPushButton *>(u"operationsCancelButton"_s);
        QTRY_VERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(cancelled, 1);
        QCOMPARE(operations.state(id), OperationsModel::State::Cancelled);
        QVERIFY(!cancel->isEnabled());
        QCOMPARE(label(window, u"operationsStatus"_s), u"No operations running"_s);

        // Keyboard: Ctrl+Shift+O focuses the list, Delete cancels the current operation.
        const auto second = operations.start(u"Fetch repository"_s, [&cancelled] { ++cancelled; });
        QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(cancelled, 2);
        QCOMPARE(operations.state(second), OperationsModel::State::Cancelled);

        QTest::mouseClick(window.findChild<QPushButton *>(u"operationsClearButton"_s), Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 0);
    }

    void restoresGeometryAndDocks()
    {
        m_shell->window.resize(760, 560);   // within the offscreen screen (800×600)
        m_shell->window.findChild<QDockWidget *>(u"operationsDock"_s)->hide();
        m_shell->window.close();
        const QString file = m_dir.filePath(u"fluxdeck.ini"_s);
        m_shell.reset();

        Shell again(file);
        QVERIFY(QTest::qWaitForWindowExposed(&again.window));
        QCOMPARE(again.window.size(), QSize(760, 560));
        QVERIFY(!again.window.findChild<QDockWidget *>(u"operationsDock"_s)->isVisible());
    }

    void closingTabsAndWelcomeAgain()
    {
        MainWindow &window = m_shell->window;
        auto *tabs = window.findChild<QTabWidget *>(u"workArea"_s);
        QCOMPARE(tabs->count(), 1);
        QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 0);
        QTest::keyClick(&window, Qt::Key_F1);
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(tabs->currentWidget()->objectName(), u"welcomePage"_s);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Shell> m_shell;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
