// Fluxdeck's composition root: one of each shared service, handed to the main window.

#include "appsettings.h"
#include "azuresession.h"
#include "clouds.h"
#include "clusterpage.h"
#include "clusterresources.h"
#include "explorerloader.h"
#include "explorermodel.h"
#include "fleetmodel.h"
#include "fleetview.h"
#include "gitlibrary.h"
#include "libraryinfo.h"
#include "localization.h"
#include "mainwindow.h"
#include "operationsmodel.h"
#include "preflightdoctor.h"
#include "secretstore.h"
#include "theme.h"
#include "server/embeddedsandbox.h"

#include <KSyntaxHighlighting/Repository>

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QImage>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// Options that decide how QApplication is created must be read before it exists.
bool wantsOffscreen(int argc, char **argv)
{
    bool screenshot = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--screenshot" || arg.startsWith("--screenshot="))
            screenshot = true;
    }
    return screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

Fluxdeck::Items::AzureSession::Method sessionMethod(Fluxdeck::Domain::SignInMethod method)
{
    using Method = Fluxdeck::Items::AzureSession::Method;
    switch (method) {
    case Fluxdeck::Domain::SignInMethod::Environment:
        return Method::Environment;
    case Fluxdeck::Domain::SignInMethod::AzureCli:
        return Method::AzureCli;
    case Fluxdeck::Domain::SignInMethod::DeviceCode:
        return Method::DeviceCode;
    case Fluxdeck::Domain::SignInMethod::Browser:
        return Method::Browser;
    case Fluxdeck::Domain::SignInMethod::Automatic:
        break;
    }
    return Method::Automatic;
}

// --open: the cluster whose name or ARM id this is, opened in the window.
Fluxdeck::Ui::ClusterPage *openNamedCluster(Fluxdeck::Ui::MainWindow &window, const QString &cluster)
{
    const QAbstractItemModel *model = &window.explorerModel();
    QList<QModelIndex> pending{QModelIndex()};
    while (!pending.isEmpty()) {
        const QModelIndex parent = pending.takeFirst();
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex child = model->index(row, 0, parent);
            const QString id = child.data(Fluxdeck::Items::ExplorerModel::ResourceIdRole).toString();
            if (!id.isEmpty() && (id.compare(cluster, Qt::CaseInsensitive) == 0 || child.data().toString() == cluster)) {
                const auto kind = child.data(Fluxdeck::Items::ExplorerModel::KindRole).value<Fluxdeck::Items::ExplorerModel::Kind>();
                if (kind == Fluxdeck::Items::ExplorerModel::Kind::ManagedCluster
                    || kind == Fluxdeck::Items::ExplorerModel::Kind::ConnectedCluster)
                    return window.openCluster(id);
            }
            pending.append(child);
        }
    }
    return nullptr;
}

} // namespace

int main(int argc, char **argv)
{
    if (wantsOffscreen(argc, argv))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Fluxdeck"_s);
    QApplication::setOrganizationDomain(u"fluxdeck.dev"_s);
    QApplication::setApplicationName(u"Fluxdeck"_s);
    QApplication::setApplicationDisplayName(u"Fluxdeck"_s);
    QApplication::setApplicationVersion(Fluxdeck::Domain::fluxdeckVersion());
    QGuiApplication::setDesktopFileName(u"dev.fluxdeck.Fluxdeck"_s);

    QSettings settings;
    const Fluxdeck::Domain::AppSettings stored = Fluxdeck::Domain::AppSettings::load(settings);

    // The language comes first so that --help itself is translated.
    QString languageOption;
    for (qsizetype i = 1; i < QApplication::arguments().size(); ++i) {
        const QString arg = QApplication::arguments().at(i);
        if (arg.startsWith(u"--lang="))
            languageOption = arg.mid(7);
        else if (arg == u"--lang" && i + 1 < QApplication::arguments().size())
            languageOption = QApplication::arguments().at(i + 1);
    }
    Fluxdeck::Ui::Localization localization;
    localization.activate(Fluxdeck::Domain::resolveLanguage(stored.language, languageOption, QLocale::system()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Fluxdeck: GitOps with Flux v2 on Azure Arc-enabled Kubernetes and AKS."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption langOption(u"lang"_s, QApplication::translate("main", "User interface language: es or en."),
                                        u"language"_s);
    const QCommandLineOption screenshotOption(
        u"screenshot"_s, QApplication::translate("main", "Render the main window after startup, save it as a PNG and exit."),
        u"file"_s);
    const QCommandLineOption sandboxOption(
        u"sandbox"_s, QApplication::translate("main", "Start the built-in sandbox cloud (the default while the cloud "
                                                      "setting is Sandbox)."));
    const QCommandLineOption sandboxStateOption(
        u"sandbox-state"_s, QApplication::translate("main", "Directory that keeps the sandbox cloud between runs."),
        u"dir"_s);
    parser.addOption(langOption);
    parser.addOption(screenshotOption);
    parser.addOption(sandboxOption);
    parser.addOption(sandboxStateOption);
    const QCommandLineOption sandboxFleetOption(
        u"sandbox-fleet"_s, QApplication::translate("main", "When the sandbox creates its cloud, add this many generated "
                                                            "clusters (a fleet to try the fleet view on)."),
        u"clusters"_s);
    parser.addOption(sandboxFleetOption);
    const QCommandLineOption openOption(
        u"open"_s, QApplication::translate("main", "Open the page of this cluster (name or resource ID) once signed in."),
        u"cluster"_s);
    parser.addOption(openOption);
    const QCommandLineOption pageOption(
        u"page"_s, QApplication::translate("main", "With --open, the cluster tab to show: overview, extensions, "
                                                   "configurations or preflight; alone, fleet opens the fleet view."),
        u"tab"_s);
    parser.addOption(pageOption);
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "%s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(langOption) && languageOption != u"es" && languageOption != u"en") {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QApplication::translate("main", "Unknown language \"%1\" for --lang: use es or en.")
                                    .arg(parser.value(langOption))));
        return 2;
    }
    if (parser.isSet(helpOption))
        parser.showHelp(0);
    if (parser.isSet(versionOption))
        parser.showVersion();

    Fluxdeck::Ui::applyTheme(stored.theme);

    Fluxdeck::Git::GitLibrary git;
    KSyntaxHighlighting::Repository highlighting;
    Fluxdeck::Items::OperationsModel operations;
    QNetworkAccessManager network;
    Fluxdeck::Items::KeychainSecretStore keychain;
    Fluxdeck::Items::AzureSession session(&network, &keychain);
    // Browser sign-in where there is a desktop to show one on.
    if (QGuiApplication::platformName() != u"offscreen" && QGuiApplication::platformName() != u"minimal")
        session.setBrowserOpener([](const QUrl &url) { QDesktopServices::openUrl(url); });
    Fluxdeck::Ui::MainWindow window({settings, highlighting, operations, localization, &session});
    window.show();

    // The sandbox runs on its own thread; the window shows its start in Operations. Once it has
    // announced itself, the session signs in to it as to any cloud.
    Fluxdeck::Sandbox::EmbeddedSandbox sandbox;
    QJsonObject announcement;
    bool sandboxStarted = false;
    Fluxdeck::Sandbox::SandboxServer::Options sandboxOptions;
    sandboxOptions.stateDirectory = parser.isSet(sandboxStateOption)
        ? parser.value(sandboxStateOption)
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/sandbox"_s;
    sandboxOptions.fleet = std::max(0, parser.value(sandboxFleetOption).toInt());
    const auto signInToSandbox = [&] {
        auto cloud = Fluxdeck::Net::AzureCloudEndpoints::fromSandboxAnnouncement(announcement);
        if (!cloud)
            return;
        session.setCloud(*cloud);
        window.setCloudEndpoint(announcement.value(u"armEndpoint").toString());
        session.signIn(Fluxdeck::Items::AzureSession::Interaction::Silent);
    };
    const auto startSandbox = [&] {
        if (sandboxStarted)
            return;
        sandboxStarted = true;
        const auto operation = operations.start(QApplication::translate("main", "Starting the sandbox cloud"));
        QObject::connect(&sandbox, &Fluxdeck::Sandbox::EmbeddedSandbox::started, &window,
                         [&, operation](const QJsonObject &announced) {
                             announcement = announced;
                             operations.succeed(operation, QApplication::translate("main", "Listening on %1")
                                                               .arg(announced.value(u"armEndpoint").toString()));
                             if (Fluxdeck::Domain::AppSettings::load(settings).cloud
                                     == Fluxdeck::Domain::AppSettings::defaultCloud()
                                 || parser.isSet(sandboxOption))
                                 signInToSandbox();
                         });
        QObject::connect(&sandbox, &Fluxdeck::Sandbox::EmbeddedSandbox::failed, &window,
                         [&operations, operation](const QString &message) { operations.fail(operation, message); });
        sandbox.start(sandboxOptions);
    };
    // Points the session at the chosen cloud and signs in silently where that needs nobody
    // (a device code waits until the user asks to sign in).
    const auto chooseCloud = [&](const Fluxdeck::Domain::AppSettings &chosen, bool forceSandbox) {
        session.setMethod(sessionMethod(chosen.signInMethod));
        if (forceSandbox || chosen.cloud == Fluxdeck::Domain::AppSettings::defaultCloud()) {
            if (!announcement.isEmpty())
                signInToSandbox();
            else
                startSandbox();
            return;
        }
        const auto cloud = chosen.cloud == Fluxdeck::Domain::AppSettings::customCloud()
            ? Fluxdeck::Net::AzureCloudEndpoints::custom(chosen.custom.name, QUrl(chosen.custom.resourceManager),
                                                         QUrl(chosen.custom.authority), chosen.custom.audience)
            : Fluxdeck::Net::AzureCloudEndpoints::builtIn(chosen.cloud);
        if (!cloud) {
            operations.fail(operations.start(QApplication::translate("main", "Choosing the cloud %1").arg(chosen.cloud)),
                            cloud.error().message);
            return;
        }
        session.setCloud(*cloud);
        window.setCloudEndpoint(cloud->resourceManager.host());
        session.signIn(Fluxdeck::Items::AzureSession::Interaction::Silent);
    };
    QObject::connect(&window, &Fluxdeck::Ui::MainWindow::cloudChosen, &window,
                     [&](const Fluxdeck::Domain::AppSettings &chosen) { chooseCloud(chosen, false); });
    const bool useSandbox = parser.isSet(sandboxOption) || stored.cloud == Fluxdeck::Domain::AppSettings::defaultCloud();
    chooseCloud(stored, useSandbox);

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        const QString open = parser.value(openOption);
        // Taken once the explorer has filled (and the asked-for cluster page has loaded), or
        // whatever shows after 20 s: a screenshot of a failure is still a screenshot.
        const auto shoot = [&window, file] {
            const QImage image = window.grab().toImage();
            if (!image.save(file, "PNG")) {
                std::fprintf(stderr, "%s\n",
                             qPrintable(QApplication::translate("main", "Could not write the screenshot to %1.").arg(file)));
                QApplication::exit(1);
                return;
            }
            QApplication::exit(0);
        };
        const auto settle = [shoot] { QTimer::singleShot(300, shoot); };
        QTimer::singleShot(20000, &window, shoot);
        QObject::connect(&session, &Fluxdeck::Items::AzureSession::stateChanged, &window,
                         [settle](Fluxdeck::Items::AzureSession::State state) {
                             if (state == Fluxdeck::Items::AzureSession::State::Failed)
                                 settle();
                         });
        if (auto *loader = window.explorerLoader()) {
            const QString tabName = parser.value(pageOption);
            QObject::connect(loader, &Fluxdeck::Items::ExplorerLoader::loaded, &window, [&window, open, tabName, settle] {
                if (tabName == u"fleet") {
                    Fluxdeck::Ui::FleetView *fleet = window.openFleet();
                    auto *model = fleet ? fleet->findChild<Fluxdeck::Items::FleetModel *>() : nullptr;
                    if (!model) {
                        settle();
                        return;
                    }
                    QObject::connect(model, &Fluxdeck::Items::FleetModel::loadFinished, &window, settle);
                    return;
                }
                if (open.isEmpty()) {
                    settle();
                    return;
                }
                Fluxdeck::Ui::ClusterPage *page = openNamedCluster(window, open);
                if (!page) {
                    settle();
                    return;
                }
                const int tab = QStringList{u"overview"_s, u"extensions"_s, u"configurations"_s, u"preflight"_s}
                                    .indexOf(tabName);
                if (tab > 0 && tab < page->tabs()->count())
                    page->tabs()->setCurrentIndex(tab);
                if (auto *doctor = page->findChild<Fluxdeck::Items::PreflightDoctor *>(); doctor && tab == 3) {
                    QObject::connect(doctor, &Fluxdeck::Items::PreflightDoctor::finished, &window, settle);
                    return;
                }
                QObject::connect(page->details(), &Fluxdeck::Items::ClusterDetails::loaded, &window, settle);
            });
            QObject::connect(loader, &Fluxdeck::Items::ExplorerLoader::failed, &window, settle);
        }
        if (!useSandbox && session.state() == Fluxdeck::Items::AzureSession::State::SignedOut)
            QTimer::singleShot(0, &window, shoot);
    }
    return QApplication::exec();
}
