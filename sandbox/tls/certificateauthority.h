#pragma once

#include "error.h"

#include <QByteArray>
#include <QDateTime>

namespace Fluxdeck::Sandbox {

// A certificate and its private key, both PEM (the key unencrypted PKCS#8).
struct PemCredential
{
    QByteArray certificate;
    QByteArray privateKey;
};

// The sandbox's own certificate authority: an ECDSA P-256 root that signs the certificate
// the loopback HTTPS front presents. Its certificates satisfy OpenSSL's X509_V_FLAG_X509_STRICT
// (Python 3.13's default) and Go's crypto/x509 (kubectl). A value holding PEM only: OpenSSL
// stays inside the .cpp.
class CertificateAuthority
{
public:
    static constexpr int caValidityYears = 10;
    static constexpr int serverValidityDays = 397;

    // A new CA, valid from an hour ago (clock skew) for caValidityYears.
    static Domain::Result<CertificateAuthority> create();
    static Domain::Result<CertificateAuthority> create(const QDateTime &notBefore, const QDateTime &notAfter);

    // A stored CA, accepted only when usable: the key matches, the certificate is a strict
    // X.509 root, and it stays valid longer than a server certificate issued now.
    static Domain::Result<CertificateAuthority> load(const PemCredential &stored);

    const PemCredential &credential() const { return m_credential; }

    // A new key and certificate for 127.0.0.1, ::1 and localhost, valid from an hour ago for
    // serverValidityDays.
    Domain::Result<PemCredential> issueServerCertificate() const;
    Domain::Result<PemCredential> issueServerCertificate(const QDateTime &notBefore, const QDateTime &notAfter) const;

    // Whether a stored server credential is still fit: key and certificate match, the chain to
    // this CA verifies now under strict rules for a TLS server, the loopback names are covered,
    // and it does not expire before stillValidAt.
    Domain::Result<void> checkServerCertificate(const PemCredential &server, const QDateTime &stillValidAt) const;

private:
    explicit CertificateAuthority(PemCredential credential);

    PemCredential m_credential;
};

} // namespace Fluxdeck::Sandbox
