#include "kubeclusterkey.h"

#include <QCryptographicHash>

namespace Fluxdeck::Sandbox {

QString kubeClusterKey(const QString &armClusterId)
{
    const QByteArray digest = QCryptographicHash::hash(armClusterId.toLower().toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex().left(16));
}

} // namespace Fluxdeck::Sandbox
