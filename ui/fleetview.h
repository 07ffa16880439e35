#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSplitter;
class QTableView;

namespace Fluxdeck::Items {
class FleetFilterModel;
class FleetModel;
}

namespace Fluxdeck::Ui {

class FleetChart;

// The fleet view: every cluster's Flux compliance and provisioning across subscriptions, as a
// sortable table and a bar chart of clusters per group (compliance, provisioning, subscription,
// location or extension version). A filter box and a compliance choice narrow both; clicking a
// bar, or Enter on it, narrows the table to that group. Enter or a double click on a row asks
// for that cluster's page (clusterActivated). Ctrl+F goes to the filter box, Down from there to
// the table.
class FleetView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetView)

public:
    explicit FleetView(Items::FleetModel &model, QWidget *parent = nullptr);
    ~FleetView() override;

    Items::FleetFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    FleetChart *chart() const { return m_chart; }

Q_SIGNALS:
    void clusterActivated(const QString &armId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void fillCombos();
    void updateChart();
    void updateStatus();
    void toggleGroup(const QString &key);
    void refreshOrStop();
    void sizeColumnsOnce();

    Items::FleetModel &m_model;
    Items::FleetFilterModel *m_filter;
    QLabel *m_filterLabel;
    QLineEdit *m_filterEdit;
    QLabel *m_groupLabel;
    QComboBox *m_groupCombo;
    QLabel *m_complianceLabel;
    QComboBox *m_complianceCombo;
    QPushButton *m_showAllButton;
    QPushButton *m_refreshButton;
    QPushButton *m_copyCommandButton;
    QLabel *m_status;
    QSplitter *m_splitter;
    QScrollArea *m_chartArea;
    FleetChart *m_chart;
    QTableView *m_table;
    bool m_sizedColumns = false;
};

} // namespace Fluxdeck::Ui
