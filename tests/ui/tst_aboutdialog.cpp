#include "aboutdialog.h"
#include "codeview.h"
#include "gitlibrary.h"
#include "libraryinfo.h"

#include <KSyntaxHighlighting/Repository>

#include <QClipboard>
#include <QGuiApplication>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Ui::AboutDialog;
using Fluxdeck::Ui::CodeView;

class TestAboutDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsRunningVersions()
    {
        const QString report = AboutDialog::versionReport();
        QVERIFY2(report.contains(u"runtime: \""_s + QString::fromLatin1(qVersion()) + u'"'), qPrintable(report));
        QVERIFY(report.contains(u"libgit2: \""_s + Fluxdeck::Git::GitLibrary::version() + u'"'));
        QVERIFY(report.contains(u"yaml-cpp: \""_s + Fluxdeck::Domain::yamlCppVersion() + u'"'));
        QVERIFY(report.contains(u"kf6-syntax-highlighting: \"6."_s));
        QVERIFY(!Fluxdeck::Domain::yamlCppVersion().isEmpty());
    }

    void showsAndCopiesTheReport()
    {
        KSyntaxHighlighting::Repository repository;
        AboutDialog dialog(repository);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *versions = dialog.findChild<CodeView *>(u"aboutVersions"_s);
        QVERIFY(versions);
        QCOMPARE(versions->definitionName(), u"YAML"_s);
        QCOMPARE(versions->code(), AboutDialog::versionReport());
        QVERIFY(!versions->accessibleName().isEmpty());

        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"aboutCopyButton"_s), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), AboutDialog::versionReport());
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
