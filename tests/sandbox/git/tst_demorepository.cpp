#include "git/demorepository.h"
#include "git/githandles.h"
#include "git/repositorycontent.h"
#include "gitlibrary.h"
#include "resultmessage.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;
using Fluxdeck::Test::failureText;

namespace {


// main's sha. It changes only when the demo's content, history or identity changes on purpose:
// then update it here, knowing that every sandbox state directory keeps its old copy.
const QString expectedMain = u"8f9130d0e393942f26fcac89c037b1c954b15e7e"_s;

const QStringList stagingFiles = {
    u"README.md"_s,
    u"apps/base/podinfo/kustomization.yaml"_s,
    u"apps/base/podinfo/namespace.yaml"_s,
    u"apps/base/podinfo/release.yaml"_s,
    u"apps/staging/kustomization.yaml"_s,
    u"apps/staging/podinfo-values.yaml"_s,
    u"clusters/staging/apps.yaml"_s,
    u"clusters/staging/infrastructure.yaml"_s,
    u"infrastructure/kustomization.yaml"_s,
    u"infrastructure/nginx/kustomization.yaml"_s,
    u"infrastructure/nginx/namespace.yaml"_s,
    u"infrastructure/nginx/release.yaml"_s,
    u"infrastructure/redis/kustomization.yaml"_s,
    u"infrastructure/redis/namespace.yaml"_s,
    u"infrastructure/redis/release.yaml"_s,
    u"infrastructure/sources/bitnami.yaml"_s,
    u"infrastructure/sources/ingress-nginx.yaml"_s,
    u"infrastructure/sources/kustomization.yaml"_s,
    u"infrastructure/sources/podinfo.yaml"_s,
};

const QStringList productionFiles = {
    u"apps/production/kustomization.yaml"_s,
    u"apps/production/podinfo-values.yaml"_s,
    u"clusters/production/apps.yaml"_s,
    u"clusters/production/infrastructure.yaml"_s,
};

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

GitRepositoryPtr open(const QString &path)
{
    git_repository *repository = nullptr;
    if (git_repository_open_bare(&repository, QFile::encodeName(path).constData()) < 0)
        return nullptr;
    return GitRepositoryPtr(repository);
}

GitCommitPtr commitAt(git_repository *repository, const char *reference)
{
    git_object *object = nullptr;
    if (git_revparse_single(&object, repository, reference) < 0)
        return nullptr;
    const GitObjectPtr owned(object);
    git_object *commit = nullptr;
    if (git_object_peel(&commit, object, GIT_OBJECT_COMMIT) < 0)
        return nullptr;
    return GitCommitPtr(reinterpret_cast<git_commit *>(commit));
}

QString yamlScalar(const YAML::Node &node, std::initializer_list<const char *> path)
{
    YAML::Node current = node;
    for (const char *key : path) {
        if (!current.IsMap())
            return {};
        // reset() rebinds; operator= would write into the document.
        current.reset(current[key]);
    }
    return current.IsScalar() ? QString::fromStdString(current.as<std::string>()) : QString();
}

} // namespace

class TestDemoRepository : public QObject
{
    Q_OBJECT

private:
    const Fluxdeck::Git::GitLibrary m_library;
    QTemporaryDir m_state;
    QString m_path;
    QString m_head;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_state.isValid());
        m_path = m_state.filePath(u"github.com/Azure/gitops-flux2-kustomize-helm-mt.git"_s);
        const auto head = ensureDemoRepository(m_path);
        QVERIFY2(head, failureText(head));
        m_head = *head;
    }

    void isBareWithMainAsHead()
    {
        const auto repository = open(m_path);
        QVERIFY(repository);
        QVERIFY(git_repository_is_bare(repository.get()));
        git_reference *head = nullptr;
        QCOMPARE(git_reference_lookup(&head, repository.get(), "HEAD"), 0);
        const GitReferencePtr owned(head);
        QCOMPARE(QByteArray(git_reference_symbolic_target(head)), QByteArray("refs/heads/main"));
        const auto main = commitAt(repository.get(), "refs/heads/main");
        QVERIFY(main);
        QCOMPARE(oidToString(*git_commit_id(main.get())), m_head);
    }

    void stableAcrossRuns()
    {
        QCOMPARE(m_head, expectedMain);
        // Built again elsewhere (another run, another machine): the same objects.
        QTemporaryDir other;
        const auto again = ensureDemoRepository(other.filePath(u"demo.git"_s));
        QVERIFY(again);
        QCOMPARE(*again, m_head);
    }

    // Objects git itself accepts, strictly, and the same history it reads.
    void gitAgrees()
    {
        const QString git = QStandardPaths::findExecutable(u"git"_s);
        if (git.isEmpty())
            QSKIP("the git command is not installed");
        QProcess fsck;
        fsck.setProcessChannelMode(QProcess::MergedChannels);
        fsck.start(git, { u"--git-dir"_s, m_path, u"fsck"_s, u"--strict"_s, u"--no-dangling"_s });
        QVERIFY(fsck.waitForFinished(60000));
        QVERIFY2(fsck.exitCode() == 0, fsck.readAll().constData());

        QProcess log;
        log.start(git, { u"--git-dir"_s, m_path, u"log"_s, u"--format=%H %an <%ae> %at %s"_s, u"main"_s });
        QVERIFY(log.waitForFinished(60000));
        QCOMPARE(log.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(log.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0),
            m_head
                + u" Fluxdeck Sandbox <sandbox@fluxdeck.invalid> 1715608800 Production: podinfo with three replicas"_s);
        QVERIFY(lines.at(1).endsWith(
            u" Fluxdeck Sandbox <sandbox@fluxdeck.invalid> 1714986000 Staging: infrastructure and podinfo"_s));
    }

    void idempotent()
    {
        const auto again = ensureDemoRepository(m_path);
        QVERIFY(again);
        QCOMPARE(*again, m_head);
        // Built beside the target and renamed: nothing else is left in the folder.
        QCOMPARE(QDir(m_state.filePath(u"github.com/Azure"_s)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
            QStringList { u"gitops-flux2-kustomize-helm-mt.git"_s });
    }

    void keepsChangesMadeSince()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"demo.git"_s);
        QVERIFY(ensureDemoRepository(path));
        const auto pushed = commitFiles(
            path, u"main"_s, { { u"apps/staging/extra.yaml"_s, QByteArray("a: 1\n") } }, u"A change pushed later"_s);
        QVERIFY2(pushed, failureText(pushed));
        const auto again = ensureDemoRepository(path);
        QVERIFY(again);
        QCOMPARE(*again, *pushed);
    }

    void refusesWhatIsNotARepository()
    {
        QTemporaryDir dir;
        QFile stray(dir.filePath(u"notes.txt"_s));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();
        const auto result = ensureDemoRepository(dir.path());
        QVERIFY(!result);
        QCOMPARE(result.error().message, u"%1 exists but is not a Git repository."_s.arg(dir.path()));
    }

    void references()
    {
        const auto repository = open(m_path);
        QVERIFY(repository);
        git_strarray names {};
        QCOMPARE(git_reference_list(&names, repository.get()), 0);
        QStringList list;
        for (size_t i = 0; i < names.count; ++i)
            list.append(QString::fromUtf8(names.strings[i]));
        git_strarray_dispose(&names);
        list.sort();
        QCOMPARE(list, (QStringList { u"refs/heads/main"_s, u"refs/heads/release"_s, u"refs/tags/v1.0.0"_s }));

        // v1.0.0 is annotated and names the commit release points to, main's parent.
        git_oid tagId;
        QCOMPARE(git_reference_name_to_id(&tagId, repository.get(), "refs/tags/v1.0.0"), 0);
        git_tag *tag = nullptr;
        QCOMPARE(git_tag_lookup(&tag, repository.get(), &tagId), 0);
        const GitTagPtr ownedTag(tag);
        QCOMPARE(QByteArray(git_tag_message(tag)), QByteArray("First release: staging runs podinfo\n"));
        QCOMPARE(QByteArray(git_tag_tagger(tag)->name), QByteArray("Fluxdeck Sandbox"));
        const auto release = commitAt(repository.get(), "refs/heads/release");
        const auto mainParent = commitAt(repository.get(), "main~1");
        QVERIFY(release && mainParent);
        QVERIFY(git_oid_equal(git_tag_target_id(tag), git_commit_id(release.get())));
        QVERIFY(git_oid_equal(git_commit_id(mainParent.get()), git_commit_id(release.get())));
    }

    void history_data()
    {
        QTest::addColumn<QByteArray>("reference");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<qint64>("time");
        QTest::addColumn<uint>("parents");
        QTest::newRow("main") << QByteArray("main") << u"Production: podinfo with three replicas"_s
                              << qint64(1715608800) << 1u;
        QTest::newRow("release") << QByteArray("release") << u"Staging: infrastructure and podinfo"_s
                                 << qint64(1714986000) << 0u;
    }

    void history()
    {
        QFETCH(QByteArray, reference);
        QFETCH(QString, summary);
        QFETCH(qint64, time);
        QFETCH(uint, parents);
        const auto repository = open(m_path);
        const auto commit = commitAt(repository.get(), reference.constData());
        QVERIFY(commit);
        QCOMPARE(QString::fromUtf8(git_commit_summary(commit.get())), summary);
        QCOMPARE(git_commit_parentcount(commit.get()), parents);
        for (const git_signature *signature : { git_commit_author(commit.get()), git_commit_committer(commit.get()) }) {
            QCOMPARE(QByteArray(signature->name), QByteArray("Fluxdeck Sandbox"));
            QCOMPARE(QByteArray(signature->email), QByteArray("sandbox@fluxdeck.invalid"));
            QCOMPARE(qint64(signature->when.time), time);
            QCOMPARE(signature->when.offset, 0);
        }
    }

    void tree_data()
    {
        QTest::addColumn<QByteArray>("reference");
        QTest::addColumn<QStringList>("files");
        QTest::newRow("main") << QByteArray("main") << sorted(stagingFiles + productionFiles);
        QTest::newRow("v1.0.0") << QByteArray("v1.0.0") << stagingFiles;
    }

    void tree()
    {
        QFETCH(QByteArray, reference);
        QFETCH(QStringList, files);
        const auto repository = open(m_path);
        const auto commit = commitAt(repository.get(), reference.constData());
        QVERIFY(commit);
        git_tree *tree = nullptr;
        QCOMPARE(git_commit_tree(&tree, commit.get()), 0);
        const GitTreePtr owned(tree);
        QStringList paths;
        const int rc = git_tree_walk(
            tree, GIT_TREEWALK_PRE,
            [](const char *root, const git_tree_entry *entry, void *payload) -> int {
                if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
                    // Plain files only: no executables, no symbolic links.
                    const bool plain = git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB;
                    static_cast<QStringList *>(payload)->append(QString::fromUtf8(root)
                        + QString::fromUtf8(git_tree_entry_name(entry)) + (plain ? u""_s : u" (not a plain file)"_s));
                }
                return 0;
            },
            &paths);
        QCOMPARE(rc, 0);
        paths.sort();
        QCOMPARE(paths, files);
        if (reference == "main")
            QCOMPARE(demoRepositoryFiles(), files);
    }

    void manifests_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("kinds"); // "apiVersion kind name namespace", one per document

        const QString kustomize = u"kustomize.config.k8s.io/v1beta1 Kustomization"_s;
        for (const char *path : { "infrastructure/kustomization.yaml", "infrastructure/sources/kustomization.yaml",
                 "infrastructure/nginx/kustomization.yaml", "infrastructure/redis/kustomization.yaml",
                 "apps/base/podinfo/kustomization.yaml", "apps/staging/kustomization.yaml",
                 "apps/production/kustomization.yaml" })
            QTest::newRow(path) << QString::fromLatin1(path) << QStringList { kustomize + u"  "_s };

        const auto row = [](const char *path, const QString &kind) {
            QTest::newRow(path) << QString::fromLatin1(path) << QStringList { kind };
        };
        row("infrastructure/sources/bitnami.yaml",
            u"source.toolkit.fluxcd.io/v1 HelmRepository bitnami cluster-config"_s);
        row("infrastructure/sources/ingress-nginx.yaml",
            u"source.toolkit.fluxcd.io/v1 HelmRepository ingress-nginx cluster-config"_s);
        row("infrastructure/sources/podinfo.yaml",
            u"source.toolkit.fluxcd.io/v1 HelmRepository podinfo cluster-config"_s);
        row("infrastructure/nginx/namespace.yaml", u"v1 Namespace nginx "_s);
        row("infrastructure/nginx/release.yaml", u"helm.toolkit.fluxcd.io/v2 HelmRelease nginx cluster-config"_s);
        row("infrastructure/redis/namespace.yaml", u"v1 Namespace redis "_s);
        row("infrastructure/redis/release.yaml", u"helm.toolkit.fluxcd.io/v2 HelmRelease redis cluster-config"_s);
        row("apps/base/podinfo/namespace.yaml", u"v1 Namespace podinfo "_s);
        row("apps/base/podinfo/release.yaml", u"helm.toolkit.fluxcd.io/v2 HelmRelease podinfo cluster-config"_s);
        row("apps/staging/podinfo-values.yaml", u"helm.toolkit.fluxcd.io/v2 HelmRelease podinfo cluster-config"_s);
        row("apps/production/podinfo-values.yaml", u"helm.toolkit.fluxcd.io/v2 HelmRelease podinfo cluster-config"_s);
        for (const char *path : { "clusters/staging/infrastructure.yaml", "clusters/production/infrastructure.yaml" })
            row(path, u"kustomize.toolkit.fluxcd.io/v1 Kustomization infrastructure flux-system"_s);
        for (const char *path : { "clusters/staging/apps.yaml", "clusters/production/apps.yaml" })
            row(path, u"kustomize.toolkit.fluxcd.io/v1 Kustomization apps flux-system"_s);
    }

    void manifests()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, kinds);
        const auto files = readFiles(m_path, u"main"_s, path.section(u'/', 0, -2));
        QVERIFY2(files, failureText(files));
        QVERIFY(files->contains(path));
        std::vector<YAML::Node> documents;
        try {
            documents = YAML::LoadAll(files->value(path).toStdString());
        } catch (const YAML::Exception &error) {
            QFAIL(qPrintable(u"%1:%2:%3: %4"_s.arg(path)
                                 .arg(error.mark.line + 1)
                                 .arg(error.mark.column + 1)
                                 .arg(QString::fromStdString(error.msg))));
        }
        QStringList actual;
        for (const YAML::Node &document : documents) {
            actual.append(QStringList { yamlScalar(document, { "apiVersion" }), yamlScalar(document, { "kind" }),
                yamlScalar(document, { "metadata", "name" }), yamlScalar(document, { "metadata", "namespace" }) }
                              .join(u' '));
        }
        QCOMPARE(actual, kinds);
    }

    // Every kustomization lists files and folders that exist, and every HelmRelease uses a
    // HelmRepository of its own namespace (multi-tenancy forbids anything else).
    void manifestsAreConsistent()
    {
        const auto files = readFiles(m_path, u"main"_s, u"."_s);
        QVERIFY(files);
        QSet<QString> repositories;
        QList<std::pair<QString, YAML::Node>> releases;
        for (auto it = files->cbegin(); it != files->cend(); ++it) {
            if (!it.key().endsWith(u".yaml"_s))
                continue;
            const YAML::Node document = YAML::Load(it.value().toStdString());
            const QString kind = yamlScalar(document, { "kind" });
            const QString directory = it.key().section(u'/', 0, -2);
            if (kind == u"HelmRepository"_s)
                repositories.insert(yamlScalar(document, { "metadata", "namespace" }) + u'/'
                    + yamlScalar(document, { "metadata", "name" }));
            if (kind == u"HelmRelease"_s && !it.key().endsWith(u"-values.yaml"_s))
                releases.append({ it.key(), document });
            if (kind == u"Kustomization"_s
                && yamlScalar(document, { "apiVersion" }).startsWith(u"kustomize.config"_s)) {
                for (const YAML::Node &resource : document["resources"]) {
                    const QString target
                        = QDir::cleanPath(directory + u'/' + QString::fromStdString(resource.as<std::string>()));
                    const bool exists = files->contains(target)
                        || std::any_of(files->keyBegin(), files->keyEnd(),
                            [&](const QString &file) { return file.startsWith(target + u'/'); });
                    QVERIFY2(exists, qPrintable(it.key() + u" lists missing "_s + target));
                }
                for (const YAML::Node &patch : document["patches"]) {
                    const QString target = directory + u'/' + QString::fromStdString(patch["path"].as<std::string>());
                    QVERIFY2(files->contains(target), qPrintable(it.key() + u" patches with missing "_s + target));
                }
            }
        }
        QCOMPARE(repositories.size(), 3);
        QCOMPARE(releases.size(), 3);
        for (const auto &[path, release] : std::as_const(releases)) {
            QCOMPARE(yamlScalar(release, { "spec", "chart", "spec", "sourceRef", "kind" }), u"HelmRepository"_s);
            const QString source = yamlScalar(release, { "metadata", "namespace" }) + u'/'
                + yamlScalar(release, { "spec", "chart", "spec", "sourceRef", "name" });
            QVERIFY2(repositories.contains(source), qPrintable(path + u" uses "_s + source));
            QVERIFY2(!yamlScalar(release, { "spec", "interval" }).isEmpty(), qPrintable(path));
            QVERIFY2(!yamlScalar(release, { "spec", "targetNamespace" }).isEmpty(), qPrintable(path));
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoRepository)
#include "tst_demorepository.moc"
