#include "clientsecretcredential.h"

#include "entraclient.h"

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

ClientSecretCredential::ClientSecretCredential(QNetworkAccessManager *network, const AzureCloudEndpoints &cloud,
                                               const QString &tenantId, const QString &clientId,
                                               const QString &clientSecret, QObject *parent)
    : TokenCredential(parent)
    , m_cloud(cloud)
    , m_tenantId(tenantId)
    , m_clientId(clientId)
    , m_clientSecret(clientSecret)
{
    const auto ssl = cloud.sslConfiguration();
    if (!ssl)
        m_configurationError = ssl.error();
    m_entra = std::make_unique<EntraClient>(network, ssl.value_or(QSslConfiguration::defaultConfiguration()));
}

ClientSecretCredential::~ClientSecretCredential() = default;

QString ClientSecretCredential::displayName() const
{
    return tr("service principal %1").arg(m_clientId);
}

void ClientSecretCredential::acquire(Freshness)
{
    if (m_configurationError) {
        complete(std::unexpected(*m_configurationError));
        return;
    }
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
    form.addQueryItem(u"client_id"_s, m_clientId);
    form.addQueryItem(u"client_secret"_s, m_clientSecret);
    form.addQueryItem(u"scope"_s, m_cloud.armScope());
    m_entra->post(m_cloud.tokenEndpoint(m_tenantId), form, this, [this](const EntraClient::Reply &reply) {
        const auto token = EntraClient::token(reply, displayName());
        if (!token)
            complete(std::unexpected(token.error()));
        else
            complete(token->accessToken);
    });
}

void ClientSecretCredential::abort()
{
    m_entra->abort();
}

} // namespace Fluxdeck::Net
