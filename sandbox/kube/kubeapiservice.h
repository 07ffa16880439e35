#pragma once

#include "server/httpresponse.h"

#include <QObject>

#include <chrono>
#include <functional>

namespace Fluxdeck::Sandbox {

class KubeObjectStore;
class KubeStream;
struct KubeResourceType;

// Each cluster's Kubernetes API server under "/k8s/{key}/…": bearer-token auth, discovery
// (legacy and aggregated v2), get/list/create/update/patch/delete with the status subresource,
// label and field selectors, paging with continue tokens, watches (streamed, with bookmarks and
// 410 Gone past the retained history), server-side Table printing, and pod logs (followed logs
// stream). Errors are Kubernetes Status objects.
class KubeApiService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeApiService)

public:
    struct Options
    {
        std::chrono::milliseconds bookmarkInterval{60000};
        std::chrono::seconds watchTimeout{1800};    // when the client sets no timeoutSeconds
    };
    // Maps a bearer token to the lower-cased ARM id of the cluster it was issued for (or empty).
    using TokenResolver = std::function<QString(const QString &token)>;

    struct Reply
    {
        HttpResponse response;         // the whole answer; for a stream, its status and headers
        KubeStream *stream = nullptr;  // set: write the head, then attach a sink to it
    };

    KubeApiService(KubeObjectStore &store, TokenResolver tokens, Options options, QObject *parent = nullptr);
    ~KubeApiService() override;

    // request.segments starts with "k8s", "{key}".
    Reply handle(const HttpRequest &request);
    int activeStreams() const { return m_streams; }

    // Called when a request names a cluster key the store does not know yet (ARM may have added it).
    void setClusterRefresher(std::function<void()> refresh) { m_refresh = std::move(refresh); }

private:
    struct Target;
    Reply route(const HttpRequest &request, const QString &cluster, const QStringList &path);
    Reply resource(const HttpRequest &request, const QString &cluster, const Target &target);
    Reply list(const HttpRequest &request, const QString &cluster, const Target &target);
    Reply watch(const HttpRequest &request, const QString &cluster, const Target &target);
    Reply logs(const HttpRequest &request, const QString &cluster, const Target &target);
    Reply write(const HttpRequest &request, const QString &cluster, const Target &target);
    Reply deleteCollection(const HttpRequest &request, const QString &cluster, const Target &target);

    KubeObjectStore &m_store;
    TokenResolver m_tokens;
    Options m_options;
    std::function<void()> m_refresh;
    int m_streams = 0;
};

} // namespace Fluxdeck::Sandbox
