#include "kuberesourceregistry.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

const QStringList AllVerbs{u"create"_s, u"delete"_s, u"deletecollection"_s, u"get"_s, u"list"_s,
                           u"patch"_s, u"update"_s, u"watch"_s};
const QStringList NamespaceVerbs{u"create"_s, u"delete"_s, u"get"_s, u"list"_s, u"patch"_s, u"update"_s, u"watch"_s};

KubeApiVersion builtinVersion(const QString &name, bool status)
{
    KubeApiVersion v;
    v.name = name;
    v.storage = true;
    v.statusSubresource = status;
    return v;
}

KubeResourceType builtin(const QString &group, const QString &kind, const QString &plural, bool namespaced,
                         QStringList shortNames, bool status, QStringList categories = {})
{
    KubeResourceType t;
    t.group = group;
    t.kind = kind;
    t.plural = plural;
    t.singular = kind.toLower();
    t.namespaced = namespaced;
    t.shortNames = std::move(shortNames);
    t.categories = std::move(categories);
    t.verbs = AllVerbs;
    t.versions = {builtinVersion(u"v1"_s, status)};
    return t;
}

KubePrinterColumn column(const QString &name, const QString &type, const QString &jsonPath, int priority = 0)
{
    return KubePrinterColumn{name, type, jsonPath, priority, {}, {}};
}

const KubePrinterColumn Age = column(u"Age"_s, u"date"_s, u".metadata.creationTimestamp"_s);
const KubePrinterColumn Ready = column(u"Ready"_s, u"string"_s, uR"(.status.conditions[?(@.type=="Ready")].status)"_s);
const KubePrinterColumn Status = column(u"Status"_s, u"string"_s, uR"(.status.conditions[?(@.type=="Ready")].message)"_s);

// A Flux kind: its storage version and, when still served, the deprecated one before it.
KubeResourceType flux(const QString &group, const QString &kind, const QString &plural, QStringList shortNames,
                      const QString &storage, bool storageHasStatus, const QList<KubePrinterColumn> &storageColumns,
                      const QString &deprecated, const QList<KubePrinterColumn> &deprecatedColumns)
{
    KubeResourceType t;
    t.group = group;
    t.kind = kind;
    t.plural = plural;
    t.singular = kind.toLower();
    t.shortNames = std::move(shortNames);
    t.verbs = AllVerbs;
    t.custom = true;
    t.unconditionalUpdate = false;
    KubeApiVersion current;
    current.name = storage;
    current.storage = true;
    current.statusSubresource = storageHasStatus;
    current.printerColumns = storageColumns;
    t.versions.append(current);
    if (!deprecated.isEmpty()) {
        KubeApiVersion old;
        old.name = deprecated;
        old.deprecated = true;
        old.deprecationWarning = u"%1 %2 is deprecated, upgrade to %3"_s.arg(deprecated, kind, storage);
        old.statusSubresource = true;
        old.printerColumns = deprecatedColumns;
        t.versions.append(old);
    }
    return t;
}

struct ParsedVersion
{
    bool kubeLike = false;
    int major = 0;
    int stage = 3;     // 3 GA, 2 beta, 1 alpha
    int minor = 0;
};

ParsedVersion parseVersion(QStringView version)
{
    static const QRegularExpression pattern(u"^v(\\d+)(?:(alpha|beta)(\\d+))?$"_s);
    const auto match = pattern.matchView(version);
    ParsedVersion parsed;
    if (!match.hasMatch())
        return parsed;
    parsed.kubeLike = true;
    parsed.major = match.captured(1).toInt();
    if (match.capturedLength(2) > 0) {
        parsed.stage = match.captured(2) == u"beta" ? 2 : 1;
        parsed.minor = match.captured(3).toInt();
    }
    return parsed;
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QString KubeResourceType::qualifiedName() const
{
    return group.isEmpty() ? plural : plural + u'.' + group;
}

QString KubeResourceType::apiVersion(const QString &version) const
{
    return group.isEmpty() ? version : group + u'/' + version;
}

const KubeApiVersion *KubeResourceType::version(QStringView name) const
{
    for (const KubeApiVersion &v : versions) {
        if (v.served && v.name == name)
            return &v;
    }
    return nullptr;
}

const KubeApiVersion &KubeResourceType::storageVersion() const
{
    for (const KubeApiVersion &v : versions) {
        if (v.storage)
            return v;
    }
    return versions.first();
}

bool KubeResourceType::hasStatus(QStringView name) const
{
    const KubeApiVersion *v = version(name);
    return v && v->statusSubresource;
}

const KubeResourceRegistry &KubeResourceRegistry::instance()
{
    static const KubeResourceRegistry registry;
    return registry;
}

KubeResourceRegistry::KubeResourceRegistry()
{
    const QString apps = u"apps"_s;
    KubeResourceType ns = builtin({}, u"Namespace"_s, u"namespaces"_s, false, {u"ns"_s}, true);
    ns.verbs = NamespaceVerbs;
    m_types = {
        ns,
        builtin({}, u"Node"_s, u"nodes"_s, false, {u"no"_s}, true),
        builtin({}, u"Pod"_s, u"pods"_s, true, {u"po"_s}, true, {u"all"_s}),
        builtin({}, u"Service"_s, u"services"_s, true, {u"svc"_s}, true, {u"all"_s}),
        builtin({}, u"Event"_s, u"events"_s, true, {u"ev"_s}, false),
        builtin({}, u"ConfigMap"_s, u"configmaps"_s, true, {u"cm"_s}, false),
        builtin({}, u"Secret"_s, u"secrets"_s, true, {}, false),
        builtin({}, u"ServiceAccount"_s, u"serviceaccounts"_s, true, {u"sa"_s}, false),
        builtin(apps, u"Deployment"_s, u"deployments"_s, true, {u"deploy"_s}, true, {u"all"_s}),
        builtin(apps, u"StatefulSet"_s, u"statefulsets"_s, true, {u"sts"_s}, true, {u"all"_s}),
        builtin(apps, u"ReplicaSet"_s, u"replicasets"_s, true, {u"rs"_s}, true, {u"all"_s}),
        builtin(u"apiextensions.k8s.io"_s, u"CustomResourceDefinition"_s, u"customresourcedefinitions"_s, false,
                {u"crd"_s, u"crds"_s}, true),
    };
    m_types[2].logSubresource = true;

    const QString source = u"source.toolkit.fluxcd.io"_s;
    const QString v1 = u"v1"_s;
    const QString v1beta2 = u"v1beta2"_s;
    const KubePrinterColumn url = column(u"URL"_s, u"string"_s, u".spec.url"_s);
    const QList<KubePrinterColumn> urlColumns{url, Age, Ready, Status};
    const QList<KubePrinterColumn> bucketColumns{column(u"Endpoint"_s, u"string"_s, u".spec.endpoint"_s), Age, Ready, Status};
    const QList<KubePrinterColumn> chartColumns{
        column(u"Chart"_s, u"string"_s, u".spec.chart"_s), column(u"Version"_s, u"string"_s, u".spec.version"_s),
        column(u"Source Kind"_s, u"string"_s, u".spec.sourceRef.kind"_s),
        column(u"Source Name"_s, u"string"_s, u".spec.sourceRef.name"_s), Age, Ready, Status};
    const QList<KubePrinterColumn> ociColumns{url, Ready, Status, Age};
    const QList<KubePrinterColumn> standard{Age, Ready, Status};

    m_types += {
        flux(source, u"GitRepository"_s, u"gitrepositories"_s, {u"gitrepo"_s}, v1, true, urlColumns, v1beta2, urlColumns),
        flux(source, u"Bucket"_s, u"buckets"_s, {}, v1, true, bucketColumns, v1beta2, bucketColumns),
        flux(source, u"OCIRepository"_s, u"ocirepositories"_s, {u"ocirepo"_s}, v1, true, ociColumns, v1beta2, ociColumns),
        flux(source, u"HelmRepository"_s, u"helmrepositories"_s, {u"helmrepo"_s}, v1, true, urlColumns, v1beta2, urlColumns),
        flux(source, u"HelmChart"_s, u"helmcharts"_s, {u"hc"_s}, v1, true, chartColumns, v1beta2, chartColumns),
        flux(source, u"ExternalArtifact"_s, u"externalartifacts"_s, {}, v1, true,
             {Age, Ready, Status, column(u"Source"_s, u"string"_s, u".spec.sourceRef.name"_s)}, {}, {}),
        flux(u"kustomize.toolkit.fluxcd.io"_s, u"Kustomization"_s, u"kustomizations"_s, {u"ks"_s}, v1, true, standard,
             v1beta2, standard),
        flux(u"helm.toolkit.fluxcd.io"_s, u"HelmRelease"_s, u"helmreleases"_s, {u"hr"_s}, u"v2"_s, true, standard,
             u"v2beta2"_s, standard),
    };

    const QString image = u"image.toolkit.fluxcd.io"_s;
    const QList<KubePrinterColumn> repositoryColumns{
        column(u"Image"_s, u"string"_s, u".spec.image"_s), column(u"Tags"_s, u"string"_s, u".status.lastScanResult.tagCount"_s),
        Ready, Status, column(u"Last scan"_s, u"string"_s, u".status.lastScanResult.scanTime"_s, 1), Age};
    const QList<KubePrinterColumn> policyColumns{
        column(u"Image"_s, u"string"_s, u".status.latestRef.name"_s), column(u"Tag"_s, u"string"_s, u".status.latestRef.tag"_s),
        Ready, Status, Age};
    const QList<KubePrinterColumn> automationColumns{
        Ready, Status, column(u"Last run"_s, u"string"_s, u".status.lastAutomationRunTime"_s, 1), Age};
    m_types += {
        flux(image, u"ImageRepository"_s, u"imagerepositories"_s, {u"imgrepo"_s, u"imagerepo"_s}, v1, true,
             repositoryColumns, v1beta2, repositoryColumns),
        flux(image, u"ImagePolicy"_s, u"imagepolicies"_s, {u"imgpol"_s, u"imagepol"_s}, v1, true, policyColumns, v1beta2,
             policyColumns),
        flux(image, u"ImageUpdateAutomation"_s, u"imageupdateautomations"_s, {u"iua"_s, u"imgupd"_s, u"imgauto"_s}, v1, true,
             automationColumns, v1beta2, automationColumns),
    };

    // notification v1beta3 Alert and Provider have neither a status subresource nor Ready columns.
    const QString notification = u"notification.toolkit.fluxcd.io"_s;
    m_types += {
        flux(notification, u"Alert"_s, u"alerts"_s, {}, u"v1beta3"_s, false, {Age}, v1beta2, standard),
        flux(notification, u"Provider"_s, u"providers"_s, {}, u"v1beta3"_s, false, {Age}, v1beta2, standard),
        flux(notification, u"Receiver"_s, u"receivers"_s, {}, v1, true, standard, v1beta2, standard),
    };

    // Azure's own CRD, which microsoft.flux's fluxconfig-agent reconciles into Flux objects.
    m_types.append(flux(u"clusterconfig.azure.com"_s, u"FluxConfig"_s, u"fluxconfigs"_s, {}, u"v1beta1"_s, true, {}, {}, {}));
}

const KubeResourceType *KubeResourceRegistry::find(QStringView group, QStringView plural) const
{
    for (const KubeResourceType &t : m_types) {
        if (t.group == group && t.plural == plural)
            return &t;
    }
    return nullptr;
}

const KubeResourceType *KubeResourceRegistry::findKind(QStringView group, QStringView kind) const
{
    for (const KubeResourceType &t : m_types) {
        if (t.group == group && t.kind == kind)
            return &t;
    }
    return nullptr;
}

const KubeResourceType *KubeResourceRegistry::forApiVersion(const QString &apiVersion, const QString &kind) const
{
    const qsizetype slash = apiVersion.indexOf(u'/');
    const QString group = slash < 0 ? QString() : apiVersion.left(slash);
    const QString version = slash < 0 ? apiVersion : apiVersion.mid(slash + 1);
    const KubeResourceType *type = findKind(group, kind);
    return type && type->version(version) ? type : nullptr;
}

bool KubeResourceRegistry::versionLess(QStringView a, QStringView b)
{
    const ParsedVersion pa = parseVersion(a);
    const ParsedVersion pb = parseVersion(b);
    if (pa.kubeLike != pb.kubeLike)
        return pa.kubeLike;
    if (!pa.kubeLike)
        return a < b;
    if (pa.stage != pb.stage)
        return pa.stage > pb.stage;
    if (pa.major != pb.major)
        return pa.major > pb.major;
    return pa.minor > pb.minor;
}

QStringList KubeResourceRegistry::groups() const
{
    QStringList result;
    for (const KubeResourceType &t : m_types) {
        if (!t.group.isEmpty() && !result.contains(t.group))
            result.append(t.group);
    }
    return result;
}

QStringList KubeResourceRegistry::groupVersions(const QString &group) const
{
    QStringList versions;
    for (const KubeResourceType &t : m_types) {
        if (t.group != group)
            continue;
        for (const KubeApiVersion &v : t.versions) {
            if (v.served && !versions.contains(v.name))
                versions.append(v.name);
        }
    }
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return versionLess(a, b); });
    return versions;
}

QJsonObject KubeResourceRegistry::apiVersions(const QString &serverAddress) const
{
    return QJsonObject{
        {u"kind"_s, u"APIVersions"_s},
        {u"versions"_s, QJsonArray{u"v1"_s}},
        {u"serverAddressByClientCIDRs"_s,
         QJsonArray{QJsonObject{{u"clientCIDR"_s, u"0.0.0.0/0"_s}, {u"serverAddress"_s, serverAddress}}}},
    };
}

QJsonObject KubeResourceRegistry::apiGroupList() const
{
    QJsonArray list;
    for (const QString &group : groups()) {
        const QStringList versions = groupVersions(group);
        QJsonArray entries;
        for (const QString &v : versions)
            entries.append(QJsonObject{{u"groupVersion"_s, QString(group + u'/' + v)}, {u"version"_s, v}});
        list.append(QJsonObject{
            {u"name"_s, group},
            {u"versions"_s, entries},
            {u"preferredVersion"_s, entries.first()},
        });
    }
    return QJsonObject{{u"kind"_s, u"APIGroupList"_s}, {u"apiVersion"_s, u"v1"_s}, {u"groups"_s, list}};
}

std::optional<QJsonObject> KubeResourceRegistry::apiResourceList(const QString &group, const QString &version) const
{
    QJsonArray resources;
    for (const KubeResourceType &t : m_types) {
        if (t.group != group || !t.version(version))
            continue;
        QJsonObject resource{
            {u"name"_s, t.plural},
            {u"singularName"_s, t.singular},
            {u"namespaced"_s, t.namespaced},
            {u"kind"_s, t.kind},
            {u"verbs"_s, strings(t.verbs)},
        };
        if (!t.shortNames.isEmpty())
            resource.insert(u"shortNames"_s, strings(t.shortNames));
        if (!t.categories.isEmpty())
            resource.insert(u"categories"_s, strings(t.categories));
        resources.append(resource);
        if (t.hasStatus(version))
            resources.append(QJsonObject{{u"name"_s, QString(t.plural + u"/status"_s)}, {u"singularName"_s, u""_s},
                                         {u"namespaced"_s, t.namespaced}, {u"kind"_s, t.kind},
                                         {u"verbs"_s, QJsonArray{u"get"_s, u"patch"_s, u"update"_s}}});
        if (t.logSubresource)
            resources.append(QJsonObject{{u"name"_s, QString(t.plural + u"/log"_s)}, {u"singularName"_s, u""_s},
                                         {u"namespaced"_s, t.namespaced}, {u"kind"_s, t.kind},
                                         {u"verbs"_s, QJsonArray{u"get"_s}}});
    }
    if (resources.isEmpty())
        return std::nullopt;
    return QJsonObject{
        {u"kind"_s, u"APIResourceList"_s},
        {u"apiVersion"_s, u"v1"_s},
        {u"groupVersion"_s, group.isEmpty() ? version : QString(group + u'/' + version)},
        {u"resources"_s, resources},
    };
}

QJsonObject KubeResourceRegistry::aggregatedDiscovery(bool coreGroup) const
{
    const QStringList groupNames = coreGroup ? QStringList{QString()} : groups();
    QJsonArray items;
    for (const QString &group : groupNames) {
        QJsonArray versions;
        for (const QString &version : groupVersions(group)) {
            QJsonArray resources;
            for (const KubeResourceType &t : m_types) {
                if (t.group != group || !t.version(version))
                    continue;
                const QJsonObject responseKind{{u"group"_s, group}, {u"version"_s, version}, {u"kind"_s, t.kind}};
                QJsonObject resource{
                    {u"resource"_s, t.plural},
                    {u"responseKind"_s, responseKind},
                    {u"scope"_s, t.namespaced ? u"Namespaced"_s : u"Cluster"_s},
                    {u"singularResource"_s, t.singular},
                    {u"verbs"_s, strings(t.verbs)},
                };
                if (!t.shortNames.isEmpty())
                    resource.insert(u"shortNames"_s, strings(t.shortNames));
                if (!t.categories.isEmpty())
                    resource.insert(u"categories"_s, strings(t.categories));
                QJsonArray subresources;
                if (t.hasStatus(version))
                    subresources.append(QJsonObject{{u"subresource"_s, u"status"_s}, {u"responseKind"_s, responseKind},
                                                    {u"verbs"_s, QJsonArray{u"get"_s, u"patch"_s, u"update"_s}}});
                if (t.logSubresource)
                    subresources.append(QJsonObject{{u"subresource"_s, u"log"_s},
                                                    {u"responseKind"_s, QJsonObject{{u"group"_s, u""_s}, {u"version"_s, u""_s},
                                                                                    {u"kind"_s, u"string"_s}}},
                                                    {u"verbs"_s, QJsonArray{u"get"_s}}});
                if (!subresources.isEmpty())
                    resource.insert(u"subresources"_s, subresources);
                resources.append(resource);
            }
            versions.append(QJsonObject{{u"version"_s, version}, {u"resources"_s, resources}, {u"freshness"_s, u"Current"_s}});
        }
        QJsonObject metadata{{u"creationTimestamp"_s, QJsonValue::Null}};
        if (!group.isEmpty())
            metadata.insert(u"name"_s, group);
        items.append(QJsonObject{{u"metadata"_s, metadata}, {u"versions"_s, versions}});
    }
    return QJsonObject{
        {u"kind"_s, u"APIGroupDiscoveryList"_s},
        {u"apiVersion"_s, u"apidiscovery.k8s.io/v2"_s},
        {u"metadata"_s, QJsonObject{}},
        {u"items"_s, items},
    };
}

QJsonObject KubeResourceRegistry::customResourceDefinition(const KubeResourceType &type, const QString &creationTimestamp)
{
    QJsonArray versions;
    for (const KubeApiVersion &v : type.versions) {
        QJsonObject version{
            {u"name"_s, v.name},
            {u"served"_s, v.served},
            {u"storage"_s, v.storage},
            // The sandbox validates nothing beyond metadata: any object of the kind is accepted.
            {u"schema"_s, QJsonObject{{u"openAPIV3Schema"_s, QJsonObject{{u"type"_s, u"object"_s},
                                                                          {u"x-kubernetes-preserve-unknown-fields"_s, true}}}}},
        };
        if (v.deprecated) {
            version.insert(u"deprecated"_s, true);
            version.insert(u"deprecationWarning"_s, v.deprecationWarning);
        }
        if (v.statusSubresource)
            version.insert(u"subresources"_s, QJsonObject{{u"status"_s, QJsonObject{}}});
        QJsonArray columns;
        for (const KubePrinterColumn &c : v.printerColumns) {
            QJsonObject col{{u"name"_s, c.name}, {u"type"_s, c.type}, {u"jsonPath"_s, c.jsonPath}};
            if (c.priority)
                col.insert(u"priority"_s, c.priority);
            if (!c.format.isEmpty())
                col.insert(u"format"_s, c.format);
            if (!c.description.isEmpty())
                col.insert(u"description"_s, c.description);
            columns.append(col);
        }
        if (!columns.isEmpty())
            version.insert(u"additionalPrinterColumns"_s, columns);
        versions.append(version);
    }
    QJsonObject names{
        {u"kind"_s, type.kind},
        {u"listKind"_s, type.listKind()},
        {u"plural"_s, type.plural},
        {u"singular"_s, type.singular},
    };
    if (!type.shortNames.isEmpty())
        names.insert(u"shortNames"_s, strings(type.shortNames));
    if (!type.categories.isEmpty())
        names.insert(u"categories"_s, strings(type.categories));
    QJsonArray storedVersions{type.storageVersion().name};
    const auto condition = [&](const QString &kind, const QString &reason, const QString &message) {
        return QJsonObject{{u"type"_s, kind}, {u"status"_s, u"True"_s}, {u"lastTransitionTime"_s, creationTimestamp},
                           {u"reason"_s, reason}, {u"message"_s, message}};
    };
    return QJsonObject{
        {u"apiVersion"_s, u"apiextensions.k8s.io/v1"_s},
        {u"kind"_s, u"CustomResourceDefinition"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, type.qualifiedName()}, {u"creationTimestamp"_s, creationTimestamp}}},
        {u"spec"_s, QJsonObject{
                        {u"group"_s, type.group},
                        {u"names"_s, names},
                        {u"scope"_s, type.namespaced ? u"Namespaced"_s : u"Cluster"_s},
                        {u"versions"_s, versions},
                        {u"conversion"_s, QJsonObject{{u"strategy"_s, u"None"_s}}},
                    }},
        {u"status"_s, QJsonObject{
                          {u"acceptedNames"_s, names},
                          {u"storedVersions"_s, storedVersions},
                          {u"conditions"_s, QJsonArray{
                                                condition(u"NamesAccepted"_s, u"NoConflicts"_s, u"no conflicts found"_s),
                                                condition(u"Established"_s, u"InitialNamesAccepted"_s,
                                                          u"the initial names have been accepted"_s),
                                            }},
                      }},
    };
}

} // namespace Fluxdeck::Sandbox
