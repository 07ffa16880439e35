#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Fluxdeck::Sandbox {

// One additionalPrinterColumn of a CustomResourceDefinition version.
struct KubePrinterColumn
{
    QString name;
    QString type;            // string, integer, number, boolean, date
    QString jsonPath;
    int priority = 0;
    QString format;
    QString description;
};

// One version of a resource as the API server serves it.
struct KubeApiVersion
{
    QString name;                  // "v1", "v1beta2"
    bool served = true;
    bool storage = false;
    bool deprecated = false;
    QString deprecationWarning;    // sent as a "Warning: 299" header when a client uses this version
    bool statusSubresource = false;
    QList<KubePrinterColumn> printerColumns;   // custom resources only
};

// A kind the sandbox's Kubernetes API serves: built-in (core, apps, apiextensions) or defined
// by a CustomResourceDefinition (Flux, Azure's fluxconfigs).
struct KubeResourceType
{
    QString group;                 // "" for the core group
    QString kind;
    QString plural;
    QString singular;
    bool namespaced = true;
    QStringList shortNames;
    QStringList categories;
    QStringList verbs;
    QList<KubeApiVersion> versions;
    bool custom = false;           // served through a CustomResourceDefinition
    bool logSubresource = false;   // pods/log
    // Custom resources refuse an update without metadata.resourceVersion, most built-ins take it.
    bool unconditionalUpdate = true;

    QString listKind() const { return kind + u"List"; }
    QString qualifiedName() const;             // "kustomizations.kustomize.toolkit.fluxcd.io", "pods"
    QString apiVersion(const QString &version) const;   // "kustomize.toolkit.fluxcd.io/v1", "v1"
    const KubeApiVersion *version(QStringView name) const;   // served versions only
    const KubeApiVersion &storageVersion() const;
    bool hasStatus(QStringView version) const;
};

// The table of every kind the sandbox serves, and the discovery documents built from it.
// The Flux kinds follow the CRDs of Flux v2.7.5 (what microsoft.flux 1.23–1.24 installs).
class KubeResourceRegistry final
{
public:
    static const KubeResourceRegistry &instance();

    const QList<KubeResourceType> &types() const { return m_types; }
    const KubeResourceType *find(QStringView group, QStringView plural) const;
    const KubeResourceType *findKind(QStringView group, QStringView kind) const;
    // "apps/v1" + "Deployment" → the type, if that version is served.
    const KubeResourceType *forApiVersion(const QString &apiVersion, const QString &kind) const;

    // Discovery: /api, /apis, /apis/{g}/{v}, and aggregated discovery (apidiscovery.k8s.io/v2).
    QJsonObject apiVersions(const QString &serverAddress) const;
    QJsonObject apiGroupList() const;
    std::optional<QJsonObject> apiResourceList(const QString &group, const QString &version) const;
    QJsonObject aggregatedDiscovery(bool coreGroup) const;

    // The CustomResourceDefinition object for a custom type (a permissive schema per version).
    static QJsonObject customResourceDefinition(const KubeResourceType &type, const QString &creationTimestamp);

    // The group's versions, most preferred first (Kubernetes' version priority: GA > beta > alpha).
    QStringList groupVersions(const QString &group) const;
    static bool versionLess(QStringView a, QStringView b);   // true when a is preferred over b

private:
    KubeResourceRegistry();
    QStringList groups() const;

    QList<KubeResourceType> m_types;
};

} // namespace Fluxdeck::Sandbox
