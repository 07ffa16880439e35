#pragma once

#include "armreply.h"
#include "clouds.h"

#include <QObject>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <memory>

class QNetworkAccessManager;

namespace Fluxdeck::Net {

class TokenCredential;

// Azure Resource Manager over QtNetwork, for real Azure and the sandbox alike. Every call gets
// the api-version of its resource type (armapiversions.h), a bearer token from the credential
// (refreshed once after a 401), User-Agent and x-ms-client-request-id, and is retried with
// exponential back-off and jitter on 429, 500, 502, 503, 504 and dropped connections, honouring
// Retry-After; only idempotent calls are retried (GET, PUT, DELETE, and a POST carrying an
// operation id). Lists follow nextLink to the end; writes wait for their long-running
// operation (Azure-AsyncOperation, else Location, else provisioningState). Nothing blocks.
class ArmClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArmClient)

public:
    struct Options
    {
        QUrl resourceManager;
        QUrl resourceGraph;   // empty: resourceManager
        // The system's CAs by default; a private cloud's CA is added to them, never replacing them.
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        int maxRetries = 4;
        std::chrono::milliseconds retryDelay{800};          // the first back-off; doubles each time
        std::chrono::milliseconds maxRetryDelay{60000};     // a longer Retry-After is reported, not waited out
        std::chrono::milliseconds pollInterval{10000};      // when an operation names no Retry-After
        std::chrono::milliseconds transferTimeout{120000};  // without a byte moving

        static Domain::Result<Options> forCloud(const AzureCloudEndpoints &cloud);
    };

    ArmClient(QNetworkAccessManager *network, TokenCredential *credential, const Options &options,
              QObject *parent = nullptr);
    ~ArmClient() override;

    const Options &options() const;
    // Calls started afterwards use this credential.
    void setCredential(TokenCredential *credential);

    // `path` is a resource id or collection path ("/subscriptions/…"), or a full URL on the
    // cloud's Resource Manager; `query` adds parameters (an api-version given there wins).
    std::unique_ptr<ArmReply> get(const QString &path, const QUrlQuery &query = {});
    std::unique_ptr<ArmReply> list(const QString &path, const QUrlQuery &query = {});
    std::unique_ptr<ArmReply> put(const QString &path, const QJsonObject &body);
    std::unique_ptr<ArmReply> patch(const QString &path, const QJsonObject &body);
    std::unique_ptr<ArmReply> remove(const QString &path, const QUrlQuery &query = {});
    // An action. It is retried only with an operationId, sent as Repeatability-Request-ID so
    // that Azure can tell a repeat from a second request.
    std::unique_ptr<ArmReply> post(const QString &path, const QJsonObject &body = {},
                                   const QByteArray &operationId = {});
    // A Resource Graph query over these subscriptions, every page ($top = pageSize, then
    // $skipToken) gathered in ArmResponse::values.
    std::unique_ptr<ArmReply> queryResourceGraph(const QString &query, const QStringList &subscriptions,
                                                 int pageSize = 1000);

private:
    std::unique_ptr<ArmReply> start(const ArmCall &call);
    Domain::Result<QUrl> urlFor(const QString &path, const QUrlQuery &query) const;

    std::shared_ptr<ArmClientContext> m_context;
};

} // namespace Fluxdeck::Net
