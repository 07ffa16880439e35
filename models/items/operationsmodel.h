#pragma once

#include <QAbstractTableModel>
#include <QElapsedTimer>

#include <functional>
#include <vector>

namespace Fluxdeck::Items {

// Long-running work (LRO polling, Git fetches, sandbox start) as rows the Operations dock
// shows. Producers start an operation, report progress and finish it; the user may cancel
// it, which calls the producer's cancel handler once and ends the operation as Cancelled.
// Reports that arrive after an operation ended are ignored, so producers need not race-check.
class OperationsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperationsModel)

public:
    using Id = quint64;
    using CancelHandler = std::function<void()>;

    enum Column { TitleColumn, ProgressColumn, StatusColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        StateRole,
        ProgressRole,      // int percent 0..100, or -1 while the total is unknown
        CancellableRole,
        MessageRole,
    };
    enum class State { Running, Succeeded, Failed, Cancelled };
    Q_ENUM(State)

    explicit OperationsModel(QObject *parent = nullptr);
    ~OperationsModel() override;

    Id start(const QString &title, CancelHandler onCancel = {});
    void setProgress(Id id, qint64 done, qint64 total, const QString &detail = {});
    void succeed(Id id, const QString &message = {});
    void fail(Id id, const QString &message);
    bool cancel(Id id);   // the user's request; false when not running or not cancellable
    void clearFinished();

    State state(Id id) const;
    int rowOf(Id id) const;   // -1 when unknown
    int runningCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString stateText(State state);

Q_SIGNALS:
    void runningCountChanged(int running);
    void finished(Fluxdeck::Items::OperationsModel::Id id, Fluxdeck::Items::OperationsModel::State state,
                  const QString &message);

private:
    struct Operation
    {
        Id id = 0;
        QString title;
        QString detail;
        QString message;
        State state = State::Running;
        qint64 done = 0;
        qint64 total = 0;
        CancelHandler onCancel;
        QElapsedTimer clock;
        qint64 elapsedMs = 0;
    };

    Operation *find(Id id);
    const Operation *find(Id id) const;
    void finish(Id id, State state, const QString &message);
    void emitRowChanged(int row);
    int percent(const Operation &operation) const;

    std::vector<Operation> m_operations;
    Id m_nextId = 1;
};

} // namespace Fluxdeck::Items
