#include "git/demorepository.h"
#include "git/repositorycontent.h"
#include "resultmessage.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;
using Fluxdeck::Test::failureText;

namespace {


const QDateTime pushTime(QDate(2024, 6, 3), QTime(8, 15), QTimeZone::fromSecondsAheadOfUtc(2 * 3600));

} // namespace

class TestRepositoryContent : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_state;
    QString m_demo;
    QString m_main;
    QString m_release;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_state.isValid());
        m_demo = m_state.filePath(u"demo.git"_s);
        const auto head = ensureDemoRepository(m_demo);
        QVERIFY2(head, failureText(head));
        m_main = *head;
        const auto release = resolve(m_demo, u"release"_s);
        QVERIFY2(release, failureText(release));
        m_release = *release;
        QVERIFY(m_release != m_main);
    }

    void resolves_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<bool>("isMain"); // else the release commit
        QTest::newRow("branch") << u"main"_s << true;
        QTest::newRow("other branch") << u"release"_s << false;
        QTest::newRow("annotated tag, peeled") << u"v1.0.0"_s << false;
        QTest::newRow("full branch ref") << u"refs/heads/main"_s << true;
        QTest::newRow("full tag ref") << u"refs/tags/v1.0.0"_s << false;
        QTest::newRow("HEAD") << u"HEAD"_s << true;
        QTest::newRow("empty means HEAD") << QString() << true;
        QTest::newRow("revision expression") << u"main~1"_s << false;
    }

    void resolves()
    {
        QFETCH(QString, reference);
        QFETCH(bool, isMain);
        const auto sha = resolve(m_demo, reference);
        QVERIFY2(sha, failureText(sha));
        QCOMPARE(*sha, isMain ? m_main : m_release);
    }

    void resolvesShas()
    {
        QCOMPARE(resolve(m_demo, m_release).value_or(QString()), m_release);
        QCOMPARE(resolve(m_demo, m_main.left(12)).value_or(QString()), m_main);
    }

    void unknownReference_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::newRow("branch") << u"nope"_s;
        QTest::newRow("full ref") << u"refs/heads/nope"_s;
        QTest::newRow("sha") << u"0123456789abcdef0123456789abcdef01234567"_s;
        QTest::newRow("not a name at all") << u"main..~^"_s;
    }

    void unknownReference()
    {
        QFETCH(QString, reference);
        for (const auto &result : { resolve(m_demo, reference).transform([](const QString &) { return 0; }),
                 readFiles(m_demo, reference, u"apps"_s).transform([](const auto &) { return 0; }) }) {
            QVERIFY(!result);
            QCOMPARE(result.error().message, u"The reference '%1' does not exist in the repository."_s.arg(reference));
            QCOMPARE(result.error().detail, u"reference not found: %1"_s.arg(reference));
        }
    }

    void notARepository()
    {
        QTemporaryDir dir;
        const auto plain = commitFiles(dir.path(), u"main"_s, { { u"a.txt"_s, QByteArray("a") } }, u"x"_s);
        QVERIFY(!plain);
        QCOMPARE(plain.error().message, u"There is no Git repository at %1."_s.arg(dir.path()));
        // A folder inside a repository is not that repository (libgit2 would search upwards).
        QVERIFY(ensureDemoRepository(dir.filePath(u"outer.git"_s)));
        const QString inside = dir.filePath(u"outer.git/refs"_s);
        const auto result = readFiles(inside, u"main"_s, u"."_s);
        QVERIFY(!result);
        QCOMPARE(result.error().message, u"There is no Git repository at %1."_s.arg(inside));
    }

    void readsDirectories_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("directory");
        QTest::addColumn<QStringList>("files");

        const QStringList staging { u"apps/staging/kustomization.yaml"_s, u"apps/staging/podinfo-values.yaml"_s };
        QTest::newRow("Flux spelling") << u"main"_s << u"./apps/staging"_s << staging;
        QTest::newRow("plain") << u"main"_s << u"apps/staging"_s << staging;
        QTest::newRow("trailing slash") << u"main"_s << u"apps/staging/"_s << staging;
        QTest::newRow("dots and doubled slashes") << u"main"_s << u"./apps//./production/../staging"_s << staging;
        QTest::newRow("cannot climb out") << u"main"_s << u"../../apps/staging"_s << staging;
        QTest::newRow("tag") << u"v1.0.0"_s << u"./apps/staging"_s << staging;
        QTest::newRow("nested") << u"main"_s << u"./apps"_s
                                << QStringList { u"apps/base/podinfo/kustomization.yaml"_s,
                                       u"apps/base/podinfo/namespace.yaml"_s, u"apps/base/podinfo/release.yaml"_s,
                                       u"apps/production/kustomization.yaml"_s,
                                       u"apps/production/podinfo-values.yaml"_s, staging.at(0), staging.at(1) };
        QTest::newRow("deep") << u"main"_s << u"infrastructure/sources"_s
                              << QStringList { u"infrastructure/sources/bitnami.yaml"_s,
                                     u"infrastructure/sources/ingress-nginx.yaml"_s,
                                     u"infrastructure/sources/kustomization.yaml"_s,
                                     u"infrastructure/sources/podinfo.yaml"_s };
    }

    void readsDirectories()
    {
        QFETCH(QString, reference);
        QFETCH(QString, directory);
        QFETCH(QStringList, files);
        const auto result = readFiles(m_demo, reference, directory);
        QVERIFY2(result, failureText(result));
        QCOMPARE(result->keys(), files);
    }

    void readsContent()
    {
        const auto result = readFiles(m_demo, m_main, u"./apps/production"_s);
        QVERIFY2(result, failureText(result));
        const QByteArray values = result->value(u"apps/production/podinfo-values.yaml"_s);
        QVERIFY(values.contains("replicaCount: 3\n"));
        QVERIFY(values.startsWith("# Production stays on podinfo 6.7"));
    }

    void readsTheWholeTree()
    {
        for (const QString &root : { u"."_s, u""_s, u"./"_s }) {
            const auto result = readFiles(m_demo, u"main"_s, root);
            QVERIFY2(result, failureText(result));
            QCOMPARE(result->keys(), demoRepositoryFiles());
        }
    }

    void missingPath_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("directory");
        QTest::addColumn<QString>("detail");
        QTest::newRow("unknown folder") << u"main"_s << u"./apps/nope"_s
                                        << u"stat apps/nope: no such file or directory"_s;
        QTest::newRow("unknown parent") << u"main"_s << u"nope/deeper"_s
                                        << u"stat nope/deeper: no such file or directory"_s;
        // Production came with the second commit.
        QTest::newRow("not yet at the tag")
            << u"v1.0.0"_s << u"./apps/production"_s << u"stat apps/production: no such file or directory"_s;
        QTest::newRow("a file") << u"main"_s << u"./apps/staging/kustomization.yaml"_s
                                << u"apps/staging/kustomization.yaml: not a directory"_s;
    }

    void missingPath()
    {
        QFETCH(QString, reference);
        QFETCH(QString, directory);
        QFETCH(QString, detail);
        const auto result = readFiles(m_demo, reference, directory);
        QVERIFY(!result);
        QCOMPARE(result.error().detail, detail);
        QVERIFY2(result.error().message.contains(u"'%1'"_s.arg(reference)), qPrintable(result.error().message));
    }

    void commitsChanges()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"demo.git"_s);
        QVERIFY(ensureDemoRepository(path));

        const auto pushed = commitFiles(path, u"main"_s,
            { { u"apps/staging/podinfo-values.yaml"_s, QByteArray("replicaCount: 2\n") },
                { u"apps/staging/extra/config.yaml"_s, QByteArray("new: file\n") },
                { u"apps/staging/kustomization.yaml"_s, std::nullopt } },
            u"Staging: two replicas"_s, pushTime);
        QVERIFY2(pushed, failureText(pushed));
        QCOMPARE(resolve(path, u"main"_s).value_or(QString()), *pushed);
        QCOMPARE(resolve(path, u"main~1"_s).value_or(QString()), m_main);

        const auto staging = readFiles(path, u"main"_s, u"apps/staging"_s);
        QVERIFY2(staging, failureText(staging));
        QCOMPARE(staging->keys(),
            (QStringList { u"apps/staging/extra/config.yaml"_s, u"apps/staging/podinfo-values.yaml"_s }));
        QCOMPARE(staging->value(u"apps/staging/podinfo-values.yaml"_s), QByteArray("replicaCount: 2\n"));
        // Untouched elsewhere, and the old revision is still there.
        QCOMPARE(readFiles(path, u"main"_s, u"apps/production"_s)->size(), 2);
        QCOMPARE(readFiles(path, m_main, u"apps/staging"_s)->keys(),
            (QStringList { u"apps/staging/kustomization.yaml"_s, u"apps/staging/podinfo-values.yaml"_s }));

        // Same change, same time, same parent: the same commit, wherever it is made.
        QTemporaryDir otherDir;
        const QString other = otherDir.filePath(u"demo.git"_s);
        QVERIFY(ensureDemoRepository(other));
        const auto again = commitFiles(other, u"main"_s,
            { { u"apps/staging/podinfo-values.yaml"_s, QByteArray("replicaCount: 2\n") },
                { u"apps/staging/extra/config.yaml"_s, QByteArray("new: file\n") },
                { u"apps/staging/kustomization.yaml"_s, std::nullopt } },
            u"Staging: two replicas\n"_s, pushTime);
        QCOMPARE(again.value_or(QString()), *pushed);
    }

    void commitsToANewBranch()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"demo.git"_s);
        QVERIFY(ensureDemoRepository(path));
        const auto created = commitFiles(path, u"feature/empty-start"_s, { { u"README.md"_s, QByteArray("fresh\n") } },
            u"A root commit"_s, pushTime);
        QVERIFY2(created, failureText(created));
        const auto files = readFiles(path, u"feature/empty-start"_s, u"."_s);
        QVERIFY(files);
        QCOMPARE(files->keys(), QStringList { u"README.md"_s });
        QVERIFY(!resolve(path, u"feature/empty-start~1"_s)); // no parent
    }

    void refusesBadCommits_data()
    {
        QTest::addColumn<QString>("branch");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad branch") << u"two..dots"_s << u"a.txt"_s << u"'two..dots' is not a valid branch name."_s;
        QTest::newRow("no file name") << u"main"_s << u"./"_s << u"'./' is not a file path."_s;
    }

    void refusesBadCommits()
    {
        QFETCH(QString, branch);
        QFETCH(QString, file);
        QFETCH(QString, message);
        const auto result = commitFiles(m_demo, branch, { { file, QByteArray("x") } }, u"nope"_s);
        QVERIFY(!result);
        QCOMPARE(result.error().message, message);
        QCOMPARE(resolve(m_demo, u"main"_s).value_or(QString()), m_main);
    }
};

QTEST_GUILESS_MAIN(TestRepositoryContent)
#include "tst_repositorycontent.moc"
