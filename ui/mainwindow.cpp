#include "mainwindow.h"

#include "logo.h"

#include "aboutdialog.h"
#include "azuresession.h"
#include "clusterfacts.h"
#include "clusterpage.h"
#include "clusterresources.h"
#include "explorerloader.h"
#include "explorermodel.h"
#include "fleetmodel.h"
#include "fleetview.h"
#include "signindialog.h"
#include "localization.h"
#include "operationsdock.h"
#include "operationsmodel.h"
#include "preflightdoctor.h"
#include "preflightpage.h"
#include "settingsdialog.h"
#include "theme.h"
#include "welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

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
    , m_explorerFilter(new QSortFilterProxyModel(this))
    , m_explorerFilterEdit(new QLineEdit)
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

    // The filter keeps every row whose name (or any descendant's) matches, so a cluster shows
    // with its resource group and subscription.
    m_explorerFilter->setSourceModel(m_explorer);
    m_explorerFilter->setRecursiveFilteringEnabled(true);
    m_explorerFilter->setAutoAcceptChildRows(true);
    m_explorerFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_explorerFilter->setFilterKeyColumn(Items::ExplorerModel::NameColumn);
    m_explorerFilter->setSortRole(Items::ExplorerModel::SortRole);
    m_explorerFilter->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_explorerFilterEdit->setObjectName(u"explorerFilter"_s);
    m_explorerFilterEdit->setClearButtonEnabled(true);
    connect(m_explorerFilterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_explorerFilter->setFilterFixedString(text);
        if (!text.isEmpty())
            m_explorerView->expandAll();
    });
    m_explorerView->setObjectName(u"explorerView"_s);
    m_explorerView->setModel(m_explorerFilter);
    m_explorerView->setUniformRowHeights(true);
    m_explorerView->setSortingEnabled(true);
    m_explorerView->sortByColumn(Items::ExplorerModel::NameColumn, Qt::AscendingOrder);
    m_explorerView->header()->setStretchLastSection(false);
    m_explorerView->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_explorerView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_explorerView, &QTreeView::activated, this, &MainWindow::activateExplorerItem);
    auto *explorer = new QWidget;
    auto *explorerLayout = new QVBoxLayout(explorer);
    explorerLayout->setContentsMargins(0, 0, 0, 0);
    explorerLayout->setSpacing(2);
    explorerLayout->addWidget(m_explorerFilterEdit);
    explorerLayout->addWidget(m_explorerView);
    m_explorerDock->setObjectName(u"explorerDock"_s);
    m_explorerDock->setWidget(explorer);
    m_explorerDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_explorerDock);

    m_operationsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, m_operationsDock);
    resizeDocks({m_explorerDock}, {400}, Qt::Horizontal);
    resizeDocks({m_operationsDock}, {170}, Qt::Vertical);

    m_cloudStatus->setObjectName(u"cloudStatus"_s);
    m_operationsStatus->setObjectName(u"operationsStatus"_s);
    statusBar()->addPermanentWidget(m_operationsStatus);
    statusBar()->addPermanentWidget(m_cloudStatus);
    connect(&m_services.operations, &Items::OperationsModel::runningCountChanged, this, &MainWindow::updateStatus);

    createActions();
    createMenus();
    m_explorer->showSignedOut(m_settings.cloud);
    if (m_services.session) {
        m_loader = new Items::ExplorerLoader(m_explorer, m_services.session, &m_services.operations, this);
        m_loader->setCloudName(m_settings.cloud);
        connect(m_services.session, &Items::AzureSession::stateChanged, this, &MainWindow::sessionChanged);
        connect(m_services.session, &Items::AzureSession::deviceCodeReceived, this, &MainWindow::showDeviceCode);
        connect(m_loader, &Items::ExplorerLoader::loaded, this, [this](int clusters) {
            // The cloud and its subscriptions open; resource groups too while the clusters fit on
            // a screen or two, else they stay folded until asked for.
            const QModelIndex cloud = m_explorerFilter->index(0, 0);
            m_explorerView->expand(cloud);
            for (int row = 0; row < m_explorerFilter->rowCount(cloud); ++row) {
                const QModelIndex subscription = m_explorerFilter->index(row, 0, cloud);
                m_explorerView->expand(subscription);
                if (clusters <= 50) {
                    for (int group = 0; group < m_explorerFilter->rowCount(subscription); ++group)
                        m_explorerView->expand(m_explorerFilter->index(group, 0, subscription));
                }
            }
            if (!m_explorerView->currentIndex().isValid())
                m_explorerView->setCurrentIndex(cloud);
        });
    }
    connect(m_explorerView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::updateExplorerActions);
    retranslate();
    updateExplorerActions();

    resize(defaultSize());
    restoreGeometry(m_services.settings.value("window/geometry").toByteArray());
    restoreState(m_services.settings.value("window/state").toByteArray());
}

MainWindow::~MainWindow()
{
    // Children go after this destructor; the explorer's selection must not call back into a
    // window that is no longer one.
    disconnect(m_explorerView->selectionModel(), nullptr, this, nullptr);
    // Pages that go with the window finish their operations (a fleet read, a fix) as they go.
    disconnect(&m_services.operations, nullptr, this, nullptr);
    if (m_services.session)
        disconnect(m_services.session, nullptr, this, nullptr);
}

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

    m_signInAction = new QAction(this);
    m_signInAction->setObjectName(u"signInAction"_s);
    m_signInAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    connect(m_signInAction, &QAction::triggered, this, [this] {
        if (m_services.session)
            m_services.session->signIn();
    });
    m_signOutAction = new QAction(this);
    m_signOutAction->setObjectName(u"signOutAction"_s);
    connect(m_signOutAction, &QAction::triggered, this, [this] {
        if (m_services.session)
            m_services.session->signOut();
    });
    m_refreshAction = new QAction(this);
    m_refreshAction->setObjectName(u"refreshExplorerAction"_s);
    m_refreshAction->setShortcuts(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (m_loader)
            m_loader->refresh();
    });
    m_openClusterAction = new QAction(this);
    m_openClusterAction->setObjectName(u"openClusterAction"_s);
    connect(m_openClusterAction, &QAction::triggered, this, [this] { activateExplorerItem(m_explorerView->currentIndex()); });
    m_fleetAction = new QAction(this);
    m_fleetAction->setObjectName(u"fleetViewAction"_s);
    m_fleetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(m_fleetAction, &QAction::triggered, this, &MainWindow::openFleet);

    m_preflightAction = new QAction(this);
    m_preflightAction->setObjectName(u"runPreflightAction"_s);
    m_preflightAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_preflightAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_preflightAction, &QAction::triggered, this, [this] {
        ClusterPage *page = openCluster(currentExplorerIndex().data(Items::ExplorerModel::ResourceIdRole).toString());
        if (auto *doctor = page ? page->findChild<PreflightPage *>() : nullptr) {
            page->tabs()->setCurrentWidget(doctor);
            doctor->setFocus();
        }
    });
    m_copyIdAction = new QAction(this);
    m_copyIdAction->setObjectName(u"copyResourceIdAction"_s);
    m_copyIdAction->setShortcuts(QKeySequence::Copy);
    m_copyIdAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyIdAction, &QAction::triggered, this, [this] {
        QApplication::clipboard()->setText(currentExplorerIndex().data(Items::ExplorerModel::ResourceIdRole).toString());
    });
    m_copyCommandAction = new QAction(this);
    m_copyCommandAction->setObjectName(u"copyAzCommandAction"_s);
    m_copyCommandAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyCommandAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyCommandAction, &QAction::triggered, this, [this] {
        const QJsonObject resource = currentExplorerIndex().data(Items::ExplorerModel::ResourceRole).toJsonObject();
        QApplication::clipboard()->setText(Items::ClusterFacts::fromResource(resource).showCommand());
    });
    m_filterAction = new QAction(this);
    m_filterAction->setShortcuts(QKeySequence::Find);
    connect(m_filterAction, &QAction::triggered, this, [this] {
        m_explorerDock->show();
        m_explorerFilterEdit->setFocus(Qt::ShortcutFocusReason);
        m_explorerFilterEdit->selectAll();
    });
    addAction(m_filterAction);

    m_explorerView->addAction(m_openClusterAction);
    m_explorerView->addAction(m_preflightAction);
    m_explorerView->addAction(m_copyIdAction);
    m_explorerView->addAction(m_copyCommandAction);
    m_explorerView->addAction(m_refreshAction);
    m_explorerView->addAction(m_settingsAction);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_signInAction);
    m_fileMenu->addAction(m_signOutAction);
    m_fileMenu->addAction(m_refreshAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_settingsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_closeTabAction);
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_explorerDock->toggleViewAction());
    m_viewMenu->addAction(m_operationsDock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_focusExplorerAction);
    m_viewMenu->addAction(m_filterAction);
    m_viewMenu->addAction(m_fleetAction);
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
    m_signInAction->setText(tr("Sign &In"));
    m_signOutAction->setText(tr("Sign &Out"));
    m_refreshAction->setText(tr("&Refresh"));
    m_openClusterAction->setText(tr("&Open"));
    m_preflightAction->setText(tr("Run &Preflight Checks"));
    m_fleetAction->setText(tr("F&leet View"));
    m_copyIdAction->setText(tr("Copy Resource &ID"));
    m_copyCommandAction->setText(tr("Copy as &az Command"));
    m_filterAction->setText(tr("&Filter Explorer"));
    m_explorerFilterEdit->setPlaceholderText(tr("Filter by name"));
    m_explorerFilterEdit->setAccessibleName(tr("Filter the explorer"));
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
    const QString name = m_settings.cloud == AppSettings::customCloud() && !m_settings.custom.name.isEmpty()
                             ? m_settings.custom.name
                             : m_settings.cloud;
    const QString cloud = m_cloudEndpoint.isEmpty() ? name : tr("%1 (%2)").arg(name, m_cloudEndpoint);
    const Items::AzureSession *session = m_services.session;
    const auto state = session ? session->state() : Items::AzureSession::State::SignedOut;
    switch (state) {
    case Items::AzureSession::State::SignedOut:
        m_cloudStatus->setText(tr("Cloud: %1 · not signed in").arg(cloud));
        break;
    case Items::AzureSession::State::SigningIn:
        m_cloudStatus->setText(tr("Cloud: %1 · signing in…").arg(cloud));
        break;
    case Items::AzureSession::State::Failed:
        m_cloudStatus->setText(tr("Cloud: %1 · sign-in failed").arg(cloud));
        break;
    case Items::AzureSession::State::SignedIn:
        m_cloudStatus->setText(tr("Cloud: %1 · signed in with %2 · subscriptions: %3")
                                   .arg(cloud, session->methodName())
                                   .arg(session->subscriptions().size()));
        break;
    }
    m_cloudStatus->setToolTip(state == Items::AzureSession::State::Failed ? session->errorMessage() : QString());
    if (m_signInAction) {
        m_signInAction->setEnabled(session && (state == Items::AzureSession::State::SignedOut
                                               || state == Items::AzureSession::State::Failed));
        m_signOutAction->setEnabled(session && state != Items::AzureSession::State::SignedOut);
        m_refreshAction->setEnabled(state == Items::AzureSession::State::SignedIn);
        m_fleetAction->setEnabled(state == Items::AzureSession::State::SignedIn);
    }
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
    if (settings.cloud != previous.cloud || settings.signInMethod != previous.signInMethod) {
        if (settings.cloud != previous.cloud)
            m_cloudEndpoint.clear();
        if (m_loader)
            m_loader->setCloudName(settings.cloud == AppSettings::customCloud() ? settings.custom.name : settings.cloud);
        else
            m_explorer->showSignedOut(settings.cloud);
        Q_EMIT cloudChosen(m_settings);
    }
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
    const QString action = index.data(Items::ExplorerModel::ActionRole).toString();
    if (action == Items::ExplorerModel::ChooseCloudAction) {
        // Signed out: sign in to the chosen cloud when there is a session, else choose one.
        if (m_services.session && m_services.session->state() == Items::AzureSession::State::SignedOut
            && !m_services.session->cloud().name.isEmpty())
            m_services.session->signIn();
        else
            openSettings();
        return;
    }
    if (action == Items::ExplorerModel::SignInAction) {
        if (m_services.session)
            m_services.session->signIn();
        return;
    }
    if (action == Items::ExplorerModel::RetryAction) {
        if (m_loader)
            m_loader->refresh();
        return;
    }
    const auto kind = index.data(Items::ExplorerModel::KindRole).value<Items::ExplorerModel::Kind>();
    if (kind == Items::ExplorerModel::Kind::ManagedCluster || kind == Items::ExplorerModel::Kind::ConnectedCluster)
        openCluster(index.data(Items::ExplorerModel::ResourceIdRole).toString());
    else if (index.isValid())
        m_explorerView->setExpanded(index, !m_explorerView->isExpanded(index));
}

QModelIndex MainWindow::currentExplorerIndex() const
{
    const QModelIndex current = m_explorerView->currentIndex();
    return current.siblingAtColumn(Items::ExplorerModel::NameColumn);
}

void MainWindow::updateExplorerActions()
{
    const auto kind = currentExplorerIndex().data(Items::ExplorerModel::KindRole).value<Items::ExplorerModel::Kind>();
    const bool cluster = currentExplorerIndex().isValid()
                         && (kind == Items::ExplorerModel::Kind::ManagedCluster
                             || kind == Items::ExplorerModel::Kind::ConnectedCluster);
    m_openClusterAction->setEnabled(cluster);
    m_preflightAction->setEnabled(cluster);
    m_copyCommandAction->setEnabled(cluster);
    m_copyIdAction->setEnabled(!currentExplorerIndex().data(Items::ExplorerModel::ResourceIdRole).toString().isEmpty());
}

ClusterPage *MainWindow::openCluster(const QString &clusterId)
{
    Net::ArmClient *arm = m_services.session ? m_services.session->arm() : nullptr;
    if (!arm || clusterId.isEmpty())
        return nullptr;
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *page = qobject_cast<ClusterPage *>(m_tabs->widget(i));
        if (page && page->clusterId().compare(clusterId, Qt::CaseInsensitive) == 0) {
            m_tabs->setCurrentIndex(i);
            return page;
        }
    }
    auto *page = new ClusterPage(new Items::ClusterDetails(arm, clusterId));
    const int tab = m_tabs->addTab(page, clusterId.section(u'/', -1));
    connect(page, &ClusterPage::titleChanged, this, [this, page](const QString &title) {
        if (const int at = m_tabs->indexOf(page); at >= 0)
            m_tabs->setTabText(at, title);
    });
    // The preflight doctor needs the cluster's resource: the explorer has it, else the page's first load.
    const auto addDoctor = [this, page, arm](const QJsonObject &cluster) {
        if (cluster.isEmpty() || page->findChild<PreflightPage *>())
            return;
        auto *doctor = new Items::PreflightDoctor(arm, &m_services.operations, cluster, page);
        doctor->setCloud(m_services.session->cloud());
        page->addTab(new PreflightPage(*doctor), tr("Preflight"));
    };
    const QModelIndex known = m_explorer->indexOfResource(clusterId);
    if (known.isValid())
        addDoctor(known.data(Items::ExplorerModel::ResourceRole).toJsonObject());
    else
        connect(page->details(), &Items::ClusterDetails::clusterChanged, page,
                [page, addDoctor] { addDoctor(page->details()->cluster()); });
    m_tabs->setCurrentIndex(tab);
    page->refresh();
    return page;
}

FleetView *MainWindow::openFleet()
{
    Net::ArmClient *arm = m_services.session ? m_services.session->arm() : nullptr;
    if (!arm)
        return nullptr;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *view = qobject_cast<FleetView *>(m_tabs->widget(i))) {
            m_tabs->setCurrentIndex(i);
            return view;
        }
    }
    auto *model = new Items::FleetModel(arm, &m_services.operations);
    auto *view = new FleetView(*model);
    model->setParent(view);
    connect(view, &FleetView::clusterActivated, this, [this](const QString &armId) { openCluster(armId); });
    m_tabs->setCurrentIndex(m_tabs->addTab(view, tr("Fleet")));
    QList<Items::FleetModel::Subscription> subscriptions;
    for (const Items::AzureSubscription &subscription : m_services.session->subscriptions())
        subscriptions.append({subscription.id, subscription.displayName});
    model->load(subscriptions);
    return view;
}

void MainWindow::sessionChanged()
{
    updateStatus();
    if (m_services.session && m_services.session->state() == Items::AzureSession::State::SignedOut) {
        // Pages read through the session's client, which is gone.
        for (int i = m_tabs->count() - 1; i >= 0; --i) {
            if (qobject_cast<ClusterPage *>(m_tabs->widget(i)) || qobject_cast<FleetView *>(m_tabs->widget(i)))
                closeTab(i);
        }
    }
}

void MainWindow::showDeviceCode(const QString &userCode, const QUrl &verificationUri, const QString &message,
                                const QDateTime &expiresAt)
{
    auto *dialog = findChild<SignInDialog *>();
    if (!dialog) {
        dialog = new SignInDialog(m_services.session, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->showCode(userCode, verificationUri, message, expiresAt);
    dialog->open();
}

} // namespace Fluxdeck::Ui
