#pragma once

#include "error.h"
#include "tokencache.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace Fluxdeck::Net {

class TokenCredential;

// One wait for an access token. Whoever asked owns it; deleting it stops waiting silently,
// cancel() stops waiting and finishes it as cancelled. finished() is emitted once, always from
// the event loop, never from inside TokenCredential::requestToken().
class TokenRequest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenRequest)

public:
    ~TokenRequest() override;

    bool isFinished() const { return m_result.has_value(); }
    bool wasCancelled() const { return m_cancelled; }
    // Valid once finished.
    const Domain::Result<AccessToken> &result() const { return *m_result; }
    void cancel();

Q_SIGNALS:
    void finished();

private:
    friend class TokenCredential;
    explicit TokenRequest(TokenCredential *credential);
    void finish(const Domain::Result<AccessToken> &result);

    QPointer<TokenCredential> m_credential;
    std::optional<Domain::Result<AccessToken>> m_result;
    bool m_cancelled = false;
};

// How Fluxdeck proves who the user is to Resource Manager, as the Azure SDKs' credentials do:
// asynchronous (a network call or a process, never a blocked thread), cancellable, with the
// access token cached in memory until shortly before it expires. Requests that arrive while a
// token is being acquired wait for the same acquisition.
class TokenCredential : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenCredential)

public:
    enum class Freshness { CachedIfFresh, Refresh };

    ~TokenCredential() override;

    std::unique_ptr<TokenRequest> requestToken(Freshness freshness = Freshness::CachedIfFresh);
    // Stops the acquisition; every waiting request finishes as cancelled.
    void cancel();
    // Forgets the cached access token, as after Resource Manager answered 401.
    void invalidate();
    // Forgets everything this credential holds.
    virtual void signOut();
    bool isAcquiring() const { return m_acquiring; }
    // The sign-in method in a person's words ("Azure CLI"), for messages.
    virtual QString displayName() const = 0;

protected:
    explicit TokenCredential(QObject *parent);
    // Starts getting a token; calls complete() exactly once, from a later callback.
    virtual void acquire(Freshness freshness) = 0;
    // Nobody waits any more: stop the network call or process.
    virtual void abort() = 0;
    // Delivers the outcome to every waiting request (from the event loop) and caches a token.
    void complete(const Domain::Result<AccessToken> &result);
    TokenCache &cache() { return m_cache; }
    const TokenCache &cache() const { return m_cache; }

private:
    friend class TokenRequest;
    void detach(TokenRequest *request);

    TokenCache m_cache;
    QList<TokenRequest *> m_waiting;
    bool m_acquiring = false;
};

} // namespace Fluxdeck::Net
