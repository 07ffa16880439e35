#include "kustomize/yamljson.h"

#include <QJsonObject>
#include <QLocale>

#include <yaml-cpp/yaml.h>

#include <array>
#include <cmath>
#include <optional>
#include <string_view>

using namespace Qt::Literals::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

// A document that expands (through aliases) to more nodes than this is refused, as go-yaml
// refuses "billion laughs" documents, instead of eating the machine.
constexpr qsizetype NodeBudget = 500'000;

const QString StrTag = u"tag:yaml.org,2002:str"_s;
const QString BinaryTag = u"tag:yaml.org,2002:binary"_s;

bool isDigit(QChar c) { return c >= u'0' && c <= u'9'; }
bool isOctalDigit(QChar c) { return c >= u'0' && c <= u'7'; }
bool isHexDigit(QChar c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? — the core schema's int and float.
bool isCoreDecimal(QStringView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    if (i < n && (s[i] == u'-' || s[i] == u'+'))
        ++i;
    qsizetype before = 0;
    while (i < n && isDigit(s[i])) {
        ++i;
        ++before;
    }
    qsizetype after = 0;
    if (i < n && s[i] == u'.') {
        ++i;
        while (i < n && isDigit(s[i])) {
            ++i;
            ++after;
        }
    }
    if (before == 0 && after == 0)
        return false;
    if (i < n && (s[i] == u'e' || s[i] == u'E')) {
        ++i;
        if (i < n && (s[i] == u'-' || s[i] == u'+'))
            ++i;
        qsizetype exponent = 0;
        while (i < n && isDigit(s[i])) {
            ++i;
            ++exponent;
        }
        if (exponent == 0)
            return false;
    }
    return i == n;
}

bool allOf(QStringView s, bool (*predicate)(QChar))
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (!predicate(c))
            return false;
    }
    return true;
}

std::optional<double> coreNumber(const QString &s)
{
    if (s.size() > 2 && s[0] == u'0' && s[1] == u'o' && allOf(QStringView(s).mid(2), isOctalDigit))
        return double(QStringView(s).mid(2).toULongLong(nullptr, 8));
    if (s.size() > 2 && s[0] == u'0' && s[1] == u'x' && allOf(QStringView(s).mid(2), isHexDigit))
        return double(QStringView(s).mid(2).toULongLong(nullptr, 16));
    if (!isCoreDecimal(s))
        return std::nullopt;
    QByteArray latin = s.toLatin1();
    if (latin.startsWith('+'))
        latin.remove(0, 1);
    bool ok = false;
    const double value = latin.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// Words and numbers that YAML 1.1 readers (go-yaml v2, PyYAML, older tools) take for
// something other than a string. Quoting them costs nothing and keeps every reader agreeing.
bool isYaml11Special(const QString &s)
{
    static const QSet<QString> words = {
        u"y"_s, u"Y"_s, u"yes"_s, u"Yes"_s, u"YES"_s, u"n"_s, u"N"_s, u"no"_s, u"No"_s, u"NO"_s,
        u"on"_s, u"On"_s, u"ON"_s, u"off"_s, u"Off"_s, u"OFF"_s, u"="_s, u"<<"_s,
        u".inf"_s, u".Inf"_s, u".INF"_s, u"+.inf"_s, u"+.Inf"_s, u"+.INF"_s, u"-.inf"_s, u"-.Inf"_s,
        u"-.INF"_s, u".nan"_s, u".NaN"_s, u".NAN"_s,
    };
    if (words.contains(s))
        return true;
    // 1.1 numbers: underscores as separators, 0b binaries, sexagesimal 1:30.
    QStringView body(s);
    if (body.startsWith(u'-') || body.startsWith(u'+'))
        body = body.mid(1);
    if (body.isEmpty() || !(isDigit(body[0]) || body[0] == u'.'))
        return false;
    bool sawDigit = false;
    for (QChar c : body) {
        if (isDigit(c)) {
            sawDigit = true;
            continue;
        }
        if (c != u'_' && c != u'.' && c != u':' && c != u'b' && c != u'e' && c != u'E' && c != u'-'
            && c != u'+' && !isHexDigit(c) && c != u'x' && c != u'o')
            return false;
    }
    if (!sawDigit)
        return false;
    return body.contains(u'_') || body.startsWith(u"0b") || body.contains(u':');
}

bool isControl(QChar c)
{
    const char16_t u = c.unicode();
    return u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f) || u == 0x2028 || u == 0x2029 || u == 0xfeff;
}

// Whether a string can be written as a plain scalar and read back as the same string.
bool plainIsSafe(const QString &s)
{
    if (s.isEmpty())
        return false;
    if (resolvePlainScalar(s).type() != QJsonValue::String || isYaml11Special(s))
        return false;
    static constexpr std::u16string_view leadingIndicators = u"!&*{}[],#|>@`\"'%";
    const QChar first = s.front();
    if (leadingIndicators.find(first.unicode()) != std::u16string_view::npos)
        return false;
    if ((first == u'-' || first == u'?' || first == u':') && (s.size() == 1 || s[1].isSpace()))
        return false;
    if (first.isSpace() || s.back().isSpace())
        return false;
    if (s.startsWith(u"---") || s.startsWith(u"..."))
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (isControl(c) || c == u'\t')
            return false;
        if (c == u':' && (i + 1 == s.size() || s[i + 1] == u' '))
            return false;
        if (c == u'#' && i > 0 && s[i - 1] == u' ')
            return false;
    }
    return true;
}

QByteArray doubleQuoted(const QString &s)
{
    QByteArray out;
    out.reserve(s.size() + 2);
    out += '"';
    for (const char32_t cp : s.toUcs4()) {
        switch (cp) {
        case U'"': out += "\\\""; break;
        case U'\\': out += "\\\\"; break;
        case U'\n': out += "\\n"; break;
        case U'\t': out += "\\t"; break;
        case U'\r': out += "\\r"; break;
        case U'\0': out += "\\0"; break;
        case 0x85: out += "\\N"; break;
        case 0x2028: out += "\\L"; break;
        case 0x2029: out += "\\P"; break;
        case 0xfeff: out += "\\uFEFF"; break;
        default:
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
                out += "\\x";
                out += QByteArray::number(uint(cp), 16).rightJustified(2, '0').toUpper();
            } else {
                out += QString::fromUcs4(&cp, 1).toUtf8();
            }
        }
    }
    out += '"';
    return out;
}

// A multi-line string as a literal block ("|" or "|-"), when that reads back exactly.
std::optional<QList<QStringView>> literalLines(const QString &s)
{
    if (!s.contains(u'\n') || s.contains(u'\r'))
        return std::nullopt;
    QStringView body(s);
    if (body.endsWith(u'\n'))
        body.chop(1);
    if (body.endsWith(u'\n')) // more than one trailing newline needs "|+"; quote instead
        return std::nullopt;
    const QList<QStringView> lines = body.split(u'\n');
    bool sawContent = false;
    for (QStringView line : lines) {
        for (QChar c : line) {
            if (isControl(c))
                return std::nullopt;
        }
        if (!line.isEmpty() && (line.back() == u' ' || line.back() == u'\t'))
            return std::nullopt;
        if (!sawContent && !line.isEmpty()) {
            // The first content line sets the block's indentation; leading blanks would need
            // an indentation indicator, so such strings are quoted instead.
            if (line.front().isSpace())
                return std::nullopt;
            sawContent = true;
        }
    }
    if (!sawContent)
        return std::nullopt;
    return lines;
}

QByteArray formatNumber(double d)
{
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0)
        return QByteArray::number(qint64(d));
    return QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

class YamlWriter
{
public:
    explicit YamlWriter(const QSet<QString> &alwaysQuoted)
        : m_alwaysQuoted(alwaysQuoted)
    {
    }

    void writeDocument(const QJsonValue &value)
    {
        if (value.isObject() && !value.toObject().isEmpty())
            writeObject(value.toObject(), 0, false);
        else if (value.isArray() && !value.toArray().isEmpty())
            writeArray(value.toArray(), 0, false);
        else
            writeInline(value, 0);
    }

    QByteArray take() { return std::move(m_out); }

private:
    QByteArray scalar(const QJsonValue &value) const
    {
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            return "null";
        case QJsonValue::Bool:
            return value.toBool() ? "true" : "false";
        case QJsonValue::Double:
            return formatNumber(value.toDouble());
        case QJsonValue::String:
            return stringScalar(value.toString());
        case QJsonValue::Array:
            return "[]";
        case QJsonValue::Object:
            return "{}";
        }
        return {};
    }

    QByteArray stringScalar(const QString &s) const
    {
        if (!m_alwaysQuoted.contains(s) && plainIsSafe(s))
            return s.toUtf8();
        return doubleQuoted(s);
    }

    void indent(int columns) { m_out.append(columns, ' '); }

    // A value after "key:" or "- ", on the same line when it is a scalar.
    void writeInline(const QJsonValue &value, int childIndent)
    {
        const QString text = value.toString();
        if (value.isString() && !m_alwaysQuoted.contains(text)) {
            // The lines are views into text, which must outlive them.
            if (const auto lines = literalLines(text)) {
                m_out += text.endsWith(u'\n') ? "|\n" : "|-\n";
                for (QStringView line : *lines) {
                    if (!line.isEmpty()) {
                        indent(childIndent);
                        m_out += line.toUtf8();
                    }
                    m_out += '\n';
                }
                return;
            }
        }
        m_out += scalar(value);
        m_out += '\n';
    }

    void writeObject(const QJsonObject &object, int level, bool firstInline)
    {
        bool first = true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!(first && firstInline))
                indent(level);
            first = false;
            m_out += stringScalar(it.key());
            m_out += ':';
            const QJsonValue value = it.value();
            if (value.isObject() && !value.toObject().isEmpty()) {
                m_out += '\n';
                writeObject(value.toObject(), level + 2, false);
            } else if (value.isArray() && !value.toArray().isEmpty()) {
                m_out += '\n';
                writeArray(value.toArray(), level, false);
            } else {
                m_out += ' ';
                writeInline(value, level + 2);
            }
        }
    }

    void writeArray(const QJsonArray &array, int level, bool firstInline)
    {
        bool first = true;
        for (const QJsonValue &value : array) {
            if (!(first && firstInline))
                indent(level);
            first = false;
            m_out += "- ";
            if (value.isObject() && !value.toObject().isEmpty())
                writeObject(value.toObject(), level + 2, true);
            else if (value.isArray() && !value.toArray().isEmpty())
                writeArray(value.toArray(), level + 2, true);
            else
                writeInline(value, level + 2);
        }
    }

    const QSet<QString> &m_alwaysQuoted;
    QByteArray m_out;
};

// yaml-cpp's wording, replaced by the Go parser's where Kubernetes users know the latter.
QString familiarMessage(const std::string &message)
{
    static const std::array<std::pair<std::string_view, const char *>, 9> known = {{
        {"illegal map value", "mapping values are not allowed in this context"},
        {"end of map not found", "did not find expected key"},
        {"end of sequence not found", "did not find expected '-' indicator"},
        {"end of map flow not found", "did not find expected ',' or '}'"},
        {"end of sequence flow not found", "did not find expected ',' or ']'"},
        {"illegal EOF in scalar", "found unexpected end of stream"},
        {"unknown token", "found character that cannot start any token"},
        {"illegal block entry", "block sequence entries are not allowed in this context"},
        {"illegal tab when looking for indentation", "found a tab character that violates indentation"},
    }};
    for (const auto &[from, to] : known) {
        if (message == from)
            return QString::fromLatin1(to);
    }
    static constexpr std::string_view unknownAnchor = "the referenced anchor is not defined: ";
    if (message.starts_with(unknownAnchor))
        return u"unknown anchor '%1' referenced"_s.arg(QString::fromStdString(message.substr(unknownAnchor.size())));
    return QString::fromStdString(message);
}

QString location(const QString &fileName, const YAML::Mark &mark)
{
    return u"%1:%2:%3"_s.arg(fileName).arg(mark.line + 1).arg(mark.column + 1);
}

class Converter
{
public:
    Converter(const QString &fileName, QSet<QString> *quoted)
        : m_fileName(fileName)
        , m_quoted(quoted)
    {
    }

    bool convert(const YAML::Node &node, QJsonValue &out)
    {
        if (++m_nodes > NodeBudget)
            return fail(node.Mark(), u"document expands to more than %1 nodes through aliases"_s.arg(NodeBudget));
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            out = QJsonValue::Null;
            return true;
        case YAML::NodeType::Scalar:
            out = scalar(node);
            return true;
        case YAML::NodeType::Sequence: {
            QJsonArray array;
            for (const YAML::Node &element : node) {
                QJsonValue value;
                if (!convert(element, value))
                    return false;
                array.append(value);
            }
            out = array;
            return true;
        }
        case YAML::NodeType::Map:
            return convertMap(node, out);
        }
        return true;
    }

    const Domain::Error &error() const { return m_error; }

private:
    bool fail(const YAML::Mark &mark, const QString &message)
    {
        m_error = Domain::Error{location(m_fileName, mark) + u": "_s + message, {}};
        return false;
    }

    QJsonValue scalar(const YAML::Node &node)
    {
        const QString text = QString::fromStdString(node.Scalar());
        const QString tag = QString::fromStdString(node.Tag());
        // "!" is yaml-cpp's tag for a quoted or block scalar without an explicit tag.
        if (tag == u"!" || tag == StrTag || tag == BinaryTag) {
            if (m_quoted && text.contains(u"${"))
                m_quoted->insert(text);
            return text;
        }
        return resolvePlainScalar(text);
    }

    static QString keyText(const YAML::Node &key)
    {
        if (key.IsNull())
            return u"null"_s;
        return QString::fromStdString(key.Scalar());
    }

    bool convertMap(const YAML::Node &node, QJsonValue &out)
    {
        QJsonObject object;
        QHash<QString, int> lines;
        QList<YAML::Node> merges;
        for (auto it = node.begin(); it != node.end(); ++it) {
            // Copies: yaml-cpp's iterator hands out a temporary pair.
            const YAML::Node key = it->first;
            const YAML::Node value = it->second;
            if (!key.IsScalar() && !key.IsNull())
                return fail(key.Mark(), u"a mapping key must be a scalar"_s);
            const QString name = keyText(key);
            if (name == u"<<" && key.Tag() == "?") {
                merges.append(value);
                continue;
            }
            if (const auto previous = lines.constFind(name); previous != lines.cend())
                return fail(key.Mark(), u"mapping key \"%1\" already defined at line %2"_s.arg(name).arg(*previous));
            lines.insert(name, key.Mark().line + 1);
            QJsonValue converted;
            if (!convert(value, converted))
                return false;
            object.insert(name, converted);
        }
        // Merge keys: explicit keys win, then earlier merged maps over later ones.
        for (const YAML::Node &merge : std::as_const(merges)) {
            QList<YAML::Node> sources;
            if (merge.IsMap()) {
                sources.append(merge);
            } else if (merge.IsSequence()) {
                for (const YAML::Node &element : merge)
                    sources.append(element);
            }
            for (const YAML::Node &source : std::as_const(sources)) {
                if (!source.IsMap())
                    return fail(merge.Mark(), u"map merge requires map or sequence of maps as the value"_s);
                QJsonValue merged;
                if (!convert(source, merged))
                    return false;
                const QJsonObject mergedObject = merged.toObject();
                for (auto field = mergedObject.begin(); field != mergedObject.end(); ++field) {
                    if (!object.contains(field.key()))
                        object.insert(field.key(), field.value());
                }
            }
        }
        out = object;
        return true;
    }

    QString m_fileName;
    QSet<QString> *m_quoted;
    qsizetype m_nodes = 0;
    Domain::Error m_error;
};

} // namespace

QJsonValue resolvePlainScalar(const QString &text)
{
    if (text.isEmpty() || text == u"~" || text == u"null" || text == u"Null" || text == u"NULL")
        return QJsonValue::Null;
    if (text == u"true" || text == u"True" || text == u"TRUE")
        return true;
    if (text == u"false" || text == u"False" || text == u"FALSE")
        return false;
    const QChar first = text.front();
    if (isDigit(first) || first == u'-' || first == u'+' || first == u'.') {
        if (const auto number = coreNumber(text))
            return *number;
    }
    return text;
}

Domain::Result<QList<YamlDocument>> readYamlDocuments(const QByteArray &yaml, const QString &fileName)
{
    std::vector<YAML::Node> nodes;
    try {
        nodes = YAML::LoadAll(std::string(yaml.constData(), size_t(yaml.size())));
    } catch (const YAML::Exception &e) {
        return Domain::failure(location(fileName, e.mark) + u": "_s + familiarMessage(e.msg),
                               QString::fromStdString(e.what()));
    }
    QList<YamlDocument> documents;
    for (const YAML::Node &node : nodes) {
        if (node.IsNull() || !node.IsDefined())
            continue;
        YamlDocument document;
        document.line = node.Mark().line + 1;
        Converter converter(fileName, &document.quotedStrings);
        if (!converter.convert(node, document.value))
            return std::unexpected(converter.error());
        documents.append(std::move(document));
    }
    return documents;
}

Domain::Result<QJsonArray> parseYamlDocuments(const QByteArray &yaml, const QString &fileName)
{
    auto documents = readYamlDocuments(yaml, fileName);
    if (!documents)
        return std::unexpected(documents.error());
    QJsonArray values;
    for (const YamlDocument &document : std::as_const(*documents))
        values.append(document.value);
    return values;
}

QByteArray toYaml(const QJsonValue &value)
{
    return toYaml(value, {});
}

QByteArray toYaml(const QJsonValue &value, const QSet<QString> &alwaysQuoted)
{
    YamlWriter writer(alwaysQuoted);
    writer.writeDocument(value);
    return writer.take();
}

QByteArray toYamlDocuments(const QJsonArray &documents)
{
    QByteArray out;
    for (const QJsonValue &document : documents) {
        out += "---\n";
        out += toYaml(document);
    }
    return out;
}

} // namespace Fluxdeck::Sandbox
