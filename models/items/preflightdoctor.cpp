#include "preflightdoctor.h"

#include "azurerbac.h"
#include "clusterfacts.h"

#include "armclient.h"
#include "armreply.h"
#include "azcommand.h"
#include "clouds.h"
#include "fluxextensionreleases.h"
#include "operationsmodel.h"
#include "pendingreply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUuid>
#include <QVersionNumber>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using Fluxdeck::Domain::AzCommand;
using Fluxdeck::Net::ArmError;
using Fluxdeck::Net::ArmReply;
using Fluxdeck::Net::ArmResult;

namespace Fluxdeck::Items {

namespace {

using Status = PreflightCheck::Status;

const QString ConfigurationNamespace = u"Microsoft.KubernetesConfiguration"_s;
const QString ExtensionsWrite = u"Microsoft.KubernetesConfiguration/extensions/write"_s;
const QString FluxConfigurationsWrite = u"Microsoft.KubernetesConfiguration/fluxConfigurations/write"_s;
const QString PermissionsApiVersion = u"2022-04-01"_s;

const QStringList &providerNamespaces()
{
    static const QStringList namespaces{u"Microsoft.Kubernetes"_s, u"Microsoft.ContainerService"_s,
                                        ConfigurationNamespace};
    return namespaces;
}

QString providerCheckId(const QString &providerNamespace)
{
    return u"provider."_s + providerNamespace;
}

// What a cluster's resource id says about it.
struct ClusterRef
{
    QString id;
    QString subscription;
    QString resourceGroup;
    QString name;
    bool connected = false;

    QString clusterType() const { return connected ? u"connectedClusters"_s : u"managedClusters"_s; }

    static ClusterRef fromResource(const QJsonObject &cluster)
    {
        const ClusterFacts facts = ClusterFacts::fromResource(cluster);
        return {facts.id, facts.subscriptionId, facts.resourceGroup, facts.name,
                facts.type == ClusterFacts::Type::Connected};
    }
};

// A failed call in the user's words, with Azure's own text as it came.
QString explain(const ArmError &error)
{
    QString message = error.userMessage();
    if (!error.message.isEmpty() && !message.contains(error.message))
        message += u'\n' + PreflightCheck::tr("Azure said: %1").arg(error.message);
    return message;
}

Domain::Error describe(const ArmError &error)
{
    return Domain::Error{explain(error), error.toError().detail};
}

// The nodes' architectures and where Fluxdeck read them.
struct NodeArchitectures
{
    QMap<QString, int> nodes;   // "arm64" → 2
    QString source;

    int count(const QString &architecture) const { return nodes.value(architecture); }
    QString summary() const
    {
        QStringList parts;
        for (auto it = nodes.cbegin(); it != nodes.cend(); ++it)
            parts.append(PreflightCheck::tr("%1 × %2").arg(it.value()).arg(it.key()));
        return parts.join(u", "_s);
    }
};

// What a kubeconfig's current context says about reaching the API server.
struct KubeAccess
{
    QUrl server;
    QByteArray certificateAuthority;   // PEM or DER
    QString token;
    QString exec;                       // a credential plugin Fluxdeck does not run (kubelogin)
};

QString yamlScalar(const YAML::Node &node, const char *key)
{
    if (!node.IsDefined() || !node.IsMap())
        return {};
    const YAML::Node value = node[key];
    if (!value.IsDefined() || !value.IsScalar())
        return {};
    return QString::fromStdString(value.Scalar());
}

// The entry called `name` in a kubeconfig list (clusters, users, contexts); the first when
// `name` is empty.
YAML::Node namedEntry(const YAML::Node &list, const QString &name, const char *field)
{
    if (!list.IsDefined() || !list.IsSequence())
        return YAML::Node(YAML::NodeType::Undefined);
    for (const YAML::Node &entry : list) {
        if (name.isEmpty() || yamlScalar(entry, "name") == name)
            return entry.IsMap() ? entry[field] : YAML::Node(YAML::NodeType::Undefined);
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

Domain::Result<KubeAccess> readKubeconfig(const QByteArray &text)
{
    try {
        const YAML::Node root = YAML::Load(text.toStdString());
        const QString current = yamlScalar(root, "current-context");
        const YAML::Node context = namedEntry(root.IsMap() ? root["contexts"] : YAML::Node(), current, "context");
        const YAML::Node cluster = namedEntry(root.IsMap() ? root["clusters"] : YAML::Node(),
                                              yamlScalar(context, "cluster"), "cluster");
        const YAML::Node user = namedEntry(root.IsMap() ? root["users"] : YAML::Node(), yamlScalar(context, "user"),
                                           "user");
        KubeAccess access;
        access.server = QUrl(yamlScalar(cluster, "server"));
        access.certificateAuthority = QByteArray::fromBase64(yamlScalar(cluster, "certificate-authority-data").toLatin1());
        access.token = yamlScalar(user, "token");
        if (user.IsDefined() && user.IsMap() && user["exec"].IsDefined())
            access.exec = yamlScalar(user["exec"], "command");
        if (!access.server.isValid() || access.server.scheme() != u"https")
            return Domain::failure(PreflightCheck::tr("The cluster's kubeconfig names no HTTPS API server."));
        return access;
    } catch (const YAML::Exception &error) {
        return Domain::failure(PreflightCheck::tr("The cluster's kubeconfig could not be read."),
                               QString::fromStdString(error.what()));
    }
}

// The Kubernetes node list (GET /api/v1/nodes) as architectures.
NodeArchitectures architecturesOfNodes(const QJsonArray &items)
{
    NodeArchitectures result;
    result.source = PreflightCheck::tr("the nodes' kubernetes.io/arch labels");
    for (const QJsonValue &item : items) {
        const QJsonObject node = item.toObject();
        QString architecture = node.value(u"metadata").toObject().value(u"labels").toObject()
                                   .value(u"kubernetes.io/arch").toString();
        if (architecture.isEmpty())
            architecture = node.value(u"status").toObject().value(u"nodeInfo").toObject().value(u"architecture").toString();
        result.nodes[architecture.isEmpty() ? u"unknown"_s : architecture] += 1;
    }
    return result;
}

// An AKS cluster's node pools as architectures, from their VM sizes.
std::optional<NodeArchitectures> architecturesOfAgentPools(const QJsonObject &cluster)
{
    const QJsonArray pools = cluster.value(u"properties").toObject().value(u"agentPoolProfiles").toArray();
    if (pools.isEmpty())
        return std::nullopt;
    NodeArchitectures result;
    result.source = PreflightCheck::tr("the node pools' VM sizes");
    for (const QJsonValue &value : pools) {
        const QJsonObject pool = value.toObject();
        const QString architecture = architectureOfVmSize(pool.value(u"vmSize").toString());
        result.nodes[architecture.isEmpty() ? u"unknown"_s : architecture] += pool.value(u"count").toInt(1);
    }
    return result;
}

QString extensionVersion(const QJsonObject &extension)
{
    const QJsonObject properties = extension.value(u"properties").toObject();
    for (const QString &key : {u"currentVersion"_s, u"installedVersion"_s, u"version"_s}) {
        if (const QString version = properties.value(key).toString(); !version.isEmpty())
            return version;
    }
    return {};
}

} // namespace

struct PreflightDoctor::Private
{
    struct Fix
    {
        QString key;                 // "provider.<namespace>" or "extension"
        QStringList checks;          // the rows it fixes
        OperationsModel::Id operation = 0;
        std::unique_ptr<ArmReply> reply;
        QTimer poll;
        QString providerNamespace;
    };

    Private(PreflightDoctor *doctor, Net::ArmClient *client, OperationsModel *operationsModel, const QJsonObject &resource)
        : q(doctor)
        , arm(client)
        , operations(operationsModel)
        , givenCluster(resource)
        , cluster(resource)
        , ref(ClusterRef::fromResource(resource))
        , model(new PreflightModel(doctor))
    {
    }

    PreflightDoctor *q;
    QPointer<Net::ArmClient> arm;
    QPointer<OperationsModel> operations;
    QJsonObject givenCluster;
    QJsonObject cluster;
    ClusterRef ref;
    QUrl authority;
    PreflightModel *model;
    QPointer<QNetworkAccessManager> network;
    std::unique_ptr<QNetworkAccessManager> ownNetwork;
    QDateTime lastRun;
    bool running = false;
    bool destroying = false;

    // What this run has learnt so far; a check is decided once its inputs are in.
    std::vector<std::unique_ptr<ArmReply>> calls;
    Net::PendingReply nodes;
    bool clusterLoaded = false;
    QMap<QString, Domain::Result<QJsonObject>> providers;
    std::optional<Domain::Result<NodeArchitectures>> architecture;
    std::optional<Domain::Result<std::optional<QJsonObject>>> extension;
    std::optional<Domain::Result<QJsonArray>> permissions;

    std::vector<std::unique_ptr<Fix>> fixes;

    // Checks
    QString titleOf(const QString &id) const;
    QList<PreflightCheck> pendingChecks() const;
    void set(const QString &id, Status status, const QString &explanation, const QString &azCommand = {},
             const QString &fixLabel = {}, bool fixAvailable = false);
    void setRunning(const QStringList &ids);
    void updateRunning();

    void call(std::unique_ptr<ArmReply> reply, std::function<void(const ArmResult &)> done);
    void loadCluster();
    void loadProvider(const QString &providerNamespace);
    void loadExtensions();
    void loadPermissions();
    void loadArchitecture();
    void readNodes(const KubeAccess &access);

    void evaluate();
    void evaluateProvider(const QString &providerNamespace);
    void evaluateIdentity();
    void evaluateRegion();
    void evaluateExtension();
    void evaluateArm64();
    void evaluatePermissions();
    void evaluateEndpoints();

    // Fixes
    bool mayWriteExtensions() const;
    QString extensionFixLabel() const;
    AzCommand extensionCommand(const QString &verb, bool named = true) const;
    Fix *findFix(const QString &key) const;
    Fix &startFix(const QString &key, const QStringList &checks, const QString &title);
    void endFix(const QString &key, bool succeeded, const QString &message);
    void registerProvider(const QString &providerNamespace);
    void pollRegistration(const QString &key);
    void updateExtension(const QString &requestedBy);
};

QString PreflightDoctor::Private::titleOf(const QString &id) const
{
    for (const QString &providerNamespace : providerNamespaces()) {
        if (id == providerCheckId(providerNamespace))
            return PreflightDoctor::tr("Resource provider %1 is registered").arg(providerNamespace);
    }
    if (id == IdentityCheck)
        return PreflightDoctor::tr("The cluster uses a managed identity");
    if (id == RegionCheck)
        return PreflightDoctor::tr("The cluster's region offers GitOps");
    if (id == ExtensionVersionCheck)
        return PreflightDoctor::tr("microsoft.flux is a supported version");
    if (id == Arm64Check)
        return PreflightDoctor::tr("ARM64 nodes have microsoft.flux %1 or later").arg(Domain::fluxExtensionArm64Minimum().toString());
    if (id == PermissionsCheck)
        return PreflightDoctor::tr("You may install extensions and write Flux configurations");
    if (id == EndpointsCheck)
        return PreflightDoctor::tr("The cluster's agents can reach Azure");
    return id;
}

QList<PreflightCheck> PreflightDoctor::Private::pendingChecks() const
{
    QStringList ids;
    for (const QString &providerNamespace : providerNamespaces())
        ids.append(providerCheckId(providerNamespace));
    ids << QString(IdentityCheck) << QString(RegionCheck) << QString(ExtensionVersionCheck) << QString(Arm64Check)
        << QString(PermissionsCheck) << QString(EndpointsCheck);
    QList<PreflightCheck> checks;
    for (const QString &id : ids) {
        PreflightCheck check;
        check.id = id;
        check.title = titleOf(id);
        check.status = Status::Running;
        checks.append(check);
    }
    return checks;
}

void PreflightDoctor::Private::set(const QString &id, Status status, const QString &explanation,
                                  const QString &azCommand, const QString &fixLabel, bool fixAvailable)
{
    PreflightCheck check;
    check.id = id;
    check.title = titleOf(id);
    check.status = status;
    check.explanation = explanation;
    check.azCommand = azCommand;
    check.fixLabel = fixLabel;
    check.fixAvailable = fixAvailable && !fixLabel.isEmpty();
    model->update(check);
}

void PreflightDoctor::Private::setRunning(const QStringList &ids)
{
    for (const QString &id : ids)
        set(id, Status::Running, PreflightDoctor::tr("Checking…"));
    updateRunning();
}

void PreflightDoctor::Private::updateRunning()
{
    const bool now = std::any_of(model->checks().cbegin(), model->checks().cend(),
                                 [](const PreflightCheck &check) { return check.status == Status::Running; });
    if (now == running)
        return;
    running = now;
    Q_EMIT q->runningChanged(running);
    if (!running)
        Q_EMIT q->finished();
}

void PreflightDoctor::Private::call(std::unique_ptr<ArmReply> reply, std::function<void(const ArmResult &)> done)
{
    ArmReply *raw = reply.get();
    calls.push_back(std::move(reply));
    QObject::connect(raw, &ArmReply::finished, q, [this, raw, done = std::move(done)] {
        const auto it = std::find_if(calls.begin(), calls.end(), [raw](const auto &pending) { return pending.get() == raw; });
        if (it == calls.end())
            return;
        std::unique_ptr<ArmReply> owned = std::move(*it);
        calls.erase(it);
        const ArmResult result = owned->result();
        owned.release()->deleteLater();
        done(result);
    });
}

void PreflightDoctor::Private::loadCluster()
{
    call(arm->get(ref.id), [this](const ArmResult &result) {
        // A cluster that cannot be read again is judged by the resource the doctor was given.
        cluster = result ? result->body : givenCluster;
        clusterLoaded = true;
        loadArchitecture();
        evaluate();
    });
}

void PreflightDoctor::Private::loadProvider(const QString &providerNamespace)
{
    call(arm->get(u"/subscriptions/%1/providers/%2"_s.arg(ref.subscription, providerNamespace)),
         [this, providerNamespace](const ArmResult &result) {
             if (result)
                 providers.insert(providerNamespace, result->body);
             else
                 providers.insert(providerNamespace, std::unexpected(describe(result.error())));
             evaluate();
         });
}

void PreflightDoctor::Private::loadExtensions()
{
    extension.reset();
    if (!arm) {
        extension = std::unexpected(Domain::Error{PreflightDoctor::tr("Sign in to Azure to run the checks."), {}});
        return;
    }
    call(arm->list(ref.id + u"/providers/Microsoft.KubernetesConfiguration/extensions"_s), [this](const ArmResult &result) {
        if (!result) {
            extension = std::unexpected(describe(result.error()));
        } else {
            std::optional<QJsonObject> flux;
            for (const QJsonValue &value : result->values) {
                const QJsonObject candidate = value.toObject();
                const QString type = candidate.value(u"properties").toObject().value(u"extensionType").toString();
                if (type.compare(u"microsoft.flux", Qt::CaseInsensitive) == 0) {
                    flux = candidate;
                    break;
                }
            }
            extension = Domain::Result<std::optional<QJsonObject>>(flux);
        }
        evaluate();
    });
}

void PreflightDoctor::Private::loadPermissions()
{
    QUrlQuery query;
    query.addQueryItem(u"api-version"_s, PermissionsApiVersion);
    call(arm->list(ref.id + u"/providers/Microsoft.Authorization/permissions"_s, query), [this](const ArmResult &result) {
        if (result)
            permissions = result->values;
        else
            permissions = std::unexpected(describe(result.error()));
        evaluate();
    });
}

void PreflightDoctor::Private::loadArchitecture()
{
    architecture.reset();
    if (!arm) {
        architecture = std::unexpected(Domain::Error{PreflightDoctor::tr("Sign in to Azure to run the checks."), {}});
        return;
    }
    if (!ref.connected) {
        // AKS: Resource Manager shows each node pool's VM size; Azure's size names mark Arm CPUs.
        if (const auto pools = architecturesOfAgentPools(cluster))
            architecture = *pools;
        else
            architecture = std::unexpected(Domain::Error{PreflightDoctor::tr("The cluster's resource lists no node pools."), {}});
        return;
    }
    // Arc: Resource Manager does not know the nodes' architecture; the cluster's Kubernetes API
    // does, reached with the user's credential for the cluster.
    const QJsonObject body{{u"authenticationMethod"_s, u"AAD"_s}, {u"clientProxy"_s, false}};
    call(arm->post(ref.id + u"/listClusterUserCredential"_s, body, QUuid::createUuid().toByteArray(QUuid::WithoutBraces)),
         [this](const ArmResult &result) {
             if (!result) {
                 architecture = std::unexpected(describe(result.error()));
                 evaluate();
                 return;
             }
             const QJsonArray kubeconfigs = result->body.value(u"kubeconfigs").toArray();
             const QByteArray text = QByteArray::fromBase64(kubeconfigs.first().toObject().value(u"value").toString().toLatin1());
             const auto access = readKubeconfig(text);
             if (!access) {
                 architecture = std::unexpected(access.error());
             } else if (access->token.isEmpty()) {
                 architecture = std::unexpected(Domain::Error{
                     access->exec.isEmpty()
                         ? PreflightDoctor::tr("The cluster's kubeconfig carries no token Fluxdeck can use.")
                         : PreflightDoctor::tr("The cluster's kubeconfig signs in through %1, which Fluxdeck does not run.").arg(access->exec),
                     {}});
             } else {
                 readNodes(*access);
                 return;
             }
             evaluate();
         });
}

void PreflightDoctor::Private::readNodes(const KubeAccess &access)
{
    if (!network) {
        ownNetwork = std::make_unique<QNetworkAccessManager>();
        network = ownNetwork.get();
    }
    QUrl url = access.server;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/api/v1/nodes"_s);
    QNetworkRequest request(url);
    // The cluster's own CA in addition to the system's; verification stays on.
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    QList<QSslCertificate> authorities = QSslCertificate::fromData(access.certificateAuthority, QSsl::Pem);
    if (authorities.isEmpty())
        authorities = QSslCertificate::fromData(access.certificateAuthority, QSsl::Der);
    ssl.addCaCertificates(authorities);
    request.setSslConfiguration(ssl);
    request.setRawHeader("Authorization", QByteArray("Bearer " + access.token.toUtf8()));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(30000);
    QNetworkReply *reply = network->get(request);
    nodes.watch(reply, q, [this, reply] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && status == 0) {
            architecture = std::unexpected(Domain::Error{
                PreflightDoctor::tr("The cluster's Kubernetes API could not be reached: %1").arg(reply->errorString()), {}});
        } else if (status != 200) {
            const QString reason = QJsonDocument::fromJson(body).object().value(u"message").toString();
            architecture = std::unexpected(Domain::Error{
                PreflightDoctor::tr("The cluster's Kubernetes API answered HTTP %1: %2").arg(status).arg(reason.isEmpty() ? reply->errorString() : reason),
                {}});
        } else {
            architecture = architecturesOfNodes(QJsonDocument::fromJson(body).object().value(u"items").toArray());
        }
        nodes.reset();
        evaluate();
    });
}

void PreflightDoctor::Private::evaluate()
{
    for (auto it = providers.cbegin(); it != providers.cend(); ++it)
        evaluateProvider(it.key());
    if (clusterLoaded) {
        evaluateIdentity();
        evaluateEndpoints();
        if (providers.contains(ConfigurationNamespace))
            evaluateRegion();
    }
    if (extension)
        evaluateExtension();
    if (extension && architecture)
        evaluateArm64();
    if (permissions)
        evaluatePermissions();
    updateRunning();
}

void PreflightDoctor::Private::evaluateProvider(const QString &providerNamespace)
{
    const QString id = providerCheckId(providerNamespace);
    if (findFix(id))
        return;   // the fix reports on it
    const Domain::Result<QJsonObject> &provider = *providers.constFind(providerNamespace);
    const QString show = AzCommand({u"provider"_s, u"show"_s})
                             .option(u"namespace"_s, providerNamespace)
                             .option(u"subscription"_s, ref.subscription)
                             .option(u"query"_s, u"registrationState"_s)
                             .toString();
    if (!provider) {
        set(id, Status::Unknown, provider.error().message, show);
        return;
    }
    QString purpose;
    if (providerNamespace == u"Microsoft.Kubernetes")
        purpose = PreflightDoctor::tr("Azure Arc-enabled Kubernetes clusters are resources of this provider.");
    else if (providerNamespace == u"Microsoft.ContainerService")
        purpose = PreflightDoctor::tr("AKS clusters are resources of this provider.");
    else
        purpose = PreflightDoctor::tr("Cluster extensions such as microsoft.flux, and Flux configurations, are resources of this provider.");
    const QString state = provider->value(u"registrationState").toString();
    const QString registerCommand = AzCommand({u"provider"_s, u"register"_s})
                                        .option(u"namespace"_s, providerNamespace)
                                        .option(u"subscription"_s, ref.subscription)
                                        .toString();
    const QString fixLabel = PreflightDoctor::tr("Register %1").arg(providerNamespace);
    if (state.compare(u"Registered", Qt::CaseInsensitive) == 0) {
        set(id, Status::Passed, PreflightDoctor::tr("%1 is registered in the subscription %2. %3").arg(providerNamespace, ref.subscription, purpose),
            show);
    } else if (state.compare(u"Registering", Qt::CaseInsensitive) == 0) {
        set(id, Status::Warning,
            PreflightDoctor::tr("%1 is being registered in the subscription %2. %3 Until it shows Registered, Azure refuses to create "
               "its resources there.")
                .arg(providerNamespace, ref.subscription, purpose),
            registerCommand, PreflightDoctor::tr("Wait until %1 is registered").arg(providerNamespace), true);
    } else {
        set(id, Status::Failed,
            PreflightDoctor::tr("%1 is not registered in the subscription %2 (its state is %3), so Azure refuses to create its resources "
               "there. %4 Registering it takes a few minutes and needs permission to register resource providers in "
               "the subscription.")
                .arg(providerNamespace, ref.subscription, state.isEmpty() ? PreflightDoctor::tr("unknown") : state, purpose),
            registerCommand, fixLabel, true);
    }
}

void PreflightDoctor::Private::evaluateIdentity()
{
    const QString id(IdentityCheck);
    if (ref.connected) {
        set(id, Status::Passed,
            PreflightDoctor::tr("Not needed here: this requirement applies to AKS clusters, where microsoft.flux fails on clusters "
               "that use a service principal. Azure Arc-enabled clusters use the identity of their Arc agents."),
            AzCommand({u"connectedk8s"_s, u"show"_s})
                .option(u"resource-group"_s, ref.resourceGroup)
                .option(u"name"_s, ref.name)
                .option(u"query"_s, u"identity"_s)
                .toString());
        return;
    }
    const QString identityType = cluster.value(u"identity").toObject().value(u"type").toString();
    const QString clientId =
        cluster.value(u"properties").toObject().value(u"servicePrincipalProfile").toObject().value(u"clientId").toString();
    const QString show = AzCommand({u"aks"_s, u"show"_s})
                             .option(u"resource-group"_s, ref.resourceGroup)
                             .option(u"name"_s, ref.name)
                             .option(u"query"_s, u"identity"_s)
                             .toString();
    if ((!identityType.isEmpty() && identityType.compare(u"None", Qt::CaseInsensitive) != 0)
        || clientId.compare(u"msi", Qt::CaseInsensitive) == 0) {
        set(id, Status::Passed,
            PreflightDoctor::tr("The cluster uses a managed identity (%1), as microsoft.flux requires on AKS.")
                .arg(identityType.isEmpty() ? u"msi"_s : identityType),
            show);
        return;
    }
    set(id, Status::Failed,
        PreflightDoctor::tr("The cluster uses the service principal %1 instead of a managed identity. The microsoft.flux extension "
           "does not work on AKS clusters with a service principal: installing it fails. Fluxdeck does not change a "
           "cluster's identity for you, because it affects the whole cluster; run the az command when you are ready.")
            .arg(clientId.isEmpty() ? PreflightDoctor::tr("(unnamed)") : clientId),
        AzCommand({u"aks"_s, u"update"_s})
            .option(u"resource-group"_s, ref.resourceGroup)
            .option(u"name"_s, ref.name)
            .flag(u"enable-managed-identity"_s)
            .toString());
}

void PreflightDoctor::Private::evaluateRegion()
{
    const QString id(RegionCheck);
    const QString location = cluster.value(u"location").toString();
    const QString show = AzCommand({u"provider"_s, u"show"_s})
                             .option(u"namespace"_s, ConfigurationNamespace)
                             .option(u"query"_s, u"resourceTypes[?resourceType=='fluxConfigurations'].locations | [0]"_s)
                             .toString();
    const Domain::Result<QJsonObject> &provider = *providers.constFind(ConfigurationNamespace);
    if (!provider) {
        set(id, Status::Unknown, provider.error().message, show);
        return;
    }
    std::optional<QStringList> locations;
    for (const QJsonValue &value : provider->value(u"resourceTypes").toArray()) {
        const QJsonObject type = value.toObject();
        if (type.value(u"resourceType").toString().compare(u"fluxConfigurations", Qt::CaseInsensitive) == 0) {
            locations = QStringList();
            for (const QJsonValue &region : type.value(u"locations").toArray())
                locations->append(region.toString());
        }
    }
    if (!locations) {
        set(id, Status::Unknown,
            PreflightDoctor::tr("Azure did not list where %1 offers Flux configurations.").arg(ConfigurationNamespace), show);
        return;
    }
    if (locationListed(*locations, location)) {
        set(id, Status::Passed, PreflightDoctor::tr("The GitOps service (Flux configurations and cluster extensions) runs in %1, the "
                                   "cluster's region.")
                                    .arg(location),
            show);
        return;
    }
    set(id, Status::Failed,
        PreflightDoctor::tr("The GitOps service does not run in %1, the cluster's region: Azure refuses microsoft.flux and Flux "
           "configurations there. Fluxdeck cannot fix this; the cluster would have to be connected to Azure, or "
           "created, in a region that offers GitOps: %2.")
            .arg(location, locations->join(u", "_s)),
        show);
}

bool PreflightDoctor::Private::mayWriteExtensions() const
{
    return !permissions || !*permissions || Domain::rbacAllows(**permissions, ExtensionsWrite);
}

QString PreflightDoctor::Private::extensionFixLabel() const
{
    return PreflightDoctor::tr("Update microsoft.flux to %1").arg(Domain::latestFluxExtensionRelease().version.toString());
}

AzCommand PreflightDoctor::Private::extensionCommand(const QString &verb, bool named) const
{
    AzCommand command({u"k8s-extension"_s, verb});
    command.option(u"resource-group"_s, ref.resourceGroup)
        .option(u"cluster-name"_s, ref.name)
        .option(u"cluster-type"_s, ref.clusterType());
    if (!named)
        return command;
    const QString name = extension && *extension && **extension ? (**extension)->value(u"name").toString() : QString();
    command.option(u"name"_s, name.isEmpty() ? u"flux"_s : name);
    return command;
}

void PreflightDoctor::Private::evaluateExtension()
{
    const QString id(ExtensionVersionCheck);
    if (findFix(u"extension"_s))
        return;
    const QString latest = Domain::latestFluxExtensionRelease().version.toString();
    const QString minors = Domain::supportedFluxExtensionMinors().join(u", "_s);
    if (!*extension) {
        set(id, Status::Unknown, extension->error().message, extensionCommand(u"list"_s, false).toString());
        return;
    }
    const std::optional<QJsonObject> &flux = **extension;
    if (!flux) {
        set(id, Status::Passed,
            PreflightDoctor::tr("microsoft.flux is not installed on this cluster yet. Installing it without a version gets the latest, "
               "%1, which is supported.")
                .arg(latest),
            extensionCommand(u"create"_s).option(u"extension-type"_s, u"microsoft.flux"_s).toString());
        return;
    }
    const QJsonObject properties = flux->value(u"properties").toObject();
    const QString version = extensionVersion(*flux);
    const QVersionNumber number = QVersionNumber::fromString(version);
    const bool supported = Domain::isFluxExtensionSupported(number);
    const bool failedState = properties.value(u"provisioningState").toString().compare(u"Failed", Qt::CaseInsensitive) == 0;
    const QString update = extensionCommand(u"update"_s)
                               .option(u"version"_s, latest)
                               .option(u"auto-upgrade-minor-version"_s, u"false"_s)
                               .toString();

    QStringList found;
    Status status = Status::Passed;
    if (version.isEmpty()) {
        status = Status::Warning;
        found.append(PreflightDoctor::tr("Azure does not say which microsoft.flux version runs on this cluster."));
    } else if (supported) {
        found.append(PreflightDoctor::tr("microsoft.flux %1 is installed, within the supported versions (%2).").arg(version, minors));
        if (number < Domain::latestFluxExtensionRelease().version)
            found.append(PreflightDoctor::tr("A newer version, %1, is available.").arg(latest));
    } else {
        status = Status::Failed;
        found.append(PreflightDoctor::tr("microsoft.flux %1 is outside the supported window: Microsoft supports the latest minor version "
                        "and the two before it (%2). Older versions get no fixes, and problems with them are not "
                        "supported. Update it to %3.")
                         .arg(version, minors, latest));
        if (properties.value(u"autoUpgradeMinorVersion").toBool())
            found.append(PreflightDoctor::tr("Automatic minor upgrades are on, yet the cluster still runs this version: check that its "
                            "agents are connected."));
    }
    if (failedState) {
        status = Status::Failed;
        const QJsonObject errorInfo = properties.value(u"errorInfo").toObject();
        const QString reason = errorInfo.value(u"message").toString(errorInfo.value(u"code").toString());
        found.append(reason.isEmpty() ? PreflightDoctor::tr("The extension is in the Failed state.")
                                      : PreflightDoctor::tr("The extension is in the Failed state. Azure reports: %1").arg(reason));
    }
    const bool outdated = !version.isEmpty() && !supported;
    bool fixable = outdated;
    if (fixable && !mayWriteExtensions()) {
        fixable = false;
        found.append(PreflightDoctor::tr("You cannot update it yourself: you lack the permission %1 on this cluster.").arg(ExtensionsWrite));
    }
    set(id, status, found.join(u' '),
        outdated || failedState ? update : extensionCommand(u"show"_s).option(u"query"_s, u"currentVersion"_s).toString(),
        outdated ? extensionFixLabel() : QString(), fixable);
}

void PreflightDoctor::Private::evaluateArm64()
{
    const QString id(Arm64Check);
    if (findFix(u"extension"_s))
        return;
    const QVersionNumber minimum = Domain::fluxExtensionArm64Minimum();
    const QString latest = Domain::latestFluxExtensionRelease().version.toString();
    const QString kubectl = u"kubectl get nodes --label-columns kubernetes.io/arch"_s;
    const QString nodePools = ref.connected ? QString()
                                            : AzCommand({u"aks"_s, u"nodepool"_s, u"list"_s})
                                                  .option(u"resource-group"_s, ref.resourceGroup)
                                                  .option(u"cluster-name"_s, ref.name)
                                                  .option(u"query"_s, u"[].vmSize"_s)
                                                  .toString();
    if (!*architecture) {
        set(id, Status::Unknown,
            PreflightDoctor::tr("Fluxdeck could not read the architecture of the cluster's nodes. %1 Check it with: %2")
                .arg(architecture->error().message, kubectl),
            nodePools);
        return;
    }
    const NodeArchitectures &nodesFound = **architecture;
    const int arm64 = nodesFound.count(u"arm64"_s);
    if (arm64 == 0) {
        set(id, Status::Passed,
            PreflightDoctor::tr("The cluster has no ARM64 nodes (%1, read from %2), so the %3 minimum does not apply.")
                .arg(nodesFound.summary(), nodesFound.source, minimum.toString()),
            nodePools);
        return;
    }
    if (!*extension) {
        set(id, Status::Unknown,
            PreflightDoctor::tr("The cluster has ARM64 nodes (%1), but Fluxdeck could not read its extensions. %2")
                .arg(nodesFound.summary(), extension->error().message),
            nodePools);
        return;
    }
    const std::optional<QJsonObject> &flux = **extension;
    if (!flux) {
        set(id, Status::Passed,
            PreflightDoctor::tr("The cluster has ARM64 nodes (%1, read from %2). microsoft.flux is not installed yet: install %3 or "
               "later. Without a version, Azure installs the latest, %4.")
                .arg(nodesFound.summary(), nodesFound.source, minimum.toString(), latest),
            extensionCommand(u"create"_s).option(u"extension-type"_s, u"microsoft.flux"_s).toString());
        return;
    }
    const QString version = extensionVersion(*flux);
    const QVersionNumber number = QVersionNumber::fromString(version);
    if (!version.isEmpty() && number < minimum) {
        QString explanation = PreflightDoctor::tr("The cluster has ARM64 nodes (%1), but microsoft.flux %2 predates ARM64 support, which "
                                 "starts with %3: its pods cannot start on those nodes. Update it to %4.")
                                  .arg(nodesFound.summary(), version, minimum.toString(), latest);
        const bool fixable = mayWriteExtensions();
        if (!fixable)
            explanation += u" "_s + PreflightDoctor::tr("You cannot update it yourself: you lack the permission %1 on this cluster.").arg(ExtensionsWrite);
        set(id, Status::Failed, explanation,
            extensionCommand(u"update"_s)
                .option(u"version"_s, latest)
                .option(u"auto-upgrade-minor-version"_s, u"false"_s)
                .toString(),
            extensionFixLabel(), fixable);
        return;
    }
    set(id, Status::Passed,
        PreflightDoctor::tr("The cluster has ARM64 nodes (%1) and microsoft.flux %2, which supports them.")
            .arg(nodesFound.summary(), version.isEmpty() ? PreflightDoctor::tr("(version not reported)") : version),
        extensionCommand(u"show"_s).option(u"query"_s, u"currentVersion"_s).toString());
}

void PreflightDoctor::Private::evaluatePermissions()
{
    const QString id(PermissionsCheck);
    const QString permissionsPath =
        ref.id + u"/providers/Microsoft.Authorization/permissions?api-version="_s + PermissionsApiVersion;
    const QString show = AzCommand({u"rest"_s}).option(u"method"_s, u"get"_s).option(u"url"_s, permissionsPath).toString();
    if (!*permissions) {
        set(id, Status::Unknown, permissions->error().message, show);
        return;
    }
    QStringList missing;
    for (const QString &action : {ExtensionsWrite, FluxConfigurationsWrite}) {
        if (!Domain::rbacAllows(**permissions, action))
            missing.append(action);
    }
    if (missing.isEmpty()) {
        set(id, Status::Passed,
            PreflightDoctor::tr("Your roles on this cluster allow %1 and %2.").arg(ExtensionsWrite, FluxConfigurationsWrite), show);
        return;
    }
    set(id, Status::Failed,
        PreflightDoctor::tr("Your roles on this cluster do not allow %1. Without it you can look at GitOps here but not change it. "
           "Only someone who may assign roles on the cluster (an Owner or User Access Administrator of the cluster, "
           "its resource group or its subscription) can grant it, for example with a Contributor role assignment at "
           "the cluster's scope, or a custom role that includes the missing actions. Fluxdeck cannot fix this for you.")
            .arg(missing.join(PreflightDoctor::tr(" and "))),
        AzCommand({u"role"_s, u"assignment"_s, u"create"_s})
            .option(u"assignee"_s, AzCommand::placeholder(u"your-user-or-service-principal"_s))
            .option(u"role"_s, u"Contributor"_s)
            .option(u"scope"_s, ref.id)
            .toString());
}

void PreflightDoctor::Private::evaluateEndpoints()
{
    const QUrl resourceManager = arm ? arm->options().resourceManager : QUrl();
    const QList<OutboundEndpoint> endpoints =
        outboundEndpoints(resourceManager, authority, cluster.value(u"location").toString(), ref.connected);
    QStringList lines{PreflightDoctor::tr("Fluxdeck cannot test the cluster's network from your desktop. Make sure the cluster's nodes "
                         "can reach these addresses over HTTPS (port 443), through any firewall or proxy:")};
    for (const OutboundEndpoint &endpoint : endpoints)
        lines.append(QString(u"  • "_s + endpoint.address + u" — "_s + endpoint.purpose));
    lines.append(PreflightDoctor::tr("Flux also needs the hosts of the Git repositories, Helm repositories and buckets your Flux "
                    "configurations use."));
    set(EndpointsCheck, Status::Info, lines.join(u'\n'));
}

PreflightDoctor::Private::Fix *PreflightDoctor::Private::findFix(const QString &key) const
{
    for (const auto &fix : fixes) {
        if (fix->key == key || fix->checks.contains(key))
            return fix.get();
    }
    return nullptr;
}

PreflightDoctor::Private::Fix &PreflightDoctor::Private::startFix(const QString &key, const QStringList &checks,
                                                                 const QString &title)
{
    auto fix = std::make_unique<Fix>();
    fix->key = key;
    fix->checks = checks;
    Fix &started = *fix;
    fixes.push_back(std::move(fix));
    for (const QString &check : checks)
        model->setFixRunning(check, true);
    if (operations) {
        started.operation = operations->start(title, [this, key] {
            if (!destroying)
                endFix(key, false, PreflightDoctor::tr("Cancelled. What Azure already accepted goes on there; run the checks again to see it."));
        });
    }
    Q_EMIT q->fixStarted(checks.constFirst());
    return started;
}

void PreflightDoctor::Private::endFix(const QString &key, bool succeeded, const QString &message)
{
    const auto it = std::find_if(fixes.begin(), fixes.end(), [&key](const auto &fix) { return fix->key == key; });
    if (it == fixes.end())
        return;
    std::unique_ptr<Fix> fix = std::move(*it);
    fixes.erase(it);
    fix->poll.stop();
    if (fix->reply) {
        // Finishing from inside the reply's own signal: let it go once the signal returns.
        fix->reply->disconnect(q);
        fix->reply.release()->deleteLater();
    }
    if (operations && fix->operation) {
        if (succeeded)
            operations->succeed(fix->operation, message);
        else
            operations->fail(fix->operation, message);   // ignored when the user cancelled it
    }
    for (const QString &check : fix->checks)
        model->setFixRunning(check, false);
    Q_EMIT q->fixFinished(fix->checks.constFirst(), succeeded, message);
    evaluate();
}

void PreflightDoctor::Private::registerProvider(const QString &providerNamespace)
{
    const QString key = providerCheckId(providerNamespace);
    Fix &fix = startFix(key, {key}, PreflightDoctor::tr("Register %1 in subscription %2").arg(providerNamespace, ref.subscription));
    fix.providerNamespace = providerNamespace;
    fix.reply = arm->post(u"/subscriptions/%1/providers/%2/register"_s.arg(ref.subscription, providerNamespace), {},
                          QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    QObject::connect(fix.reply.get(), &ArmReply::finished, q, [this, key] {
        Fix *active = findFix(key);
        if (!active || !active->reply)
            return;
        const ArmResult result = active->reply->result();
        active->reply.release()->deleteLater();
        if (!result) {
            const QString message = describe(result.error()).message;
            endFix(key, false, message);
            return;
        }
        providers.insert(active->providerNamespace, result->body);
        pollRegistration(key);
    });
}

void PreflightDoctor::Private::pollRegistration(const QString &key)
{
    Fix *fix = findFix(key);
    if (!fix)
        return;
    const QString providerNamespace = fix->providerNamespace;
    const QString state = providers.value(providerNamespace)->value(u"registrationState").toString();
    if (state.compare(u"Registered", Qt::CaseInsensitive) == 0) {
        if (providerNamespace == ConfigurationNamespace && extension && !*extension && arm) {
            setRunning({QString(ExtensionVersionCheck), QString(Arm64Check)});
            loadExtensions();   // it may have failed for want of the registration
        }
        endFix(key, true, PreflightDoctor::tr("%1 is registered.").arg(providerNamespace));
        return;
    }
    if (operations && fix->operation)
        operations->setProgress(fix->operation, 0, 0, state);
    Q_EMIT q->fixProgress(fix->checks.constFirst(), state);
    set(key, Status::Running, PreflightDoctor::tr("Registering %1: Azure reports %2.").arg(providerNamespace, state));
    updateRunning();
    fix->poll.setSingleShot(true);
    fix->poll.disconnect();
    QObject::connect(&fix->poll, &QTimer::timeout, q, [this, key] {
        Fix *waiting = findFix(key);
        if (!waiting || !arm)
            return;
        waiting->reply = arm->get(u"/subscriptions/%1/providers/%2"_s.arg(ref.subscription, waiting->providerNamespace));
        QObject::connect(waiting->reply.get(), &ArmReply::finished, q, [this, key] {
            Fix *polled = findFix(key);
            if (!polled || !polled->reply)
                return;
            const ArmResult result = polled->reply->result();
            polled->reply.release()->deleteLater();
            if (!result) {
                endFix(key, false, describe(result.error()).message);
                return;
            }
            providers.insert(polled->providerNamespace, result->body);
            pollRegistration(key);
        });
    });
    fix->poll.start(arm ? arm->options().pollInterval : std::chrono::milliseconds(10000));
}

void PreflightDoctor::Private::updateExtension(const QString &requestedBy)
{
    const QString key = u"extension"_s;
    const QJsonObject flux = *(**extension);
    const QString latest = Domain::latestFluxExtensionRelease().version.toString();
    const QString other = requestedBy == Arm64Check ? QString(ExtensionVersionCheck) : QString(Arm64Check);
    Fix &fix = startFix(key, {requestedBy, other},
                        PreflightDoctor::tr("Update microsoft.flux on %1 to %2").arg(ref.name, latest));
    // Pinned to the latest version: automatic minor upgrades would have to be off to name one.
    const QJsonObject body{{u"properties"_s, QJsonObject{{u"autoUpgradeMinorVersion"_s, false}, {u"version"_s, latest}}}};
    fix.reply = arm->patch(flux.value(u"id").toString(), body);
    QObject::connect(fix.reply.get(), &ArmReply::operationStatusChanged, q, [this, key](const QString &status) {
        if (Fix *active = findFix(key); active && operations && active->operation)
            operations->setProgress(active->operation, 0, 0, status);
        if (Fix *active = findFix(key))
            Q_EMIT q->fixProgress(active->checks.constFirst(), status);
    });
    QObject::connect(fix.reply.get(), &ArmReply::finished, q, [this, key, latest] {
        Fix *active = findFix(key);
        if (!active || !active->reply)
            return;
        const ArmResult result = active->reply->result();
        active->reply.release()->deleteLater();
        if (!result) {
            endFix(key, false, describe(result.error()).message);
            return;
        }
        // Read the extension again: the rows stay "checking" until it is in.
        if (arm) {
            loadExtensions();
            setRunning({QString(ExtensionVersionCheck), QString(Arm64Check)});
        }
        endFix(key, true, PreflightDoctor::tr("microsoft.flux runs %1.").arg(latest));
    });
}

PreflightDoctor::PreflightDoctor(Net::ArmClient *arm, OperationsModel *operations, const QJsonObject &cluster,
                                 QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, arm, operations, cluster))
{
}

PreflightDoctor::~PreflightDoctor()
{
    d->destroying = true;
    d->calls.clear();
    d->nodes.reset();
    for (const auto &fix : d->fixes) {
        fix->poll.stop();
        fix->reply.reset();
        if (d->operations && fix->operation)
            d->operations->cancel(fix->operation);
    }
}

PreflightModel *PreflightDoctor::model() const
{
    return d->model;
}

void PreflightDoctor::setCloud(const Net::AzureCloudEndpoints &cloud)
{
    d->authority = cloud.authority;
    if (d->clusterLoaded)
        d->evaluateEndpoints();
}

void PreflightDoctor::setNetworkAccessManager(QNetworkAccessManager *network)
{
    d->network = network;
}

QString PreflightDoctor::clusterId() const
{
    return d->ref.id;
}

QString PreflightDoctor::clusterName() const
{
    return d->ref.name;
}

bool PreflightDoctor::isConnectedCluster() const
{
    return d->ref.connected;
}

void PreflightDoctor::run()
{
    d->calls.clear();
    d->nodes.reset();
    d->clusterLoaded = false;
    d->providers.clear();
    d->architecture.reset();
    d->extension.reset();
    d->permissions.reset();
    d->cluster = d->givenCluster;
    d->lastRun = QDateTime::currentDateTimeUtc();
    if (d->model->rowCount() == 0)
        d->model->setChecks(d->pendingChecks());

    QStringList ids;
    for (const PreflightCheck &check : d->model->checks()) {
        if (!d->findFix(check.id))
            ids.append(check.id);
    }
    d->setRunning(ids);

    if (!d->arm || d->ref.id.isEmpty()) {
        const QString reason = d->ref.id.isEmpty() ? tr("The cluster's resource has no id, so there is nothing to check.")
                                                   : tr("Sign in to Azure to run the checks.");
        for (const QString &id : ids)
            d->set(id, Status::Unknown, reason);
        d->updateRunning();
        return;
    }
    d->loadCluster();
    for (const QString &providerNamespace : providerNamespaces())
        d->loadProvider(providerNamespace);
    d->loadExtensions();
    d->loadPermissions();
}

void PreflightDoctor::cancel()
{
    d->calls.clear();
    d->nodes.reset();
    for (const PreflightCheck &check : d->model->checks()) {
        if (check.status == Status::Running && !d->findFix(check.id))
            d->set(check.id, Status::Unknown, tr("The check was stopped before it finished."));
    }
    d->updateRunning();
}

bool PreflightDoctor::isRunning() const
{
    return d->running;
}

QDateTime PreflightDoctor::lastRun() const
{
    return d->lastRun;
}

bool PreflightDoctor::fix(const QString &checkId)
{
    const PreflightCheck *check = d->model->check(checkId);
    if (!check || !check->fixAvailable || d->findFix(checkId) || !d->arm)
        return false;
    for (const QString &providerNamespace : providerNamespaces()) {
        if (checkId == providerCheckId(providerNamespace)) {
            d->registerProvider(providerNamespace);
            return true;
        }
    }
    if ((checkId == ExtensionVersionCheck || checkId == Arm64Check) && d->extension && *d->extension && **d->extension) {
        d->updateExtension(checkId);
        return true;
    }
    return false;
}

void PreflightDoctor::cancelFix(const QString &checkId)
{
    Private::Fix *fix = d->findFix(checkId);
    if (!fix)
        return;
    if (d->operations && fix->operation && d->operations->cancel(fix->operation))
        return;   // the operation's cancel handler ended the fix
    d->endFix(fix->key, false, tr("Cancelled. What Azure already accepted goes on there; run the checks again to see it."));
}

bool PreflightDoctor::isFixing(const QString &checkId) const
{
    return d->findFix(checkId) != nullptr;
}

bool PreflightDoctor::isFixing() const
{
    return !d->fixes.empty();
}

QString PreflightDoctor::report() const
{
    const QString location = d->cluster.value(u"location").toString();
    QStringList lines{
        tr("Fluxdeck preflight report"),
        tr("Cluster: %1").arg(d->ref.name),
        tr("Resource: %1").arg(d->ref.id),
        tr("Kind: %1").arg(d->ref.connected ? tr("Azure Arc-enabled Kubernetes") : tr("Azure Kubernetes Service (AKS)")),
        tr("Region: %1").arg(location.isEmpty() ? tr("unknown") : location),
        tr("Checked: %1").arg(d->lastRun.isValid() ? d->lastRun.toString(Qt::ISODate) : tr("not yet")),
    };
    QMap<Status, int> counts;
    for (const PreflightCheck &check : d->model->checks())
        counts[check.status] += 1;
    lines.append(tr("Summary: %1 passed, %2 failed, %3 warnings, %4 to verify, %5 could not be checked")
                     .arg(counts.value(Status::Passed))
                     .arg(counts.value(Status::Failed))
                     .arg(counts.value(Status::Warning))
                     .arg(counts.value(Status::Info))
                     .arg(counts.value(Status::Unknown) + counts.value(Status::Running)));
    for (const PreflightCheck &check : d->model->checks()) {
        lines.append(QString());
        lines.append(u"[%1] %2"_s.arg(PreflightCheck::statusText(check.status), check.title));
        for (const QString &line : check.explanation.split(u'\n'))
            lines.append(QString(u"    "_s + line));
        if (!check.fixLabel.isEmpty())
            lines.append(QString(u"    "_s + tr("Fix: %1").arg(check.fixLabel)));
        if (!check.azCommand.isEmpty())
            lines.append(QString(u"    "_s + tr("az: %1").arg(check.azCommand)));
    }
    return lines.join(u'\n') + u'\n';
}

} // namespace Fluxdeck::Items
