#pragma once

#include "error.h"

#include <QString>
#include <QStringList>

namespace Fluxdeck::Sandbox {

// The sandbox's stand-in for https://github.com/Azure/gitops-flux2-kustomize-helm-mt: the same
// layout (infrastructure/, apps/base|staging|production, clusters/) with Fluxdeck's own
// manifests, compiled in from sandbox/git/demo/.
//
// History, identical on every machine (fixed author, committer and times):
//   main     2024-05-13  "Production: podinfo with three replicas"  (adds apps/ and clusters/production)
//   release, v1.0.0 (annotated)  2024-05-06  "Staging: infrastructure and podinfo"
//
// Creates the bare repository at barePath unless one is there already, and returns the commit
// sha main points to. An existing repository is left as it is (changes made to it since, say
// by commitFiles(), survive a restart). Creation is atomic: the repository is built beside
// barePath and renamed into place.
Domain::Result<QString> ensureDemoRepository(const QString &barePath);

// The paths (relative to the repository root, sorted) of every file on the demo's main branch.
QStringList demoRepositoryFiles();

} // namespace Fluxdeck::Sandbox
