#include "sandboxserver.h"

#include "armservice.h"
#include "democloud.h"
#include "faultinjector.h"
#include "flux/fluxcontrollers.h"
#include "fluxagent.h"
#include "fluxworkloadsync.h"
#include "git/githost.h"
#include "httpresponse.h"
#include "identityservice.h"
#include "kube/kubeapiservice.h"
#include "kube/kubearmclusters.h"
#include "kube/kubeobjectstore.h"
#include "kube/kubestream.h"
#include "resourcestore.h"
#include "tls/tlsmaterial.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSaveFile>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

// Fixed identities of the sandbox tenant and its service principal; the secret is new per start.
const QString SandboxTenant = u"72f988bf-0000-4fd0-9a1c-5a4d0f1d5a10"_s;
const QString SandboxClient = u"0d4f6a1e-8c3b-4f7e-a2d5-6b9c1e3f5a70"_s;

// Resource Manager's throttling budget per hour, reported the way ARM does.
class RateCounter
{
public:
    int remaining(bool write)
    {
        const qint64 hour = QDateTime::currentSecsSinceEpoch() / 3600;
        if (hour != m_hour) {
            m_hour = hour;
            m_reads = 0;
            m_writes = 0;
        }
        return write ? 1200 - ++m_writes : 12000 - ++m_reads;
    }

private:
    qint64 m_hour = 0;
    int m_reads = 0;
    int m_writes = 0;
};

// A Kubernetes watch or followed log, written as chunks of one HTTP response.
class ResponderSink final : public KubeStreamSink
{
public:
    explicit ResponderSink(std::shared_ptr<QHttpServerResponder> responder)
        : m_responder(std::move(responder))
    {
    }
    void write(const QByteArray &chunk) override { m_responder->writeChunk(chunk); }
    // QtHttpServer refuses an empty last chunk; a newline is whitespace between JSON watch events.
    void finish(const QByteArray &last) override { m_responder->writeEndChunked(last.isEmpty() ? QByteArray("\n") : last); }

private:
    std::shared_ptr<QHttpServerResponder> m_responder;
};

} // namespace

class HttpFront final : public QAbstractHttpServer
{
public:
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &)>;
    explicit HttpFront(Handler handler, QObject *parent)
        : QAbstractHttpServer(parent)
        , m_handler(std::move(handler))
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override
    {
        m_handler(request, responder);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder) override
    {
        responder.write(QHttpServerResponder::StatusCode::NotFound);
    }

private:
    Handler m_handler;
};

struct SandboxServer::Private
{
    Options options;
    std::unique_ptr<QTemporaryDir> temporaryState;
    QString stateDirectory;
    TlsMaterial tls;
    QString clientSecret = randomToken(30);
    ResourceStore store;
    std::unique_ptr<IdentityService> identity;
    std::unique_ptr<ArmService> arm;
    std::unique_ptr<GitHost> git;
    std::unique_ptr<KubeObjectStore> kube;
    std::unique_ptr<FluxControllers> flux;
    std::unique_ptr<KubeApiService> kubeApi;     // after kube: its streams go first
    QSslServer *tcp = nullptr;
    HttpFront *front = nullptr;
    QTimer saveTimer;
    RateCounter rate;
    QUrl baseUrl;
    FaultInjector faults;
    QObject *owner = nullptr;

    QString statePath() const { return stateDirectory + u"/cloud.json"_s; }
    bool isFleet(const QString &clusterId) const
    {
        const auto cluster = store.get(clusterId);
        return cluster && cluster->value(u"__cluster").toObject().value(u"fleet").toBool();
    }
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &responder);
    HttpResponse answer(const HttpRequest &request);
    void deliver(QHttpServerResponder &responder, const HttpResponse &response, const FaultInjector::Decision &fault,
                 quint16 peerPort);
    void abortConnection(quint16 peerPort);
    QSslSocket *socketFor(quint16 peerPort) const;
    void serveKube(const HttpRequest &request, const std::shared_ptr<QHttpServerResponder> &responder,
                   const FaultInjector::Decision &fault, quint16 peerPort);
    HttpResponse control(const HttpRequest &request);
    bool save() const;
};

SandboxServer::SandboxServer(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
}

SandboxServer::~SandboxServer()
{
    if (d->arm)
        flush();
}

Domain::Result<void> SandboxServer::start(const Options &options)
{
    d->options = options;
    if (options.stateDirectory.isEmpty()) {
        d->temporaryState = std::make_unique<QTemporaryDir>();
        if (!d->temporaryState->isValid())
            return Domain::failure(tr("Could not create a temporary directory for the sandbox state."),
                                   d->temporaryState->errorString());
        d->stateDirectory = d->temporaryState->path();
    } else {
        d->stateDirectory = QDir(options.stateDirectory).absolutePath();
        if (!QDir().mkpath(d->stateDirectory))
            return Domain::failure(tr("Could not create the sandbox state directory %1.").arg(d->stateDirectory));
    }

    auto tls = ensureTlsMaterial(d->stateDirectory);
    if (!tls)
        return std::unexpected(tls.error());
    d->tls = *tls;
    d->owner = this;
    auto rules = FaultInjector::parse(options.faults);
    if (!rules)
        return std::unexpected(rules.error());
    d->faults.setRules(*rules, options.seed);

    // Restore the cloud, or create the demo cloud on first start.
    QFile saved(d->statePath());
    if (saved.open(QIODevice::ReadOnly)) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(saved.readAll(), &error);
        if (error.error != QJsonParseError::NoError)
            return Domain::failure(tr("The sandbox state in %1 is damaged; move it away to start afresh.").arg(d->statePath()),
                                   error.errorString());
        d->store.load(document.object());
    } else {
        seedDemoCloud(d->store, SandboxTenant);
        if (options.fleet > 0)
            seedFleet(d->store, SandboxTenant, options.fleet, options.seed);
    }

    d->tcp = new QSslServer(this);
    d->tcp->setSslConfiguration(serverConfiguration(d->tls));
    if (!d->tcp->listen(options.address, options.port))
        return Domain::failure(tr("The sandbox could not listen on %1:%2.").arg(options.address.toString()).arg(options.port),
                               d->tcp->errorString());
    d->baseUrl.setScheme(u"https"_s);
    d->baseUrl.setHost(options.address.toString());
    d->baseUrl.setPort(d->tcp->serverPort());

    d->identity = std::make_unique<IdentityService>(SandboxTenant, SandboxClient, d->clientSecret);
    d->identity->setTokenLifetime(options.tokenLifetime);
    d->identity->setDeviceApprovalDelay(options.deviceApprovalDelay);

    ArmService::Options armOptions;
    armOptions.pageSize = options.pageSize;
    armOptions.operationDuration = options.operationDuration;
    armOptions.registrationDuration = options.registrationDuration;
    armOptions.kubeBaseUrl = d->baseUrl.toString(QUrl::StripTrailingSlash);
    armOptions.caCertificatePem = d->tls.caCertificate.toPem();
    d->arm = std::make_unique<ArmService>(d->store, *d->identity, armOptions);

    // Git repositories (the tutorial-shaped demo first), served read-only under /git/<host>/<path>.
    d->git = std::make_unique<GitHost>(d->stateDirectory);
    if (auto demo = d->git->ensureDemo(); !demo)
        return std::unexpected(demo.error());

    // Each cluster's Kubernetes API, its objects kept in <state>/kubernetes/<key>.json.
    d->kube = std::make_unique<KubeObjectStore>();
    d->kube->setStateDirectory(d->stateDirectory + u"/kubernetes"_s);
    registerArmClusters(d->store, *d->kube);
    // Clusters with microsoft.flux run its controllers in flux-system, from their first use on,
    // and Flux reconciles their fluxConfigurations (fleet clusters stay snapshots until changed).
    FluxControllers::Options fluxOptions;
    fluxOptions.step = options.fluxStep;
    d->flux = std::make_unique<FluxControllers>(*d->kube, *d->git, fluxOptions);
    d->kube->setSeedHook([this](const QString &armId) {
        syncFluxWorkload(d->store, *d->kube, armId);
        if (!d->isFleet(armId))
            syncFluxConfigurations(d->store, *d->kube, armId);
    });
    connect(d->arm.get(), &ArmService::resourceSettled, this, [this](const QString &id, const QString &type, bool) {
        if (type.endsWith(u"/extensions", Qt::CaseInsensitive)) {
            syncFluxWorkload(d->store, *d->kube, clusterOf(id));
            syncFluxConfigurations(d->store, *d->kube, clusterOf(id));
        } else if (type.endsWith(u"/fluxConfigurations", Qt::CaseInsensitive)) {
            syncFluxConfiguration(d->store, *d->kube, id);
        }
    });
    connect(d->flux.get(), &FluxControllers::fluxConfigReported, this,
            [this](const QString &cluster, const QString &namespaceName, const QString &name) {
                if (reportFluxConfiguration(d->store, *d->kube, cluster, namespaceName, name))
                    d->saveTimer.start();
            });
    KubeApiService::Options kubeOptions;
    kubeOptions.bookmarkInterval = options.kubeBookmarkInterval;
    // Also a QObject child, so tests can find it (activeStreams); the unique_ptr decides when it goes.
    d->kubeApi = std::make_unique<KubeApiService>(
        *d->kube, [this](const QString &token) { return d->arm->clusterForKubeToken(token); }, kubeOptions, this);
    d->kubeApi->setClusterRefresher([this] { registerArmClusters(d->store, *d->kube); });
    connect(d->arm.get(), &ArmService::changed, this, [this] { registerArmClusters(d->store, *d->kube); });

    d->saveTimer.setSingleShot(true);
    d->saveTimer.setInterval(300);
    connect(&d->saveTimer, &QTimer::timeout, this, [this] { d->save(); });
    connect(d->arm.get(), &ArmService::changed, &d->saveTimer, qOverload<>(&QTimer::start));

    d->front = new HttpFront([this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        d->dispatch(request, responder);
    }, this);
    if (!d->front->bind(d->tcp))
        return Domain::failure(tr("The sandbox could not serve HTTP on its listener."));
    d->save();

    // The demo clusters' configurations reconcile from the start, as on clusters that run.
    for (const QJsonObject &configuration : d->store.list(QString(), u"Microsoft.KubernetesConfiguration/fluxConfigurations"_s, false)) {
        const QString cluster = clusterOf(configuration.value(u"id").toString());
        if (!d->isFleet(cluster))
            syncFluxConfiguration(d->store, *d->kube, configuration.value(u"id").toString());
    }
    return {};
}

void SandboxServer::Private::dispatch(const QHttpServerRequest &raw, QHttpServerResponder &responder)
{
    const HttpRequest request = HttpRequest::from(raw, baseUrl);
    const quint16 peerPort = raw.remotePort();
    // The control endpoints stay reliable: tests use them to set faults up and tear them down.
    const FaultInjector::Decision fault = request.segments.value(0) == u"sandbox"
        ? FaultInjector::Decision{}
        : faults.decide(request.method, request.path);
    if (request.segments.value(0) == u"k8s") {
        // Kubernetes answers may stream (watch, followed logs): the responder outlives this call.
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        if (fault.latency.count() == 0)
            serveKube(request, held, fault, peerPort);
        else
            QTimer::singleShot(fault.latency, owner, [this, request, held, fault, peerPort] {
                serveKube(request, held, fault, peerPort);
            });
        return;
    }
    if (fault.latency.count() == 0) {
        deliver(responder, answer(request), fault, peerPort);
        return;
    }
    // Delayed: the request is handled when the latency has passed, as a slow server would.
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    QTimer::singleShot(fault.latency, owner, [this, request, held, fault, peerPort] {
        deliver(*held, answer(request), fault, peerPort);
    });
}

HttpResponse SandboxServer::Private::answer(const HttpRequest &request)
{
    HttpResponse response;
    bool fromArm = false;
    if (request.segments.value(0) == u"sandbox") {
        response = control(request);
    } else if (request.segments.value(0) == u"git") {
        const GitSmartHttp::Response served = git->handle(request.method, request.path, request.queryValue(u"service"_s),
                                                          request.body, request.header("content-encoding"));
        response = HttpResponse::text(served.status, served.contentType, served.body);
        for (const auto &[name, value] : served.headers)
            response.withHeader(name, value);
    } else if (auto entra = identity->handle(request)) {
        response = *entra;
    } else {
        fromArm = true;
        response = arm->handle(request);
    }

    const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    response.headers.replaceOrAppend("x-ms-request-id", requestId);
    if (fromArm) {
        const QByteArray correlation = request.header("x-ms-correlation-request-id");
        response.headers.replaceOrAppend("x-ms-correlation-request-id", correlation.isEmpty() ? requestId : correlation);
        const QByteArray client = request.header("x-ms-client-request-id");
        if (!client.isEmpty())
            response.headers.replaceOrAppend("x-ms-client-request-id", client);
        const bool write = request.method != "GET" && request.method != "HEAD";
        response.headers.replaceOrAppend(write ? "x-ms-ratelimit-remaining-subscription-writes"
                                               : "x-ms-ratelimit-remaining-subscription-reads",
                                         QByteArray::number(rate.remaining(write)));
    }
    response.headers.replaceOrAppend("Cache-Control", "no-cache");
    return response;
}

void SandboxServer::Private::deliver(QHttpServerResponder &responder, const HttpResponse &original,
                                     const FaultInjector::Decision &fault, quint16 peerPort)
{
    using Kind = FaultInjector::Kind;
    HttpResponse response = original;
    if (fault.failure == Kind::Throttle) {
        response = HttpResponse::armError(429, u"TooManyRequests"_s,
                                          u"The request was throttled: too many requests in a short time. Retry after "
                                          "%1 seconds."_s.arg(fault.argument));
        response.withHeader("Retry-After", QByteArray::number(fault.argument));
        response.withHeader("x-ms-ratelimit-remaining-subscription-reads", "0");
    } else if (fault.failure == Kind::Error500) {
        response = HttpResponse::armError(500, u"InternalServerError"_s,
                                          u"Encountered internal server error. Please try again."_s);
    } else if (fault.failure == Kind::Error503) {
        response = HttpResponse::armError(503, u"ServiceUnavailable"_s,
                                          u"The service is temporarily unavailable. Please try again later."_s);
        response.withHeader("Retry-After", QByteArray::number(fault.argument));
    } else if (fault.failure == Kind::Reset) {
        // No answer at all: the connection just drops, as a reset middlebox does.
        abortConnection(peerPort);
        return;
    }

    const auto status = static_cast<QHttpServerResponder::StatusCode>(response.status);
    if (fault.failure == Kind::Truncate && response.body.size() > 1) {
        response.headers.removeAll(QHttpHeaders::WellKnownHeader::ContentLength);
        responder.writeBeginChunked(response.headers, status);
        responder.writeChunk(response.body.left(response.body.size() / 2));
        // The half that was written must reach the client before the connection drops.
        if (QSslSocket *socket = socketFor(peerPort)) {
            QPointer<QSslSocket> alive(socket);
            const auto dropWhenSent = [alive] {
                if (alive && alive->bytesToWrite() == 0 && alive->encryptedBytesToWrite() == 0)
                    alive->abort();
            };
            QObject::connect(socket, &QSslSocket::encryptedBytesWritten, socket, dropWhenSent);
            QTimer::singleShot(0, socket, [alive, dropWhenSent] {
                if (alive)
                    alive->flush();
                dropWhenSent();
            });
            QTimer::singleShot(2000, socket, [alive] {
                if (alive)
                    alive->abort();
            });
        } else {
            abortConnection(peerPort);
        }
        return;
    }
    if (fault.failure == Kind::Slow && response.body.size() > 1) {
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        held->writeBeginChunked(response.headers, status);
        constexpr int pieces = 4;
        const qsizetype size = (response.body.size() + pieces - 1) / pieces;
        for (int i = 0; i < pieces; ++i) {
            const QByteArray piece = response.body.mid(i * size, size);
            QTimer::singleShot(std::chrono::milliseconds(fault.argument * (i + 1) / pieces), owner, [held, piece, i] {
                if (i == pieces - 1)
                    held->writeEndChunked(piece);
                else
                    held->writeChunk(piece);
            });
        }
        return;
    }
    responder.write(response.body, response.headers, status);
}

void SandboxServer::Private::abortConnection(quint16 peerPort)
{
    QList<QSslSocket *> sockets = tcp->findChildren<QSslSocket *>();
    sockets += front->findChildren<QSslSocket *>();
    for (QSslSocket *socket : std::as_const(sockets)) {
        if (socket->peerPort() == peerPort)
            QMetaObject::invokeMethod(socket, &QAbstractSocket::abort, Qt::QueuedConnection);
    }
}

QSslSocket *SandboxServer::Private::socketFor(quint16 peerPort) const
{
    QList<QSslSocket *> sockets = tcp->findChildren<QSslSocket *>();
    sockets += front->findChildren<QSslSocket *>();
    for (QSslSocket *socket : std::as_const(sockets)) {
        if (socket->peerPort() == peerPort)
            return socket;
    }
    return nullptr;
}

void SandboxServer::Private::serveKube(const HttpRequest &request, const std::shared_ptr<QHttpServerResponder> &responder,
                                       const FaultInjector::Decision &fault, quint16 peerPort)
{
    KubeApiService::Reply reply = kubeApi->handle(request);
    if (!reply.stream) {
        deliver(*responder, reply.response, fault, peerPort);
        return;
    }
    // The stream holds the responder (through its sink) until it ends or the client goes away;
    // the socket stays alive as long as the responder does, so watching it is safe.
    responder->writeBeginChunked(reply.response.headers,
                                 static_cast<QHttpServerResponder::StatusCode>(reply.response.status));
    QSslSocket *socket = socketFor(peerPort);
    if (socket)
        QObject::connect(socket, &QAbstractSocket::disconnected, reply.stream, &KubeStream::cancel);
    reply.stream->attach(std::make_shared<ResponderSink>(responder));
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        reply.stream->cancel();
}

HttpResponse SandboxServer::Private::control(const HttpRequest &request)
{
    const QStringList &s = request.segments;
    if (s.size() == 2 && s[1] == u"healthz")
        return HttpResponse::text(200, "text/plain", "ok");
    // Everything else changes the cloud: only whoever holds the sandbox's secret may.
    if (request.header("x-sandbox-key") != clientSecret.toUtf8())
        return HttpResponse::armError(401, u"AuthenticationFailed"_s,
                                      u"Sandbox control needs the X-Sandbox-Key header (the clientSecret it printed)."_s);
    if (s.size() == 3 && s[1] == u"devicecode" && s[2] == u"approve" && request.method == "POST") {
        const QString code = QJsonDocument::fromJson(request.body).object().value(u"user_code").toString();
        return identity->approveDeviceCode(code)
            ? HttpResponse::empty(204)
            : HttpResponse::armError(404, u"NotFound"_s, u"No pending device code '%1'."_s.arg(code));
    }
    if (s.size() == 2 && s[1] == u"faults" && request.method == "PUT") {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        auto rules = FaultInjector::parse(body.value(u"spec").toString());
        if (!rules)
            return HttpResponse::armError(400, u"InvalidFaultSpec"_s, rules.error().message);
        faults.setRules(*rules, quint32(body.value(u"seed").toInt(int(options.seed))));
        return HttpResponse::empty(204);
    }
    if (s.size() == 3 && s[1] == u"tokens" && s[2] == u"expire" && request.method == "POST") {
        identity->expireAllAccessTokens();
        return HttpResponse::empty(204);
    }
    return HttpResponse::armError(404, u"NotFound"_s, u"Unknown sandbox control endpoint '%1'."_s.arg(request.path));
}

bool SandboxServer::Private::save() const
{
    QSaveFile file(statePath());
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(store.save()).toJson(QJsonDocument::Compact));
    return file.commit();
}

void SandboxServer::flush()
{
    d->saveTimer.stop();
    d->save();
    if (d->kube)
        d->kube->flush();
}

QUrl SandboxServer::baseUrl() const
{
    return d->baseUrl;
}

QString SandboxServer::tenantId() const
{
    return SandboxTenant;
}

QString SandboxServer::clientId() const
{
    return SandboxClient;
}

QString SandboxServer::clientSecret() const
{
    return d->clientSecret;
}

QString SandboxServer::caCertificatePath() const
{
    return d->tls.caCertificatePath;
}

QStringList SandboxServer::subscriptionIds() const
{
    QStringList ids;
    for (const auto &subscription : d->store.subscriptions())
        ids.append(subscription.id);
    return ids;
}

QJsonObject SandboxServer::announcement() const
{
    const QString base = d->baseUrl.toString(QUrl::StripTrailingSlash);
    return QJsonObject{
        {u"armEndpoint"_s, base},
        {u"authority"_s, base},
        {u"resourceGraphEndpoint"_s, base},
        {u"tenantId"_s, SandboxTenant},
        {u"clientId"_s, SandboxClient},
        {u"clientSecret"_s, d->clientSecret},
        {u"subscriptions"_s, QJsonArray::fromStringList(subscriptionIds())},
        {u"caCertificate"_s, d->tls.caCertificatePath},
        {u"gitInsteadOf"_s, [this] {
             // url.<key>.insteadOf <value>: how Git clients reach the hosted repositories.
             QJsonObject rewrites;
             const QMap<QString, QString> map = d->git->insteadOf(d->baseUrl);
             for (auto it = map.cbegin(); it != map.cend(); ++it)
                 rewrites.insert(it.key(), it.value());
             return rewrites;
         }()},
        {u"stateDirectory"_s, d->stateDirectory},
    };
}

ResourceStore &SandboxServer::store()
{
    return d->store;
}

IdentityService &SandboxServer::identity()
{
    return *d->identity;
}

KubeObjectStore &SandboxServer::kubernetes()
{
    return *d->kube;
}

FluxControllers &SandboxServer::flux()
{
    return *d->flux;
}

} // namespace Fluxdeck::Sandbox
