#pragma once

#include "sandboxserver.h"

#include <QJsonObject>
#include <QObject>
#include <QThread>

namespace Fluxdeck::Sandbox {

// The sandbox inside Fluxdeck: the server lives on its own thread, so serving a large fleet
// never blocks the window that talks to it. start() returns at once; started() or failed()
// follows on the caller's thread.
class EmbeddedSandbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedSandbox)

public:
    explicit EmbeddedSandbox(QObject *parent = nullptr);
    ~EmbeddedSandbox() override;

    void start(const SandboxServer::Options &options);
    bool isRunning() const { return !m_announcement.isEmpty(); }
    QJsonObject announcement() const { return m_announcement; }   // as fluxdeck-sandbox prints it

Q_SIGNALS:
    void started(const QJsonObject &announcement);
    void failed(const QString &message);

private:
    QThread m_thread;
    QObject *m_context = nullptr;        // lives on m_thread: runs work there
    SandboxServer *m_server = nullptr;   // made, used and deleted on m_thread only
    QJsonObject m_announcement;
};

} // namespace Fluxdeck::Sandbox
