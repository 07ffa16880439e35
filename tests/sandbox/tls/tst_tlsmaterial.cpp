#include "tls/certificateauthority.h"
#include "tls/tlsmaterial.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSaveFile>
#include <QSignalSpy>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

const QStringList materialFiles{u"ca-key.pem"_s, u"ca.pem"_s, u"server-key.pem"_s, u"server.pem"_s};

// What `ls -l` shows: owner, group and other bits (Qt adds the ReadUser… bits for the caller).
QFileDevice::Permissions modeOf(const QString &path)
{
    return QFile::permissions(path)
        & ~QFileDevice::Permissions(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser);
}

constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions readableByAll = ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit();
}

QHash<QString, QByteArray> snapshot(const QDir &directory)
{
    QHash<QString, QByteArray> files;
    for (const QString &name : materialFiles)
        files.insert(name, readFile(directory.filePath(name)));
    return files;
}

TlsMaterial ensure(const QString &directory)
{
    const auto material = ensureTlsMaterial(directory);
    if (!material)
        qFatal("ensureTlsMaterial failed: %s", qPrintable(material.error().toString()));
    return *material;
}

CertificateAuthority storedCa(const QDir &directory)
{
    const auto ca = CertificateAuthority::load(
        {readFile(directory.filePath(u"ca.pem"_s)), readFile(directory.filePath(u"ca-key.pem"_s))});
    if (!ca)
        qFatal("the stored CA does not load: %s", qPrintable(ca.error().toString()));
    return *ca;
}

bool storeServer(const QDir &directory, const PemCredential &server)
{
    return writeFile(directory.filePath(u"server.pem"_s), server.certificate)
        && writeFile(directory.filePath(u"server-key.pem"_s), server.privateKey);
}

// A TLS server on loopback with the sandbox's configuration. It answers every HTTP request
// with 200 "ok" so real HTTP clients (requests, kubectl) can finish a request.
class LoopbackServer
{
public:
    explicit LoopbackServer(const TlsMaterial &material)
    {
        m_server.setSslConfiguration(serverConfiguration(material));
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_accepted;
                QObject::connect(socket, &QIODevice::readyRead, socket, [socket] { answer(socket); });
                QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    bool listen(const QHostAddress &address) { return m_server.listen(address, 0); }
    quint16 port() const { return m_server.serverPort(); }
    int accepted() const { return m_accepted; }

private:
    static void answer(QTcpSocket *socket)
    {
        while (socket->canReadLine()) {
            if (socket->readLine() == "\r\n") {
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                              "Connection: close\r\n\r\nok");
                socket->disconnectFromHost();
                return;
            }
        }
    }

    QSslServer m_server;
    int m_accepted = 0;
};

struct ProcessResult
{
    int exitCode = -1;
    QString output;
};

// Runs a client tool while this thread's event loop keeps serving the handshake.
ProcessResult run(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment = {})
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice()); // a tool that prompts fails at once
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return {-1, u"did not start: "_s + process.errorString()};
    if (!finished.wait(60000)) {
        process.kill();
        process.waitForFinished(10000);
        return {-1, u"did not finish within a minute; it wrote: "_s + QString::fromUtf8(process.readAll())};
    }
    const int code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return {code, QString::fromUtf8(process.readAll())};
}

} // namespace

class TestTlsMaterial : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsFilesWithOwnerOnlyKeys()
    {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const QDir directory(temporary.filePath(u"state/nested"_s));

        const TlsMaterial material = ensure(directory.path());

        QCOMPARE(directory.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name),
                 materialFiles);
        QCOMPARE(modeOf(directory.filePath(u"ca-key.pem"_s)), ownerOnly);
        QCOMPARE(modeOf(directory.filePath(u"server-key.pem"_s)), ownerOnly);
        QCOMPARE(modeOf(directory.filePath(u"ca.pem"_s)), readableByAll);
        QCOMPARE(modeOf(directory.filePath(u"server.pem"_s)), readableByAll);

        QCOMPARE(material.caCertificatePath, directory.absoluteFilePath(u"ca.pem"_s));
        QCOMPARE(QSslCertificate::fromPath(material.caCertificatePath), QList<QSslCertificate>{material.caCertificate});
        QCOMPARE(QSslCertificate::fromPath(directory.filePath(u"server.pem"_s)),
                 QList<QSslCertificate>{material.serverCertificate});
        QCOMPARE(material.serverKey.toPem(), QSslKey(readFile(directory.filePath(u"server-key.pem"_s)), QSsl::Ec,
                                                     QSsl::Pem, QSsl::PrivateKey)
                                                 .toPem());
        QVERIFY(material.serverCertificate.issuerInfo(QSslCertificate::CommonName)
                == material.caCertificate.subjectInfo(QSslCertificate::CommonName));
    }

    void secondCallReusesEverything()
    {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const QDir directory(temporary.path());
        const TlsMaterial first = ensure(directory.path());
        const auto before = snapshot(directory);

        const TlsMaterial second = ensure(directory.path());

        QCOMPARE(snapshot(directory), before);
        QCOMPARE(second.caCertificate, first.caCertificate);
        QCOMPARE(second.serverCertificate, first.serverCertificate);
        QCOMPARE(second.serverKey, first.serverKey);
    }

    void concurrentCallsAgree()
    {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        // Several sandboxes starting at once on one state directory: one makes the CA, the
        // others wait for the lock and reuse it.
        std::array<Fluxdeck::Domain::Result<TlsMaterial>, 4> results;
        {
            std::vector<std::jthread> threads;
            for (auto &result : results)
                threads.emplace_back([&result, &temporary] { result = ensureTlsMaterial(temporary.path()); });
        }
        for (const auto &result : results) {
            QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
            QCOMPARE(result->caCertificate, results.front()->caCertificate);
            QCOMPARE(result->serverCertificate, results.front()->serverCertificate);
        }
        QCOMPARE(QSslCertificate::fromPath(temporary.filePath(u"ca.pem"_s)),
                 QList<QSslCertificate>{results.front()->caCertificate});
    }

    void reissuesServerCertificate_data()
    {
        QTest::addColumn<QString>("damage");
        for (const char *damage : {"corrupted certificate", "missing certificate", "missing key", "another key",
                                   "expires within 30 days", "expired", "from another CA"})
            QTest::newRow(damage) << QString::fromLatin1(damage);
    }

    void reissuesServerCertificate()
    {
        QFETCH(QString, damage);
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const QDir directory(temporary.path());
        const TlsMaterial first = ensure(directory.path());
        const CertificateAuthority ca = storedCa(directory);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString certificatePath = directory.filePath(u"server.pem"_s);
        const QString keyPath = directory.filePath(u"server-key.pem"_s);

        if (damage == u"corrupted certificate") {
            QVERIFY(writeFile(certificatePath, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));
        } else if (damage == u"missing certificate") {
            QVERIFY(QFile::remove(certificatePath));
        } else if (damage == u"missing key") {
            QVERIFY(QFile::remove(keyPath));
        } else if (damage == u"another key") {
            QVERIFY(writeFile(keyPath, ca.issueServerCertificate()->privateKey));
        } else if (damage == u"expires within 30 days") {
            QVERIFY(storeServer(directory, *ca.issueServerCertificate(now.addSecs(-3600), now.addDays(29))));
        } else if (damage == u"expired") {
            QVERIFY(storeServer(directory, *ca.issueServerCertificate(now.addDays(-400), now.addDays(-1))));
        } else if (damage == u"from another CA") {
            QVERIFY(storeServer(directory, *CertificateAuthority::create()->issueServerCertificate()));
        }
        const auto damaged = snapshot(directory);

        const TlsMaterial second = ensure(directory.path());

        const auto after = snapshot(directory);
        QCOMPARE(after[u"ca.pem"_s], damaged[u"ca.pem"_s]);
        QCOMPARE(after[u"ca-key.pem"_s], damaged[u"ca-key.pem"_s]);
        QCOMPARE(second.caCertificate, first.caCertificate);
        QVERIFY(after[u"server.pem"_s] != damaged[u"server.pem"_s]);
        QVERIFY(after[u"server-key.pem"_s] != damaged[u"server-key.pem"_s]);
        QVERIFY(second.serverCertificate != first.serverCertificate);
        QCOMPARE(modeOf(keyPath), ownerOnly);
        QVERIFY(ca.checkServerCertificate({after[u"server.pem"_s], after[u"server-key.pem"_s]}, now.addDays(396)));
    }

    void remakesEverythingWhenTheCaIsUnusable_data()
    {
        QTest::addColumn<QString>("damage");
        for (const char *damage : {"corrupted CA certificate", "missing CA certificate", "missing CA key",
                                   "another CA's key", "CA expires within 398 days"})
            QTest::newRow(damage) << QString::fromLatin1(damage);
    }

    void remakesEverythingWhenTheCaIsUnusable()
    {
        QFETCH(QString, damage);
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const QDir directory(temporary.path());
        const TlsMaterial first = ensure(directory.path());
        const QString certificatePath = directory.filePath(u"ca.pem"_s);
        const QString keyPath = directory.filePath(u"ca-key.pem"_s);
        const QDateTime now = QDateTime::currentDateTimeUtc();

        if (damage == u"corrupted CA certificate") {
            QByteArray pem = readFile(certificatePath);
            pem[pem.size() / 2] = pem[pem.size() / 2] == 'A' ? 'B' : 'A';
            QVERIFY(writeFile(certificatePath, pem));
        } else if (damage == u"missing CA certificate") {
            QVERIFY(QFile::remove(certificatePath));
        } else if (damage == u"missing CA key") {
            QVERIFY(QFile::remove(keyPath));
        } else if (damage == u"another CA's key") {
            QVERIFY(writeFile(keyPath, CertificateAuthority::create()->credential().privateKey));
        } else if (damage == u"CA expires within 398 days") {
            const auto shortLived = CertificateAuthority::create(now.addDays(-1), now.addDays(200));
            QVERIFY(writeFile(keyPath, shortLived->credential().privateKey));
            QVERIFY(writeFile(certificatePath, shortLived->credential().certificate));
        }
        const auto damaged = snapshot(directory);

        const TlsMaterial second = ensure(directory.path());

        const auto after = snapshot(directory);
        for (const QString &name : materialFiles)
            QVERIFY2(after[name] != damaged[name], qPrintable(name));
        QVERIFY(second.caCertificate != first.caCertificate);
        QVERIFY(second.serverCertificate != first.serverCertificate);
        QCOMPARE(modeOf(keyPath), ownerOnly);
        QVERIFY(storedCa(directory).checkServerCertificate({after[u"server.pem"_s], after[u"server-key.pem"_s]},
                                                           now.addDays(30)));
    }

    void restrictsReusedKeysToTheOwner()
    {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const QDir directory(temporary.path());
        ensure(directory.path());
        const auto before = snapshot(directory);
        for (const QString &key : {u"ca-key.pem"_s, u"server-key.pem"_s})
            QVERIFY(QFile::setPermissions(directory.filePath(key), readableByAll));

        ensure(directory.path());

        QCOMPARE(snapshot(directory), before);
        QCOMPARE(modeOf(directory.filePath(u"ca-key.pem"_s)), ownerOnly);
        QCOMPARE(modeOf(directory.filePath(u"server-key.pem"_s)), ownerOnly);
    }

    void reportsAStateDirectoryThatCannotBeMade()
    {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const QString file = temporary.filePath(u"file"_s);
        QVERIFY(writeFile(file, "not a directory"));

        const auto material = ensureTlsMaterial(file + u"/state"_s);

        QVERIFY(!material);
        QVERIFY2(material.error().message.startsWith(u"Could not create the sandbox state directory"_s),
                 qPrintable(material.error().toString()));
    }

    void configurations()
    {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const TlsMaterial material = ensure(temporary.path());

        const QSslConfiguration server = serverConfiguration(material);
        QCOMPARE(server.protocol(), QSsl::TlsV1_2OrLater);
        QCOMPARE(server.localCertificate(), material.serverCertificate);
        QCOMPARE(server.privateKey(), material.serverKey);
        QCOMPARE(server.allowedNextProtocols(), QList<QByteArray>{"http/1.1"_ba});

        const QSslConfiguration client = clientConfiguration(material);
        QCOMPARE(client.protocol(), QSsl::TlsV1_2OrLater);
        QCOMPARE(client.peerVerifyMode(), QSslSocket::VerifyPeer);
        QVERIFY(client.caCertificates().contains(material.caCertificate));
        QVERIFY(client.localCertificate().isNull());
        QVERIFY(client.privateKey().isNull());
    }

    void handshake_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QHostAddress>("listenAddress");
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << QHostAddress(QHostAddress::LocalHost);
        QTest::newRow("localhost") << u"localhost"_s << QHostAddress(QHostAddress::LocalHost);
        QTest::newRow("::1") << u"::1"_s << QHostAddress(QHostAddress::LocalHostIPv6);
    }

    void handshake()
    {
        QFETCH(QString, host);
        QFETCH(QHostAddress, listenAddress);
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const TlsMaterial material = ensure(temporary.path());
        LoopbackServer server(material);
        if (!server.listen(listenAddress))
            QSKIP("this machine has no loopback address of that family");

        QSslSocket client;
        QSslConfiguration configuration = clientConfiguration(material);
        // A client that prefers HTTP/2, as Go does: the server must settle on HTTP/1.1.
        configuration.setAllowedNextProtocols({"h2"_ba, "http/1.1"_ba});
        client.setSslConfiguration(configuration);
        QList<QSslError> errors;
        QObject::connect(&client, &QSslSocket::sslErrors, &client,
                         [&errors](const QList<QSslError> &reported) { errors += reported; });
        QSignalSpy encrypted(&client, &QSslSocket::encrypted);

        client.connectToHostEncrypted(host, server.port());

        QVERIFY2(encrypted.wait(10000), qPrintable(client.errorString()));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().errorString()));
        QCOMPARE(client.peerCertificate(), material.serverCertificate);
        QVERIFY(client.sessionProtocol() == QSsl::TlsV1_2 || client.sessionProtocol() == QSsl::TlsV1_3);
        QCOMPARE(client.sslConfiguration().nextNegotiatedProtocol(), "http/1.1"_ba);
        QTRY_COMPARE_WITH_TIMEOUT(server.accepted(), 1, 10000);
    }

    void clientWithoutTheCaIsRefused_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s;
        QTest::newRow("localhost") << u"localhost"_s;
    }

    void clientWithoutTheCaIsRefused()
    {
        QFETCH(QString, host);
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const TlsMaterial material = ensure(temporary.path());
        LoopbackServer server(material);
        QVERIFY(server.listen(QHostAddress::LocalHost));

        QSslSocket client;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        client.setSslConfiguration(configuration);
        QSignalSpy sslErrors(&client, &QSslSocket::sslErrors);
        QSignalSpy encrypted(&client, &QSslSocket::encrypted);

        client.connectToHostEncrypted(host, server.port());

        QVERIFY(sslErrors.wait(10000));
        const auto errors = sslErrors.first().first().value<QList<QSslError>>();
        const bool untrusted = std::any_of(errors.cbegin(), errors.cend(), [](const QSslError &error) {
            return error.error() == QSslError::UnableToGetLocalIssuerCertificate
                || error.error() == QSslError::SelfSignedCertificateInChain;
        });
        QVERIFY2(untrusted, qPrintable(errors.isEmpty() ? QString() : errors.first().errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(encrypted.size(), 0);
    }

    void clientRefusesANameTheCertificateLacks()
    {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const TlsMaterial material = ensure(temporary.path());
        LoopbackServer server(material);
        QVERIFY(server.listen(QHostAddress::LocalHost));

        QSslSocket client;
        client.setSslConfiguration(clientConfiguration(material));
        client.setPeerVerifyName(u"management.azure.com"_s);
        QSignalSpy sslErrors(&client, &QSslSocket::sslErrors);

        client.connectToHostEncrypted(u"127.0.0.1"_s, server.port());

        QVERIFY(sslErrors.wait(10000));
        const auto errors = sslErrors.first().first().value<QList<QSslError>>();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().error(), QSslError::HostNameMismatch);
    }

    // The Azure SDK for Python goes through requests and urllib3 with REQUESTS_CA_BUNDLE; the
    // ssl module's own handshake runs with VERIFY_X509_STRICT, Python 3.13's default.
    void pythonAcceptsTheServer()
    {
        const QString python = QStandardPaths::findExecutable(u"python3"_s);
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const TlsMaterial material = ensure(temporary.path());
        LoopbackServer server(material);
        QVERIFY(server.listen(QHostAddress::LocalHost));

        // Lines rather than a raw string literal, which moc fails to parse here.
        const QString script = QStringList{
            u"import importlib.util, socket, ssl, sys"_s,
            u"ca, port = sys.argv[1], int(sys.argv[2])"_s,
            u"def handshake(context, host):"_s,
            u"    with socket.create_connection(('127.0.0.1', port), timeout=20) as raw:"_s,
            u"        with context.wrap_socket(raw, server_hostname=host) as tls:"_s,
            u"            return f'{tls.version()} {tls.selected_alpn_protocol()}'"_s,
            u"trusting = ssl.create_default_context(cafile=ca)"_s,
            u"trusting.verify_flags |= ssl.VERIFY_X509_STRICT"_s,
            u"trusting.set_alpn_protocols(['h2', 'http/1.1'])"_s,
            u"for host in ('127.0.0.1', 'localhost'):"_s,
            u"    print(host, handshake(trusting, host))"_s,
            u"try:"_s,
            u"    print('without the CA:', handshake(ssl.create_default_context(), '127.0.0.1'))"_s,
            u"except ssl.SSLCertVerificationError as error:"_s,
            u"    print('without the CA:', error.verify_message)"_s,
            u"if importlib.util.find_spec('requests') is None:"_s,
            u"    sys.exit(0)"_s,
            u"import requests"_s,
            u"for host in ('127.0.0.1', 'localhost'):"_s,
            u"    print('requests', host, requests.get(f'https://{host}:{port}/', timeout=20).text)"_s,
        }.join(u'\n');
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"REQUESTS_CA_BUNDLE"_s, material.caCertificatePath);

        const ProcessResult result = run(
            python, {u"-c"_s, script, material.caCertificatePath, QString::number(server.port())}, environment);

        QVERIFY2(result.exitCode == 0, qPrintable(result.output));
        const QStringList lines = result.output.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.mid(0, 3), (QStringList{u"127.0.0.1 TLSv1.3 http/1.1"_s, u"localhost TLSv1.3 http/1.1"_s,
                                               u"without the CA: unable to get local issuer certificate"_s}));
        if (lines.size() == 3)
            QSKIP("python3-requests is not installed");
        QCOMPARE(lines.mid(3), (QStringList{u"requests 127.0.0.1 ok"_s, u"requests localhost ok"_s}));
    }

    // kubectl is Go: crypto/tls and crypto/x509, which match names against subjectAltName only.
    void kubectlAcceptsTheServer()
    {
        const QString kubectl = QStandardPaths::findExecutable(u"kubectl"_s);
        if (kubectl.isEmpty())
            QSKIP("kubectl is not installed");
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const TlsMaterial material = ensure(temporary.path());
        const TlsMaterial stranger = ensure(temporary.filePath(u"another-sandbox"_s));
        LoopbackServer server(material);
        QVERIFY(server.listen(QHostAddress::LocalHost));

        const auto getHealthz = [&](const QString &host, const TlsMaterial &trusted) {
            const QString path = temporary.filePath(u"kubeconfig"_s);
            const QByteArray url = "https://" + host.toUtf8() + ':' + QByteArray::number(server.port());
            const QByteArray config = "apiVersion: v1\nkind: Config\ncurrent-context: sandbox\n"
                                      "clusters:\n- name: sandbox\n  cluster:\n    server: "
                + url + "\n    certificate-authority-data: " + trusted.caCertificate.toPem().toBase64()
                + "\ncontexts:\n- name: sandbox\n  context: {cluster: sandbox, user: sandbox}\n"
                  "users:\n- name: sandbox\n  user: {token: sandbox}\n";
            if (!writeFile(path, config))
                return ProcessResult{-1, u"could not write "_s + path};
            return run(kubectl, {u"--kubeconfig"_s, path, u"--request-timeout=20s"_s, u"get"_s, u"--raw"_s,
                                 u"/healthz"_s});
        };

        for (const QString &host : {u"127.0.0.1"_s, u"localhost"_s}) {
            const ProcessResult trusting = getHealthz(host, material);
            QVERIFY2(trusting.exitCode == 0, qPrintable(host + u": "_s + trusting.output));
            QCOMPARE(trusting.output.trimmed(), u"ok"_s);
        }
        const ProcessResult refusing = getHealthz(u"127.0.0.1"_s, stranger);
        QVERIFY(refusing.exitCode != 0);
        QVERIFY2(refusing.output.contains(u"x509: certificate signed by unknown authority"_s),
                 qPrintable(refusing.output));
    }
};

QTEST_GUILESS_MAIN(TestTlsMaterial)
#include "tst_tlsmaterial.moc"
