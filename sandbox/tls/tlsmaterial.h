#pragma once

#include "error.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

namespace Fluxdeck::Sandbox {

// What the sandbox's HTTPS front and its clients need: the server's certificate and key, and
// the CA that clients trust (REQUESTS_CA_BUNDLE, a kubeconfig's certificate-authority, Qt).
struct TlsMaterial
{
    QString caCertificatePath; // PEM
    QSslCertificate caCertificate;
    QSslCertificate serverCertificate;
    QSslKey serverKey;
};

// Creates the CA and server certificate once per state directory, then reuses them:
// ca.pem, ca-key.pem, server.pem and server-key.pem (keys readable by the owner only).
// The server certificate is reissued when it is missing, unreadable, not from the CA, or
// expires within 30 days; everything is remade when the CA is unusable.
Domain::Result<TlsMaterial> ensureTlsMaterial(const QString &stateDirectory);

// TLS 1.2 or later with the server certificate and key, ALPN offering only http/1.1.
QSslConfiguration serverConfiguration(const TlsMaterial &material);

// The default configuration plus the sandbox CA, verifying the peer.
QSslConfiguration clientConfiguration(const TlsMaterial &material);

} // namespace Fluxdeck::Sandbox
