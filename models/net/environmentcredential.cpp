#include "environmentcredential.h"

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

namespace {

const QStringList Variables = {u"AZURE_TENANT_ID"_s, u"AZURE_CLIENT_ID"_s, u"AZURE_CLIENT_SECRET"_s};

AzureCloudEndpoints withAuthorityHost(AzureCloudEndpoints cloud, const QProcessEnvironment &environment)
{
    const QUrl host(environment.value(u"AZURE_AUTHORITY_HOST"_s));
    if (host.isValid() && host.scheme() == u"https" && !host.host().isEmpty())
        cloud.authority = host;
    return cloud;
}

} // namespace

EnvironmentCredential::EnvironmentCredential(QNetworkAccessManager *network, const AzureCloudEndpoints &cloud,
                                             const QProcessEnvironment &environment, QObject *parent)
    : ClientSecretCredential(network, withAuthorityHost(cloud, environment), environment.value(Variables[0]),
                             environment.value(Variables[1]), environment.value(Variables[2]), parent)
{
    QStringList missing;
    for (const QString &variable : Variables) {
        if (environment.value(variable).trimmed().isEmpty())
            missing.append(variable);
    }
    if (!missing.isEmpty())
        setConfigurationError({tr("Signing in from the environment needs AZURE_TENANT_ID, AZURE_CLIENT_ID and "
                                  "AZURE_CLIENT_SECRET, and these are not set: %1. Set them before starting Fluxdeck, "
                                  "or choose another sign-in method.")
                                   .arg(missing.join(u", "_s)),
                               {}});
    const QString authorityHost = environment.value(u"AZURE_AUTHORITY_HOST"_s);
    if (!authorityHost.isEmpty() && QUrl(authorityHost).scheme() != u"https")
        setConfigurationError({tr("AZURE_AUTHORITY_HOST must be an https:// address; '%1' is not.").arg(authorityHost),
                               {}});
}

bool EnvironmentCredential::isConfigured(const QProcessEnvironment &environment)
{
    for (const QString &variable : Variables) {
        if (environment.value(variable).trimmed().isEmpty())
            return false;
    }
    return true;
}

QString EnvironmentCredential::displayName() const
{
    return tr("service principal %1 (from the environment)").arg(clientId());
}

} // namespace Fluxdeck::Net
