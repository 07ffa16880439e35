// fluxdeck-sandbox: the local cloud on its own, for scripts, kubectl and the Azure SDKs.
// Prints one JSON line when ready, serves until SIGTERM or SIGINT, then exits 0.

#include "server/sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

#ifdef Q_OS_UNIX
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: the event loop reads the byte and quits.
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}
#endif

int fail(const QString &message)
{
    std::fprintf(stderr, "fluxdeck-sandbox: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"fluxdeck-sandbox"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FLUXDECK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Fluxdeck's local cloud: Azure Resource Manager, Entra sign-in, Kubernetes "
                                     "APIs and Flux, over HTTPS on loopback."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(u"listen"_s, u"Address and port, e.g. 127.0.0.1:0 (0 picks a free port)."_s,
                                    u"address:port"_s, u"127.0.0.1:0"_s);
    const QCommandLineOption state(u"state"_s, u"Directory that keeps the cloud between runs."_s, u"dir"_s);
    const QCommandLineOption fleet(u"fleet"_s, u"Add N generated clusters."_s, u"N"_s, u"0"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed for generated data and faults."_s, u"S"_s, u"1"_s);
    const QCommandLineOption pageSize(u"page-size"_s, u"Items per page of every list."_s, u"N"_s, u"100"_s);
    const QCommandLineOption operationMs(u"operation-ms"_s, u"How long provisioning operations take."_s, u"ms"_s,
                                         u"1500"_s);
    const QCommandLineOption tokenLifetime(u"token-lifetime"_s, u"Access token lifetime in seconds."_s, u"s"_s,
                                           u"3600"_s);
    const QCommandLineOption faults(u"faults"_s, u"Inject faults: KIND@PATTERN[~P][:ARG];... (see sandbox/README.md)."_s,
                                    u"spec"_s);
    const QCommandLineOption fluxStep(u"flux-step-ms"_s,
                                      u"Pause between Flux reconcile passes while work is in progress."_s, u"ms"_s, u"500"_s);
    parser.addOptions({listen, state, fleet, seed, pageSize, operationMs, tokenLifetime, faults, fluxStep});
    parser.process(app);

    Fluxdeck::Sandbox::SandboxServer::Options options;
    const QString address = parser.value(listen);
    const qsizetype colon = address.lastIndexOf(u':');
    bool ok = colon > 0;
    const uint port = ok ? address.mid(colon + 1).toUInt(&ok) : 0;
    if (!ok || port > 65535 || !options.address.setAddress(address.left(colon)))
        return fail(u"--listen wants address:port, e.g. 127.0.0.1:0, not '%1'."_s.arg(address));
    if (!options.address.isLoopback())
        return fail(u"--listen must name a loopback address (127.0.0.1 or ::1): the sandbox is local only."_s);
    options.port = quint16(port);
    options.stateDirectory = parser.value(state);
    const auto number = [&](const QCommandLineOption &option, int minimum, int *out) {
        bool valid = false;
        *out = parser.value(option).toInt(&valid);
        return valid && *out >= minimum;
    };
    int value = 0;
    if (!number(fleet, 0, &value))
        return fail(u"--fleet wants a whole number of clusters, 0 or more."_s);
    options.fleet = value;
    if (!number(seed, 0, &value))
        return fail(u"--seed wants a whole number."_s);
    options.seed = quint32(value);
    if (!number(pageSize, 1, &value))
        return fail(u"--page-size wants a whole number, 1 or more."_s);
    options.pageSize = value;
    if (!number(operationMs, 0, &value))
        return fail(u"--operation-ms wants milliseconds, 0 or more."_s);
    options.operationDuration = std::chrono::milliseconds(value);
    if (!number(tokenLifetime, 1, &value))
        return fail(u"--token-lifetime wants seconds, 1 or more."_s);
    options.tokenLifetime = std::chrono::seconds(value);
    options.faults = parser.value(faults);
    if (!number(fluxStep, 0, &value))
        return fail(u"--flux-step-ms wants milliseconds, 0 or more."_s);
    options.fluxStep = std::chrono::milliseconds(value);

    Fluxdeck::Sandbox::SandboxServer server;
    if (auto started = server.start(options); !started)
        return fail(started.error().toString());

#ifdef Q_OS_UNIX
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }
#endif

    std::printf("%s\n", QJsonDocument(server.announcement()).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    const int result = QCoreApplication::exec();
    server.flush();
    return result;
}
