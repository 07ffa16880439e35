#pragma once

#include <QDateTime>
#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace Fluxdeck::Items {
class AzureSession;
}

namespace Fluxdeck::Ui {

// Device code sign-in as the user does it: the code (large, selectable, one click to copy),
// the page to enter it on, how long it stays valid, and Cancel. Closes itself once signed in;
// shows what went wrong otherwise.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    explicit SignInDialog(Items::AzureSession *session, QWidget *parent = nullptr);
    ~SignInDialog() override;

    void showCode(const QString &userCode, const QUrl &verificationUri, const QString &message,
                  const QDateTime &expiresAt);
    QString userCode() const;

protected:
    void changeEvent(QEvent *event) override;
    void reject() override;

private:
    void retranslate();
    void sessionChanged();
    void tick();

    Items::AzureSession *m_session;
    QUrl m_verificationUri;
    QDateTime m_expiresAt;
    QLabel *m_intro;
    QLineEdit *m_code;
    QPushButton *m_copy;
    QPushButton *m_open;
    QLabel *m_link;
    QProgressBar *m_progress;
    QLabel *m_remaining;
    QLabel *m_error;
    QPushButton *m_cancel;
    QTimer *m_clock;
};

} // namespace Fluxdeck::Ui
