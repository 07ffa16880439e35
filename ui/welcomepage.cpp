#include "welcomepage.h"

#include "logo.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
    , m_logo(new QLabel)
    , m_text(new QLabel)
{
    setObjectName(u"welcomePage"_s);
    m_logo->setPixmap(logoPixmap(112, devicePixelRatioF()));
    m_logo->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_text->setObjectName(u"welcomText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setMaximumWidth(760);

    auto *row = new QHBoxLayout;
    row->setSpacing(28);
    row->addStretch();
    row->addWidget(m_logo);
    row->addWidget(m_text, 1);
    row->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(36, 36, 36, 36);
    layout->addLayout(row);
    layout->addStretch();

    retranslate();
}

WelcomePage::~WelcomePage() = default;

void WelcomePage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void WelcomePage::retranslate()
{
    m_text->setAccessibleName(tr("Welcome to Fluxdeck"));
    m_text->setText(u"<h1>%1</h1><p style='font-size:large'>%2</p><h3>%3</h3><ol>%4%5%6</ol><h3>%7</h3><p>%8</p>"_s.arg(
        tr("Welcome to Fluxdeck"),
        tr("GitOps with Flux v2 on Azure Arc-enabled Kubernetes and AKS, without juggling the az CLI, "
           "the portal, kubectl and YAML by hand."),
        tr("Getting started"),
        u"<li>"_s + tr("Choose a cloud in <b>File &gt; Settings</b>: the built-in sandbox needs no Azure account.") + u"</li>"_s,
        u"<li>"_s + tr("Pick a cluster in the <b>Explorer</b> to see its extensions and Flux configurations.") + u"</li>"_s,
        u"<li>"_s + tr("Follow long-running work in <b>Operations</b>, where every operation can be cancelled.") + u"</li>"_s,
        tr("Keyboard"),
        tr("Ctrl+Shift+E moves to the Explorer, Ctrl+Shift+O to Operations, Ctrl+W closes a tab and "
           "F1 shows this page again.")));
}

} // namespace Fluxdeck::Ui
