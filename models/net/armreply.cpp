#include "armreply.h"

#include "armclientcontext.h"
#include "clientidentity.h"
#include "pendingreply.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QMetaEnum>
#include <QRandomGenerator>
#include <QTimer>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

namespace {

bool terminal(QStringView status)
{
    for (const QStringView end : {u"Succeeded", u"Failed", u"Canceled", u"Cancelled"}) {
        if (status.compare(end, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isSuccess(QStringView status)
{
    return status.compare(u"Succeeded", Qt::CaseInsensitive) == 0;
}

QString provisioningState(const QJsonObject &resource)
{
    return resource.value(u"properties").toObject().value(u"provisioningState").toString();
}

bool transientStatus(int status)
{
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

// Errors of the connection itself (QNetworkReply's 1–99) and broken framing, as opposed to the
// HTTP statuses QNetworkReply also reports as errors.
bool transportError(QNetworkReply::NetworkError error)
{
    return (error >= QNetworkReply::ConnectionRefusedError && error <= QNetworkReply::UnknownNetworkError)
        || error == QNetworkReply::ProtocolFailure;
}

// Retry-After in seconds or as an HTTP date; Azure's retry-after-ms and x-ms-retry-after-ms first.
std::optional<std::chrono::milliseconds> retryAfterOf(const QNetworkReply *reply)
{
    for (const char *name : {"retry-after-ms", "x-ms-retry-after-ms"}) {
        bool ok = false;
        const qint64 ms = reply->rawHeader(name).trimmed().toLongLong(&ok);
        if (ok && ms >= 0)
            return std::chrono::milliseconds(ms);
    }
    const QByteArray value = reply->rawHeader("retry-after").trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok && seconds >= 0)
        return std::chrono::seconds(seconds);
    const QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(value), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (when.isValid()) {
        QDateTime utc = when;
        utc.setTimeZone(QTimeZone::UTC);
        return std::chrono::milliseconds(std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(utc)));
    }
    return std::nullopt;
}

QByteArray httpDate(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

} // namespace

struct ArmReply::Private
{
    enum class Poll { None, AsyncOperation, Location, ProvisioningState, FinalGet };

    // One HTTP exchange and its retries.
    struct Exchange
    {
        QByteArray method;
        QUrl url;
        QByteArray body;
        bool retryable = false;
        QByteArray operationId;
        QByteArray clientRequestId = newClientRequestId();
        QDateTime firstSent;
    };

    // What one HTTP answer said, read before its QNetworkReply goes.
    struct Answer
    {
        int status = 0;
        QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
        QString errorString;
        QByteArray body;
        std::optional<qint64> contentLength;
        std::optional<std::chrono::milliseconds> retryAfter;
        QUrl asyncOperation;
        QUrl location;
    };

    ArmReply *q = nullptr;
    std::shared_ptr<ArmClientContext> context;
    ArmCall call;
    QByteArray correlationId = newClientRequestId();

    Exchange exchange;
    int exchangeAttempts = 0;
    int totalAttempts = 0;
    bool refreshedAfter401 = false;
    std::unique_ptr<TokenRequest> token;
    PendingReply network;
    QTimer timer;

    ArmResponse response;
    Poll poll = Poll::None;
    QUrl pollUrl;
    QUrl resultLocation;   // where a POST's result is read once its operation succeeded
    QString lastStatus;
    std::optional<ArmResult> result;

    void send(Exchange next);
    void requestToken(TokenCredential::Freshness freshness);
    void transmit(const QByteArray &bearer);
    void answered();
    void handle(const Answer &answer);
    void succeeded(const Answer &answer, const QJsonObject &json);
    void startPolling(const Answer &answer, const QJsonObject &json);
    void polled(const Answer &answer, const QJsonObject &json);
    void reread(const QUrl &url);
    void schedulePoll(std::optional<std::chrono::milliseconds> retryAfter);
    void retryOrFail(ArmError error, bool transient, std::optional<std::chrono::milliseconds> retryAfter);
    void fail(ArmError error);
    void finish(ArmResult outcome);
    bool allowedHost(const QUrl &url) const;
    ArmError truncated(const Answer &answer, const QString &detail) const;

    // Slots may cancel or even delete the reply: each signal returns whether to carry on.
    bool emitStatus(const QString &status);
    bool emitPage();
    bool emitRetrying(qint64 delayMs, const QString &reason);
    bool stillRunning(const QPointer<ArmReply> &guard) const { return guard && !result; }
};

ArmReply::ArmReply(std::shared_ptr<ArmClientContext> context, const ArmCall &call)
    : d(std::make_unique<Private>())
{
    d->q = this;
    d->context = std::move(context);
    d->call = call;
    d->timer.setSingleShot(true);
}

ArmReply::~ArmReply()
{
    d->timer.stop();
    d->network.reset();
    d->token.reset();
}

void ArmReply::start()
{
    // Everything starts from the event loop, so finished() never comes from inside ArmClient.
    QMetaObject::invokeMethod(this, [this] {
        if (d->call.error) {
            d->fail(*d->call.error);
            return;
        }
        Private::Exchange first;
        first.method = d->call.method;
        first.url = d->call.url;
        first.body = d->call.body;
        first.retryable = d->call.retryable;
        first.operationId = d->call.operationId;
        d->send(first);
    }, Qt::QueuedConnection);
}

bool ArmReply::isFinished() const
{
    return d->result.has_value();
}

const ArmResult &ArmReply::result() const
{
    return *d->result;
}

void ArmReply::cancel()
{
    if (isFinished())
        return;
    d->finish(std::unexpected(ArmError::cancelled(d->call.method, d->call.resource, d->poll != Private::Poll::None)));
}

QByteArray ArmReply::method() const
{
    return d->call.method;
}

QString ArmReply::resource() const
{
    return d->call.resource;
}

int ArmReply::attempts() const
{
    return d->totalAttempts;
}

void ArmReply::Private::send(Exchange next)
{
    exchange = std::move(next);
    exchangeAttempts = 0;
    refreshedAfter401 = false;
    if (!allowedHost(exchange.url)) {
        ArmError error = ArmError::fromHttp(call.method, call.resource, 0, {});
        error.kind = ArmError::Kind::Invalid;
        error.message = ArmError::tr("Azure pointed to %1, which is not this cloud's Resource Manager, so Fluxdeck did "
                                     "not send your sign-in there.")
                            .arg(exchange.url.host());
        fail(error);
        return;
    }
    requestToken(TokenCredential::Freshness::CachedIfFresh);
}

void ArmReply::Private::requestToken(TokenCredential::Freshness freshness)
{
    TokenCredential *credential = context->credential.data();
    if (!credential) {
        ArmError error;
        error.kind = ArmError::Kind::Auth;
        error.message = ArmError::tr("Fluxdeck is not signed in to Azure. Sign in, then try again.");
        fail(error);
        return;
    }
    token = credential->requestToken(freshness);
    QObject::connect(token.get(), &TokenRequest::finished, q, [this] {
        // The request is inside its own signal: it goes from the event loop, not here.
        TokenRequest *done = token.release();
        done->deleteLater();
        if (done->wasCancelled()) {
            finish(std::unexpected(ArmError::cancelled(call.method, call.resource, poll != Poll::None)));
            return;
        }
        if (!done->result()) {
            ArmError error;
            error.kind = ArmError::Kind::Auth;
            error.message = done->result().error().message;
            error.technicalDetail = done->result().error().detail;
            fail(error);
            return;
        }
        transmit(done->result()->token);
    });
}

bool ArmReply::Private::allowedHost(const QUrl &url) const
{
    // The bearer token goes to this cloud's Resource Manager and nowhere else, whatever a
    // nextLink or an operation header points at.
    const auto same = [&](const QUrl &base) {
        return !base.isEmpty() && url.scheme() == base.scheme()
            && url.host().compare(base.host(), Qt::CaseInsensitive) == 0 && url.port(443) == base.port(443);
    };
    return same(context->options.resourceManager) || same(context->options.resourceGraph);
}

void ArmReply::Private::transmit(const QByteArray &bearer)
{
    QNetworkRequest request = context->factory.createRequest();
    request.setUrl(exchange.url);
    request.setRawHeader("Authorization", "Bearer " + bearer);
    request.setRawHeader("x-ms-client-request-id", exchange.clientRequestId);
    request.setRawHeader("x-ms-correlation-request-id", correlationId);
    if (!exchange.operationId.isEmpty()) {
        if (!exchange.firstSent.isValid())
            exchange.firstSent = QDateTime::currentDateTimeUtc();
        request.setRawHeader("Repeatability-Request-ID", exchange.operationId);
        request.setRawHeader("Repeatability-First-Sent", httpDate(exchange.firstSent));
    }
    QRestAccessManager &rest = context->rest;
    QNetworkReply *reply = nullptr;
    if (exchange.method == "GET") {
        reply = rest.get(request);
    } else if (exchange.method == "DELETE") {
        reply = rest.deleteResource(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        reply = rest.sendCustomRequest(request, exchange.method, exchange.body);
    }
    ++exchangeAttempts;
    ++totalAttempts;
    network.watch(reply, q, [this] { answered(); });
}

void ArmReply::Private::answered()
{
    QNetworkReply *reply = network.get();
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.networkError = reply->error();
    answer.errorString = reply->errorString();
    answer.body = reply->readAll();
    bool ok = false;
    const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
    if (ok)
        answer.contentLength = length;
    answer.retryAfter = retryAfterOf(reply);
    answer.asyncOperation = QUrl(QString::fromLatin1(reply->rawHeader("azure-asyncoperation")));
    answer.location = QUrl(QString::fromLatin1(reply->rawHeader("location")));
    response.httpStatus = answer.status;
    response.requestId = reply->rawHeader("x-ms-request-id");
    response.correlationId = reply->rawHeader("x-ms-correlation-request-id");
    response.clientRequestId = reply->rawHeader("x-ms-client-request-id");
    network.reset();
    handle(answer);
}

ArmError ArmReply::Private::truncated(const Answer &answer, const QString &detail) const
{
    ArmError error = ArmError::fromNetwork(call.method, call.resource, answer.networkError, answer.errorString);
    error.kind = ArmError::Kind::Truncated;
    error.httpStatus = answer.status;
    error.requestId = response.requestId;
    error.correlationId = response.correlationId;
    if (!detail.isEmpty())
        error.technicalDetail = detail;
    return error;
}

void ArmReply::Private::handle(const Answer &answer)
{
    if (answer.status == 0) {
        // No answer at all: refused, reset before the status line, timed out, or TLS.
        const ArmError error = ArmError::fromNetwork(call.method, call.resource, answer.networkError,
                                                     answer.errorString);
        retryOrFail(error, error.kind == ArmError::Kind::Network, std::nullopt);
        return;
    }
    // The status line came, the whole body did not.
    if (transportError(answer.networkError)) {
        retryOrFail(truncated(answer, {}), true, std::nullopt);
        return;
    }
    if (answer.contentLength && *answer.contentLength > answer.body.size()) {
        retryOrFail(truncated(answer, u"%1 of %2 bytes"_s.arg(answer.body.size()).arg(*answer.contentLength)), true,
                    std::nullopt);
        return;
    }

    if (answer.status == 401 && !refreshedAfter401) {
        // The token may have been revoked or expired early: one fresh token, then report.
        refreshedAfter401 = true;
        if (TokenCredential *credential = context->credential.data())
            credential->invalidate();
        requestToken(TokenCredential::Freshness::Refresh);
        return;
    }

    // A resource that is gone is what a delete waits for.
    if (answer.status == 404 && poll == Poll::ProvisioningState && call.method == "DELETE") {
        if (!emitStatus(u"Succeeded"_s))
            return;
        response.body = {};
        finish(response);
        return;
    }

    if (answer.status >= 300) {
        ArmError error = ArmError::fromHttp(call.method, call.resource, answer.status, answer.body, response.requestId,
                                            response.correlationId);
        if (answer.retryAfter)
            error.retryAfter = std::chrono::duration_cast<std::chrono::seconds>(*answer.retryAfter);
        retryOrFail(error, transientStatus(answer.status), answer.retryAfter);
        return;
    }

    QJsonObject json;
    if (!answer.body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(answer.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            const QString detail = u"JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset);
            retryOrFail(truncated(answer, detail), true, std::nullopt);
            return;
        }
        json = document.object();
    }
    succeeded(answer, json);
}

void ArmReply::Private::succeeded(const Answer &answer, const QJsonObject &json)
{
    switch (call.mode) {
    case ArmCall::Mode::Single:
        response.body = json;
        finish(response);
        return;
    case ArmCall::Mode::List: {
        for (const QJsonValue item : json.value(u"value").toArray())
            response.values.append(item);
        if (!emitPage())
            return;
        const QString next = json.value(u"nextLink").toString();
        if (next.isEmpty()) {
            response.body = json;
            finish(response);
            return;
        }
        Exchange following;
        following.method = "GET";
        following.url = QUrl(next);
        following.retryable = true;
        send(following);
        return;
    }
    case ArmCall::Mode::Query: {
        for (const QJsonValue row : json.value(u"data").toArray())
            response.values.append(row);
        if (!emitPage())
            return;
        const QString skipToken = json.value(u"$skipToken").toString();
        if (skipToken.isEmpty()) {
            response.body = json;
            finish(response);
            return;
        }
        QJsonObject body = call.query;
        QJsonObject options = body.value(u"options").toObject();
        options.insert(u"$skipToken"_s, skipToken);
        body.insert(u"options"_s, options);
        Exchange following;
        following.method = "POST";
        following.url = call.url;
        following.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        following.retryable = true;
        following.operationId = newClientRequestId();
        send(following);
        return;
    }
    case ArmCall::Mode::LongRunning:
        if (poll == Poll::None)
            startPolling(answer, json);
        else
            polled(answer, json);
        return;
    }
}

void ArmReply::Private::startPolling(const Answer &answer, const QJsonObject &json)
{
    response.body = json;
    const QString state = provisioningState(json);
    const bool accepted = answer.status == 201 || answer.status == 202 || (!state.isEmpty() && !terminal(state));
    if (!accepted) {
        if (!state.isEmpty() && !emitStatus(state))
            return;
        finish(response);
        return;
    }
    if (!answer.location.isEmpty())
        resultLocation = call.url.resolved(answer.location);
    if (!answer.asyncOperation.isEmpty()) {
        poll = Poll::AsyncOperation;
        pollUrl = call.url.resolved(answer.asyncOperation);
    } else if (!answer.location.isEmpty()) {
        poll = Poll::Location;
        pollUrl = resultLocation;
    } else if (!state.isEmpty()) {
        poll = Poll::ProvisioningState;
        pollUrl = call.url;
    } else {
        finish(response);   // accepted, with nothing to follow
        return;
    }
    if (!emitStatus(state.isEmpty() ? u"Accepted"_s : state))
        return;
    schedulePoll(answer.retryAfter);
}

void ArmReply::Private::polled(const Answer &answer, const QJsonObject &json)
{
    switch (poll) {
    case Poll::None:
        return;
    case Poll::AsyncOperation: {
        const QString state = json.value(u"status").toString();
        if (!emitStatus(state))
            return;
        if (!terminal(state)) {
            schedulePoll(answer.retryAfter);
            return;
        }
        if (!isSuccess(state)) {
            const QJsonObject inner = json.value(u"error").toObject();
            ArmError error = ArmError::fromHttp(call.method, call.resource, answer.status, {}, response.requestId,
                                                response.correlationId);
            error.kind = ArmError::Kind::Server;
            error.code = inner.value(u"code").toString(state);
            error.message = inner.value(u"message").toString();
            fail(error);
            return;
        }
        // Done: a PUT or PATCH reads its resource once more, a POST its result (when it has one).
        if (call.method == "DELETE" || (call.method == "POST" && resultLocation.isEmpty())) {
            response.body = {};
            finish(response);
            return;
        }
        reread(call.method == "POST" ? resultLocation : call.url);
        return;
    }
    case Poll::Location:
        if (answer.status == 202) {
            schedulePoll(answer.retryAfter);
            return;
        }
        if (!emitStatus(u"Succeeded"_s))
            return;
        if (!json.isEmpty() || call.method == "DELETE" || call.method == "POST") {
            response.body = json;
            finish(response);
            return;
        }
        reread(call.url);
        return;
    case Poll::ProvisioningState: {
        const QString state = provisioningState(json);
        if (!emitStatus(state))
            return;
        response.body = json;
        if (!terminal(state)) {
            schedulePoll(answer.retryAfter);
            return;
        }
        if (!isSuccess(state)) {
            ArmError error = ArmError::fromHttp(call.method, call.resource, answer.status, {}, response.requestId,
                                                response.correlationId);
            error.kind = ArmError::Kind::Server;
            error.code = state;
            error.message = json.value(u"properties").toObject().value(u"errorMessage").toString();
            fail(error);
            return;
        }
        finish(response);
        return;
    }
    case Poll::FinalGet:
        response.body = json;
        finish(response);
        return;
    }
}

void ArmReply::Private::reread(const QUrl &url)
{
    Exchange read;
    read.method = "GET";
    read.url = url;
    read.retryable = true;
    poll = Poll::FinalGet;
    send(read);
}

void ArmReply::Private::schedulePoll(std::optional<std::chrono::milliseconds> retryAfter)
{
    using namespace std::chrono_literals;
    // Honour the operation's Retry-After; without one, poll at the configured pace.
    const std::chrono::milliseconds delay = std::clamp<std::chrono::milliseconds>(
        retryAfter.value_or(context->options.pollInterval), 0ms, std::chrono::minutes(10));
    Exchange next;
    next.method = "GET";
    next.url = pollUrl;
    next.retryable = true;
    timer.disconnect();
    QObject::connect(&timer, &QTimer::timeout, q, [this, next] { send(next); });
    timer.start(delay);
}

void ArmReply::Private::retryOrFail(ArmError error, bool transient, std::optional<std::chrono::milliseconds> retryAfter)
{
    const ArmClient::Options &options = context->options;
    if (!transient || !exchange.retryable || exchangeAttempts > options.maxRetries) {
        fail(error);
        return;
    }
    std::chrono::milliseconds delay;
    if (retryAfter) {
        delay = *retryAfter;
        if (delay > options.maxRetryDelay) {
            fail(error);   // waiting that long silently would look like a hang: say so instead
            return;
        }
    } else {
        // Exponential back-off with ±20 % jitter, so clients that failed together do not return together.
        const qint64 base = options.retryDelay.count() << std::min(exchangeAttempts - 1, 16);
        const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
        delay = std::min(options.maxRetryDelay, std::chrono::milliseconds(qint64(double(base) * jitter)));
    }
    QString reason;
    if (error.httpStatus > 0 && error.kind != ArmError::Kind::Truncated)
        reason = u"HTTP %1 %2"_s.arg(error.httpStatus).arg(error.code);
    else
        reason = QString::fromLatin1(QMetaEnum::fromType<ArmError::Kind>().valueToKey(int(error.kind))) + u": "_s
            + error.technicalDetail;
    if (!emitRetrying(delay.count(), reason.trimmed()))
        return;
    timer.disconnect();
    QObject::connect(&timer, &QTimer::timeout, q, [this] { requestToken(TokenCredential::Freshness::CachedIfFresh); });
    timer.start(delay);
}

void ArmReply::Private::fail(ArmError error)
{
    error.attempts = std::max(1, totalAttempts);
    if (totalAttempts > 0)
        error.clientRequestId = exchange.clientRequestId;
    error.whilePolling = error.whilePolling || poll != Poll::None;
    if (error.method.isEmpty())
        error.method = call.method;
    if (error.resource.isEmpty())
        error.resource = call.resource;
    finish(std::unexpected(error));
}

void ArmReply::Private::finish(ArmResult outcome)
{
    if (result)
        return;
    timer.stop();
    timer.disconnect();
    network.reset();
    token.reset();
    result = std::move(outcome);
    Q_EMIT q->finished();
}

bool ArmReply::Private::emitStatus(const QString &status)
{
    if (status.isEmpty() || status == lastStatus)
        return true;
    lastStatus = status;
    const QPointer<ArmReply> guard(q);
    Q_EMIT q->operationStatusChanged(status);
    return stillRunning(guard);
}

bool ArmReply::Private::emitPage()
{
    ++response.pages;
    const QPointer<ArmReply> guard(q);
    Q_EMIT q->pageReceived(response.pages, response.values.size());
    return stillRunning(guard);
}

bool ArmReply::Private::emitRetrying(qint64 delayMs, const QString &reason)
{
    const QPointer<ArmReply> guard(q);
    Q_EMIT q->retrying(exchangeAttempts, delayMs, reason);
    return stillRunning(guard);
}

} // namespace Fluxdeck::Net
