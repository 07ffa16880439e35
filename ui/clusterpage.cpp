#include "clusterpage.h"

#include "clusterfacts.h"
#include "clusterresources.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::ClusterFacts;

namespace Fluxdeck::Ui {

namespace {

// The overview's rows, in order.
enum Field { Name, Type, Subscription, ResourceGroup, Location, Version, Distribution, State, Provisioning, Nodes,
             Identity, Agent, FieldCount };

QTableView *resourceTable(QAbstractItemModel *model, const QString &objectName)
{
    auto *view = new QTableView;
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setTabKeyNavigation(false);
    view->setWordWrap(false);
    // Every column as wide as what it shows, once the rows are in.
    QObject::connect(model, &QAbstractItemModel::modelReset, view, [view] { view->resizeColumnsToContents(); });
    return view;
}

} // namespace

ClusterPage::ClusterPage(Items::ClusterDetails *details, QWidget *parent)
    : QWidget(parent)
    , m_details(details)
    , m_heading(new QLabel)
    , m_status(new QLabel)
    , m_refresh(new QPushButton)
    , m_copyCommand(new QPushButton)
    , m_tabs(new QTabWidget)
    , m_overview(new QWidget)
    , m_form(new QFormLayout)
    , m_armIdLabel(new QLabel)
    , m_armId(new QLineEdit)
    , m_copyId(new QPushButton)
    , m_extensions(resourceTable(details->extensions(), u"extensionsTable"_s))
    , m_configurations(resourceTable(details->configurations(), u"configurationsTable"_s))
{
    m_details->setParent(this);
    setObjectName(u"clusterPage"_s);
    m_tabs->setObjectName(u"clusterTabs"_s);
    m_refresh->setObjectName(u"refreshClusterButton"_s);
    m_copyCommand->setObjectName(u"copyClusterCommandButton"_s);
    m_armId->setObjectName(u"armIdField"_s);
    m_copyId->setObjectName(u"copyArmIdButton"_s);

    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    for (int i = 0; i < FieldCount; ++i) {
        auto *label = new QLabel;
        auto *value = new QLabel;
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setBuddy(value);
        m_labels.append(label);
        m_values.append(value);
        m_form->addRow(label, value);
    }
    m_armId->setReadOnly(true);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_armId, 1);
    idRow->addWidget(m_copyId);
    m_armIdLabel->setBuddy(m_armId);
    m_form->addRow(m_armIdLabel, idRow);
    auto *overviewLayout = new QVBoxLayout(m_overview);
    overviewLayout->addLayout(m_form);
    overviewLayout->addStretch();

    m_tabs->addTab(m_overview, QString());
    m_tabs->addTab(m_extensions, QString());
    m_tabs->addTab(m_configurations, QString());

    auto *top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(m_copyCommand);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);

    connect(m_refresh, &QPushButton::clicked, this, &ClusterPage::refresh);
    connect(m_copyId, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_armId->text()); });
    connect(m_copyCommand, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(ClusterFacts::fromResource(m_details->cluster()).showCommand());
    });
    connect(m_details, &Items::ClusterDetails::clusterChanged, this, &ClusterPage::showCluster);
    connect(m_details, &Items::ClusterDetails::loaded, this, [this] {
        m_refresh->setEnabled(true);
        if (m_status->property("failed").toBool())
            return;
        m_status->clear();
        m_status->hide();
    });
    connect(m_details, &Items::ClusterDetails::failed, this, [this](const QString &message) {
        m_status->setProperty("failed", true);
        m_status->setText(message);
        m_status->show();
    });
    auto *refreshAction = new QAction(this);
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshAction, &QAction::triggered, this, &ClusterPage::refresh);
    addAction(refreshAction);

    retranslate();
    showCluster();
}

ClusterPage::~ClusterPage() = default;

QString ClusterPage::clusterId() const
{
    return m_details->clusterId();
}

void ClusterPage::addTab(QWidget *page, const QString &title)
{
    m_tabs->addTab(page, title);
}

void ClusterPage::refresh()
{
    m_refresh->setEnabled(false);
    m_status->setProperty("failed", false);
    m_status->setText(tr("Loading…"));
    m_status->show();
    m_details->refresh();
}

void ClusterPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void ClusterPage::retranslate()
{
    static const char *const labels[FieldCount] = {
        QT_TR_NOOP("Name:"),          QT_TR_NOOP("Type:"),         QT_TR_NOOP("Subscription:"),
        QT_TR_NOOP("Resource group:"), QT_TR_NOOP("Location:"),     QT_TR_NOOP("Kubernetes version:"),
        QT_TR_NOOP("Distribution:"),   QT_TR_NOOP("State:"),        QT_TR_NOOP("Provisioning:"),
        QT_TR_NOOP("Nodes:"),          QT_TR_NOOP("Identity:"),     QT_TR_NOOP("Agent version:")};
    for (int i = 0; i < FieldCount; ++i) {
        m_labels[i]->setText(tr(labels[i]));
        m_values[i]->setAccessibleName(tr(labels[i]).chopped(1));
    }
    m_armIdLabel->setText(tr("Resource ID:"));
    m_tabs->setTabText(0, tr("Overview"));
    m_tabs->setTabText(1, tr("Extensions"));
    m_tabs->setTabText(2, tr("Flux configurations"));
    m_refresh->setText(tr("&Refresh"));
    m_copyCommand->setText(tr("Copy as &az command"));
    m_copyId->setText(tr("Cop&y ID"));
    m_refresh->setAccessibleName(tr("Refresh the cluster"));
    m_copyCommand->setAccessibleName(tr("Copy the az command that shows this cluster"));
    m_copyId->setAccessibleName(tr("Copy the resource ID"));
    m_armId->setAccessibleName(tr("Resource ID"));
    m_tabs->setAccessibleName(tr("Cluster details"));
    m_extensions->setAccessibleName(tr("Extensions"));
    m_configurations->setAccessibleName(tr("Flux configurations"));
    m_status->setAccessibleName(tr("Cluster status"));
    showCluster();
}

void ClusterPage::showCluster()
{
    const ClusterFacts facts = ClusterFacts::fromResource(m_details->cluster());
    const QString name = facts.name.isEmpty() ? m_details->clusterId().section(u'/', -1) : facts.name;
    m_heading->setText(facts.typeText().isEmpty() ? name : tr("%1 · %2").arg(name, facts.typeText()));
    const QString unknown = tr("Not reported");
    const auto orUnknown = [&](const QString &value) { return value.isEmpty() ? unknown : value; };
    m_values[Name]->setText(name);
    m_values[Type]->setText(orUnknown(facts.typeText()));
    m_values[Subscription]->setText(orUnknown(facts.subscriptionId));
    m_values[ResourceGroup]->setText(orUnknown(facts.resourceGroup));
    m_values[Location]->setText(orUnknown(facts.location));
    m_values[Version]->setText(orUnknown(facts.kubernetesVersion));
    m_values[Distribution]->setText(orUnknown(facts.distribution));
    m_values[State]->setText(orUnknown(facts.state));
    m_values[Provisioning]->setText(orUnknown(facts.provisioningState));
    m_values[Nodes]->setText(facts.nodes < 0 ? unknown : QString::number(facts.nodes));
    m_values[Identity]->setText(facts.type == ClusterFacts::Type::Unknown ? unknown : facts.identityText());
    m_values[Agent]->setText(facts.type == ClusterFacts::Type::Connected ? orUnknown(facts.agentVersion)
                                                                         : tr("Managed by AKS"));
    m_armId->setText(m_details->clusterId());
    m_armId->setCursorPosition(0);
    m_copyCommand->setEnabled(facts.type != ClusterFacts::Type::Unknown);
    Q_EMIT titleChanged(name);
}

} // namespace Fluxdeck::Ui
