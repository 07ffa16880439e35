#include "localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Ui {

Localization::Localization(QObject *parent)
    : QObject(parent)
{
}

Localization::~Localization()
{
    removeTranslators();
}

void Localization::removeTranslators()
{
    if (m_fluxdeck)
        QCoreApplication::removeTranslator(m_fluxdeck.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_fluxdeck.reset();
    m_qt.reset();
}

bool Localization::activate(const QString &language)
{
    removeTranslators();
    m_language = u"en"_s;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    if (language != u"es") {
        // English is the source language; its file only spells the plural forms out.
        auto english = std::make_unique<QTranslator>();
        if (english->load(u":/i18n/fluxdeck_en.qm"_s)) {
            m_fluxdeck = std::move(english);
            QCoreApplication::installTranslator(m_fluxdeck.get());
        } else {
            // Installing nothing still has to tell the widgets: they may be showing Spanish.
            QEvent change(QEvent::LanguageChange);
            QCoreApplication::sendEvent(QCoreApplication::instance(), &change);
        }
        return language == u"en";
    }

    auto fluxdeck = std::make_unique<QTranslator>();
    if (!fluxdeck->load(u":/i18n/fluxdeck_es.qm"_s))
        return false;
    auto qt = std::make_unique<QTranslator>();
    // Qt's own strings (standard buttons, context menus); absent in some minimal installs.
    if (qt->load(QLocale(QLocale::Spanish), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        m_qt = std::move(qt);
    m_fluxdeck = std::move(fluxdeck);
    QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::Spain));
    if (m_qt)
        QCoreApplication::installTranslator(m_qt.get());
    QCoreApplication::installTranslator(m_fluxdeck.get());
    m_language = u"es"_s;
    return true;
}

} // namespace Fluxdeck::Ui
