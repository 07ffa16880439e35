#include "kubestream.h"

namespace Fluxdeck::Sandbox {

KubeStream::KubeStream(QObject *parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
}

KubeStream::~KubeStream()
{
    Q_EMIT ended();
}

void KubeStream::attach(std::shared_ptr<KubeStreamSink> sink)
{
    m_sink = std::move(sink);
    if (m_finished) {
        m_sink->finish(std::exchange(m_pending, {}));
        m_sink.reset();
        deleteLater();
        return;
    }
    if (!m_pending.isEmpty())
        m_sink->write(std::exchange(m_pending, {}));
}

void KubeStream::send(const QByteArray &data)
{
    if (m_finished || data.isEmpty())
        return;
    // A local owner: a disconnect noticed during the write may cancel() and drop m_sink.
    if (const std::shared_ptr<KubeStreamSink> sink = m_sink)
        sink->write(data);
    else
        m_pending += data;
}

void KubeStream::finish(const QByteArray &last)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    m_heartbeat.stop();
    if (const std::shared_ptr<KubeStreamSink> sink = std::exchange(m_sink, {})) {
        sink->finish(last);
    } else {
        m_pending += last;
        return;   // attach() writes it and ends; the front deletes us then
    }
    deleteLater();
}

void KubeStream::cancel()
{
    m_finished = true;
    m_deadline.stop();
    m_heartbeat.stop();
    m_sink.reset();
    deleteLater();
}

void KubeStream::setDeadline(std::chrono::milliseconds timeout, std::function<void()> beforeEnd)
{
    m_deadline.setInterval(timeout);
    connect(&m_deadline, &QTimer::timeout, this, [this, beforeEnd = std::move(beforeEnd)] {
        if (beforeEnd)
            beforeEnd();
        finish();
    });
    m_deadline.start();
}

void KubeStream::setHeartbeat(std::chrono::milliseconds interval, std::function<void()> tick)
{
    m_heartbeat.setInterval(interval);
    connect(&m_heartbeat, &QTimer::timeout, this, std::move(tick));
    m_heartbeat.start();
}

} // namespace Fluxdeck::Sandbox
