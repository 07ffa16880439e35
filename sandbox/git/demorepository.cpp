#include "demorepository.h"

#include "githandles.h"
#include "gitlibrary.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <vector>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

const QString resourceRoot = u":/sandbox/demo"_s;

// Fixed times (UTC) keep every object id, and so main's sha, the same on every run.
constexpr git_time_t stagingCommitTime = 1714986000; // 2024-05-06 09:00
constexpr git_time_t releaseTagTime = 1714987800; // 2024-05-06 09:30
constexpr git_time_t productionCommitTime = 1715608800; // 2024-05-13 14:00

// The second commit adds production; the first one (v1.0.0, release) has staging only.
bool addedWithProduction(const QString &path)
{
    return path.startsWith(u"apps/production/"_s) || path.startsWith(u"clusters/production/"_s);
}

Domain::Result<GitSignaturePtr> sandboxSignature(git_time_t when)
{
    git_signature *raw = nullptr;
    if (const int rc = git_signature_new(&raw, sandboxGitName, sandboxGitEmail, when, 0); rc < 0)
        return gitFailure(u"Could not create the demo repository's signature."_s, rc);
    return GitSignaturePtr(raw);
}

// Writes the blobs of the given files and a tree holding them.
Domain::Result<GitTreePtr> writeTree(git_repository *repository, const QStringList &paths)
{
    std::vector<QByteArray> utf8Paths;
    utf8Paths.reserve(size_t(paths.size()));
    std::vector<git_tree_update> updates;
    updates.reserve(size_t(paths.size()));
    for (const QString &path : paths) {
        QFile file(resourceRoot + u'/' + path);
        if (!file.open(QIODevice::ReadOnly))
            return Domain::failure(u"The demo repository's content is missing from the build."_s, file.fileName());
        const QByteArray content = file.readAll();
        git_tree_update update {};
        update.action = GIT_TREE_UPDATE_UPSERT;
        update.filemode = GIT_FILEMODE_BLOB;
        if (const int rc
            = git_blob_create_from_buffer(&update.id, repository, content.constData(), size_t(content.size()));
            rc < 0)
            return gitFailure(u"Could not write %1 into the demo repository."_s.arg(path), rc);
        utf8Paths.push_back(path.toUtf8());
        updates.push_back(update);
    }
    for (size_t i = 0; i < updates.size(); ++i)
        updates[i].path = utf8Paths[i].constData();

    git_oid treeId;
    if (const int rc = git_tree_create_updated(&treeId, repository, nullptr, updates.size(), updates.data()); rc < 0)
        return gitFailure(u"Could not write the demo repository's tree."_s, rc);
    git_tree *tree = nullptr;
    if (const int rc = git_tree_lookup(&tree, repository, &treeId); rc < 0)
        return gitFailure(u"Could not read back the demo repository's tree."_s, rc);
    return GitTreePtr(tree);
}

Domain::Result<GitCommitPtr> writeCommit(git_repository *repository, const QStringList &paths, const char *message,
    git_time_t when, const git_commit *parent)
{
    const auto tree = writeTree(repository, paths);
    if (!tree)
        return std::unexpected(tree.error());
    const auto signature = sandboxSignature(when);
    if (!signature)
        return std::unexpected(signature.error());
    const git_commit *parents[] = { parent };
    git_oid id;
    if (const int rc = git_commit_create(&id, repository, nullptr, signature->get(), signature->get(), nullptr, message,
            tree->get(), parent ? 1 : 0, parents);
        rc < 0)
        return gitFailure(u"Could not write a commit into the demo repository."_s, rc);
    git_commit *commit = nullptr;
    if (const int rc = git_commit_lookup(&commit, repository, &id); rc < 0)
        return gitFailure(u"Could not read back a demo repository commit."_s, rc);
    return GitCommitPtr(commit);
}

Domain::Result<void> createReference(git_repository *repository, const char *name, const git_oid *target)
{
    git_reference *reference = nullptr;
    if (const int rc = git_reference_create(&reference, repository, name, target, 0, "sandbox: created"); rc < 0)
        return gitFailure(u"Could not create %1 in the demo repository."_s.arg(QString::fromUtf8(name)), rc);
    GitReferencePtr owned(reference);
    return {};
}

// Builds the whole repository at path, which must not exist yet.
Domain::Result<QString> buildDemo(const QString &path)
{
    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_MKDIR;
    options.initial_head = "main";
    options.description = "Fluxdeck sandbox: gitops-flux2-kustomize-helm-mt";
    git_repository *raw = nullptr;
    const QByteArray nativePath = QFile::encodeName(path);
    if (const int rc = git_repository_init_ext(&raw, nativePath.constData(), &options); rc < 0)
        return gitFailure(u"Could not create the demo repository in %1."_s.arg(path), rc);
    const GitRepositoryPtr repository(raw);

    const QStringList all = demoRepositoryFiles();
    QStringList staging;
    for (const QString &file : all) {
        if (!addedWithProduction(file))
            staging.append(file);
    }

    const auto first = writeCommit(repository.get(), staging,
        "Staging: infrastructure and podinfo\n\n"
        "Helm repositories, the NGINX ingress controller and Redis under\n"
        "infrastructure/, podinfo under apps/base with the staging values.\n",
        stagingCommitTime, nullptr);
    if (!first)
        return std::unexpected(first.error());
    const auto second = writeCommit(
        repository.get(), all, "Production: podinfo with three replicas\n", productionCommitTime, first->get());
    if (!second)
        return std::unexpected(second.error());

    const auto tagger = sandboxSignature(releaseTagTime);
    if (!tagger)
        return std::unexpected(tagger.error());
    git_oid tagId;
    if (const int rc
        = git_tag_create(&tagId, repository.get(), "v1.0.0", reinterpret_cast<const git_object *>(first->get()),
            tagger->get(), "First release: staging runs podinfo\n", 0);
        rc < 0)
        return gitFailure(u"Could not tag the demo repository."_s, rc);

    if (const auto created = createReference(repository.get(), "refs/heads/release", git_commit_id(first->get()));
        !created)
        return std::unexpected(created.error());
    if (const auto created = createReference(repository.get(), "refs/heads/main", git_commit_id(second->get()));
        !created)
        return std::unexpected(created.error());
    return oidToString(*git_commit_id(second->get()));
}

Domain::Result<QString> mainOf(const QString &path)
{
    git_repository *raw = nullptr;
    const QByteArray nativePath = QFile::encodeName(path);
    if (const int rc = git_repository_open_bare(&raw, nativePath.constData()); rc < 0)
        return gitFailure(u"%1 exists but is not a Git repository."_s.arg(path), rc);
    const GitRepositoryPtr repository(raw);
    git_oid id;
    if (const int rc = git_reference_name_to_id(&id, repository.get(), "refs/heads/main"); rc < 0)
        return gitFailure(u"The demo repository in %1 has no main branch."_s.arg(path), rc);
    return oidToString(id);
}

} // namespace

QStringList demoRepositoryFiles()
{
    QStringList files;
    QDirIterator it(resourceRoot, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next().mid(resourceRoot.size() + 1));
    files.sort();
    return files;
}

Domain::Result<QString> ensureDemoRepository(const QString &barePath)
{
    const Git::GitLibrary library;
    const QFileInfo target(barePath);
    if (target.exists())
        return mainOf(barePath);

    // Build beside the target and rename: a crash half-way never leaves a broken repository
    // where the next start would take it for a finished one.
    const QString partial = barePath + u".partial-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const auto built = buildDemo(partial);
    if (!built) {
        QDir(partial).removeRecursively();
        return built;
    }
    if (!QDir().rename(partial, barePath)) {
        QDir(partial).removeRecursively();
        if (QFileInfo::exists(barePath)) // another process finished first
            return mainOf(barePath);
        return Domain::failure(u"Could not move the demo repository into %1."_s.arg(barePath));
    }
    return built;
}

} // namespace Fluxdeck::Sandbox
