#include "githost.h"

#include "demorepository.h"
#include "githandles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

const QString sandboxPrefix = u"/git/"_s;

bool isBareRepository(const QString &path)
{
    return QFileInfo(path + u"/HEAD"_s).isFile() && QFileInfo(path + u"/objects"_s).isDir();
}

} // namespace

GitHost::GitHost(const QString &stateDirectory)
    : m_root(QDir::cleanPath(stateDirectory + u"/git"_s))
{
}

GitHost::~GitHost() = default;

QString GitHost::root() const
{
    return m_root;
}

QUrl GitHost::demoUrl()
{
    return QUrl(u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s);
}

Domain::Result<QString> GitHost::repositoryKey(const QUrl &publicUrl)
{
    const QString invalid = u"'%1' is not a Git repository URL the sandbox can host."_s.arg(publicUrl.toString());
    const QString scheme = publicUrl.scheme().toLower();
    if (!publicUrl.isValid() || (scheme != u"https"_s && scheme != u"http"_s) || publicUrl.host().isEmpty())
        return Domain::failure(invalid, u"expected an http(s) URL with a host"_s);
    QString host = publicUrl.host().toLower();
    if (publicUrl.port() != -1)
        host += u':' + QString::number(publicUrl.port());

    QString path = publicUrl.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.endsWith(u".git"_s))
        path.chop(4);
    static const QRegularExpression segmentPattern(u"^[A-Za-z0-9._-]+$"_s);
    const QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    if (segments.isEmpty())
        return Domain::failure(invalid, u"no repository path"_s);
    for (const QString &segment : segments) {
        if (segment == u"."_s || segment == u".."_s || !segmentPattern.match(segment).hasMatch())
            return Domain::failure(invalid, u"bad path segment '%1'"_s.arg(segment));
    }
    return host + u'/' + segments.join(u'/');
}

GitHost::Repository GitHost::repositoryFor(const QString &key) const
{
    return Repository { QUrl(u"https://"_s + key), m_root + u'/' + key + u".git"_s, sandboxPrefix + key + u".git"_s };
}

Domain::Result<GitHost::Repository> GitHost::ensureDemo() const
{
    const Repository repository = repositoryFor(*repositoryKey(demoUrl()));
    if (const auto head = ensureDemoRepository(repository.barePath); !head)
        return std::unexpected(head.error());
    return repository;
}

Domain::Result<GitHost::Repository> GitHost::create(const QUrl &publicUrl) const
{
    const auto key = repositoryKey(publicUrl);
    if (!key)
        return std::unexpected(key.error());
    const Repository repository = repositoryFor(*key);
    if (isBareRepository(repository.barePath))
        return repository;

    const Git::GitLibrary library;
    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_MKDIR;
    options.initial_head = "main";
    git_repository *raw = nullptr;
    const QByteArray nativePath = QFile::encodeName(repository.barePath);
    if (const int rc = git_repository_init_ext(&raw, nativePath.constData(), &options); rc < 0)
        return gitFailure(u"Could not create a repository for %1."_s.arg(repository.publicUrl.toString()), rc);
    const GitRepositoryPtr owned(raw);
    return repository;
}

std::optional<GitHost::Repository> GitHost::find(const QUrl &publicUrl) const
{
    const auto key = repositoryKey(publicUrl);
    if (!key)
        return std::nullopt;
    Repository repository = repositoryFor(*key);
    if (!isBareRepository(repository.barePath))
        return std::nullopt;
    return repository;
}

QList<GitHost::Repository> GitHost::repositories() const
{
    QList<Repository> result;
    // Depth first; a repository's own folders are never searched for more repositories.
    QStringList pending { m_root };
    while (!pending.isEmpty()) {
        const QString directory = pending.takeLast();
        const QStringList children = QDir(directory).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &child : children) {
            const QString path = directory + u'/' + child;
            if (child.endsWith(u".git"_s) && isBareRepository(path)) {
                const QString key = path.mid(m_root.size() + 1).chopped(4);
                result.append(repositoryFor(key));
            } else if (!child.contains(u".partial-"_s)) {
                pending.append(path);
            }
        }
    }
    std::sort(result.begin(), result.end(),
        [](const Repository &a, const Repository &b) { return a.sandboxPath < b.sandboxPath; });
    return result;
}

std::optional<GitHost::Endpoint> GitHost::endpoint(const QString &urlPath) const
{
    if (!urlPath.startsWith(sandboxPrefix))
        return std::nullopt;
    static const std::pair<QString, Service> suffixes[] = {
        { u"/info/refs"_s, Service::InfoRefs },
        { u"/git-upload-pack"_s, Service::UploadPack },
        { u"/git-receive-pack"_s, Service::ReceivePack },
    };
    for (const auto &[suffix, service] : suffixes) {
        if (!urlPath.endsWith(suffix) || urlPath.size() <= sandboxPrefix.size() + suffix.size())
            continue;
        const QString repositoryPart
            = urlPath.sliced(sandboxPrefix.size(), urlPath.size() - sandboxPrefix.size() - suffix.size());
        // The first segment is the public host; the rest is its path.
        const auto repository = find(QUrl(u"https://"_s + repositoryPart));
        if (!repository)
            return std::nullopt;
        return Endpoint { *repository, service };
    }
    return std::nullopt;
}

GitSmartHttp::Response GitHost::handle(QByteArrayView method, const QString &urlPath, const QString &service,
    const QByteArray &body, QByteArrayView contentEncoding) const
{
    const auto target = endpoint(urlPath);
    if (!target)
        return { 404, QByteArrayLiteral("text/plain; charset=utf-8"), QByteArrayLiteral("Repository not found.\n"),
            {} };
    const auto methodNotAllowed = [](const char *allowed) {
        return GitSmartHttp::Response { 405, QByteArrayLiteral("text/plain; charset=utf-8"),
            QByteArrayLiteral("Method not allowed.\n"), { { QByteArrayLiteral("Allow"), QByteArray(allowed) } } };
    };
    switch (target->service) {
    case Service::InfoRefs:
        if (method != "GET" && method != "HEAD")
            return methodNotAllowed("GET, HEAD");
        return m_smartHttp.infoRefs(target->repository.barePath, service);
    case Service::UploadPack:
        if (method != "POST")
            return methodNotAllowed("POST");
        return m_smartHttp.uploadPack(target->repository.barePath, body, contentEncoding);
    case Service::ReceivePack:
        return m_smartHttp.receivePack(target->repository.barePath);
    }
    Q_UNREACHABLE_RETURN(GitSmartHttp::Response {});
}

QMap<QString, QString> GitHost::insteadOf(const QUrl &sandboxBase) const
{
    QString base = sandboxBase.toString();
    while (base.endsWith(u'/')) // StripTrailingSlash keeps the slash of an empty path
        base.chop(1);
    QMap<QString, QString> rewrites;
    QSet<QString> hosts;
    for (const Repository &repository : repositories())
        hosts.insert(repository.sandboxPath.section(u'/', 2, 2));
    for (const QString &host : std::as_const(hosts))
        rewrites.insert(base + sandboxPrefix + host + u'/', u"https://"_s + host + u'/');
    return rewrites;
}

} // namespace Fluxdeck::Sandbox
