#include "gitlibrary.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestGitLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runtimeVersionMatchesBuild()
    {
        const Fluxdeck::Git::GitLibrary library;
        const QString build = QStringLiteral(FLUXDECK_LIBGIT2_BUILD_VERSION);
        // Same major.minor as the headers we compiled against; the patch level may differ.
        QCOMPARE(Fluxdeck::Git::GitLibrary::version().section(u'.', 0, 1), build.section(u'.', 0, 1));
    }

    void supportsHttps()
    {
        const Fluxdeck::Git::GitLibrary library;
        QVERIFY(Fluxdeck::Git::GitLibrary::supportsHttps());
    }

    void nestedInstances()
    {
        const Fluxdeck::Git::GitLibrary outer;
        {
            const Fluxdeck::Git::GitLibrary inner;
            QVERIFY(!Fluxdeck::Git::GitLibrary::version().isEmpty());
        }
        QVERIFY(Fluxdeck::Git::GitLibrary::supportsHttps());
    }
};

QTEST_GUILESS_MAIN(TestGitLibrary)
#include "tst_gitlibrary.moc"
