#pragma once

#include "armerror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <expected>
#include <memory>

namespace Fluxdeck::Net {

struct ArmCall;
struct ArmClientContext;

struct ArmResponse
{
    int httpStatus = 0;
    QJsonObject body;          // the resource; after a long-running operation, its final state
    QJsonArray values;         // lists and Resource Graph queries: the items of every page, in order
    int pages = 0;
    QByteArray requestId;      // of the last answer
    QByteArray correlationId;
    QByteArray clientRequestId; // x-ms-client-request-id, as Resource Manager echoed it
};

using ArmResult = std::expected<ArmResponse, ArmError>;

// One Resource Manager call as the user sees it: the request with its retries, every page of a
// list, or a write and the polling until its long-running operation ends. Its owner keeps it
// (deleting it aborts silently); finished() comes once, from the event loop.
class ArmReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArmReply)

public:
    ~ArmReply() override;

    bool isFinished() const;
    // Valid once finished.
    const ArmResult &result() const;
    // Stops retrying, paging or polling now and finishes as ArmError::Kind::Cancelled. An
    // operation Azure accepted goes on there; only the waiting stops.
    void cancel();

    QByteArray method() const;
    QString resource() const;
    int attempts() const;   // HTTP requests sent so far

Q_SIGNALS:
    void pageReceived(int pages, qsizetype items);
    // A long-running operation's state as Azure reports it: "Creating", "InProgress", "Succeeded"…
    void operationStatusChanged(const QString &status);
    // About to send again after `reason` (e.g. "HTTP 429 TooManyRequests"), in `delayMs`.
    void retrying(int attempt, qint64 delayMs, const QString &reason);
    void finished();

private:
    friend class ArmClient;
    ArmReply(std::shared_ptr<ArmClientContext> context, const ArmCall &call);
    void start();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Fluxdeck::Net
