#pragma once

#include "error.h"
#include "kustomize/transformerconfig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

// A kustomization file (kustomization.yaml, kustomization.yml or Kustomization) as kustomize
// reads it, with the checks and the wording of Go's JSON decoding.
namespace Fluxdeck::Sandbox {

// generatorOptions, and a generator's own options.
struct GeneratorOptions
{
    QMap<QString, QString> labels;
    QMap<QString, QString> annotations;
    bool disableNameSuffixHash = false;
    bool immutable = false;
};

// One configMapGenerator or secretGenerator entry.
struct GeneratorArgs
{
    QString name;
    QString ns;
    QString behavior;
    QString type;
    QStringList literals;
    QStringList files;
    QStringList envs;
    std::optional<GeneratorOptions> options;
};

// One `patches` or `patchesJson6902` entry; target is kustomize's types.Selector as written.
struct PatchEntry
{
    QString path;
    QString patch;
    std::optional<QJsonObject> target;
    bool allowNameChange = false;
    bool allowKindChange = false;
};

// One `labels` entry.
struct LabelEntry
{
    QMap<QString, QString> pairs;
    bool includeSelectors = false;
    bool includeTemplates = false;
    QList<FieldSpec> fields;
};

// One `images` entry: which image to change, and to what.
struct ImageEntry
{
    QString name;
    QString newName;
    QString newTag;
    QString digest;
    QString tagSuffix;
};

// One `replicas` entry.
struct ReplicaEntry
{
    QString name;
    qint64 count = 0;
};

// What a kustomization asks for; `bases` are folded into resources and `imageTags` into images.
struct Kustomization
{
    QString dir;  // repository path of its directory ("" for the root)
    QString file; // "" when Flux generated it
    QString kind;
    QStringList resources;
    QStringList components;
    QStringList configurations;
    QJsonArray patchesStrategicMerge; // file paths or inline patches
    QString ns;
    QString namePrefix;
    QString nameSuffix;
    QMap<QString, QString> commonLabels;
    QMap<QString, QString> commonAnnotations;
    QList<LabelEntry> labels;
    QList<PatchEntry> patches;
    QList<PatchEntry> patchesJson6902;
    QList<ImageEntry> images;
    QList<ReplicaEntry> replicas;
    QList<GeneratorArgs> configMapGenerator;
    QList<GeneratorArgs> secretGenerator;
    std::optional<GeneratorOptions> generatorOptions;
};

// The JSON type name Go's decoder uses in its messages ("number", "string", ...).
QString jsonTypeName(const QJsonValue &value);

// Reads the document of a kustomization file. isRoot: Flux rewrites the root kustomization
// through Go's lenient YAML decoding before building, which drops fields it does not know;
// nested kustomizations reach kustomize as written, which refuses them. Fields the sandbox
// does not implement (replacements, helmCharts, ...) are refused either way.
Domain::Result<Kustomization> parseKustomization(const QJsonValue &document, const QString &dir, const QString &file,
                                                 bool isRoot);

} // namespace Fluxdeck::Sandbox
