#include "kubeapiservice.h"

#include "fieldselector.h"
#include "jsonpatch.h"
#include "kubeclusterkey.h"
#include "kubeobjectstore.h"
#include "kuberesourceregistry.h"
#include "kubestatus.h"
#include "kubestream.h"
#include "kubetable.h"
#include "labelselector.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

using Reply = KubeApiService::Reply;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

Reply answer(HttpResponse response)
{
    return Reply{std::move(response), nullptr};
}

Reply status(int code, const QString &reason, const QString &message, const QJsonObject &details = {})
{
    return answer(HttpResponse::json(code, kubeStatus(code, reason, message, details)));
}

Reply status(const Domain::Error &error, const QJsonObject &details = {})
{
    const QJsonObject body = kubeStatus(error, details);
    return answer(HttpResponse::json(body.value(u"code").toInt(), body));
}

Reply notFound()
{
    return status(404, u"NotFound"_s, u"the server could not find the requested resource"_s);
}

Reply rawJson(int code, const QByteArray &body, const QByteArray &contentType = "application/json")
{
    HttpResponse response;
    response.status = code;
    response.body = body;
    response.headers.append(QHttpHeaders::WellKnownHeader::ContentType, contentType);
    return answer(std::move(response));
}

bool truthy(const QString &value)
{
    return value == u"true" || value == u"1";
}

// The media types an Accept header lists, each with its parameters ("as", "g", "v").
struct MediaType
{
    QByteArray type;
    QHash<QByteArray, QByteArray> parameters;
};

QList<MediaType> accepted(const HttpRequest &request)
{
    QList<MediaType> result;
    for (const QByteArray &entry : request.header("accept").split(',')) {
        const QList<QByteArray> parts = entry.split(';');
        MediaType media{parts.value(0).trimmed(), {}};
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QList<QByteArray> pair = parts[i].trimmed().split('=');
            media.parameters.insert(pair.value(0).trimmed(), pair.value(1).trimmed());
        }
        result.append(media);
    }
    return result;
}

// "meta.k8s.io/v1" (or v1beta1) when the client asks for server-side printing, else empty.
QString tableVersion(const HttpRequest &request)
{
    for (const MediaType &media : accepted(request)) {
        if (media.parameters.value("as") == "Table" && media.parameters.value("g") == "meta.k8s.io")
            return u"meta.k8s.io/"_s + QString::fromLatin1(media.parameters.value("v", "v1"));
    }
    return {};
}

bool wantsAggregatedDiscovery(const HttpRequest &request)
{
    for (const MediaType &media : accepted(request)) {
        if (media.parameters.value("as") == "APIGroupDiscoveryList" && media.parameters.value("g") == "apidiscovery.k8s.io"
            && media.parameters.value("v") == "v2")
            return true;
        if (media.type == "application/json" && media.parameters.isEmpty())
            return false;   // plain JSON came first: the legacy documents
    }
    return false;
}

QByteArray tableContentType(const QString &tableApiVersion)
{
    return "application/json;as=Table;v=" + tableApiVersion.section(u'/', 1).toLatin1() + ";g=meta.k8s.io";
}

QJsonObject detailsFor(const KubeResourceType &type, const QString &name)
{
    QJsonObject details{{u"kind"_s, type.plural}};
    if (!name.isEmpty())
        details.insert(u"name"_s, name);
    if (!type.group.isEmpty())
        details.insert(u"group"_s, type.group);
    return details;
}

// The object in the apiVersion the client asked for; stored objects carry the storage version.
QByteArray objectBytes(const KubeObjectStore::Stored &stored, const KubeResourceType &type, const QString &version)
{
    if (version == type.storageVersion().name)
        return stored.json;
    QJsonObject object = stored.object;
    object.insert(u"apiVersion"_s, type.apiVersion(version));
    return compact(object);
}

QJsonObject inVersion(QJsonObject object, const KubeResourceType &type, const QString &version)
{
    object.insert(u"apiVersion"_s, type.apiVersion(version));
    return object;
}

QByteArray partialMetadata(const QJsonObject &object)
{
    return "{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":"
        + compact(object.value(u"metadata").toObject()) + '}';
}

// One Table row: cells, then the object as the includeObject parameter asks.
QByteArray tableRow(const KubeTable &table, const QJsonObject &object, const QByteArray &fullObject, const QString &include,
                    const QByteArray &partial = {})
{
    QByteArray row = "{\"cells\":" + table.cellsJson(object);
    if (include == u"Object")
        row += ",\"object\":" + fullObject;
    else if (include != u"None")
        row += ",\"object\":" + (partial.isEmpty() ? partialMetadata(object) : partial);
    return row + '}';
}

// Listing the same objects as Tables again and again (kubectl get, Fluxdeck's views) reuses this.
const QByteArray &cachedPartialMetadata(const KubeObjectStore::Stored &stored)
{
    if (stored.partial.isEmpty())
        stored.partial = partialMetadata(stored.object);
    return stored.partial;
}

QByteArray tableDocument(const QString &tableApiVersion, const QJsonObject &metadata, const QJsonArray &definitions,
                         const QByteArray &rows)
{
    return "{\"kind\":\"Table\",\"apiVersion\":\"" + tableApiVersion.toLatin1() + "\",\"metadata\":" + compact(metadata)
        + ",\"columnDefinitions\":" + compact(definitions) + ",\"rows\":[" + rows + "]}";
}

QString encodeContinue(quint64 resourceVersion, const QString &ns, const QString &name)
{
    const QJsonObject token{{u"v"_s, u"meta.k8s.io/v1"_s}, {u"rv"_s, qint64(resourceVersion)},
                            {u"start"_s, QString(ns + u'/' + name + QChar(0))}};
    return QString::fromLatin1(compact(token).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

struct ContinueToken
{
    quint64 resourceVersion = 0;
    QString ns;
    QString name;
};

std::optional<ContinueToken> decodeContinue(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QJsonObject token = QJsonDocument::fromJson(*decoded).object();
    QString start = token.value(u"start").toString();
    if (token.value(u"v").toString() != u"meta.k8s.io/v1" || !start.endsWith(QChar(0)) || !start.contains(u'/'))
        return std::nullopt;
    start.chop(1);
    return ContinueToken{quint64(token.value(u"rv").toInteger()), start.section(u'/', 0, 0), start.section(u'/', 1)};
}

QString logTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz000000Z"_s);
}

} // namespace

struct KubeApiService::Target
{
    const KubeResourceType *type = nullptr;
    QString version;
    QString namespaceName;
    QString name;
    QString subresource;
};

KubeApiService::KubeApiService(KubeObjectStore &store, TokenResolver tokens, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_tokens(std::move(tokens))
    , m_options(options)
{
}

KubeApiService::~KubeApiService()
{
    // Running streams hold responders: let them go while the store and the server still exist.
    qDeleteAll(findChildren<KubeStream *>(Qt::FindDirectChildrenOnly));
}

KubeApiService::Reply KubeApiService::handle(const HttpRequest &request)
{
    const QString key = request.segments.value(1).toLower();
    const QString token = request.bearerToken();
    const QString tokenCluster = token.isEmpty() ? QString() : m_tokens(token);
    // A token opens its own cluster only; anything else looks the same from outside.
    if (tokenCluster.isEmpty() || kubeClusterKey(tokenCluster) != key) {
        Reply reply = status(401, u"Unauthorized"_s, u"Unauthorized"_s);
        reply.response.body = R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401})";
        return reply;
    }
    if (!m_store.hasCluster(tokenCluster) && m_refresh)
        m_refresh();
    if (!m_store.hasCluster(tokenCluster))
        return status(404, u"NotFound"_s, u"the cluster behind this API server no longer exists"_s);
    Reply reply = route(request, tokenCluster, request.segments.mid(2));
    reply.response.headers.replaceOrAppend("Audit-Id", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    reply.response.headers.replaceOrAppend("Cache-Control", "no-cache, private");
    return reply;
}

KubeApiService::Reply KubeApiService::route(const HttpRequest &request, const QString &cluster, const QStringList &path)
{
    const KubeResourceRegistry &registry = KubeResourceRegistry::instance();
    const bool get = request.method == "GET" || request.method == "HEAD";
    const QString first = path.value(0);
    if (path.isEmpty() && get)
        return answer(HttpResponse::json(200, QJsonObject{{u"paths"_s, QJsonArray{u"/api"_s, u"/api/v1"_s, u"/apis"_s,
                                                                                  u"/healthz"_s, u"/livez"_s, u"/readyz"_s,
                                                                                  u"/version"_s}}}));
    if (path.size() == 1 && get && (first == u"healthz" || first == u"livez" || first == u"readyz"))
        return answer(HttpResponse::text(200, "text/plain; charset=utf-8", "ok"));
    if (path.size() == 1 && get && first == u"version") {
        const KubeClusterFacts *facts = m_store.facts(cluster);
        const QString version = facts ? facts->kubernetesVersion : u"1.32.6"_s;
        const QString arch = facts ? facts->architecture : u"amd64"_s;
        return answer(HttpResponse::json(200, QJsonObject{
            {u"major"_s, version.section(u'.', 0, 0)},
            {u"minor"_s, version.section(u'.', 1, 1)},
            {u"gitVersion"_s, QString(u'v' + version)},
            {u"gitCommit"_s, QString::fromLatin1(QCryptographicHash::hash(version.toUtf8(), QCryptographicHash::Sha1).toHex())},
            {u"gitTreeState"_s, u"clean"_s},
            {u"buildDate"_s, u"2025-06-17T18:36:17Z"_s},
            {u"goVersion"_s, u"go1.23.10"_s},
            {u"compiler"_s, u"gc"_s},
            {u"platform"_s, QString(u"linux/"_s + arch)},
        }));
    }
    if (first == u"openapi")
        return notFound();   // no OpenAPI documents: see the README (kubectl apply needs --validate=false)

    const bool core = first == u"api";
    if (!core && first != u"apis")
        return notFound();
    if (path.size() == 1 && get) {
        if (wantsAggregatedDiscovery(request)) {
            Reply reply = rawJson(200, compact(registry.aggregatedDiscovery(core)),
                                  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
            reply.response.headers.append("Vary", "Accept");
            return reply;
        }
        const QString address = request.baseUrl.host() + u':' + QString::number(request.baseUrl.port());
        return answer(HttpResponse::json(200, core ? registry.apiVersions(address) : registry.apiGroupList()));
    }
    const QString group = core ? QString() : path.value(1);
    const qsizetype versionAt = core ? 1 : 2;
    if (!core && path.size() == 2 && get) {
        const QStringList versions = registry.groupVersions(group);
        if (versions.isEmpty())
            return notFound();
        QJsonArray entries;
        for (const QString &v : versions)
            entries.append(QJsonObject{{u"groupVersion"_s, QString(group + u'/' + v)}, {u"version"_s, v}});
        return answer(HttpResponse::json(200, QJsonObject{{u"kind"_s, u"APIGroup"_s}, {u"apiVersion"_s, u"v1"_s},
                                                          {u"name"_s, group}, {u"versions"_s, entries},
                                                          {u"preferredVersion"_s, entries.first()}}));
    }
    const QString version = path.value(versionAt);
    if (path.size() == versionAt + 1 && get) {
        const auto list = registry.apiResourceList(group, version);
        return list ? answer(HttpResponse::json(200, *list)) : notFound();
    }

    // …/{version}/[namespaces/{ns}/]{plural}[/{name}[/{subresource}]]
    QStringList rest = path.mid(versionAt + 1);
    Target target;
    target.version = version;
    bool inNamespace = false;
    if (rest.size() >= 3 && rest[0] == u"namespaces" && rest[2] != u"status" && rest[2] != u"finalize") {
        inNamespace = true;
        target.namespaceName = rest[1];
        rest = rest.mid(2);
    }
    if (rest.isEmpty() || rest.size() > 3)
        return notFound();
    target.type = registry.find(group, rest[0]);
    if (!target.type || !target.type->version(version) || (inNamespace && !target.type->namespaced))
        return notFound();
    target.name = rest.value(1);
    target.subresource = rest.value(2);
    if (!target.subresource.isEmpty()) {
        const bool known = (target.subresource == u"status" && target.type->hasStatus(version))
            || (target.subresource == u"log" && target.type->logSubresource);
        if (!known)
            return notFound();
    }
    if (target.type->namespaced && !inNamespace && !target.name.isEmpty())
        return notFound();   // a namespaced object is only reachable inside its namespace
    Reply reply = resource(request, cluster, target);
    if (const KubeApiVersion *v = target.type->version(version); v && v->deprecated)
        reply.response.headers.append("Warning", "299 - \"" + v->deprecationWarning.toUtf8() + '"');
    return reply;
}

KubeApiService::Reply KubeApiService::resource(const HttpRequest &request, const QString &cluster, const Target &target)
{
    const QByteArray &method = request.method;
    if (method == "GET" && target.name.isEmpty())
        return truthy(request.queryValue(u"watch"_s)) ? watch(request, cluster, target) : list(request, cluster, target);
    if (method == "GET" && target.subresource == u"log")
        return logs(request, cluster, target);
    if (method == "GET") {
        const KubeObjectStore::Stored *stored = m_store.find(cluster, *target.type, target.namespaceName, target.name);
        if (!stored)
            return status(404, u"NotFound"_s, u"%1 \"%2\" not found"_s.arg(target.type->qualifiedName(), target.name),
                          detailsFor(*target.type, target.name));
        const QString tableApi = tableVersion(request);
        if (tableApi.isEmpty())
            return rawJson(200, objectBytes(*stored, *target.type, target.version));
        auto table = KubeTable::forType(*target.type, target.version);
        if (!table)
            return status(500, u"InternalError"_s, table.error().message);
        const QJsonObject metadata{{u"resourceVersion"_s, stored->object.value(u"metadata").toObject().value(u"resourceVersion")}};
        const QByteArray row = tableRow(*table, stored->object, objectBytes(*stored, *target.type, target.version),
                                        request.queryValue(u"includeObject"_s));
        return rawJson(200, tableDocument(tableApi, metadata, table->columnDefinitions(), row), tableContentType(tableApi));
    }
    if (target.subresource == u"log")
        return status(405, u"MethodNotAllowed"_s, u"the server does not allow this method on the requested resource"_s);
    if (method == "DELETE" && target.name.isEmpty())
        return deleteCollection(request, cluster, target);
    if (method == "DELETE") {
        const KubeObjectStore::Stored *stored = m_store.find(cluster, *target.type, target.namespaceName, target.name);
        if (stored && !request.body.isEmpty()) {
            // DeleteOptions preconditions: the object must still be the one the client saw.
            const QJsonObject preconditions = QJsonDocument::fromJson(request.body).object().value(u"preconditions").toObject();
            const QJsonObject metadata = stored->object.value(u"metadata").toObject();
            for (const QString &field : {u"uid"_s, u"resourceVersion"_s}) {
                const QString wanted = preconditions.value(field).toString();
                if (!wanted.isEmpty() && wanted != metadata.value(field).toString())
                    return status(409, u"Conflict"_s,
                                  u"Operation cannot be fulfilled on %1 \"%2\": Precondition failed: %3 in precondition: %4, "
                                  "%3 in object meta: %5"_s.arg(target.type->qualifiedName(), target.name,
                                                                field == u"uid" ? u"UID"_s : u"ResourceVersion"_s, wanted,
                                                                metadata.value(field).toString()),
                                  detailsFor(*target.type, target.name));
            }
        }
        const auto removed = m_store.remove(cluster, *target.type, target.namespaceName, target.name);
        if (!removed)
            return status(removed.error(), detailsFor(*target.type, target.name));
        return answer(HttpResponse::json(200, inVersion(*removed, *target.type, target.version)));
    }
    if ((method == "POST" && target.name.isEmpty()) || ((method == "PUT" || method == "PATCH") && !target.name.isEmpty()))
        return write(request, cluster, target);
    return status(405, u"MethodNotAllowed"_s, u"the server does not allow this method on the requested resource"_s);
}

KubeApiService::Reply KubeApiService::list(const HttpRequest &request, const QString &cluster, const Target &target)
{
    const KubeResourceType &type = *target.type;
    const auto labels = LabelSelector::parse(request.queryValue(u"labelSelector"_s));
    if (!labels)
        return status(400, u"BadRequest"_s, labels.error().message);
    const auto fields = FieldSelector::parse(request.queryValue(u"fieldSelector"_s), type);
    if (!fields)
        return status(400, u"BadRequest"_s, fields.error().message);
    const qsizetype limit = std::max<qsizetype>(0, request.queryValue(u"limit"_s).toLongLong());

    const KubeObjectStore::Objects &all = *m_store.objects(cluster, type);
    quint64 listVersion = m_store.resourceVersion(cluster);
    auto it = target.namespaceName.isEmpty() ? all.begin() : all.lower_bound({target.namespaceName, QString()});
    if (const QString text = request.queryValue(u"continue"_s); !text.isEmpty()) {
        const auto token = decodeContinue(text);
        if (!token)
            return status(400, u"BadRequest"_s, u"continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"_s);
        if (token->resourceVersion < m_store.oldestAvailable(cluster))
            return status(410, u"Expired"_s,
                          u"The provided continue parameter is too old to display a consistent list result. You can start a "
                          "new list without the continue parameter."_s);
        listVersion = token->resourceVersion;
        it = all.upper_bound({token->ns, token->name});
    }

    const QString tableApi = tableVersion(request);
    std::optional<KubeTable> table;
    if (!tableApi.isEmpty()) {
        auto made = KubeTable::forType(type, target.version);
        if (!made)
            return status(500, u"InternalError"_s, made.error().message);
        table = std::move(*made);
    }
    const QString include = request.queryValue(u"includeObject"_s);

    // One pass over the sorted range; every item is serialized once into the body.
    QByteArray items;
    qsizetype count = 0;
    const KubeObjectStore::ObjectKey *last = nullptr;
    bool more = false;
    for (; it != all.end(); ++it) {
        if (!target.namespaceName.isEmpty() && it->first.first != target.namespaceName)
            break;
        const QJsonObject &object = it->second.object;
        if (!labels->isEmpty() && !labels->matches(object.value(u"metadata").toObject().value(u"labels").toObject()))
            continue;
        if (!fields->isEmpty() && !fields->matches(object))
            continue;
        if (limit > 0 && count == limit) {
            more = true;
            break;
        }
        if (count++)
            items += ',';
        const QByteArray bytes = (table && include != u"Object") ? QByteArray() : objectBytes(it->second, type, target.version);
        items += table ? tableRow(*table, object, bytes, include, cachedPartialMetadata(it->second)) : bytes;
        last = &it->first;
    }

    QJsonObject metadata{{u"resourceVersion"_s, QString::number(listVersion)}};
    if (more && last)
        metadata.insert(u"continue"_s, encodeContinue(listVersion, last->first, last->second));
    if (table)
        return rawJson(200, tableDocument(tableApi, metadata, table->columnDefinitions(), items), tableContentType(tableApi));
    const QByteArray body = "{\"kind\":\"" + type.listKind().toLatin1() + "\",\"apiVersion\":\""
        + type.apiVersion(target.version).toLatin1() + "\",\"metadata\":" + compact(metadata) + ",\"items\":[" + items + "]}";
    return rawJson(200, body);
}

KubeApiService::Reply KubeApiService::watch(const HttpRequest &request, const QString &cluster, const Target &target)
{
    const KubeResourceType &type = *target.type;
    auto labels = LabelSelector::parse(request.queryValue(u"labelSelector"_s));
    if (!labels)
        return status(400, u"BadRequest"_s, labels.error().message);
    auto fields = FieldSelector::parse(request.queryValue(u"fieldSelector"_s), type);
    if (!fields)
        return status(400, u"BadRequest"_s, fields.error().message);
    const QString since = request.queryValue(u"resourceVersion"_s);
    bool numeric = true;
    const quint64 sinceVersion = since.isEmpty() ? 0 : since.toULongLong(&numeric);
    if (!numeric)
        return status(400, u"BadRequest"_s, u"resourceVersion: Invalid value: \"%1\": must be a valid resource version"_s.arg(since));
    const QString tableApi = tableVersion(request);
    std::optional<KubeTable> table;
    if (!tableApi.isEmpty()) {
        auto made = KubeTable::forType(type, target.version);
        if (!made)
            return status(500, u"InternalError"_s, made.error().message);
        table = std::move(*made);
    }
    const bool bookmarks = truthy(request.queryValue(u"allowWatchBookmarks"_s));
    const bool initialEvents = truthy(request.queryValue(u"sendInitialEvents"_s));
    const qint64 timeoutSeconds = request.queryValue(u"timeoutSeconds"_s).toLongLong();

    auto *stream = new KubeStream(this);
    ++m_streams;
    connect(stream, &KubeStream::ended, this, [this] { --m_streams; });

    // What one watcher needs to filter and encode events, shared by the callbacks below.
    struct State
    {
        const KubeResourceType *type;
        QString version;
        QString namespaceName;
        LabelSelector labels;
        FieldSelector fields;
        std::optional<KubeTable> table;
        QString tableApi;
        QString include;
        bool first = true;
    };
    auto state = std::make_shared<State>(State{&type, target.version, target.namespaceName, std::move(*labels),
                                               std::move(*fields), std::move(table), tableApi,
                                               request.queryValue(u"includeObject"_s)});
    const auto matches = [state](const QJsonObject &object) {
        if (object.isEmpty())
            return false;
        const QJsonObject metadata = object.value(u"metadata").toObject();
        if (!state->namespaceName.isEmpty() && metadata.value(u"namespace").toString() != state->namespaceName)
            return false;
        return state->labels.matches(metadata.value(u"labels").toObject()) && state->fields.matches(object);
    };
    const auto encode = [state](const char *kind, const QJsonObject &object) -> QByteArray {
        QByteArray payload;
        if (state->table) {
            const QByteArray full = compact(inVersion(object, *state->type, state->version));
            const QJsonObject metadata{{u"resourceVersion"_s, object.value(u"metadata").toObject().value(u"resourceVersion")}};
            // Column definitions go with the first event only; kubectl reuses them for the rest.
            payload = tableDocument(state->tableApi, metadata,
                                    state->first ? state->table->columnDefinitions() : QJsonArray{},
                                    tableRow(*state->table, object, full, state->include));
            state->first = false;
        } else {
            payload = compact(inVersion(object, *state->type, state->version));
        }
        return "{\"type\":\"" + QByteArray(kind) + "\",\"object\":" + payload + "}\n";
    };
    const auto deliver = [stream, matches, encode](const KubeWatchEvent &event) {
        const bool now = matches(event.object);
        const bool before = event.type == KubeWatchEvent::Type::Modified && matches(event.previous);
        const char *kind = nullptr;
        if (event.type == KubeWatchEvent::Type::Added && now)
            kind = "ADDED";
        else if (event.type == KubeWatchEvent::Type::Deleted && now)
            kind = "DELETED";
        else if (event.type == KubeWatchEvent::Type::Modified)
            kind = now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : nullptr;
        if (kind)
            stream->send(encode(kind, event.object));
    };
    const QString apiVersion = type.apiVersion(target.version);
    const auto bookmark = [this, stream, cluster, apiVersion, kind = type.kind](bool initialEnd) {
        QJsonObject metadata{{u"resourceVersion"_s, QString::number(m_store.resourceVersion(cluster))}};
        if (initialEnd)
            metadata.insert(u"annotations"_s, QJsonObject{{u"k8s.io/initial-events-end"_s, u"true"_s}});
        stream->send("{\"type\":\"BOOKMARK\",\"object\":"
                     + compact(QJsonObject{{u"kind"_s, kind}, {u"apiVersion"_s, apiVersion}, {u"metadata"_s, metadata}})
                     + "}\n");
    };

    // The stream itself is JSON whatever its objects are (Tables included), as the API server labels it.
    HttpResponse head;
    head.headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");

    quint64 from = sinceVersion;
    if (since.isEmpty() || since == u"0" || initialEvents) {
        // No starting point (or sendInitialEvents): the current state as ADDED events first.
        const KubeObjectStore::Objects &all = *m_store.objects(cluster, type);
        auto it = target.namespaceName.isEmpty() ? all.begin() : all.lower_bound({target.namespaceName, QString()});
        for (; it != all.end(); ++it) {
            if (!target.namespaceName.isEmpty() && it->first.first != target.namespaceName)
                break;
            if (matches(it->second.object))
                stream->send(encode("ADDED", it->second.object));
        }
        if (initialEvents && bookmarks)
            bookmark(true);
        from = m_store.resourceVersion(cluster);
    } else {
        const auto events = m_store.eventsSince(cluster, from);
        if (!events) {
            // Kubernetes' answer to a watch from a compacted resourceVersion: one ERROR event, then the end.
            const QJsonObject gone = kubeStatus(410, u"Expired"_s, u"too old resource version: %1 (%2)"_s.arg(from).arg(
                                                                    m_store.oldestAvailable(cluster) + 1));
            stream->send("{\"type\":\"ERROR\",\"object\":" + compact(gone) + "}\n");
            stream->finish();
            return Reply{head, stream};
        }
        for (const KubeWatchEvent &event : *events) {
            if (event.resource == &type)
                deliver(event);
        }
    }

    connect(&m_store, &KubeObjectStore::objectChanged, stream,
            [stream, cluster, typePtr = &type, deliver](const QString &changed, const KubeWatchEvent &event) {
                if (!stream->isFinished() && changed == cluster && event.resource == typePtr)
                    deliver(event);
            });
    if (bookmarks)
        stream->setHeartbeat(m_options.bookmarkInterval, [bookmark] { bookmark(false); });
    const std::chrono::milliseconds timeout = timeoutSeconds > 0 ? std::chrono::seconds(timeoutSeconds)
                                                                 : std::chrono::duration_cast<std::chrono::milliseconds>(
                                                                       m_options.watchTimeout);
    stream->setDeadline(timeout, bookmarks ? std::function<void()>([bookmark] { bookmark(false); }) : std::function<void()>());
    return Reply{head, stream};
}

KubeApiService::Reply KubeApiService::logs(const HttpRequest &request, const QString &cluster, const Target &target)
{
    const KubeObjectStore::Stored *pod = m_store.find(cluster, *target.type, target.namespaceName, target.name);
    if (!pod)
        return status(404, u"NotFound"_s, u"pods \"%1\" not found"_s.arg(target.name), detailsFor(*target.type, target.name));
    QStringList containers;
    for (const QJsonValue &c : pod->object.value(u"spec").toObject().value(u"containers").toArray())
        containers.append(c.toObject().value(u"name").toString());
    QString container = request.queryValue(u"container"_s);
    if (container.isEmpty()) {
        if (containers.size() != 1)
            return status(400, u"BadRequest"_s, u"a container name must be specified for pod %1, choose one of: [%2]"_s
                                                     .arg(target.name, containers.join(u' ')));
        container = containers.first();
    }
    if (!containers.contains(container))
        return status(400, u"BadRequest"_s, u"container %1 is not valid for pod %2"_s.arg(container, target.name));
    if (truthy(request.queryValue(u"previous"_s)))
        return status(400, u"BadRequest"_s, u"previous terminated container \"%1\" in pod \"%2\" not found"_s
                                                 .arg(container, target.name));

    const bool timestamps = truthy(request.queryValue(u"timestamps"_s));
    QDateTime after;
    if (const qint64 seconds = request.queryValue(u"sinceSeconds"_s).toLongLong(); seconds > 0)
        after = QDateTime::currentDateTimeUtc().addSecs(-seconds);
    if (const QString sinceTime = request.queryValue(u"sinceTime"_s); !sinceTime.isEmpty())
        after = QDateTime::fromString(sinceTime, Qt::ISODateWithMs);
    const QString tail = request.queryValue(u"tailLines"_s);
    const qint64 tailLines = tail.isEmpty() ? -1 : tail.toLongLong();
    const qint64 limitBytes = request.queryValue(u"limitBytes"_s).toLongLong();
    const auto format = [timestamps](const KubeLogLine &line) -> QByteArray {
        return (timestamps ? logTimestamp(line.time) + u' ' + line.text : line.text).toUtf8() + '\n';
    };

    QList<const KubeLogLine *> selected;
    if (const std::deque<KubeLogLine> *lines = m_store.logs(cluster, target.namespaceName, target.name, container)) {
        for (const KubeLogLine &line : *lines) {
            if (!after.isValid() || line.time >= after)
                selected.append(&line);
        }
    }
    if (tailLines >= 0 && selected.size() > tailLines)
        selected = selected.mid(selected.size() - tailLines);
    QByteArray body;
    for (const KubeLogLine *line : std::as_const(selected))
        body += format(*line);
    if (limitBytes > 0)
        body.truncate(limitBytes);

    if (!truthy(request.queryValue(u"follow"_s)))
        return answer(HttpResponse::text(200, "text/plain", body));

    auto *stream = new KubeStream(this);
    ++m_streams;
    connect(stream, &KubeStream::ended, this, [this] { --m_streams; });
    stream->send(body);
    const QString ns = target.namespaceName;
    const QString podName = target.name;
    connect(&m_store, &KubeObjectStore::logAppended, stream,
            [stream, cluster, ns, podName, container, format](const QString &c, const QString &n, const QString &p,
                                                               const QString &k, const KubeLogLine &line) {
                if (c == cluster && n == ns && p == podName && k == container)
                    stream->send(format(line));
            });
    // The container ends with its pod: so does the followed log.
    connect(&m_store, &KubeObjectStore::objectChanged, stream,
            [stream, cluster, ns, podName, podType = target.type](const QString &c, const KubeWatchEvent &event) {
                const QJsonObject metadata = event.object.value(u"metadata").toObject();
                if (c == cluster && event.type == KubeWatchEvent::Type::Deleted && event.resource == podType
                    && metadata.value(u"namespace").toString() == ns && metadata.value(u"name").toString() == podName)
                    stream->finish();
            });
    HttpResponse head;
    head.headers.append(QHttpHeaders::WellKnownHeader::ContentType, "text/plain");
    return Reply{head, stream};
}

KubeApiService::Reply KubeApiService::write(const HttpRequest &request, const QString &cluster, const Target &target)
{
    const KubeResourceType &type = *target.type;
    const QByteArray contentType = request.header("content-type").split(';').value(0).trimmed().toLower();
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    const QString objectName = target.name.isEmpty()
        ? document.object().value(u"metadata").toObject().value(u"name").toString()
        : target.name;
    const auto respond = [&](const Domain::Result<QJsonObject> &result, int code) {
        if (!result)
            return status(result.error(), detailsFor(type, objectName));
        return answer(HttpResponse::json(code, inVersion(*result, type, target.version)));
    };
    // Typed clients (kubectl create namespace, …) send protobuf; the sandbox speaks JSON only.
    if ((request.method == "POST" || request.method == "PUT") && !contentType.isEmpty() && contentType != "application/json")
        return status(415, u"UnsupportedMediaType"_s, u"the body of the request was in an unknown format - accepted media "
                                                      "types include: application/json"_s);
    if (document.isNull() && !(contentType == "application/json-patch+json" && document.isArray()))
        return status(400, u"BadRequest"_s, u"the body of the request was in an unknown format - accepted media types "
                                            "include: application/json, application/yaml"_s);
    const auto subresource = target.subresource == u"status" ? KubeObjectStore::Subresource::Status
                                                             : KubeObjectStore::Subresource::Main;

    if (request.method == "POST")
        return respond(m_store.create(cluster, type, target.namespaceName, document.object()), 201);

    if (request.method == "PUT") {
        QJsonObject object = document.object();
        const QString bodyName = object.value(u"metadata").toObject().value(u"name").toString();
        if (!bodyName.isEmpty() && bodyName != target.name)
            return status(400, u"BadRequest"_s, u"the name of the object (%1) does not match the name on the URL (%2)"_s
                                                     .arg(bodyName, target.name));
        QJsonObject metadata = object.value(u"metadata").toObject();
        metadata.insert(u"name"_s, target.name);
        object.insert(u"metadata"_s, metadata);
        return respond(m_store.update(cluster, type, target.namespaceName, object, subresource), 200);
    }

    // PATCH: the patched current object goes through an ordinary update.
    const KubeObjectStore::Stored *stored = m_store.find(cluster, type, target.namespaceName, target.name);
    if (!stored) {
        if (contentType == "application/apply-patch+yaml" && document.isObject())
            return respond(m_store.create(cluster, type, target.namespaceName, document.object()), 201);
        return status(404, u"NotFound"_s, u"%1 \"%2\" not found"_s.arg(type.qualifiedName(), target.name),
                      detailsFor(type, target.name));
    }
    QJsonObject patched;
    if (contentType == "application/merge-patch+json" || contentType == "application/strategic-merge-patch+json"
        || contentType == "application/apply-patch+yaml") {
        if (!document.isObject())
            return status(400, u"BadRequest"_s, u"the patch is not a JSON object"_s);
        patched = mergePatch(stored->object, document.object());
    } else if (contentType == "application/json-patch+json") {
        if (!document.isArray())
            return status(400, u"BadRequest"_s, u"the JSON patch is not an array of operations"_s);
        auto result = jsonPatch(stored->object, document.array());
        if (!result)
            return status(422, u"Invalid"_s, result.error().message + u": "_s + result.error().detail);
        patched = *result;
    } else {
        return status(415, u"UnsupportedMediaType"_s, u"the server does not support the patch type %1"_s
                                                           .arg(QString::fromLatin1(contentType)));
    }
    // A patch that names no resourceVersion applies to whatever is current; one that does is a precondition.
    const QString current = stored->object.value(u"metadata").toObject().value(u"resourceVersion").toString();
    const bool precondition = contentType == "application/json-patch+json"
        ? true
        : document.object().value(u"metadata").toObject().contains(u"resourceVersion");
    QJsonObject metadata = patched.value(u"metadata").toObject();
    if (!precondition || metadata.value(u"resourceVersion").toString().isEmpty())
        metadata.insert(u"resourceVersion"_s, current);
    metadata.insert(u"name"_s, target.name);
    patched.insert(u"metadata"_s, metadata);
    return respond(m_store.update(cluster, type, target.namespaceName, patched, subresource), 200);
}

KubeApiService::Reply KubeApiService::deleteCollection(const HttpRequest &request, const QString &cluster,
                                                       const Target &target)
{
    const KubeResourceType &type = *target.type;
    const auto labels = LabelSelector::parse(request.queryValue(u"labelSelector"_s));
    if (!labels)
        return status(400, u"BadRequest"_s, labels.error().message);
    const auto fields = FieldSelector::parse(request.queryValue(u"fieldSelector"_s), type);
    if (!fields)
        return status(400, u"BadRequest"_s, fields.error().message);
    QList<KubeObjectStore::ObjectKey> doomed;
    for (const auto &[key, stored] : *m_store.objects(cluster, type)) {
        if (!target.namespaceName.isEmpty() && key.first != target.namespaceName)
            continue;
        if (labels->matches(stored.object.value(u"metadata").toObject().value(u"labels").toObject())
            && fields->matches(stored.object))
            doomed.append(key);
    }
    QJsonArray items;
    for (const auto &[ns, name] : std::as_const(doomed)) {
        if (auto removed = m_store.remove(cluster, type, ns, name))
            items.append(inVersion(*removed, type, target.version));
    }
    return answer(HttpResponse::json(200, QJsonObject{
        {u"kind"_s, type.listKind()},
        {u"apiVersion"_s, type.apiVersion(target.version)},
        {u"metadata"_s, QJsonObject{{u"resourceVersion"_s, QString::number(m_store.resourceVersion(cluster))}}},
        {u"items"_s, items},
    }));
}

} // namespace Fluxdeck::Sandbox
