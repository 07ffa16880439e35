#include "explorermodel.h"

#include "clusterfacts.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace Fluxdeck::Items {

struct ExplorerModel::Node
{
    Node *parent = nullptr;
    Kind kind = Kind::Placeholder;
    QString name;
    QString resourceId;
    QString action;
    QString detail;          // placeholders: the tooltip
    QJsonObject resource;
    std::vector<std::unique_ptr<Node>> children;
    QList<QJsonObject> pending;   // clusters counted as rows, made nodes on first use

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
                                      const QString &resourceId, const QString &action, const QJsonObject &resource)
{
    Node *parentNode = nodeFor(parent);
    materialize(parentNode);
    const int row = static_cast<int>(parentNode->children.size());
    if (!m_rebuilding)
        beginInsertRows(parent, row, row);
    auto node = std::make_unique<Node>();
    node->parent = parentNode;
    node->kind = kind;
    node->name = name;
    node->resourceId = resourceId;
    node->action = action;
    node->resource = resource;
    parentNode->children.push_back(std::move(node));
    if (!m_rebuilding)
        endInsertRows();
    return index(row, 0, parent);
}

void ExplorerModel::removeChildren(const QModelIndex &parent)
{
    Node *parentNode = nodeFor(parent);
    materialize(parentNode);
    if (parentNode->children.empty())
        return;
    if (m_rebuilding) {
        parentNode->children.clear();
        return;
    }
    beginRemoveRows(parent, 0, static_cast<int>(parentNode->children.size()) - 1);
    parentNode->children.clear();
    endRemoveRows();
}

void ExplorerModel::setPendingClusters(const QModelIndex &parent, const QList<QJsonObject> &clusters)
{
    Node *node = nodeFor(parent);
    materialize(node);
    const int first = static_cast<int>(node->children.size());
    if (!m_rebuilding && !clusters.isEmpty())
        beginInsertRows(parent, first, first + int(clusters.size()) - 1);
    node->pending += clusters;
    if (!m_rebuilding && !clusters.isEmpty())
        endInsertRows();
}

void ExplorerModel::materialize(Node *node)
{
    if (node->pending.isEmpty())
        return;
    for (const QJsonObject &cluster : std::as_const(node->pending)) {
        auto child = std::make_unique<Node>();
        child->parent = node;
        const ClusterFacts facts = ClusterFacts::fromResource(cluster);
        child->kind = facts.type == ClusterFacts::Type::Connected ? Kind::ConnectedCluster : Kind::ManagedCluster;
        child->name = facts.name;
        child->resourceId = facts.id;
        child->resource = cluster;
        node->children.push_back(std::move(child));
    }
    node->pending.clear();
}

void ExplorerModel::beginRebuild()
{
    beginResetModel();
    m_rebuilding = true;
}

void ExplorerModel::endRebuild()
{
    m_rebuilding = false;
    endResetModel();
}

void ExplorerModel::showSignedOut(const QString &cloud)
{
    removeChildren({});
    m_signedOutCloud = cloud;
    appendNode({}, Kind::Placeholder, QString(), {}, QString(ChooseCloudAction));
}

void ExplorerModel::showMessage(const QString &text, const QString &action, const QString &detail)
{
    removeChildren({});
    const QModelIndex row = appendNode({}, Kind::Placeholder, text, {}, action);
    nodeFor(row)->detail = detail.isEmpty() ? text : detail;
}

QModelIndex ExplorerModel::indexOfResource(const QString &resourceId) const
{
    const std::function<QModelIndex(const QModelIndex &)> search = [&](const QModelIndex &parent) -> QModelIndex {
        for (int row = 0; row < rowCount(parent); ++row) {
            const QModelIndex child = index(row, 0, parent);
            if (nodeFor(child)->resourceId.compare(resourceId, Qt::CaseInsensitive) == 0)
                return child;
            if (const QModelIndex found = search(child); found.isValid())
                return found;
        }
        return {};
    };
    return search({});
}

void ExplorerModel::retranslate()
{
    // Placeholder texts are translated when read; views only need to ask again.
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole, Qt::ToolTipRole});
}

QModelIndex ExplorerModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *parentNode = nodeFor(parent);
    materialize(parentNode);
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
    const Node *node = nodeFor(parent);
    return static_cast<int>(node->children.size() + node->pending.size());
}

int ExplorerModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ExplorerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    const bool signedOut = node->kind == Kind::Placeholder && node->action == ChooseCloudAction;
    const bool cluster = node->kind == Kind::ManagedCluster || node->kind == Kind::ConnectedCluster;
    if (index.column() != NameColumn && (role == Qt::DisplayRole || role == SortRole)) {
        if (!cluster)
            return {};
        const ClusterFacts facts = ClusterFacts::fromResource(node->resource);
        switch (index.column()) {
        case KindColumn:
            return facts.type == ClusterFacts::Type::Connected && !facts.distribution.isEmpty()
                       ? tr("%1 (%2)").arg(facts.typeText(), facts.distribution)
                       : facts.typeText();
        case LocationColumn:
            return facts.location;
        case VersionColumn:
            return facts.kubernetesVersion;
        case StateColumn:
            return facts.state;
        case NodesColumn:
            if (facts.nodes < 0)
                return {};
            return role == SortRole ? QVariant(facts.nodes) : QVariant(QString::number(facts.nodes));
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        if (signedOut)
            return tr("Not signed in to %1").arg(m_signedOutCloud);
        return node->name;
    case Qt::ToolTipRole:
        if (signedOut)
            return tr("Fluxdeck is not signed in to %1. Press Enter here, or choose File > Settings, "
                      "to choose a cloud.").arg(m_signedOutCloud);
        if (node->kind == Kind::Placeholder)
            return node->detail;
        return node->resourceId.isEmpty() ? node->name : node->resourceId;
    case Qt::AccessibleDescriptionRole:
        if (cluster) {
            const ClusterFacts facts = ClusterFacts::fromResource(node->resource);
            return tr("%1 cluster in %2, Kubernetes %3, %4").arg(facts.typeText(), facts.location,
                                                                   facts.kubernetesVersion, facts.state);
        }
        return {};
    case KindRole:
        return QVariant::fromValue(node->kind);
    case ResourceIdRole:
        return node->resourceId;
    case ActionRole:
        return node->action;
    case ResourceRole:
        return node->resource;
    default:
        return {};
    }
}

QVariant ExplorerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Resources");
    case KindColumn:
        return tr("Kind");
    case LocationColumn:
        return tr("Location");
    case VersionColumn:
        return tr("Kubernetes");
    case StateColumn:
        return tr("State");
    case NodesColumn:
        return tr("Nodes");
    default:
        return {};
    }
}

QHash<int, QByteArray> ExplorerModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(ResourceIdRole, "resourceId");
    names.insert(ActionRole, "action");
    names.insert(ResourceRole, "resource");
    names.insert(SortRole, "sort");
    return names;
}

} // namespace Fluxdeck::Items
