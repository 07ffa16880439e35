#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QTranslator;

namespace Fluxdeck::Ui {

// Installs Fluxdeck's and Qt's own translations for one language; switching at run time makes
// Qt send LanguageChange to every widget, which retranslates itself.
class Localization final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Localization)

public:
    explicit Localization(QObject *parent = nullptr);
    ~Localization() override;

    bool activate(const QString &language);   // "es" or "en"; false when "es" cannot be loaded
    QString language() const { return m_language; }

private:
    void removeTranslators();

    std::unique_ptr<QTranslator> m_fluxdeck;
    std::unique_ptr<QTranslator> m_qt;
    QString m_language = QStringLiteral("en");
};

} // namespace Fluxdeck::Ui
