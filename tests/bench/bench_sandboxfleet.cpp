// Benchmarks of the sandbox at fleet scale: start with --fleet 10000, and Resource Graph paging
// over that fleet as the explorer does it. Run: build/<preset>/tests/bench/bench_sandboxfleet

#include "server/resourcestore.h"
#include "server/sandboxserver.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::SandboxServer;

namespace {

double residentMegabytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

QJsonObject post(QNetworkAccessManager &network, const QSslConfiguration &ssl, const QUrl &url, const QByteArray &body,
                 const QByteArray &contentType, const QByteArray &token = {})
{
    QNetworkRequest request(url);
    request.setSslConfiguration(ssl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = network.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return json;
}

void startFleet(benchmark::State &state)
{
    const int fleet = int(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        SandboxServer server;
        SandboxServer::Options options;
        options.stateDirectory = dir.path();
        options.fleet = fleet;
        state.ResumeTiming();
        const auto started = server.start(options);
        state.PauseTiming();
        if (!started)
            state.SkipWithError(qPrintable(started.error().toString()));
        state.counters["resources"] = double(server.store().size());
        state.counters["rss_MiB"] = residentMegabytes();
        state.ResumeTiming();
    }
}

void resourceGraphClusters(benchmark::State &state)
{
    QTemporaryDir dir;
    SandboxServer server;
    SandboxServer::Options serverOptions;
    serverOptions.stateDirectory = dir.path();
    serverOptions.fleet = int(state.range(0));
    if (!server.start(serverOptions)) {
        state.SkipWithError("sandbox did not start");
        return;
    }
    QNetworkAccessManager network;
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(server.caCertificatePath());
    const QString base = server.baseUrl().toString();
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
    form.addQueryItem(u"client_id"_s, server.clientId());
    form.addQueryItem(u"client_secret"_s, server.clientSecret());
    form.addQueryItem(u"scope"_s, base + u"/.default"_s);
    const QByteArray token = post(network, ssl, QUrl(base + u'/' + server.tenantId() + u"/oauth2/v2.0/token"_s),
                                  form.toString(QUrl::FullyEncoded).toUtf8(), "application/x-www-form-urlencoded")
                                 .value(u"access_token").toString().toUtf8();
    const QUrl graph(base + u"/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01"_s);
    int requests = 0;
    qint64 rows = 0;
    for (auto _ : state) {
        QJsonObject options{{u"$top"_s, 1000}};
        rows = 0;
        requests = 0;
        for (;;) {
            const QJsonObject body{{u"query"_s, u"resources | where type =~ 'microsoft.containerservice/managedclusters' "
                                                "or type =~ 'microsoft.kubernetes/connectedclusters' | project id, name, "
                                                "type, location, resourceGroup, subscriptionId, properties"_s},
                                   {u"options"_s, options}};
            const QJsonObject page = post(network, ssl, graph, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                          "application/json", token);
            ++requests;
            rows += page.value(u"data").toArray().size();
            const QString skipToken = page.value(u"$skipToken").toString();
            if (skipToken.isEmpty())
                break;
            options = QJsonObject{{u"$top"_s, 1000}, {u"$skipToken"_s, skipToken}};
        }
    }
    state.counters["clusters"] = double(rows);
    state.counters["requests"] = requests;
    state.counters["rss_MiB"] = residentMegabytes();
}

} // namespace

BENCHMARK(startFleet)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(resourceGraphClusters)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(3);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
