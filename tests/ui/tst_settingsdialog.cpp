#include "settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Domain;
using Fluxdeck::Ui::SettingsDialog;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheGivenSettings()
    {
        AppSettings settings;
        settings.language = Language::English;
        settings.theme = Theme::Dark;
        settings.cloud = u"AzureChinaCloud"_s;
        SettingsDialog dialog(settings);
        QCOMPARE(dialog.settings(), settings);
        QCOMPARE(dialog.findChild<QComboBox *>(u"cloudCombo"_s)->currentData().toString(), u"AzureChinaCloud"_s);
    }

    void keyboardEditsAndAccepts()
    {
        SettingsDialog dialog(AppSettings{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);

        auto *language = dialog.findChild<QComboBox *>(u"languageCombo"_s);
        auto *theme = dialog.findChild<QComboBox *>(u"themeCombo"_s);
        language->setFocus();
        QTest::keyClick(language, Qt::Key_Down);          // System default → Español
        QTest::keyClick(language, Qt::Key_Tab);
        QVERIFY(theme->hasFocus());
        QTest::keyClick(theme, Qt::Key_End);              // → Dark
        QTest::keyClick(&dialog, Qt::Key_Return);         // the default button is OK

        QCOMPARE(accepted.size(), 1);
        QCOMPARE(dialog.settings().language, Language::Spanish);
        QCOMPARE(dialog.settings().theme, Theme::Dark);
        QCOMPARE(dialog.settings().cloud, u"Sandbox"_s);
    }

    void customCloudIsCheckedBeforeItIsKept()
    {
        SettingsDialog dialog(AppSettings{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        auto *cloud = dialog.findChild<QComboBox *>(u"cloudCombo"_s);
        auto *box = dialog.findChild<QWidget *>(u"customCloudBox"_s);
        QVERIFY(!box->isVisible());
        cloud->setFocus();
        QTest::keyClick(cloud, Qt::Key_End);              // → Custom cloud
        QVERIFY(box->isVisible());

        // Plain http for Resource Manager is refused, with the reason, and the dialog stays.
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"customCloudName"_s), u"ContosoStack"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"customCloudResourceManager"_s), u"http://management.contoso.test"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"customCloudAuthority"_s), u"https://login.contoso.test"_s);
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(accepted.size(), 0);
        auto *error = dialog.findChild<QLabel *>(u"customCloudError"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"HTTPS"_s, Qt::CaseInsensitive), qPrintable(error->text()));

        auto *resourceManager = dialog.findChild<QLineEdit *>(u"customCloudResourceManager"_s);
        resourceManager->clear();
        QTest::keyClicks(resourceManager, u"https://management.contoso.test"_s);
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(accepted.size(), 1);
        const AppSettings chosen = dialog.settings();
        QCOMPARE(chosen.cloud, AppSettings::customCloud());
        QCOMPARE(chosen.custom.name, u"ContosoStack"_s);
        QCOMPARE(chosen.custom.resourceManager, u"https://management.contoso.test"_s);
        QCOMPARE(chosen.custom.authority, u"https://login.contoso.test"_s);
    }

    void everyControlIsNamedForAssistiveTechnology()
    {
        SettingsDialog dialog(AppSettings{});
        for (QComboBox *combo : dialog.findChildren<QComboBox *>())
            QVERIFY2(!combo->accessibleName().isEmpty(), qPrintable(combo->objectName()));
        for (QLineEdit *edit : dialog.findChildren<QLineEdit *>())
            QVERIFY2(!edit->accessibleName().isEmpty(), qPrintable(edit->objectName()));
        for (QPushButton *button : dialog.findChildren<QPushButton *>())
            QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->text()));
        for (QLabel *label : dialog.findChildren<QLabel *>()) {
            if (label->text().endsWith(u':'))
                QVERIFY2(label->buddy(), qPrintable(label->text()));
        }
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
