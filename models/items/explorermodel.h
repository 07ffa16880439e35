#pragma once

#include <QAbstractItemModel>
#include <QJsonObject>

#include <memory>

namespace Fluxdeck::Items {

// The explorer tree: cloud → subscriptions → resource groups → clusters. Later layers fill
// it from Resource Manager; while nobody is signed in it holds one placeholder row that
// tells the user what to do, and activating it asks the window to do that (ActionRole).
class ExplorerModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExplorerModel)

public:
    enum class Kind { Placeholder, Cloud, Subscription, ResourceGroup, ManagedCluster, ConnectedCluster };
    Q_ENUM(Kind)

    enum Role {
        KindRole = Qt::UserRole + 1,
        ResourceIdRole,
        ActionRole,        // for placeholders: what activating the row should do
        ResourceRole,      // the ARM resource (QJsonObject) of a cluster
        SortRole,          // what a column sorts by (numbers as numbers)
    };

    enum Column { NameColumn, KindColumn, LocationColumn, VersionColumn, StateColumn, NodesColumn, ColumnCount };

    // Actions a placeholder row can ask for.
    static constexpr QLatin1StringView ChooseCloudAction{"choose-cloud"};
    static constexpr QLatin1StringView SignInAction{"sign-in"};
    static constexpr QLatin1StringView RetryAction{"retry"};

    explicit ExplorerModel(QObject *parent = nullptr);
    ~ExplorerModel() override;

    QModelIndex appendNode(const QModelIndex &parent, Kind kind, const QString &name,
                           const QString &resourceId = {}, const QString &action = {},
                           const QJsonObject &resource = {});
    void removeChildren(const QModelIndex &parent);
    // Many rows at once (a fleet): views see one reset instead of a signal per row.
    void beginRebuild();
    void endRebuild();
    // Clusters under parent (a resource group) that count as rows at once but become nodes only
    // when something first asks for one of them (a view expanding the group): a fleet of
    // 10,000 clusters costs a list of their JSON until someone looks.
    void setPendingClusters(const QModelIndex &parent, const QList<QJsonObject> &clusters);
    void showSignedOut(const QString &cloud);
    // One row that says what is happening ("Signing in…") or went wrong; activating it runs action.
    void showMessage(const QString &text, const QString &action = {}, const QString &detail = {});
    // The row of a resource, searched by id (any case); invalid when absent.
    QModelIndex indexOfResource(const QString &resourceId) const;
    void retranslate();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    static void materialize(Node *node);

    std::unique_ptr<Node> m_root;
    QString m_signedOutCloud;
    bool m_rebuilding = false;
};

} // namespace Fluxdeck::Items
