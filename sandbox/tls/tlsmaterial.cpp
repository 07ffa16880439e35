#include "tlsmaterial.h"

#include "certificateauthority.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSslSocket>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Fluxdeck::Sandbox {

namespace {

Q_LOGGING_CATEGORY(lcTls, "fluxdeck.sandbox.tls")

constexpr int renewalDays = 30;
constexpr QFileDevice::Permissions keyPermissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions certificatePermissions =
    keyPermissions | QFileDevice::ReadGroup | QFileDevice::ReadOther;

struct CredentialFiles
{
    QString certificate;
    QString key;
};

// A missing or unreadable file reads as empty: the caller then makes a new one.
QByteArray readIfPresent(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

PemCredential read(const CredentialFiles &files)
{
    return {readIfPresent(files.certificate), readIfPresent(files.key)};
}

bool isEmpty(const PemCredential &credential)
{
    return credential.certificate.isEmpty() && credential.privateKey.isEmpty();
}

Domain::Result<void> writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    // QSaveFile writes a temporary file beside the target and renames it over, so readers never
    // see half a file. Permissions go on that temporary file before the first byte: a key is
    // never readable by anyone else, not even for a moment.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions) || file.write(data) != data.size()
        || !file.commit())
        return Domain::failure(u"Could not write %1."_s.arg(QDir::toNativeSeparators(path)), file.errorString());
    return {};
}

Domain::Result<void> write(const PemCredential &credential, const CredentialFiles &files)
{
    // The key first: after a crash in between, the old certificate does not match the new key,
    // and the next start replaces both.
    if (Domain::Result<void> written = writeFile(files.key, credential.privateKey, keyPermissions); !written)
        return written;
    return writeFile(files.certificate, credential.certificate, certificatePermissions);
}

// A reused key may have been copied in by hand or restored from a backup with looser permissions.
void restrictToOwner(const QString &keyPath)
{
    if (QFile::permissions(keyPath) != keyPermissions && !QFile::setPermissions(keyPath, keyPermissions))
        qCWarning(lcTls) << "Could not make" << keyPath << "readable by its owner only";
}

} // namespace

Domain::Result<TlsMaterial> ensureTlsMaterial(const QString &stateDirectory)
{
    const QDir directory(stateDirectory);
    if (!directory.mkpath(u"."_s))
        return Domain::failure(u"Could not create the sandbox state directory %1."_s.arg(
            QDir::toNativeSeparators(directory.absolutePath())));
    const CredentialFiles caFiles{directory.absoluteFilePath(u"ca.pem"_s), directory.absoluteFilePath(u"ca-key.pem"_s)};
    const CredentialFiles serverFiles{directory.absoluteFilePath(u"server.pem"_s),
                                      directory.absoluteFilePath(u"server-key.pem"_s)};

    // Two sandboxes starting on one state directory must not both write new certificates.
    QLockFile lock(directory.absoluteFilePath(u"tls.lock"_s));
    if (!lock.tryLock(30s)) {
        return Domain::failure(u"Another Fluxdeck sandbox is preparing the certificates in %1."_s.arg(
                                   QDir::toNativeSeparators(directory.absolutePath())),
                               u"QLockFile error %1"_s.arg(static_cast<int>(lock.error())));
    }

    const PemCredential storedCa = read(caFiles);
    Domain::Result<CertificateAuthority> ca = CertificateAuthority::load(storedCa);
    bool caIsNew = false;
    if (!ca) {
        if (!isEmpty(storedCa))
            qCInfo(lcTls) << "Replacing the sandbox CA:" << ca.error().toString();
        ca = CertificateAuthority::create();
        if (!ca)
            return std::unexpected(ca.error());
        if (Domain::Result<void> written = write(ca->credential(), caFiles); !written)
            return std::unexpected(written.error());
        caIsNew = true;
    } else {
        restrictToOwner(caFiles.key);
    }

    PemCredential server = read(serverFiles);
    bool serverIsFit = false;
    if (!caIsNew) {
        const Domain::Result<void> fit =
            ca->checkServerCertificate(server, QDateTime::currentDateTimeUtc().addDays(renewalDays));
        serverIsFit = fit.has_value();
        if (!fit && !isEmpty(server))
            qCInfo(lcTls) << "Replacing the sandbox server certificate:" << fit.error().toString();
    }
    if (serverIsFit) {
        restrictToOwner(serverFiles.key);
    } else {
        Domain::Result<PemCredential> issued = ca->issueServerCertificate();
        if (!issued)
            return std::unexpected(issued.error());
        if (Domain::Result<void> written = write(*issued, serverFiles); !written)
            return std::unexpected(written.error());
        server = std::move(*issued);
    }

    TlsMaterial material{caFiles.certificate, QSslCertificate(ca->credential().certificate, QSsl::Pem),
                         QSslCertificate(server.certificate, QSsl::Pem),
                         QSslKey(server.privateKey, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey)};
    if (material.caCertificate.isNull() || material.serverCertificate.isNull() || material.serverKey.isNull())
        return Domain::failure(u"Qt's TLS backend could not read the sandbox's certificates."_s,
                               u"backend: %1"_s.arg(QSslSocket::activeBackend()));
    return material;
}

QSslConfiguration serverConfiguration(const TlsMaterial &material)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setLocalCertificate(material.serverCertificate);
    configuration.setPrivateKey(material.serverKey);
    // Clients prove who they are with bearer tokens, not certificates.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    // The HTTP server speaks HTTP/1.1 only; a Go client offering h2 must fall back to it.
    configuration.setAllowedNextProtocols({QByteArray(QSslConfiguration::NextProtocolHttp1_1)});
    return configuration;
}

QSslConfiguration clientConfiguration(const TlsMaterial &material)
{
    // The default configuration already lists the system roots; the sandbox CA joins them.
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.addCaCertificate(material.caCertificate);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

} // namespace Fluxdeck::Sandbox
