#include "operationsmodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Items {

OperationsModel::OperationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

OperationsModel::~OperationsModel() = default;

OperationsModel::Id OperationsModel::start(const QString &title, CancelHandler onCancel)
{
    const int row = static_cast<int>(m_operations.size());
    beginInsertRows({}, row, row);
    Operation operation;
    operation.id = m_nextId++;
    operation.title = title;
    operation.onCancel = std::move(onCancel);
    operation.clock.start();
    m_operations.push_back(std::move(operation));
    endInsertRows();
    Q_EMIT runningCountChanged(runningCount());
    return m_operations.back().id;
}

void OperationsModel::setProgress(Id id, qint64 done, qint64 total, const QString &detail)
{
    Operation *operation = find(id);
    if (!operation || operation->state != State::Running)
        return;
    operation->done = std::max<qint64>(0, done);
    operation->total = std::max<qint64>(0, total);
    operation->detail = detail;
    emitRowChanged(rowOf(id));
}

void OperationsModel::succeed(Id id, const QString &message)
{
    finish(id, State::Succeeded, message);
}

void OperationsModel::fail(Id id, const QString &message)
{
    finish(id, State::Failed, message);
}

bool OperationsModel::cancel(Id id)
{
    Operation *operation = find(id);
    if (!operation || operation->state != State::Running || !operation->onCancel)
        return false;
    // Take the handler first: it may report back into this model (fail, succeed) re-entrantly.
    CancelHandler handler = std::move(operation->onCancel);
    operation->onCancel = nullptr;
    finish(id, State::Cancelled, tr("Cancelled by the user"));
    handler();
    return true;
}

void OperationsModel::clearFinished()
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (m_operations[static_cast<size_t>(row)].state == State::Running)
            continue;
        beginRemoveRows({}, row, row);
        m_operations.erase(m_operations.begin() + row);
        endRemoveRows();
    }
}

OperationsModel::State OperationsModel::state(Id id) const
{
    const Operation *operation = find(id);
    return operation ? operation->state : State::Failed;
}

int OperationsModel::rowOf(Id id) const
{
    const auto it = std::ranges::find(m_operations, id, &Operation::id);
    return it == m_operations.end() ? -1 : static_cast<int>(it - m_operations.begin());
}

int OperationsModel::runningCount() const
{
    return static_cast<int>(std::ranges::count(m_operations, State::Running, &Operation::state));
}

int OperationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_operations.size());
}

int OperationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OperationsModel::stateText(State state)
{
    switch (state) {
    case State::Running:
        return tr("Running");
    case State::Succeeded:
        return tr("Succeeded");
    case State::Failed:
        return tr("Failed");
    case State::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

int OperationsModel::percent(const Operation &operation) const
{
    if (operation.state == State::Succeeded)
        return 100;
    if (operation.total <= 0)
        return -1;
    return static_cast<int>(std::min<qint64>(100, operation.done * 100 / operation.total));
}

QVariant OperationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Operation &operation = m_operations[static_cast<size_t>(index.row())];

    switch (role) {
    case IdRole:
        return operation.id;
    case StateRole:
        return QVariant::fromValue(operation.state);
    case ProgressRole:
        return percent(operation);
    case CancellableRole:
        return operation.state == State::Running && bool(operation.onCancel);
    case MessageRole:
        return operation.message;
    case Qt::ToolTipRole: {
        QString tip = operation.title;
        if (!operation.detail.isEmpty())
            tip += u'\n' + operation.detail;
        if (!operation.message.isEmpty())
            tip += u'\n' + operation.message;
        return tip;
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (index.column()) {
    case TitleColumn:
        return operation.title;
    case ProgressColumn: {
        const int value = percent(operation);
        if (operation.state != State::Running)
            return tr("%1 s").arg(double(operation.elapsedMs) / 1000.0, 0, 'f', 1);
        return value < 0 ? tr("working…") : tr("%1 %").arg(value);
    }
    case StatusColumn: {
        QString text = stateText(operation.state);
        const QString &extra = operation.state == State::Running ? operation.detail : operation.message;
        if (!extra.isEmpty())
            text += u": "_s + extra;
        return text;
    }
    default:
        return {};
    }
}

QVariant OperationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Operation");
    case ProgressColumn:
        return tr("Progress");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

QHash<int, QByteArray> OperationsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "operationId");
    names.insert(StateRole, "state");
    names.insert(ProgressRole, "progress");
    names.insert(CancellableRole, "cancellable");
    names.insert(MessageRole, "message");
    return names;
}

OperationsModel::Operation *OperationsModel::find(Id id)
{
    const auto it = std::ranges::find(m_operations, id, &Operation::id);
    return it == m_operations.end() ? nullptr : &*it;
}

const OperationsModel::Operation *OperationsModel::find(Id id) const
{
    const auto it = std::ranges::find(m_operations, id, &Operation::id);
    return it == m_operations.end() ? nullptr : &*it;
}

void OperationsModel::finish(Id id, State state, const QString &message)
{
    Operation *operation = find(id);
    if (!operation || operation->state != State::Running)
        return;
    operation->state = state;
    operation->message = message;
    operation->elapsedMs = operation->clock.elapsed();
    if (state != State::Cancelled)
        operation->onCancel = nullptr;
    emitRowChanged(rowOf(id));
    Q_EMIT finished(id, state, message);
    Q_EMIT runningCountChanged(runningCount());
}

void OperationsModel::emitRowChanged(int row)
{
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace Fluxdeck::Items
