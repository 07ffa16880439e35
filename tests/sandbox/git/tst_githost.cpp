#include "git/githost.h"
#include "git/repositorycontent.h"
#include "resultmessage.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;
using Fluxdeck::Test::failureText;

namespace {


const QString demoPath = u"/git/github.com/Azure/gitops-flux2-kustomize-helm-mt.git"_s;

} // namespace

class TestGitHost : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_state;
    std::unique_ptr<GitHost> m_host;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_state.isValid());
        m_host = std::make_unique<GitHost>(m_state.path());
        const auto demo = m_host->ensureDemo();
        QVERIFY2(demo, failureText(demo));
        const auto other = m_host->create(QUrl(u"https://dev.azure.com/contoso/platform/_git/cluster-config"_s));
        QVERIFY2(other, failureText(other));
    }

    void repositoryKey_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("key"); // empty: refused
        const QString demo = u"github.com/Azure/gitops-flux2-kustomize-helm-mt"_s;
        QTest::newRow("as the tutorial writes it")
            << u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s << demo;
        QTest::newRow(".git") << u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt.git"_s << demo;
        QTest::newRow("trailing slash") << u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt/"_s << demo;
        QTest::newRow("host in capitals") << u"HTTPS://GitHub.COM/Azure/gitops-flux2-kustomize-helm-mt.git/"_s << demo;
        QTest::newRow("http") << u"http://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s << demo;
        QTest::newRow("port") << u"https://git.example.com:8443/team/sub/repo.git"_s
                              << u"git.example.com:8443/team/sub/repo"_s;
        QTest::newRow("Azure Repos") << u"https://dev.azure.com/contoso/platform/_git/cluster-config"_s
                                     << u"dev.azure.com/contoso/platform/_git/cluster-config"_s;
        QTest::newRow("ssh") << u"ssh://git@github.com/Azure/x"_s << QString();
        QTest::newRow("file") << u"file:///tmp/repo.git"_s << QString();
        QTest::newRow("no path") << u"https://github.com/"_s << QString();
        QTest::newRow("climbing") << u"https://github.com/Azure/../../etc"_s << QString();
        QTest::newRow("only .git") << u"https://github.com/.git"_s << QString();
        QTest::newRow("space") << u"https://github.com/Azure/a b"_s << QString();
        QTest::newRow("not a URL") << u"gitops"_s << QString();
    }

    void repositoryKey()
    {
        QFETCH(QString, url);
        QFETCH(QString, key);
        const auto result = GitHost::repositoryKey(QUrl(url));
        if (key.isEmpty()) {
            QVERIFY(!result);
            QCOMPARE(result.error().message,
                u"'%1' is not a Git repository URL the sandbox can host."_s.arg(QUrl(url).toString()));
        } else {
            QVERIFY2(result, failureText(result));
            QCOMPARE(*result, key);
        }
    }

    void demoRepository()
    {
        const auto demo = m_host->ensureDemo();
        QVERIFY2(demo, failureText(demo));
        QCOMPARE(demo->publicUrl, GitHost::demoUrl());
        QCOMPARE(demo->publicUrl, QUrl(u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s));
        QCOMPARE(demo->barePath, m_state.filePath(u"git/github.com/Azure/gitops-flux2-kustomize-helm-mt.git"_s));
        QCOMPARE(demo->sandboxPath, demoPath);
        QCOMPARE(m_host->root(), m_state.filePath(u"git"_s));
        QVERIFY(resolve(demo->barePath, u"main"_s));
    }

    void find_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("sandboxPath"); // empty: not hosted
        QTest::newRow("demo") << u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s << demoPath;
        QTest::newRow("demo, .git and capitals")
            << u"https://GITHUB.com/Azure/gitops-flux2-kustomize-helm-mt.git"_s << demoPath;
        QTest::newRow("Azure Repos") << u"https://dev.azure.com/contoso/platform/_git/cluster-config"_s
                                     << u"/git/dev.azure.com/contoso/platform/_git/cluster-config.git"_s;
        QTest::newRow("unknown") << u"https://github.com/Azure/nope"_s << QString();
        // Paths keep their case, as the folders on disk do.
        QTest::newRow("path case") << u"https://github.com/azure/gitops-flux2-kustomize-helm-mt"_s << QString();
        QTest::newRow("invalid") << u"ssh://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s << QString();
    }

    void find()
    {
        QFETCH(QString, url);
        QFETCH(QString, sandboxPath);
        const auto found = m_host->find(QUrl(url));
        QCOMPARE(found.has_value(), !sandboxPath.isEmpty());
        if (found) {
            QCOMPARE(found->sandboxPath, sandboxPath);
            QCOMPARE(found->barePath, m_host->root() + sandboxPath.mid(4));
        }
    }

    void createIsIdempotent()
    {
        const QUrl url(u"https://example.com/team/app"_s);
        QVERIFY(!m_host->find(url));
        const auto created = m_host->create(url);
        QVERIFY2(created, failureText(created));
        QVERIFY(m_host->find(url));
        QVERIFY(commitFiles(created->barePath, u"main"_s, { { u"README.md"_s, QByteArray("app\n") } }, u"First"_s));
        const auto again = m_host->create(QUrl(u"https://EXAMPLE.com/team/app.git"_s));
        QVERIFY2(again, failureText(again));
        QCOMPARE(again->barePath, created->barePath);
        QVERIFY(resolve(again->barePath, u"main"_s)); // not emptied
        QVERIFY(!m_host->create(QUrl(u"https://example.com/"_s)));
    }

    void repositoriesSurviveARestart()
    {
        QVERIFY(m_host->create(QUrl(u"https://example.com/team/listed"_s)));
        // A half-built demo from a crash is not a repository.
        QVERIFY(
            QDir(m_host->root()).mkpath(u"github.com/Azure/gitops-flux2-kustomize-helm-mt.git.partial-1234/objects"_s));
        const GitHost restarted(m_state.path());
        QStringList paths;
        for (const GitHost::Repository &repository : restarted.repositories())
            paths.append(repository.sandboxPath);
        QVERIFY(paths.contains(demoPath));
        QVERIFY(paths.contains(u"/git/example.com/team/listed.git"_s));
        QVERIFY(paths.contains(u"/git/dev.azure.com/contoso/platform/_git/cluster-config.git"_s));
        QVERIFY(std::is_sorted(paths.cbegin(), paths.cend()));
        QVERIFY(!paths.join(u' ').contains(u"partial"_s));
        QVERIFY(restarted.find(GitHost::demoUrl()));
    }

    void endpoint_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("sandboxPath"); // empty: no endpoint
        QTest::addColumn<int>("service");
        const int infoRefs = int(GitHost::Service::InfoRefs);
        QTest::newRow("info/refs") << demoPath + u"/info/refs"_s << demoPath << infoRefs;
        QTest::newRow("without .git") << u"/git/github.com/Azure/gitops-flux2-kustomize-helm-mt/info/refs"_s << demoPath
                                      << infoRefs;
        QTest::newRow("host in capitals")
            << u"/git/GitHub.com/Azure/gitops-flux2-kustomize-helm-mt.git/git-upload-pack"_s << demoPath
            << int(GitHost::Service::UploadPack);
        QTest::newRow("receive-pack") << demoPath + u"/git-receive-pack"_s << demoPath
                                      << int(GitHost::Service::ReceivePack);
        QTest::newRow("Azure Repos") << u"/git/dev.azure.com/contoso/platform/_git/cluster-config/info/refs"_s
                                     << u"/git/dev.azure.com/contoso/platform/_git/cluster-config.git"_s << infoRefs;
        QTest::newRow("unknown repository") << u"/git/github.com/Azure/nope.git/info/refs"_s << QString() << 0;
        QTest::newRow("dumb HTTP file") << demoPath + u"/HEAD"_s << QString() << 0;
        QTest::newRow("repository itself") << demoPath << QString() << 0;
        QTest::newRow("climbing") << u"/git/github.com/../../etc/info/refs"_s << QString() << 0;
        QTest::newRow("no host") << u"/git/info/refs"_s << QString() << 0;
        QTest::newRow("other prefix")
            << u"/subscriptions/github.com/Azure/gitops-flux2-kustomize-helm-mt.git/info/refs"_s << QString() << 0;
    }

    void endpoint()
    {
        QFETCH(QString, path);
        QFETCH(QString, sandboxPath);
        QFETCH(int, service);
        const auto found = m_host->endpoint(path);
        QCOMPARE(found.has_value(), !sandboxPath.isEmpty());
        if (found) {
            QCOMPARE(found->repository.sandboxPath, sandboxPath);
            QCOMPARE(int(found->service), service);
        }
    }

    void handle_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("service");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("allow");
        const QByteArray text = "text/plain; charset=utf-8";
        QTest::newRow("advertisement") << QByteArray("GET") << demoPath + u"/info/refs"_s << u"git-upload-pack"_s << 200
                                       << QByteArray("application/x-git-upload-pack-advertisement") << QByteArray();
        QTest::newRow("upload-pack") << QByteArray("POST") << demoPath + u"/git-upload-pack"_s << QString() << 200
                                     << QByteArray("application/x-git-upload-pack-result") << QByteArray();
        QTest::newRow("push advertisement")
            << QByteArray("GET") << demoPath + u"/info/refs"_s << u"git-receive-pack"_s << 403 << text << QByteArray();
        QTest::newRow("push") << QByteArray("POST") << demoPath + u"/git-receive-pack"_s << QString() << 403 << text
                              << QByteArray();
        QTest::newRow("POST info/refs") << QByteArray("POST") << demoPath + u"/info/refs"_s << u"git-upload-pack"_s
                                        << 405 << text << QByteArray("GET, HEAD");
        QTest::newRow("GET upload-pack") << QByteArray("GET") << demoPath + u"/git-upload-pack"_s << QString() << 405
                                         << text << QByteArray("POST");
        QTest::newRow("unknown") << QByteArray("GET") << u"/git/github.com/Azure/nope.git/info/refs"_s
                                 << u"git-upload-pack"_s << 404 << text << QByteArray();
    }

    void handle()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, service);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, allow);
        const auto response = m_host->handle(method, path, service, QByteArrayLiteral("0000"), {});
        QCOMPARE(response.status, status);
        QCOMPARE(response.contentType, contentType);
        QByteArray allowHeader;
        for (const auto &[name, value] : response.headers) {
            if (name == "Allow")
                allowHeader = value;
        }
        QCOMPARE(allowHeader, allow);
    }

    void insteadOf()
    {
        QVERIFY(m_host->create(QUrl(u"https://example.com/team/rewrite"_s)));
        const QMap<QString, QString> rewrites = m_host->insteadOf(QUrl(u"https://127.0.0.1:8443/"_s));
        QCOMPARE(rewrites.value(u"https://127.0.0.1:8443/git/github.com/"_s), u"https://github.com/"_s);
        QCOMPARE(rewrites.value(u"https://127.0.0.1:8443/git/example.com/"_s), u"https://example.com/"_s);
        QCOMPARE(rewrites.value(u"https://127.0.0.1:8443/git/dev.azure.com/"_s), u"https://dev.azure.com/"_s);
        QCOMPARE(rewrites.size(), 3);
        // Applying a rewrite to a public URL gives the path endpoint() serves.
        const QString rewritten = GitHost::demoUrl().toString().replace(
            u"https://github.com/"_s, u"https://127.0.0.1:8443/git/github.com/"_s);
        QVERIFY(m_host->endpoint(QUrl(rewritten).path() + u"/info/refs"_s));
    }
};

QTEST_GUILESS_MAIN(TestGitHost)
#include "tst_githost.moc"
