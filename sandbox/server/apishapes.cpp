#include "apishapes.h"

#include "apiversions.h"

#include <QJsonArray>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

// Which api-versions define a property: exactly `only` when given; otherwise every version dated
// from `since` through `until` (open where empty), except those in `except`.
struct Versions
{
    QStringList only;
    QString since;
    QString until;
    QStringList except;

    bool contains(QStringView version) const
    {
        if (!only.isEmpty())
            return only.contains(version);
        if (except.contains(version))
            return false;
        const QStringView date = version.left(10);
        return (since.isEmpty() || date >= QStringView(since).left(10))
            && (until.isEmpty() || date <= QStringView(until).left(10));
    }
};

Versions since(const QString &version)
{
    Versions versions;
    versions.since = version;
    return versions;
}

Versions only(const QStringList &list)
{
    Versions versions;
    versions.only = list;
    return versions;
}

Versions sinceExcept(const QString &version, const QStringList &except)
{
    Versions versions = since(version);
    versions.except = except;
    return versions;
}

Versions until(const QString &version)
{
    Versions versions;
    versions.until = version;
    return versions;
}

enum class Shape { Value, Object, Map, Array };

// One property of a schema. Values are copied as they are; objects, maps of objects (such as
// kustomizations) and arrays of objects (statuses) are shaped property by property.
struct Field
{
    QString name;                                      // the newest name, which is the stored one
    Versions versions;                                 // default: every version
    Shape shape = Shape::Value;
    QList<Field> fields;                               // an object's properties, or each entry's
    QList<std::pair<Versions, QString>> names;         // the name it had in older versions
    QList<std::pair<QString, Versions>> values;        // an enum's values by version; empty: any
    std::optional<std::pair<Versions, QString>> wrap;  // array of strings sent as [{key: string}]
};

Field value(const QString &name, const Versions &versions = {})
{
    Field field;
    field.name = name;
    field.versions = versions;
    return field;
}

Field nested(Shape shape, const QString &name, const QList<Field> &fields, const Versions &versions = {})
{
    Field field = value(name, versions);
    field.shape = shape;
    field.fields = fields;
    return field;
}

Field object(const QString &name, const QList<Field> &fields, const Versions &versions = {})
{
    return nested(Shape::Object, name, fields, versions);
}

// An object, or an array of objects, whose properties are values every version defines.
Field objectOf(const QString &name, const QStringList &names, const Versions &versions = {})
{
    QList<Field> fields;
    for (const QString &property : names)
        fields.append(value(property));
    return nested(Shape::Object, name, fields, versions);
}

Field arrayOf(const QString &name, const QStringList &names)
{
    Field field = objectOf(name, names);
    field.shape = Shape::Array;
    return field;
}

Field renamed(Field field, const QList<std::pair<Versions, QString>> &names)
{
    field.names = names;
    return field;
}

Field oneOf(Field field, const QList<std::pair<QString, Versions>> &enumValues)
{
    field.values = enumValues;
    return field;
}

// Microsoft.KubernetesConfiguration/fluxConfigurations, from the specs in Azure/azure-rest-api-specs
// under specification/kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/:
//   2021-11-01-preview  preview/2021-11-01-preview/fluxconfiguration.json
//   2022-01-01-preview  preview/2022-01-01-preview/fluxconfiguration.json (the later revision, which
//                       names the sync fields lastSourceUpdated*; an early draft said lastSourceSynced*)
//   2022-03-01          fluxConfigurations/stable/2022-03-01/fluxconfiguration.json
//   2022-07-01          fluxConfigurations/stable/2022-07-01/fluxconfiguration.json
//   2022-11-01          fluxConfigurations/stable/2022-11-01/fluxconfiguration.json
//   2023-05-01          fluxConfigurations/stable/2023-05-01/fluxconfiguration.json
//   2024-04-01-preview  preview/2024-04-01-preview/fluxconfiguration.json
//   2024-06-01-preview  preview/2024-06-01-preview/openapi.json (generated from TypeSpec: no OCI
//                       source, and the names reconciliationWait and httpsCaCert)
//   2024-11-01          fluxConfigurations/stable/2024-11-01/fluxconfiguration.json
//   2025-04-01          fluxConfigurations/stable/2025-04-01/fluxconfiguration.json (also in
//                       ../shared/reference/azure/kubernetesconfiguration/2025-04-01)
// Versions not named on a property define it in all of them. statuses[] (ObjectStatusDefinition,
// HelmReleasePropertiesDefinition) and the bucket definition are the same in every version.
const Field &fluxConfigurationSchema()
{
    static const Field schema = [] {
        const QString early = u"2021-11-01-preview"_s;
        const QString bucketPreview = u"2022-01-01-preview"_s;
        const QString typeSpecPreview = u"2024-06-01-preview"_s;
        // OCIRepository came in 2024-04-01-preview; the 2024-06-01-preview spec does not have it.
        const Versions oci = sinceExcept(u"2024-04-01-preview"_s, {typeSpecPreview});

        const Field gitRepository = object(u"gitRepository"_s, {
            value(u"url"_s), value(u"timeoutInSeconds"_s), value(u"syncIntervalInSeconds"_s),
            objectOf(u"repositoryRef"_s, {u"branch"_s, u"tag"_s, u"semver"_s, u"commit"_s}),
            value(u"sshKnownHosts"_s), value(u"httpsUser"_s),
            renamed(value(u"httpsCACert"_s), {{only({early}), u"httpsCAFile"_s}, {only({typeSpecPreview}), u"httpsCaCert"_s}}),
            value(u"localAuthRef"_s),
            // ProviderType: Azure and Generic in 2024-11-01; GitHub added in 2025-04-01.
            oneOf(value(u"provider"_s, since(u"2024-11-01"_s)),
                  {{u"Azure"_s, {}}, {u"Generic"_s, {}}, {u"GitHub"_s, since(u"2025-04-01"_s)}}),
        });
        const Field bucket = objectOf(u"bucket"_s, {u"url"_s, u"bucketName"_s, u"insecure"_s, u"timeoutInSeconds"_s,
                                                   u"syncIntervalInSeconds"_s, u"accessKey"_s, u"localAuthRef"_s},
                                      since(bucketPreview));
        const Field azureBlob = object(u"azureBlob"_s, {
            value(u"url"_s), value(u"containerName"_s), value(u"timeoutInSeconds"_s), value(u"syncIntervalInSeconds"_s),
            objectOf(u"servicePrincipal"_s, {u"clientId"_s, u"tenantId"_s, u"clientSecret"_s, u"clientCertificate"_s,
                                             u"clientCertificatePassword"_s, u"clientCertificateSendChain"_s}),
            value(u"accountKey"_s), value(u"sasToken"_s), objectOf(u"managedIdentity"_s, {u"clientId"_s}),
            value(u"localAuthRef"_s),
        }, since(u"2022-07-01"_s));
        const Field ociRepository = object(u"ociRepository"_s, {
            value(u"url"_s), value(u"timeoutInSeconds"_s), value(u"syncIntervalInSeconds"_s),
            objectOf(u"repositoryRef"_s, {u"tag"_s, u"semver"_s, u"digest"_s}),
            objectOf(u"layerSelector"_s, {u"mediaType"_s, u"operation"_s}),
            object(u"verify"_s, {value(u"provider"_s), value(u"verificationConfig"_s),
                                 arrayOf(u"matchOidcIdentity"_s, {u"issuer"_s, u"subject"_s})}),
            value(u"insecure"_s), value(u"useWorkloadIdentity"_s), value(u"serviceAccountName"_s),
            objectOf(u"tlsConfig"_s, {u"clientCertificate"_s, u"privateKey"_s, u"caCertificate"_s}),
            value(u"localAuthRef"_s),
        }, oci);

        // dependsOn was a list of {"kustomizationName": …} objects in the first two previews.
        Field dependsOn = value(u"dependsOn"_s);
        dependsOn.wrap = std::pair{only({early, bucketPreview}), u"kustomizationName"_s};
        const Field kustomizations = nested(Shape::Map, u"kustomizations"_s, {
            value(u"name"_s, since(u"2022-03-01"_s)), value(u"path"_s), dependsOn, value(u"timeoutInSeconds"_s),
            value(u"syncIntervalInSeconds"_s), value(u"retryIntervalInSeconds"_s), value(u"prune"_s),
            value(u"validation"_s, only({early})), value(u"force"_s),
            value(u"wait"_s, since(u"2023-05-01"_s)),
            object(u"postBuild"_s, {value(u"substitute"_s), arrayOf(u"substituteFrom"_s, {u"kind"_s, u"name"_s, u"optional"_s})},
                   since(u"2023-05-01"_s)),
        });
        const Field statuses = nested(Shape::Array, u"statuses"_s, {
            value(u"name"_s), value(u"namespace"_s), value(u"kind"_s), value(u"complianceState"_s),
            objectOf(u"appliedBy"_s, {u"name"_s, u"namespace"_s}),
            arrayOf(u"statusConditions"_s, {u"lastTransitionTime"_s, u"message"_s, u"reason"_s, u"status"_s, u"type"_s}),
            object(u"helmReleaseProperties"_s, {value(u"lastRevisionApplied"_s),
                                                objectOf(u"helmChartRef"_s, {u"name"_s, u"namespace"_s}),
                                                value(u"failureCount"_s), value(u"installFailureCount"_s),
                                                value(u"upgradeFailureCount"_s)}),
        });

        const Field properties = object(u"properties"_s, {
            value(u"scope"_s), value(u"namespace"_s),
            oneOf(value(u"sourceKind"_s), {{u"GitRepository"_s, {}}, {u"Bucket"_s, since(bucketPreview)},
                                           {u"AzureBlob"_s, since(u"2022-07-01"_s)}, {u"OCIRepository"_s, oci}}),
            value(u"suspend"_s), gitRepository, bucket, azureBlob, ociRepository, kustomizations,
            value(u"configurationProtectedSettings"_s), statuses, value(u"repositoryPublicKey"_s),
            renamed(value(u"sourceSyncedCommitId"_s), {{only({early}), u"lastSourceSyncedCommitId"_s},
                                                       {only({bucketPreview}), u"lastSourceUpdatedCommitId"_s}}),
            renamed(value(u"sourceUpdatedAt"_s), {{only({early}), u"lastSourceSyncedAt"_s},
                                                  {only({bucketPreview}), u"lastSourceUpdatedAt"_s}}),
            value(u"statusUpdatedAt"_s, since(u"2022-03-01"_s)),
            value(u"waitForReconciliation"_s, since(u"2023-05-01"_s)),
            renamed(value(u"reconciliationWaitDuration"_s, since(u"2023-05-01"_s)),
                    {{only({typeSpecPreview}), u"reconciliationWait"_s}}),
            value(u"complianceState"_s), value(u"provisioningState"_s), value(u"errorMessage"_s),
        });
        return object({}, {value(u"id"_s), value(u"name"_s), value(u"type"_s), value(u"systemData"_s), properties});
    }();
    return schema;
}

// Microsoft.KubernetesConfiguration/extensions, from the same repository:
//   2020-07-01-preview  preview/2020-07-01-preview/extensions.json (ExtensionInstance; see legacyInstance)
//   2021-05-01-preview  preview/2021-05-01-preview/extensions.json
//   2021-09-01          extensions/stable/2021-09-01/extensions.json
//   2021-11-01-preview  preview/2021-11-01-preview/extensions.json
//   2022-01-01-preview  preview/2022-01-01-preview/extensions.json
//   2022-01-15-preview  preview/2022-01-15-preview/extensions.json
//   2022-03-01          extensions/stable/2022-03-01/extensions.json
//   2022-04-02-preview  preview/2022-04-02-preview/extensions.json
//   2022-07-01          extensions/stable/2022-07-01/extensions.json
//   2022-11-01          extensions/stable/2022-11-01/extensions.json
//   2023-05-01          extensions/stable/2023-05-01/extensions.json (checked against the Python SDK's
//                       v2023_05_01 models, generated from it)
//   2024-11-01          extensions/stable/2024-11-01/extensions.json
//   2025-03-01          extensions/stable/2025-03-01/extensions.json (also in ../shared/reference)
// The identity of 2025-03-01 is a ManagedServiceIdentity: type and userAssignedIdentities only.
const Field &extensionSchema()
{
    static const Field schema = [] {
        const QString newest = u"2025-03-01"_s;
        const Field properties = object(u"properties"_s, {
            value(u"extensionType"_s), value(u"autoUpgradeMode"_s, since(newest)), value(u"autoUpgradeMinorVersion"_s),
            value(u"releaseTrain"_s), value(u"version"_s),
            object(u"scope"_s, {objectOf(u"cluster"_s, {u"releaseNamespace"_s}),
                                objectOf(u"namespace"_s, {u"targetNamespace"_s})}),
            value(u"configurationSettings"_s), value(u"configurationProtectedSettings"_s),
            // installedVersion in 2022-03-01, 2022-04-02-preview and 2022-07-01, currentVersion since.
            renamed(value(u"currentVersion"_s, since(u"2022-03-01"_s)),
                    {{only({u"2022-03-01"_s, u"2022-04-02-preview"_s, u"2022-07-01"_s}), u"installedVersion"_s}}),
            value(u"provisioningState"_s, since(u"2021-05-01-preview"_s)),
            arrayOf(u"statuses"_s, {u"code"_s, u"displayStatus"_s, u"level"_s, u"message"_s, u"time"_s}),
            value(u"errorInfo"_s),
            value(u"customLocationSettings"_s, since(u"2021-05-01-preview"_s)),
            value(u"packageUri"_s, since(u"2021-05-01-preview"_s)),
            objectOf(u"aksAssignedIdentity"_s, {u"principalId"_s, u"tenantId"_s, u"type"_s}, since(u"2021-09-01"_s)),
            value(u"isSystemExtension"_s, since(u"2022-11-01"_s)),
            value(u"managementDetails"_s, since(newest)), value(u"additionalDetails"_s, since(newest)),
        });
        const Field identity = object(u"identity"_s, {
            value(u"principalId"_s, until(u"2024-11-01"_s)), value(u"tenantId"_s, until(u"2024-11-01"_s)),
            value(u"type"_s), value(u"userAssignedIdentities"_s, since(newest)),
        }, since(u"2021-05-01-preview"_s));
        // plan: 2022-04-02-preview, then every version from 2022-11-01 (not 2022-07-01).
        const Field plan = objectOf(u"plan"_s, {u"name"_s, u"publisher"_s, u"product"_s, u"promotionCode"_s, u"version"_s},
                                    sinceExcept(u"2022-04-02-preview"_s, {u"2022-07-01"_s}));
        return object({}, {value(u"id"_s), value(u"name"_s), value(u"type"_s), value(u"systemData"_s), identity, plan,
                           value(u"managedBy"_s, since(newest)), properties});
    }();
    return schema;
}

// The schema table of a type, when the version is one Azure serves for it (apiversions.cpp).
const Field *schemaFor(QStringView type, QStringView version)
{
    const Field *schema = nullptr;
    if (type.compare(u"Microsoft.KubernetesConfiguration/fluxConfigurations", Qt::CaseInsensitive) == 0)
        schema = &fluxConfigurationSchema();
    else if (type.compare(u"Microsoft.KubernetesConfiguration/extensions", Qt::CaseInsensitive) == 0)
        schema = &extensionSchema();
    const qsizetype slash = type.indexOf(u'/');
    const ResourceType *served = schema ? findResourceType(type.left(slash).toString(), type.mid(slash + 1).toString())
                                        : nullptr;
    return served && served->apiVersions.contains(version) ? schema : nullptr;
}

bool isExtension(QStringView type)
{
    return type.compare(u"Microsoft.KubernetesConfiguration/extensions", Qt::CaseInsensitive) == 0;
}

const Field *propertiesOf(const Field &schema)
{
    for (const Field &field : schema.fields) {
        if (field.name == u"properties")
            return &field;
    }
    return nullptr;
}

QString nameIn(const Field &field, QStringView version)
{
    for (const auto &[versions, name] : field.names) {
        if (versions.contains(version))
            return name;
    }
    return field.name;
}

bool wraps(const Field &field, QStringView version)
{
    return field.wrap && field.wrap->first.contains(version);
}

// An enum value the version does not define is left out, as the version's schema has no word for it.
bool defines(const Field &field, QStringView version, const QJsonValue &stored)
{
    if (field.values.isEmpty() || !stored.isString())
        return true;
    for (const auto &[name, versions] : field.values) {
        if (name == stored.toString())
            return versions.contains(version);
    }
    return false;
}

QJsonObject shapeObject(const QList<Field> &fields, QStringView version, const QJsonObject &stored);

QJsonValue shapeValue(const Field &field, QStringView version, const QJsonValue &stored)
{
    switch (field.shape) {
    case Shape::Object:
        return stored.isObject() ? QJsonValue(shapeObject(field.fields, version, stored.toObject())) : stored;
    case Shape::Map: {
        if (!stored.isObject())
            return stored;
        QJsonObject map = stored.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it.value().isObject())
                it.value() = shapeObject(field.fields, version, it.value().toObject());
        }
        return map;
    }
    case Shape::Array: {
        if (!stored.isArray())
            return stored;
        QJsonArray items;
        for (const QJsonValue &item : stored.toArray())
            items.append(item.isObject() ? QJsonValue(shapeObject(field.fields, version, item.toObject())) : item);
        return items;
    }
    case Shape::Value:
        break;
    }
    if (!wraps(field, version) || !stored.isArray())
        return stored;
    QJsonArray items;
    for (const QJsonValue &item : stored.toArray())
        items.append(item.isString() ? QJsonValue(QJsonObject{{field.wrap->second, item}}) : item);
    return items;
}

QJsonObject shapeObject(const QList<Field> &fields, QStringView version, const QJsonObject &stored)
{
    QJsonObject shaped;
    for (const Field &field : fields) {
        const auto it = stored.constFind(field.name);
        if (it == stored.constEnd() || !field.versions.contains(version) || !defines(field, version, *it))
            continue;
        shaped.insert(nameIn(field, version), shapeValue(field, version, *it));
    }
    return shaped;
}

QJsonObject normalizeObject(const QList<Field> &fields, QStringView version, QJsonObject sent);

QJsonValue normalizeValue(const Field &field, QStringView version, const QJsonValue &sent)
{
    switch (field.shape) {
    case Shape::Object:
        return sent.isObject() ? QJsonValue(normalizeObject(field.fields, version, sent.toObject())) : sent;
    case Shape::Map: {
        if (!sent.isObject())
            return sent;
        QJsonObject map = sent.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it.value().isObject())
                it.value() = normalizeObject(field.fields, version, it.value().toObject());
        }
        return map;
    }
    case Shape::Array: {
        if (!sent.isArray())
            return sent;
        QJsonArray items;
        for (const QJsonValue &item : sent.toArray())
            items.append(item.isObject() ? QJsonValue(normalizeObject(field.fields, version, item.toObject())) : item);
        return items;
    }
    case Shape::Value:
        break;
    }
    if (!wraps(field, version) || !sent.isArray())
        return sent;
    QJsonArray items;
    for (const QJsonValue &item : sent.toArray())
        items.append(item.isObject() ? item.toObject().value(field.wrap->second) : item);
    return items;
}

QJsonObject normalizeObject(const QList<Field> &fields, QStringView version, QJsonObject sent)
{
    for (const Field &field : fields) {
        if (!field.versions.contains(version)) {
            sent.remove(field.name);
            continue;
        }
        const QString name = nameIn(field, version);
        if (name != field.name) {
            const QJsonValue value = sent.take(name);
            sent.remove(field.name);   // the newest name means nothing to this version
            if (!value.isUndefined())
                sent.insert(field.name, value);
        }
        const auto it = sent.find(field.name);
        if (it != sent.end())
            it.value() = normalizeValue(field, version, it.value());
    }
    return sent;
}

QJsonObject keepUnknown(const QList<Field> &fields, QStringView version, const QJsonObject &stored, QJsonObject incoming)
{
    for (const Field &field : fields) {
        const auto kept = stored.constFind(field.name);
        if (kept == stored.constEnd())
            continue;
        // Not in this version's schema, or a value it has no word for (the client never saw it):
        // the stored value stays unless the client replaced it.
        if (!field.versions.contains(version)) {
            incoming.insert(field.name, *kept);
            continue;
        }
        if (!defines(field, version, *kept) && !incoming.contains(field.name)) {
            incoming.insert(field.name, *kept);
            continue;
        }
        const QJsonValue sent = incoming.value(field.name);
        if (!sent.isObject() || !kept->isObject())
            continue;
        if (field.shape == Shape::Object) {
            incoming.insert(field.name, keepUnknown(field.fields, version, kept->toObject(), sent.toObject()));
        } else if (field.shape == Shape::Map) {
            QJsonObject map = sent.toObject();
            const QJsonObject keptMap = kept->toObject();
            for (auto it = map.begin(); it != map.end(); ++it) {
                const QJsonValue keptEntry = keptMap.value(it.key());
                if (keptEntry.isObject() && it.value().isObject())
                    it.value() = keepUnknown(field.fields, version, keptEntry.toObject(), it.value().toObject());
            }
            incoming.insert(field.name, map);
        }
    }
    return incoming;
}

// 2020-07-01-preview answered with an ExtensionInstance: the identity inside the properties, an
// installState (Pending, Installed, Failed) instead of provisioningState, and the creation and
// modification times of the resource as properties.
QJsonObject legacyInstance(const QJsonObject &stored, QJsonObject shaped)
{
    const QJsonObject storedProperties = stored.value(u"properties").toObject();
    QJsonObject properties = shaped.value(u"properties").toObject();
    const QString state = storedProperties.value(u"provisioningState").toString();
    properties.insert(u"installState"_s, state == u"Succeeded" ? u"Installed"_s
                                         : state == u"Failed"  ? u"Failed"_s
                                                               : u"Pending"_s);
    const QJsonObject systemData = stored.value(u"systemData").toObject();
    if (systemData.contains(u"createdAt"))
        properties.insert(u"creationTime"_s, systemData.value(u"createdAt"));
    if (systemData.contains(u"lastModifiedAt"))
        properties.insert(u"lastModifiedTime"_s, systemData.value(u"lastModifiedAt"));
    const QJsonObject identity = stored.value(u"identity").toObject();
    if (!identity.isEmpty()) {
        QJsonObject configurationIdentity;
        for (const QString &key : {u"principalId"_s, u"tenantId"_s, u"type"_s}) {
            if (identity.contains(key))
                configurationIdentity.insert(key, identity.value(key));
        }
        properties.insert(u"identity"_s, configurationIdentity);
    }
    shaped.insert(u"properties"_s, properties);
    return shaped;
}

} // namespace

QJsonObject shapeForApiVersion(QStringView type, QStringView apiVersion, QJsonObject resource)
{
    const Field *schema = schemaFor(type, apiVersion);
    if (!schema)
        return resource;
    QJsonObject shaped = shapeObject(schema->fields, apiVersion, resource);
    if (isExtension(type) && apiVersion == u"2020-07-01-preview")
        shaped = legacyInstance(resource, shaped);
    return shaped;
}

QJsonObject propertiesFromApiVersion(QStringView type, QStringView apiVersion, QJsonObject properties)
{
    const Field *schema = schemaFor(type, apiVersion);
    const Field *known = schema ? propertiesOf(*schema) : nullptr;
    if (!known)
        return properties;
    return normalizeObject(known->fields, apiVersion, properties);
}

QJsonObject keepPropertiesUnknownTo(QStringView type, QStringView apiVersion, const QJsonObject &stored,
                                   QJsonObject incoming)
{
    const Field *schema = schemaFor(type, apiVersion);
    const Field *known = schema ? propertiesOf(*schema) : nullptr;
    if (!known)
        return incoming;
    return keepUnknown(known->fields, apiVersion, stored, incoming);
}

} // namespace Fluxdeck::Sandbox
