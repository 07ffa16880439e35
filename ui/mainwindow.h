#pragma once

#include "appsettings.h"
#include "uiservices.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QTreeView;

namespace Fluxdeck::Items {
class ExplorerModel;
}

namespace Fluxdeck::Ui {

class OperationsDock;
class SettingsDialog;
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

    UiServices m_services;
    Domain::AppSettings m_settings;
    QString m_cloudEndpoint;
    Items::ExplorerModel *m_explorer;

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
};

} // namespace Fluxdeck::Ui
