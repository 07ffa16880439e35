#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QStringList>

class QSettings;

namespace Fluxdeck::Domain {

enum class Language { System, Spanish, English };
enum class Theme { System, Light, Dark };
// How Fluxdeck signs in to a real Azure cloud (the sandbox signs in as its own service principal).
enum class SignInMethod { Automatic, Environment, AzureCli, DeviceCode, Browser };

// The user's preferences, as stored with QSettings. Unknown or damaged values fall back to
// the defaults instead of failing: a settings file must never keep Fluxdeck from starting.
struct AppSettings
{
    Language language = Language::System;
    Theme theme = Theme::System;
    QString cloud = defaultCloud();
    SignInMethod signInMethod = SignInMethod::Automatic;
    // A cloud registered by hand, as `az cloud register` does; used while cloud == customCloud().
    struct CustomCloud
    {
        QString name;
        QString resourceManager;   // https://management.example.com
        QString authority;         // https://login.example.com
        QString audience;          // the token audience; empty: the Resource Manager endpoint
        friend bool operator==(const CustomCloud &, const CustomCloud &) = default;
    };
    CustomCloud custom;

    static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    static QString defaultCloud();
    static QStringList knownClouds();   // the names `az cloud list` uses, the sandbox, and "Custom"
    static QString customCloud();

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};

// The UI language to use: the command line wins, then the setting, then the system locale.
// Only "es" and "en" exist; anything else maps to English.
QString resolveLanguage(Language setting, const QString &commandLine, const QLocale &system);

QString languageKey(Language language);
QString themeKey(Theme theme);
QString signInMethodKey(SignInMethod method);

} // namespace Fluxdeck::Domain
