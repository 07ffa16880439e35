#include "operationsdock.h"

#include "operationsmodel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

using Fluxdeck::Items::OperationsModel;

namespace Fluxdeck::Ui {

namespace {

// Draws the Progress column as a progress bar (busy while the total is unknown).
class ProgressDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const auto state = index.data(OperationsModel::StateRole).value<OperationsModel::State>();
        if (state != OperationsModel::State::Running) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.state = option.state | QStyle::State_Horizontal;
        bar.direction = option.direction;
        bar.fontMetrics = option.fontMetrics;
        bar.palette = option.palette;
        const int percent = index.data(OperationsModel::ProgressRole).toInt();
        bar.minimum = 0;
        bar.maximum = percent < 0 ? 0 : 100;   // 0..0 draws a busy indicator
        bar.progress = percent < 0 ? 0 : percent;
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};

} // namespace

OperationsDock::OperationsDock(OperationsModel &model, QWidget *parent)
    : QDockWidget(parent)
    , m_model(model)
    , m_view(new QTreeView)
    , m_cancelButton(new QPushButton)
    , m_clearButton(new QPushButton)
{
    setObjectName(QStringLiteral("operationsDock"));
    m_view->setObjectName(QStringLiteral("operationsView"));
    m_cancelButton->setObjectName(QStringLiteral("operationsCancelButton"));
    m_clearButton->setObjectName(QStringLiteral("operationsClearButton"));

    m_view->setModel(&m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setItemDelegateForColumn(OperationsModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(OperationsModel::TitleColumn, 320);
    m_view->header()->resizeSection(OperationsModel::ProgressColumn, 160);
    m_view->installEventFilter(this);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_clearButton);
    buttons->addStretch();

    auto *content = new QWidget;
    auto *layout = new QHBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    setWidget(content);

    connect(m_cancelButton, &QPushButton::clicked, this, &OperationsDock::cancelCurrent);
    connect(m_clearButton, &QPushButton::clicked, &m_model, &OperationsModel::clearFinished);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OperationsDock::updateButtons);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &OperationsDock::updateButtons);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int, int last) {
        // Follow the newest operation so Cancel acts on it without a click first.
        m_view->setCurrentIndex(m_model.index(last, 0));
        updateButtons();
    });
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &OperationsDock::updateButtons);

    retranslate();
    updateButtons();
}

OperationsDock::~OperationsDock() = default;

void OperationsDock::changeEvent(QEvent *event)
{
    QDockWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

bool OperationsDock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Delete) || key->matches(QKeySequence::Cancel)) {
            cancelCurrent();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

void OperationsDock::retranslate()
{
    setWindowTitle(tr("Operations"));
    m_view->setAccessibleName(tr("Operations"));
    m_view->setAccessibleDescription(tr("Long-running operations with their progress. Press Delete to cancel the selected one."));
    m_cancelButton->setText(tr("&Cancel Operation"));
    m_cancelButton->setAccessibleName(tr("Cancel the selected operation"));
    m_clearButton->setText(tr("C&lear Finished"));
    m_clearButton->setAccessibleName(tr("Remove finished operations from the list"));
}

void OperationsDock::updateButtons()
{
    const QModelIndex current = m_view->currentIndex();
    m_cancelButton->setEnabled(current.isValid() && current.data(OperationsModel::CancellableRole).toBool());
    m_clearButton->setEnabled(m_model.rowCount() > m_model.runningCount());
}

void OperationsDock::cancelCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    m_model.cancel(current.data(OperationsModel::IdRole).value<OperationsModel::Id>());
}

} // namespace Fluxdeck::Ui
