#include "clouds.h"

#include <QFileInfo>
#include <QJsonValue>
#include <QSslCertificate>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

namespace {

// The Azure CLI's public client id: the one device code sign-in uses until Fluxdeck has its own
// application registration in each cloud.
const QString AzureCliClientId = u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s;

QUrl withoutTrailingSlash(QUrl url)
{
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}

AzureCloudEndpoints national(const QString &name, const QString &arm, const QString &login, const QString &audience)
{
    AzureCloudEndpoints cloud;
    cloud.name = name;
    cloud.resourceManager = QUrl(arm);
    cloud.authority = QUrl(login);
    cloud.armResource = audience;
    cloud.resourceGraph = cloud.resourceManager;
    cloud.publicClientId = AzureCliClientId;
    return cloud;
}

// An endpoint must be an absolute https:// URL: tokens travel to it.
Domain::Result<QUrl> checkedEndpoint(const QUrl &url, const QString &what)
{
    if (!url.isValid() || url.scheme() != u"https" || url.host().isEmpty() || url.hasQuery() || url.hasFragment())
        return Domain::failure(AzureCloudEndpoints::tr("The %1 endpoint must be an https:// address without query, "
                                                       "such as https://management.azure.com; '%2' is not.")
                                   .arg(what, url.toDisplayString()));
    return withoutTrailingSlash(url);
}

QUrl endpointPath(const QUrl &authority, const QString &tenant, const QString &leaf)
{
    QUrl url = withoutTrailingSlash(authority);
    url.setPath(url.path() + u'/' + tenant + u"/oauth2/v2.0/"_s + leaf);
    return url;
}

} // namespace

AzureCloudEndpoints AzureCloudEndpoints::azureCloud()
{
    return national(u"AzureCloud"_s, u"https://management.azure.com"_s, u"https://login.microsoftonline.com"_s,
                    u"https://management.core.windows.net/"_s);
}

AzureCloudEndpoints AzureCloudEndpoints::azureUSGovernment()
{
    return national(u"AzureUSGovernment"_s, u"https://management.usgovcloudapi.net"_s,
                    u"https://login.microsoftonline.us"_s, u"https://management.core.usgovcloudapi.net/"_s);
}

AzureCloudEndpoints AzureCloudEndpoints::azureChinaCloud()
{
    return national(u"AzureChinaCloud"_s, u"https://management.chinacloudapi.cn"_s, u"https://login.chinacloudapi.cn"_s,
                    u"https://management.core.chinacloudapi.cn/"_s);
}

QList<AzureCloudEndpoints> AzureCloudEndpoints::builtIn()
{
    return {azureCloud(), azureUSGovernment(), azureChinaCloud()};
}

Domain::Result<AzureCloudEndpoints> AzureCloudEndpoints::builtIn(const QString &name)
{
    QStringList names;
    for (const AzureCloudEndpoints &cloud : builtIn()) {
        if (cloud.name.compare(name, Qt::CaseInsensitive) == 0)
            return cloud;
        names.append(cloud.name);
    }
    return Domain::failure(tr("There is no built-in cloud named '%1'. The built-in clouds are %2; register other "
                              "clouds with their endpoints.")
                               .arg(name, names.join(u", "_s)));
}

Domain::Result<AzureCloudEndpoints> AzureCloudEndpoints::custom(const QString &name, const QUrl &resourceManager,
                                                                 const QUrl &authority, const QString &armResource,
                                                                 const QUrl &resourceGraph)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Domain::failure(tr("A cloud needs a name."));
    for (const AzureCloudEndpoints &known : builtIn()) {
        if (known.name.compare(trimmed, Qt::CaseInsensitive) == 0)
            return Domain::failure(
                tr("'%1' is a built-in cloud; choose another name for a custom cloud.").arg(trimmed));
    }
    const auto arm = checkedEndpoint(resourceManager, tr("Resource Manager"));
    if (!arm)
        return std::unexpected(arm.error());
    const auto login = checkedEndpoint(authority, tr("Microsoft Entra"));
    if (!login)
        return std::unexpected(login.error());
    QUrl graph = *arm;
    if (!resourceGraph.isEmpty()) {
        const auto checked = checkedEndpoint(resourceGraph, tr("Resource Graph"));
        if (!checked)
            return std::unexpected(checked.error());
        graph = *checked;
    }
    AzureCloudEndpoints cloud;
    cloud.name = trimmed;
    cloud.resourceManager = *arm;
    cloud.authority = *login;
    cloud.armResource = armResource.isEmpty() ? arm->toString() : armResource;
    cloud.resourceGraph = graph;
    cloud.publicClientId = AzureCliClientId;
    return cloud;
}

Domain::Result<AzureCloudEndpoints> AzureCloudEndpoints::fromJson(const QJsonObject &json)
{
    const QString name = json.value(u"name").toString();
    const QJsonObject endpoints = json.value(u"endpoints").toObject();
    for (const AzureCloudEndpoints &known : builtIn()) {
        if (known.name.compare(name, Qt::CaseInsensitive) == 0)
            return known;
    }
    auto cloud = custom(name, QUrl(endpoints.value(u"resourceManager").toString()),
                        QUrl(endpoints.value(u"activeDirectory").toString()),
                        endpoints.value(u"activeDirectoryResourceId").toString(),
                        QUrl(endpoints.value(u"resourceGraph").toString()));
    if (cloud) {
        cloud->caCertificatePath = json.value(u"caCertificate").toString();
        const QString tenant = json.value(u"defaultTenant").toString();
        if (!tenant.isEmpty())
            cloud->defaultTenant = tenant;
        const QString client = json.value(u"publicClientId").toString();
        if (!client.isEmpty())
            cloud->publicClientId = client;
    }
    return cloud;
}

QJsonObject AzureCloudEndpoints::toJson() const
{
    QJsonObject json{
        {u"name"_s, name},
        {u"endpoints"_s, QJsonObject{
             {u"resourceManager"_s, resourceManager.toString()},
             {u"activeDirectory"_s, authority.toString()},
             {u"activeDirectoryResourceId"_s, armResource},
             {u"resourceGraph"_s, resourceGraph.toString()},
         }},
        {u"defaultTenant"_s, defaultTenant},
        {u"publicClientId"_s, publicClientId},
    };
    if (!caCertificatePath.isEmpty())
        json.insert(u"caCertificate"_s, caCertificatePath);
    return json;
}

Domain::Result<AzureCloudEndpoints> AzureCloudEndpoints::fromSandboxAnnouncement(const QJsonObject &announcement)
{
    const auto field = [&](const char *key) { return announcement.value(QLatin1StringView(key)).toString(); };
    const auto arm = checkedEndpoint(QUrl(field("armEndpoint")), tr("Resource Manager"));
    if (!arm)
        return std::unexpected(arm.error());
    const auto login = checkedEndpoint(QUrl(field("authority")), tr("Microsoft Entra"));
    if (!login)
        return std::unexpected(login.error());
    QUrl graph = *arm;
    if (!field("resourceGraphEndpoint").isEmpty()) {
        const auto checked = checkedEndpoint(QUrl(field("resourceGraphEndpoint")), tr("Resource Graph"));
        if (!checked)
            return std::unexpected(checked.error());
        graph = *checked;
    }
    if (field("tenantId").isEmpty() || field("clientId").isEmpty())
        return Domain::failure(tr("The sandbox's announcement lacks its tenant or client id."));
    if (field("caCertificate").isEmpty() || !QFileInfo::exists(field("caCertificate")))
        return Domain::failure(tr("The sandbox's CA certificate '%1' does not exist.").arg(field("caCertificate")));

    AzureCloudEndpoints cloud;
    cloud.name = u"Sandbox"_s;
    cloud.resourceManager = *arm;
    cloud.authority = *login;
    cloud.armResource = arm->toString();
    cloud.resourceGraph = graph;
    cloud.defaultTenant = field("tenantId");
    cloud.publicClientId = field("clientId");
    cloud.caCertificatePath = field("caCertificate");
    cloud.servicePrincipalTenant = field("tenantId");
    cloud.servicePrincipalClientId = field("clientId");
    cloud.servicePrincipalSecret = field("clientSecret");
    return cloud;
}

QString AzureCloudEndpoints::armScope() const
{
    return withoutTrailingSlash(resourceManager).toString() + u"/.default"_s;
}

QUrl AzureCloudEndpoints::tokenEndpoint(const QString &tenant) const
{
    return endpointPath(authority, tenant, u"token"_s);
}

QUrl AzureCloudEndpoints::deviceCodeEndpoint(const QString &tenant) const
{
    return endpointPath(authority, tenant, u"devicecode"_s);
}

Domain::Result<QSslConfiguration> AzureCloudEndpoints::sslConfiguration() const
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (caCertificatePath.isEmpty())
        return ssl;
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(caCertificatePath, QSsl::Pem);
    if (certificates.isEmpty())
        return Domain::failure(tr("The CA certificate of cloud '%1' could not be read from %2. Check that the file "
                                  "exists and holds a PEM certificate.")
                                   .arg(name, caCertificatePath));
    ssl.addCaCertificates(certificates);
    return ssl;
}

} // namespace Fluxdeck::Net
