#include "kustomize/namehash.h"

#include "kustomize/yamljson.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

void marshalString(QByteArray &out, const QString &s)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char32_t cp : s.toUcs4()) {
        switch (cp) {
        case U'"': out += "\\\""; break;
        case U'\\': out += "\\\\"; break;
        case U'\n': out += "\\n"; break;
        case U'\r': out += "\\r"; break;
        case U'\t': out += "\\t"; break;
        default:
            // Go escapes control characters, the HTML-sensitive <, > and &, and the two line
            // separators JavaScript chokes on.
            if (cp < 0x20 || cp == U'<' || cp == U'>' || cp == U'&' || cp == 0x2028 || cp == 0x2029) {
                out += "\\u";
                for (int shift = 12; shift >= 0; shift -= 4)
                    out += hex[(cp >> shift) & 0xf];
            } else {
                out += QString::fromUcs4(&cp, 1).toUtf8();
            }
        }
    }
    out += '"';
}

void marshal(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        return;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QJsonValue::Double:
        // Integral values print as integers, as Go's float64 formatting does below 1e21.
        out += toYaml(value).trimmed();
        return;
    case QJsonValue::String:
        marshalString(out, value.toString());
        return;
    case QJsonValue::Array: {
        out += '[';
        bool first = true;
        for (const QJsonValue &element : value.toArray()) {
            if (!first)
                out += ',';
            first = false;
            marshal(out, element);
        }
        out += ']';
        return;
    }
    case QJsonValue::Object: {
        // Go sorts map keys by their UTF-8 bytes.
        const QJsonObject object = value.toObject();
        QList<QPair<QByteArray, QString>> keys;
        keys.reserve(object.size());
        for (auto it = object.begin(); it != object.end(); ++it)
            keys.append({it.key().toUtf8(), it.key()});
        std::sort(keys.begin(), keys.end());
        out += '{';
        bool first = true;
        for (const auto &[utf8, key] : std::as_const(keys)) {
            if (!first)
                out += ',';
            first = false;
            marshalString(out, key);
            out += ':';
            marshal(out, object.value(key));
        }
        out += '}';
        return;
    }
    }
}

// kustomize reads a missing data map as the empty string, not as an empty map.
QJsonValue mapOrEmpty(const QJsonObject &object, const QString &field)
{
    const QJsonValue value = object.value(field);
    if (value.isObject())
        return value;
    if (value.isUndefined() || value.isNull())
        return u""_s;
    return value;
}

} // namespace

QByteArray goJsonMarshal(const QJsonValue &value)
{
    QByteArray out;
    marshal(out, value);
    return out;
}

QString kustomizeNameHash(const QJsonObject &object)
{
    const QString kind = object.value(u"kind").toString();
    const QString name = object.value(u"metadata").toObject().value(u"name").toString();
    QJsonObject encoded;
    if (kind == u"ConfigMap") {
        encoded = {{u"kind"_s, kind}, {u"name"_s, name}, {u"data"_s, mapOrEmpty(object, u"data"_s)}};
        if (object.value(u"binaryData").isObject())
            encoded.insert(u"binaryData"_s, object.value(u"binaryData"));
    } else if (kind == u"Secret") {
        encoded = {{u"kind"_s, kind},
                   {u"name"_s, name},
                   {u"data"_s, mapOrEmpty(object, u"data"_s)},
                   {u"type"_s, object.value(u"type").isString() ? object.value(u"type") : QJsonValue(u""_s)}};
        if (object.value(u"stringData").isObject())
            encoded.insert(u"stringData"_s, object.value(u"stringData"));
    } else {
        encoded = object;
    }
    const QByteArray hex =
        QCryptographicHash::hash(goJsonMarshal(encoded), QCryptographicHash::Sha256).toHex().left(10);
    QString suffix = QString::fromLatin1(hex);
    for (QChar &c : suffix) {
        switch (c.unicode()) {
        case u'0': c = u'g'; break;
        case u'1': c = u'h'; break;
        case u'3': c = u'k'; break;
        case u'a': c = u'm'; break;
        case u'e': c = u't'; break;
        default: break;
        }
    }
    return suffix;
}

} // namespace Fluxdeck::Sandbox
