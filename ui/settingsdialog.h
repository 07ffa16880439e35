#pragma once

#include "appsettings.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;

namespace Fluxdeck::Ui {

// Preferences: language, colour theme and the cloud to work with. Edits a copy; the caller
// applies and stores the result when the dialog is accepted.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(const Domain::AppSettings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    Domain::AppSettings settings() const;
    // Checks a custom cloud first; stays open with the reason when it is not usable.
    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateCustom();

    QComboBox *m_language;
    QComboBox *m_theme;
    QComboBox *m_cloud;
    QComboBox *m_signIn;
    QLabel *m_languageLabel;
    QLabel *m_themeLabel;
    QLabel *m_cloudLabel;
    QLabel *m_cloudHint;
    QLabel *m_signInLabel;
    QLabel *m_signInHint;
    QGroupBox *m_customBox;
    QLineEdit *m_customName;
    QLineEdit *m_customResourceManager;
    QLineEdit *m_customAuthority;
    QLineEdit *m_customAudience;
    QLabel *m_customNameLabel;
    QLabel *m_customResourceManagerLabel;
    QLabel *m_customAuthorityLabel;
    QLabel *m_customAudienceLabel;
    QLabel *m_customError;
    QDialogButtonBox *m_buttons;
};

} // namespace Fluxdeck::Ui
