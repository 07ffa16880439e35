#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

namespace Fluxdeck::Net {

// One Azure cloud: where Resource Manager, Microsoft Entra sign-in and Resource Graph live, as
// `az cloud show` describes them. The national clouds are built in; others are registered by
// name and endpoints (like `az cloud register`), and the sandbox describes itself in the JSON
// line it announces.
struct AzureCloudEndpoints
{
    QString name;                  // "AzureCloud", "AzureUSGovernment", "AzureChinaCloud", or a custom name
    QUrl resourceManager;          // https://management.azure.com
    QUrl authority;                // Entra: https://login.microsoftonline.com
    QString armResource;           // the token audience `az account get-access-token --resource` takes
    QUrl resourceGraph;            // Resource Graph is served by Resource Manager in every Azure cloud
    QString defaultTenant = QStringLiteral("organizations");
    // The public client that device code sign-in introduces itself as.
    QString publicClientId;
    // A CA to trust in addition to the system's, for clouds with a private CA (the sandbox).
    QString caCertificatePath;

    // The sandbox also announces a service principal; real clouds leave these empty.
    QString servicePrincipalTenant;
    QString servicePrincipalClientId;
    QString servicePrincipalSecret;

    static AzureCloudEndpoints azureCloud();
    static AzureCloudEndpoints azureUSGovernment();
    static AzureCloudEndpoints azureChinaCloud();
    static QList<AzureCloudEndpoints> builtIn();
    // A built-in cloud by its az name, case-insensitively; an error naming the known clouds otherwise.
    static Domain::Result<AzureCloudEndpoints> builtIn(const QString &name);

    // A cloud registered by hand: HTTPS endpoints only; the audience defaults to the ARM endpoint.
    static Domain::Result<AzureCloudEndpoints> custom(const QString &name, const QUrl &resourceManager,
                                                      const QUrl &authority, const QString &armResource = {},
                                                      const QUrl &resourceGraph = {});
    // `az cloud show --output json` (name, endpoints.resourceManager, endpoints.activeDirectory,
    // endpoints.activeDirectoryResourceId); toJson() writes the same shape, without secrets.
    static Domain::Result<AzureCloudEndpoints> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    // The line fluxdeck-sandbox prints when ready (SandboxServer::announcement()).
    static Domain::Result<AzureCloudEndpoints> fromSandboxAnnouncement(const QJsonObject &announcement);

    // "<ARM endpoint>/.default": the OAuth 2.0 scope of a Resource Manager token.
    QString armScope() const;
    QUrl tokenEndpoint(const QString &tenant) const;
    QUrl deviceCodeEndpoint(const QString &tenant) const;

    // The system's CAs, plus caCertificatePath when set. Verification is never turned off; a CA
    // file that cannot be read is an error rather than a silent fallback.
    Domain::Result<QSslConfiguration> sslConfiguration() const;

    Q_DECLARE_TR_FUNCTIONS(Fluxdeck::Net::AzureCloudEndpoints)
};

} // namespace Fluxdeck::Net
