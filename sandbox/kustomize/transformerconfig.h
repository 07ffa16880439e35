#pragma once

#include "error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

// Where kustomize's transformers look inside objects: its built-in field specs, plus those a
// kustomization adds through `configurations:` files.
namespace Fluxdeck::Sandbox {

// Selects API types; an empty field matches anything.
struct TypeSelector
{
    QString group;
    QString version;
    QString kind;

    bool matches(const QString &objectGroup, const QString &objectVersion, const QString &objectKind) const;
    bool operator==(const TypeSelector &) const = default;
};

struct FieldSpec
{
    TypeSelector type;
    QStringList path; // "spec/template/metadata/labels" as segments; "[]" marks are dropped
    bool create = false;

    bool operator==(const FieldSpec &) const = default;
};

// Fields of `fieldSpecs` objects that hold the name of a `referral` object; when that object
// is renamed (prefix, suffix, hash), kustomize rewrites them.
struct NameReference
{
    TypeSelector referral;
    QList<FieldSpec> fieldSpecs;

    bool operator==(const NameReference &) const = default;
};

struct TransformerConfig
{
    QList<FieldSpec> commonLabels;      // metadata, templates and selectors
    QList<FieldSpec> templateLabels;    // metadata and templates (labels.includeTemplates)
    QList<FieldSpec> commonAnnotations; // metadata and templates
    QList<FieldSpec> images;            // besides every containers/initContainers list
    QList<FieldSpec> replicas;
    QList<NameReference> nameReferences;

    // kustomize's built-in configuration for the Kubernetes types.
    static TransformerConfig builtin();
    // Adds what `other` holds and this does not.
    void merge(const TransformerConfig &other);
};

// A `configurations:` file (already read as JSON): nameReference, commonLabels,
// commonAnnotations, images and replicas are understood; anything else is an error.
Domain::Result<TransformerConfig> parseTransformerConfig(const QJsonValue &config, const QString &fileName);

// "metadata/annotations/nginx.ingress.kubernetes.io\/auth-secret" -> its segments.
QStringList parseFieldPath(const QString &path);

// Calls `visit` on every value at `path` inside `object`, going into each element of the
// lists it meets. With `create`, missing maps along the path are made (and kept when the
// visitor puts something there).
void visitField(QJsonObject &object, const QStringList &path, bool create, const std::function<void(QJsonValue &)> &visit);

} // namespace Fluxdeck::Sandbox
