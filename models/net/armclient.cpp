#include "armclient.h"

#include "armapiversions.h"
#include "armclientcontext.h"
#include "clientidentity.h"

#include <QHttpHeaders>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

Domain::Result<ArmClient::Options> ArmClient::Options::forCloud(const AzureCloudEndpoints &cloud)
{
    const auto ssl = cloud.sslConfiguration();
    if (!ssl)
        return std::unexpected(ssl.error());
    Options options;
    options.resourceManager = cloud.resourceManager;
    options.resourceGraph = cloud.resourceGraph;
    options.ssl = *ssl;
    return options;
}

ArmClient::ArmClient(QNetworkAccessManager *network, TokenCredential *credential, const Options &options,
                     QObject *parent)
    : QObject(parent)
    , m_context(std::make_shared<ArmClientContext>(network, credential, options))
{
    Options &own = m_context->options;
    if (own.resourceGraph.isEmpty())
        own.resourceGraph = own.resourceManager;
    QNetworkRequestFactory &factory = m_context->factory;
    factory.setSslConfiguration(own.ssl);
    factory.setTransferTimeout(own.transferTimeout);
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::UserAgent, userAgent());
    headers.append(QHttpHeaders::WellKnownHeader::Accept, "application/json");
    factory.setCommonHeaders(headers);
}

ArmClient::~ArmClient() = default;

const ArmClient::Options &ArmClient::options() const
{
    return m_context->options;
}

void ArmClient::setCredential(TokenCredential *credential)
{
    // Running replies keep the context they started with; a new one carries the new credential.
    auto next = std::make_shared<ArmClientContext>(m_context->rest.networkAccessManager(), credential,
                                                   m_context->options);
    next->factory = m_context->factory;
    m_context = std::move(next);
}

Domain::Result<QUrl> ArmClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url;
    if (path.startsWith(u"https://") || path.startsWith(u"http://")) {
        url = QUrl(path);
    } else {
        const QString resource = path.section(u'?', 0, 0);
        url = m_context->options.resourceManager;
        QString base = url.path();
        while (base.endsWith(u'/'))
            base.chop(1);
        url.setPath(base + (resource.startsWith(u'/') ? resource : u'/' + resource));
        if (path.contains(u'?'))
            url.setQuery(path.section(u'?', 1));
    }
    QUrlQuery merged(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        merged.removeAllQueryItems(key);
        merged.addQueryItem(key, value);
    }
    if (!merged.hasQueryItem(u"api-version"_s)) {
        const QString version = armApiVersion(url.path());
        if (version.isEmpty())
            return Domain::failure(ArmError::tr("Fluxdeck knows no api-version for %1.").arg(url.path()));
        merged.addQueryItem(u"api-version"_s, version);
    }
    url.setQuery(merged);
    return url;
}

std::unique_ptr<ArmReply> ArmClient::start(const ArmCall &call)
{
    std::unique_ptr<ArmReply> reply(new ArmReply(m_context, call));
    reply->start();
    return reply;
}

namespace {

ArmCall makeCall(ArmCall::Mode mode, const QByteArray &method, const QString &path,
                 const Domain::Result<QUrl> &url, bool retryable)
{
    ArmCall call;
    call.mode = mode;
    call.method = method;
    call.resource = path.section(u'?', 0, 0);
    call.retryable = retryable;
    if (url) {
        call.url = *url;
    } else {
        ArmError error = ArmError::fromHttp(method, call.resource, 0, {});
        error.kind = ArmError::Kind::Invalid;
        error.message = url.error().message;
        call.error = error;
    }
    return call;
}

} // namespace

std::unique_ptr<ArmReply> ArmClient::get(const QString &path, const QUrlQuery &query)
{
    return start(makeCall(ArmCall::Mode::Single, "GET", path, urlFor(path, query), true));
}

std::unique_ptr<ArmReply> ArmClient::list(const QString &path, const QUrlQuery &query)
{
    return start(makeCall(ArmCall::Mode::List, "GET", path, urlFor(path, query), true));
}

std::unique_ptr<ArmReply> ArmClient::put(const QString &path, const QJsonObject &body)
{
    ArmCall call = makeCall(ArmCall::Mode::LongRunning, "PUT", path, urlFor(path, {}), true);
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return start(call);
}

std::unique_ptr<ArmReply> ArmClient::patch(const QString &path, const QJsonObject &body)
{
    // A PATCH may merge differently the second time: never repeated.
    ArmCall call = makeCall(ArmCall::Mode::LongRunning, "PATCH", path, urlFor(path, {}), false);
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return start(call);
}

std::unique_ptr<ArmReply> ArmClient::remove(const QString &path, const QUrlQuery &query)
{
    return start(makeCall(ArmCall::Mode::LongRunning, "DELETE", path, urlFor(path, query), true));
}

std::unique_ptr<ArmReply> ArmClient::post(const QString &path, const QJsonObject &body, const QByteArray &operationId)
{
    ArmCall call = makeCall(ArmCall::Mode::LongRunning, "POST", path, urlFor(path, {}), !operationId.isEmpty());
    call.body = body.isEmpty() ? QByteArray("{}") : QJsonDocument(body).toJson(QJsonDocument::Compact);
    call.operationId = operationId;
    return start(call);
}

std::unique_ptr<ArmReply> ArmClient::queryResourceGraph(const QString &query, const QStringList &subscriptions,
                                                        int pageSize)
{
    const QString path = u"/providers/Microsoft.ResourceGraph/resources"_s;
    QUrl url = m_context->options.resourceGraph;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(u"api-version="_s + armApiVersion(path));
    ArmCall call = makeCall(ArmCall::Mode::Query, "POST", path, url, true);
    call.query = QJsonObject{
        {u"subscriptions"_s, QJsonArray::fromStringList(subscriptions)},
        {u"query"_s, query},
        {u"options"_s, QJsonObject{{u"$top"_s, std::clamp(pageSize, 1, 1000)}, {u"resultFormat"_s, u"objectArray"_s}}},
    };
    call.body = QJsonDocument(call.query).toJson(QJsonDocument::Compact);
    // A query reads and changes nothing; the id lets it be repeated after a dropped connection.
    call.operationId = newClientRequestId();
    return start(call);
}

} // namespace Fluxdeck::Net
