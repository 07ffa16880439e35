#pragma once
// A small Kubernetes client for the tst_kube* tests: signs in to the sandbox, fetches a
// cluster's kubeconfig through Resource Manager, and talks to that cluster's API over HTTPS.

#include "server/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>
#include <QUrlQuery>

#include <memory>

namespace KubeTest {

using namespace Qt::StringLiterals;

// A cluster without microsoft.flux: only what every cluster has (four namespaces, nodes, kube-system).
inline const QString PlainCluster = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5/resourceGroups/rg-gitops-prod/"
                                    "providers/Microsoft.ContainerService/managedClusters/aks-legacy-spn"_s;
inline const QString EdgeCluster = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5/resourceGroups/rg-edge/"
                                   "providers/Microsoft.Kubernetes/connectedClusters/arc-edge-arm64"_s;

inline constexpr QByteArrayView TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers;
};

// A watch or followed log in progress: the lines received so far.
class Stream
{
public:
    explicit Stream(QNetworkReply *reply)
        : m_reply(reply)
    {
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [this] { m_buffer += m_reply->readAll(); });
    }
    ~Stream()
    {
        if (m_reply) {
            m_reply->abort();
            m_reply->deleteLater();
        }
    }
    QNetworkReply *reply() const { return m_reply; }
    QList<QByteArray> lines() const
    {
        QList<QByteArray> result;
        for (const QByteArray &line : m_buffer.split('\n')) {
            if (!line.trimmed().isEmpty())
                result.append(line);
        }
        if (!m_buffer.endsWith('\n') && !result.isEmpty())
            result.removeLast();   // still arriving
        return result;
    }
    QList<QJsonObject> events() const
    {
        QList<QJsonObject> result;
        for (const QByteArray &line : lines())
            result.append(QJsonDocument::fromJson(line).object());
        return result;
    }
    QStringList types() const
    {
        QStringList result;
        for (const QJsonObject &event : events())
            result.append(event.value(u"type").toString());
        return result;
    }
    bool finished() const { return m_reply->isFinished(); }

private:
    QNetworkReply *m_reply;
    QByteArray m_buffer;
};

class Client
{
public:
    explicit Client(Fluxdeck::Sandbox::SandboxServer &server)
        : m_server(server)
    {
        m_ssl = QSslConfiguration::defaultConfiguration();
        QList<QSslCertificate> roots = m_ssl.caCertificates();
        roots += QSslCertificate::fromPath(server.caCertificatePath());
        m_ssl.setCaCertificates(roots);
    }

    // Signs in as the sandbox's service principal and fetches the cluster's kubeconfig.
    bool connectTo(const QString &clusterId)
    {
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        form.addQueryItem(u"client_id"_s, m_server.clientId());
        form.addQueryItem(u"client_secret"_s, m_server.clientSecret());
        form.addQueryItem(u"scope"_s, u"https://management.azure.com/.default"_s);
        const Reply signIn = raw("POST", m_server.baseUrl().toString() + u'/' + m_server.tenantId() + u"/oauth2/v2.0/token"_s,
                                 form.toString(QUrl::FullyEncoded).toUtf8(), "application/x-www-form-urlencoded", {}, {});
        const QByteArray armToken = signIn.json.value(u"access_token").toString().toUtf8();
        const bool connected = clusterId.contains(u"connectedClusters");
        const Reply credential = raw("POST", m_server.baseUrl().toString() + clusterId
                                         + (connected ? u"/listClusterUserCredential?api-version=2024-12-01-preview"_s
                                                      : u"/listClusterUserCredential?api-version=2024-05-01"_s),
                                     connected ? QByteArray(R"({"authenticationMethod":"Token"})") : QByteArray("{}"),
                                     "application/json", {}, armToken);
        m_kubeconfig = QByteArray::fromBase64(credential.json.value(u"kubeconfigs").toArray().at(0).toObject()
                                                  .value(u"value").toString().toLatin1());
        for (const QByteArray &line : m_kubeconfig.split('\n')) {
            const QByteArray trimmed = line.trimmed();
            if (trimmed.startsWith("server: "))
                m_apiServer = QString::fromUtf8(trimmed.mid(8));
            else if (trimmed.startsWith("token: "))
                m_token = trimmed.mid(7);
        }
        return credential.status == 200 && !m_apiServer.isEmpty() && !m_token.isEmpty();
    }

    QByteArray kubeconfig() const { return m_kubeconfig; }
    QString apiServer() const { return m_apiServer; }
    QByteArray token() const { return m_token; }
    void setToken(const QByteArray &token) { m_token = token; }

    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QByteArray &contentType = "application/json", QByteArrayView accept = "application/json")
    {
        return raw(method, m_apiServer + path, body, contentType, accept, m_token);
    }
    Reply get(const QString &path, QByteArrayView accept = "application/json") { return send("GET", path, {}, {}, accept); }
    Reply post(const QString &path, const QJsonObject &object)
    {
        return send("POST", path, QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    Reply put(const QString &path, const QJsonObject &object)
    {
        return send("PUT", path, QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

    std::unique_ptr<Stream> stream(const QString &path, QByteArrayView accept = "application/json")
    {
        QNetworkRequest request(QUrl(m_apiServer + path));
        request.setSslConfiguration(m_ssl);
        request.setRawHeader("Authorization", "Bearer " + m_token);
        request.setRawHeader("Accept", accept.toByteArray());
        return std::make_unique<Stream>(m_network.get(request));
    }

private:
    Reply raw(const QByteArray &method, const QString &url, const QByteArray &body, const QByteArray &contentType,
              QByteArrayView accept, const QByteArray &token)
    {
        QNetworkRequest request{QUrl(url)};
        request.setSslConfiguration(m_ssl);
        if (!contentType.isEmpty() && (method == "POST" || method == "PUT" || method == "PATCH"))
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (!accept.isEmpty())
            request.setRawHeader("Accept", accept.toByteArray());
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        reply->deleteLater();
        return result;
    }

    Fluxdeck::Sandbox::SandboxServer &m_server;
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl;
    QByteArray m_kubeconfig;
    QString m_apiServer;
    QByteArray m_token;
};

// A Kustomization as the Flux reconciler would apply it, with a Ready condition.
inline QJsonObject kustomization(const QString &ns, const QString &name, bool ready, const QString &message,
                                 const QJsonObject &labels = {})
{
    QJsonObject metadata{{u"name"_s, name}, {u"namespace"_s, ns}};
    if (!labels.isEmpty())
        metadata.insert(u"labels"_s, labels);
    return QJsonObject{
        {u"apiVersion"_s, u"kustomize.toolkit.fluxcd.io/v1"_s},
        {u"kind"_s, u"Kustomization"_s},
        {u"metadata"_s, metadata},
        {u"spec"_s, QJsonObject{{u"interval"_s, u"10m"_s}, {u"path"_s, u"./infrastructure"_s}, {u"prune"_s, true},
                                {u"sourceRef"_s, QJsonObject{{u"kind"_s, u"GitRepository"_s}, {u"name"_s, u"cluster-config"_s}}}}},
        {u"status"_s, QJsonObject{{u"conditions"_s, QJsonArray{QJsonObject{
                                      {u"type"_s, u"Ready"_s},
                                      {u"status"_s, ready ? u"True"_s : u"False"_s},
                                      {u"reason"_s, ready ? u"ReconciliationSucceeded"_s : u"BuildFailed"_s},
                                      {u"message"_s, message},
                                      {u"lastTransitionTime"_s, u"2026-11-25T09:00:00Z"_s}}}}}},
    };
}

inline QJsonObject namespaceObject(const QString &name)
{
    return QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s}, {u"metadata"_s, QJsonObject{{u"name"_s, name}}}};
}

} // namespace KubeTest
