#include "git/demorepository.h"
#include "git/githandles.h"
#include "git/githost.h"
#include "git/gitsmarthttp.h"
#include "git/pktline.h"
#include "git/repositorycontent.h"
#include "resultmessage.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QHttpHeaders>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <git2/sys/odb_backend.h>
#include <zlib.h>

#include <chrono>
#include <future>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;
using Fluxdeck::Test::failureText;

namespace {


const QByteArray capabilities = "multi_ack_detailed side-band-64k thin-pack ofs-delta shallow no-progress include-tag";
const QByteArray clientCapabilities = " multi_ack_detailed side-band-64k ofs-delta no-progress agent=test/1";

// An upload-pack response taken apart: the negotiation lines ("FLUSH" for a flush), then what
// came on each side-band channel, or the raw pack when there was no side-band.
struct UploadResult
{
    QStringList lines;
    QByteArray pack;
    QByteArray progress;
    QByteArray error;
};

UploadResult parseUploadResult(const QByteArray &body)
{
    UploadResult result;
    bool sideband = false; // the flush ending the side-band is not a negotiation line
    qsizetype offset = 0;
    while (offset < body.size()) {
        if (body.sliced(offset).startsWith("PACK")) {
            result.pack = body.sliced(offset);
            break;
        }
        const int length = body.mid(offset, 4).toInt(nullptr, 16);
        if (length == 0) {
            if (!sideband)
                result.lines.append(u"FLUSH"_s);
            offset += 4;
            continue;
        }
        const QByteArray payload = body.mid(offset + 4, length - 4);
        offset += length;
        sideband = sideband || (payload.at(0) >= 1 && payload.at(0) <= 3);
        switch (payload.at(0)) {
        case 1:
            result.pack += payload.mid(1);
            break;
        case 2:
            result.progress += payload.mid(1);
            break;
        case 3:
            result.error += payload.mid(1);
            break;
        default:
            result.lines.append(QString::fromUtf8(payload.endsWith('\n') ? payload.chopped(1) : payload));
        }
    }
    return result;
}

QByteArray request(const QList<QByteArray> &lines)
{
    QByteArray body;
    for (const QByteArray &untrimmed : lines) {
        const QByteArray line = untrimmed.trimmed();
        body += line == "FLUSH" ? PktLine::flush() : PktLine::encode(line + '\n');
    }
    return body;
}

QByteArray gzip(const QByteArray &data)
{
    z_stream stream {};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return rc == Z_STREAM_END ? out : QByteArray();
}

// Indexes pack into the bare repository at path (created when missing); returns the object count.
Fluxdeck::Domain::Result<unsigned int> storePack(const QString &path, const QByteArray &pack)
{
    git_repository *raw = nullptr;
    if (const int rc = git_repository_init(&raw, QFile::encodeName(path).constData(), 1); rc < 0)
        return gitFailure(u"init"_s, rc);
    const GitRepositoryPtr repository(raw);
    git_odb *rawOdb = nullptr;
    if (const int rc = git_repository_odb(&rawOdb, repository.get()); rc < 0)
        return gitFailure(u"odb"_s, rc);
    const GitOdbPtr odb(rawOdb);
    git_odb_writepack *writepack = nullptr;
    if (const int rc = git_odb_write_pack(&writepack, odb.get(), nullptr, nullptr); rc < 0)
        return gitFailure(u"write_pack"_s, rc);
    const auto cleanup = qScopeGuard([writepack] { writepack->free(writepack); });
    git_indexer_progress stats {};
    if (const int rc = writepack->append(writepack, pack.constData(), size_t(pack.size()), &stats); rc < 0)
        return gitFailure(u"append"_s, rc);
    if (const int rc = writepack->commit(writepack, &stats); rc < 0)
        return gitFailure(u"commit"_s, rc);
    return stats.total_objects;
}

// The trees and blobs under a commit's tree (ids in hex).
QSet<QByteArray> treeObjects(const QString &repoPath, const QString &sha)
{
    const auto repository = openGitRepository(repoPath);
    git_oid id;
    oidFromHex(sha.toLatin1(), &id);
    git_commit *rawCommit = nullptr;
    git_commit_lookup(&rawCommit, repository->get(), &id);
    const GitCommitPtr commit(rawCommit);
    git_tree *rawTree = nullptr;
    git_commit_tree(&rawTree, commit.get());
    const GitTreePtr tree(rawTree);
    QSet<QByteArray> ids { oidToHex(*git_tree_id(rawTree)) };
    git_tree_walk(
        rawTree, GIT_TREEWALK_PRE,
        [](const char *, const git_tree_entry *entry, void *payload) -> int {
            static_cast<QSet<QByteArray> *>(payload)->insert(oidToHex(*git_tree_entry_id(entry)));
            return 0;
        },
        &ids);
    return ids;
}

struct CloneResult
{
    int code = 0;
    QString error;
    unsigned int receivedObjects = 0;
};

struct CloneSettings
{
    QString url;
    QString path;
    int depth = 0;
    // url.<insteadOfBase>.insteadOf https://github.com/ in the new repository's configuration
    QString insteadOfBase;
};

// git_clone is blocking: it runs on a worker thread while the test's event loop serves it.
CloneResult cloneWithLibgit2(const CloneSettings &settings)
{
    const Fluxdeck::Git::GitLibrary library;
    git_clone_options options = GIT_CLONE_OPTIONS_INIT;
    options.fetch_opts.depth = settings.depth;
    if (!settings.insteadOfBase.isEmpty()) {
        options.remote_cb = [](git_remote **out, git_repository *repository, const char *name, const char *url,
                                void *payload) -> int {
            git_config *rawConfig = nullptr;
            if (const int rc = git_repository_config(&rawConfig, repository); rc < 0)
                return rc;
            const std::unique_ptr<git_config, GitFree<git_config_free>> config(rawConfig);
            const QByteArray key = "url." + static_cast<const QString *>(payload)->toUtf8() + ".insteadOf";
            if (const int rc = git_config_set_string(config.get(), key.constData(), "https://github.com/"); rc < 0)
                return rc;
            return git_remote_create(out, repository, name, url);
        };
        options.remote_cb_payload = const_cast<QString *>(&settings.insteadOfBase);
    }
    git_repository *repository = nullptr;
    const int code = git_clone(
        &repository, settings.url.toUtf8().constData(), QFile::encodeName(settings.path).constData(), &options);
    const GitRepositoryPtr owned(repository);
    return { code, code < 0 ? gitErrorText(code) : QString(), 0 };
}

CloneResult fetchWithLibgit2(const QString &path)
{
    const Fluxdeck::Git::GitLibrary library;
    const auto repository = openGitRepository(path);
    if (!repository)
        return { -1, repository.error().toString(), 0 };
    git_remote *rawRemote = nullptr;
    if (const int rc = git_remote_lookup(&rawRemote, repository->get(), "origin"); rc < 0)
        return { rc, gitErrorText(rc), 0 };
    const std::unique_ptr<git_remote, GitFree<git_remote_free>> remote(rawRemote);
    const int code = git_remote_fetch(remote.get(), nullptr, nullptr, nullptr);
    return { code, code < 0 ? gitErrorText(code) : QString(), git_remote_stats(remote.get())->total_objects };
}

// Runs a blocking libgit2 call on a thread of its own while the test's event loop serves it.
// A std::thread rather than a QThreadPool one: QThread::wait() returns before the thread has run
// its thread-local destructors, so a git_libgit2_shutdown() right after can leak libgit2's
// per-thread error state; the future of std::async joins the thread completely.
template<typename Function> std::future<CloneResult> onWorkerThread(Function function)
{
    return std::async(std::launch::async, std::move(function));
}

bool isReady(const std::future<CloneResult> &future)
{
    return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Post:
        return "POST";
    default:
        return "OTHER";
    }
}

} // namespace

class TestGitSmartHttp : public QObject
{
    Q_OBJECT

private:
    const Fluxdeck::Git::GitLibrary m_library;
    const GitSmartHttp m_smartHttp;
    QTemporaryDir m_state;
    std::unique_ptr<GitHost> m_host;
    QString m_demo; // the bare repository
    QString m_main; // its main and release commits, and the v1.0.0 tag object
    QString m_release;
    QString m_tag;
    QHttpServer m_server;
    QString m_base; // http://127.0.0.1:<port>
    QList<QByteArray> m_requests; // "METHOD path Content-Encoding"

    QString demoUrl() const { return m_base + u"/git/github.com/Azure/gitops-flux2-kustomize-helm-mt.git"_s; }

    // Runs git with a clean environment (no user or system configuration, no prompts) and waits,
    // serving requests meanwhile, for it to end.
    bool runGit(const QStringList &arguments, const QString &workingDirectory, QByteArray *output = nullptr,
        bool failureExpected = false)
    {
        const QString git = QStandardPaths::findExecutable(u"git"_s);
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name :
            { u"http_proxy"_s, u"https_proxy"_s, u"HTTP_PROXY"_s, u"HTTPS_PROXY"_s, u"all_proxy"_s, u"ALL_PROXY"_s })
            environment.remove(name);
        environment.insert(u"HOME"_s, m_state.filePath(u"home"_s));
        environment.insert(u"GIT_CONFIG_NOSYSTEM"_s, u"1"_s);
        environment.insert(u"GIT_TERMINAL_PROMPT"_s, u"0"_s);
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(workingDirectory);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(git, arguments);
        if (!process.waitForStarted())
            return false;
        const bool ended
            = QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, QDeadlineTimer(120000));
        if (!ended) {
            process.kill();
            process.waitForFinished();
        }
        const QByteArray text = process.readAll();
        if (output)
            *output = text;
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            if (!failureExpected)
                qWarning().noquote() << "git" << arguments.join(u' ') << "failed:" << text;
            return false;
        }
        return true;
    }

    QString gitOutput(const QStringList &arguments, const QString &workingDirectory)
    {
        QByteArray output;
        if (!runGit(arguments, workingDirectory, &output))
            return {};
        return QString::fromUtf8(output).trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_state.isValid());
        QDir(m_state.path()).mkpath(u"home"_s);
        // Should the server stop answering, a worker gives up instead of hanging the test.
        QCOMPARE(git_libgit2_opts(GIT_OPT_SET_SERVER_TIMEOUT, 30000), 0);
        m_host = std::make_unique<GitHost>(m_state.path());
        const auto demo = m_host->ensureDemo();
        QVERIFY2(demo, failureText(demo));
        m_demo = demo->barePath;
        m_main = resolve(m_demo, u"main"_s).value_or(QString());
        m_release = resolve(m_demo, u"release"_s).value_or(QString());
        const auto repository = openGitRepository(m_demo);
        git_oid tag;
        QCOMPARE(git_reference_name_to_id(&tag, repository->get(), "refs/tags/v1.0.0"), 0);
        m_tag = oidToString(tag);

        // The routes the sandbox's HTTPS server will have, on plain loopback HTTP here.
        m_server.setMissingHandler(
            &m_server, [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
                const QByteArray encoding = request.value("Content-Encoding");
                m_requests.append(methodName(request.method()) + ' ' + request.url().path().toUtf8() + ' ' + encoding);
                const GitSmartHttp::Response response = m_host->handle(methodName(request.method()),
                    request.url().path(), request.query().queryItemValue(u"service"_s), request.body(), encoding);
                QHttpHeaders headers;
                headers.append(QHttpHeaders::WellKnownHeader::ContentType, response.contentType);
                for (const auto &[name, value] : response.headers)
                    headers.append(name, value);
                responder.write(response.body, headers, QHttpServerResponder::StatusCode(response.status));
            });
        auto *tcp = new QTcpServer(&m_server);
        QVERIFY(tcp->listen(QHostAddress::LocalHost, 0));
        QVERIFY(m_server.bind(tcp));
        m_base = u"http://127.0.0.1:%1"_s.arg(tcp->serverPort());
    }

    void init() { m_requests.clear(); }

    // --- the protocol, called directly ---------------------------------------------------

    void advertisement()
    {
        const auto response = m_smartHttp.infoRefs(m_demo, u"git-upload-pack"_s);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.contentType, QByteArray("application/x-git-upload-pack-advertisement"));
        QVERIFY(response.headers.contains(
            std::pair(QByteArray("Cache-Control"), QByteArray("no-cache, max-age=0, must-revalidate"))));
        const auto packets = PktLine::decodeAll(response.body);
        QVERIFY2(packets, failureText(packets));
        QList<QByteArray> lines;
        for (const PktLine &packet : *packets)
            lines.append(packet.kind == PktLine::Kind::Flush ? QByteArray("FLUSH") : packet.payload);
        const QByteArray main = m_main.toLatin1();
        const QByteArray release = m_release.toLatin1();
        QCOMPARE(lines,
            (QList<QByteArray> {
                "# service=git-upload-pack\n",
                "FLUSH",
                main + " HEAD" + '\0' + capabilities + " symref=HEAD:refs/heads/main agent=fluxdeck-sandbox/1\n",
                main + " refs/heads/main\n",
                release + " refs/heads/release\n",
                m_tag.toLatin1() + " refs/tags/v1.0.0\n",
                release + " refs/tags/v1.0.0^{}\n",
                "FLUSH",
            }));
    }

    void emptyRepositoryAdvertisement()
    {
        const auto empty = m_host->create(QUrl(u"https://example.com/team/empty"_s));
        QVERIFY2(empty, failureText(empty));
        const auto response = m_smartHttp.infoRefs(empty->barePath, u"git-upload-pack"_s);
        QCOMPARE(response.status, 200);
        const auto packets = PktLine::decodeAll(response.body);
        QVERIFY(packets);
        QCOMPARE(packets->size(), 4);
        QCOMPARE(packets->at(2).payload,
            QByteArray(40, '0') + " capabilities^{}" + '\0' + capabilities + " agent=fluxdeck-sandbox/1\n");
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("repository"); // "demo" or a missing path
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        const QByteArray readOnly = "Pushing is not supported: the sandbox's Git hosting is read-only.\n";
        QTest::newRow("receive-pack advertisement")
            << u"info/refs?service=git-receive-pack"_s << u"demo"_s << 403 << readOnly;
        QTest::newRow("receive-pack") << u"receive-pack"_s << u"demo"_s << 403 << readOnly;
        QTest::newRow("dumb HTTP")
            << u"info/refs"_s << u"demo"_s << 403
            << QByteArray("Only Git's smart HTTP protocol is served: ask for ?service=git-upload-pack.\n");
        QTest::newRow("unknown repository") << u"info/refs?service=git-upload-pack"_s << u"missing.git"_s << 404
                                            << QByteArray("Repository not found.\n");
        QTest::newRow("unknown repository, upload")
            << u"upload-pack"_s << u"missing.git"_s << 404 << QByteArray("Repository not found.\n");
        QTest::newRow("unknown repository, push")
            << u"receive-pack"_s << u"missing.git"_s << 404 << QByteArray("Repository not found.\n");
    }

    void refusals()
    {
        QFETCH(QString, call);
        QFETCH(QString, repository);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        const QString path = repository == u"demo"_s ? m_demo : m_state.filePath(repository);
        GitSmartHttp::Response response;
        if (call.startsWith(u"info/refs"_s))
            response = m_smartHttp.infoRefs(path, call.section(u'=', 1));
        else if (call == u"upload-pack"_s)
            response = m_smartHttp.uploadPack(path, request({ "FLUSH" }));
        else
            response = m_smartHttp.receivePack(path);
        QCOMPARE(response.status, status);
        QCOMPARE(response.contentType, QByteArray("text/plain; charset=utf-8"));
        QCOMPARE(response.body, body);
    }

    void negotiation_data()
    {
        QTest::addColumn<QByteArray>("requestLines");
        QTest::addColumn<QString>("responseLines");
        QTest::addColumn<bool>("hasPack");
        // Packet lines joined by " | ". @WANT@ is "want <main> <capabilities>"; @MAIN@, @RELEASE@
        // and @TAG@ stand for the demo's shas, @OTHER@ for one the server does not have.
        const auto row = [](const char *name, const char *request, const char *response, bool hasPack) {
            QTest::newRow(name) << QByteArray(request) << QString::fromLatin1(response) << hasPack;
        };
        row("clone", "@WANT@ | FLUSH | done", "NAK", true);
        row("round, common have: ready", "@WANT@ | FLUSH | have @RELEASE@ | FLUSH",
            "ACK @RELEASE@ common | ACK @RELEASE@ ready | NAK", false);
        row("round, unknown have", "@WANT@ | FLUSH | have @OTHER@ | FLUSH", "NAK", false);
        row("round, unknown after common: ready on it", "@WANT@ | FLUSH | have @RELEASE@ | have @OTHER@ | FLUSH",
            "ACK @RELEASE@ common | ACK @OTHER@ ready | NAK", false);
        row("round ends at the end of the body", "@WANT@ | FLUSH | have @RELEASE@",
            "ACK @RELEASE@ common | ACK @RELEASE@ ready | NAK", false);
        row("done with a common have", "@WANT@ | FLUSH | have @RELEASE@ | done", "ACK @RELEASE@ common | ACK @RELEASE@",
            true);
        row("done, nothing in common", "@WANT@ | FLUSH | have @OTHER@ | done", "NAK", true);
        row("plain multi_ack", "want @MAIN@ multi_ack side-band-64k | FLUSH | have @RELEASE@ | FLUSH",
            "ACK @RELEASE@ continue | NAK", false);
        row("no multi_ack", "want @MAIN@ side-band-64k | FLUSH | have @RELEASE@ | done", "ACK @RELEASE@", true);
        row("deepen", "@WANT@ | deepen 1 | FLUSH | done", "shallow @MAIN@ | FLUSH | NAK", true);
        row("deepen, first request of a stateless clone", "@WANT@ | deepen 1 | FLUSH", "shallow @MAIN@ | FLUSH", false);
        row("deepen past the root", "@WANT@ | deepen 5 | FLUSH | done", "FLUSH | NAK", true);
        row("deepen a shallow clone", "@WANT@ | shallow @MAIN@ | deepen 2 | FLUSH | have @MAIN@ | done",
            "shallow @RELEASE@ | unshallow @MAIN@ | FLUSH | ACK @MAIN@ common | ACK @MAIN@", true);
        row("unshallow", "@WANT@ | shallow @MAIN@ | deepen 2147483647 | FLUSH | have @MAIN@ | done",
            "unshallow @MAIN@ | FLUSH | ACK @MAIN@ common | ACK @MAIN@", true);
        row("want a tag", "want @TAG@ side-band-64k | FLUSH | done", "NAK", true);
        row("nothing wanted", "FLUSH", "", false);
        row("not our ref", "want @OTHER@ side-band-64k | FLUSH | done", "ERR upload-pack: not our ref @OTHER@", false);
        row("garbage", "hello", "ERR upload-pack: protocol error, expected to get object ID, not 'hello'", false);
        row("bad have", "@WANT@ | FLUSH | have xyz", "ERR upload-pack: expected SHA1 list, got 'have xyz'", false);
        row("deepen-since", "@WANT@ | deepen-since 1700000000 | FLUSH | done",
            "ERR upload-pack: deepen-since is not supported by this server", false);
    }

    void negotiation()
    {
        QFETCH(QByteArray, requestLines);
        QFETCH(QString, responseLines);
        QFETCH(bool, hasPack);
        const QByteArray other = "0123456789012345678901234567890123456789";
        requestLines.replace("@WANT@", QByteArray("want @MAIN@" + clientCapabilities))
            .replace("@MAIN@", m_main.toLatin1())
            .replace("@RELEASE@", m_release.toLatin1())
            .replace("@TAG@", m_tag.toLatin1())
            .replace("@OTHER@", other);
        responseLines.replace(u"@MAIN@"_s, m_main)
            .replace(u"@RELEASE@"_s, m_release)
            .replace(u"@OTHER@"_s, QString::fromLatin1(other));

        const auto response = m_smartHttp.uploadPack(m_demo, request(requestLines.split('|')));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.contentType, QByteArray("application/x-git-upload-pack-result"));
        const UploadResult result = parseUploadResult(response.body);
        QCOMPARE(result.lines.join(u" | "_s), responseLines);
        QCOMPARE(result.pack.startsWith("PACK"), hasPack);
        QVERIFY2(result.error.isEmpty(), result.error.constData());
        if (hasPack) {
            QTemporaryDir dir;
            const auto stored = storePack(dir.filePath(u"client.git"_s), result.pack);
            QVERIFY2(stored, failureText(stored));
        }
    }

    // What the packs hold: everything for a clone; only what is new for a fetch.
    void packContents()
    {
        const auto clone = parseUploadResult(
            m_smartHttp
                .uploadPack(m_demo, request({ "want " + m_main.toLatin1() + clientCapabilities, "FLUSH", "done" }))
                .body);
        QTemporaryDir dir;
        const QString client = dir.filePath(u"client.git"_s);
        const auto all = storePack(client, clone.pack);
        QVERIFY2(all, failureText(all));
        // Two commits and the distinct trees and blobs of both (no tag: include-tag was not asked for).
        QCOMPARE(qsizetype(*all), 2 + (treeObjects(m_demo, m_main) | treeObjects(m_demo, m_release)).size());
        QCOMPARE(readFiles(client, m_main, u"."_s).value_or(QMap<QString, QByteArray>()).keys(), demoRepositoryFiles());

        // A fetch by a client that has release: the new commit, the trees on the way to
        // apps/production and clusters/production, and the two new blobs. Production's
        // kustomization.yaml and infrastructure.yaml equal staging's, which the client has.
        const auto fetch = parseUploadResult(m_smartHttp
                                                 .uploadPack(m_demo,
                                                     request({ "want " + m_main.toLatin1() + clientCapabilities,
                                                         "FLUSH", "have " + m_release.toLatin1(), "done" }))
                                                 .body);
        QTemporaryDir incremental;
        const QString second = incremental.filePath(u"client.git"_s);
        const auto releaseOnly = parseUploadResult(
            m_smartHttp
                .uploadPack(m_demo, request({ "want " + m_release.toLatin1() + clientCapabilities, "FLUSH", "done" }))
                .body);
        QVERIFY(storePack(second, releaseOnly.pack));
        const auto added = storePack(second, fetch.pack);
        QVERIFY2(added, failureText(added));
        QCOMPARE(*added, 8u);
        QCOMPARE(readFiles(second, m_main, u"."_s).value_or(QMap<QString, QByteArray>()).keys(), demoRepositoryFiles());
    }

    void includeTag()
    {
        const auto without = parseUploadResult(
            m_smartHttp
                .uploadPack(m_demo, request({ "want " + m_release.toLatin1() + clientCapabilities, "FLUSH", "done" }))
                .body);
        const auto with = parseUploadResult(
            m_smartHttp
                .uploadPack(m_demo,
                    request({ "want " + m_release.toLatin1() + clientCapabilities + " include-tag", "FLUSH", "done" }))
                .body);
        QTemporaryDir dir;
        const auto withoutCount = storePack(dir.filePath(u"a.git"_s), without.pack);
        const auto withCount = storePack(dir.filePath(u"b.git"_s), with.pack);
        QVERIFY(withoutCount && withCount);
        QCOMPARE(*withCount, *withoutCount + 1);
        const auto repository = openGitRepository(dir.filePath(u"b.git"_s));
        git_oid tag;
        QVERIFY(oidFromHex(m_tag.toLatin1(), &tag));
        git_odb *rawOdb = nullptr;
        QCOMPARE(git_repository_odb(&rawOdb, repository->get()), 0);
        const GitOdbPtr odb(rawOdb);
        QVERIFY(git_odb_exists(odb.get(), &tag));
    }

    void sideBandVariants_data()
    {
        QTest::addColumn<QByteArray>("capabilities");
        QTest::addColumn<bool>("sideband");
        QTest::addColumn<bool>("progress");
        QTest::newRow("side-band-64k") << QByteArray(" side-band-64k") << true << true;
        QTest::newRow("side-band") << QByteArray(" side-band") << true << true;
        QTest::newRow("quiet") << QByteArray(" side-band-64k no-progress") << true << false;
        QTest::newRow("none: raw pack") << QByteArray(" ofs-delta") << false << false;
    }

    void sideBandVariants()
    {
        QFETCH(QByteArray, capabilities);
        QFETCH(bool, sideband);
        QFETCH(bool, progress);
        const QByteArray body
            = m_smartHttp.uploadPack(m_demo, request({ "want " + m_main.toLatin1() + capabilities, "FLUSH", "done" }))
                  .body;
        const QByteArray afterNak = body.sliced(body.indexOf("NAK\n") + 4);
        QCOMPARE(afterNak.startsWith("PACK"), !sideband);
        QCOMPARE(body.endsWith("0000"), sideband);
        const UploadResult result = parseUploadResult(body);
        QCOMPARE(result.progress.startsWith("Enumerating objects: "), progress);
        if (capabilities == " side-band") {
            const auto packets = PktLine::decodeAll(afterNak);
            QVERIFY(packets);
            for (const PktLine &packet : *packets)
                QVERIFY(packet.payload.size() <= 996);
        }
        QTemporaryDir dir;
        QVERIFY(storePack(dir.filePath(u"client.git"_s), result.pack));
    }

    void gzipRequests()
    {
        const QByteArray body = request({ "want " + m_main.toLatin1() + clientCapabilities, "FLUSH", "done" });
        const auto plain = m_smartHttp.uploadPack(m_demo, body);
        const auto compressed = m_smartHttp.uploadPack(m_demo, gzip(body), "gzip");
        QCOMPARE(compressed.status, 200);
        QCOMPARE(parseUploadResult(compressed.body).lines, QStringList { u"NAK"_s });
        QCOMPARE(compressed.body.size(), plain.body.size());

        const auto broken = m_smartHttp.uploadPack(m_demo, gzip(body).chopped(10), "gzip");
        QCOMPARE(broken.status, 400);
        QVERIFY(broken.body.startsWith("The request body is not valid gzip."));
        QCOMPARE(m_smartHttp.uploadPack(m_demo, body, "br").status, 415);
        QCOMPARE(m_smartHttp.uploadPack(m_demo, "00zz").status, 400);
    }

    // After a push, a client may still want the commit it saw advertised a moment ago.
    void wantsAnOlderCommitOfABranch()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"demo.git"_s);
        QVERIFY(ensureDemoRepository(path));
        QVERIFY(commitFiles(path, u"main"_s, { { u"NEWS.md"_s, QByteArray("news\n") } }, u"News"_s));
        const auto result = parseUploadResult(
            m_smartHttp.uploadPack(path, request({ "want " + m_main.toLatin1() + clientCapabilities, "FLUSH", "done" }))
                .body);
        QCOMPARE(result.lines, QStringList { u"NAK"_s });
        QTemporaryDir client;
        QVERIFY(storePack(client.filePath(u"c.git"_s), result.pack));
    }

    // --- end to end, over loopback HTTP -------------------------------------------------

    void libgit2CloneAndFetch()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clone"_s);
        const CloneSettings cloneSettings { demoUrl(), path, 0, {} };
        auto clone = onWorkerThread([cloneSettings] { return cloneWithLibgit2(cloneSettings); });
        QTRY_VERIFY_WITH_TIMEOUT(isReady(clone), 60000);
        const CloneResult cloneResult = clone.get();
        QVERIFY2(cloneResult.code == 0, qPrintable(cloneResult.error));

        QCOMPARE(resolve(path, u"HEAD"_s).value_or(QString()), m_main);
        QCOMPARE(resolve(path, u"refs/remotes/origin/release"_s).value_or(QString()), m_release);
        QCOMPARE(resolve(path, u"v1.0.0"_s).value_or(QString()), m_release);
        QDir workTree(path);
        for (const QString &file : demoRepositoryFiles()) {
            QFile checkedOut(workTree.filePath(file));
            QVERIFY2(checkedOut.open(QIODevice::ReadOnly), qPrintable(file));
            QFile original(u":/sandbox/demo/"_s + file);
            QVERIFY(original.open(QIODevice::ReadOnly));
            QCOMPARE(checkedOut.readAll(), original.readAll());
        }
        QVERIFY(m_requests.contains("GET /git/github.com/Azure/gitops-flux2-kustomize-helm-mt.git/info/refs "));

        // The host gets a new commit; the fetch only brings what is new.
        const auto served = m_host->create(QUrl(u"https://github.com/fluxdeck/fetch-test"_s));
        QVERIFY2(served, failureText(served));
        QVERIFY(commitFiles(served->barePath, u"main"_s,
            { { u"README.md"_s, QByteArray("# fetch test\n") },
                { u"apps/staging/podinfo-values.yaml"_s, QByteArray("replicaCount: 1\n") } },
            u"Initial"_s));
        const CloneSettings secondSettings { m_base + served->sandboxPath, dir.filePath(u"second"_s), 0, {} };
        auto second = onWorkerThread([secondSettings] { return cloneWithLibgit2(secondSettings); });
        QTRY_VERIFY_WITH_TIMEOUT(isReady(second), 60000);
        const CloneResult secondResult = second.get();
        QVERIFY2(secondResult.code == 0, qPrintable(secondResult.error));
        const auto pushed = commitFiles(served->barePath, u"main"_s,
            { { u"apps/staging/podinfo-values.yaml"_s, QByteArray("replicaCount: 2\n") } }, u"Staging: two replicas"_s);
        QVERIFY(pushed);
        m_requests.clear();
        const QString fetchPath = dir.filePath(u"second"_s);
        auto fetch = onWorkerThread([fetchPath] { return fetchWithLibgit2(fetchPath); });
        QTRY_VERIFY_WITH_TIMEOUT(isReady(fetch), 60000);
        const CloneResult fetchResult = fetch.get();
        QVERIFY2(fetchResult.code == 0, qPrintable(fetchResult.error));
        QCOMPARE(resolve(dir.filePath(u"second"_s), u"refs/remotes/origin/main"_s).value_or(QString()), *pushed);
        // The commit, the root, apps and apps/staging trees, the changed file.
        QCOMPARE(fetchResult.receivedObjects, 5u);
        QVERIFY(std::any_of(
            m_requests.cbegin(), m_requests.cend(), [](const QByteArray &r) { return r.startsWith("POST "); }));
    }

    void libgit2ShallowClone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"shallow"_s);
        const CloneSettings cloneSettings { demoUrl(), path, 1, {} };
        auto clone = onWorkerThread([cloneSettings] { return cloneWithLibgit2(cloneSettings); });
        QTRY_VERIFY_WITH_TIMEOUT(isReady(clone), 60000);
        const CloneResult cloneResult = clone.get();
        QVERIFY2(cloneResult.code == 0, qPrintable(cloneResult.error));
        const auto repository = openGitRepository(path);
        QVERIFY(repository);
        QVERIFY(git_repository_is_shallow(repository->get()));
        QCOMPARE(resolve(path, u"HEAD"_s).value_or(QString()), m_main);
        QVERIFY(!resolve(path, u"HEAD~1"_s));
        QCOMPARE(
            readFiles(path, u"HEAD"_s, u"."_s).value_or(QMap<QString, QByteArray>()).keys(), demoRepositoryFiles());
    }

    // A shallow clone fetching a new commit: it tells the server where its history stops.
    void libgit2ShallowFetch()
    {
        const auto served = m_host->create(QUrl(u"https://github.com/fluxdeck/shallow-fetch"_s));
        QVERIFY2(served, failureText(served));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(commitFiles(
                served->barePath, u"main"_s, { { u"version.txt"_s, QByteArray::number(i) } }, u"Version %1"_s.arg(i)));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"shallow"_s);
        const CloneSettings cloneSettings { m_base + served->sandboxPath, path, 1, {} };
        auto clone = onWorkerThread([cloneSettings] { return cloneWithLibgit2(cloneSettings); });
        QTRY_VERIFY_WITH_TIMEOUT(isReady(clone), 60000);
        const CloneResult cloneResult = clone.get();
        QVERIFY2(cloneResult.code == 0, qPrintable(cloneResult.error));

        const auto pushed
            = commitFiles(served->barePath, u"main"_s, { { u"version.txt"_s, QByteArray("4") } }, u"Version 4"_s);
        QVERIFY(pushed);
        m_requests.clear();
        auto fetch = onWorkerThread([path] { return fetchWithLibgit2(path); });
        QTRY_VERIFY_WITH_TIMEOUT(isReady(fetch), 60000);
        const CloneResult fetchResult = fetch.get();
        QVERIFY2(fetchResult.code == 0, qPrintable(fetchResult.error));
        QCOMPARE(resolve(path, u"refs/remotes/origin/main"_s).value_or(QString()), *pushed);
        QCOMPARE(readFiles(path, *pushed, u"."_s).value_or(QMap<QString, QByteArray>()).value(u"version.txt"_s),
            QByteArray("4"));
        QCOMPARE(fetchResult.receivedObjects, 3u); // commit, tree, blob
    }

    // Clients keep their public URL and rewrite it (sandbox/git/README.md).
    void libgit2InsteadOf()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clone"_s);
        const CloneSettings cloneSettings { u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s, path, 0,
            m_base + u"/git/github.com/"_s };
        auto clone = onWorkerThread([cloneSettings] { return cloneWithLibgit2(cloneSettings); });
        QTRY_VERIFY_WITH_TIMEOUT(isReady(clone), 60000);
        const CloneResult cloneResult = clone.get();
        QVERIFY2(cloneResult.code == 0, qPrintable(cloneResult.error));
        QCOMPARE(resolve(path, u"HEAD"_s).value_or(QString()), m_main);
        QVERIFY(m_requests.contains("GET /git/github.com/Azure/gitops-flux2-kustomize-helm-mt/info/refs "));
    }

    void gitCommandLine()
    {
        if (QStandardPaths::findExecutable(u"git"_s).isEmpty())
            QSKIP("the git command is not installed");
        QTemporaryDir dir;
        const QString rewrite = u"url.%1/git/github.com/.insteadOf=https://github.com/"_s.arg(m_base);
        const QString publicUrl = u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s;

        QByteArray listing;
        QVERIFY(runGit({ u"-c"_s, rewrite, u"ls-remote"_s, u"--symref"_s, publicUrl }, dir.path(), &listing));
        QCOMPARE(QString::fromUtf8(listing).split(u'\n', Qt::SkipEmptyParts),
            (QStringList { u"ref: refs/heads/main\tHEAD"_s, m_main + u"\tHEAD"_s, m_main + u"\trefs/heads/main"_s,
                m_release + u"\trefs/heads/release"_s, m_tag + u"\trefs/tags/v1.0.0"_s,
                m_release + u"\trefs/tags/v1.0.0^{}"_s }));

        QVERIFY(runGit({ u"-c"_s, rewrite, u"clone"_s, publicUrl, u"full"_s }, dir.path()));
        const QString full = dir.filePath(u"full"_s);
        QCOMPARE(gitOutput({ u"rev-parse"_s, u"HEAD"_s }, full), m_main);
        QCOMPARE(gitOutput({ u"rev-parse"_s, u"v1.0.0^{commit}"_s }, full), m_release);
        QVERIFY(runGit({ u"fsck"_s, u"--strict"_s }, full));
        QCOMPARE(gitOutput({ u"status"_s, u"--porcelain"_s }, full), QString());

        QVERIFY(runGit(
            { u"-c"_s, rewrite, u"clone"_s, u"--depth"_s, u"1"_s, u"--no-single-branch"_s, publicUrl, u"shallow"_s },
            dir.path()));
        const QString shallow = dir.filePath(u"shallow"_s);
        QCOMPARE(gitOutput({ u"rev-list"_s, u"--count"_s, u"HEAD"_s }, shallow), u"1"_s);
        QVERIFY(runGit({ u"-c"_s, rewrite, u"fetch"_s, u"--unshallow"_s }, shallow));
        QCOMPARE(gitOutput({ u"rev-list"_s, u"--count"_s, u"HEAD"_s }, shallow), u"2"_s);
        QVERIFY(runGit({ u"fsck"_s, u"--strict"_s }, shallow));

        // Read-only: a push is refused with the server's words.
        QByteArray pushOutput;
        QVERIFY(
            !runGit({ u"-c"_s, rewrite, u"push"_s, u"origin"_s, u"HEAD:refs/heads/other"_s }, full, &pushOutput, true));
        QVERIFY2(pushOutput.contains("remote: Pushing is not supported: the sandbox's Git hosting is read-only."),
            pushOutput.constData());
        QVERIFY2(pushOutput.contains("403"), pushOutput.constData());
    }

    // A fetch after a push, by a client with many commits of its own: git compresses the long
    // have list with gzip, and the negotiation takes more than one round.
    void gitCommandLineFetch()
    {
        if (QStandardPaths::findExecutable(u"git"_s).isEmpty())
            QSKIP("the git command is not installed");
        QTemporaryDir dir;
        const auto served = m_host->create(QUrl(u"https://github.com/fluxdeck/git-fetch-test"_s));
        QVERIFY2(served, failureText(served));
        QVERIFY(commitFiles(served->barePath, u"main"_s,
            { { u"README.md"_s, QByteArray("# fetch test\n") },
                { u"apps/production/podinfo-values.yaml"_s, QByteArray("replicaCount: 3\n") } },
            u"Initial"_s));
        const QString url = m_base + served->sandboxPath;

        QVERIFY(runGit({ u"clone"_s, url, u"client"_s }, dir.path()));
        const QString client = dir.filePath(u"client"_s);
        // Newer than anything on the server, so git offers them first, in vain.
        const QDateTime later = QDateTime::currentDateTimeUtc().addDays(1);
        for (int i = 0; i < 60; ++i) {
            QVERIFY(commitFiles(client, u"local-work"_s, { { u"notes/%1.txt"_s.arg(i), QByteArray::number(i) } },
                u"Local note %1"_s.arg(i), later.addSecs(i)));
        }
        const auto pushed = commitFiles(served->barePath, u"main"_s,
            { { u"apps/production/podinfo-values.yaml"_s, QByteArray("replicaCount: 5\n") } },
            u"Production: five replicas"_s);
        QVERIFY(pushed);
        m_requests.clear();
        QVERIFY(runGit({ u"fetch"_s, u"origin"_s }, client));
        QCOMPARE(gitOutput({ u"rev-parse"_s, u"origin/main"_s }, client), *pushed);
        QVERIFY(runGit({ u"fsck"_s, u"--strict"_s }, client));
        QVERIFY2(std::any_of(
                     m_requests.cbegin(), m_requests.cend(), [](const QByteArray &r) { return r.endsWith(" gzip"); }),
            m_requests.join('\n').constData());
    }
};

QTEST_GUILESS_MAIN(TestGitSmartHttp)
#include "tst_gitsmarthttp.moc"
