#include "kustomize/kustomizepatch.h"

#include <QSet>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

const QString PatchDirective = u"$patch"_s;
const QString RetainKeysDirective = u"$retainKeys"_s;
const QString SetElementOrderPrefix = u"$setElementOrder/"_s;
const QString DeleteFromPrimitiveListPrefix = u"$deleteFromPrimitiveList/"_s;

// API groups whose types kustomize knows from the Kubernetes OpenAPI schema. Objects of any
// other group are custom resources: no merge keys, every list is replaced.
bool isBuiltinGroup(const QString &group)
{
    static const QSet<QString> groups = {
        u""_s, u"apps"_s, u"batch"_s, u"extensions"_s, u"policy"_s, u"autoscaling"_s,
        u"networking.k8s.io"_s, u"rbac.authorization.k8s.io"_s, u"storage.k8s.io"_s,
        u"apiextensions.k8s.io"_s, u"admissionregistration.k8s.io"_s, u"scheduling.k8s.io"_s,
        u"coordination.k8s.io"_s, u"discovery.k8s.io"_s, u"node.k8s.io"_s, u"certificates.k8s.io"_s,
        u"apiregistration.k8s.io"_s, u"flowcontrol.apiserver.k8s.io"_s, u"events.k8s.io"_s,
        u"resource.k8s.io"_s,
    };
    return groups.contains(group);
}

// Where a kind keeps its PodSpec.
QStringList podSpecPath(const QString &kind)
{
    if (kind == u"Pod")
        return {u"spec"_s};
    if (kind == u"PodTemplate")
        return {u"template"_s, u"spec"_s};
    if (kind == u"CronJob")
        return {u"spec"_s, u"jobTemplate"_s, u"spec"_s, u"template"_s, u"spec"_s};
    static const QSet<QString> templated = {u"Deployment"_s, u"ReplicaSet"_s, u"DaemonSet"_s,
                                            u"StatefulSet"_s, u"Job"_s, u"ReplicationController"_s};
    if (templated.contains(kind))
        return {u"spec"_s, u"template"_s, u"spec"_s};
    return {};
}

bool isContainerList(const QString &field)
{
    return field == u"containers" || field == u"initContainers" || field == u"ephemeralContainers";
}

struct Schema
{
    QString kind;
    bool builtin = false;
    QStringList podSpec;

    // The patchMergeKey Kubernetes declares for the list at `path`, or "" (replace).
    QString mergeKey(const QStringList &path) const
    {
        if (!builtin)
            return {};
        if (path == QStringList{u"metadata"_s, u"ownerReferences"_s})
            return u"uid"_s;
        if (kind == u"Service" && path == QStringList{u"spec"_s, u"ports"_s})
            return u"port"_s;
        if (kind == u"ServiceAccount" && path == QStringList{u"secrets"_s})
            return u"name"_s;
        if (podSpec.isEmpty() || path.size() <= podSpec.size() || path.mid(0, podSpec.size()) != podSpec)
            return {};
        const QStringList rel = path.mid(podSpec.size());
        if (rel.size() == 1) {
            const QString &field = rel[0];
            if (isContainerList(field) || field == u"volumes" || field == u"imagePullSecrets"
                || field == u"schedulingGates" || field == u"resourceClaims")
                return u"name"_s;
            if (field == u"hostAliases")
                return u"ip"_s;
            if (field == u"topologySpreadConstraints")
                return u"topologyKey"_s;
            return {};
        }
        if (rel.size() == 2 && isContainerList(rel[0])) {
            const QString &field = rel[1];
            if (field == u"env")
                return u"name"_s;
            if (field == u"ports")
                return u"containerPort"_s;
            if (field == u"volumeMounts")
                return u"mountPath"_s;
            if (field == u"volumeDevices")
                return u"devicePath"_s;
        }
        return {};
    }

    // Lists of scalars Kubernetes merges as sets.
    bool isSet(const QStringList &path) const
    {
        return builtin && path == QStringList{u"metadata"_s, u"finalizers"_s};
    }
};

class Merger
{
public:
    explicit Merger(Schema schema)
        : m_schema(std::move(schema))
    {
    }

    // Undefined means "delete this value".
    QJsonValue mergeValue(const QJsonValue &dest, const QJsonValue &patch, const QStringList &path)
    {
        if (patch.isObject())
            return mergeMap(dest.isObject() ? dest.toObject() : QJsonObject(), patch.toObject(), path);
        if (patch.isArray())
            return mergeList(dest.isArray() ? dest.toArray() : QJsonArray(), patch.toArray(), path);
        return patch;
    }

    QJsonValue mergeMap(QJsonObject dest, QJsonObject patch, const QStringList &path)
    {
        const QString directive = patch.take(PatchDirective).toString();
        if (directive == u"delete")
            return QJsonValue::Undefined;
        if (directive == u"replace")
            dest = QJsonObject();
        const QJsonValue retainKeys = patch.take(RetainKeysDirective);
        QHash<QString, QJsonArray> deletions;
        for (const QString &key : patch.keys()) {
            if (key.startsWith(SetElementOrderPrefix)) {
                patch.remove(key);
            } else if (key.startsWith(DeleteFromPrimitiveListPrefix)) {
                deletions.insert(key.mid(DeleteFromPrimitiveListPrefix.size()), patch.take(key).toArray());
            }
        }
        for (auto it = patch.begin(); it != patch.end(); ++it) {
            if (it.value().isNull()) {
                dest.remove(it.key());
                continue;
            }
            const QJsonValue merged = mergeValue(dest.value(it.key()), it.value(), path + QStringList{it.key()});
            if (merged.isUndefined())
                dest.remove(it.key());
            else
                dest.insert(it.key(), merged);
        }
        for (auto it = deletions.cbegin(); it != deletions.cend(); ++it) {
            QJsonArray kept;
            for (const QJsonValue &element : dest.value(it.key()).toArray()) {
                if (!it.value().contains(element))
                    kept.append(element);
            }
            dest.insert(it.key(), kept);
        }
        if (retainKeys.isArray()) {
            QSet<QString> retained;
            for (const QJsonValue &key : retainKeys.toArray())
                retained.insert(key.toString());
            for (const QString &key : dest.keys()) {
                if (!retained.contains(key))
                    dest.remove(key);
            }
        }
        return dest;
    }

    QJsonValue mergeList(const QJsonArray &dest, const QJsonArray &patch, const QStringList &path)
    {
        // A `$patch: replace` element makes the rest of the patch list the whole list.
        bool replace = false;
        QJsonArray elements;
        for (const QJsonValue &element : patch) {
            if (element.isObject() && element.toObject().value(PatchDirective).toString() == u"replace"
                && element.toObject().size() == 1) {
                replace = true;
                continue;
            }
            elements.append(element);
        }
        const QString key = m_schema.mergeKey(path);
        if (m_schema.isSet(path) && !replace) {
            QJsonArray result = dest;
            for (const QJsonValue &element : std::as_const(elements)) {
                if (!result.contains(element))
                    result.append(element);
            }
            return result;
        }
        if (key.isEmpty() || replace) {
            QJsonArray result;
            for (const QJsonValue &element : std::as_const(elements)) {
                if (element.isObject() && element.toObject().value(PatchDirective).toString() == u"delete")
                    continue;
                const QJsonValue cleaned = mergeValue(QJsonValue::Undefined, element, path);
                if (!cleaned.isUndefined())
                    result.append(cleaned);
            }
            return result;
        }
        QJsonArray result = dest;
        for (const QJsonValue &element : std::as_const(elements)) {
            const QJsonObject object = element.toObject();
            if (!element.isObject() || !object.contains(key)) {
                const QJsonValue cleaned = mergeValue(QJsonValue::Undefined, element, path);
                if (!cleaned.isUndefined())
                    result.append(cleaned);
                continue;
            }
            const QJsonValue id = object.value(key);
            qsizetype found = -1;
            for (qsizetype i = 0; i < result.size(); ++i) {
                if (result.at(i).toObject().value(key) == id) {
                    found = i;
                    break;
                }
            }
            if (object.value(PatchDirective).toString() == u"delete") {
                for (qsizetype i = result.size() - 1; i >= 0; --i) {
                    if (result.at(i).toObject().value(key) == id)
                        result.removeAt(i);
                }
                continue;
            }
            const QJsonValue merged =
                mergeMap(found >= 0 ? result.at(found).toObject() : QJsonObject(), object, path);
            if (found >= 0)
                result.replace(found, merged);
            else
                result.append(merged);
        }
        return result;
    }

private:
    Schema m_schema;
};

// --- JSON 6902 ---------------------------------------------------------------------------

struct Pointer
{
    QStringList tokens;
    bool valid = true;
};

Pointer parsePointer(const QString &path)
{
    Pointer pointer;
    if (path.isEmpty())
        return pointer;
    if (!path.startsWith(u'/')) {
        pointer.valid = false;
        return pointer;
    }
    for (QString token : path.mid(1).split(u'/')) {
        token.replace(u"~1"_s, u"/"_s);
        token.replace(u"~0"_s, u"~"_s);
        pointer.tokens.append(token);
    }
    return pointer;
}

std::optional<qsizetype> arrayIndex(const QString &token, qsizetype size, bool allowEnd)
{
    if (allowEnd && token == u"-")
        return size;
    bool ok = false;
    const qsizetype index = token.toLongLong(&ok);
    if (!ok || index < 0 || (token.size() > 1 && token.startsWith(u'0')) || token.startsWith(u'+'))
        return std::nullopt;
    if (index > size || (!allowEnd && index == size))
        return std::nullopt;
    return index;
}

std::optional<QJsonValue> valueAt(const QJsonValue &root, const QStringList &tokens)
{
    QJsonValue node = root;
    for (const QString &token : tokens) {
        if (node.isObject()) {
            const QJsonObject object = node.toObject();
            if (!object.contains(token))
                return std::nullopt;
            node = object.value(token);
        } else if (node.isArray()) {
            const QJsonArray array = node.toArray();
            const auto index = arrayIndex(token, array.size(), false);
            if (!index)
                return std::nullopt;
            node = array.at(*index);
        } else {
            return std::nullopt;
        }
    }
    return node;
}

enum class Edit { Add, Remove, Replace };

// Applies one edit at the end of `tokens`; false when the path does not apply.
bool edit(QJsonValue &node, const QStringList &tokens, qsizetype at, Edit kind, const QJsonValue &value)
{
    const QString &token = tokens[at];
    const bool last = at + 1 == tokens.size();
    if (node.isObject()) {
        QJsonObject object = node.toObject();
        if (last) {
            if (kind == Edit::Add) {
                object.insert(token, value);
            } else {
                if (!object.contains(token))
                    return false;
                if (kind == Edit::Remove)
                    object.remove(token);
                else
                    object.insert(token, value);
            }
        } else {
            if (!object.contains(token))
                return false;
            QJsonValue child = object.value(token);
            if (!edit(child, tokens, at + 1, kind, value))
                return false;
            object.insert(token, child);
        }
        node = object;
        return true;
    }
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const auto index = arrayIndex(token, array.size(), last && kind == Edit::Add);
        if (!index)
            return false;
        if (last) {
            if (kind == Edit::Add)
                array.insert(*index, value);
            else if (kind == Edit::Remove)
                array.removeAt(*index);
            else
                array.replace(*index, value);
        } else {
            QJsonValue child = array.at(*index);
            if (!edit(child, tokens, at + 1, kind, value))
                return false;
            array.replace(*index, child);
        }
        node = array;
        return true;
    }
    return false;
}

bool editDocument(QJsonValue &document, const QStringList &tokens, Edit kind, const QJsonValue &value)
{
    if (tokens.isEmpty()) {
        if (kind == Edit::Remove)
            return false;
        document = value;
        return true;
    }
    return edit(document, tokens, 0, kind, value);
}

} // namespace

Domain::Result<std::optional<QJsonObject>> strategicMerge(const QJsonObject &target, const QJsonObject &patch)
{
    if (patch.value(PatchDirective).toString() == u"delete")
        return std::optional<QJsonObject>();
    const QString apiVersion = target.value(u"apiVersion").toString();
    const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
    Schema schema;
    schema.kind = target.value(u"kind").toString();
    schema.builtin = isBuiltinGroup(group);
    schema.podSpec = podSpecPath(schema.kind);
    Merger merger(schema);
    const QJsonValue merged = merger.mergeMap(target, patch, {});
    return std::optional<QJsonObject>(merged.toObject());
}

Domain::Result<QJsonObject> applyJson6902(const QJsonObject &target, const QJsonArray &operations)
{
    QJsonValue document = target;
    for (const QJsonValue &entry : operations) {
        const QJsonObject operation = entry.toObject();
        const QString op = operation.value(u"op").toString();
        const QString path = operation.value(u"path").toString();
        const Pointer pointer = parsePointer(path);
        if (!entry.isObject() || !operation.value(u"path").isString() || !pointer.valid)
            return Domain::failure(u"invalid JSON patch operation: %1 needs a path starting with \"/\""_s
                                       .arg(op.isEmpty() ? u"operation"_s : op));
        const auto missing = [&](const QString &what) {
            return Domain::failure(u"%1 operation does not apply: doc is missing path: \"%2\": missing value"_s
                                       .arg(what, path));
        };
        if (op == u"add" || op == u"replace") {
            if (!operation.contains(u"value"))
                return Domain::failure(u"%1 operation at \"%2\" has no value"_s.arg(op, path));
            if (!editDocument(document, pointer.tokens, op == u"add" ? Edit::Add : Edit::Replace,
                              operation.value(u"value")))
                return missing(op);
        } else if (op == u"remove") {
            if (!editDocument(document, pointer.tokens, Edit::Remove, {}))
                return missing(op);
        } else if (op == u"move" || op == u"copy") {
            const QString from = operation.value(u"from").toString();
            const Pointer source = parsePointer(from);
            const auto value = source.valid ? valueAt(document, source.tokens) : std::nullopt;
            if (!value)
                return Domain::failure(u"%1 operation does not apply: doc is missing from path: \"%2\""_s.arg(op, from));
            if (op == u"move" && !editDocument(document, source.tokens, Edit::Remove, {}))
                return missing(op);
            if (!editDocument(document, pointer.tokens, Edit::Add, *value))
                return missing(op);
        } else if (op == u"test") {
            const auto value = valueAt(document, pointer.tokens);
            if (!value || *value != operation.value(u"value"))
                return Domain::failure(u"testing value %1 failed: test failed"_s.arg(path));
        } else {
            return Domain::failure(u"Unexpected kind: %1"_s.arg(op));
        }
    }
    if (!document.isObject())
        return Domain::failure(u"the JSON patch replaced the object with something that is not an object"_s);
    return document.toObject();
}

} // namespace Fluxdeck::Sandbox
