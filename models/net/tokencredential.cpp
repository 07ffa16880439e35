#include "tokencredential.h"

#include <QMetaObject>

#include <utility>

namespace Fluxdeck::Net {

TokenRequest::TokenRequest(TokenCredential *credential)
    : m_credential(credential)
{
}

TokenRequest::~TokenRequest()
{
    if (m_credential)
        m_credential->detach(this);
}

void TokenRequest::cancel()
{
    if (isFinished())
        return;
    m_cancelled = true;
    if (m_credential)
        m_credential->detach(this);
    m_credential = nullptr;
    finish(Domain::failure(tr("Signing in was cancelled.")));
}

void TokenRequest::finish(const Domain::Result<AccessToken> &result)
{
    if (isFinished())
        return;
    m_credential = nullptr;
    m_result = result;
    Q_EMIT finished();
}

TokenCredential::TokenCredential(QObject *parent)
    : QObject(parent)
{
}

TokenCredential::~TokenCredential()
{
    // Whoever still waits learns that no token will come, rather than waiting forever.
    const QList<TokenRequest *> waiting = std::exchange(m_waiting, {});
    for (TokenRequest *request : waiting) {
        request->m_credential = nullptr;
        request->finish(Domain::failure(tr("Signing in stopped: the sign-in method was changed or closed.")));
    }
}

std::unique_ptr<TokenRequest> TokenCredential::requestToken(Freshness freshness)
{
    std::unique_ptr<TokenRequest> request(new TokenRequest(this));
    if (freshness == Freshness::CachedIfFresh) {
        if (const auto token = m_cache.freshToken()) {
            TokenRequest *raw = request.get();
            raw->m_credential = nullptr;   // nothing to wait for
            QMetaObject::invokeMethod(raw, [raw, token = *token] { raw->finish(token); }, Qt::QueuedConnection);
            return request;
        }
    }
    m_waiting.append(request.get());
    if (!m_acquiring) {
        m_acquiring = true;
        acquire(freshness);
    }
    return request;
}

void TokenCredential::cancel()
{
    const QList<TokenRequest *> waiting = m_waiting;
    for (TokenRequest *request : waiting)
        request->cancel();
    if (m_acquiring) {
        m_acquiring = false;
        abort();
    }
}

void TokenCredential::invalidate()
{
    m_cache.dropAccessToken();
}

void TokenCredential::signOut()
{
    cancel();
    m_cache.clear();
}

void TokenCredential::complete(const Domain::Result<AccessToken> &result)
{
    m_acquiring = false;
    if (result)
        m_cache.store(*result);
    const QList<TokenRequest *> waiting = std::exchange(m_waiting, {});
    for (TokenRequest *request : waiting) {
        request->m_credential = nullptr;
        QMetaObject::invokeMethod(request, [request, result] { request->finish(result); }, Qt::QueuedConnection);
    }
}

void TokenCredential::detach(TokenRequest *request)
{
    m_waiting.removeAll(request);
    if (m_waiting.isEmpty() && m_acquiring) {
        m_acquiring = false;
        abort();
    }
}

} // namespace Fluxdeck::Net
