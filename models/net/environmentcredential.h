#pragma once

#include "clientsecretcredential.h"

#include <QProcessEnvironment>

namespace Fluxdeck::Net {

// The service principal named by AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, as
// the Azure SDKs' EnvironmentCredential reads them (AZURE_AUTHORITY_HOST, when set, replaces the
// cloud's sign-in endpoint). Missing variables are reported by name when a token is asked for.
class EnvironmentCredential final : public ClientSecretCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentCredential)

public:
    EnvironmentCredential(QNetworkAccessManager *network, const AzureCloudEndpoints &cloud,
                          const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                          QObject *parent = nullptr);

    // Whether the three variables are all set.
    static bool isConfigured(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    QString displayName() const override;
};

} // namespace Fluxdeck::Net
