#include "aboutdialog.h"

#include "logo.h"

#include "clientidentity.h"
#include "codeview.h"
#include "gitlibrary.h"
#include "libraryinfo.h"

#include <ksyntaxhighlighting_version.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Ui {

QString AboutDialog::versionReport()
{
    const auto quoted = [](const QString &value) { return u'"' + value + u'"'; };
    QString report;
    report += u"fluxdeck: "_s + quoted(Domain::fluxdeckVersion()) + u'\n';
    report += u"qt:\n  runtime: "_s + quoted(QString::fromLatin1(qVersion())) + u"\n  build: "_s
        + quoted(QStringLiteral(QT_VERSION_STR)) + u'\n';
    report += u"kf6-syntax-highlighting: "_s + quoted(QStringLiteral(KSYNTAXHIGHLIGHTING_VERSION_STRING)) + u'\n';
    report += u"libgit2: "_s + quoted(Git::GitLibrary::version()) + u'\n';
    report += u"yaml-cpp: "_s + quoted(Domain::yamlCppVersion()) + u'\n';
    report += u"tls: "_s + quoted(Net::tlsLibraryVersion()) + u'\n';
    report += u"platform: "_s + quoted(QSysInfo::prettyProductName() + u" ("_s + QSysInfo::currentCpuArchitecture()
                                       + u", "_s + QGuiApplication::platformName() + u')') + u'\n';
    return report;
}

AboutDialog::AboutDialog(KSyntaxHighlighting::Repository &highlighting, QWidget *parent)
    : QDialog(parent)
    , m_details(new CodeView(highlighting))
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Fluxdeck"));

    auto *icon = new QLabel;
    icon->setPixmap(logoPixmap(96, devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);

    auto *text = new QLabel;
    text->setObjectName(u"aboutText"_s);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setOpenExternalLinks(true);
    text->setText(u"<h2>Fluxdeck %1</h2><p>%2</p><p>%3</p>"_s.arg(
        Domain::fluxdeckVersion(),
        tr("A desktop console for GitOps with Flux v2 on Azure Arc-enabled Kubernetes and AKS: "
           "onboard clusters, tune the microsoft.flux extension, build Flux configurations "
           "and watch them reconcile."),
        tr("Free software under the GNU General Public License, version 3 or later.")));

    auto *header = new QHBoxLayout;
    header->addWidget(icon);
    header->addWidget(text, 1);

    auto *componentsLabel = new QLabel(tr("&Components in use:"));
    componentsLabel->setBuddy(m_details);
    m_details->setObjectName(u"aboutVersions"_s);
    m_details->setAccessibleName(tr("Versions of Fluxdeck and its libraries"));
    m_details->setCode(versionReport(), CodeView::Syntax::Yaml);
    m_details->setMinimumHeight(170);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton *copy = buttons->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"aboutCopyButton"_s);
    copy->setAccessibleName(tr("Copy the versions to the clipboard"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_details->code()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(componentsLabel);
    layout->addWidget(m_details, 1);
    layout->addWidget(buttons);
    resize(620, 440);
}

AboutDialog::~AboutDialog() = default;

} // namespace Fluxdeck::Ui
