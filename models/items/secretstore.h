#pragma once

#include <QHash>
#include <QString>

#include <functional>
#include <optional>

namespace Fluxdeck::Items {

// Where Fluxdeck keeps secrets between runs (refresh tokens): the OS keychain, never a file.
// Asynchronous like the keychains themselves; callbacks come from the event loop.
class SecretStore
{
public:
    virtual ~SecretStore();
    // done(value) with nothing when there is no such secret or the keychain cannot be reached.
    virtual void read(const QString &key, std::function<void(std::optional<QString>)> done) = 0;
    virtual void write(const QString &key, const QString &value) = 0;
    virtual void remove(const QString &key) = 0;
};

// The OS keychain through QtKeychain (Secret Service, macOS Keychain, Windows Credential Manager).
// A keychain that cannot be reached loses the secret (the user signs in again next time) and
// says so in the log; it never falls back to plaintext.
class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("dev.fluxdeck.Fluxdeck"));
    void read(const QString &key, std::function<void(std::optional<QString>)> done) override;
    void write(const QString &key, const QString &value) override;
    void remove(const QString &key) override;

private:
    QString m_service;
};

// In memory only: for tests, and for sessions that must not touch the keychain.
class MemorySecretStore final : public SecretStore
{
public:
    void read(const QString &key, std::function<void(std::optional<QString>)> done) override;
    void write(const QString &key, const QString &value) override;
    void remove(const QString &key) override;
    bool contains(const QString &key) const { return m_values.contains(key); }

private:
    QHash<QString, QString> m_values;
};

} // namespace Fluxdeck::Items
