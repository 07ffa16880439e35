#include "fleetview.h"

#include "azcommand.h"
#include "fleetcluster.h"

#include "fleetchart.h"
#include "fleetfiltermodel.h"
#include "fleetmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::FleetCluster;
using Fluxdeck::Items::FleetCompliance;
using Fluxdeck::Items::FleetComplianceCount;
using Fluxdeck::Items::FleetFilterModel;
using Fluxdeck::Items::FleetGroupKey;
using Fluxdeck::Items::FleetGroupKeyCount;
using Fluxdeck::Items::FleetModel;
using Fluxdeck::Items::FleetSummary;

namespace Fluxdeck::Ui {

namespace {

// The compliance column with the chart's colour as a swatch before the text, so that table and
// chart read alike.
class ComplianceDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant compliance = index.data(FleetModel::ComplianceRole);
        if (!compliance.isValid())
            return;
        const int size = option->fontMetrics.height() * 3 / 4;
        QPixmap swatch(size, size);
        swatch.fill(Qt::transparent);
        QPainter painter(&swatch);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(FleetChart::complianceColor(static_cast<FleetCompliance>(compliance.toInt()), option->palette));
        painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
        painter.end();
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->icon = QIcon(swatch);
        option->decorationSize = QSize(size, size);
    }
};

} // namespace

FleetView::FleetView(FleetModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new FleetFilterModel(this))
    , m_filterLabel(new QLabel)
    , m_filterEdit(new QLineEdit)
    , m_groupLabel(new QLabel)
    , m_groupCombo(new QComboBox)
    , m_complianceLabel(new QLabel)
    , m_complianceCombo(new QComboBox)
    , m_showAllButton(new QPushButton)
    , m_refreshButton(new QPushButton)
    , m_copyCommandButton(new QPushButton)
    , m_status(new QLabel)
    , m_splitter(new QSplitter(Qt::Vertical))
    , m_chartArea(new QScrollArea)
    , m_chart(new FleetChart)
    , m_table(new QTableView)
{
    setObjectName(u"fleetView"_s);
    m_filterEdit->setObjectName(u"fleetFilterEdit"_s);
    m_groupCombo->setObjectName(u"fleetGroupByCombo"_s);
    m_complianceCombo->setObjectName(u"fleetComplianceCombo"_s);
    m_showAllButton->setObjectName(u"fleetShowAllButton"_s);
    m_refreshButton->setObjectName(u"fleetRefreshButton"_s);
    m_copyCommandButton->setObjectName(u"fleetCopyCommandButton"_s);
    m_status->setObjectName(u"fleetStatusLabel"_s);
    m_splitter->setObjectName(u"fleetSplitter"_s);
    m_chartArea->setObjectName(u"fleetChartArea"_s);
    m_table->setObjectName(u"fleetTable"_s);

    m_filter->setSourceModel(&m_model);

    m_filterLabel->setBuddy(m_filterEdit);
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->installEventFilter(this);
    m_groupLabel->setBuddy(m_groupCombo);
    m_complianceLabel->setBuddy(m_complianceCombo);
    fillCombos();

    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    m_chartArea->setWidget(m_chart);
    m_chartArea->setWidgetResizable(true);
    m_chartArea->setFrameShape(QFrame::NoFrame);
    m_chartArea->setFocusPolicy(Qt::NoFocus);

    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FleetModel::ComplianceColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setItemDelegateForColumn(FleetModel::ComplianceColumn, new ComplianceDelegate(m_table));

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_filterLabel);
    controls->addWidget(m_filterEdit, 1);
    controls->addSpacing(8);
    controls->addWidget(m_groupLabel);
    controls->addWidget(m_groupCombo);
    controls->addSpacing(8);
    controls->addWidget(m_complianceLabel);
    controls->addWidget(m_complianceCombo);
    controls->addSpacing(8);
    controls->addWidget(m_showAllButton);
    controls->addWidget(m_refreshButton);
    controls->addWidget(m_copyCommandButton);

    m_splitter->addWidget(m_chartArea);
    m_splitter->addWidget(m_table);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({260, 420});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_splitter, 1);

    setTabOrder(m_filterEdit, m_groupCombo);
    setTabOrder(m_groupCombo, m_complianceCombo);
    setTabOrder(m_complianceCombo, m_showAllButton);
    setTabOrder(m_showAllButton, m_refreshButton);
    setTabOrder(m_refreshButton, m_copyCommandButton);
    setTabOrder(m_copyCommandButton, m_chart);
    setTabOrder(m_chart, m_table);

    auto *find = new QAction(this);
    find->setShortcuts(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    addAction(find);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &FleetFilterModel::setFilterText);
    connect(m_filterEdit, &QLineEdit::returnPressed, this, [this] {
        m_table->setFocus(Qt::OtherFocusReason);
        if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0)
            m_table->setCurrentIndex(m_filter->index(0, 0));
    });
    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setGroupKey(static_cast<FleetGroupKey>(m_groupCombo->currentData().toInt()));
    });
    connect(m_complianceCombo, &QComboBox::currentIndexChanged, this, [this] {
        const int value = m_complianceCombo->currentData().toInt();
        m_filter->setComplianceFilter(value < 0 ? std::nullopt : std::optional(static_cast<FleetCompliance>(value)));
    });
    connect(m_showAllButton, &QPushButton::clicked, m_filter, &FleetFilterModel::clearGroupFilter);
    connect(m_refreshButton, &QPushButton::clicked, this, &FleetView::refreshOrStop);
    // The same three Resource Graph queries, as az runs them.
    connect(m_copyCommandButton, &QPushButton::clicked, this, [] {
        QStringList lines;
        for (const QString &query : {Items::FleetQuery::clusters(), Items::FleetQuery::fluxExtensions(),
                                     Items::FleetQuery::fluxConfigurations()})
            lines.append(Domain::AzCommand({u"graph"_s, u"query"_s}).option(u"graph-query"_s, query)
                             .option(u"first"_s, u"1000"_s).toString());
        QApplication::clipboard()->setText(lines.join(u'\n'));
    });
    connect(m_chart, &FleetChart::groupClicked, this, &FleetView::toggleGroup);
    connect(m_chart, &FleetChart::clearRequested, m_filter, &FleetFilterModel::clearGroupFilter);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(FleetModel::ResourceIdRole).toString();
        if (!id.isEmpty())
            Q_EMIT clusterActivated(id);
    });

    connect(m_filter, &FleetFilterModel::summaryChanged, this, &FleetView::updateChart);
    connect(m_filter, &FleetFilterModel::groupFilterChanged, this, [this] {
        m_chart->setSelectedGroup(m_filter->groupFilter());
        updateStatus();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &FleetView::updateStatus);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &FleetView::updateStatus);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &FleetView::updateStatus);
    connect(&m_model, &FleetModel::loadingChanged, this, &FleetView::updateStatus);
    connect(&m_model, &FleetModel::progressChanged, this, &FleetView::updateStatus);
    connect(&m_model, &FleetModel::loadFinished, this, &FleetView::updateStatus);
    // Columns fit the first rows; afterwards they stay as the user left them.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &FleetView::sizeColumnsOnce);

    retranslate();
    updateChart();
    sizeColumnsOnce();
}

void FleetView::sizeColumnsOnce()
{
    if (m_sizedColumns || m_filter->rowCount() == 0)
        return;
    m_table->resizeColumnsToContents();
    m_sizedColumns = true;
}

FleetView::~FleetView() = default;

void FleetView::fillCombos()
{
    const QSignalBlocker groupBlocker(m_groupCombo);
    const QSignalBlocker complianceBlocker(m_complianceCombo);
    const int group = m_groupCombo->currentIndex();
    const int compliance = m_complianceCombo->currentIndex();
    m_groupCombo->clear();
    for (int key = 0; key < FleetGroupKeyCount; ++key)
        m_groupCombo->addItem(FleetSummary::keyText(static_cast<FleetGroupKey>(key)), key);
    m_complianceCombo->clear();
    m_complianceCombo->addItem(tr("All states"), -1);
    for (int state = 0; state < FleetComplianceCount; ++state)
        m_complianceCombo->addItem(FleetCluster::complianceText(static_cast<FleetCompliance>(state)), state);
    m_groupCombo->setCurrentIndex(std::max(0, group));
    m_complianceCombo->setCurrentIndex(std::max(0, compliance));
}

void FleetView::retranslate()
{
    fillCombos();
    m_filterLabel->setText(tr("Fil&ter:"));
    m_filterEdit->setPlaceholderText(tr("Cluster, subscription, resource group, location, version…"));
    m_filterEdit->setAccessibleName(tr("Filter clusters"));
    m_filterEdit->setAccessibleDescription(tr("Shows the clusters whose name, subscription, resource group, location, "
                                              "kind, versions or states contain every word typed. Press Down to go to "
                                              "the table."));
    m_groupLabel->setText(tr("&Group by:"));
    m_groupCombo->setAccessibleName(tr("Group clusters by"));
    m_groupCombo->setAccessibleDescription(tr("What the chart's bars stand for"));
    m_complianceLabel->setText(tr("Com&pliance:"));
    m_complianceCombo->setAccessibleName(tr("Compliance state"));
    m_complianceCombo->setAccessibleDescription(tr("Shows only the clusters in this compliance state"));
    m_showAllButton->setText(tr("Show &all groups"));
    m_showAllButton->setAccessibleName(tr("Show clusters of every group"));
    m_chartArea->setAccessibleName(tr("Fleet chart"));
    m_table->setAccessibleName(tr("Clusters"));
    m_table->setAccessibleDescription(tr("Every cluster with its Flux extension, configurations, compliance and "
                                         "provisioning. Press Enter to open a cluster."));
    m_status->setAccessibleName(tr("Fleet status"));
    m_model.retranslate();
    updateStatus();
}

void FleetView::updateChart()
{
    m_chart->setSummary(m_filter->summary());
    m_chart->setSelectedGroup(m_filter->groupFilter());
}

void FleetView::updateStatus()
{
    const bool loading = m_model.isLoading();
    m_refreshButton->setText(loading ? tr("&Stop") : tr("&Refresh"));
    m_copyCommandButton->setText(tr("Copy as a&z Command"));
    m_copyCommandButton->setAccessibleName(tr("Copy the az graph query commands that read the fleet"));
    m_refreshButton->setAccessibleName(loading ? tr("Stop reading the fleet") : tr("Read the fleet again"));
    m_refreshButton->setEnabled(loading || m_model.hasSubscriptions());
    m_showAllButton->setEnabled(m_filter->groupFilter().has_value());

    QString text;
    if (loading) {
        text = tr("Reading the fleet from Azure Resource Graph…");
    } else if (!m_model.errorMessage().isEmpty()) {
        text = tr("The fleet could not be read: %1").arg(m_model.errorMessage());
    } else {
        text = tr("Clusters shown: %1 of %2").arg(m_filter->rowCount()).arg(m_model.rowCount());
        if (const int requests = m_model.lastLoad().requests; requests > 0)
            text = QString(text + u" · "_s + tr("Resource Graph requests: %1").arg(requests));
    }
    m_status->setText(text);
}

void FleetView::toggleGroup(const QString &key)
{
    if (m_filter->groupFilter() == key)
        m_filter->clearGroupFilter();
    else
        m_filter->setGroupFilter(key);
}

void FleetView::refreshOrStop()
{
    if (m_model.isLoading())
        m_model.cancel();
    else
        m_model.reload();
}

void FleetView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

bool FleetView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filterEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down && m_filter->rowCount() > 0) {
            m_table->setFocus(Qt::OtherFocusReason);
            if (!m_table->currentIndex().isValid())
                m_table->setCurrentIndex(m_filter->index(0, 0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Fluxdeck::Ui
