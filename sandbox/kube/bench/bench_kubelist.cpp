// Listing 50,000 Kustomizations in one sandbox cluster through the HTTPS API, as kubectl and
// Fluxdeck do: in pages of 500 with continue tokens, in one response, and as server-side Tables.
//   cmake --build <dir> --target bench_kubelist && <dir>/sandbox/kube/bench_kubelist

#include "kube/kubeobjectstore.h"
#include "server/sandboxserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::SandboxServer;

namespace {

constexpr int Namespaces = 50;
constexpr int PerNamespace = 1000;
const QString Cluster = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5/resourceGroups/rg-gitops-prod/providers/"
                        "Microsoft.ContainerService/managedClusters/aks-prod-eastus"_s;
const QByteArray TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

class Http
{
public:
    explicit Http(const SandboxServer &server)
    {
        m_ssl = QSslConfiguration::defaultConfiguration();
        QList<QSslCertificate> roots = m_ssl.caCertificates();
        roots += QSslCertificate::fromPath(server.caCertificatePath());
        m_ssl.setCaCertificates(roots);
    }

    QByteArray send(const QByteArray &method, const QString &url, const QByteArray &body = {}, const QByteArray &accept = {},
                    const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request{QUrl(url)};
        request.setSslConfiguration(m_ssl);
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token);
        if (!accept.isEmpty())
            request.setRawHeader("Accept", accept);
        if (method == "POST")
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QByteArray data = reply->readAll();
        reply->deleteLater();
        return data;
    }

    void setToken(const QByteArray &token) { m_token = token; }

private:
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl;
    QByteArray m_token;
};

SandboxServer *server = nullptr;
Http *http = nullptr;
QString apiServer;

// Walks every page; returns how many items came back.
qsizetype listAll(const QString &path, int limit, const QByteArray &accept)
{
    qsizetype items = 0;
    QString token;
    do {
        QString url = apiServer + path;
        if (limit > 0)
            url += u"?limit="_s + QString::number(limit) + (token.isEmpty() ? QString() : u"&continue="_s + token);
        // Counted, not parsed: the numbers are the server's and the wire's, not a client's JSON parser.
        const QByteArray page = http->send("GET", url, {}, accept);
        items += page.count(accept.isEmpty() ? QByteArrayView("{\"apiVersion\":\"kustomize.toolkit.fluxcd.io/v1\"")
                                             : QByteArrayView("{\"cells\":"));
        const qsizetype at = page.indexOf("\"continue\":\"", page.indexOf("\"metadata\":"));
        token = at < 0 || at > 200 ? QString() : QString::fromLatin1(page.mid(at + 12, page.indexOf('"', at + 12) - at - 12));
    } while (!token.isEmpty());
    return items;
}

void run(benchmark::State &state, const QByteArray &accept)
{
    const int limit = int(state.range(0));
    for (auto _ : state) {
        const qsizetype items = listAll(u"/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations"_s, limit, accept);
        if (items != Namespaces * PerNamespace)
            state.SkipWithError("wrong item count");
    }
    state.SetItemsProcessed(state.iterations() * Namespaces * PerNamespace);
}

void ListKustomizations(benchmark::State &state)
{
    run(state, {});
}

void ListKustomizationsAsTable(benchmark::State &state)
{
    run(state, TableAccept);
}

BENCHMARK(ListKustomizations)->Arg(500)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(ListKustomizationsAsTable)->Arg(500)->Arg(5000)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

bool setUp(const QString &stateDirectory)
{
    SandboxServer::Options options;
    options.stateDirectory = stateDirectory;
    if (!server->start(options))
        return false;
    http = new Http(*server);   // trusts the CA the server just made
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
    form.addQueryItem(u"client_id"_s, server->clientId());
    form.addQueryItem(u"client_secret"_s, server->clientSecret());
    form.addQueryItem(u"scope"_s, u"https://management.azure.com/.default"_s);
    const QString base = server->baseUrl().toString();
    const QJsonObject token = QJsonDocument::fromJson(http->send("POST", base + u'/' + server->tenantId() + u"/oauth2/v2.0/token"_s,
                                                                 form.toString(QUrl::FullyEncoded).toUtf8(), {},
                                                                 "application/x-www-form-urlencoded")).object();
    http->setToken(token.value(u"access_token").toString().toUtf8());
    const QJsonObject credential = QJsonDocument::fromJson(
        http->send("POST", base + Cluster + u"/listClusterUserCredential?api-version=2024-05-01"_s, "{}")).object();
    const QByteArray kubeconfig = QByteArray::fromBase64(
        credential.value(u"kubeconfigs").toArray().at(0).toObject().value(u"value").toString().toLatin1());
    for (const QByteArray &line : kubeconfig.split('\n')) {
        if (line.trimmed().startsWith("server: "))
            apiServer = QString::fromUtf8(line.trimmed().mid(8));
        else if (line.trimmed().startsWith("token: "))
            http->setToken(line.trimmed().mid(7));
    }

    // 50,000 Kustomizations with Ready conditions, through the reconciler's C++ API.
    QElapsedTimer clock;
    clock.start();
    auto &kube = server->kubernetes();
    for (int n = 0; n < Namespaces; ++n) {
        const QString ns = u"team-%1"_s.arg(n, 2, 10, QChar(u'0'));
        (void)kube.apply(Cluster, QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                                              {u"metadata"_s, QJsonObject{{u"name"_s, ns}}}});
        for (int i = 0; i < PerNamespace; ++i) {
            const auto applied = kube.apply(Cluster, QJsonObject{
                {u"apiVersion"_s, u"kustomize.toolkit.fluxcd.io/v1"_s},
                {u"kind"_s, u"Kustomization"_s},
                {u"metadata"_s, QJsonObject{{u"name"_s, u"app-%1"_s.arg(i, 4, 10, QChar(u'0'))}, {u"namespace"_s, ns},
                                            {u"labels"_s, QJsonObject{{u"team"_s, ns}}}}},
                {u"spec"_s, QJsonObject{{u"interval"_s, u"10m"_s}, {u"path"_s, u"./apps/%1"_s.arg(i)}, {u"prune"_s, true},
                                        {u"sourceRef"_s, QJsonObject{{u"kind"_s, u"GitRepository"_s}, {u"name"_s, u"fleet"_s}}}}},
                {u"status"_s, QJsonObject{{u"conditions"_s, QJsonArray{QJsonObject{
                                              {u"type"_s, u"Ready"_s}, {u"status"_s, u"True"_s},
                                              {u"reason"_s, u"ReconciliationSucceeded"_s},
                                              {u"message"_s, u"Applied revision: main@sha1:5d4f6a1e"_s},
                                              {u"lastTransitionTime"_s, u"2026-11-25T09:00:00Z"_s}}}}}},
            });
            if (!applied)
                return false;
        }
    }
    const qint64 seeded = clock.restart();
    server->flush();
    fprintf(stderr, "applied %d Kustomizations in %lld ms; state written in %lld ms\n", Namespaces * PerNamespace,
            static_cast<long long>(seeded), static_cast<long long>(clock.elapsed()));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    QTemporaryDir state;
    SandboxServer sandbox;
    server = &sandbox;
    const bool ready = setUp(state.path());
    const std::unique_ptr<Http> client(http);   // made by setUp once the server's CA exists
    if (!ready) {
        fprintf(stderr, "setting up the sandbox failed\n");
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
