#include "settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Fluxdeck::Domain::AppSettings;
using Fluxdeck::Domain::Language;
using Fluxdeck::Domain::Theme;

namespace Fluxdeck::Ui {

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_language(new QComboBox)
    , m_theme(new QComboBox)
    , m_cloud(new QComboBox)
    , m_languageLabel(new QLabel)
    , m_themeLabel(new QLabel)
    , m_cloudLabel(new QLabel)
    , m_cloudHint(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setObjectName(u"settingsDialog"_s);
    m_language->setObjectName(u"languageCombo"_s);
    m_theme->setObjectName(u"themeCombo"_s);
    m_cloud->setObjectName(u"cloudCombo"_s);
    m_buttons->setObjectName(u"settingsButtons"_s);

    for (int i = 0; i < 3; ++i) {
        m_language->addItem({});
        m_theme->addItem({});
    }
    m_language->setItemData(0, QVariant::fromValue(Language::System));
    m_language->setItemData(1, QVariant::fromValue(Language::Spanish));
    m_language->setItemData(2, QVariant::fromValue(Language::English));
    m_theme->setItemData(0, QVariant::fromValue(Theme::System));
    m_theme->setItemData(1, QVariant::fromValue(Theme::Light));
    m_theme->setItemData(2, QVariant::fromValue(Theme::Dark));
    for (const QString &cloud : AppSettings::knownClouds())
        m_cloud->addItem(QString(), cloud);

    m_language->setCurrentIndex(m_language->findData(QVariant::fromValue(settings.language)));
    m_theme->setCurrentIndex(m_theme->findData(QVariant::fromValue(settings.theme)));
    m_cloud->setCurrentIndex(std::max(0, m_cloud->findData(settings.cloud)));

    m_languageLabel->setBuddy(m_language);
    m_themeLabel->setBuddy(m_theme);
    m_cloudLabel->setBuddy(m_cloud);
    m_cloudHint->setWordWrap(true);
    m_cloudHint->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    form->addRow(m_themeLabel, m_theme);
    form->addRow(m_cloudLabel, m_cloud);
    form->addRow(QString(), m_cloudHint);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    retranslate();
    resize(sizeHint().expandedTo(QSize(460, 0)));
}

SettingsDialog::~SettingsDialog() = default;

AppSettings SettingsDialog::settings() const
{
    AppSettings result;
    result.language = m_language->currentData().value<Language>();
    result.theme = m_theme->currentData().value<Theme>();
    result.cloud = m_cloud->currentData().toString();
    return result;
}

void SettingsDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Settings"));
    m_languageLabel->setText(tr("&Language:"));
    m_themeLabel->setText(tr("&Theme:"));
    m_cloudLabel->setText(tr("&Cloud:"));
    m_language->setItemText(0, tr("System default"));
    // Language names stay in their own language, as every language menu shows them.
    m_language->setItemText(1, u"Español"_s);
    m_language->setItemText(2, u"English"_s);
    m_theme->setItemText(0, tr("Follow system"));
    m_theme->setItemText(1, tr("Light"));
    m_theme->setItemText(2, tr("Dark"));
    m_cloud->setItemText(0, tr("Sandbox (local cloud, no Azure account needed)"));
    m_cloud->setItemText(1, tr("Azure (AzureCloud)"));
    m_cloud->setItemText(2, tr("Azure US Government (AzureUSGovernment)"));
    m_cloud->setItemText(3, tr("Azure operated by 21Vianet (AzureChinaCloud)"));
    m_cloudHint->setText(tr("The explorer lists the subscriptions and clusters of this cloud once you sign in to it."));
    m_language->setAccessibleName(tr("Language"));
    m_theme->setAccessibleName(tr("Theme"));
    m_cloud->setAccessibleName(tr("Cloud"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save settings"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Discard changes"));
}

} // namespace Fluxdeck::Ui
