// Fluxdeck's composition root: one of each shared service, handed to the main window.

#include "appsettings.h"
#include "gitlibrary.h"
#include "libraryinfo.h"
#include "localization.h"
#include "mainwindow.h"
#include "operationsmodel.h"
#include "theme.h"
#include "server/embeddedsandbox.h"

#include <KSyntaxHighlighting/Repository>

#include <QApplication>
#include <QCommandLineParser>
#include <QImage>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

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
    Fluxdeck::Ui::MainWindow window({settings, highlighting, operations, localization});
    window.show();

    // The sandbox runs on its own thread; the window shows its start in Operations.
    Fluxdeck::Sandbox::EmbeddedSandbox sandbox;
    const bool useSandbox = parser.isSet(sandboxOption) || stored.cloud == Fluxdeck::Domain::AppSettings::defaultCloud();
    if (useSandbox) {
        Fluxdeck::Sandbox::SandboxServer::Options options;
        options.stateDirectory = parser.isSet(sandboxStateOption)
            ? parser.value(sandboxStateOption)
            : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/sandbox"_s;
        const auto operation = operations.start(QApplication::translate("main", "Starting the sandbox cloud"));
        QObject::connect(&sandbox, &Fluxdeck::Sandbox::EmbeddedSandbox::started, &window,
                         [&operations, &window, operation](const QJsonObject &announcement) {
                             const QString endpoint = announcement.value(u"armEndpoint").toString();
                             operations.succeed(operation, QApplication::translate("main", "Listening on %1").arg(endpoint));
                             window.setCloudEndpoint(endpoint);
                         });
        QObject::connect(&sandbox, &Fluxdeck::Sandbox::EmbeddedSandbox::failed, &window,
                         [&operations, operation](const QString &message) { operations.fail(operation, message); });
        sandbox.start(options);
    }

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        // Queued: the first layout and paint happen once the event loop runs, and a starting
        // sandbox has settled (it reports within seconds either way).
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
        if (useSandbox) {
            QObject::connect(&sandbox, &Fluxdeck::Sandbox::EmbeddedSandbox::started, &window,
                             [shoot] { QTimer::singleShot(0, shoot); });
            QObject::connect(&sandbox, &Fluxdeck::Sandbox::EmbeddedSandbox::failed, &window,
                             [shoot] { QTimer::singleShot(0, shoot); });
        } else {
            QTimer::singleShot(0, &window, shoot);
        }
    }
    return QApplication::exec();
}
