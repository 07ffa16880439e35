#include "clientidentity.h"

#include "libraryinfo.h"

#include <QCoreApplication>
#include <QSslSocket>
#include <QSysInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

QByteArray userAgent()
{
    const QString agent = u"Fluxdeck/"_s % Domain::fluxdeckVersion() % u" (Qt "_s
        % QString::fromLatin1(qVersion()) % u"; "_s % QSysInfo::prettyProductName() % u')';
    return agent.toUtf8();
}

QByteArray newClientRequestId()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

QString tlsLibraryVersion()
{
    if (!QSslSocket::supportsSsl())
        return QCoreApplication::translate("Fluxdeck::Net", "not available");
    return QSslSocket::sslLibraryVersionString();
}

} // namespace Fluxdeck::Net
