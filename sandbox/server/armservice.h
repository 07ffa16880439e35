#pragma once

#include "httpresponse.h"
#include "resourcestore.h"

#include <QHash>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace Fluxdeck::Sandbox {

class IdentityService;
class ResourceGraphService;

// Azure Resource Manager: subscriptions, resource groups, providers, AKS managed clusters,
// Arc connected clusters, and the Microsoft.KubernetesConfiguration extension resources
// (extensions, fluxConfigurations) under both, with api-version checks, paging, long-running
// operations and ARM's status codes and error bodies.
class ArmService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArmService)

public:
    struct Options
    {
        int pageSize = 100;
        std::chrono::milliseconds operationDuration{1500};   // how long Creating/Updating/Deleting last
        std::chrono::milliseconds registrationDuration{2000}; // Registering → Registered
        QString kubeBaseUrl;   // set by the server: where each cluster's Kubernetes API lives
        QByteArray caCertificatePem;   // put into the kubeconfigs listClusterUserCredential returns
    };

    ArmService(ResourceStore &store, IdentityService &identity, Options options, QObject *parent = nullptr);
    ~ArmService() override;

    HttpResponse handle(const HttpRequest &request);

    // Kubernetes bearer tokens handed out by listClusterUserCredential, cluster id by token.
    QString clusterForKubeToken(const QString &token) const;
    QString kubeTokenFor(const QString &clusterId);


Q_SIGNALS:
    void changed();
    // A fluxConfiguration or extension finished provisioning (or was deleted): the cluster side acts on it.
    void resourceSettled(const QString &resourceId, const QString &type, bool deleted);

private:
    struct Operation
    {
        QString id;
        QString resourceId;
        QString statusId;        // the operations/{id} resource id
        QString status = QStringLiteral("InProgress");
        QString startTime;
        QString endTime;
        QJsonObject error;
    };

    HttpResponse route(const HttpRequest &request);
    std::optional<HttpResponse> authenticate(const HttpRequest &request) const;
    std::optional<HttpResponse> checkApiVersion(const HttpRequest &request, const QString &providerNamespace,
                                                const QString &type) const;
    HttpResponse page(const HttpRequest &request, const QList<QJsonObject> &items) const;

    // Azure RBAC as the sandbox models it: full access, except below a resource that narrows it
    // ("__access": {"actions", "notActions"}); writes outside it get 403 AuthorizationFailed.
    QJsonObject accessAt(const QStringList &scope) const;
    std::optional<HttpResponse> authorize(const HttpRequest &request) const;
    HttpResponse permissions(const HttpRequest &request, const QStringList &s);
    std::optional<HttpResponse> locationRefusal(const QJsonObject &cluster, const QString &type) const;
    HttpResponse subscriptions(const HttpRequest &request, const QStringList &s);
    HttpResponse resourceGroups(const HttpRequest &request, const QStringList &s);
    HttpResponse providers(const HttpRequest &request, const QStringList &s);
    HttpResponse clusters(const HttpRequest &request, const QStringList &s);
    HttpResponse clusterCredential(const HttpRequest &request, const QJsonObject &cluster);
    HttpResponse extensionResources(const HttpRequest &request, const QStringList &s, int providersAt);

    HttpResponse putExtension(const HttpRequest &request, const QJsonObject &cluster, const QString &id,
                              const QString &name);
    HttpResponse putFluxConfiguration(const HttpRequest &request, const QJsonObject &cluster, const QString &id,
                                      const QString &name, bool patch);
    HttpResponse deleteResource(const HttpRequest &request, const QString &id, const QString &typeName);
    HttpResponse operationStatus(const HttpRequest &request, const QString &statusId);
    std::optional<HttpResponse> requireRegistered(const QString &subscription, const QString &providerNamespace) const;
    // Parses a PUT/PATCH body and finds the current resource; an answer when the write is refused.
    std::optional<HttpResponse> readWrite(const HttpRequest &request, const QString &id, const QString &typeName,
                                          QJsonObject *body, std::optional<QJsonObject> *existing) const;
    std::optional<HttpResponse> conflictIfBusy(const QJsonObject &resource, const QString &typeName) const;
    void ensureFluxExtension(const QJsonObject &cluster);

    HttpResponse startOperation(const HttpRequest &request, const QString &resourceId, int status, const QJsonObject &body,
                                std::function<void(Operation &)> complete);
    QString stamp() const;

    ResourceStore &m_store;
    IdentityService &m_identity;
    Options m_options;
    QHash<QString, Operation> m_operations;     // by status id, lower case
    QHash<QString, QString> m_kubeTokens;       // token → cluster id
    QHash<QString, QString> m_kubeTokenByCluster;
    std::unique_ptr<ResourceGraphService> m_resourceGraph;
};

} // namespace Fluxdeck::Sandbox
