#include "preflightcheck.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Items {

QString PreflightCheck::statusText(Status status)
{
    switch (status) {
    case Status::Running:
        return tr("Checking…");
    case Status::Passed:
        return tr("Passed");
    case Status::Info:
        return tr("To verify");
    case Status::Warning:
        return tr("Warning");
    case Status::Failed:
        return tr("Failed");
    case Status::Unknown:
        return tr("Could not check");
    }
    return {};
}

namespace {

} // namespace

QString normalizedAzureLocation(const QString &location)
{
    QString normalized = location.toLower();
    normalized.remove(u' ');
    return normalized;
}

bool locationListed(const QStringList &locations, const QString &location)
{
    const QString wanted = normalizedAzureLocation(location);
    return std::any_of(locations.cbegin(), locations.cend(),
                       [&wanted](const QString &listed) { return normalizedAzureLocation(listed) == wanted; });
}

QString architectureOfVmSize(const QString &vmSize)
{
    // Standard_<family><vCPUs>[-<constrained vCPUs>]<additive features>[_<accelerator>][_<version>]
    static const QRegularExpression size(u"^(?:Standard|Basic)_([A-Z]+)(\\d+)(?:-\\d+)?([a-z]*)"_s);
    const QRegularExpressionMatch match = size.match(vmSize);
    if (!match.hasMatch())
        return {};
    return match.captured(3).contains(u'p') ? u"arm64"_s : u"amd64"_s;
}

QList<OutboundEndpoint> outboundEndpoints(const QUrl &resourceManager, const QUrl &authority, const QString &region,
                                          bool connectedCluster)
{
    const QString host = resourceManager.host().toLower();
    const QString place = region.isEmpty() ? u"<region>"_s : normalizedAzureLocation(region);
    const QString management = PreflightCheck::tr("Resource Manager: the agents register the cluster and report to Azure.");
    const QString dataPlane =
        PreflightCheck::tr("GitOps data plane: the extension and Flux agents fetch their configuration and push status.");
    const QString login = PreflightCheck::tr("Microsoft Entra sign-in: the agents get and renew their tokens.");
    const QString images = PreflightCheck::tr("Container images of microsoft.flux and the cluster agents.");
    const QString identity = PreflightCheck::tr("Arc agents: the cluster's managed identity certificates.");

    QList<OutboundEndpoint> endpoints;
    if (host == u"management.usgovcloudapi.net") {
        endpoints = {
            {u"https://management.usgovcloudapi.net"_s, management},
            {u"https://%1.dp.kubernetesconfiguration.azure.us"_s.arg(place), dataPlane},
            {u"https://login.microsoftonline.us"_s, login},
            {u"https://%1.login.microsoftonline.us"_s.arg(place), login},
            {u"https://mcr.microsoft.com"_s, images},
            {u"https://*.data.mcr.microsoft.com"_s, images},
        };
        if (connectedCluster)
            endpoints += {{u"https://gbl.his.arc.azure.us"_s, identity}, {u"https://usgv.his.arc.azure.us"_s, identity}};
    } else if (host == u"management.chinacloudapi.cn") {
        endpoints = {
            {u"https://management.chinacloudapi.cn"_s, management},
            {u"https://%1.dp.kubernetesconfiguration.azure.cn"_s.arg(place), dataPlane},
            {u"https://login.chinacloudapi.cn"_s, login},
            {u"https://%1.login.chinacloudapi.cn"_s.arg(place), login},
            {u"https://login.partner.microsoftonline.cn"_s, login},
            {u"https://mcr.azk8s.cn"_s, images},
        };
        if (connectedCluster)
            endpoints += {{u"https://gbl.his.arc.azure.cn"_s, identity}, {u"https://*.his.arc.azure.cn"_s, identity}};
    } else {
        // Azure's public cloud, and the addresses a private cloud (the sandbox) announces.
        const bool publicCloud = host == u"management.azure.com" || host.isEmpty();
        const QString managementUrl = publicCloud ? u"https://management.azure.com"_s
                                                  : resourceManager.toString(QUrl::RemovePath | QUrl::RemoveQuery);
        endpoints = {{managementUrl, management},
                     {u"https://%1.dp.kubernetesconfiguration.azure.com"_s.arg(place), dataPlane}};
        if (publicCloud || authority.isEmpty() || authority.host() == u"login.microsoftonline.com") {
            endpoints += {{u"https://login.microsoftonline.com"_s, login},
                          {u"https://%1.login.microsoft.com"_s.arg(place), login},
                          {u"https://login.windows.net"_s, login}};
        } else {
            endpoints += {{authority.toString(QUrl::RemovePath | QUrl::RemoveQuery), login}};
        }
        endpoints += {{u"https://mcr.microsoft.com"_s, images}, {u"https://*.data.mcr.microsoft.com"_s, images}};
        if (connectedCluster)
            endpoints += {{u"https://gbl.his.arc.azure.com"_s, identity}, {u"https://*.his.arc.azure.com"_s, identity}};
    }
    return endpoints;
}

PreflightModel::PreflightModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

PreflightModel::~PreflightModel() = default;

void PreflightModel::setChecks(const QList<PreflightCheck> &checks)
{
    const bool sameRows = checks.size() == m_checks.size()
        && std::equal(checks.cbegin(), checks.cend(), m_checks.cbegin(),
                      [](const PreflightCheck &a, const PreflightCheck &b) { return a.id == b.id; });
    if (!sameRows) {
        beginResetModel();
        m_checks = checks;
        endResetModel();
        return;
    }
    m_checks = checks;
    if (!m_checks.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_checks.size()) - 1));
}

bool PreflightModel::update(const PreflightCheck &check)
{
    const int row = rowOf(check.id);
    if (row < 0)
        return false;
    const PreflightCheck &current = m_checks[row];
    if (current.status == check.status && current.title == check.title && current.explanation == check.explanation
        && current.fixLabel == check.fixLabel && current.fixAvailable == check.fixAvailable
        && current.azCommand == check.azCommand)
        return true;   // nothing new: views keep still
    m_checks[row] = check;
    Q_EMIT dataChanged(index(row), index(row));
    return true;
}

void PreflightModel::setFixRunning(const QString &id, bool running)
{
    if (running == m_fixesRunning.contains(id))
        return;
    if (running)
        m_fixesRunning.append(id);
    else
        m_fixesRunning.removeAll(id);
    if (const int row = rowOf(id); row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {FixRunningRole, FixAvailableRole});
}

const PreflightCheck *PreflightModel::check(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_checks[row];
}

int PreflightModel::rowOf(const QString &id) const
{
    for (qsizetype row = 0; row < m_checks.size(); ++row) {
        if (m_checks[row].id == id)
            return int(row);
    }
    return -1;
}

bool PreflightModel::isFixRunning(const QString &id) const
{
    return m_fixesRunning.contains(id);
}

int PreflightModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_checks.size());
}

QVariant PreflightModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const PreflightCheck &check = m_checks[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return check.title;
    case Qt::ToolTipRole:
    case ExplanationRole:
        return check.explanation;
    case Qt::AccessibleTextRole:
        return tr("%1: %2").arg(check.title, PreflightCheck::statusText(check.status));
    case IdRole:
        return check.id;
    case StatusRole:
        return QVariant::fromValue(check.status);
    case StatusTextRole:
        return PreflightCheck::statusText(check.status);
    case FixLabelRole:
        return check.fixLabel;
    case FixAvailableRole:
        return check.fixAvailable && !m_fixesRunning.contains(check.id);
    case FixRunningRole:
        return m_fixesRunning.contains(check.id);
    case AzCommandRole:
        return check.azCommand;
    default:
        return {};
    }
}

QHash<int, QByteArray> PreflightModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "checkId");
    names.insert(TitleRole, "title");
    names.insert(StatusRole, "status");
    names.insert(StatusTextRole, "statusText");
    names.insert(ExplanationRole, "explanation");
    names.insert(FixLabelRole, "fixLabel");
    names.insert(FixAvailableRole, "fixAvailable");
    names.insert(FixRunningRole, "fixRunning");
    names.insert(AzCommandRole, "azCommand");
    return names;
}

} // namespace Fluxdeck::Items
