#include "signindialog.h"

#include "azuresession.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::AzureSession;

namespace Fluxdeck::Ui {

SignInDialog::SignInDialog(AzureSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_intro(new QLabel)
    , m_code(new QLineEdit)
    , m_copy(new QPushButton)
    , m_open(new QPushButton)
    , m_link(new QLabel)
    , m_progress(new QProgressBar)
    , m_remaining(new QLabel)
    , m_error(new QLabel)
    , m_cancel(new QPushButton)
    , m_clock(new QTimer(this))
{
    setObjectName(u"signInDialog"_s);
    m_code->setObjectName(u"deviceCode"_s);
    m_copy->setObjectName(u"copyCodeButton"_s);
    m_open->setObjectName(u"openSignInPageButton"_s);
    m_cancel->setObjectName(u"cancelSignInButton"_s);
    m_error->setObjectName(u"signInError"_s);

    m_intro->setWordWrap(true);
    m_code->setReadOnly(true);
    m_code->setAlignment(Qt::AlignCenter);
    QFont large = m_code->font();
    large.setPointSizeF(large.pointSizeF() * 1.8);
    large.setBold(true);
    large.setLetterSpacing(QFont::PercentageSpacing, 115);
    m_code->setFont(large);
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_link->setOpenExternalLinks(true);
    m_progress->setRange(0, 0);   // busy until the sign-in ends
    m_progress->setTextVisible(false);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->hide();

    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_copy);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(codeRow);
    layout->addWidget(m_link);
    layout->addWidget(m_progress);
    layout->addWidget(m_remaining);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_code->text()); });
    connect(m_open, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(m_verificationUri); });
    connect(m_cancel, &QPushButton::clicked, this, &SignInDialog::reject);
    connect(m_session, &AzureSession::stateChanged, this, &SignInDialog::sessionChanged);
    connect(m_clock, &QTimer::timeout, this, &SignInDialog::tick);
    m_clock->setInterval(1000);
    m_copy->setDefault(true);

    retranslate();
    resize(sizeHint().expandedTo(QSize(480, 0)));
}

SignInDialog::~SignInDialog() = default;

void SignInDialog::showCode(const QString &userCode, const QUrl &verificationUri, const QString &message,
                            const QDateTime &expiresAt)
{
    m_code->setText(userCode);
    m_verificationUri = verificationUri;
    m_expiresAt = expiresAt;
    m_link->setText(u"<a href=\"%1\">%2</a>"_s.arg(verificationUri.toString(QUrl::FullyEncoded),
                                                    verificationUri.toDisplayString().toHtmlEscaped()));
    m_link->setToolTip(message);
    m_clock->start();
    tick();
    m_copy->setFocus();
}

QString SignInDialog::userCode() const
{
    return m_code->text();
}

void SignInDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void SignInDialog::reject()
{
    if (m_session->state() == AzureSession::State::SigningIn)
        m_session->cancel();
    QDialog::reject();
}

void SignInDialog::retranslate()
{
    setWindowTitle(tr("Sign in to %1").arg(m_session->cloud().name));
    m_intro->setText(tr("To sign in, open the page below in a browser on any device and enter this code. "
                        "Fluxdeck waits here until you have signed in."));
    m_copy->setText(tr("&Copy code"));
    m_open->setText(tr("&Open sign-in page"));
    m_cancel->setText(m_session->state() == AzureSession::State::SigningIn ? tr("Cancel") : tr("Close"));
    m_code->setAccessibleName(tr("Device code"));
    m_copy->setAccessibleName(tr("Copy the device code"));
    m_open->setAccessibleName(tr("Open the sign-in page in a browser"));
    m_link->setAccessibleName(tr("Sign-in page"));
    m_progress->setAccessibleName(tr("Waiting for sign-in"));
    m_cancel->setAccessibleName(tr("Cancel sign-in"));
    m_error->setAccessibleName(tr("Sign-in error"));
    tick();
}

void SignInDialog::tick()
{
    if (!m_expiresAt.isValid()) {
        m_remaining->setText(tr("Asking %1 for a code…").arg(m_session->cloud().name));
        return;
    }
    const qint64 seconds = std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_expiresAt));
    m_remaining->setText(tr("The code is valid for another %1:%2.")
                             .arg(seconds / 60)
                             .arg(seconds % 60, 2, 10, QChar(u'0')));
}

void SignInDialog::sessionChanged()
{
    switch (m_session->state()) {
    case AzureSession::State::SignedIn:
        accept();
        return;
    case AzureSession::State::Failed:
        m_clock->stop();
        m_progress->hide();
        m_remaining->hide();
        m_error->setText(m_session->errorMessage());
        m_error->show();
        m_cancel->setText(tr("Close"));
        m_cancel->setFocus();
        return;
    case AzureSession::State::SignedOut:
        QDialog::reject();
        return;
    case AzureSession::State::SigningIn:
        return;
    }
}

} // namespace Fluxdeck::Ui
