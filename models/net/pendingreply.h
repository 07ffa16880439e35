#pragma once

#include <QMetaObject>
#include <QNetworkReply>
#include <QPointer>

#include <functional>

namespace Fluxdeck::Net {

// The one QNetworkReply a request waits for. Dropping it (reset, destruction) disconnects the
// handler first, so aborting a running reply never calls back into a half-gone owner.
class PendingReply final
{
    Q_DISABLE_COPY_MOVE(PendingReply)

public:
    PendingReply() = default;
    ~PendingReply() { reset(); }

    void watch(QNetworkReply *reply, const QObject *context, std::function<void()> handler)
    {
        reset();
        m_reply = reply;
        m_connection = QObject::connect(reply, &QNetworkReply::finished, context, std::move(handler));
    }

    QNetworkReply *get() const { return m_reply; }

    void reset()
    {
        QObject::disconnect(m_connection);
        if (QNetworkReply *reply = m_reply.data()) {
            m_reply.clear();
            if (reply->isRunning())
                reply->abort();
            reply->deleteLater();
        }
    }

private:
    QPointer<QNetworkReply> m_reply;
    QMetaObject::Connection m_connection;
};

} // namespace Fluxdeck::Net
