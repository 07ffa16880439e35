#include "settingsdialog.h"

#include "clouds.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
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
    , m_signIn(new QComboBox)
    , m_languageLabel(new QLabel)
    , m_themeLabel(new QLabel)
    , m_cloudLabel(new QLabel)
    , m_cloudHint(new QLabel)
    , m_signInLabel(new QLabel)
    , m_signInHint(new QLabel)
    , m_customBox(new QGroupBox)
    , m_customName(new QLineEdit)
    , m_customResourceManager(new QLineEdit)
    , m_customAuthority(new QLineEdit)
    , m_customAudience(new QLineEdit)
    , m_customNameLabel(new QLabel)
    , m_customResourceManagerLabel(new QLabel)
    , m_customAuthorityLabel(new QLabel)
    , m_customAudienceLabel(new QLabel)
    , m_customError(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setObjectName(u"settingsDialog"_s);
    m_language->setObjectName(u"languageCombo"_s);
    m_theme->setObjectName(u"themeCombo"_s);
    m_cloud->setObjectName(u"cloudCombo"_s);
    m_signIn->setObjectName(u"signInCombo"_s);
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
    for (const auto method : {Domain::SignInMethod::Automatic, Domain::SignInMethod::Environment,
                              Domain::SignInMethod::AzureCli, Domain::SignInMethod::Browser,
                              Domain::SignInMethod::DeviceCode})
        m_signIn->addItem(QString(), QVariant::fromValue(method));
    m_signIn->setCurrentIndex(std::max(0, m_signIn->findData(QVariant::fromValue(settings.signInMethod))));

    m_language->setCurrentIndex(m_language->findData(QVariant::fromValue(settings.language)));
    m_theme->setCurrentIndex(m_theme->findData(QVariant::fromValue(settings.theme)));
    m_cloud->setCurrentIndex(std::max(0, m_cloud->findData(settings.cloud)));

    m_languageLabel->setBuddy(m_language);
    m_themeLabel->setBuddy(m_theme);
    m_cloudLabel->setBuddy(m_cloud);
    m_signInLabel->setBuddy(m_signIn);
    m_signInHint->setWordWrap(true);
    m_signInHint->setEnabled(false);
    m_cloudHint->setWordWrap(true);
    m_cloudHint->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    form->addRow(m_themeLabel, m_theme);
    form->addRow(m_cloudLabel, m_cloud);
    form->addRow(QString(), m_cloudHint);
    form->addRow(m_signInLabel, m_signIn);
    form->addRow(QString(), m_signInHint);

    // A cloud of one's own, as `az cloud register` describes it.
    m_customBox->setObjectName(u"customCloudBox"_s);
    m_customName->setObjectName(u"customCloudName"_s);
    m_customResourceManager->setObjectName(u"customCloudResourceManager"_s);
    m_customAuthority->setObjectName(u"customCloudAuthority"_s);
    m_customAudience->setObjectName(u"customCloudAudience"_s);
    m_customError->setObjectName(u"customCloudError"_s);
    m_customName->setText(settings.custom.name);
    m_customResourceManager->setText(settings.custom.resourceManager);
    m_customAuthority->setText(settings.custom.authority);
    m_customAudience->setText(settings.custom.audience);
    m_customResourceManager->setPlaceholderText(u"https://management.example.com"_s);
    m_customAuthority->setPlaceholderText(u"https://login.example.com"_s);
    m_customNameLabel->setBuddy(m_customName);
    m_customResourceManagerLabel->setBuddy(m_customResourceManager);
    m_customAuthorityLabel->setBuddy(m_customAuthority);
    m_customAudienceLabel->setBuddy(m_customAudience);
    m_customError->setWordWrap(true);
    m_customError->setStyleSheet(u"color: palette(link)"_s);
    auto *customForm = new QFormLayout(m_customBox);
    customForm->addRow(m_customNameLabel, m_customName);
    customForm->addRow(m_customResourceManagerLabel, m_customResourceManager);
    customForm->addRow(m_customAuthorityLabel, m_customAuthority);
    customForm->addRow(m_customAudienceLabel, m_customAudience);
    customForm->addRow(m_customError);
    form->addRow(m_customBox);
    connect(m_cloud, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateCustom);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    retranslate();
    updateCustom();
    resize(sizeHint().expandedTo(QSize(460, 0)));
}

SettingsDialog::~SettingsDialog() = default;

AppSettings SettingsDialog::settings() const
{
    AppSettings result;
    result.language = m_language->currentData().value<Language>();
    result.theme = m_theme->currentData().value<Theme>();
    result.cloud = m_cloud->currentData().toString();
    result.signInMethod = m_signIn->currentData().value<Domain::SignInMethod>();
    result.custom = {m_customName->text().trimmed(), m_customResourceManager->text().trimmed(),
                     m_customAuthority->text().trimmed(), m_customAudience->text().trimmed()};
    return result;
}

void SettingsDialog::updateCustom()
{
    m_customBox->setVisible(m_cloud->currentData().toString() == AppSettings::customCloud());
    m_customError->hide();
    adjustSize();
}

void SettingsDialog::accept()
{
    const AppSettings chosen = settings();
    if (chosen.cloud == AppSettings::customCloud()) {
        // Refused here, with the reason, rather than failing at sign-in.
        const auto cloud = Net::AzureCloudEndpoints::custom(chosen.custom.name, QUrl(chosen.custom.resourceManager),
                                                            QUrl(chosen.custom.authority), chosen.custom.audience);
        if (!cloud) {
            m_customError->setText(cloud.error().message);
            m_customError->show();
            m_customName->setFocus();
            return;
        }
    }
    QDialog::accept();
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
    m_cloud->setItemText(4, tr("Custom cloud (like az cloud register)"));
    m_customBox->setTitle(tr("Custom cloud"));
    m_customNameLabel->setText(tr("&Name:"));
    m_customResourceManagerLabel->setText(tr("&Resource Manager:"));
    m_customAuthorityLabel->setText(tr("Sign-in &authority:"));
    m_customAudienceLabel->setText(tr("Token a&udience:"));
    m_customAudience->setPlaceholderText(tr("The Resource Manager address"));
    m_customName->setAccessibleName(tr("Custom cloud name"));
    m_customResourceManager->setAccessibleName(tr("Custom cloud Resource Manager address"));
    m_customAuthority->setAccessibleName(tr("Custom cloud sign-in authority"));
    m_customAudience->setAccessibleName(tr("Custom cloud token audience"));
    m_customError->setAccessibleName(tr("Custom cloud error"));
    m_cloudHint->setText(tr("The explorer lists the subscriptions and clusters of this cloud once you sign in to it."));
    m_signInLabel->setText(tr("&Sign in with:"));
    m_signIn->setItemText(0, tr("Automatic (environment, then Azure CLI, then the browser)"));
    m_signIn->setItemText(1, tr("Service principal from AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET"));
    m_signIn->setItemText(2, tr("Azure CLI (az login)"));
    m_signIn->setItemText(3, tr("Browser (the cloud's sign-in page)"));
    m_signIn->setItemText(4, tr("Device code (a code to enter in a browser)"));
    m_signInHint->setText(tr("The sandbox always signs in as its own service principal. Access tokens stay in memory; "
                             "a browser or device code sign-in is remembered in the system keychain until you sign out."));
    m_signIn->setAccessibleName(tr("Sign-in method"));
    m_language->setAccessibleName(tr("Language"));
    m_theme->setAccessibleName(tr("Theme"));
    m_cloud->setAccessibleName(tr("Cloud"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save settings"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Discard changes"));
}

} // namespace Fluxdeck::Ui
