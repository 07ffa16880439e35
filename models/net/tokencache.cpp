#include "tokencache.h"

namespace Fluxdeck::Net {

TokenCache::TokenCache(std::chrono::seconds refreshMargin)
    : m_margin(refreshMargin)
{
}

std::optional<AccessToken> TokenCache::freshToken(const QDateTime &now) const
{
    if (!m_token || now >= m_refreshOn)
        return std::nullopt;
    return m_token;
}

void TokenCache::store(const AccessToken &token, const QDateTime &now)
{
    m_token = token;
    const qint64 lifetime = std::max<qint64>(0, now.secsTo(token.expiresOn));
    const qint64 margin = std::min<qint64>(m_margin.count(), lifetime / 2);
    m_refreshOn = token.expiresOn.addSecs(-margin);
}

void TokenCache::dropAccessToken()
{
    m_token.reset();
    m_refreshOn = {};
}

void TokenCache::clear()
{
    dropAccessToken();
    m_refreshToken.clear();
}

} // namespace Fluxdeck::Net
