#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace Fluxdeck::Items {
class ClusterDetails;
}

namespace Fluxdeck::Ui {

// One cluster: its overview (identity, region, versions, the ARM id to copy), its extensions and
// its Flux configurations with their provisioning and compliance, and further tabs the window
// adds (the preflight doctor). Refreshes on F5.
class ClusterPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterPage)

public:
    // Takes ownership of details.
    explicit ClusterPage(Items::ClusterDetails *details, QWidget *parent = nullptr);
    ~ClusterPage() override;

    Items::ClusterDetails *details() const { return m_details; }
    QString clusterId() const;
    void addTab(QWidget *page, const QString &title);
    QTabWidget *tabs() const { return m_tabs; }
    void refresh();

Q_SIGNALS:
    void titleChanged(const QString &title);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showCluster();

    Items::ClusterDetails *m_details;
    QLabel *m_heading;
    QLabel *m_status;
    QPushButton *m_refresh;
    QPushButton *m_copyCommand;
    QTabWidget *m_tabs;
    QWidget *m_overview;
    QFormLayout *m_form;
    QList<QLabel *> m_labels;
    QList<QLabel *> m_values;
    QLabel *m_armIdLabel;
    QLineEdit *m_armId;
    QPushButton *m_copyId;
    QTableView *m_extensions;
    QTableView *m_configurations;
};

} // namespace Fluxdeck::Ui
