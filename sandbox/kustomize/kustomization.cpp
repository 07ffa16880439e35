#include "kustomize/kustomization.h"

#include <QHash>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

using Domain::Error;

std::unexpected<Error> fail(const QString &message)
{
    return Domain::failure(message);
}

// Reads kustomization fields with the checks (and the wording) of Go's JSON decoding.
class FieldReader
{
public:
    explicit FieldReader(QString file)
        : m_file(std::move(file))
    {
    }

    const Error &error() const { return m_error; }

    bool typeError(const QString &field, const QJsonValue &value, const QString &goType)
    {
        m_error = Error{u"%1: invalid Kustomization: json: cannot unmarshal %2 into Go struct field %3 of type %4"_s.arg(
                            m_file, jsonTypeName(value), field, goType),
                        {}};
        return false;
    }

    bool string(const QJsonValue &value, const QString &field, QString &out)
    {
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isString())
            return typeError(field, value, u"string"_s);
        out = value.toString();
        return true;
    }

    bool boolean(const QJsonValue &value, const QString &field, bool &out)
    {
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isBool())
            return typeError(field, value, u"bool"_s);
        out = value.toBool();
        return true;
    }

    bool strings(const QJsonValue &value, const QString &field, QStringList &out)
    {
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isArray())
            return typeError(field, value, u"[]string"_s);
        for (const QJsonValue &element : value.toArray()) {
            if (!element.isString())
                return typeError(field, element, u"string"_s);
            out.append(element.toString());
        }
        return true;
    }

    bool stringMap(const QJsonValue &value, const QString &field, QMap<QString, QString> &out)
    {
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isObject())
            return typeError(field, value, u"map[string]string"_s);
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            // The classic: `version: 1.10` reads as a number; Kubernetes wants it quoted.
            if (!it.value().isString())
                return typeError(field, it.value(), u"string"_s);
            out.insert(it.key(), it.value().toString());
        }
        return true;
    }

    bool objects(const QJsonValue &value, const QString &field, QJsonArray &out)
    {
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isArray())
            return typeError(field, value, u"[]" + field.section(u'.', -1));
        for (const QJsonValue &element : value.toArray()) {
            if (!element.isObject())
                return typeError(field, element, u"struct"_s);
        }
        out = value.toArray();
        return true;
    }

    bool options(const QJsonValue &value, const QString &field, std::optional<GeneratorOptions> &out)
    {
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isObject())
            return typeError(field, value, u"types.GeneratorOptions"_s);
        const QJsonObject object = value.toObject();
        GeneratorOptions options;
        if (!stringMap(object.value(u"labels"), field + u".labels"_s, options.labels)
            || !stringMap(object.value(u"annotations"), field + u".annotations"_s, options.annotations)
            || !boolean(object.value(u"disableNameSuffixHash"), field + u".disableNameSuffixHash"_s,
                        options.disableNameSuffixHash)
            || !boolean(object.value(u"immutable"), field + u".immutable"_s, options.immutable))
            return false;
        out = options;
        return true;
    }

    bool generators(const QJsonValue &value, const QString &field, QList<GeneratorArgs> &out)
    {
        QJsonArray entries;
        if (!objects(value, field, entries))
            return false;
        for (const QJsonValue &entry : std::as_const(entries)) {
            const QJsonObject object = entry.toObject();
            GeneratorArgs args;
            QStringList env;
            if (!string(object.value(u"name"), field + u".name"_s, args.name)
                || !string(object.value(u"namespace"), field + u".namespace"_s, args.ns)
                || !string(object.value(u"behavior"), field + u".behavior"_s, args.behavior)
                || !string(object.value(u"type"), field + u".type"_s, args.type)
                || !strings(object.value(u"literals"), field + u".literals"_s, args.literals)
                || !strings(object.value(u"files"), field + u".files"_s, args.files)
                || !strings(object.value(u"envs"), field + u".envs"_s, args.envs)
                || !options(object.value(u"options"), field + u".options"_s, args.options))
                return false;
            QString single;
            if (!string(object.value(u"env"), field + u".env"_s, single))
                return false;
            if (!single.isEmpty())
                args.envs.append(single);
            out.append(args);
        }
        return true;
    }

    bool patches(const QJsonValue &value, const QString &field, QList<PatchEntry> &out)
    {
        QJsonArray entries;
        if (!objects(value, field, entries))
            return false;
        for (const QJsonValue &entry : std::as_const(entries)) {
            const QJsonObject object = entry.toObject();
            PatchEntry patch;
            if (!string(object.value(u"path"), field + u".path"_s, patch.path)
                || !string(object.value(u"patch"), field + u".patch"_s, patch.patch))
                return false;
            const QJsonValue target = object.value(u"target");
            if (target.isObject())
                patch.target = target.toObject();
            else if (!target.isUndefined() && !target.isNull())
                return typeError(field + u".target"_s, target, u"types.Selector"_s);
            const QJsonObject options = object.value(u"options").toObject();
            if (!boolean(options.value(u"allowNameChange"), field + u".options"_s, patch.allowNameChange)
                || !boolean(options.value(u"allowKindChange"), field + u".options"_s, patch.allowKindChange))
                return false;
            out.append(patch);
        }
        return true;
    }

private:
    QString m_file;
    Error m_error;
};

enum class FieldSupport { Supported, Ignored, Unsupported };

std::optional<FieldSupport> kustomizationField(const QString &name)
{
    static const QHash<QString, FieldSupport> fields = {
        {u"apiVersion"_s, FieldSupport::Supported}, {u"kind"_s, FieldSupport::Supported},
        {u"metadata"_s, FieldSupport::Supported}, {u"resources"_s, FieldSupport::Supported},
        {u"bases"_s, FieldSupport::Supported}, {u"components"_s, FieldSupport::Supported},
        {u"namespace"_s, FieldSupport::Supported}, {u"namePrefix"_s, FieldSupport::Supported},
        {u"nameSuffix"_s, FieldSupport::Supported}, {u"commonLabels"_s, FieldSupport::Supported},
        {u"labels"_s, FieldSupport::Supported}, {u"commonAnnotations"_s, FieldSupport::Supported},
        {u"patches"_s, FieldSupport::Supported}, {u"patchesStrategicMerge"_s, FieldSupport::Supported},
        {u"patchesJson6902"_s, FieldSupport::Supported}, {u"images"_s, FieldSupport::Supported},
        {u"imageTags"_s, FieldSupport::Supported}, {u"replicas"_s, FieldSupport::Supported},
        {u"configMapGenerator"_s, FieldSupport::Supported}, {u"secretGenerator"_s, FieldSupport::Supported},
        {u"generatorOptions"_s, FieldSupport::Supported}, {u"configurations"_s, FieldSupport::Supported},
        // These change nothing in what the sandbox builds.
        {u"crds"_s, FieldSupport::Ignored}, {u"openapi"_s, FieldSupport::Ignored},
        {u"buildMetadata"_s, FieldSupport::Ignored}, {u"sortOptions"_s, FieldSupport::Ignored},
        {u"vars"_s, FieldSupport::Unsupported}, {u"replacements"_s, FieldSupport::Unsupported},
        {u"helmCharts"_s, FieldSupport::Unsupported}, {u"helmChartInflationGenerator"_s, FieldSupport::Unsupported},
        {u"helmGlobals"_s, FieldSupport::Unsupported}, {u"generators"_s, FieldSupport::Unsupported},
        {u"transformers"_s, FieldSupport::Unsupported}, {u"validators"_s, FieldSupport::Unsupported},
    };
    const auto it = fields.constFind(name);
    if (it == fields.cend())
        return std::nullopt;
    return *it;
}

} // namespace

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool: return u"bool"_s;
    case QJsonValue::Double: return u"number"_s;
    case QJsonValue::String: return u"string"_s;
    case QJsonValue::Array: return u"array"_s;
    case QJsonValue::Object: return u"object"_s;
    default: return u"null"_s;
    }
}

Domain::Result<Kustomization> parseKustomization(const QJsonValue &document, const QString &dir, const QString &file,
                                                 bool isRoot)
{
    Kustomization k;
    k.dir = dir;
    k.file = file;
    if (document.isNull() || document.isUndefined())
        return k;
    if (!document.isObject())
        return fail(u"%1: invalid Kustomization: json: cannot unmarshal %2 into Go value of type types.Kustomization"_s
                        .arg(file, jsonTypeName(document)));
    const QJsonObject object = document.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto support = kustomizationField(it.key());
        if (!support) {
            if (isRoot)
                continue;
            return fail(u"%1: invalid Kustomization: json: unknown field \"%2\""_s.arg(file, it.key()));
        }
        if (*support == FieldSupport::Unsupported)
            return fail(u"%1: the kustomization field '%2' is not supported by the sandbox"_s.arg(file, it.key()));
    }

    FieldReader read(file);
    QStringList bases;
    QJsonArray labels;
    QJsonArray images;
    QJsonArray imageTags;
    QJsonArray replicas;
    const bool ok = read.string(object.value(u"kind"), u"Kustomization.kind"_s, k.kind)
        && read.strings(object.value(u"resources"), u"Kustomization.resources"_s, k.resources)
        && read.strings(object.value(u"bases"), u"Kustomization.bases"_s, bases)
        && read.strings(object.value(u"components"), u"Kustomization.components"_s, k.components)
        && read.strings(object.value(u"configurations"), u"Kustomization.configurations"_s, k.configurations)
        && read.string(object.value(u"namespace"), u"Kustomization.namespace"_s, k.ns)
        && read.string(object.value(u"namePrefix"), u"Kustomization.namePrefix"_s, k.namePrefix)
        && read.string(object.value(u"nameSuffix"), u"Kustomization.nameSuffix"_s, k.nameSuffix)
        && read.stringMap(object.value(u"commonLabels"), u"Kustomization.commonLabels"_s, k.commonLabels)
        && read.stringMap(object.value(u"commonAnnotations"), u"Kustomization.commonAnnotations"_s,
                          k.commonAnnotations)
        && read.objects(object.value(u"labels"), u"Kustomization.labels"_s, labels)
        && read.patches(object.value(u"patches"), u"Kustomization.patches"_s, k.patches)
        && read.patches(object.value(u"patchesJson6902"), u"Kustomization.patchesJson6902"_s, k.patchesJson6902)
        && read.objects(object.value(u"images"), u"Kustomization.images"_s, images)
        && read.objects(object.value(u"imageTags"), u"Kustomization.imageTags"_s, imageTags)
        && read.objects(object.value(u"replicas"), u"Kustomization.replicas"_s, replicas)
        && read.generators(object.value(u"configMapGenerator"), u"Kustomization.configMapGenerator"_s,
                           k.configMapGenerator)
        && read.generators(object.value(u"secretGenerator"), u"Kustomization.secretGenerator"_s, k.secretGenerator)
        && read.options(object.value(u"generatorOptions"), u"Kustomization.generatorOptions"_s, k.generatorOptions);
    if (!ok)
        return std::unexpected(read.error());
    k.resources += bases; // kustomize folds the deprecated bases into resources

    const QJsonValue psm = object.value(u"patchesStrategicMerge");
    if (psm.isArray())
        k.patchesStrategicMerge = psm.toArray();
    else if (!psm.isUndefined() && !psm.isNull())
        return fail(u"%1: invalid Kustomization: json: cannot unmarshal %2 into Go struct field "
                    "Kustomization.patchesStrategicMerge of type []types.PatchStrategicMerge"_s.arg(file, jsonTypeName(psm)));

    for (const QJsonValue &entry : std::as_const(labels)) {
        const QJsonObject label = entry.toObject();
        LabelEntry parsed;
        if (!read.stringMap(label.value(u"pairs"), u"Kustomization.labels.pairs"_s, parsed.pairs)
            || !read.boolean(label.value(u"includeSelectors"), u"Kustomization.labels.includeSelectors"_s,
                             parsed.includeSelectors)
            || !read.boolean(label.value(u"includeTemplates"), u"Kustomization.labels.includeTemplates"_s,
                             parsed.includeTemplates))
            return std::unexpected(read.error());
        for (const QJsonValue &field : label.value(u"fields").toArray()) {
            const QJsonObject spec = field.toObject();
            parsed.fields.append(FieldSpec{TypeSelector{spec.value(u"group").toString(), spec.value(u"version").toString(),
                                                        spec.value(u"kind").toString()},
                                           parseFieldPath(spec.value(u"path").toString()), spec.value(u"create").toBool()});
        }
        k.labels.append(parsed);
    }
    // QJsonArray's operator+ appends one value, so join the lists by hand.
    for (const QJsonValue &entry : std::as_const(imageTags))
        images.append(entry);
    for (const QJsonValue &entry : std::as_const(images)) {
        const QJsonObject image = entry.toObject();
        ImageEntry parsed;
        if (!read.string(image.value(u"name"), u"Kustomization.images.name"_s, parsed.name)
            || !read.string(image.value(u"newName"), u"Kustomization.images.newName"_s, parsed.newName)
            || !read.string(image.value(u"newTag"), u"Kustomization.images.newTag"_s, parsed.newTag)
            || !read.string(image.value(u"digest"), u"Kustomization.images.digest"_s, parsed.digest)
            || !read.string(image.value(u"tagSuffix"), u"Kustomization.images.tagSuffix"_s, parsed.tagSuffix))
            return std::unexpected(read.error());
        k.images.append(parsed);
    }
    for (const QJsonValue &entry : std::as_const(replicas)) {
        const QJsonObject replica = entry.toObject();
        ReplicaEntry parsed;
        if (!read.string(replica.value(u"name"), u"Kustomization.replicas.name"_s, parsed.name))
            return std::unexpected(read.error());
        const QJsonValue count = replica.value(u"count");
        if (!count.isUndefined() && !count.isNull()) {
            if (!count.isDouble() || count.toDouble() != std::trunc(count.toDouble())) {
                read.typeError(u"Kustomization.replicas.count"_s, count, u"int64"_s);
                return std::unexpected(read.error());
            }
            parsed.count = qint64(count.toDouble());
        }
        k.replicas.append(parsed);
    }
    return k;
}

} // namespace Fluxdeck::Sandbox
