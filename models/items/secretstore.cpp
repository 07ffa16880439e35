#include "secretstore.h"

#include <qt6keychain/keychain.h>

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSecrets, "fluxdeck.secrets")

namespace Fluxdeck::Items {

SecretStore::~SecretStore() = default;

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
{
}

void KeychainSecretStore::read(const QString &key, std::function<void(std::optional<QString>)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job, [job, done = std::move(done)] {
        if (job->error() == QKeychain::NoError) {
            done(job->textData());
            return;
        }
        if (job->error() != QKeychain::EntryNotFound)
            qCWarning(lcSecrets) << "keychain read failed:" << job->errorString();
        done(std::nullopt);
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &value)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(value);
    QObject::connect(job, &QKeychain::Job::finished, job, [job] {
        if (job->error() != QKeychain::NoError)
            qCWarning(lcSecrets) << "keychain write failed; you will be asked to sign in again next time:"
                                 << job->errorString();
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job, [job] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            qCWarning(lcSecrets) << "keychain delete failed:" << job->errorString();
    });
    job->start();
}

void MemorySecretStore::read(const QString &key, std::function<void(std::optional<QString>)> done)
{
    const std::optional<QString> value = m_values.contains(key) ? std::optional(m_values.value(key)) : std::nullopt;
    QTimer::singleShot(0, [value, done = std::move(done)] { done(value); });
}

void MemorySecretStore::write(const QString &key, const QString &value)
{
    m_values.insert(key, value);
}

void MemorySecretStore::remove(const QString &key)
{
    m_values.remove(key);
}

} // namespace Fluxdeck::Items
