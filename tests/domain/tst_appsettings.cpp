#include "appsettings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Domain;

class TestAppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolveLanguage_data()
    {
        QTest::addColumn<Language>("setting");
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("expected");

        QTest::newRow("system Spanish") << Language::System << QString() << u"es_ES"_s << u"es"_s;
        QTest::newRow("system Mexican Spanish") << Language::System << QString() << u"es_MX"_s << u"es"_s;
        QTest::newRow("system German falls back to English") << Language::System << QString() << u"de_DE"_s << u"en"_s;
        QTest::newRow("setting beats system") << Language::English << QString() << u"es_ES"_s << u"en"_s;
        QTest::newRow("setting Spanish") << Language::Spanish << QString() << u"en_US"_s << u"es"_s;
        QTest::newRow("command line beats setting") << Language::Spanish << u"en"_s << u"es_ES"_s << u"en"_s;
        QTest::newRow("unknown command line is ignored") << Language::Spanish << u"fr"_s << u"en_US"_s << u"es"_s;
    }

    void resolveLanguage()
    {
        QFETCH(Language, setting);
        QFETCH(QString, commandLine);
        QFETCH(QString, system);
        QFETCH(QString, expected);
        QCOMPARE(Fluxdeck::Domain::resolveLanguage(setting, commandLine, QLocale(system)), expected);
    }

    void defaultsWhenEmpty()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"fluxdeck.ini"_s), QSettings::IniFormat);
        const AppSettings loaded = AppSettings::load(settings);
        QCOMPARE(loaded, AppSettings{});
        QCOMPARE(loaded.cloud, u"Sandbox"_s);
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"fluxdeck.ini"_s);
        AppSettings stored;
        stored.language = Language::Spanish;
        stored.theme = Theme::Dark;
        stored.cloud = u"AzureUSGovernment"_s;
        {
            QSettings settings(path, QSettings::IniFormat);
            stored.save(settings);
        }
        QSettings settings(path, QSettings::IniFormat);
        QCOMPARE(settings.value("ui/language").toString(), u"es"_s);
        QCOMPARE(settings.value("ui/theme").toString(), u"dark"_s);
        QCOMPARE(AppSettings::load(settings), stored);
    }

    void damagedValuesFallBack()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"fluxdeck.ini"_s), QSettings::IniFormat);
        settings.setValue("ui/language", u"klingon"_s);
        settings.setValue("ui/theme", 42);
        settings.setValue("cloud/active", u"NotACloud"_s);
        QCOMPARE(AppSettings::load(settings), AppSettings{});
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
