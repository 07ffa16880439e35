#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

#include <memory>

namespace Fluxdeck::Net {
class ArmClient;
}

namespace Fluxdeck::Items {

// A cluster's microsoft.* extensions or its Flux configurations, as Resource Manager lists them.
class ClusterResourcesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterResourcesModel)

public:
    enum class Kind { Extensions, FluxConfigurations };
    enum Role { ResourceRole = Qt::UserRole + 1, ResourceIdRole };

    explicit ClusterResourcesModel(Kind kind, QObject *parent = nullptr);
    ~ClusterResourcesModel() override;

    Kind kind() const { return m_kind; }
    void setResources(const QList<QJsonObject> &resources);
    QJsonObject resource(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Kind m_kind;
    QList<QJsonObject> m_resources;
};

// Loads what the cluster page shows: the cluster's resource, its extensions and its Flux
// configurations, in parallel, and again on refresh().
class ClusterDetails final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterDetails)

public:
    ClusterDetails(Net::ArmClient *arm, const QString &clusterId, QObject *parent = nullptr);
    ~ClusterDetails() override;

    QString clusterId() const;
    QJsonObject cluster() const;
    ClusterResourcesModel *extensions() const;
    ClusterResourcesModel *configurations() const;
    bool isLoading() const;

    void refresh();

Q_SIGNALS:
    void clusterChanged();
    void loaded();
    // One message per part that could not be read, in the user's words.
    void failed(const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Fluxdeck::Items
