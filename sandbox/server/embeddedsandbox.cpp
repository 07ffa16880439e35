#include "embeddedsandbox.h"

namespace Fluxdeck::Sandbox {

EmbeddedSandbox::EmbeddedSandbox(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("fluxdeck-sandbox"));
}

EmbeddedSandbox::~EmbeddedSandbox()
{
    if (m_context) {
        // The server's sockets and timers belong to its thread: end them there.
        QMetaObject::invokeMethod(m_context, [this] {
            delete m_server;
            m_server = nullptr;
            delete m_context;
        }, Qt::BlockingQueuedConnection);
        m_context = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

void EmbeddedSandbox::start(const SandboxServer::Options &options)
{
    if (m_context)
        return;
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(m_context, [this, options] {
        // Made on the sandbox thread, so every timer and socket it creates lives there.
        m_server = new SandboxServer;
        const auto result = m_server->start(options);
        const QJsonObject announcement = result ? m_server->announcement() : QJsonObject{};
        const QString error = result ? QString() : result.error().toString();
        QMetaObject::invokeMethod(this, [this, announcement, error] {
            if (!error.isEmpty()) {
                Q_EMIT failed(error);
                return;
            }
            m_announcement = announcement;
            Q_EMIT started(announcement);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace Fluxdeck::Sandbox
