#include "explorermodel.h"

#include <algorithm>
#include <vector>

namespace Fluxdeck::Items {

struct ExplorerModel::Node
{
    Node *parent = nullptr;
    Kind kind = Kind::Placeholder;
    QString name;
    QString resourceId;
    QString action;
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        const auto &siblings = parent->children;
        const auto it = std::ranges::find_if(siblings, [this](const auto &node) { return node.get() == this; });
        return static_cast<int>(it - siblings.begin());
    }
};

ExplorerModel::ExplorerModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

ExplorerModel::~ExplorerModel() = default;

ExplorerModel::Node *ExplorerModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ExplorerModel::appendNode(const QModelIndex &parent, Kind kind, const QString &name,
                                      const QString &resourceId, const QString &action)
{
    Node *parentNode = nodeFor(parent);
    const int row = static_cast<int>(parentNode->children.size());
    beginInsertRows(parent, row, row);
    auto node = std::make_unique<Node>();
    node->parent = parentNode;
    node->kind = kind;
    node->name = name;
    node->resourceId = resourceId;
    node->action = action;
    parentNode->children.push_back(std::move(node));
    endInsertRows();
    return index(row, 0, parent);
}

void ExplorerModel::removeChildren(const QModelIndex &parent)
{
    Node *parentNode = nodeFor(parent);
    if (parentNode->children.empty())
        return;
    beginRemoveRows(parent, 0, static_cast<int>(parentNode->children.size()) - 1);
    parentNode->children.clear();
    endRemoveRows();
}

void ExplorerModel::showSignedOut(const QString &cloud)
{
    removeChildren({});
    m_signedOutCloud = cloud;
    appendNode({}, Kind::Placeholder, QString(), {}, QString(ChooseCloudAction));
}

void ExplorerModel::retranslate()
{
    // Placeholder texts are translated when read; views only need to ask again.
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DisplayRole, Qt::ToolTipRole});
}

QModelIndex ExplorerModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *parentNode = nodeFor(parent);
    return createIndex(row, column, parentNode->children[static_cast<size_t>(row)].get());
}

QModelIndex ExplorerModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *parentNode = nodeFor(child)->parent;
    if (!parentNode || parentNode == m_root.get())
        return {};
    return createIndex(parentNode->row(), 0, parentNode);
}

int ExplorerModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeFor(parent)->children.size());
}

int ExplorerModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant ExplorerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        if (node->kind == Kind::Placeholder && node->action == ChooseCloudAction)
            return tr("Not signed in to %1").arg(m_signedOutCloud);
        return node->name;
    case Qt::ToolTipRole:
        if (node->kind == Kind::Placeholder && node->action == ChooseCloudAction)
            return tr("Fluxdeck is not signed in to %1. Press Enter here, or choose File > Settings, "
                      "to choose a cloud.").arg(m_signedOutCloud);
        return node->resourceId.isEmpty() ? node->name : node->resourceId;
    case KindRole:
        return QVariant::fromValue(node->kind);
    case ResourceIdRole:
        return node->resourceId;
    case ActionRole:
        return node->action;
    default:
        return {};
    }
}

QVariant ExplorerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Resources");
    return {};
}

QHash<int, QByteArray> ExplorerModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(ResourceIdRole, "resourceId");
    names.insert(ActionRole, "action");
    return names;
}

} // namespace Fluxdeck::Items
