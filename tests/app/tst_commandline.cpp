// Starts the real fluxdeck binary the way a user or a script does.

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run fluxdeck(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(FLUXDECK_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        run.err = u"timed out"_s;
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void version()
    {
        const Run run = fluxdeck({u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"Fluxdeck 0."_s), qPrintable(run.out));
    }

    void helpInBothLanguages()
    {
        const Run english = fluxdeck({u"--lang"_s, u"en"_s, u"--help"_s});
        QCOMPARE(english.exitCode, 0);
        QVERIFY2(english.out.contains(u"--screenshot <file>"_s), qPrintable(english.out));
        QVERIFY(english.out.contains(u"User interface language"_s));

        const Run spanish = fluxdeck({u"--lang=es"_s, u"--help"_s});
        QCOMPARE(spanish.exitCode, 0);
        QVERIFY2(spanish.out.contains(u"Idioma de la interfaz"_s), qPrintable(spanish.out));
    }

    void unknownLanguageIsRefused()
    {
        const Run run = fluxdeck({u"--lang"_s, u"xx"_s, u"--version"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"\"xx\""_s), qPrintable(run.err));
    }

    void screenshot_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("English") << u"en"_s;
        QTest::newRow("Spanish") << u"es"_s;
    }

    void screenshot()
    {
        QFETCH(QString, language);
        QTemporaryDir dir;
        const QString file = dir.filePath(u"main.png"_s);
        const Run run = fluxdeck({u"--lang"_s, language, u"--screenshot"_s, file});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        const QImage image(file);
        QVERIFY2(!image.isNull(), "no PNG written");
        QCOMPARE(image.size(), QSize(1280, 800));   // MainWindow::defaultSize() on a fresh profile

        // A real window has text, frames and an icon: many colours, not one flat fill.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(u"only %1 colours"_s.arg(colours.size())));
    }

    void unwritableScreenshotFails()
    {
        const Run run = fluxdeck({u"--screenshot"_s, u"/nonexistent-dir/shot.png"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(u"/nonexistent-dir/shot.png"_s));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
