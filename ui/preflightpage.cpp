#include "preflightpage.h"

#include "preflightdoctor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::PreflightCheck;
using Fluxdeck::Items::PreflightDoctor;
using Fluxdeck::Items::PreflightModel;

namespace Fluxdeck::Ui {

namespace {

// The doctor's rows with a status icon, and the status in the text as well, so that it reads
// without the icon (screen readers, colour blindness).
class StatusDecoration final : public QIdentityProxyModel
{
public:
    explicit StatusDecoration(QWidget *owner)
        : QIdentityProxyModel(owner)
        , m_owner(owner)
    {
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DisplayRole) {
            return QString(index.data(PreflightModel::TitleRole).toString() + u" — "_s
                           + index.data(PreflightModel::StatusTextRole).toString());
        }
        if (role == Qt::DecorationRole)
            return m_owner->style()->standardIcon(iconFor(index.data(PreflightModel::StatusRole).value<PreflightCheck::Status>()));
        return QIdentityProxyModel::data(index, role);
    }

    static QStyle::StandardPixmap iconFor(PreflightCheck::Status status)
    {
        switch (status) {
        case PreflightCheck::Status::Running:
            return QStyle::SP_BrowserReload;
        case PreflightCheck::Status::Passed:
            return QStyle::SP_DialogApplyButton;
        case PreflightCheck::Status::Info:
            return QStyle::SP_MessageBoxInformation;
        case PreflightCheck::Status::Warning:
            return QStyle::SP_MessageBoxWarning;
        case PreflightCheck::Status::Failed:
            return QStyle::SP_MessageBoxCritical;
        case PreflightCheck::Status::Unknown:
            return QStyle::SP_MessageBoxQuestion;
        }
        return QStyle::SP_MessageBoxQuestion;
    }

private:
    QWidget *m_owner;
};

} // namespace

PreflightPage::PreflightPage(PreflightDoctor &doctor, QWidget *parent)
    : QWidget(parent)
    , m_doctor(doctor)
    , m_heading(new QLabel)
    , m_summary(new QLabel)
    , m_view(new QListView)
    , m_detailTitle(new QLabel)
    , m_detailStatus(new QLabel)
    , m_explanation(new QPlainTextEdit)
    , m_fixLabel(new QLabel)
    , m_commandLabel(new QLabel)
    , m_command(new QLineEdit)
    , m_fixButton(new QPushButton)
    , m_copyButton(new QPushButton)
    , m_runButton(new QPushButton)
    , m_exportButton(new QPushButton)
    , m_copyReportButton(new QPushButton)
    , m_progress(new QProgressBar)
    , m_cancelButton(new QPushButton)
    , m_status(new QLabel)
{
    setObjectName(u"preflightPage"_s);
    m_heading->setObjectName(u"preflightHeading"_s);
    m_summary->setObjectName(u"preflightSummary"_s);
    m_view->setObjectName(u"preflightChecks"_s);
    m_detailTitle->setObjectName(u"preflightDetailTitle"_s);
    m_detailStatus->setObjectName(u"preflightDetailStatus"_s);
    m_explanation->setObjectName(u"preflightExplanation"_s);
    m_fixLabel->setObjectName(u"preflightFixLabel"_s);
    m_command->setObjectName(u"preflightAzCommand"_s);
    m_fixButton->setObjectName(u"preflightFixButton"_s);
    m_copyButton->setObjectName(u"preflightCopyCommandButton"_s);
    m_runButton->setObjectName(u"preflightRunButton"_s);
    m_exportButton->setObjectName(u"preflightExportButton"_s);
    m_copyReportButton->setObjectName(u"preflightCopyReportButton"_s);
    m_progress->setObjectName(u"preflightProgress"_s);
    m_cancelButton->setObjectName(u"preflightCancelButton"_s);
    m_status->setObjectName(u"preflightStatus"_s);

    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    if (headingFont.pointSizeF() > 0)
        headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    m_heading->setFont(headingFont);
    m_summary->setWordWrap(true);

    m_view->setModel(new StatusDecoration(this));
    static_cast<QIdentityProxyModel *>(m_view->model())->setSourceModel(m_doctor.model());
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformItemSizes(true);
    m_view->setWordWrap(false);
    m_view->installEventFilter(this);

    QFont titleFont = m_detailTitle->font();
    titleFont.setBold(true);
    m_detailTitle->setFont(titleFont);
    m_detailTitle->setWordWrap(true);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setReadOnly(true);
    m_explanation->setTabChangesFocus(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
    m_fixLabel->setWordWrap(true);
    m_command->setReadOnly(true);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commandLabel->setBuddy(m_command);

    m_progress->setRange(0, 0);   // busy: the checks report no fraction
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *detail = new QWidget;
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detailTitle);
    detailLayout->addWidget(m_detailStatus);
    detailLayout->addWidget(m_explanation, 1);
    detailLayout->addWidget(m_fixLabel);
    auto *commandRow = new QHBoxLayout;
    commandRow->addWidget(m_commandLabel);
    commandRow->addWidget(m_command, 1);
    detailLayout->addLayout(commandRow);
    auto *detailButtons = new QHBoxLayout;
    detailButtons->addWidget(m_fixButton);
    detailButtons->addWidget(m_copyButton);
    detailButtons->addStretch();
    detailLayout->addLayout(detailButtons);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(u"preflightSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(m_runButton);
    top->addWidget(m_exportButton);
    top->addWidget(m_copyReportButton);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_cancelButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);

    setTabOrder(m_view, m_explanation);
    setTabOrder(m_explanation, m_command);
    setTabOrder(m_command, m_fixButton);
    setTabOrder(m_fixButton, m_copyButton);
    setTabOrder(m_copyButton, m_runButton);
    setTabOrder(m_runButton, m_exportButton);
    setTabOrder(m_exportButton, m_copyReportButton);
    setTabOrder(m_copyReportButton, m_cancelButton);

    auto *refresh = new QAction(this);
    refresh->setObjectName(u"preflightRefreshAction"_s);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(refresh);
    connect(refresh, &QAction::triggered, this, &PreflightPage::runAgain);

    connect(m_fixButton, &QPushButton::clicked, this, &PreflightPage::fixCurrent);
    connect(m_copyButton, &QPushButton::clicked, this, &PreflightPage::copyCurrentCommand);
    connect(m_runButton, &QPushButton::clicked, this, &PreflightPage::runAgain);
    connect(m_exportButton, &QPushButton::clicked, this, &PreflightPage::exportReport);
    connect(m_copyReportButton, &QPushButton::clicked, this, &PreflightPage::copyReport);
    connect(m_cancelButton, &QPushButton::clicked, this, &PreflightPage::cancel);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &PreflightPage::showCurrent);
    connect(m_doctor.model(), &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int row = m_view->currentIndex().row();
        if (row >= from.row() && row <= to.row())
            showCurrent();
        updateSummary();
    });
    connect(m_doctor.model(), &QAbstractItemModel::modelReset, this, [this] {
        m_view->setCurrentIndex(m_view->model()->index(0, 0));
        showCurrent();
        updateSummary();
    });
    connect(&m_doctor, &PreflightDoctor::runningChanged, this, &PreflightPage::updateProgress);
    connect(&m_doctor, &PreflightDoctor::finished, this, [this] {
        tell(tr("Checks finished at %1.").arg(QLocale().toString(m_doctor.lastRun().toLocalTime().time(), QLocale::ShortFormat)));
    });
    connect(&m_doctor, &PreflightDoctor::fixStarted, this, [this](const QString &checkId) {
        if (const PreflightCheck *check = m_doctor.model()->check(checkId))
            tell(tr("Running the fix: %1…").arg(check->fixLabel));
        updateProgress();
    });
    connect(&m_doctor, &PreflightDoctor::fixProgress, this, [this](const QString &, const QString &status) {
        tell(tr("Fix in progress: Azure reports %1.").arg(status));
    });
    connect(&m_doctor, &PreflightDoctor::fixFinished, this, [this](const QString &, bool succeeded, const QString &message) {
        tell(succeeded ? tr("Fix done: %1").arg(message) : tr("The fix did not finish: %1").arg(message));
        updateProgress();
        showCurrent();
    });

    m_view->setCurrentIndex(m_view->model()->index(0, 0));
    retranslate();
    updateProgress();
}

PreflightPage::~PreflightPage() = default;

QString PreflightPage::currentCheckId() const
{
    return m_view->currentIndex().data(PreflightModel::IdRole).toString();
}

void PreflightPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void PreflightPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_doctor.lastRun().isValid() && !m_doctor.isRunning())
        m_doctor.run();
}

bool PreflightPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            fixCurrent();
            return true;
        }
        if (key->matches(QKeySequence::Copy)) {
            copyCurrentCommand();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PreflightPage::retranslate()
{
    m_heading->setText(tr("Preflight checks for %1").arg(m_doctor.clusterName()));
    m_view->setAccessibleName(tr("Preflight checks"));
    m_view->setAccessibleDescription(tr("Each check with its status. Press Enter to run the selected check's fix, "
                                        "Ctrl+C to copy its az command, F5 to run the checks again."));
    m_explanation->setAccessibleName(tr("Explanation of the selected check"));
    m_commandLabel->setText(tr("&az command:"));
    m_command->setAccessibleName(tr("az command for the selected check"));
    m_fixButton->setText(tr("&Fix"));
    m_fixButton->setAccessibleName(tr("Run the one-click fix of the selected check"));
    m_copyButton->setText(tr("Copy as a&z Command"));
    m_copyButton->setAccessibleName(tr("Copy the selected check's az command"));
    m_runButton->setText(tr("&Run Again"));
    m_runButton->setAccessibleName(tr("Run every check again"));
    m_exportButton->setText(tr("&Export…"));
    m_exportButton->setAccessibleName(tr("Export the report as a text file"));
    m_copyReportButton->setText(tr("Copy Re&port"));
    m_copyReportButton->setAccessibleName(tr("Copy the report to the clipboard"));
    m_cancelButton->setText(tr("&Cancel"));
    m_cancelButton->setAccessibleName(tr("Cancel the running checks and fixes"));
    m_progress->setAccessibleName(tr("Checks in progress"));
    m_status->setAccessibleName(tr("Preflight status"));
    showCurrent();
    updateSummary();
}

void PreflightPage::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detailTitle->clear();
        m_detailStatus->clear();
        m_explanation->clear();
        m_fixLabel->clear();
        m_command->clear();
        m_fixButton->setEnabled(false);
        m_copyButton->setEnabled(false);
        return;
    }
    const QString fixLabel = current.data(PreflightModel::FixLabelRole).toString();
    const bool fixAvailable = current.data(PreflightModel::FixAvailableRole).toBool();
    const bool fixRunning = current.data(PreflightModel::FixRunningRole).toBool();
    const QString command = current.data(PreflightModel::AzCommandRole).toString();
    m_detailTitle->setText(current.data(PreflightModel::TitleRole).toString());
    m_detailStatus->setText(tr("Status: %1").arg(current.data(PreflightModel::StatusTextRole).toString()));
    if (m_explanation->toPlainText() != current.data(PreflightModel::ExplanationRole).toString())
        m_explanation->setPlainText(current.data(PreflightModel::ExplanationRole).toString());
    if (fixRunning)
        m_fixLabel->setText(tr("Fix running: %1").arg(fixLabel));
    else if (!fixLabel.isEmpty())
        m_fixLabel->setText(fixAvailable ? tr("One-click fix: %1").arg(fixLabel)
                                         : tr("Fix not available to you: %1").arg(fixLabel));
    else
        m_fixLabel->setText(tr("No one-click fix for this check."));
    m_command->setText(command);
    m_command->setCursorPosition(0);
    m_fixButton->setEnabled(fixAvailable);
    m_fixButton->setToolTip(fixLabel);
    m_fixButton->setAccessibleDescription(fixLabel);
    m_copyButton->setEnabled(!command.isEmpty());
}

void PreflightPage::updateSummary()
{
    int passed = 0;
    int failed = 0;
    int warnings = 0;
    int verify = 0;
    int unknown = 0;
    for (const PreflightCheck &check : m_doctor.model()->checks()) {
        switch (check.status) {
        case PreflightCheck::Status::Passed:
            ++passed;
            break;
        case PreflightCheck::Status::Failed:
            ++failed;
            break;
        case PreflightCheck::Status::Warning:
            ++warnings;
            break;
        case PreflightCheck::Status::Info:
            ++verify;
            break;
        case PreflightCheck::Status::Unknown:
        case PreflightCheck::Status::Running:
            ++unknown;
            break;
        }
    }
    m_summary->setText(tr("%1 passed, %2 failed, %3 warnings, %4 to verify, %5 not checked")
                           .arg(passed)
                           .arg(failed)
                           .arg(warnings)
                           .arg(verify)
                           .arg(unknown));
}

void PreflightPage::updateProgress()
{
    const bool busy = m_doctor.isRunning() || m_doctor.isFixing();
    m_progress->setVisible(busy);
    m_cancelButton->setEnabled(busy);
    m_runButton->setEnabled(!m_doctor.isRunning());
    showCurrent();
}

void PreflightPage::tell(const QString &message)
{
    m_status->setText(message);
}

void PreflightPage::fixCurrent()
{
    const QString id = currentCheckId();
    if (id.isEmpty() || !m_view->currentIndex().data(PreflightModel::FixAvailableRole).toBool()) {
        tell(tr("The selected check has no one-click fix."));
        return;
    }
    if (!m_doctor.fix(id))
        tell(tr("The fix could not start."));
    updateProgress();
}

void PreflightPage::copyCurrentCommand()
{
    const QString command = m_view->currentIndex().data(PreflightModel::AzCommandRole).toString();
    if (command.isEmpty()) {
        tell(tr("The selected check has no az command."));
        return;
    }
    QApplication::clipboard()->setText(command);
    tell(tr("Copied: %1").arg(command));
}

void PreflightPage::copyReport()
{
    QApplication::clipboard()->setText(m_doctor.report());
    tell(tr("The report is on the clipboard."));
}

void PreflightPage::runAgain()
{
    if (m_doctor.isRunning())
        return;
    m_doctor.run();
    tell(tr("Checking %1…").arg(m_doctor.clusterName()));
}

void PreflightPage::cancel()
{
    m_doctor.cancel();
    for (const PreflightCheck &check : m_doctor.model()->checks()) {
        if (m_doctor.isFixing(check.id))
            m_doctor.cancelFix(check.id);
    }
    updateProgress();
}

void PreflightPage::exportReport()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = tr("preflight-%1.txt").arg(m_doctor.clusterName());
    auto *dialog = new QFileDialog(this, tr("Export Preflight Report"), QDir(folder).filePath(name),
                                   tr("Text files (*.txt)"));
    dialog->setObjectName(u"preflightExportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"txt"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        const auto saved = saveReport(path);
        tell(saved ? tr("Report saved to %1.").arg(QDir::toNativeSeparators(path)) : saved.error().message);
    });
    dialog->open();
}

Domain::Result<void> PreflightPage::saveReport(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Domain::failure(tr("The report could not be saved to %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    file.write(m_doctor.report().toUtf8());
    if (!file.commit())
        return Domain::failure(tr("The report could not be saved to %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace Fluxdeck::Ui
