#pragma once

#include "error.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace Fluxdeck::Items {
class PreflightDoctor;
}

namespace Fluxdeck::Ui {

// The preflight doctor of one cluster: its checks with a status icon and text, the selected
// check's explanation and az command, and buttons to run its one-click fix (Enter on the
// list), copy the az command (Ctrl+C on the list), run the checks again (F5), and export or
// copy the report. Checks and fixes run in the background with a progress bar and Cancel.
class PreflightPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreflightPage)

public:
    // The doctor stays its owner's; the page runs it when first shown if it never ran.
    explicit PreflightPage(Items::PreflightDoctor &doctor, QWidget *parent = nullptr);
    ~PreflightPage() override;

    QListView *view() const { return m_view; }
    QString currentCheckId() const;

    void fixCurrent();
    void copyCurrentCommand();
    void copyReport();
    void runAgain();
    void cancel();
    // Asks where to save the report (a .txt file), without blocking.
    void exportReport();
    // Saves the report as UTF-8 text.
    Domain::Result<void> saveReport(const QString &path) const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void showCurrent();
    void updateSummary();
    void updateProgress();
    void tell(const QString &message);

    Items::PreflightDoctor &m_doctor;
    QLabel *m_heading;
    QLabel *m_summary;
    QListView *m_view;
    QLabel *m_detailTitle;
    QLabel *m_detailStatus;
    QPlainTextEdit *m_explanation;
    QLabel *m_fixLabel;
    QLabel *m_commandLabel;
    QLineEdit *m_command;
    QPushButton *m_fixButton;
    QPushButton *m_copyButton;
    QPushButton *m_runButton;
    QPushButton *m_exportButton;
    QPushButton *m_copyReportButton;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QLabel *m_status;
};

} // namespace Fluxdeck::Ui
