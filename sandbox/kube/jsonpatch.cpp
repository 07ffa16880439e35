#include "jsonpatch.h"

#include <QStringList>

#include <functional>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

Domain::Result<QStringList> pointer(const QString &text)
{
    if (text.isEmpty())
        return QStringList{};
    if (!text.startsWith(u'/'))
        return Domain::failure(u"A JSON pointer must start with '/'."_s, text);
    QStringList tokens = text.mid(1).split(u'/');
    for (QString &token : tokens)
        token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
    return tokens;
}

std::optional<qsizetype> arrayIndex(const QString &token, qsizetype size, bool allowEnd)
{
    if (allowEnd && token == u"-")
        return size;
    bool ok = false;
    const qsizetype index = token.toLongLong(&ok);
    if (!ok || index < 0 || index > size || (!allowEnd && index == size))
        return std::nullopt;
    return index;
}

using Edit = std::function<Domain::Result<void>(QJsonValue &container, const QString &last)>;

// Walks to the parent of the pointer's target and lets `edit` change it there.
Domain::Result<void> walk(QJsonValue &node, const QStringList &tokens, qsizetype depth, const Edit &edit)
{
    if (depth == tokens.size() - 1)
        return edit(node, tokens.last());
    const QString &token = tokens[depth];
    if (node.isObject()) {
        QJsonObject object = node.toObject();
        if (!object.contains(token))
            return Domain::failure(u"The JSON patch path does not exist."_s, token);
        QJsonValue child = object.value(token);
        if (auto result = walk(child, tokens, depth + 1, edit); !result)
            return result;
        object.insert(token, child);
        node = object;
        return {};
    }
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const auto index = arrayIndex(token, array.size(), false);
        if (!index)
            return Domain::failure(u"The JSON patch path does not exist."_s, token);
        QJsonValue child = array.at(*index);
        if (auto result = walk(child, tokens, depth + 1, edit); !result)
            return result;
        array.replace(*index, child);
        node = array;
        return {};
    }
    return Domain::failure(u"The JSON patch path does not exist."_s, token);
}

Domain::Result<QJsonValue> valueAt(const QJsonValue &root, const QStringList &tokens)
{
    QJsonValue node = root;
    for (const QString &token : tokens) {
        if (node.isObject() && node.toObject().contains(token)) {
            node = node.toObject().value(token);
        } else if (node.isArray()) {
            const auto index = arrayIndex(token, node.toArray().size(), false);
            if (!index)
                return Domain::failure(u"The JSON patch path does not exist."_s, token);
            node = node.toArray().at(*index);
        } else {
            return Domain::failure(u"The JSON patch path does not exist."_s, token);
        }
    }
    return node;
}

Domain::Result<void> add(QJsonValue &root, const QStringList &tokens, const QJsonValue &value)
{
    if (tokens.isEmpty()) {
        root = value;
        return {};
    }
    return walk(root, tokens, 0, [&](QJsonValue &container, const QString &last) -> Domain::Result<void> {
        if (container.isObject()) {
            QJsonObject object = container.toObject();
            object.insert(last, value);
            container = object;
            return {};
        }
        if (container.isArray()) {
            QJsonArray array = container.toArray();
            const auto index = arrayIndex(last, array.size(), true);
            if (!index)
                return Domain::failure(u"The JSON patch index is out of range."_s, last);
            array.insert(*index, value);
            container = array;
            return {};
        }
        return Domain::failure(u"The JSON patch path does not exist."_s, last);
    });
}

Domain::Result<void> remove(QJsonValue &root, const QStringList &tokens)
{
    if (tokens.isEmpty())
        return Domain::failure(u"The whole document cannot be removed."_s);
    return walk(root, tokens, 0, [&](QJsonValue &container, const QString &last) -> Domain::Result<void> {
        if (container.isObject() && container.toObject().contains(last)) {
            QJsonObject object = container.toObject();
            object.remove(last);
            container = object;
            return {};
        }
        if (container.isArray()) {
            QJsonArray array = container.toArray();
            const auto index = arrayIndex(last, array.size(), false);
            if (index) {
                array.removeAt(*index);
                container = array;
                return {};
            }
        }
        return Domain::failure(u"The JSON patch path to remove does not exist."_s, last);
    });
}

} // namespace

QJsonObject mergePatch(QJsonObject target, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it->isNull())
            target.remove(it.key());
        else if (it->isObject() && target.value(it.key()).isObject())
            target.insert(it.key(), mergePatch(target.value(it.key()).toObject(), it->toObject()));
        else if (it->isObject())
            target.insert(it.key(), mergePatch(QJsonObject{}, it->toObject()));
        else
            target.insert(it.key(), *it);
    }
    return target;
}

Domain::Result<QJsonObject> jsonPatch(const QJsonObject &target, const QJsonArray &operations)
{
    QJsonValue document = target;
    for (const QJsonValue &entry : operations) {
        const QJsonObject operation = entry.toObject();
        const QString op = operation.value(u"op").toString();
        const auto path = pointer(operation.value(u"path").toString());
        if (!path)
            return std::unexpected(path.error());
        Domain::Result<void> result;
        if (op == u"add") {
            result = add(document, *path, operation.value(u"value"));
        } else if (op == u"remove") {
            result = remove(document, *path);
        } else if (op == u"replace") {
            if (auto existing = valueAt(document, *path); !existing)
                return std::unexpected(existing.error());
            result = path->isEmpty() ? add(document, *path, operation.value(u"value"))
                                     : remove(document, *path).and_then([&] { return add(document, *path, operation.value(u"value")); });
        } else if (op == u"test") {
            const auto existing = valueAt(document, *path);
            if (!existing || *existing != operation.value(u"value"))
                return Domain::failure(u"A JSON patch test operation failed."_s, operation.value(u"path").toString());
        } else if (op == u"copy" || op == u"move") {
            const auto from = pointer(operation.value(u"from").toString());
            if (!from)
                return std::unexpected(from.error());
            const auto value = valueAt(document, *from);
            if (!value)
                return std::unexpected(value.error());
            if (op == u"move")
                result = remove(document, *from);
            if (result)
                result = add(document, *path, *value);
        } else {
            return Domain::failure(u"Unknown JSON patch operation."_s, op);
        }
        if (!result)
            return std::unexpected(result.error());
    }
    if (!document.isObject())
        return Domain::failure(u"A JSON patch must leave an object."_s);
    return document.toObject();
}

} // namespace Fluxdeck::Sandbox
