#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace Fluxdeck::Sandbox {

// Where a streamed body goes: the HTTP front implements it over its responder (chunked transfer).
class KubeStreamSink
{
public:
    virtual ~KubeStreamSink() = default;
    virtual void write(const QByteArray &chunk) = 0;
    virtual void finish(const QByteArray &last) = 0;   // the last piece (may be empty), then the end of the body
};

// One running streamed answer: a watch or a followed log. It queues what is sent before the
// front attaches a sink, ends at its deadline, and is deleted when it ends or when the client
// goes away (cancel()), which drops the sink and with it the responder.
class KubeStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeStream)

public:
    explicit KubeStream(QObject *parent = nullptr);
    ~KubeStream() override;

    void attach(std::shared_ptr<KubeStreamSink> sink);
    void send(const QByteArray &data);
    void finish(const QByteArray &last = {});     // ends the body, then deletes itself
    void cancel();                                // the client is gone: no more writes
    bool isFinished() const { return m_finished; }

    // Ends the stream after `timeout`, calling `beforeEnd` first (a last bookmark, say).
    void setDeadline(std::chrono::milliseconds timeout, std::function<void()> beforeEnd = {});
    // Calls `tick` every `interval` while the stream runs (watch bookmarks).
    void setHeartbeat(std::chrono::milliseconds interval, std::function<void()> tick);

Q_SIGNALS:
    void ended();

private:
    std::shared_ptr<KubeStreamSink> m_sink;
    QByteArray m_pending;
    bool m_finished = false;
    QTimer m_deadline;
    QTimer m_heartbeat;
};

} // namespace Fluxdeck::Sandbox
