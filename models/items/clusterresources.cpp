#include "clusterresources.h"

#include "armclient.h"

#include <QJsonArray>
#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Items {

namespace {

enum ExtensionColumn { ExtName, ExtType, ExtVersion, ExtAutoUpgrade, ExtProvisioning, ExtReleaseTrain, ExtColumns };
enum ConfigurationColumn { CfgName, CfgNamespace, CfgSource, CfgProvisioning, CfgCompliance, CfgCommit, CfgUpdated, CfgColumns };

QString sourceOf(const QJsonObject &properties)
{
    const QString kind = properties.value(u"sourceKind").toString(u"GitRepository"_s);
    if (kind == u"Bucket")
        return properties.value(u"bucket").toObject().value(u"url").toString();
    if (kind == u"AzureBlob")
        return properties.value(u"azureBlob").toObject().value(u"url").toString();
    if (kind == u"OCIRepository")
        return properties.value(u"ociRepository").toObject().value(u"url").toString();
    const QJsonObject git = properties.value(u"gitRepository").toObject();
    const QJsonObject ref = git.value(u"repositoryRef").toObject();
    QString reference;
    for (const QString &key : {u"branch"_s, u"tag"_s, u"semver"_s, u"commit"_s}) {
        if (!ref.value(key).toString().isEmpty()) {
            reference = ref.value(key).toString();
            break;
        }
    }
    return reference.isEmpty() ? git.value(u"url").toString() : git.value(u"url").toString() + u" @ "_s + reference;
}

QString localTime(const QString &stamp)
{
    const QDateTime time = QDateTime::fromString(stamp, Qt::ISODateWithMs);
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : stamp;
}

} // namespace

ClusterResourcesModel::ClusterResourcesModel(Kind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
{
}

ClusterResourcesModel::~ClusterResourcesModel() = default;

void ClusterResourcesModel::setResources(const QList<QJsonObject> &resources)
{
    beginResetModel();
    m_resources = resources;
    std::ranges::sort(m_resources, [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"name").toString() < b.value(u"name").toString();
    });
    endResetModel();
}

QJsonObject ClusterResourcesModel::resource(int row) const
{
    return m_resources.value(row);
}

int ClusterResourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_resources.size());
}

int ClusterResourcesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : (m_kind == Kind::Extensions ? int(ExtColumns) : int(CfgColumns));
}

QVariant ClusterResourcesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QJsonObject resource = m_resources.at(index.row());
    if (role == ResourceRole)
        return resource;
    if (role == ResourceIdRole)
        return resource.value(u"id").toString();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const QJsonObject p = resource.value(u"properties").toObject();
    if (m_kind == Kind::Extensions) {
        switch (index.column()) {
        case ExtName:
            return resource.value(u"name").toString();
        case ExtType:
            return p.value(u"extensionType").toString();
        case ExtVersion:
            return p.value(u"currentVersion").toString(p.value(u"version").toString());
        case ExtAutoUpgrade:
            return p.value(u"autoUpgradeMinorVersion").toBool() ? tr("Yes") : tr("No");
        case ExtProvisioning: {
            const QString state = p.value(u"provisioningState").toString();
            const QString error = p.value(u"errorInfo").toObject().value(u"message").toString();
            return role == Qt::ToolTipRole && !error.isEmpty() ? error : state;
        }
        case ExtReleaseTrain:
            return p.value(u"releaseTrain").toString();
        default:
            return {};
        }
    }
    switch (index.column()) {
    case CfgName:
        return resource.value(u"name").toString();
    case CfgNamespace:
        return p.value(u"namespace").toString();
    case CfgSource:
        return sourceOf(p);
    case CfgProvisioning:
        return p.value(u"provisioningState").toString();
    case CfgCompliance: {
        const QString error = p.value(u"errorMessage").toString();
        return role == Qt::ToolTipRole && !error.isEmpty() ? error : p.value(u"complianceState").toString();
    }
    case CfgCommit:
        return p.value(u"sourceSyncedCommitId").toString();
    case CfgUpdated:
        return localTime(p.value(u"statusUpdatedAt").toString());
    default:
        return {};
    }
}

QVariant ClusterResourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (m_kind == Kind::Extensions) {
        switch (section) {
        case ExtName:
            return tr("Name");
        case ExtType:
            return tr("Type");
        case ExtVersion:
            return tr("Version");
        case ExtAutoUpgrade:
            return tr("Auto-upgrade");
        case ExtProvisioning:
            return tr("Provisioning");
        case ExtReleaseTrain:
            return tr("Release train");
        default:
            return {};
        }
    }
    switch (section) {
    case CfgName:
        return tr("Name");
    case CfgNamespace:
        return tr("Namespace");
    case CfgSource:
        return tr("Source");
    case CfgProvisioning:
        return tr("Provisioning");
    case CfgCompliance:
        return tr("Compliance");
    case CfgCommit:
        return tr("Synced commit");
    case CfgUpdated:
        return tr("Status updated");
    default:
        return {};
    }
}

struct ClusterDetails::Private
{
    Net::ArmClient *arm = nullptr;
    QString clusterId;
    QJsonObject cluster;
    ClusterResourcesModel *extensions = nullptr;
    ClusterResourcesModel *configurations = nullptr;
    std::vector<std::unique_ptr<Net::ArmReply>> replies;
    int pending = 0;
    QStringList failures;
};

ClusterDetails::ClusterDetails(Net::ArmClient *arm, const QString &clusterId, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->arm = arm;
    d->clusterId = clusterId;
    d->extensions = new ClusterResourcesModel(ClusterResourcesModel::Kind::Extensions, this);
    d->configurations = new ClusterResourcesModel(ClusterResourcesModel::Kind::FluxConfigurations, this);
}

ClusterDetails::~ClusterDetails() = default;

QString ClusterDetails::clusterId() const
{
    return d->clusterId;
}

QJsonObject ClusterDetails::cluster() const
{
    return d->cluster;
}

ClusterResourcesModel *ClusterDetails::extensions() const
{
    return d->extensions;
}

ClusterResourcesModel *ClusterDetails::configurations() const
{
    return d->configurations;
}

bool ClusterDetails::isLoading() const
{
    return d->pending > 0;
}

void ClusterDetails::refresh()
{
    d->replies.clear();
    d->failures.clear();
    d->pending = 3;
    const auto done = [this](Net::ArmReply *reply, const std::function<void(const Net::ArmResponse &)> &use) {
        connect(reply, &Net::ArmReply::finished, this, [this, reply, use] {
            if (const Net::ArmResult &result = reply->result(); result)
                use(*result);
            else if (result.error().kind != Net::ArmError::Kind::Cancelled)
                d->failures.append(result.error().userMessage());
            if (--d->pending == 0) {
                if (!d->failures.isEmpty())
                    Q_EMIT failed(d->failures.join(u'\n'));
                Q_EMIT loaded();
            }
        });
    };
    const auto values = [](const Net::ArmResponse &response) {
        QList<QJsonObject> list;
        for (const QJsonValue &value : response.values)
            list.append(value.toObject());
        return list;
    };
    auto cluster = d->arm->get(d->clusterId);
    done(cluster.get(), [this](const Net::ArmResponse &response) {
        d->cluster = response.body;
        Q_EMIT clusterChanged();
    });
    auto extensions = d->arm->list(d->clusterId + u"/providers/Microsoft.KubernetesConfiguration/extensions"_s);
    done(extensions.get(), [this, values](const Net::ArmResponse &response) { d->extensions->setResources(values(response)); });
    auto configurations = d->arm->list(d->clusterId + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations"_s);
    done(configurations.get(),
         [this, values](const Net::ArmResponse &response) { d->configurations->setResources(values(response)); });
    d->replies.push_back(std::move(cluster));
    d->replies.push_back(std::move(extensions));
    d->replies.push_back(std::move(configurations));
}

} // namespace Fluxdeck::Items
