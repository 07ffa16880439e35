#include "appsettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Domain {

namespace {

Language languageFromKey(const QString &key)
{
    if (key == u"es")
        return Language::Spanish;
    if (key == u"en")
        return Language::English;
    return Language::System;
}

Theme themeFromKey(const QString &key)
{
    if (key == u"light")
        return Theme::Light;
    if (key == u"dark")
        return Theme::Dark;
    return Theme::System;
}

SignInMethod signInMethodFromKey(const QString &key)
{
    if (key == u"environment")
        return SignInMethod::Environment;
    if (key == u"azure-cli")
        return SignInMethod::AzureCli;
    if (key == u"device-code")
        return SignInMethod::DeviceCode;
    if (key == u"browser")
        return SignInMethod::Browser;
    return SignInMethod::Automatic;
}

} // namespace

QString signInMethodKey(SignInMethod method)
{
    switch (method) {
    case SignInMethod::Environment:
        return u"environment"_s;
    case SignInMethod::AzureCli:
        return u"azure-cli"_s;
    case SignInMethod::DeviceCode:
        return u"device-code"_s;
    case SignInMethod::Browser:
        return u"browser"_s;
    case SignInMethod::Automatic:
        break;
    }
    return u"automatic"_s;
}

QString languageKey(Language language)
{
    switch (language) {
    case Language::Spanish:
        return u"es"_s;
    case Language::English:
        return u"en"_s;
    case Language::System:
        break;
    }
    return u"system"_s;
}

QString themeKey(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return u"light"_s;
    case Theme::Dark:
        return u"dark"_s;
    case Theme::System:
        break;
    }
    return u"system"_s;
}

QString AppSettings::defaultCloud()
{
    return u"Sandbox"_s;
}

QStringList AppSettings::knownClouds()
{
    return {u"Sandbox"_s, u"AzureCloud"_s, u"AzureUSGovernment"_s, u"AzureChinaCloud"_s, customCloud()};
}

QString AppSettings::customCloud()
{
    return u"Custom"_s;
}

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings result;
    result.language = languageFromKey(settings.value("ui/language").toString());
    result.theme = themeFromKey(settings.value("ui/theme").toString());
    const QString cloud = settings.value("cloud/active").toString();
    if (knownClouds().contains(cloud))
        result.cloud = cloud;
    result.signInMethod = signInMethodFromKey(settings.value("cloud/signInMethod").toString());
    result.custom.name = settings.value("cloud/custom/name").toString();
    result.custom.resourceManager = settings.value("cloud/custom/resourceManager").toString();
    result.custom.authority = settings.value("cloud/custom/authority").toString();
    result.custom.audience = settings.value("cloud/custom/audience").toString();
    return result;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue("ui/language", languageKey(language));
    settings.setValue("ui/theme", themeKey(theme));
    settings.setValue("cloud/active", cloud);
    settings.setValue("cloud/signInMethod", signInMethodKey(signInMethod));
    settings.setValue("cloud/custom/name", custom.name);
    settings.setValue("cloud/custom/resourceManager", custom.resourceManager);
    settings.setValue("cloud/custom/authority", custom.authority);
    settings.setValue("cloud/custom/audience", custom.audience);
}

QString resolveLanguage(Language setting, const QString &commandLine, const QLocale &system)
{
    if (commandLine == u"es" || commandLine == u"en")
        return commandLine;
    switch (setting) {
    case Language::Spanish:
        return u"es"_s;
    case Language::English:
        return u"en"_s;
    case Language::System:
        break;
    }
    return system.language() == QLocale::Spanish ? u"es"_s : u"en"_s;
}

} // namespace Fluxdeck::Domain
