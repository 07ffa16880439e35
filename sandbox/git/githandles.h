#pragma once

// libgit2 handles as unique_ptrs, and libgit2's last error as a Domain::Error. Private to the
// Git area's .cpp files and tests; the area's public API speaks Qt types only.

#include "error.h"

#include <git2.h>

#include <QByteArray>
#include <QString>

#include <memory>

namespace Fluxdeck::Sandbox {

template<auto FreeFunction> struct GitFree
{
    template<typename Handle> void operator()(Handle *handle) const { FreeFunction(handle); }
};

using GitRepositoryPtr = std::unique_ptr<git_repository, GitFree<git_repository_free>>;
using GitReferencePtr = std::unique_ptr<git_reference, GitFree<git_reference_free>>;
using GitObjectPtr = std::unique_ptr<git_object, GitFree<git_object_free>>;
using GitCommitPtr = std::unique_ptr<git_commit, GitFree<git_commit_free>>;
using GitTreePtr = std::unique_ptr<git_tree, GitFree<git_tree_free>>;
using GitTreeEntryPtr = std::unique_ptr<git_tree_entry, GitFree<git_tree_entry_free>>;
using GitTreeBuilderPtr = std::unique_ptr<git_treebuilder, GitFree<git_treebuilder_free>>;
using GitBlobPtr = std::unique_ptr<git_blob, GitFree<git_blob_free>>;
using GitTagPtr = std::unique_ptr<git_tag, GitFree<git_tag_free>>;
using GitSignaturePtr = std::unique_ptr<git_signature, GitFree<git_signature_free>>;
using GitOdbPtr = std::unique_ptr<git_odb, GitFree<git_odb_free>>;
using GitPackBuilderPtr = std::unique_ptr<git_packbuilder, GitFree<git_packbuilder_free>>;
using GitReferenceIteratorPtr = std::unique_ptr<git_reference_iterator, GitFree<git_reference_iterator_free>>;

// libgit2's message for the call that just failed on this thread (git_error_last() is per
// thread and overwritten by the next failing call, so read it at once).
QString gitErrorText(int code);

// A failure carrying libgit2's own words as the detail.
std::unexpected<Domain::Error> gitFailure(QString message, int code);

// Opens the repository at exactly path (never one of its parents, as a plain open would).
Domain::Result<GitRepositoryPtr> openGitRepository(const QString &path);

QString oidToString(const git_oid &oid);
QByteArray oidToHex(const git_oid &oid);
// Parses exactly 40 hexadecimal digits.
bool oidFromHex(QByteArrayView hex, git_oid *out);

// The identity every sandbox-made commit and tag carries.
inline constexpr char sandboxGitName[] = "Fluxdeck Sandbox";
inline constexpr char sandboxGitEmail[] = "sandbox@fluxdeck.invalid";

} // namespace Fluxdeck::Sandbox
