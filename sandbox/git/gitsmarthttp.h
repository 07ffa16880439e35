#pragma once

#include "gitlibrary.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

namespace Fluxdeck::Sandbox {

// The read-only side of Git's smart HTTP protocol (gitprotocol-http(5)), version 0/1: the ref
// advertisement and git-upload-pack, stateless as HTTP is. Transport-independent: the HTTP
// server passes what the request carried and writes back the Response. Pushing is refused.
//
// Advertised capabilities: multi_ack_detailed side-band-64k thin-pack ofs-delta shallow
// no-progress include-tag symref=HEAD:<branch> agent=fluxdeck-sandbox/1. A client that asks
// for protocol v2 (the Git-Protocol header) gets v0, which every client falls back to.
//
// Blocking (the pack is built in memory); thread-safe, each call opens its own repository.
class GitSmartHttp final
{
public:
    struct Response
    {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
        // Extra headers to send as they are (Cache-Control: the protocol says never to cache).
        QList<std::pair<QByteArray, QByteArray>> headers;
    };

    GitSmartHttp();
    ~GitSmartHttp();
    Q_DISABLE_COPY_MOVE(GitSmartHttp)

    // GET <repo>/info/refs?service=<service>. 404 when bareRepoPath is not a repository,
    // 403 for git-receive-pack or a missing or unknown service.
    Response infoRefs(const QString &bareRepoPath, const QString &service) const;

    // POST <repo>/git-upload-pack. contentEncoding is the request's Content-Encoding header:
    // git sends large requests gzip-compressed. 400 when the body cannot be decoded; protocol
    // errors ("not our ref") travel as an ERR packet in a 200, as git-http-backend does.
    Response uploadPack(
        const QString &bareRepoPath, const QByteArray &requestBody, QByteArrayView contentEncoding = {}) const;

    // POST <repo>/git-receive-pack (and its advertisement): always 403, the host is read-only.
    Response receivePack(const QString &bareRepoPath) const;

    static constexpr qsizetype maxRequestSize = 64 * 1024 * 1024; // after decompression

private:
    const Git::GitLibrary m_library;
};

} // namespace Fluxdeck::Sandbox
