#include "mainwindow.h"

#include "logo.h"

#include "aboutdialog.h"
#include "explorermodel.h"
#include "localization.h"
#include "operationsdock.h"
#include "operationsmodel.h"
#include "settingsdialog.h"
#include "theme.h"
#include "welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>

using namespace Qt::StringLiterals;
using Fluxdeck::Domain::AppSettings;

namespace Fluxdeck::Ui {

namespace {

QList<QKeySequence> withFallback(QKeySequence::StandardKey key, const QKeySequence &fallback)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(key);
    if (!keys.contains(fallback))
        keys.append(fallback);
    return keys;
}

} // namespace

MainWindow::MainWindow(UiServices services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_settings(AppSettings::load(services.settings))
    , m_explorer(new Items::ExplorerModel(this))
    , m_tabs(new QTabWidget)
    , m_welcome(new WelcomePage)
    , m_explorerDock(new QDockWidget)
    , m_explorerView(new QTreeView)
    , m_operationsDock(new OperationsDock(services.operations))
    , m_cloudStatus(new QLabel)
    , m_operationsStatus(new QLabel)
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(logoIcon());

    m_tabs->setObjectName(u"workArea"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->addTab(m_welcome, QString());
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);

    m_explorerView->setObjectName(u"explorerView"_s);
    m_explorerView->setModel(m_explorer);
    m_explorerView->setHeaderHidden(true);
    m_explorerView->setUniformRowHeights(true);
    m_explorerView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_explorerView, &QTreeView::activated, this, &MainWindow::activateExplorerItem);
    m_explorerDock->setObjectName(u"explorerDock"_s);
    m_explorerDock->setWidget(m_explorerView);
    m_explorerDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_explorerDock);

    m_operationsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, m_operationsDock);
    resizeDocks({m_explorerDock}, {320}, Qt::Horizontal);
    resizeDocks({m_operationsDock}, {170}, Qt::Vertical);

    m_cloudStatus->setObjectName(u"cloudStatus"_s);
    m_operationsStatus->setObjectName(u"operationsStatus"_s);
    statusBar()->addPermanentWidget(m_operationsStatus);
    statusBar()->addPermanentWidget(m_cloudStatus);
    connect(&m_services.operations, &Items::OperationsModel::runningCountChanged, this, &MainWindow::updateStatus);

    createActions();
    createMenus();
    m_explorer->showSignedOut(m_settings.cloud);
    retranslate();

    resize(defaultSize());
    restoreGeometry(m_services.settings.value("window/geometry").toByteArray());
    restoreState(m_services.settings.value("window/state").toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_settingsAction = new QAction(this);
    m_settingsAction->setObjectName(u"settingsAction"_s);
    m_settingsAction->setShortcuts(withFallback(QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);

    m_quitAction = new QAction(this);
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcuts(withFallback(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_closeTabAction = new QAction(this);
    m_closeTabAction->setObjectName(u"closeTabAction"_s);
    m_closeTabAction->setShortcuts(QKeySequence::Close);
    connect(m_closeTabAction, &QAction::triggered, this, [this] { closeTab(m_tabs->currentIndex()); });

    m_welcomeAction = new QAction(this);
    m_welcomeAction->setObjectName(u"welcomeAction"_s);
    m_welcomeAction->setShortcuts(QKeySequence::HelpContents);
    connect(m_welcomeAction, &QAction::triggered, this, &MainWindow::showWelcome);

    m_focusExplorerAction = new QAction(this);
    m_focusExplorerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_focusExplorerAction, &QAction::triggered, this, [this] {
        m_explorerDock->show();
        m_explorerView->setFocus(Qt::ShortcutFocusReason);
        if (!m_explorerView->currentIndex().isValid())
            m_explorerView->setCurrentIndex(m_explorer->index(0, 0));
    });

    m_focusOperationsAction = new QAction(this);
    m_focusOperationsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_focusOperationsAction, &QAction::triggered, this, [this] {
        m_operationsDock->show();
        m_operationsDock->view()->setFocus(Qt::ShortcutFocusReason);
    });

    m_fullScreenAction = new QAction(this);
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcuts(withFallback(QKeySequence::FullScreen, QKeySequence(Qt::Key_F11)));
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });

    m_aboutAction = new QAction(this);
    m_aboutAction->setObjectName(u"aboutAction"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        auto *dialog = new AboutDialog(m_services.highlighting, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_explorerView->addAction(m_settingsAction);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_settingsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_closeTabAction);
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_explorerDock->toggleViewAction());
    m_viewMenu->addAction(m_operationsDock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_focusExplorerAction);
    m_viewMenu->addAction(m_focusOperationsAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_fullScreenAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_welcomeAction);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Fluxdeck"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_settingsAction->setText(tr("&Settings…"));
    m_quitAction->setText(tr("&Quit"));
    m_closeTabAction->setText(tr("&Close Tab"));
    m_welcomeAction->setText(tr("&Welcome"));
    m_focusExplorerAction->setText(tr("Go to &Explorer"));
    m_focusOperationsAction->setText(tr("Go to &Operations"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_aboutAction->setText(tr("&About Fluxdeck"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_explorerDock->setWindowTitle(tr("Explorer"));
    m_explorerDock->toggleViewAction()->setText(tr("Show &Explorer"));
    m_operationsDock->toggleViewAction()->setText(tr("Show &Operations"));
    m_explorerView->setAccessibleName(tr("Explorer"));
    m_explorerView->setAccessibleDescription(tr("Clouds, subscriptions, resource groups and clusters"));
    m_tabs->setAccessibleName(tr("Work area"));
    const int welcome = m_tabs->indexOf(m_welcome);
    if (welcome >= 0)
        m_tabs->setTabText(welcome, tr("Welcome"));
    m_cloudStatus->setAccessibleName(tr("Current cloud and account"));
    m_operationsStatus->setAccessibleName(tr("Running operations"));
    m_explorer->retranslate();
    updateStatus();
}

void MainWindow::setCloudEndpoint(const QString &endpoint)
{
    m_cloudEndpoint = endpoint;
    updateStatus();
}

void MainWindow::updateStatus()
{
    const QString cloud = m_cloudEndpoint.isEmpty() ? m_settings.cloud
                                                    : tr("%1 (%2)").arg(m_settings.cloud, m_cloudEndpoint);
    m_cloudStatus->setText(tr("Cloud: %1 · not signed in").arg(cloud));
    const int running = m_services.operations.runningCount();
    m_operationsStatus->setText(running == 0 ? tr("No operations running")
                                             : tr("Operations running: %1").arg(running));
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_services.settings.setValue("window/geometry", saveGeometry());
    m_services.settings.setValue("window/state", saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::openSettings()
{
    if (auto *open = findChild<SettingsDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applySettings(dialog->settings()); });
    dialog->open();
}

void MainWindow::applySettings(const AppSettings &settings)
{
    const AppSettings previous = m_settings;
    m_settings = settings;
    m_settings.save(m_services.settings);
    if (settings.theme != previous.theme)
        applyTheme(settings.theme);
    if (settings.language != previous.language)
        m_services.localization.activate(Domain::resolveLanguage(settings.language, {}, QLocale::system()));
    if (settings.cloud != previous.cloud)
        m_explorer->showSignedOut(settings.cloud);
    updateStatus();
}

void MainWindow::showWelcome()
{
    if (m_tabs->indexOf(m_welcome) < 0)
        m_tabs->insertTab(0, m_welcome, tr("Welcome"));
    m_tabs->setCurrentWidget(m_welcome);
}

void MainWindow::closeTab(int index)
{
    QWidget *page = m_tabs->widget(index);
    if (!page)
        return;
    m_tabs->removeTab(index);
    if (page != m_welcome)   // the welcome page is kept for Help > Welcome
        page->deleteLater();
}

void MainWindow::activateExplorerItem(const QModelIndex &index)
{
    if (index.data(Items::ExplorerModel::ActionRole).toString() == Items::ExplorerModel::ChooseCloudAction)
        openSettings();
}

} // namespace Fluxdeck::Ui
