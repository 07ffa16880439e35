#pragma once

#include "clouds.h"
#include "tokencredential.h"

#include <QTimer>

#include <chrono>
#include <memory>

class QProcess;

namespace Fluxdeck::Net {

// Reuses the Azure CLI's sign-in: runs `az account get-access-token --resource <ARM audience>
// --output json` as a separate process (never on the calling thread) and reads its answer. Says
// plainly when az is not on PATH, is not signed in, or does not answer in time.
class AzureCliCredential final : public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AzureCliCredential)

public:
    explicit AzureCliCredential(const AzureCloudEndpoints &cloud, QObject *parent = nullptr);
    ~AzureCliCredential() override;

    // Asks az for a token of this tenant (--tenant) rather than of its current subscription's.
    void setTenant(const QString &tenantId) { m_tenant = tenantId; }
    // az can take a few seconds to start; it is given this long (30 s by default).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout.setInterval(timeout); }
    QString displayName() const override;

    // What az prints: accessToken, and expires_on (POSIX seconds, az 2.54 and later) or only
    // expiresOn (local time, "2024-05-01 13:45:12.000000") from older versions.
    static Domain::Result<AccessToken> parseAccessToken(const QByteArray &output);

protected:
    void acquire(Freshness freshness) override;
    void abort() override;

private:
    void finished();
    void fail(const Domain::Error &error);

    AzureCloudEndpoints m_cloud;
    QString m_tenant;
    std::unique_ptr<QProcess> m_process;
    QTimer m_timeout;
};

} // namespace Fluxdeck::Net
