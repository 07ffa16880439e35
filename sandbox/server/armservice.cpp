#include "armservice.h"

#include "apishapes.h"
#include "azurerbac.h"
#include "apiversions.h"
#include "extension/extensionsetting.h"
#include "extension/fluxrelease.h"
#include "identityservice.h"
#include "kube/kubeclusterkey.h"
#include "resourcegraph.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

const QString ConfigNamespace = u"Microsoft.KubernetesConfiguration"_s;
const QString ExtensionType = u"Microsoft.KubernetesConfiguration/extensions"_s;
const QString FluxConfigType = u"Microsoft.KubernetesConfiguration/fluxConfigurations"_s;

bool same(const QString &a, QStringView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QString joinPath(const QStringList &segments, qsizetype count)
{
    return u'/' + segments.first(count).join(u'/');
}

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Strips the sandbox's private bookkeeping ("__…" keys) before a resource leaves the store.
QJsonObject render(QJsonObject resource)
{
    for (const QString &key : resource.keys()) {
        if (key.startsWith(u"__"))
            resource.remove(key);
    }
    return resource;
}

// A stored resource as the request's api-version answers it (apishapes.h): every resource that
// leaves Resource Manager goes through here.
QJsonObject present(const HttpRequest &request, const QJsonObject &resource)
{
    return shapeForApiVersion(resource.value(u"type").toString(), request.queryValue(u"api-version"_s), render(resource));
}

// Moves the fluxConfiguration properties the 2025-04-01 schema marks x-ms-secret out of
// properties into secrets ("azureBlob.accountKey" and the like). Returns whether there were any.
bool takeSecretProperties(QJsonObject *properties, QJsonObject *secrets)
{
    static const QList<QStringList> paths{
        {u"azureBlob"_s, u"accountKey"_s},
        {u"azureBlob"_s, u"sasToken"_s},
        {u"azureBlob"_s, u"servicePrincipal"_s, u"clientSecret"_s},
        {u"azureBlob"_s, u"servicePrincipal"_s, u"clientCertificate"_s},
        {u"azureBlob"_s, u"servicePrincipal"_s, u"clientCertificatePassword"_s},
        {u"ociRepository"_s, u"tlsConfig"_s, u"clientCertificate"_s},
        {u"ociRepository"_s, u"tlsConfig"_s, u"privateKey"_s},
        {u"ociRepository"_s, u"tlsConfig"_s, u"caCertificate"_s},
    };
    bool found = false;
    const std::function<bool(QJsonObject &, const QStringList &, qsizetype)> take =
        [&](QJsonObject &object, const QStringList &path, qsizetype at) {
            if (at + 1 == path.size()) {
                if (!object.contains(path[at]))
                    return false;
                secrets->insert(path.join(u'.'), object.take(path[at]));
                return true;
            }
            if (!object.value(path[at]).isObject())
                return false;
            QJsonObject inner = object.value(path[at]).toObject();
            const bool taken = take(inner, path, at + 1);
            if (taken)
                object.insert(path[at], inner);
            return taken;
        };
    for (const QStringList &path : paths)
        found = take(*properties, path, 0) || found;
    return found;
}

// The RBAC action a write request needs: "Microsoft.KubernetesConfiguration/fluxConfigurations/write",
// ".../delete", or "<namespace>/<type>/<name of the action>/action" for a POST.
QString actionOf(const HttpRequest &request)
{
    const QStringList &s = request.segments;
    qsizetype providers = -1;
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (same(s[i], u"providers"))
            providers = i;
    }
    if (providers < 0)
        return u"Microsoft.Resources/subscriptions/resourceGroups/"_s
               + (request.method == "DELETE" ? u"delete"_s : u"write"_s);
    const QStringList rest = s.mid(providers + 2);
    QStringList types;
    for (qsizetype i = 0; i < rest.size(); i += 2)
        types.append(rest[i]);
    QString action = s[providers + 1] % u'/' % types.join(u'/');
    if (request.method == "POST")
        return action + u"/action"_s;
    return action + (request.method == "DELETE" ? u"/delete"_s : u"/write"_s);
}

bool clusterType(const QString &providerNamespace, const QString &type)
{
    return (same(providerNamespace, u"Microsoft.ContainerService") && same(type, u"managedClusters"))
        || (same(providerNamespace, u"Microsoft.Kubernetes") && same(type, u"connectedClusters"))
        || (same(providerNamespace, u"Microsoft.HybridContainerService") && same(type, u"provisionedClusters"));
}

// RFC 1123 subdomain, as Kubernetes object names and the Flux RP require.
bool validKubernetesName(const QString &name, int maxLength)
{
    static const QRegularExpression pattern(u"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$"_s);
    return !name.isEmpty() && name.size() <= maxLength && pattern.match(name).hasMatch();
}

QJsonObject systemData(const QJsonObject &previous, const QString &who, const QString &now)
{
    QJsonObject data = previous;
    if (!data.contains(u"createdAt")) {
        data.insert(u"createdBy"_s, who);
        data.insert(u"createdByType"_s, u"Application"_s);
        data.insert(u"createdAt"_s, now);
    }
    data.insert(u"lastModifiedBy"_s, who);
    data.insert(u"lastModifiedByType"_s, u"Application"_s);
    data.insert(u"lastModifiedAt"_s, now);
    return data;
}

// Recursive merge for PATCH: objects merge, null removes, everything else replaces.
QJsonObject mergePatch(QJsonObject target, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isNull())
            target.remove(it.key());
        else if (it.value().isObject() && target.value(it.key()).isObject())
            target.insert(it.key(), mergePatch(target.value(it.key()).toObject(), it.value().toObject()));
        else
            target.insert(it.key(), it.value());
    }
    return target;
}

} // namespace

ArmService::ArmService(ResourceStore &store, IdentityService &identity, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_identity(identity)
    , m_options(std::move(options))
    , m_resourceGraph(std::make_unique<ResourceGraphService>(store, identity.tenantId()))
{
}

ArmService::~ArmService() = default;

QString ArmService::stamp() const
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

HttpResponse ArmService::handle(const HttpRequest &request)
{
    if (auto denied = authenticate(request))
        return *denied;
    return route(request);
}

std::optional<HttpResponse> ArmService::authenticate(const HttpRequest &request) const
{
    const QString authorityUri = request.baseUrl.toString(QUrl::StripTrailingSlash) + u'/' + m_identity.tenantId();
    const auto challenge = [&](const QString &code, const QString &message) {
        HttpResponse response = HttpResponse::armError(401, code, message);
        response.withHeader("WWW-Authenticate",
                            u"Bearer authorization_uri=\"%1\", error=\"invalid_token\", error_description=\"%2\""_s
                                .arg(authorityUri, message));
        return response;
    };
    const QString token = request.bearerToken();
    if (token.isEmpty())
        return challenge(u"AuthenticationFailed"_s,
                         u"Authentication failed. The 'Authorization' header is missing."_s);
    if (!m_identity.validate(token))
        return challenge(u"InvalidAuthenticationToken"_s,
                         u"The access token is invalid or has expired. Request a new token and try again."_s);
    return std::nullopt;
}

std::optional<HttpResponse> ArmService::checkApiVersion(const HttpRequest &request, const QString &providerNamespace,
                                                        const QString &type) const
{
    const QString version = request.queryValue(u"api-version"_s);
    if (version.isEmpty())
        return HttpResponse::armError(400, u"MissingApiVersionParameter"_s,
                                      u"The api-version query parameter (?api-version=) is required for all requests."_s);
    const ResourceType *known = findResourceType(providerNamespace, type);
    if (!known || known->apiVersions.contains(version))
        return std::nullopt;
    if (same(providerNamespace, u"Microsoft.Resources"))
        return HttpResponse::armError(400, u"InvalidApiVersionParameter"_s,
                                      u"The api-version '%1' is invalid. The supported versions are '%2'."_s
                                          .arg(version, known->apiVersions.join(u",")));
    return HttpResponse::armError(
        400, u"NoRegisteredProviderFound"_s,
        u"No registered resource provider found for location 'eastus' and API version '%1' for type '%2'. "
        "The supported api-versions are '%3'. The supported locations are '%4'."_s
            .arg(version, known->type, known->apiVersions.join(u", "), known->locations.join(u", ").toLower()));
}

HttpResponse ArmService::page(const HttpRequest &request, const QList<QJsonObject> &items) const
{
    bool ok = false;
    qsizetype offset = request.queryValue(u"$skipToken"_s).toLongLong(&ok);
    if (!ok || offset < 0)
        offset = 0;
    const qsizetype end = std::min<qsizetype>(items.size(), offset + m_options.pageSize);
    QJsonArray value;
    for (qsizetype i = offset; i < end; ++i)
        value.append(present(request, items[i]));
    QJsonObject body{{u"value"_s, value}};
    if (end < items.size()) {
        QUrl next = request.baseUrl;
        next.setPath(request.path);
        QUrlQuery query;
        query.addQueryItem(u"api-version"_s, request.queryValue(u"api-version"_s));
        query.addQueryItem(u"%24skipToken"_s, QString::number(end));
        next.setQuery(query);
        body.insert(u"nextLink"_s, next.toString(QUrl::FullyEncoded));
    }
    return HttpResponse::json(200, body);
}

HttpResponse ArmService::route(const HttpRequest &request)
{
    const QStringList &s = request.segments;
    if (s.size() == 3 && same(s[0], u"providers") && same(s[1], u"Microsoft.ResourceGraph") && same(s[2], u"resources")) {
        if (auto bad = checkApiVersion(request, u"Microsoft.ResourceGraph"_s, u"resources"_s))
            return *bad;
        if (request.method != "POST")
            return HttpResponse::armError(405, u"MethodNotAllowed"_s, u"Resource Graph queries are POST requests."_s);
        return m_resourceGraph->query(request);
    }
    if (!s.isEmpty() && same(s[0], u"subscriptions")) {
        if (s.size() <= 2)
            return subscriptions(request, s);
        if (!m_store.subscription(s[1]))
            return HttpResponse::armError(404, u"SubscriptionNotFound"_s,
                                          u"The subscription '%1' could not be found."_s.arg(s[1]));
        if (s.size() >= 5 && same(s[s.size() - 3], u"providers") && same(s[s.size() - 2], u"Microsoft.Authorization")
            && same(s.last(), u"permissions"))
            return permissions(request, s);
        if (request.method != "GET" && request.method != "HEAD") {
            if (auto refused = authorize(request))
                return *refused;
        }
        if (same(s[2], u"resourcegroups"))
            return resourceGroups(request, s);
        if (same(s[2], u"providers"))
            return providers(request, s);
    }
    return HttpResponse::armError(404, u"NotFound"_s,
                                  u"No HTTP resource was found that matches the request URI '%1'."_s.arg(request.path));
}

QJsonObject ArmService::accessAt(const QStringList &scope) const
{
    // The nearest resource at or above the scope that narrows the caller's access; else Owner.
    for (qsizetype n = scope.size(); n >= 2; --n) {
        const auto resource = m_store.get(u"/"_s + scope.mid(0, n).join(u'/'));
        if (resource && resource->contains(u"__access"))
            return resource->value(u"__access").toObject();
    }
    return {{u"actions"_s, QJsonArray{u"*"_s}}, {u"notActions"_s, QJsonArray{}}};
}

std::optional<HttpResponse> ArmService::authorize(const HttpRequest &request) const
{
    const QString action = actionOf(request);
    // Listing a cluster's credentials is a POST that reading roles include where Azure says so.
    if (Domain::rbacAllows(QJsonArray{accessAt(request.segments)}, action))
        return std::nullopt;
    return HttpResponse::armError(
        403, u"AuthorizationFailed"_s,
        u"The client '%1' with object id '%2' does not have authorization to perform action '%3' over scope '%4' "
        "or the scope is invalid. If access was recently granted, please refresh your credentials."_s
            .arg(m_identity.clientId(), m_identity.clientId(), action, request.path));
}

HttpResponse ArmService::permissions(const HttpRequest &request, const QStringList &s)
{
    if (auto bad = checkApiVersion(request, u"Microsoft.Authorization"_s, u"permissions"_s))
        return *bad;
    if (request.method != "GET")
        return HttpResponse::armError(405, u"MethodNotAllowed"_s, u"The requested method is not allowed."_s);
    const QStringList scope = s.mid(0, s.size() - 3);
    if (scope.size() > 2 && !m_store.get(u"/"_s + scope.join(u'/')))
        return HttpResponse::armError(404, u"ResourceNotFound"_s,
                                      u"The Resource '%1' was not found."_s.arg(u"/"_s + scope.join(u'/')));
    QJsonObject permission = accessAt(scope);
    permission.insert(u"dataActions"_s, QJsonArray{});
    permission.insert(u"notDataActions"_s, QJsonArray{});
    return HttpResponse::json(200, QJsonObject{{u"value"_s, QJsonArray{permission}}});
}

std::optional<HttpResponse> ArmService::locationRefusal(const QJsonObject &cluster, const QString &type) const
{
    // Extension resources live where their cluster does; the GitOps service is not in every region.
    const ResourceType *resourceType = findResourceType(ConfigNamespace, type);
    const QString location = cluster.value(u"location").toString();
    QStringList available;
    for (const QString &region : resourceType ? resourceType->locations : QStringList{})
        available.append(region.toLower().remove(u' '));
    if (available.isEmpty() || available.contains(location.toLower().remove(u' ')))
        return std::nullopt;
    return HttpResponse::armError(
        400, u"LocationNotAvailableForResourceType"_s,
        u"The provided location '%1' is not available for resource type '%2/%3'. List of available regions for the "
        "resource type is '%4'."_s.arg(location, ConfigNamespace, type, available.join(u',')));
}

HttpResponse ArmService::subscriptions(const HttpRequest &request, const QStringList &s)
{
    if (auto bad = checkApiVersion(request, u"Microsoft.Resources"_s, u"subscriptions"_s))
        return *bad;
    if (request.method != "GET")
        return HttpResponse::armError(405, u"MethodNotAllowed"_s, u"The requested method is not allowed."_s);
    const auto toJson = [this](const ResourceStore::Subscription &sub) {
        return QJsonObject{
            {u"id"_s, QString(u"/subscriptions/"_s + sub.id)},
            {u"subscriptionId"_s, sub.id},
            {u"tenantId"_s, m_identity.tenantId()},
            {u"displayName"_s, sub.displayName},
            {u"state"_s, sub.state},
            {u"subscriptionPolicies"_s, QJsonObject{{u"locationPlacementId"_s, u"Public_2014-09-01"_s},
                                                    {u"quotaId"_s, u"PayAsYouGo_2014-09-01"_s},
                                                    {u"spendingLimit"_s, u"Off"_s}}},
            {u"authorizationSource"_s, u"RoleBased"_s},
            {u"managedByTenants"_s, QJsonArray{}},
            {u"tags"_s, QJsonObject{}},
        };
    };
    if (s.size() == 2) {
        const ResourceStore::Subscription *sub = m_store.subscription(s[1]);
        if (!sub)
            return HttpResponse::armError(404, u"SubscriptionNotFound"_s,
                                          u"The subscription '%1' could not be found."_s.arg(s[1]));
        return HttpResponse::json(200, toJson(*sub));
    }
    QList<QJsonObject> items;
    for (const auto &sub : m_store.subscriptions())
        items.append(toJson(sub));
    return page(request, items);
}

HttpResponse ArmService::resourceGroups(const HttpRequest &request, const QStringList &s)
{
    if (s.size() >= 5 && same(s[4], u"providers"))
        return clusters(request, s);
    if (s.size() > 4)
        return HttpResponse::armError(404, u"NotFound"_s, u"No resource matches '%1'."_s.arg(request.path));
    if (auto bad = checkApiVersion(request, u"Microsoft.Resources"_s, u"resourceGroups"_s))
        return *bad;
    const QString scope = joinPath(s, 2);
    if (s.size() == 3) {
        if (request.method != "GET")
            return HttpResponse::armError(405, u"MethodNotAllowed"_s, u"The requested method is not allowed."_s);
        return page(request, m_store.list(scope, u"Microsoft.Resources/resourceGroups"_s, true));
    }
    const QString id = scope + u"/resourceGroups/"_s + s[3];
    const auto group = m_store.get(id);
    if (request.method == "GET" || request.method == "HEAD") {
        if (!group)
            return HttpResponse::armError(404, u"ResourceGroupNotFound"_s,
                                          u"Resource group '%1' could not be found."_s.arg(s[3]));
        return request.method == "HEAD" ? HttpResponse::empty(204) : HttpResponse::json(200, render(*group));
    }
    if (request.method == "PUT") {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        if (body.value(u"location").toString().isEmpty())
            return HttpResponse::armError(400, u"LocationRequired"_s,
                                          u"The location property is required for this definition."_s);
        QJsonObject resource{{u"id"_s, id}, {u"name"_s, s[3]}, {u"type"_s, u"Microsoft.Resources/resourceGroups"_s},
                             {u"location"_s, body.value(u"location")}, {u"tags"_s, body.value(u"tags").toObject()},
                             {u"properties"_s, QJsonObject{{u"provisioningState"_s, u"Succeeded"_s}}}};
        m_store.put(resource);
        Q_EMIT changed();
        return HttpResponse::json(group ? 200 : 201, resource);
    }
    return HttpResponse::armError(405, u"MethodNotAllowed"_s, u"The requested method is not allowed."_s);
}

HttpResponse ArmService::providers(const HttpRequest &request, const QStringList &s)
{
    const QString subscription = s[1];
    // /subscriptions/{id}/providers/{namespace}/{clusterType}: clusters across the subscription.
    if (s.size() == 5 && !same(s[4], u"register") && !same(s[4], u"unregister"))
        return clusters(request, s);
    if (auto bad = checkApiVersion(request, u"Microsoft.Resources"_s, u"providers"_s))
        return *bad;

    QStringList namespaces;
    for (const ResourceType &type : resourceTypes()) {
        if (!namespaces.contains(type.providerNamespace))
            namespaces.append(type.providerNamespace);
    }
    const auto toJson = [&](const QString &ns) {
        QJsonArray types;
        for (const ResourceType &type : resourceTypes()) {
            if (type.providerNamespace != ns)
                continue;
            types.append(QJsonObject{{u"resourceType"_s, type.type},
                                     {u"locations"_s, QJsonArray::fromStringList(type.locations)},
                                     {u"apiVersions"_s, QJsonArray::fromStringList(type.apiVersions)}});
        }
        const bool builtIn = ns == u"Microsoft.Resources";
        return QJsonObject{
            {u"id"_s, u"/subscriptions/%1/providers/%2"_s.arg(subscription, ns)},
            {u"namespace"_s, ns},
            {u"registrationState"_s, builtIn ? u"Registered"_s : m_store.providerState(subscription, ns)},
            {u"registrationPolicy"_s, builtIn ? u"RegistrationFree"_s : u"RegistrationRequired"_s},
            {u"resourceTypes"_s, types},
        };
    };
    if (s.size() == 3) {
        QList<QJsonObject> items;
        for (const QString &ns : namespaces)
            items.append(toJson(ns));
        return page(request, items);
    }
    QString ns;
    for (const QString &candidate : namespaces) {
        if (same(candidate, s[3]))
            ns = candidate;
    }
    if (ns.isEmpty())
        return HttpResponse::armError(404, u"InvalidResourceNamespace"_s,
                                      u"The resource namespace '%1' is invalid."_s.arg(s[3]));
    if (s.size() == 4 && request.method == "GET")
        return HttpResponse::json(200, toJson(ns));
    if (s.size() == 5 && request.method == "POST" && ns != u"Microsoft.Resources") {
        const bool registering = same(s[4], u"register");
        const QString current = m_store.providerState(subscription, ns);
        if (registering && current != u"Registered") {
            m_store.setProviderState(subscription, ns, u"Registering"_s);
            QTimer::singleShot(m_options.registrationDuration, this, [this, subscription, ns] {
                if (m_store.providerState(subscription, ns) == u"Registering") {
                    m_store.setProviderState(subscription, ns, u"Registered"_s);
                    Q_EMIT changed();
                }
            });
        } else if (!registering) {
            m_store.setProviderState(subscription, ns, u"NotRegistered"_s);
        }
        Q_EMIT changed();
        return HttpResponse::json(200, toJson(ns));
    }
    return HttpResponse::armError(405, u"MethodNotAllowed"_s, u"The requested method is not allowed."_s);
}

HttpResponse ArmService::clusters(const HttpRequest &request, const QStringList &s)
{
    // By subscription: subscriptions/{sub}/providers/{ns}/{type}
    if (s.size() == 5) {
        if (!clusterType(s[3], s[4]))
            return HttpResponse::armError(404, u"InvalidResourceType"_s,
                                          u"The resource type '%1' could not be found in the namespace '%2'."_s
                                              .arg(s[4], s[3]));
        if (auto bad = checkApiVersion(request, s[3], s[4]))
            return *bad;
        return page(request, m_store.list(joinPath(s, 2), s[3] + u'/' + s[4], false));
    }
    // By resource group and below: subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}[/{name}[/...]]
    if (s.size() < 7 || !clusterType(s[5], s[6]))
        return HttpResponse::armError(404, u"NotFound"_s, u"No resource matches '%1'."_s.arg(request.path));
    const QString groupId = joinPath(s, 4);
    if (!m_store.contains(groupId))
        return HttpResponse::armError(404, u"ResourceGroupNotFound"_s,
                                      u"Resource group '%1' could not be found."_s.arg(s[3]));
    if (s.size() >= 10 && same(s[8], u"providers"))
        return extensionResources(request, s, 8);
    if (auto bad = checkApiVersion(request, s[5], s[6]))
        return *bad;
    if (s.size() == 7)
        return page(request, m_store.list(groupId, s[5] + u'/' + s[6], true));

    const auto cluster = m_store.get(joinPath(s, 8));
    if (!cluster)
        return HttpResponse::armError(404, u"ResourceNotFound"_s,
                                      u"The Resource '%1/%2/%3' under resource group '%4' was not found. For more "
                                      "details please go to https://aka.ms/ARMResourceNotFoundFix"_s
                                          .arg(s[5], s[6], s[7], s[3]));
    if (s.size() == 8 && request.method == "GET")
        return HttpResponse::json(200, present(request, *cluster));
    if (s.size() == 9 && same(s[8], u"listClusterUserCredential") && request.method == "POST")
        return clusterCredential(request, *cluster);
    return HttpResponse::armError(405, u"MethodNotAllowed"_s, u"The requested method is not allowed."_s);
}

QString ArmService::kubeTokenFor(const QString &clusterId)
{
    const QString key = clusterId.toLower();
    const auto it = m_kubeTokenByCluster.constFind(key);
    if (it != m_kubeTokenByCluster.cend())
        return *it;
    const QString token = randomToken();
    m_kubeTokens.insert(token, key);
    m_kubeTokenByCluster.insert(key, token);
    return token;
}

QString ArmService::clusterForKubeToken(const QString &token) const
{
    return m_kubeTokens.value(token);
}

HttpResponse ArmService::clusterCredential(const HttpRequest &request, const QJsonObject &cluster)
{
    const QString id = cluster.value(u"id").toString();
    const QString name = cluster.value(u"name").toString();
    const bool connected = same(cluster.value(u"type").toString(), u"Microsoft.Kubernetes/connectedClusters");
    if (connected) {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QString method = body.value(u"authenticationMethod").toString();
        if (!same(method, u"Token") && !same(method, u"AAD"))
            return HttpResponse::armError(400, u"InvalidRequestContent"_s,
                                          u"The request content was invalid: 'authenticationMethod' must be 'Token' or 'AAD'."_s);
    }
    const QString server = m_options.kubeBaseUrl + u"/k8s/"_s + kubeClusterKey(id);
    const QString user = u"clusterUser_%1_%2"_s.arg(id.section(u'/', 4, 4), name);
    const QString kubeconfig = u"apiVersion: v1\nkind: Config\nclusters:\n- name: %1\n  cluster:\n"
                               "    server: %2\n    certificate-authority-data: %3\n"
                               "contexts:\n- name: %1\n  context:\n    cluster: %1\n    user: %4\n"
                               "current-context: %1\nusers:\n- name: %4\n  user:\n    token: %5\n"_s
                                   .arg(name, server, QString::fromLatin1(m_options.caCertificatePem.toBase64()), user,
                                        kubeTokenFor(id));
    QJsonObject body{{u"kubeconfigs"_s, QJsonArray{QJsonObject{
                                            {u"name"_s, u"clusterUser"_s},
                                            {u"value"_s, QString::fromLatin1(kubeconfig.toUtf8().toBase64())}}}}};
    if (connected)
        body.insert(u"hybridConnectionConfig"_s, QJsonValue::Null);
    return HttpResponse::json(200, body);
}

std::optional<HttpResponse> ArmService::requireRegistered(const QString &subscription, const QString &providerNamespace) const
{
    if (m_store.providerState(subscription, providerNamespace) == u"Registered")
        return std::nullopt;
    return HttpResponse::armError(409, u"MissingSubscriptionRegistration"_s,
                                  u"The subscription is not registered to use namespace '%1'. See "
                                  "https://aka.ms/rps-not-found for how to register subscriptions."_s
                                      .arg(providerNamespace),
                                  QJsonArray{QJsonObject{{u"code"_s, u"MissingSubscriptionRegistration"_s},
                                                         {u"target"_s, providerNamespace},
                                                         {u"message"_s, u"The subscription is not registered to use "
                                                                        "namespace '%1'."_s.arg(providerNamespace)}}});
}

std::optional<HttpResponse> ArmService::conflictIfBusy(const QJsonObject &resource, const QString &typeName) const
{
    const QString state = resource.value(u"properties").toObject().value(u"provisioningState").toString();
    if (state == u"Creating" || state == u"Updating" || state == u"Deleting")
        return HttpResponse::armError(409, u"Conflict"_s,
                                      u"The %1 '%2' is in provisioning state '%3': another operation is in progress. "
                                      "Wait for it to finish, then try again."_s
                                          .arg(typeName, resource.value(u"name").toString(), state));
    return std::nullopt;
}

HttpResponse ArmService::extensionResources(const HttpRequest &request, const QStringList &s, int providersAt)
{
    // s[providersAt] = "providers", then Microsoft.KubernetesConfiguration/{extensions|fluxConfigurations}[/{name}[/operations/{id}]]
    const int ns = providersAt + 1;
    if (s.size() < ns + 2 || !same(s[ns], ConfigNamespace))
        return HttpResponse::armError(404, u"NotFound"_s, u"No resource matches '%1'."_s.arg(request.path));
    const QString kind = s[ns + 1];
    const bool flux = same(kind, u"fluxConfigurations");
    if (!flux && !same(kind, u"extensions"))
        return HttpResponse::armError(404, u"InvalidResourceType"_s,
                                      u"The resource type '%1' could not be found in the namespace '%2'."_s
                                          .arg(kind, ConfigNamespace));
    if (auto bad = checkApiVersion(request, ConfigNamespace, flux ? u"fluxConfigurations"_s : u"extensions"_s))
        return *bad;
    const QString clusterId = joinPath(s, providersAt);
    const auto cluster = m_store.get(clusterId);
    if (!cluster)
        return HttpResponse::armError(404, u"ParentResourceNotFound"_s,
                                      u"Can not perform requested operation on nested resource. Parent resource '%1' "
                                      "not found."_s.arg(s[providersAt - 1]));
    const QString typeName = flux ? u"fluxConfiguration"_s : u"extension"_s;
    const QString type = flux ? FluxConfigType : ExtensionType;
    if (s.size() == ns + 2) {
        if (request.method != "GET")
            return HttpResponse::armError(405, u"MethodNotAllowed"_s, u"The requested method is not allowed."_s);
        return page(request, m_store.list(clusterId, type, true));
    }
    const QString name = s[ns + 2];
    const QString id = clusterId + u"/providers/"_s + ConfigNamespace + u'/' + (flux ? u"fluxConfigurations"_s : u"extensions"_s)
        + u'/' + name;
    if (s.size() == ns + 5 && same(s[ns + 3], u"operations") && request.method == "GET")
        return operationStatus(request, id + u"/operations/"_s + s[ns + 4]);
    if (s.size() != ns + 3)
        return HttpResponse::armError(404, u"NotFound"_s, u"No resource matches '%1'."_s.arg(request.path));

    if (request.method == "GET") {
        const auto resource = m_store.get(id);
        if (!resource)
            return HttpResponse::armError(404, u"ResourceNotFound"_s,
                                          u"The %1 '%2' was not found on cluster '%3'."_s
                                              .arg(typeName, name, cluster->value(u"name").toString()));
        return HttpResponse::json(200, present(request, *resource));
    }
    if (request.method == "DELETE")
        return deleteResource(request, id, typeName);
    if (request.method == "PUT" || request.method == "PATCH") {
        if (auto unregistered = requireRegistered(s[1], ConfigNamespace))
            return *unregistered;
        if (flux)
            return putFluxConfiguration(request, *cluster, id, name, request.method == "PATCH");
        return putExtension(request, *cluster, id, name);
    }
    return HttpResponse::armError(405, u"MethodNotAllowed"_s, u"The requested method is not allowed."_s);
}

HttpResponse ArmService::startOperation(const HttpRequest &request, const QString &resourceId, int status,
                                        const QJsonObject &body, std::function<void(Operation &)> complete)
{
    Operation operation;
    operation.id = newGuid();
    operation.resourceId = resourceId;
    operation.statusId = resourceId + u"/operations/"_s + operation.id;
    operation.startTime = stamp();
    const QString key = operation.statusId.toLower();
    m_operations.insert(key, operation);
    QTimer::singleShot(m_options.operationDuration, this, [this, key, complete = std::move(complete)] {
        auto it = m_operations.find(key);
        if (it == m_operations.end() || it->status != u"InProgress")
            return;
        it->status = u"Succeeded"_s;
        complete(*it);
        it->endTime = stamp();
        Q_EMIT changed();
    });

    QUrl statusUrl = request.baseUrl;
    statusUrl.setPath(operation.statusId);
    statusUrl.setQuery(u"api-version="_s + request.queryValue(u"api-version"_s));
    const QString url = statusUrl.toString(QUrl::FullyEncoded);
    HttpResponse response = body.isEmpty() ? HttpResponse::empty(status) : HttpResponse::json(status, present(request, body));
    response.withHeader("Azure-AsyncOperation", url);
    response.withHeader("Location", url);
    response.withHeader("Retry-After", "1");
    return response;
}

HttpResponse ArmService::operationStatus(const HttpRequest &, const QString &statusId)
{
    const auto it = m_operations.constFind(statusId.toLower());
    if (it == m_operations.cend())
        return HttpResponse::armError(404, u"OperationNotFound"_s,
                                      u"The operation '%1' was not found."_s.arg(statusId.section(u'/', -1)));
    QJsonObject body{{u"id"_s, it->statusId}, {u"name"_s, it->id}, {u"status"_s, it->status},
                     {u"startTime"_s, it->startTime}, {u"properties"_s, QJsonObject{}}};
    if (!it->endTime.isEmpty())
        body.insert(u"endTime"_s, it->endTime);
    body.insert(u"error"_s, it->error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(it->error));
    HttpResponse response = HttpResponse::json(200, body);
    if (it->status == u"InProgress")
        response.withHeader("Retry-After", "1");
    return response;
}

HttpResponse ArmService::deleteResource(const HttpRequest &request, const QString &id, const QString &typeName)
{
    const auto resource = m_store.get(id);
    if (!resource)
        return HttpResponse::empty(204);
    const bool force = same(request.queryValue(u"forceDelete"_s), u"true");
    const QString type = resource->value(u"type").toString();
    if (force) {
        m_store.remove(id);
        Q_EMIT changed();
        Q_EMIT resourceSettled(id, type, true);
        return HttpResponse::empty(200);
    }
    if (auto busy = conflictIfBusy(*resource, typeName))
        return *busy;
    QJsonObject deleting = *resource;
    QJsonObject properties = deleting.value(u"properties").toObject();
    properties.insert(u"provisioningState"_s, u"Deleting"_s);
    deleting.insert(u"properties"_s, properties);
    m_store.put(deleting);
    Q_EMIT changed();
    return startOperation(request, id, 202, {}, [this, id, type](Operation &) {
        m_store.remove(id);
        Q_EMIT resourceSettled(id, type, true);
    });
}

void ArmService::ensureFluxExtension(const QJsonObject &cluster)
{
    const QString clusterId = cluster.value(u"id").toString();
    for (const QJsonObject &extension : m_store.list(clusterId, ExtensionType, true)) {
        if (same(extension.value(u"properties").toObject().value(u"extensionType").toString(), u"microsoft.flux"))
            return;
    }
    // The first fluxConfiguration on a cluster installs microsoft.flux as "flux", as Azure does.
    const QString id = clusterId + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux"_s;
    const QString version = latestFluxExtensionVersion();
    const QString now = stamp();
    m_store.put(QJsonObject{
        {u"id"_s, id},
        {u"name"_s, u"flux"_s},
        {u"type"_s, ExtensionType},
        {u"systemData"_s, systemData({}, u"fluxconfig-rp"_s, now)},
        {u"identity"_s, QJsonObject{{u"type"_s, u"SystemAssigned"_s}, {u"principalId"_s, newGuid()},
                                   {u"tenantId"_s, m_identity.tenantId()}}},
        {u"properties"_s, QJsonObject{
                              {u"extensionType"_s, u"microsoft.flux"_s},
                              {u"autoUpgradeMinorVersion"_s, true},
                              {u"releaseTrain"_s, u"Stable"_s},
                              {u"version"_s, QJsonValue::Null},
                              {u"currentVersion"_s, version},
                              {u"scope"_s, QJsonObject{{u"cluster"_s, QJsonObject{{u"releaseNamespace"_s, u"flux-system"_s}}}}},
                              {u"configurationSettings"_s, QJsonObject{}},
                              {u"provisioningState"_s, u"Succeeded"_s},
                              {u"statuses"_s, QJsonArray{}},
                              {u"isSystemExtension"_s, false},
                          }},
    });
    Q_EMIT resourceSettled(id, ExtensionType, false);
}

std::optional<HttpResponse> ArmService::readWrite(const HttpRequest &request, const QString &id, const QString &typeName,
                                                 QJsonObject *body, std::optional<QJsonObject> *existing) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return HttpResponse::armError(400, u"InvalidRequestContent"_s,
                                      u"The request content was invalid and could not be deserialized: %1 at offset %2."_s
                                          .arg(parseError.errorString()).arg(parseError.offset));
    *body = document.object();
    *existing = m_store.get(id);
    if (*existing)
        return conflictIfBusy(**existing, typeName);
    return std::nullopt;
}

HttpResponse ArmService::putExtension(const HttpRequest &request, const QJsonObject &cluster, const QString &id,
                                      const QString &name)
{
    if (auto refused = locationRefusal(cluster, u"extensions"_s))
        return *refused;
    QJsonObject body;
    std::optional<QJsonObject> existing;
    if (auto refused = readWrite(request, id, u"extension"_s, &body, &existing))
        return *refused;
    const bool patch = request.method == "PATCH";
    if (patch && !existing)
        return HttpResponse::armError(404, u"ResourceNotFound"_s, u"The extension '%1' was not found."_s.arg(name));

    static const QRegularExpression namePattern(u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"_s);
    if (!patch && (name.size() > 253 || !namePattern.match(name).hasMatch()))
        return HttpResponse::armError(400, u"InvalidExtensionName"_s,
                                      u"The extension name '%1' is invalid: use lower-case letters, digits and '-', "
                                      "starting and ending with a letter or digit."_s.arg(name));

    // Written against the request's api-version: in the stored shape, and a PUT keeps what that
    // version cannot see (apishapes.h).
    const QString apiVersion = request.queryValue(u"api-version"_s);
    QJsonObject incoming = propertiesFromApiVersion(ExtensionType, apiVersion, body.value(u"properties").toObject());
    const QJsonObject protectedSettings = incoming.take(u"configurationProtectedSettings").toObject();
    if (!patch && existing)
        incoming = keepPropertiesUnknownTo(ExtensionType, apiVersion, existing->value(u"properties").toObject(), incoming);
    QJsonObject properties = patch ? mergePatch(existing->value(u"properties").toObject(), incoming) : incoming;
    const QString extensionType = properties.value(u"extensionType").toString();
    if (!same(extensionType, u"microsoft.flux"))
        return HttpResponse::armError(400, u"ExtensionTypeRegistrationGetFailed"_s,
                                      u"Extension type '%1' is not registered in the sandbox: it offers microsoft.flux."_s
                                          .arg(extensionType));
    const QString version = properties.value(u"version").toString();
    const bool autoUpgrade = properties.value(u"autoUpgradeMinorVersion").toBool(true);
    if (!version.isEmpty() && autoUpgrade)
        return HttpResponse::armError(400, u"InvalidParameter"_s,
                                      u"autoUpgradeMinorVersion must be false when a version is specified."_s);
    if (!version.isEmpty() && !fluxExtensionVersions().contains(version))
        return HttpResponse::armError(400, u"ExtensionVersionNotFound"_s,
                                      u"Version '%1' of extension type 'microsoft.flux' is not available. Available "
                                      "versions: %2."_s.arg(version, fluxExtensionVersions().join(u", ")));
    // The settings are checked as Azure checks them, against the version that will run and the
    // cluster it runs on (ARM64 nodes need microsoft.flux 1.7.0 or later).
    const QJsonObject facts = cluster.value(u"__cluster").toObject();
    ClusterShape shape;
    shape.architecture = facts.value(u"architecture").toString(u"amd64"_s);
    shape.aks = same(cluster.value(u"type").toString(), u"Microsoft.ContainerService/managedClusters");
    const QJsonObject storedProtected = existing ? m_store.protectedSettings(id) : QJsonObject{};
    if (auto valid = validateFluxSettings(properties.value(u"configurationSettings").toObject(),
                                          protectedSettings.isEmpty() ? storedProtected : protectedSettings,
                                          version.isEmpty() ? latestFluxExtensionVersion() : version, shape);
        !valid)
        return HttpResponse::armError(400, u"InvalidConfigurationSettings"_s, valid.error().message);

    properties.insert(u"extensionType"_s, u"microsoft.flux"_s);
    properties.insert(u"autoUpgradeMinorVersion"_s, autoUpgrade);
    properties.insert(u"releaseTrain"_s, properties.value(u"releaseTrain").toString(u"Stable"_s));
    if (!properties.contains(u"version"))
        properties.insert(u"version"_s, QJsonValue::Null);
    properties.insert(u"scope"_s, QJsonObject{{u"cluster"_s, QJsonObject{{u"releaseNamespace"_s, u"flux-system"_s}}}});
    if (!properties.value(u"configurationSettings").isObject())
        properties.insert(u"configurationSettings"_s, QJsonObject{});
    properties.insert(u"statuses"_s, QJsonArray{});
    properties.insert(u"isSystemExtension"_s, false);
    const QString targetVersion = version.isEmpty() ? latestFluxExtensionVersion() : version;
    properties.insert(u"currentVersion"_s, existing ? existing->value(u"properties").toObject().value(u"currentVersion")
                                                    : QJsonValue(QJsonValue::Null));
    properties.insert(u"provisioningState"_s, existing ? u"Updating"_s : u"Creating"_s);

    QJsonObject resource{
        {u"id"_s, id},
        {u"name"_s, name},
        {u"type"_s, ExtensionType},
        {u"systemData"_s, systemData(existing ? existing->value(u"systemData").toObject() : QJsonObject{},
                                     m_identity.tenantId(), stamp())},
        {u"identity"_s, existing ? existing->value(u"identity")
                                 : QJsonValue(QJsonObject{{u"type"_s, u"SystemAssigned"_s}, {u"principalId"_s, newGuid()},
                                                          {u"tenantId"_s, m_identity.tenantId()}})},
        {u"properties"_s, properties},
    };
    m_store.put(resource);
    if (!protectedSettings.isEmpty() || !existing)
        m_store.setProtected(id, protectedSettings);
    Q_EMIT changed();
    const int status = patch ? 202 : (existing ? 200 : 201);
    return startOperation(request, id, status, patch ? QJsonObject{} : resource, [this, id, targetVersion](Operation &) {
        auto current = m_store.get(id);
        if (!current)
            return;
        QJsonObject done = *current;
        QJsonObject p = done.value(u"properties").toObject();
        p.insert(u"provisioningState"_s, u"Succeeded"_s);
        p.insert(u"currentVersion"_s, targetVersion);
        done.insert(u"properties"_s, p);
        m_store.put(done);
        Q_EMIT resourceSettled(id, ExtensionType, false);
    });
}

HttpResponse ArmService::putFluxConfiguration(const HttpRequest &request, const QJsonObject &cluster, const QString &id,
                                              const QString &name, bool patch)
{
    if (auto refused = locationRefusal(cluster, u"fluxConfigurations"_s))
        return *refused;
    QJsonObject body;
    std::optional<QJsonObject> existing;
    if (auto refused = readWrite(request, id, u"fluxConfiguration"_s, &body, &existing))
        return *refused;
    if (patch && !existing)
        return HttpResponse::armError(404, u"ResourceNotFound"_s,
                                      u"The fluxConfiguration '%1' was not found."_s.arg(name));
    const auto invalid = [](const QString &message) {
        return HttpResponse::armError(400, u"BadRequest"_s, message);
    };
    if (!validKubernetesName(name, 30))
        return invalid(u"Invalid fluxConfiguration name '%1': use at most 30 lower-case letters, digits, '-' and '.', "
                       "starting and ending with a letter or digit."_s.arg(name));

    // Written against the request's api-version: in the stored shape, and a PUT keeps what that
    // version cannot see, such as an older client's PUT of kustomizations without postBuild.
    const QString apiVersion = request.queryValue(u"api-version"_s);
    QJsonObject incoming = propertiesFromApiVersion(FluxConfigType, apiVersion, body.value(u"properties").toObject());
    const QJsonObject protectedSettings = incoming.take(u"configurationProtectedSettings").toObject();
    if (!patch && existing)
        incoming = keepPropertiesUnknownTo(FluxConfigType, apiVersion, existing->value(u"properties").toObject(), incoming);
    QJsonObject p = patch ? mergePatch(existing->value(u"properties").toObject(), incoming) : incoming;

    // Defaults from the 2025-04-01 schema.
    if (!p.contains(u"scope"))
        p.insert(u"scope"_s, u"cluster"_s);
    if (!p.contains(u"namespace"))
        p.insert(u"namespace"_s, u"default"_s);
    if (!p.contains(u"sourceKind"))
        p.insert(u"sourceKind"_s, u"GitRepository"_s);
    if (!p.contains(u"suspend"))
        p.insert(u"suspend"_s, false);
    const QString scope = p.value(u"scope").toString();
    if (!same(scope, u"cluster") && !same(scope, u"namespace"))
        return invalid(u"Invalid scope '%1': use 'cluster' or 'namespace'."_s.arg(scope));
    if (!validKubernetesName(p.value(u"namespace").toString(), 253))
        return invalid(u"Invalid namespace '%1': use at most 253 lower-case letters, digits, '-' and '.'."_s
                           .arg(p.value(u"namespace").toString()));

    const QString sourceKind = p.value(u"sourceKind").toString();
    if (same(sourceKind, u"GitRepository")) {
        QJsonObject git = p.value(u"gitRepository").toObject();
        const QString url = git.value(u"url").toString();
        static const QRegularExpression gitUrl(u"^(https?://|ssh://|git@)[^\\s]+$"_s);
        if (url.isEmpty())
            return invalid(u"gitRepository.url is required when sourceKind is GitRepository."_s);
        if (!gitUrl.match(url).hasMatch())
            return invalid(u"Invalid gitRepository.url '%1': use an http://, https:// or ssh:// URL."_s.arg(url));
        const QJsonObject ref = git.value(u"repositoryRef").toObject();
        int refs = 0;
        for (const QString &key : {u"branch"_s, u"tag"_s, u"semver"_s, u"commit"_s}) {
            if (!ref.value(key).toString().isEmpty())
                ++refs;
        }
        if (refs == 0)
            return invalid(u"gitRepository.repositoryRef needs one of branch, tag, semver or commit."_s);
        if (!git.value(u"httpsUser").toString().isEmpty() && !protectedSettings.contains(u"httpsKey")
            && !(existing && m_store.protectedSettings(id).contains(u"httpsKey")))
            return invalid(u"gitRepository.httpsUser needs the HTTPS token in configurationProtectedSettings.httpsKey."_s);
        if (url.startsWith(u"http://") && (!git.value(u"httpsUser").toString().isEmpty()))
            return invalid(u"HTTPS credentials are only sent over https:// URLs, not '%1'."_s.arg(url));
        git.insert(u"timeoutInSeconds"_s, git.value(u"timeoutInSeconds").toInt(600));
        git.insert(u"syncIntervalInSeconds"_s, git.value(u"syncIntervalInSeconds").toInt(600));
        QJsonObject fullRef;
        for (const QString &key : {u"branch"_s, u"tag"_s, u"semver"_s, u"commit"_s})
            fullRef.insert(key, ref.value(key).toString().isEmpty() ? QJsonValue(QJsonValue::Null) : ref.value(key));
        git.insert(u"repositoryRef"_s, fullRef);
        p.insert(u"gitRepository"_s, git);
    } else if (same(sourceKind, u"Bucket") || same(sourceKind, u"AzureBlob") || same(sourceKind, u"OCIRepository")) {
        const QString key = same(sourceKind, u"Bucket") ? u"bucket"_s
                          : same(sourceKind, u"AzureBlob") ? u"azureBlob"_s : u"ociRepository"_s;
        const QJsonObject source = p.value(key).toObject();
        if (source.value(u"url").toString().isEmpty())
            return invalid(u"%1.url is required when sourceKind is %2."_s.arg(key, sourceKind));
    } else {
        return invalid(u"Invalid sourceKind '%1': use GitRepository, Bucket, AzureBlob or OCIRepository."_s.arg(sourceKind));
    }

    QJsonObject kustomizations = p.value(u"kustomizations").toObject();
    for (auto it = kustomizations.begin(); it != kustomizations.end(); ++it) {
        if (!validKubernetesName(it.key(), 253) || (name + u'-' + it.key()).size() > 253)
            return invalid(u"Invalid kustomization name '%1'."_s.arg(it.key()));
        QJsonObject k = it.value().toObject();
        for (const QJsonValue dependency : k.value(u"dependsOn").toArray()) {
            const QString other = dependency.toString();
            if (other == it.key())
                return invalid(u"Kustomization '%1' cannot depend on itself."_s.arg(other));
            if (!kustomizations.contains(other))
                return invalid(u"Kustomization '%1' depends on '%2', which is not a kustomization of fluxConfiguration "
                               "'%3'. Known kustomizations: %4."_s
                                   .arg(it.key(), other, name, kustomizations.keys().join(u", ")));
        }
        k.insert(u"name"_s, it.key());
        if (!k.contains(u"path"))
            k.insert(u"path"_s, u""_s);
        if (!k.contains(u"dependsOn"))
            k.insert(u"dependsOn"_s, QJsonArray{});
        k.insert(u"timeoutInSeconds"_s, k.value(u"timeoutInSeconds").toInt(600));
        k.insert(u"syncIntervalInSeconds"_s, k.value(u"syncIntervalInSeconds").toInt(600));
        if (!k.contains(u"retryIntervalInSeconds"))
            k.insert(u"retryIntervalInSeconds"_s, QJsonValue::Null);
        k.insert(u"prune"_s, k.value(u"prune").toBool(false));
        k.insert(u"force"_s, k.value(u"force").toBool(false));
        k.insert(u"wait"_s, k.value(u"wait").toBool(true));
        it.value() = k;
    }
    // dependsOn cycles are rejected too: Flux would wait forever.
    QStringList visiting;
    std::function<bool(const QString &)> cyclic = [&](const QString &node) {
        if (visiting.contains(node))
            return true;
        visiting.append(node);
        for (const QJsonValue dependency : kustomizations.value(node).toObject().value(u"dependsOn").toArray()) {
            if (cyclic(dependency.toString()))
                return true;
        }
        visiting.removeLast();
        return false;
    };
    for (const QString &key : kustomizations.keys()) {
        if (cyclic(key))
            return invalid(u"The kustomizations' dependsOn form a cycle: %1."_s.arg(visiting.join(u" -> ") + u" -> "_s
                                                                                   + visiting.first()));
    }
    p.insert(u"kustomizations"_s, kustomizations);
    if (!p.contains(u"waitForReconciliation"))
        p.insert(u"waitForReconciliation"_s, false);
    p.insert(u"statuses"_s, existing ? existing->value(u"properties").toObject().value(u"statuses") : QJsonArray{});
    p.insert(u"repositoryPublicKey"_s, u""_s);
    for (const QString &key : {u"sourceSyncedCommitId"_s, u"sourceUpdatedAt"_s, u"statusUpdatedAt"_s}) {
        p.insert(key, existing ? existing->value(u"properties").toObject().value(key) : QJsonValue(QJsonValue::Null));
    }
    p.insert(u"complianceState"_s, u"Pending"_s);
    p.insert(u"provisioningState"_s, existing ? u"Updating"_s : u"Creating"_s);
    p.insert(u"errorMessage"_s, u""_s);

    QJsonObject resource{
        {u"id"_s, id},
        {u"name"_s, name},
        {u"type"_s, FluxConfigType},
        {u"systemData"_s, systemData(existing ? existing->value(u"systemData").toObject() : QJsonObject{},
                                     m_identity.tenantId(), stamp())},
        {u"properties"_s, p},
    };
    // Properties the schema marks x-ms-secret are write-only, like configurationProtectedSettings:
    // kept in memory beside the resource, never returned or written to disk.
    QJsonObject secrets = protectedSettings.isEmpty() && existing ? m_store.protectedSettings(id) : protectedSettings;
    const bool secretProperties = takeSecretProperties(&p, &secrets);
    resource.insert(u"properties"_s, p);
    ensureFluxExtension(cluster);
    m_store.put(resource);
    if (!protectedSettings.isEmpty() || !existing || secretProperties)
        m_store.setProtected(id, secrets);
    Q_EMIT changed();
    const int status = patch ? 202 : (existing ? 200 : 201);
    return startOperation(request, id, status, patch ? QJsonObject{} : resource, [this, id](Operation &) {
        auto current = m_store.get(id);
        if (!current)
            return;
        QJsonObject done = *current;
        QJsonObject properties = done.value(u"properties").toObject();
        properties.insert(u"provisioningState"_s, u"Succeeded"_s);
        done.insert(u"properties"_s, properties);
        m_store.put(done);
        Q_EMIT resourceSettled(id, FluxConfigType, false);
    });
}

} // namespace Fluxdeck::Sandbox
