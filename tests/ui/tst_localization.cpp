#include "localization.h"

#include <QApplication>
#include <QTest>
#include <QWidget>

using namespace Qt::StringLiterals;
using Fluxdeck::Ui::Localization;

namespace {

QString fileMenu()
{
    return QCoreApplication::translate("Fluxdeck::Ui::MainWindow", "&File");
}

// Counts LanguageChange events, as every retranslating widget receives them.
class Listener final : public QWidget
{
public:
    int changes = 0;

protected:
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            ++changes;
        QWidget::changeEvent(event);
    }
};

} // namespace

class TestLocalization : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void switchesBothWays()
    {
        Localization localization;
        Listener listener;
        QVERIFY(localization.activate(u"es"_s));
        QCOMPARE(localization.language(), u"es"_s);
        QCOMPARE(fileMenu(), u"&Archivo"_s);
        QCOMPARE(QLocale().language(), QLocale::Spanish);
        QTRY_VERIFY(listener.changes > 0);

        const int before = listener.changes;
        QVERIFY(localization.activate(u"en"_s));
        QCOMPARE(fileMenu(), u"&File"_s);
        QTRY_VERIFY(listener.changes > before);
    }

    void qtOwnStringsAreSpanishToo()
    {
        Localization localization;
        QVERIFY(localization.activate(u"es"_s));
        // QDialogButtonBox's "Cancel" comes from Qt's own catalogue (qt6-translations-l10n).
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancelar"_s);
        localization.activate(u"en"_s);
    }

    void unknownLanguageFallsBackToEnglish()
    {
        Localization localization;
        QVERIFY(!localization.activate(u"fr"_s));
        QCOMPARE(localization.language(), u"en"_s);
        QCOMPARE(fileMenu(), u"&File"_s);
    }
};

QTEST_MAIN(TestLocalization)
#include "tst_localization.moc"
