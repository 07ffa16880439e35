#pragma once

#include "error.h"
#include "gitsmarthttp.h"

#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

#include <optional>

namespace Fluxdeck::Sandbox {

// The sandbox's Git hosting: public repository URLs (https://github.com/Azure/x, with or
// without .git, any case of host) map to bare repositories under <stateDirectory>/git/<host>/
// <path>.git, served at /git/<host>/<path>.git on the sandbox's HTTPS port. Clients reach them by
// rewriting the public base to the sandbox's (url.<sandbox>.insteadOf <public>; see
// sandbox/git/README.md). Repositories live on disk, so they survive a restart.
//
// Thread-safe: it holds nothing but the state directory.
class GitHost final
{
public:
    struct Repository
    {
        QUrl publicUrl; // https://github.com/Azure/gitops-flux2-kustomize-helm-mt
        QString barePath; // <stateDirectory>/git/github.com/Azure/gitops-flux2-kustomize-helm-mt.git
        QString sandboxPath; // /git/github.com/Azure/gitops-flux2-kustomize-helm-mt.git
    };

    enum class Service { InfoRefs, UploadPack, ReceivePack };

    struct Endpoint
    {
        Repository repository;
        Service service = Service::InfoRefs;
    };

    explicit GitHost(const QString &stateDirectory);
    ~GitHost();
    Q_DISABLE_COPY_MOVE(GitHost)

    // <stateDirectory>/git
    QString root() const;

    // https://github.com/Azure/gitops-flux2-kustomize-helm-mt, the Azure GitOps tutorial's repository.
    static QUrl demoUrl();

    // "<host>/<path>" for a public http(s) URL: host lower-cased (with its port when it has one),
    // path without a trailing ".git" or slash. Path segments may use letters, digits, '.', '-'
    // and '_' (not "." or ".."), so a URL can never reach outside the state directory.
    static Domain::Result<QString> repositoryKey(const QUrl &publicUrl);

    // Creates the demo repository at demoUrl() once (see ensureDemoRepository()).
    Domain::Result<Repository> ensureDemo() const;

    // An empty bare repository (branch main, unborn) for publicUrl, or the one already there.
    Domain::Result<Repository> create(const QUrl &publicUrl) const;

    // The repository for publicUrl, if the host has it.
    std::optional<Repository> find(const QUrl &publicUrl) const;

    // Every repository on disk, by sandbox path.
    QList<Repository> repositories() const;

    // Which repository and service an HTTP request path names: /git/<host>/<path>[.git]/info/refs,
    // .../git-upload-pack or .../git-receive-pack. Nothing for any other path or an unknown
    // repository (answer 404).
    std::optional<Endpoint> endpoint(const QString &urlPath) const;

    // Serves one smart HTTP request: method, decoded URL path, the "service" query item, body
    // and Content-Encoding header. 404 for unknown repositories, 405 for a wrong method.
    GitSmartHttp::Response handle(QByteArrayView method, const QString &urlPath, const QString &service,
        const QByteArray &body, QByteArrayView contentEncoding) const;

    // The URL rewrites a client needs to reach every hosted repository through the sandbox:
    // sandbox base -> public base, e.g. "https://127.0.0.1:8443/git/github.com/" ->
    // "https://github.com/" (git config url.<key>.insteadOf <value>).
    QMap<QString, QString> insteadOf(const QUrl &sandboxBase) const;

private:
    Repository repositoryFor(const QString &key) const;

    QString m_root;
    GitSmartHttp m_smartHttp;
};

} // namespace Fluxdeck::Sandbox
