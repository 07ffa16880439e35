#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

// What Flux's kustomize-controller builds for a Kustomization's spec.path, then its postBuild
// variable substitution; pure and synchronous, over the files of a source artifact held in
// memory. README.md in this folder lists what is supported.
namespace Fluxdeck::Sandbox {

struct BuildResult
{
    QJsonArray objects; // Kubernetes objects as JSON, in kustomize's order
    // For each object (same index): strings that were quoted in the source YAML and hold
    // "${". Flux substitutes in the YAML text, where quoting decides what "${replicas}"
    // becomes; substitute(BuildResult) keeps those strings strings.
    QList<QSet<QString>> quotedStrings;
};

// files: every file of the source artifact, keyed by path relative to the repository root
// ("apps/staging/kustomization.yaml").
// path: the Kustomization's spec.path, e.g. "./apps/staging", "apps/staging", "./", "" (root).
//
// A directory with a kustomization.yaml, kustomization.yml or Kustomization file is built as
// kustomize does. A directory without one gets what Flux generates: every .yaml/.yml file in
// it and below as a resource, except that a subdirectory with its own kustomization file is
// added as a whole. Errors carry Flux's and kustomize's wording, with repository-relative paths
// ("kustomization path not found: stat apps/nope: no such file or directory", "accumulating
// resources: ...", "may not add resource with an already registered id: ...").
Domain::Result<BuildResult> kustomizeBuild(const QMap<QString, QByteArray> &files, const QString &path);

// Flux postBuild: ${var}, ${var:=default}, ${var:-default} (and the rest of envsubst.h);
// $${var} escapes; variables from spec.postBuild.substitute. Like Flux, each object is written
// as YAML, substituted as text and read back (so a plain ${replicas} can become a number),
// objects labelled or annotated kustomize.toolkit.fluxcd.io/substitute: disabled are left
// alone, newlines in values are dropped, and nothing happens without variables. Strict mode:
// a missing variable without default fails, naming it:
//   post build failed for 'Deployment.v1.apps/web': envsubst error: variable substitution
//   failed: variable not set (strict mode): "replicas"
Domain::Result<QJsonArray> substitute(const QJsonArray &objects, const QMap<QString, QString> &variables, bool strict);
// The same, keeping strings that were quoted in the source strings, as Flux does.
Domain::Result<QJsonArray> substitute(const BuildResult &built, const QMap<QString, QString> &variables, bool strict);

} // namespace Fluxdeck::Sandbox
