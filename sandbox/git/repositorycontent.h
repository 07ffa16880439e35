#pragma once

#include "error.h"

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>

#include <optional>

namespace Fluxdeck::Sandbox {

// Reading and writing the content of the sandbox's bare repositories, for the Flux reconciler
// (what a GitRepository's artifact holds) and for tests and scenarios that "push" a change.
// Blocking; call from any thread (each call opens its own repository handle).

// The commit sha a reference names. reference is a branch ("main"), a tag ("v1.0.0"), a full
// ref name ("refs/heads/main"), a full or abbreviated sha, or any other revision git
// understands ("main~1"). Branches win over tags of the same name, as Flux asks for either
// explicitly. An unknown reference fails with detail "reference not found: <reference>".
Domain::Result<QString> resolve(const QString &repoPath, const QString &reference);

// Every file under directory at reference, recursively: path relative to the repository root
// -> content. directory is written as Flux writes a kustomization path ("./apps/staging",
// "apps/staging/", "." or "" for the whole tree). Fails with detail
// "stat <path>: no such file or directory" when the directory is missing at that revision,
// "<path>: not a directory" when it names a file, and as resolve() for an unknown reference.
Domain::Result<QMap<QString, QByteArray>> readFiles(
    const QString &repoPath, const QString &reference, const QString &directory);

// Commits changes on top of branch (created when missing) and returns the new commit's sha.
// A path mapped to std::nullopt is removed. Author and committer are the sandbox identity,
// at `when` (now when invalid).
Domain::Result<QString> commitFiles(const QString &repoPath, const QString &branch,
    const QMap<QString, std::optional<QByteArray>> &changes, const QString &message, const QDateTime &when = {});

} // namespace Fluxdeck::Sandbox
