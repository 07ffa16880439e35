#include "tokencache.h"

#include <QTest>

using Fluxdeck::Net::AccessToken;
using Fluxdeck::Net::TokenCache;

class TestTokenCache : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_now = QDateTime(QDate(2026, 5, 1), QTime(12, 0), QTimeZone::UTC);

    AccessToken tokenFor(int seconds) const { return {"opaque", m_now.addSecs(seconds)}; }

private Q_SLOTS:
    void emptyCacheHasNoToken()
    {
        const TokenCache cache;
        QVERIFY(!cache.freshToken(m_now));
        QVERIFY(cache.refreshToken().isEmpty());
    }

    void refreshesFiveMinutesBeforeExpiry()
    {
        TokenCache cache;
        cache.store(tokenFor(3600), m_now);
        QCOMPARE(cache.freshToken(m_now)->token, QByteArray("opaque"));
        QVERIFY(cache.freshToken(m_now.addSecs(3600 - 301)));
        QVERIFY(!cache.freshToken(m_now.addSecs(3600 - 300)));
        QVERIFY(!cache.freshToken(m_now.addSecs(3600)));
    }

    void shortLivedTokensRefreshAtHalfLife()
    {
        TokenCache cache;
        cache.store(tokenFor(120), m_now);
        QVERIFY(cache.freshToken(m_now.addSecs(59)));
        QVERIFY(!cache.freshToken(m_now.addSecs(60)));
    }

    void expiredTokensAreNeverFresh()
    {
        TokenCache cache;
        cache.store(tokenFor(0), m_now);
        QVERIFY(!cache.freshToken(m_now));
        cache.store(tokenFor(-10), m_now);
        QVERIFY(!cache.freshToken(m_now));
    }

    void dropKeepsTheRefreshTokenClearDoesNot()
    {
        TokenCache cache;
        cache.store(tokenFor(3600), m_now);
        cache.setRefreshToken(QStringLiteral("refresh"));
        cache.dropAccessToken();
        QVERIFY(!cache.freshToken(m_now));
        QCOMPARE(cache.refreshToken(), QStringLiteral("refresh"));
        cache.store(tokenFor(3600), m_now);
        cache.clear();
        QVERIFY(!cache.freshToken(m_now));
        QVERIFY(cache.refreshToken().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTokenCache)
#include "tst_tokencache.moc"
