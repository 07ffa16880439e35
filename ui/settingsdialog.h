#pragma once

#include "appsettings.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;

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

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

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
    QDialogButtonBox *m_buttons;
};

} // namespace Fluxdeck::Ui
