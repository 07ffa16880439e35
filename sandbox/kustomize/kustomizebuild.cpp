#include "kustomize/kustomizebuild.h"

#include "kustomize/envsubst.h"
#include "kustomize/kustomization.h"
#include "kustomize/kustomizepatch.h"
#include "kustomize/namehash.h"
#include "kustomize/transformerconfig.h"
#include "kustomize/yamljson.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <functional>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

using Domain::Error;
using Status = Domain::Result<void>;

std::unexpected<Error> fail(const QString &message)
{
    return Domain::failure(message);
}

std::unexpected<Error> wrap(const QString &prefix, Error error)
{
    error.message.prepend(prefix);
    return std::unexpected(std::move(error));
}

const QStringList KustomizationFileNames = {u"kustomization.yaml"_s, u"kustomization.yml"_s, u"Kustomization"_s};

// --- Paths --------------------------------------------------------------------------------

// "./a/../b/" -> "b"; "", "." and "./" -> "" (the root). ".." above the root stays at the root,
// as Flux's securejoin does, and sets *outside.
QString cleanPath(const QString &path, bool *outside = nullptr)
{
    QStringList parts;
    bool escaped = false;
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (part == u"..") {
            if (parts.isEmpty())
                escaped = true;
            else
                parts.removeLast();
            continue;
        }
        parts.append(part);
    }
    if (outside)
        *outside = escaped;
    return parts.join(u'/');
}

QString joinPath(const QString &dir, const QString &relative, bool *outside)
{
    if (relative.startsWith(u'/')) {
        *outside = true;
        return cleanPath(relative);
    }
    return cleanPath(dir.isEmpty() ? relative : dir + u'/' + relative, outside);
}

QString shown(const QString &dir)
{
    return dir.isEmpty() ? u"."_s : dir;
}

QString fileName(const QString &path)
{
    return path.section(u'/', -1);
}

// The artifact's files as a directory tree: a directory exists when a file lies below it.
class SourceTree
{
public:
    explicit SourceTree(const QMap<QString, QByteArray> &files)
        : m_files(files)
    {
    }

    bool isFile(const QString &path) const { return !path.isEmpty() && m_files.contains(path); }

    bool isDirectory(const QString &path) const
    {
        if (path.isEmpty())
            return true;
        const QString prefix = path + u'/';
        const auto it = m_files.lowerBound(prefix);
        return it != m_files.cend() && it.key().startsWith(prefix);
    }

    QByteArray read(const QString &path) const { return m_files.value(path); }

    // Names directly inside dir, sorted as Go's filepath.Walk visits them.
    QStringList children(const QString &dir) const
    {
        const QString prefix = dir.isEmpty() ? QString() : dir + u'/';
        QStringList names;
        for (auto it = m_files.lowerBound(prefix); it != m_files.cend() && it.key().startsWith(prefix); ++it) {
            const QString name = it.key().mid(prefix.size()).section(u'/', 0, 0);
            if (names.isEmpty() || names.last() != name)
                names.append(name);
        }
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        return names;
    }

private:
    const QMap<QString, QByteArray> &m_files;
};

// --- Objects ------------------------------------------------------------------------------

QString groupOf(const QString &apiVersion)
{
    return apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
}

QString versionOf(const QString &apiVersion)
{
    return apiVersion.contains(u'/') ? apiVersion.section(u'/', 1) : apiVersion;
}

// Kubernetes' cluster-scoped kinds. Like kustomize, anything else (custom resources
// included) is taken as namespaced.
bool isClusterScoped(const QString &group, const QString &kind)
{
    static const QSet<QString> scoped = {
        u"/Namespace"_s, u"/Node"_s, u"/PersistentVolume"_s, u"/ComponentStatus"_s,
        u"storage.k8s.io/StorageClass"_s, u"storage.k8s.io/CSIDriver"_s, u"storage.k8s.io/CSINode"_s,
        u"storage.k8s.io/VolumeAttachment"_s, u"rbac.authorization.k8s.io/ClusterRole"_s,
        u"rbac.authorization.k8s.io/ClusterRoleBinding"_s, u"apiextensions.k8s.io/CustomResourceDefinition"_s,
        u"apiregistration.k8s.io/APIService"_s, u"admissionregistration.k8s.io/ValidatingWebhookConfiguration"_s,
        u"admissionregistration.k8s.io/MutatingWebhookConfiguration"_s,
        u"admissionregistration.k8s.io/ValidatingAdmissionPolicy"_s,
        u"admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding"_s,
        u"scheduling.k8s.io/PriorityClass"_s, u"node.k8s.io/RuntimeClass"_s, u"networking.k8s.io/IngressClass"_s,
        u"networking.k8s.io/IPAddress"_s, u"networking.k8s.io/ServiceCIDR"_s, u"policy/PodSecurityPolicy"_s,
        u"extensions/PodSecurityPolicy"_s, u"certificates.k8s.io/CertificateSigningRequest"_s,
        u"certificates.k8s.io/ClusterTrustBundle"_s, u"flowcontrol.apiserver.k8s.io/FlowSchema"_s,
        u"flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration"_s, u"resource.k8s.io/DeviceClass"_s,
    };
    return scoped.contains(group + u'/' + kind);
}

QString gvkString(const QString &group, const QString &version, const QString &kind)
{
    return (kind.isEmpty() ? u"[noKind]"_s : kind) + u'.' + (version.isEmpty() ? u"[noVer]"_s : version) + u'.'
        + (group.isEmpty() ? u"[noGrp]"_s : group);
}

struct Resource
{
    explicit Resource(QJsonObject json = {}, QSet<QString> quoted = {}, QString from = {})
        : object(std::move(json))
        , quotedStrings(std::move(quoted))
        , origin(std::move(from))
    {
    }

    QJsonObject object;
    QSet<QString> quotedStrings;
    QString origin; // the file it came from, or the generator that made it
    // (name, namespace) pairs the object held before each rename, oldest first: kustomize
    // matches patches and references against any of them.
    QList<QPair<QString, QString>> previousIds;
    bool needsHash = false;
    QString behavior; // generated objects: create, merge or replace
    // Name prefixes and suffixes added so far, innermost first: they tell apart objects that
    // had the same name in different bases when references are fixed.
    QStringList prefixes;
    QStringList suffixes;

    QString apiVersion() const { return object.value(u"apiVersion").toString(); }
    QString kind() const { return object.value(u"kind").toString(); }
    QString group() const { return groupOf(apiVersion()); }
    QString version() const { return versionOf(apiVersion()); }
    QJsonObject metadata() const { return object.value(u"metadata").toObject(); }
    QString name() const { return metadata().value(u"name").toString(); }
    QString ns() const { return metadata().value(u"namespace").toString(); }
    QJsonObject labels() const { return metadata().value(u"labels").toObject(); }
    QJsonObject annotations() const { return metadata().value(u"annotations").toObject(); }
    bool clusterScoped() const { return isClusterScoped(group(), kind()); }

    void setMetadata(const QString &field, const QJsonValue &value)
    {
        QJsonObject meta = metadata();
        if (value.isUndefined())
            meta.remove(field);
        else
            meta.insert(field, value);
        object.insert(u"metadata"_s, meta);
    }

    void storePreviousId() { previousIds.append({name(), ns()}); }

    QList<QPair<QString, QString>> allIds() const { return QList<QPair<QString, QString>>{{name(), ns()}} + previousIds; }
    QString originalName() const { return previousIds.isEmpty() ? name() : previousIds.first().first; }
    QString originalNamespace() const { return previousIds.isEmpty() ? ns() : previousIds.first().second; }

    QString gvk() const { return gvkString(group(), version(), kind()); }
    QString idString(const QString &idName, const QString &idNamespace) const
    {
        return gvk() + u'/' + (idName.isEmpty() ? u"[noName]"_s : idName) + u'.'
            + (idNamespace.isEmpty() ? u"[noNs]"_s : idNamespace);
    }
    QString currentId() const { return idString(name(), ns()); }
    QString originalId() const { return idString(originalName(), originalNamespace()); }

    // kustomize's "effective namespace": "" means default; cluster-scoped objects have none.
    QString effectiveNamespace(const QString &idNamespace) const
    {
        if (clusterScoped())
            return u"_non_namespaceable_"_s;
        return idNamespace.isEmpty() ? u"default"_s : idNamespace;
    }
    QString key() const { return apiVersion() + u'|' + kind() + u'|' + name() + u'|' + effectiveNamespace(ns()); }

    // Whether any of this object's ids is the given one (kustomize's GetMatchingResourcesByAnyId).
    bool hasAnyId(const QString &otherApiVersion, const QString &otherKind, const QString &otherName,
                  const QString &otherNamespace) const
    {
        if (otherApiVersion != apiVersion() || otherKind != kind())
            return false;
        const QString wanted = effectiveNamespace(otherNamespace);
        for (const auto &[idName, idNamespace] : allIds()) {
            if (idName == otherName && effectiveNamespace(idNamespace) == wanted)
                return true;
        }
        return false;
    }
};

bool isLocalConfig(const Resource &resource)
{
    return resource.annotations().value(u"config.kubernetes.io/local-config").toString() == u"true";
}

// Why a YAML document is not a Kubernetes object kustomize accepts, or "" when it is.
QString objectProblem(const QJsonValue &value)
{
    if (!value.isObject())
        return u"missing Resource metadata (the document is not a map)"_s;
    const QJsonObject object = value.toObject();
    const QString apiVersion = object.value(u"apiVersion").toString();
    const QString kind = object.value(u"kind").toString();
    if (apiVersion.isEmpty() && kind.isEmpty() && !object.value(u"metadata").isObject())
        return u"missing Resource metadata"_s;
    if (kind.isEmpty())
        return u"missing kind in object"_s;
    if (apiVersion.isEmpty())
        return u"missing apiVersion in %1"_s.arg(kind);
    if (kind.endsWith(u"List") && object.value(u"items").isArray())
        return {};
    if (object.value(u"metadata").toObject().value(u"name").toString().isEmpty())
        return u"missing metadata.name in %1"_s.arg(kind);
    return {};
}

// The objects of one file, with `kind: ...List` objects replaced by their items.
Domain::Result<QList<Resource>> readObjects(const QByteArray &content, const QString &file)
{
    auto documents = readYamlDocuments(content, file);
    if (!documents)
        return std::unexpected(documents.error());
    QList<Resource> resources;
    for (const YamlDocument &document : std::as_const(*documents)) {
        const QString problem = objectProblem(document.value);
        if (!problem.isEmpty())
            return fail(u"%1:%2: %3"_s.arg(file).arg(document.line).arg(problem));
        const QJsonObject object = document.value.toObject();
        if (object.value(u"kind").toString().endsWith(u"List") && object.value(u"items").isArray()) {
            for (const QJsonValue &item : object.value(u"items").toArray()) {
                const QString itemProblem = objectProblem(item);
                if (!itemProblem.isEmpty())
                    return fail(u"%1:%2: in the items of %3: %4"_s.arg(file)
                                    .arg(document.line)
                                    .arg(object.value(u"kind").toString(), itemProblem));
                resources.append(Resource(item.toObject(), document.quotedStrings, file));
            }
            continue;
        }
        resources.append(Resource(object, document.quotedStrings, file));
    }
    return resources;
}

// --- Selection ----------------------------------------------------------------------------

// A Kubernetes label selector ("app=web,tier in (a,b),!legacy") against a label map.
Domain::Result<bool> labelsMatch(const QString &selector, const QJsonObject &labels)
{
    QStringList requirements;
    QString current;
    int depth = 0;
    for (QChar c : selector) {
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        if (c == u',' && depth == 0) {
            requirements.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    requirements.append(current);
    static const QRegularExpression setExpression(uR"(^([^\s!=]+)\s+(in|notin)\s*\((.*)\)$)"_s);
    for (QString requirement : std::as_const(requirements)) {
        requirement = requirement.trimmed();
        if (requirement.isEmpty())
            continue;
        if (const auto match = setExpression.match(requirement); match.hasMatch()) {
            QStringList values;
            for (const QString &value : match.captured(3).split(u','))
                values.append(value.trimmed());
            const QString key = match.captured(1);
            const bool in = labels.contains(key) && values.contains(labels.value(key).toString());
            if (match.captured(2) == u"in" ? !in : (labels.contains(key) && in))
                return false;
            continue;
        }
        if (requirement.startsWith(u'!')) {
            if (labels.contains(requirement.mid(1).trimmed()))
                return false;
            continue;
        }
        qsizetype at = requirement.indexOf(u"!=");
        if (at >= 0) {
            const QString key = requirement.left(at).trimmed();
            if (labels.value(key).toString() == requirement.mid(at + 2).trimmed() && labels.contains(key))
                return false;
            continue;
        }
        at = requirement.indexOf(u'=');
        if (at >= 0) {
            const QString key = requirement.left(at).trimmed();
            const qsizetype valueAt = requirement.mid(at, 2) == u"==" ? at + 2 : at + 1;
            if (!labels.contains(key) || labels.value(key).toString() != requirement.mid(valueAt).trimmed())
                return false;
            continue;
        }
        if (requirement.contains(u' ') || requirement.contains(u'('))
            return fail(u"unable to parse requirement: '%1'"_s.arg(requirement));
        if (!labels.contains(requirement))
            return false;
    }
    return true;
}

// kustomize's patch target (types.Selector): group, version and kind exactly; name and
// namespace as anchored regular expressions, tried on the current and every earlier id.
struct Selector
{
    QString group;
    QString version;
    QString kind;
    std::optional<QRegularExpression> name;
    std::optional<QRegularExpression> ns;
    QString labelSelector;
    QString annotationSelector;

    static Domain::Result<Selector> from(const QJsonObject &target)
    {
        Selector selector;
        selector.group = target.value(u"group").toString();
        selector.version = target.value(u"version").toString();
        selector.kind = target.value(u"kind").toString();
        selector.labelSelector = target.value(u"labelSelector").toString();
        selector.annotationSelector = target.value(u"annotationSelector").toString();
        for (const auto &[field, out] : {std::pair{u"name"_s, &selector.name}, std::pair{u"namespace"_s, &selector.ns}}) {
            const QString pattern = target.value(field).toString();
            if (pattern.isEmpty())
                continue;
            QRegularExpression expression(QRegularExpression::anchoredPattern(pattern));
            if (!expression.isValid())
                return fail(u"invalid %1 pattern '%2' in patch target: %3"_s.arg(field, pattern, expression.errorString()));
            *out = expression;
        }
        return selector;
    }

    Domain::Result<bool> selects(const Resource &resource) const
    {
        if ((!group.isEmpty() && group != resource.group()) || (!version.isEmpty() && version != resource.version())
            || (!kind.isEmpty() && kind != resource.kind()))
            return false;
        const auto anyMatches = [&](const QRegularExpression &expression, int part) {
            for (const auto &id : resource.allIds()) {
                if (expression.match(part == 0 ? id.first : id.second).hasMatch())
                    return true;
            }
            return false;
        };
        if (name && !anyMatches(*name, 0))
            return false;
        if (ns && !anyMatches(*ns, 1))
            return false;
        if (!labelSelector.isEmpty()) {
            auto matched = labelsMatch(labelSelector, resource.labels());
            if (!matched || !*matched)
                return matched;
        }
        if (!annotationSelector.isEmpty())
            return labelsMatch(annotationSelector, resource.annotations());
        return true;
    }
};

// An object's type, read once where many field specs are tried on it.
struct ObjectType
{
    explicit ObjectType(const Resource &resource)
        : group(resource.group())
        , version(resource.version())
        , kind(resource.kind())
    {
    }

    QString group;
    QString version;
    QString kind;
};

bool specApplies(const FieldSpec &spec, const ObjectType &type)
{
    return spec.type.matches(type.group, type.version, type.kind);
}

bool specApplies(const FieldSpec &spec, const Resource &resource)
{
    return specApplies(spec, ObjectType(resource));
}

// --- Images -------------------------------------------------------------------------------

// kustomize's image.Split: "registry:5000/app:1.2@sha256:..." -> name, tag, digest.
struct ImageParts
{
    QString name;
    QString tag;
    QString digest;
};

ImageParts splitImage(const QString &image)
{
    // A registry host may carry a port, so look for ':' only after the first '/'.
    qsizetype searchFrom = image.indexOf(u'/');
    if (searchFrom < 0)
        searchFrom = 0;
    const qsizetype at = image.indexOf(u'@', searchFrom);
    const qsizetype colon = image.indexOf(u':', searchFrom);
    if (at < 0 && colon < 0)
        return {image, {}, {}};
    if (at >= 0 && (colon < 0 || at < colon))
        return {image.left(at), {}, image.mid(at + 1)};
    if (at >= 0)
        return {image.left(colon), image.mid(colon + 1, at - colon - 1), image.mid(at + 1)};
    return {image.left(colon), image.mid(colon + 1), {}};
}

std::optional<QString> updatedImage(const QString &image, const ImageEntry &entry)
{
    ImageParts parts = splitImage(image);
    if (parts.name != entry.name)
        return std::nullopt;
    if (!entry.newName.isEmpty())
        parts.name = entry.newName;
    if (!entry.newTag.isEmpty() && !entry.digest.isEmpty()) {
        parts.tag = entry.newTag;
        parts.digest = entry.digest;
    } else if (!entry.newTag.isEmpty()) {
        parts.tag = entry.newTag;
        parts.digest.clear();
    } else if (!entry.digest.isEmpty()) {
        parts.tag.clear();
        parts.digest = entry.digest;
    }
    if (!entry.tagSuffix.isEmpty() && !parts.tag.isEmpty())
        parts.tag += entry.tagSuffix;
    QString result = parts.name;
    if (!parts.tag.isEmpty())
        result += u':' + parts.tag;
    if (!parts.digest.isEmpty())
        result += u'@' + parts.digest;
    return result;
}

// Every `image` in a containers or initContainers list, wherever it is (kustomize's legacy
// image filter, which also reaches custom resources that embed pod specs).
QJsonValue updateContainerImages(const QJsonValue &node, const ImageEntry &entry)
{
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array.replace(i, updateContainerImages(array.at(i), entry));
        return array;
    }
    if (!node.isObject())
        return node;
    QJsonObject object = node.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if ((it.key() == u"containers" || it.key() == u"initContainers") && it.value().isArray()) {
            QJsonArray containers = it.value().toArray();
            for (qsizetype i = 0; i < containers.size(); ++i) {
                QJsonObject container = containers.at(i).toObject();
                if (const auto image = updatedImage(container.value(u"image").toString(), entry);
                    image && container.value(u"image").isString()) {
                    container.insert(u"image"_s, *image);
                    containers.replace(i, container);
                }
            }
            it.value() = updateContainerImages(containers, entry);
        } else {
            it.value() = updateContainerImages(it.value(), entry);
        }
    }
    return object;
}

// --- Generators ---------------------------------------------------------------------------

bool isConfigKey(const QString &key)
{
    static const QRegularExpression valid(u"^[-._a-zA-Z0-9]+$"_s);
    return valid.match(key).hasMatch();
}

bool isEnvName(const QString &key)
{
    static const QRegularExpression valid(u"^[-._a-zA-Z][-._a-zA-Z0-9]*$"_s);
    return valid.match(key).hasMatch();
}

GeneratorOptions mergedOptions(const std::optional<GeneratorOptions> &local, const std::optional<GeneratorOptions> &global)
{
    if (!local)
        return global.value_or(GeneratorOptions{});
    GeneratorOptions merged = *local;
    if (global) {
        for (auto it = global->labels.cbegin(); it != global->labels.cend(); ++it) {
            if (!merged.labels.contains(it.key()))
                merged.labels.insert(it.key(), it.value());
        }
        for (auto it = global->annotations.cbegin(); it != global->annotations.cend(); ++it) {
            if (!merged.annotations.contains(it.key()))
                merged.annotations.insert(it.key(), it.value());
        }
        merged.disableNameSuffixHash = merged.disableNameSuffixHash || global->disableNameSuffixHash;
        merged.immutable = merged.immutable || global->immutable;
    }
    return merged;
}

QJsonObject toObject(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

// --- Building -----------------------------------------------------------------------------

struct Accumulator
{
    QList<Resource> resources;
    TransformerConfig config;
    QSet<QString> keys; // current ids, to refuse duplicates while accumulating

    Status append(Resource resource)
    {
        const QString key = resource.key();
        if (keys.contains(key))
            return fail(u"may not add resource with an already registered id: "_s + resource.currentId());
        keys.insert(key);
        resources.append(std::move(resource));
        return {};
    }

    void reindex()
    {
        keys.clear();
        for (const Resource &resource : std::as_const(resources))
            keys.insert(resource.key());
    }
};

class Builder
{
public:
    explicit Builder(const SourceTree &tree)
        : m_tree(tree)
    {
    }

    Domain::Result<Accumulator> buildRoot(const QString &dir);

private:
    std::optional<QString> kustomizationFile(const QString &dir, Error *error) const;
    Domain::Result<Kustomization> loadKustomization(const QString &dir, bool isRoot);
    Domain::Result<Kustomization> generateKustomization(const QString &dir);
    Status scan(const QString &dir, const QString &root, QStringList &resources);

    Status accumulateTarget(const Kustomization &k, Accumulator &ra);
    Status accumulateResources(const Kustomization &k, Accumulator &ra);
    Status accumulateComponents(const Kustomization &k, Accumulator &ra);
    Domain::Result<Accumulator> buildDirectory(const QString &dir, Accumulator *componentOf);
    Status loadConfigurations(const Kustomization &k, Accumulator &ra);

    Status runGenerators(const Kustomization &k, Accumulator &ra);
    Domain::Result<Resource> generate(const Kustomization &k, const GeneratorArgs &args, bool secret);
    Status readGeneratorSources(const Kustomization &k, const GeneratorArgs &args, QList<QPair<QString, QByteArray>> &pairs);
    Domain::Result<QString> resolveFile(const QString &dir, const QString &path, const QString &what) const;

    Status runTransformers(const Kustomization &k, Accumulator &ra);
    Status applyStrategicMerge(Accumulator &ra, const Resource &patch, const PatchEntry *options, std::optional<qsizetype> only);
    Status applyPatchEntry(const Kustomization &k, Accumulator &ra, const PatchEntry &entry, bool json6902Only);
    void setNamespace(const Kustomization &k, Accumulator &ra);
    void addPrefixSuffix(const Kustomization &k, Accumulator &ra);
    static void addToMaps(Accumulator &ra, const QList<FieldSpec> &specs, const QMap<QString, QString> &pairs);
    Status setReplicas(const Kustomization &k, Accumulator &ra);
    void setImages(const Kustomization &k, Accumulator &ra);

    const SourceTree &m_tree;
    QStringList m_visiting; // directories being built, to refuse cycles
};

std::optional<QString> Builder::kustomizationFile(const QString &dir, Error *error) const
{
    QStringList found;
    for (const QString &name : KustomizationFileNames) {
        const QString path = dir.isEmpty() ? name : dir + u'/' + name;
        if (m_tree.isFile(path))
            found.append(path);
    }
    if (found.size() > 1)
        *error = Error{u"Found multiple kustomization files under: %1"_s.arg(shown(dir)), {}};
    if (found.size() != 1)
        return std::nullopt;
    return found.first();
}

Domain::Result<Kustomization> Builder::loadKustomization(const QString &dir, bool isRoot)
{
    Error multiple;
    const auto file = kustomizationFile(dir, &multiple);
    if (!multiple.message.isEmpty())
        return std::unexpected(multiple);
    if (!file)
        return fail(u"unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '%1'"_s
                        .arg(shown(dir)));
    auto documents = readYamlDocuments(m_tree.read(*file), *file);
    if (!documents)
        return std::unexpected(documents.error());
    if (documents->size() > 1)
        return fail(u"%1: invalid Kustomization: a kustomization file holds one YAML document, not %2"_s.arg(*file).arg(
            documents->size()));
    return parseKustomization(documents->isEmpty() ? QJsonValue() : documents->first().value, dir, *file, isRoot);
}

// Flux's generated kustomization: the directory's YAML files, recursively, each checked to
// hold Kubernetes objects; a subdirectory with its own kustomization file is one resource.
Status Builder::scan(const QString &dir, const QString &root, QStringList &resources)
{
    for (const QString &name : m_tree.children(dir)) {
        const QString path = dir.isEmpty() ? name : dir + u'/' + name;
        if (m_tree.isDirectory(path)) {
            Error multiple;
            if (kustomizationFile(path, &multiple) || !multiple.message.isEmpty()) {
                resources.append(path.mid(root.isEmpty() ? 0 : root.size() + 1));
                continue;
            }
            if (const auto scanned = scan(path, root, resources); !scanned)
                return scanned;
            continue;
        }
        if (!name.endsWith(u".yaml") && !name.endsWith(u".yml"))
            continue;
        auto objects = readObjects(m_tree.read(path), path);
        if (!objects)
            return wrap(u"failed to decode Kubernetes YAML from %1: "_s.arg(path), objects.error());
        resources.append(path.mid(root.isEmpty() ? 0 : root.size() + 1));
    }
    return {};
}

Domain::Result<Kustomization> Builder::generateKustomization(const QString &dir)
{
    Kustomization k;
    k.dir = dir;
    k.kind = u"Kustomization"_s;
    if (const auto scanned = scan(dir, dir, k.resources); !scanned)
        return std::unexpected(scanned.error());
    return k;
}

Domain::Result<Accumulator> Builder::buildRoot(const QString &dir)
{
    Error multiple;
    const bool hasFile = kustomizationFile(dir, &multiple).has_value();
    if (!multiple.message.isEmpty())
        return std::unexpected(multiple);
    auto k = hasFile ? loadKustomization(dir, true) : generateKustomization(dir);
    if (!k)
        return std::unexpected(k.error());
    if (k->kind == u"Component")
        return fail(u"%1: expected kind != 'Component' for path '%2'"_s.arg(k->file, shown(dir)));
    m_visiting.append(dir);
    Accumulator ra;
    if (const auto built = accumulateTarget(*k, ra); !built)
        return std::unexpected(built.error());
    return ra;
}

bool isRemote(const QString &entry)
{
    static const QRegularExpression remote(
        u"^(?:[a-z][a-z0-9+.-]*://|git@|git::|github\\.com/|gitlab\\.com/|bitbucket\\.org/)|[?&]ref="_s);
    return remote.match(entry).hasMatch();
}

Domain::Result<Accumulator> Builder::buildDirectory(const QString &dir, Accumulator *componentOf)
{
    for (const QString &visiting : std::as_const(m_visiting)) {
        if (visiting == dir)
            return fail(u"cycle detected: candidate root '%1' contains visited root '%1'"_s.arg(shown(dir)));
    }
    auto k = loadKustomization(dir, false);
    if (!k)
        return wrap(u"couldn't make target for path '%1': "_s.arg(shown(dir)), k.error());
    const bool isComponent = componentOf != nullptr;
    if (isComponent && k->kind != u"Component")
        return fail(u"expected kind 'Component' for path '%1' but got '%2'"_s.arg(shown(dir), k->kind));
    if (!isComponent && k->kind == u"Component")
        return fail(u"expected kind != 'Component' for path '%1'"_s.arg(shown(dir)));
    m_visiting.append(dir);
    // A component works on its parent's objects; a kustomization builds its own.
    Accumulator ra = isComponent ? std::move(*componentOf) : Accumulator{};
    const auto built = accumulateTarget(*k, ra);
    m_visiting.removeLast();
    if (!built) {
        if (isComponent)
            *componentOf = std::move(ra);
        return std::unexpected(built.error());
    }
    return ra;
}

Status Builder::accumulateTarget(const Kustomization &k, Accumulator &ra)
{
    if (const auto done = accumulateResources(k, ra); !done)
        return wrap(u"accumulating resources: "_s, done.error());
    if (const auto done = accumulateComponents(k, ra); !done)
        return wrap(u"accumulating components: "_s, done.error());
    if (const auto done = loadConfigurations(k, ra); !done)
        return done;
    if (const auto done = runGenerators(k, ra); !done)
        return done;
    if (const auto done = runTransformers(k, ra); !done)
        return done;
    ra.resources.removeIf(isLocalConfig);
    ra.reindex();
    return {};
}

Status Builder::accumulateResources(const Kustomization &k, Accumulator &ra)
{
    for (const QString &entry : k.resources) {
        const QString context = u"accumulation err='accumulating resources from '%1': "_s.arg(entry);
        if (isRemote(entry))
            return fail(context + u"remote resources are not supported by the sandbox; vendor them into the repository'"_s);
        bool outside = false;
        const QString path = joinPath(k.dir, entry, &outside);
        if (outside)
            return fail(context + u"security: path '%1' is not in or below the source root'"_s.arg(entry));
        if (m_tree.isFile(path)) {
            auto objects = readObjects(m_tree.read(path), path);
            if (!objects)
                return wrap(u"accumulating resources from '%1': "_s.arg(entry), objects.error());
            for (Resource &resource : *objects) {
                if (const auto added = ra.append(std::move(resource)); !added)
                    return wrap(u"merging resources from '%1': "_s.arg(entry), added.error());
            }
            continue;
        }
        if (!m_tree.isDirectory(path))
            return fail(context
                        + u"open %1: no such file or directory': must build at directory: not a valid directory: "
                          "evalsymlink failure on '%1' : lstat %1: no such file or directory"_s.arg(path));
        auto sub = buildDirectory(path, nullptr);
        if (!sub)
            return wrap(context + u"read %1: is a directory': recursed accumulation of path '%1': "_s.arg(path),
                        sub.error());
        ra.config.merge(sub->config);
        for (Resource &resource : sub->resources) {
            if (const auto added = ra.append(std::move(resource)); !added)
                return wrap(u"recursed merging from path '%1': "_s.arg(path), added.error());
        }
    }
    return {};
}

Status Builder::accumulateComponents(const Kustomization &k, Accumulator &ra)
{
    for (const QString &entry : k.components) {
        bool outside = false;
        const QString path = joinPath(k.dir, entry, &outside);
        if (outside || isRemote(entry))
            return fail(u"loader.New \"component '%1' is not a directory in the source\""_s.arg(entry));
        if (!m_tree.isDirectory(path))
            return fail(u"loader.New \"must build at directory: not a valid directory: evalsymlink failure on '%1' : "
                        "lstat %1: no such file or directory\""_s.arg(path));
        auto built = buildDirectory(path, &ra);
        if (!built)
            return wrap(u"accumulateDirectory: \"recursed accumulation of path '%1': "_s.arg(path), built.error());
        ra = std::move(*built);
    }
    return {};
}

Domain::Result<QString> Builder::resolveFile(const QString &dir, const QString &path, const QString &what) const
{
    bool outside = false;
    const QString resolved = joinPath(dir, path, &outside);
    if (outside)
        return fail(u"%1: security: path '%2' is not in or below the source root"_s.arg(what, path));
    if (!m_tree.isFile(resolved))
        return fail(u"%1: open %2: no such file or directory"_s.arg(what, resolved));
    return resolved;
}

Status Builder::loadConfigurations(const Kustomization &k, Accumulator &ra)
{
    TransformerConfig config = TransformerConfig::builtin();
    for (const QString &entry : k.configurations) {
        auto file = resolveFile(k.dir, entry, u"loading transformer configuration"_s);
        if (!file)
            return std::unexpected(file.error());
        auto documents = readYamlDocuments(m_tree.read(*file), *file);
        if (!documents)
            return std::unexpected(documents.error());
        for (const YamlDocument &document : std::as_const(*documents)) {
            auto parsed = parseTransformerConfig(document.value, *file);
            if (!parsed)
                return std::unexpected(parsed.error());
            config.merge(*parsed);
        }
    }
    ra.config.merge(config);
    return {};
}

// --- Generators ---------------------------------------------------------------------------

Status Builder::readGeneratorSources(const Kustomization &k, const GeneratorArgs &args,
                                     QList<QPair<QString, QByteArray>> &pairs)
{
    // kustomize's order: env files, then literals, then files.
    for (const QString &env : args.envs) {
        auto file = resolveFile(k.dir, env, u"env source %1"_s.arg(env));
        if (!file)
            return std::unexpected(file.error());
        QByteArray content = m_tree.read(*file);
        if (content.startsWith("\xEF\xBB\xBF"))
            content.remove(0, 3);
        int number = 0;
        for (QByteArray line : content.split('\n')) {
            ++number;
            if (line.endsWith('\r'))
                line.chop(1);
            qsizetype start = 0;
            while (start < line.size() && QChar::isSpace(uchar(line[start])))
                ++start;
            line = line.mid(start);
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const qsizetype equals = line.indexOf('=');
            const QString key = QString::fromUtf8(equals < 0 ? line : line.left(equals));
            if (!isEnvName(key))
                return fail(u"%1:%2: \"%3\" is not a valid key name: a valid environment variable name must consist of "
                            "alphabetic characters, digits, '_', '-', or '.', and must not start with a digit"_s.arg(*file)
                                .arg(number)
                                .arg(key));
            // A line without "=" takes the value from kustomize's environment; the sandbox has none.
            pairs.append({key, equals < 0 ? QByteArray() : line.mid(equals + 1)});
        }
    }
    for (const QString &literal : args.literals) {
        const qsizetype equals = literal.indexOf(u'=');
        if (equals < 0)
            return fail(u"invalid literal source %1, expected key=value"_s.arg(literal));
        QString value = literal.mid(equals + 1);
        if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') && value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        pairs.append({literal.left(equals), value.toUtf8()});
    }
    for (const QString &source : args.files) {
        const qsizetype equals = source.indexOf(u'=');
        const QString key = equals < 0 ? fileName(source) : source.left(equals);
        const QString path = equals < 0 ? source : source.mid(equals + 1);
        if (key.isEmpty() || path.isEmpty())
            return fail(u"file source %1: key or file path is missing"_s.arg(source));
        auto file = resolveFile(k.dir, path, u"file source %1"_s.arg(source));
        if (!file)
            return std::unexpected(file.error());
        pairs.append({key, m_tree.read(*file)});
    }
    return {};
}

Domain::Result<Resource> Builder::generate(const Kustomization &k, const GeneratorArgs &args, bool secret)
{
    const QString kind = secret ? u"Secret"_s : u"ConfigMap"_s;
    if (args.name.isEmpty())
        return fail(u"%1: a %2 generator needs a name"_s.arg(k.file.isEmpty() ? shown(k.dir) : k.file, kind));
    QList<QPair<QString, QByteArray>> pairs;
    if (const auto read = readGeneratorSources(k, args, pairs); !read)
        return std::unexpected(read.error());

    QJsonObject data;
    QJsonObject binaryData;
    for (const auto &[key, value] : std::as_const(pairs)) {
        if (!isConfigKey(key))
            return fail(u"\"%1\" is not a valid key name for a %2: a valid config key must consist of alphanumeric "
                        "characters, '-', '_' or '.'"_s.arg(key, kind));
        if (data.contains(key) || binaryData.contains(key))
            return fail(u"%1 %2 illegally repeats the key `%3`"_s.arg(kind.toLower(), args.name, key));
        if (secret) {
            data.insert(key, QString::fromLatin1(value.toBase64()));
        } else {
            const QString text = QString::fromUtf8(value);
            // Bytes that are not UTF-8 go to binaryData, as kubectl and kustomize do.
            if (text.toUtf8() == value)
                data.insert(key, text);
            else
                binaryData.insert(key, QString::fromLatin1(value.toBase64()));
        }
    }

    const GeneratorOptions options = mergedOptions(args.options, k.generatorOptions);
    QJsonObject metadata{{u"name"_s, args.name}};
    if (!args.ns.isEmpty())
        metadata.insert(u"namespace"_s, args.ns);
    if (!options.labels.isEmpty())
        metadata.insert(u"labels"_s, toObject(options.labels));
    if (!options.annotations.isEmpty())
        metadata.insert(u"annotations"_s, toObject(options.annotations));
    QJsonObject object{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, kind}, {u"metadata"_s, metadata}};
    if (!data.isEmpty())
        object.insert(u"data"_s, data);
    if (!binaryData.isEmpty())
        object.insert(u"binaryData"_s, binaryData);
    if (secret)
        object.insert(u"type"_s, args.type.isEmpty() ? u"Opaque"_s : args.type);
    if (options.immutable)
        object.insert(u"immutable"_s, true);

    const QString behavior = args.behavior.isEmpty() ? u"create"_s : args.behavior;
    if (behavior != u"create" && behavior != u"merge" && behavior != u"replace")
        return fail(u"%1 %2: unknown generator behavior '%3' (create, merge or replace)"_s.arg(kind, args.name, behavior));
    Resource resource(object, {}, u"%1 in %2"_s.arg(secret ? u"secretGenerator"_s : u"configMapGenerator"_s, shown(k.dir)));
    resource.needsHash = !options.disableNameSuffixHash;
    resource.behavior = behavior;
    return resource;
}

Status Builder::runGenerators(const Kustomization &k, Accumulator &ra)
{
    QList<std::pair<const GeneratorArgs *, bool>> generators;
    for (const GeneratorArgs &args : k.configMapGenerator)
        generators.append({&args, false});
    for (const GeneratorArgs &args : k.secretGenerator)
        generators.append({&args, true});
    for (const auto &[args, secret] : std::as_const(generators)) {
        auto generated = generate(k, *args, secret);
        if (!generated)
            return std::unexpected(generated.error());
        Resource &resource = *generated;
        QList<qsizetype> matches;
        for (qsizetype i = 0; i < ra.resources.size(); ++i) {
            if (ra.resources[i].hasAnyId(resource.apiVersion(), resource.kind(), resource.name(), resource.ns()))
                matches.append(i);
        }
        if (matches.isEmpty()) {
            if (resource.behavior != u"create")
                return fail(u"id %1 does not exist; cannot merge or replace"_s.arg(resource.currentId()));
            if (const auto added = ra.append(std::move(resource)); !added)
                return wrap(u"merging from generator %1: "_s.arg(args->name), added.error());
            continue;
        }
        if (matches.size() > 1)
            return fail(u"found multiple objects that could accept merge of %1"_s.arg(resource.currentId()));
        Resource &old = ra.resources[matches.first()];
        if (resource.behavior == u"create")
            return fail(u"id %1 exists; behavior must be merge or replace"_s.arg(resource.currentId()));
        // Both keep the old object's name, namespace and history, and merge its labels and
        // annotations under the new ones; merge also keeps old data the new one lacks.
        QJsonObject labels = old.labels();
        const QJsonObject newLabels = resource.labels();
        for (auto it = newLabels.begin(); it != newLabels.end(); ++it)
            labels.insert(it.key(), it.value());
        QJsonObject annotations = old.annotations();
        const QJsonObject newAnnotations = resource.annotations();
        for (auto it = newAnnotations.begin(); it != newAnnotations.end(); ++it)
            annotations.insert(it.key(), it.value());
        resource.setMetadata(u"labels"_s, labels.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(labels));
        resource.setMetadata(u"annotations"_s,
                             annotations.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(annotations));
        resource.setMetadata(u"name"_s, old.name());
        resource.setMetadata(u"namespace"_s, old.ns().isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(old.ns()));
        if (resource.behavior == u"merge") {
            for (const QString &field : {u"data"_s, u"binaryData"_s}) {
                QJsonObject merged = old.object.value(field).toObject();
                const QJsonObject added = resource.object.value(field).toObject();
                for (auto it = added.begin(); it != added.end(); ++it)
                    merged.insert(it.key(), it.value());
                if (!merged.isEmpty())
                    resource.object.insert(field, merged);
            }
        }
        resource.previousIds = old.previousIds;
        resource.prefixes = old.prefixes;
        resource.suffixes = old.suffixes;
        old = std::move(resource);
    }
    ra.reindex();
    return {};
}

// --- Transformers -------------------------------------------------------------------------

// A patch file (or inline patch text) as objects. Strategic-merge patches are maps; a JSON
// 6902 patch is one list of operations, returned as the single element of `operations`.
struct LoadedPatch
{
    QList<Resource> strategic;
    std::optional<QJsonArray> operations;
};

Domain::Result<LoadedPatch> parsePatchText(const QByteArray &text, const QString &source)
{
    auto documents = readYamlDocuments(text, source);
    if (!documents)
        return std::unexpected(documents.error());
    LoadedPatch loaded;
    for (const YamlDocument &document : std::as_const(*documents)) {
        if (document.value.isArray()) {
            if (documents->size() > 1 || loaded.operations)
                return fail(u"%1: a JSON 6902 patch must be the only document"_s.arg(source));
            loaded.operations = document.value.toArray();
            continue;
        }
        if (!document.value.isObject())
            return fail(u"%1:%2: a patch must be a map or a list of JSON 6902 operations"_s.arg(source).arg(document.line));
        loaded.strategic.append(Resource(document.value.toObject(), document.quotedStrings, source));
    }
    return loaded;
}

Status Builder::applyStrategicMerge(Accumulator &ra, const Resource &patch, const PatchEntry *options,
                                    std::optional<qsizetype> only)
{
    QList<qsizetype> targets;
    if (only) {
        targets.append(*only);
    } else {
        for (qsizetype i = 0; i < ra.resources.size(); ++i) {
            if (ra.resources[i].hasAnyId(patch.apiVersion(), patch.kind(), patch.name(), patch.ns()))
                targets.append(i);
        }
        if (targets.size() != 1) {
            const QString id = patch.currentId();
            return fail(u"%1 for Id %2; failed to find unique target for patch %2"_s.arg(
                targets.isEmpty() ? u"no matches"_s : u"multiple matches"_s, id));
        }
    }
    const bool allowNameChange = options && options->allowNameChange;
    const bool allowKindChange = options && options->allowKindChange;
    QList<qsizetype> deleted;
    for (const qsizetype index : std::as_const(targets)) {
        Resource &target = ra.resources[index];
        const QString name = target.name();
        const QString ns = target.ns();
        const QString kind = target.kind();
        QJsonObject patchObject = patch.object;
        if (only) {
            // A patch picked by its target's selector applies whatever name it carries.
            QJsonObject meta = patchObject.value(u"metadata").toObject();
            meta.insert(u"name"_s, name);
            patchObject.insert(u"metadata"_s, meta);
        }
        auto merged = strategicMerge(target.object, patchObject);
        if (!merged)
            return std::unexpected(merged.error());
        if (!*merged) {
            deleted.append(index);
            continue;
        }
        target.object = **merged;
        target.quotedStrings.unite(patch.quotedStrings);
        if (!allowKindChange)
            target.object.insert(u"kind"_s, kind);
        const QString newName = target.name();
        if (!allowNameChange || newName.isEmpty())
            target.setMetadata(u"name"_s, name);
        target.setMetadata(u"namespace"_s, ns.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(ns));
        if (allowNameChange && !newName.isEmpty() && newName != name) {
            target.setMetadata(u"name"_s, name);
            target.storePreviousId();
            target.setMetadata(u"name"_s, newName);
        }
    }
    std::sort(deleted.begin(), deleted.end(), std::greater<>());
    for (const qsizetype index : std::as_const(deleted))
        ra.resources.removeAt(index);
    return {};
}

Status Builder::applyPatchEntry(const Kustomization &k, Accumulator &ra, const PatchEntry &entry, bool json6902Only)
{
    const QString field = json6902Only ? u"patchesJson6902"_s : u"patches"_s;
    if (!entry.path.isEmpty() && !entry.patch.isEmpty())
        return fail(u"%1: patch and path can't be set at the same time"_s.arg(field));
    if (entry.path.isEmpty() && entry.patch.isEmpty())
        return fail(u"%1: must specify one of patch and path"_s.arg(field));
    QByteArray text;
    QString source;
    if (!entry.path.isEmpty()) {
        auto file = resolveFile(k.dir, entry.path, u"%1 %2"_s.arg(field, entry.path));
        if (!file)
            return std::unexpected(file.error());
        text = m_tree.read(*file);
        source = *file;
    } else {
        text = entry.patch.toUtf8();
        source = u"%1 (inline patch)"_s.arg(k.file.isEmpty() ? shown(k.dir) : k.file);
    }
    auto loaded = parsePatchText(text, source);
    if (!loaded)
        return std::unexpected(loaded.error());
    if (json6902Only && !loaded->operations)
        return fail(u"%1: %2 is not a list of JSON 6902 operations"_s.arg(field, source));

    std::optional<Selector> selector;
    if (entry.target) {
        auto parsed = Selector::from(*entry.target);
        if (!parsed)
            return std::unexpected(parsed.error());
        selector = *parsed;
    }
    if (loaded->operations) {
        if (!selector)
            return fail(u"%1: must specify a target for JSON 6902 patch %2"_s.arg(field, source));
        for (Resource &resource : ra.resources) {
            auto selected = selector->selects(resource);
            if (!selected)
                return std::unexpected(selected.error());
            if (!*selected)
                continue;
            const QString name = resource.name();
            const QString ns = resource.ns();
            auto patched = applyJson6902(resource.object, *loaded->operations);
            if (!patched)
                return wrap(u"%1: unable to apply JSON 6902 patch %2 to %3: "_s.arg(field, source, resource.currentId()),
                            patched.error());
            resource.object = *patched;
            if (resource.name() != name || resource.ns() != ns)
                resource.previousIds.append({name, ns});
        }
        return {};
    }
    for (const Resource &patch : std::as_const(loaded->strategic)) {
        if (!selector) {
            if (const auto applied = applyStrategicMerge(ra, patch, &entry, std::nullopt); !applied)
                return applied;
            continue;
        }
        // Select first: a deleting patch removes objects as it goes.
        QList<QString> selectedKeys;
        for (const Resource &resource : std::as_const(ra.resources)) {
            auto selected = selector->selects(resource);
            if (!selected)
                return std::unexpected(selected.error());
            if (*selected)
                selectedKeys.append(resource.key());
        }
        for (const QString &key : std::as_const(selectedKeys)) {
            const auto it = std::find_if(ra.resources.cbegin(), ra.resources.cend(),
                                         [&](const Resource &resource) { return resource.key() == key; });
            if (it == ra.resources.cend())
                continue;
            if (const auto applied = applyStrategicMerge(ra, patch, &entry, it - ra.resources.cbegin()); !applied)
                return applied;
        }
    }
    return {};
}

void Builder::setNamespace(const Kustomization &k, Accumulator &ra)
{
    if (k.ns.isEmpty())
        return;
    for (Resource &resource : ra.resources) {
        const QString kind = resource.kind();
        if (!resource.clusterScoped() && resource.ns() != k.ns) {
            resource.storePreviousId();
            resource.setMetadata(u"namespace"_s, k.ns);
        }
        // kustomize also renames a v1 Namespace object to the namespace it sets.
        if (kind == u"Namespace" && resource.apiVersion() == u"v1" && resource.name() != k.ns) {
            resource.storePreviousId();
            resource.setMetadata(u"name"_s, k.ns);
        }
        if (kind == u"RoleBinding" || kind == u"ClusterRoleBinding") {
            // kustomize's default: only subjects named "default" follow the namespace.
            QJsonArray subjects = resource.object.value(u"subjects").toArray();
            for (qsizetype i = 0; i < subjects.size(); ++i) {
                QJsonObject subject = subjects.at(i).toObject();
                if (subject.value(u"name").toString() == u"default") {
                    subject.insert(u"namespace"_s, k.ns);
                    subjects.replace(i, subject);
                }
            }
            if (resource.object.contains(u"subjects"))
                resource.object.insert(u"subjects"_s, subjects);
        } else if (kind == u"APIService" || kind == u"CustomResourceDefinition") {
            const QStringList path = kind == u"APIService"
                ? QStringList{u"spec"_s, u"service"_s, u"namespace"_s}
                : QStringList{u"spec"_s, u"conversion"_s, u"webhook"_s, u"clientConfig"_s, u"service"_s, u"namespace"_s};
            visitField(resource.object, path, kind == u"APIService", [&](QJsonValue &value) { value = k.ns; });
        }
    }
}

void Builder::addPrefixSuffix(const Kustomization &k, Accumulator &ra)
{
    if (k.namePrefix.isEmpty() && k.nameSuffix.isEmpty())
        return;
    for (Resource &resource : ra.resources) {
        const QString kind = resource.kind();
        if (kind == u"Namespace" || kind == u"CustomResourceDefinition"
            || (kind == u"APIService" && resource.group() == u"apiregistration.k8s.io"))
            continue;
        resource.storePreviousId();
        resource.setMetadata(u"name"_s, QString(k.namePrefix + resource.name() + k.nameSuffix));
        if (!k.namePrefix.isEmpty())
            resource.prefixes.append(k.namePrefix);
        if (!k.nameSuffix.isEmpty())
            resource.suffixes.append(k.nameSuffix);
    }
}

void Builder::addToMaps(Accumulator &ra, const QList<FieldSpec> &specs, const QMap<QString, QString> &pairs)
{
    if (pairs.isEmpty())
        return;
    for (Resource &resource : ra.resources) {
        const ObjectType type(resource);
        for (const FieldSpec &spec : specs) {
            if (!specApplies(spec, type))
                continue;
            visitField(resource.object, spec.path, spec.create, [&](QJsonValue &value) {
                if (!value.isObject() && !value.isNull())
                    return;
                QJsonObject map = value.toObject();
                for (auto it = pairs.cbegin(); it != pairs.cend(); ++it)
                    map.insert(it.key(), it.value());
                value = map;
            });
        }
    }
}

Status Builder::setReplicas(const Kustomization &k, Accumulator &ra)
{
    for (const ReplicaEntry &replica : k.replicas) {
        bool found = false;
        for (const FieldSpec &spec : std::as_const(ra.config.replicas)) {
            for (Resource &resource : ra.resources) {
                if (!specApplies(spec, resource))
                    continue;
                const auto ids = resource.allIds();
                if (std::none_of(ids.cbegin(), ids.cend(), [&](const auto &id) { return id.first == replica.name; }))
                    continue;
                found = true;
                visitField(resource.object, spec.path, spec.create,
                           [&](QJsonValue &value) { value = double(replica.count); });
            }
        }
        if (!found) {
            QStringList gvks;
            for (const FieldSpec &spec : std::as_const(ra.config.replicas))
                gvks.append(gvkString(spec.type.group, spec.type.version, spec.type.kind));
            return fail(u"resource with name %1 does not match a config with the following GVK [%2]"_s.arg(
                replica.name, gvks.join(u' ')));
        }
    }
    return {};
}

void Builder::setImages(const Kustomization &k, Accumulator &ra)
{
    for (const ImageEntry &image : k.images) {
        for (Resource &resource : ra.resources) {
            resource.object = updateContainerImages(resource.object, image).toObject();
            for (const FieldSpec &spec : std::as_const(ra.config.images)) {
                if (!specApplies(spec, resource))
                    continue;
                visitField(resource.object, spec.path, false, [&](QJsonValue &value) {
                    if (const auto updated = updatedImage(value.toString(), image); updated && value.isString())
                        value = *updated;
                });
            }
        }
    }
}

Status Builder::runTransformers(const Kustomization &k, Accumulator &ra)
{
    // kustomize's order: strategic-merge patches, patches, namespace, prefix and suffix,
    // labels, annotations, JSON 6902 patches, replicas, images.
    for (const QJsonValue &entry : k.patchesStrategicMerge) {
        QByteArray text;
        QString source;
        bool outside = false;
        const QString path = entry.isString() ? joinPath(k.dir, entry.toString(), &outside) : QString();
        if (entry.isString() && !outside && m_tree.isFile(path)) {
            text = m_tree.read(path);
            source = path;
        } else if (entry.isString() && (entry.toString().contains(u'\n') || entry.toString().contains(u':'))) {
            text = entry.toString().toUtf8();
            source = u"%1 (inline patch)"_s.arg(k.file);
        } else if (entry.isObject()) {
            text = toYaml(entry);
            source = u"%1 (inline patch)"_s.arg(k.file);
        } else {
            return fail(u"patchesStrategicMerge: open %1: no such file or directory"_s.arg(path.isEmpty() ? entry.toString() : path));
        }
        auto loaded = parsePatchText(text, source);
        if (!loaded)
            return std::unexpected(loaded.error());
        if (loaded->operations)
            return fail(u"patchesStrategicMerge: %1 is a JSON 6902 patch; list it under patches with a target"_s.arg(source));
        for (const Resource &patch : std::as_const(loaded->strategic)) {
            if (const auto applied = applyStrategicMerge(ra, patch, nullptr, std::nullopt); !applied)
                return applied;
        }
    }
    for (const PatchEntry &entry : k.patches) {
        if (const auto applied = applyPatchEntry(k, ra, entry, false); !applied)
            return applied;
    }
    setNamespace(k, ra);
    addPrefixSuffix(k, ra);
    addToMaps(ra, ra.config.commonLabels, k.commonLabels);
    for (const LabelEntry &label : k.labels) {
        QList<FieldSpec> specs = label.includeSelectors ? ra.config.commonLabels
            : label.includeTemplates                    ? ra.config.templateLabels
                                                        : QList<FieldSpec>{FieldSpec{{}, {u"metadata"_s, u"labels"_s}, true}};
        specs += label.fields;
        addToMaps(ra, specs, label.pairs);
    }
    addToMaps(ra, ra.config.commonAnnotations, k.commonAnnotations);
    for (const PatchEntry &entry : k.patchesJson6902) {
        if (const auto applied = applyPatchEntry(k, ra, entry, true); !applied)
            return applied;
    }
    if (const auto set = setReplicas(k, ra); !set)
        return set;
    setImages(k, ra);
    return {};
}

// --- Names: hash suffixes and back references ---------------------------------------------

void addHashSuffixes(QList<Resource> &resources)
{
    for (Resource &resource : resources) {
        if (!resource.needsHash)
            continue;
        const QString hash = kustomizeNameHash(resource.object);
        resource.storePreviousId();
        resource.setMetadata(u"name"_s, QString(resource.name() + u'-' + hash));
        resource.needsHash = false;
    }
}

class BackReferenceFixer
{
public:
    BackReferenceFixer(QList<Resource> &resources, const TransformerConfig &config)
        : m_resources(resources)
        , m_config(config)
    {
    }

    Status run()
    {
        QList<ObjectType> types;
        types.reserve(m_resources.size());
        for (const Resource &resource : std::as_const(m_resources))
            types.append(ObjectType(resource));
        for (const NameReference &reference : m_config.nameReferences) {
            QList<const Resource *> candidates;
            for (qsizetype i = 0; i < m_resources.size(); ++i) {
                const ObjectType &type = types[i];
                if (!m_resources[i].previousIds.isEmpty() && reference.referral.matches(type.group, type.version, type.kind))
                    candidates.append(&m_resources[i]);
            }
            if (candidates.isEmpty())
                continue;
            // Candidates point into m_resources, so referrers are edited on copies first.
            QList<QJsonObject> updated;
            updated.reserve(m_resources.size());
            for (qsizetype i = 0; i < m_resources.size(); ++i) {
                const Resource &referrer = m_resources[i];
                QJsonObject object = referrer.object;
                for (const FieldSpec &spec : reference.fieldSpecs) {
                    if (!specApplies(spec, types[i]))
                        continue;
                    const bool isRoleRef = spec.path.size() >= 2 && spec.path.last() == u"name"
                        && spec.path[spec.path.size() - 2] == u"roleRef";
                    const bool isSubjects = !spec.path.isEmpty() && spec.path.last() == u"subjects";
                    visitField(object, spec.path, false, [&](QJsonValue &value) {
                        fixValue(value, referrer, candidates, reference, isRoleRef, isSubjects);
                    });
                    if (!m_error.message.isEmpty())
                        return std::unexpected(m_error);
                }
                updated.append(object);
            }
            for (qsizetype i = 0; i < m_resources.size(); ++i)
                m_resources[i].object = updated[i];
        }
        return {};
    }

private:
    std::optional<QString> referral(const QString &oldName, const QString &subjectNamespace, const Resource &referrer,
                                    const QList<const Resource *> &candidates, bool isRoleRef)
    {
        QList<const Resource *> matches;
        for (const Resource *candidate : candidates) {
            const auto &ids = candidate->previousIds;
            if (std::none_of(ids.cbegin(), ids.cend(), [&](const auto &id) { return id.first == oldName; }))
                continue;
            if (isRoleRef && referrer.object.value(u"roleRef").toObject().value(u"kind").toString() != candidate->kind())
                continue;
            if (!subjectNamespace.isNull()) {
                // A subject names its namespace: it must be one the candidate has had.
                const auto all = candidate->allIds();
                if (!subjectNamespace.isEmpty()
                    && std::none_of(all.cbegin(), all.cend(), [&](const auto &id) { return id.second == subjectNamespace; }))
                    continue;
            } else if (!referrer.clusterScoped() && !candidate->clusterScoped() && candidate->kind() != u"ServiceAccount"
                       && referrer.effectiveNamespace(referrer.ns()) != candidate->effectiveNamespace(candidate->ns())) {
                continue;
            }
            matches.append(candidate);
        }
        if (matches.isEmpty())
            return std::nullopt;
        // Objects named alike in several bases: keep those renamed the way the referrer was.
        if (matches.size() > 1) {
            const auto sameRenames = [&](bool exact) {
                QList<const Resource *> kept;
                for (const Resource *match : std::as_const(matches)) {
                    if (sameEnding(match->prefixes, referrer.prefixes, exact)
                        && sameEnding(match->suffixes, referrer.suffixes, exact))
                        kept.append(match);
                }
                if (!kept.isEmpty())
                    matches = kept;
            };
            sameRenames(false);
            if (matches.size() > 1)
                sameRenames(true);
        }
        const QString first = matches.first()->name();
        for (const Resource *match : std::as_const(matches)) {
            if (match->name() != first) {
                QStringList ids;
                for (const Resource *candidate : std::as_const(matches))
                    ids.append(candidate->currentId());
                m_error = Error{u"found multiple possible referrals: %1"_s.arg(ids.join(u", "_s)), {}};
                return std::nullopt;
            }
        }
        m_namespaceOfMatch = matches.first()->ns();
        return first;
    }

    void fixValue(QJsonValue &value, const Resource &referrer, const QList<const Resource *> &candidates,
                  const NameReference &reference, bool isRoleRef, bool isSubjects)
    {
        if (value.isString()) {
            if (const auto name = referral(value.toString(), QString(), referrer, candidates, isRoleRef))
                value = *name;
            return;
        }
        if (value.isArray()) {
            QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                QJsonValue element = array.at(i);
                fixValue(element, referrer, candidates, reference, isRoleRef, isSubjects);
                array.replace(i, element);
            }
            value = array;
            return;
        }
        if (!value.isObject())
            return;
        // A map naming the object: RoleBinding subjects, webhook services, Node config sources.
        QJsonObject object = value.toObject();
        if (isSubjects && object.value(u"kind").toString() != reference.referral.kind)
            return;
        if (!object.value(u"name").isString())
            return;
        const QString subjectNamespace = object.value(u"namespace").toString(u""_s);
        if (const auto name = referral(object.value(u"name").toString(), subjectNamespace, referrer, candidates, isRoleRef)) {
            object.insert(u"name"_s, *name);
            if (object.contains(u"namespace") && !m_namespaceOfMatch.isEmpty())
                object.insert(u"namespace"_s, m_namespaceOfMatch);
            value = object;
        }
    }

    // Whether the shorter list ends the longer one (exact: whether they are equal).
    static bool sameEnding(const QStringList &a, const QStringList &b, bool exact)
    {
        if (exact)
            return a == b;
        const qsizetype n = qMin(a.size(), b.size());
        return a.mid(a.size() - n) == b.mid(b.size() - n);
    }

    QList<Resource> &m_resources;
    const TransformerConfig &m_config;
    QString m_namespaceOfMatch;
    Error m_error;
};

// --- Substitution -------------------------------------------------------------------------

const QString SubstituteKey = u"kustomize.toolkit.fluxcd.io/substitute"_s;

Domain::Result<QJsonArray> substituteObjects(const QJsonArray &objects, const QList<QSet<QString>> &quoted,
                                             const QMap<QString, QString> &variables, bool strict)
{
    // Flux substitutes only when there are variables at all.
    if (variables.isEmpty())
        return objects;
    QMap<QString, QString> values;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        values.insert(it.key(), QString(it.value()).remove(u'\n'));
    static const QRegularExpression validName(u"^[_[:alpha:]][_[:alpha:][:digit:]]*$"_s);

    QJsonArray result;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        const QJsonObject object = objects.at(i).toObject();
        const Resource resource(object);
        if (resource.labels().value(SubstituteKey).toString() == u"disabled"
            || resource.annotations().value(SubstituteKey).toString() == u"disabled") {
            result.append(object);
            continue;
        }
        const QString context = u"post build failed for '%1/%2': envsubst error: "_s.arg(resource.gvk(), resource.name());
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            if (!validName.match(it.key()).hasMatch())
                return fail(context + u"'%1' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'"_s.arg(it.key()));
        }
        const QString yaml = QString::fromUtf8(toYaml(object, quoted.value(i)));
        auto substituted = envsubst(yaml, values, strict);
        if (!substituted)
            return fail(context + u"variable substitution failed: "_s + substituted.error().message);
        auto documents = readYamlDocuments(substituted->toUtf8(), resource.gvk() + u'/' + resource.name());
        if (!documents)
            return fail(context + u"YAMLToJSON: "_s + documents.error().message);
        if (documents->size() != 1 || !documents->first().value.isObject())
            return fail(context + u"YAMLToJSON: the substituted object is no longer one map"_s);
        result.append(documents->first().value);
    }
    return result;
}

} // namespace

Domain::Result<BuildResult> kustomizeBuild(const QMap<QString, QByteArray> &files, const QString &path)
{
    const QString dir = cleanPath(path);
    const SourceTree tree(files);
    if (tree.isFile(dir))
        return fail(u"kustomization path is not a directory: open %1/kustomization.yaml: not a directory"_s.arg(dir));
    if (!tree.isDirectory(dir))
        return fail(u"kustomization path not found: stat %1: no such file or directory"_s.arg(dir));

    Builder builder(tree);
    auto accumulated = builder.buildRoot(dir);
    if (!accumulated)
        return std::unexpected(accumulated.error());
    QList<Resource> &resources = accumulated->resources;
    addHashSuffixes(resources);
    BackReferenceFixer fixer(resources, accumulated->config);
    if (const auto fixed = fixer.run(); !fixed)
        return std::unexpected(fixed.error());

    BuildResult result;
    for (const Resource &resource : std::as_const(resources)) {
        result.objects.append(resource.object);
        result.quotedStrings.append(resource.quotedStrings);
    }
    return result;
}

Domain::Result<QJsonArray> substitute(const QJsonArray &objects, const QMap<QString, QString> &variables, bool strict)
{
    return substituteObjects(objects, {}, variables, strict);
}

Domain::Result<QJsonArray> substitute(const BuildResult &built, const QMap<QString, QString> &variables, bool strict)
{
    return substituteObjects(built.objects, built.quotedStrings, variables, strict);
}

} // namespace Fluxdeck::Sandbox
