#include "error.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Domain;

namespace {

Result<int> parsePort(const QString &text)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    if (!ok || port <= 0 || port > 65535)
        return failure(u"Port must be a number from 1 to 65535."_s, u"got '%1'"_s.arg(text));
    return port;
}

} // namespace

class TestError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valueOrError()
    {
        QCOMPARE(parsePort(u"443"_s).value(), 443);
        const Result<int> bad = parsePort(u"https"_s);
        QVERIFY(!bad);
        QCOMPARE(bad.error().message, u"Port must be a number from 1 to 65535."_s);
        QCOMPARE(bad.error().toString(), u"Port must be a number from 1 to 65535. (got 'https')"_s);
    }

    void toStringWithoutDetail()
    {
        const Error error{u"Sign-in expired."_s, {}};
        QCOMPARE(error.toString(), u"Sign-in expired."_s);
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
