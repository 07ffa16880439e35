#include "repositorycontent.h"

#include "githandles.h"
#include "gitlibrary.h"

#include <QStringList>

#include <vector>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

std::unexpected<Domain::Error> referenceNotFound(const QString &reference)
{
    return Domain::failure(u"The reference '%1' does not exist in the repository."_s.arg(reference),
        u"reference not found: %1"_s.arg(reference));
}

Domain::Result<GitCommitPtr> peelToCommit(git_repository *repository, const git_oid &id, const QString &reference)
{
    git_object *object = nullptr;
    if (const int rc = git_object_lookup(&object, repository, &id, GIT_OBJECT_ANY); rc < 0)
        return gitFailure(u"The reference '%1' points to a missing object."_s.arg(reference), rc);
    const GitObjectPtr owned(object);
    git_object *commit = nullptr;
    if (const int rc = git_object_peel(&commit, object, GIT_OBJECT_COMMIT); rc < 0)
        return gitFailure(u"The reference '%1' does not name a commit."_s.arg(reference), rc);
    return GitCommitPtr(reinterpret_cast<git_commit *>(commit));
}

Domain::Result<GitCommitPtr> resolveCommit(git_repository *repository, const QString &reference)
{
    const QString name = reference.isEmpty() ? u"HEAD"_s : reference;
    // Flux names a branch or a tag explicitly; try those spellings before git's own guessing
    // (which prefers tags to branches).
    QStringList candidates;
    if (name.startsWith(u"refs/"_s))
        candidates = { name };
    else
        candidates = { u"refs/heads/"_s + name, u"refs/tags/"_s + name };
    for (const QString &candidate : std::as_const(candidates)) {
        git_oid id;
        const QByteArray utf8 = candidate.toUtf8();
        const int rc = git_reference_name_to_id(&id, repository, utf8.constData());
        if (rc == 0)
            return peelToCommit(repository, id, reference);
        if (rc != GIT_ENOTFOUND && rc != GIT_EINVALIDSPEC)
            return gitFailure(u"Could not read the reference '%1'."_s.arg(reference), rc);
    }
    git_object *object = nullptr;
    const QByteArray utf8 = name.toUtf8();
    const int rc = git_revparse_single(&object, repository, utf8.constData());
    if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC || rc == GIT_EAMBIGUOUS)
        return referenceNotFound(reference);
    if (rc < 0)
        return gitFailure(u"Could not resolve the reference '%1'."_s.arg(reference), rc);
    const GitObjectPtr owned(object);
    return peelToCommit(repository, *git_object_id(object), reference);
}

// A kustomization path made relative and clean, the way Flux joins it to the checkout: "."
// and empty parts vanish, ".." never climbs above the root.
QString cleanPath(const QString &path)
{
    QStringList parts;
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u"."_s)
            continue;
        if (part == u".."_s) {
            if (!parts.isEmpty())
                parts.removeLast();
            continue;
        }
        parts.append(part);
    }
    return parts.join(u'/');
}

struct WalkState
{
    git_repository *repository = nullptr;
    QString prefix; // the walked directory, with a trailing slash (empty for the root)
    QMap<QString, QByteArray> files;
    std::optional<Domain::Error> error;
};

int collectBlob(const char *root, const git_tree_entry *entry, void *payload)
{
    auto *state = static_cast<WalkState *>(payload);
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
        return 0; // trees are descended into; submodule commits have no content here
    const QString path = state->prefix + QString::fromUtf8(root) + QString::fromUtf8(git_tree_entry_name(entry));
    git_blob *blob = nullptr;
    if (const int rc = git_blob_lookup(&blob, state->repository, git_tree_entry_id(entry)); rc < 0) {
        state->error = gitFailure(u"Could not read %1 from the repository."_s.arg(path), rc).error();
        return -1;
    }
    const GitBlobPtr owned(blob);
    state->files.insert(
        path, QByteArray(static_cast<const char *>(git_blob_rawcontent(blob)), qsizetype(git_blob_rawsize(blob))));
    return 0;
}

Domain::Result<GitSignaturePtr> signatureAt(const QDateTime &when)
{
    const QDateTime time = when.isValid() ? when : QDateTime::currentDateTimeUtc();
    git_signature *signature = nullptr;
    if (const int rc = git_signature_new(
            &signature, sandboxGitName, sandboxGitEmail, time.toSecsSinceEpoch(), time.offsetFromUtc() / 60);
        rc < 0)
        return gitFailure(u"Could not create the commit's signature."_s, rc);
    return GitSignaturePtr(signature);
}

} // namespace

Domain::Result<QString> resolve(const QString &repoPath, const QString &reference)
{
    const Git::GitLibrary library;
    const auto repository = openGitRepository(repoPath);
    if (!repository)
        return std::unexpected(repository.error());
    const auto commit = resolveCommit(repository->get(), reference);
    if (!commit)
        return std::unexpected(commit.error());
    return oidToString(*git_commit_id(commit->get()));
}

Domain::Result<QMap<QString, QByteArray>> readFiles(
    const QString &repoPath, const QString &reference, const QString &directory)
{
    const Git::GitLibrary library;
    const auto repository = openGitRepository(repoPath);
    if (!repository)
        return std::unexpected(repository.error());
    const auto commit = resolveCommit(repository->get(), reference);
    if (!commit)
        return std::unexpected(commit.error());

    git_tree *rootTree = nullptr;
    if (const int rc = git_commit_tree(&rootTree, commit->get()); rc < 0)
        return gitFailure(u"Could not read the tree of '%1'."_s.arg(reference), rc);
    GitTreePtr tree(rootTree);

    const QString path = cleanPath(directory);
    if (!path.isEmpty()) {
        git_tree_entry *rawEntry = nullptr;
        const QByteArray utf8 = path.toUtf8();
        const int rc = git_tree_entry_bypath(&rawEntry, tree.get(), utf8.constData());
        if (rc == GIT_ENOTFOUND)
            return Domain::failure(u"The path '%1' does not exist at '%2'."_s.arg(path, reference),
                u"stat %1: no such file or directory"_s.arg(path));
        if (rc < 0)
            return gitFailure(u"Could not look up '%1' at '%2'."_s.arg(path, reference), rc);
        const GitTreeEntryPtr entry(rawEntry);
        if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
            return Domain::failure(u"The path '%1' at '%2' is a file, not a directory."_s.arg(path, reference),
                u"%1: not a directory"_s.arg(path));
        git_tree *subtree = nullptr;
        if (const int lookup = git_tree_lookup(&subtree, repository->get(), git_tree_entry_id(entry.get())); lookup < 0)
            return gitFailure(u"Could not read '%1' at '%2'."_s.arg(path, reference), lookup);
        tree.reset(subtree);
    }

    WalkState state;
    state.repository = repository->get();
    state.prefix = path.isEmpty() ? QString() : path + u'/';
    const int rc = git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collectBlob, &state);
    if (state.error)
        return std::unexpected(*state.error);
    if (rc < 0)
        return gitFailure(u"Could not list '%1' at '%2'."_s.arg(path, reference), rc);
    return state.files;
}

Domain::Result<QString> commitFiles(const QString &repoPath, const QString &branch,
    const QMap<QString, std::optional<QByteArray>> &changes, const QString &message, const QDateTime &when)
{
    const Git::GitLibrary library;
    const auto repository = openGitRepository(repoPath);
    if (!repository)
        return std::unexpected(repository.error());
    git_repository *repo = repository->get();

    const QByteArray refName = (u"refs/heads/"_s + branch).toUtf8();
    int valid = 0;
    if (git_reference_name_is_valid(&valid, refName.constData()) < 0 || !valid)
        return Domain::failure(u"'%1' is not a valid branch name."_s.arg(branch));

    GitCommitPtr parent;
    GitTreePtr baseline;
    git_oid parentId;
    if (const int rc = git_reference_name_to_id(&parentId, repo, refName.constData()); rc == 0) {
        git_commit *commit = nullptr;
        if (const int lookup = git_commit_lookup(&commit, repo, &parentId); lookup < 0)
            return gitFailure(u"Could not read the tip of '%1'."_s.arg(branch), lookup);
        parent.reset(commit);
        git_tree *tree = nullptr;
        if (const int lookup = git_commit_tree(&tree, commit); lookup < 0)
            return gitFailure(u"Could not read the tree of '%1'."_s.arg(branch), lookup);
        baseline.reset(tree);
    } else if (rc != GIT_ENOTFOUND) {
        return gitFailure(u"Could not read the branch '%1'."_s.arg(branch), rc);
    }

    std::vector<QByteArray> paths;
    std::vector<git_tree_update> updates;
    paths.reserve(size_t(changes.size()));
    updates.reserve(size_t(changes.size()));
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const QString path = cleanPath(it.key());
        if (path.isEmpty())
            return Domain::failure(u"'%1' is not a file path."_s.arg(it.key()));
        git_tree_update update {};
        if (it.value()) {
            update.action = GIT_TREE_UPDATE_UPSERT;
            update.filemode = GIT_FILEMODE_BLOB;
            const QByteArray &content = *it.value();
            if (const int rc
                = git_blob_create_from_buffer(&update.id, repo, content.constData(), size_t(content.size()));
                rc < 0)
                return gitFailure(u"Could not write %1."_s.arg(path), rc);
        } else {
            update.action = GIT_TREE_UPDATE_REMOVE;
        }
        paths.push_back(path.toUtf8());
        updates.push_back(update);
    }
    for (size_t i = 0; i < updates.size(); ++i)
        updates[i].path = paths[i].constData();

    git_oid treeId;
    if (const int rc = git_tree_create_updated(&treeId, repo, baseline.get(), updates.size(), updates.data()); rc < 0)
        return gitFailure(u"Could not apply the changes to '%1'."_s.arg(branch), rc);
    git_tree *rawTree = nullptr;
    if (const int rc = git_tree_lookup(&rawTree, repo, &treeId); rc < 0)
        return gitFailure(u"Could not read back the new tree."_s, rc);
    const GitTreePtr tree(rawTree);

    const auto signature = signatureAt(when);
    if (!signature)
        return std::unexpected(signature.error());
    QByteArray text = message.toUtf8();
    if (!text.endsWith('\n'))
        text.append('\n');
    const git_commit *parents[] = { parent.get() };
    git_oid id;
    // Updating the ref here checks that the parent is still the branch's tip.
    if (const int rc = git_commit_create(&id, repo, refName.constData(), signature->get(), signature->get(), nullptr,
            text.constData(), tree.get(), parent ? 1 : 0, parents);
        rc < 0)
        return gitFailure(u"Could not commit to '%1'."_s.arg(branch), rc);
    return oidToString(id);
}

} // namespace Fluxdeck::Sandbox
