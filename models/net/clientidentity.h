#pragma once

#include <QByteArray>
#include <QString>

namespace Fluxdeck::Net {

// How Fluxdeck introduces itself to Azure and Kubernetes: Azure support asks for the
// User-Agent and the x-ms-client-request-id of a failing call, so both must be meaningful.
QByteArray userAgent();
QByteArray newClientRequestId();

// The TLS library QtNetwork uses at run time, e.g. "OpenSSL 3.5.1 1 Jul 2025".
QString tlsLibraryVersion();

} // namespace Fluxdeck::Net
