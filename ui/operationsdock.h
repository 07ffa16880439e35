#pragma once

#include <QDockWidget>

class QPushButton;
class QTreeView;

namespace Fluxdeck::Items {
class OperationsModel;
}

namespace Fluxdeck::Ui {

// The Operations dock: every long-running operation with its progress, state and a Cancel
// button (also Delete on the list). Finished rows stay until "Clear Finished".
class OperationsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperationsDock)

public:
    explicit OperationsDock(Items::OperationsModel &model, QWidget *parent = nullptr);
    ~OperationsDock() override;

    QTreeView *view() const { return m_view; }

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void updateButtons();
    void cancelCurrent();

    Items::OperationsModel &m_model;
    QTreeView *m_view;
    QPushButton *m_cancelButton;
    QPushButton *m_clearButton;
};

} // namespace Fluxdeck::Ui
