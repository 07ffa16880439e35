// The fleet view at scale: sandbox --fleet 10000, a signed-in ArmClient, then the time until
// FleetModel is filled from Resource Graph, with the HTTP requests it took and the process's
// resident memory; and filtering, grouping and charting those clusters in FleetView.
// Run: build/<preset>/tests/bench/bench_fleetview (the sandbox runs in this process, on this
// thread, so the time includes Resource Graph's own work and the RSS its 10,000 clusters).

#include "armclient.h"
#include "armreply.h"
#include "clientsecretcredential.h"
#include "clouds.h"
#include "fleetchart.h"
#include "fleetfiltermodel.h"
#include "fleetmodel.h"
#include "fleetview.h"
#include "server/sandboxserver.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QComboBox>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::FleetModel;
using Fluxdeck::Net::ArmClient;
using Fluxdeck::Net::AzureCloudEndpoints;
using Fluxdeck::Net::ClientSecretCredential;
using Fluxdeck::Net::TokenCredential;
using Fluxdeck::Sandbox::SandboxServer;

namespace {

constexpr int FleetSize = 10000;

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

// One sandbox with a generated fleet and a client signed in to it, shared by the benchmarks.
struct Cloud
{
    QTemporaryDir dir;
    SandboxServer server;
    QNetworkAccessManager network;
    std::unique_ptr<ClientSecretCredential> credential;
    std::unique_ptr<ArmClient> client;
    double sandboxMegabytes = 0;
    QString error;

    Cloud()
    {
        SandboxServer::Options options;
        options.stateDirectory = dir.path();
        options.fleet = FleetSize;
        options.seed = 7;
        if (const auto started = server.start(options); !started) {
            error = started.error().toString();
            return;
        }
        const auto cloud = AzureCloudEndpoints::fromSandboxAnnouncement(server.announcement());
        if (!cloud) {
            error = cloud.error().toString();
            return;
        }
        const auto armOptions = ArmClient::Options::forCloud(*cloud);
        if (!armOptions) {
            error = armOptions.error().toString();
            return;
        }
        credential = std::make_unique<ClientSecretCredential>(&network, *cloud, cloud->servicePrincipalTenant,
                                                              cloud->servicePrincipalClientId,
                                                              cloud->servicePrincipalSecret);
        client = std::make_unique<ArmClient>(&network, credential.get(), *armOptions);
        // Signed in before anything is measured.
        const auto token = credential->requestToken();
        QEventLoop loop;
        QObject::connect(token.get(), &Fluxdeck::Net::TokenRequest::finished, &loop, &QEventLoop::quit);
        if (!token->isFinished())
            loop.exec();
        if (!token->result())
            error = token->result().error().toString();
        sandboxMegabytes = residentMegabytes();
    }
};

Cloud &cloud()
{
    static Cloud instance;
    return instance;
}

bool loadFleet(FleetModel &model, const QStringList &subscriptions)
{
    QEventLoop loop;
    bool succeeded = false;
    QObject::connect(&model, &FleetModel::loadFinished, &loop, [&](bool ok) {
        succeeded = ok;
        loop.quit();
    });
    model.load(subscriptions);
    loop.exec();
    return succeeded;
}

void fleetModelLoad(benchmark::State &state)
{
    Cloud &c = cloud();
    if (!c.error.isEmpty()) {
        state.SkipWithError(qPrintable(c.error));
        return;
    }
    FleetModel::LoadStatistics cost;
    int rows = 0;
    for (auto _ : state) {
        FleetModel model(c.client.get());
        if (!loadFleet(model, c.server.subscriptionIds())) {
            state.SkipWithError(qPrintable(model.errorMessage()));
            return;
        }
        cost = model.lastLoad();
        rows = model.rowCount();
        state.PauseTiming();
        state.counters["rss_MiB"] = residentMegabytes();
        state.ResumeTiming();
    }
    state.counters["clusters"] = rows;
    state.counters["requests"] = cost.requests;
    state.counters["pages"] = cost.pages;
    state.counters["sandbox_rss_MiB"] = c.sandboxMegabytes;
}

// Each of the fleet's Resource Graph queries alone, every page, without the model: what the
// sandbox's Resource Graph and the transport cost.
void resourceGraphQuery(benchmark::State &state)
{
    Cloud &c = cloud();
    if (!c.error.isEmpty()) {
        state.SkipWithError(qPrintable(c.error));
        return;
    }
    namespace FleetQuery = Fluxdeck::Items::FleetQuery;
    const QString queries[] = {FleetQuery::clusters(), FleetQuery::fluxExtensions(), FleetQuery::fluxConfigurations(),
                               FleetQuery::subscriptionNames()};
    const QString &query = queries[state.range(0)];
    int pages = 0;
    qsizetype rows = 0;
    for (auto _ : state) {
        const std::unique_ptr<Fluxdeck::Net::ArmReply> reply = c.client->queryResourceGraph(query, c.server.subscriptionIds());
        QEventLoop loop;
        QObject::connect(reply.get(), &Fluxdeck::Net::ArmReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        if (!reply->result()) {
            state.SkipWithError(qPrintable(reply->result().error().userMessage()));
            return;
        }
        pages = reply->result()->pages;
        rows = reply->result()->values.size();
    }
    state.counters["pages"] = pages;
    state.counters["rows"] = double(rows);
}

// Typing a filter and changing the grouping with 10,000 rows in the table and the chart.
void fleetViewFilterAndGroup(benchmark::State &state)
{
    Cloud &c = cloud();
    if (!c.error.isEmpty()) {
        state.SkipWithError(qPrintable(c.error));
        return;
    }
    FleetModel model(c.client.get());
    if (!loadFleet(model, c.server.subscriptionIds())) {
        state.SkipWithError(qPrintable(model.errorMessage()));
        return;
    }
    Fluxdeck::Ui::FleetView view(model);
    view.resize(1200, 800);
    view.show();
    auto *filter = view.findChild<QLineEdit *>(u"fleetFilterEdit"_s);
    auto *group = view.findChild<QComboBox *>(u"fleetGroupByCombo"_s);
    for (auto _ : state) {
        QTest::keyClicks(filter, u"arc westeurope"_s);
        group->setCurrentIndex((group->currentIndex() + 1) % group->count());
        filter->clear();
        view.repaint();
        QCoreApplication::processEvents();
    }
    state.counters["rows"] = view.filterModel()->rowCount();
    state.counters["rss_MiB"] = residentMegabytes();
}

} // namespace

BENCHMARK(resourceGraphQuery)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(fleetModelLoad)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(fleetViewFilterAndGroup)->Unit(benchmark::kMillisecond)->Iterations(5);

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
