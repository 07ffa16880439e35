#pragma once

#include "appsettings.h"
#include "uiservices.h"

#include <QDateTime>
#include <QMainWindow>
#include <QUrl>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QTabWidget;
class QTreeView;

namespace Fluxdeck::Items {
class ExplorerLoader;
class ExplorerModel;
}

namespace Fluxdeck::Ui {

class ClusterPage;
class FleetView;
class OperationsDock;
class SettingsDialog;
class SignInDialog;
class WelcomePage;

// The application shell: explorer on the left, tabbed work area, Operations dock, status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(UiServices services, QWidget *parent = nullptr);
    ~MainWindow() override;

    static QSize defaultSize() { return {1280, 800}; }

    Items::ExplorerModel &explorerModel() const { return *m_explorer; }
    void openSettings();
    void showWelcome();

    // Where the current cloud answers (the embedded sandbox's address, say); empty when unknown.
    void setCloudEndpoint(const QString &endpoint);
    // Opens (or shows) the page of the cluster with this ARM id; null while signed out.
    ClusterPage *openCluster(const QString &clusterId);
    // Opens (or shows) the fleet view of every cluster in the signed-in subscriptions.
    FleetView *openFleet();
    QTreeView *explorerView() const { return m_explorerView; }
    Items::ExplorerLoader *explorerLoader() const { return m_loader; }

Q_SIGNALS:
    // The user chose another cloud (or sign-in method) in Settings; the composition root
    // points the session at it (starting the sandbox when that is the cloud).
    void cloudChosen(const Domain::AppSettings &settings);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void retranslate();
    void applySettings(const Domain::AppSettings &settings);
    void updateStatus();
    void activateExplorerItem(const QModelIndex &index);
    void closeTab(int index);
    void sessionChanged();
    void showDeviceCode(const QString &userCode, const QUrl &verificationUri, const QString &message,
                        const QDateTime &expiresAt);
    QModelIndex currentExplorerIndex() const;
    void updateExplorerActions();

    UiServices m_services;
    Domain::AppSettings m_settings;
    QString m_cloudEndpoint;
    Items::ExplorerModel *m_explorer;
    QSortFilterProxyModel *m_explorerFilter;
    Items::ExplorerLoader *m_loader = nullptr;
    QLineEdit *m_explorerFilterEdit;

    QTabWidget *m_tabs;
    WelcomePage *m_welcome;
    QDockWidget *m_explorerDock;
    QTreeView *m_explorerView;
    OperationsDock *m_operationsDock;
    QLabel *m_cloudStatus;
    QLabel *m_operationsStatus;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_closeTabAction = nullptr;
    QAction *m_welcomeAction = nullptr;
    QAction *m_focusExplorerAction = nullptr;
    QAction *m_focusOperationsAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QAction *m_signInAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_openClusterAction = nullptr;
    QAction *m_preflightAction = nullptr;
    QAction *m_fleetAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    QAction *m_copyCommandAction = nullptr;
    QAction *m_filterAction = nullptr;
};

} // namespace Fluxdeck::Ui
