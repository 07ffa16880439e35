#pragma once

#include "clouds.h"
#include "tokencredential.h"

#include <memory>

class QNetworkAccessManager;

namespace Fluxdeck::Net {

class EntraClient;

// A service principal signing in with its secret: the OAuth 2.0 client credentials grant at
// {authority}/{tenant}/oauth2/v2.0/token, for the cloud's Resource Manager scope.
class ClientSecretCredential : public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientSecretCredential)

public:
    ClientSecretCredential(QNetworkAccessManager *network, const AzureCloudEndpoints &cloud, const QString &tenantId,
                           const QString &clientId, const QString &clientSecret, QObject *parent = nullptr);
    ~ClientSecretCredential() override;

    QString displayName() const override;
    QString tenantId() const { return m_tenantId; }
    QString clientId() const { return m_clientId; }

protected:
    void acquire(Freshness freshness) override;
    void abort() override;
    // Set by subclasses whose configuration is incomplete: acquire() then reports it.
    void setConfigurationError(const Domain::Error &error) { m_configurationError = error; }

private:
    AzureCloudEndpoints m_cloud;
    QString m_tenantId;
    QString m_clientId;
    QString m_clientSecret;
    std::optional<Domain::Error> m_configurationError;
    std::unique_ptr<EntraClient> m_entra;
};

} // namespace Fluxdeck::Net
