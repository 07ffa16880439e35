#include "codeview.h"

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>

#include <QApplication>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace Qt::StringLiterals;
using Fluxdeck::Ui::CodeView;

namespace {

QPalette paletteWithWindow(const QColor &window, const QColor &text)
{
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::Base, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    return palette;
}

bool isDark(const KSyntaxHighlighting::Theme &theme)
{
    return QColor::fromRgb(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)).lightness() < 128;
}

int formatRanges(const CodeView &view)
{
    int ranges = 0;
    for (QTextBlock block = view.document()->firstBlock(); block.isValid(); block = block.next())
        ranges += int(block.layout()->formats().size());
    return ranges;
}

} // namespace

class TestCodeView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void highlightsEachSyntax_data()
    {
        QTest::addColumn<CodeView::Syntax>("syntax");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("definition");
        QTest::newRow("yaml") << CodeView::Syntax::Yaml
                              << u"apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nspec:\n  prune: true\n"_s
                              << u"YAML"_s;
        QTest::newRow("json") << CodeView::Syntax::Json << u"{\"properties\": {\"scope\": \"cluster\", \"suspend\": false}}"_s
                              << u"JSON"_s;
        QTest::newRow("bash") << CodeView::Syntax::Bash
                              << u"az k8s-configuration flux create --name cluster-config --scope cluster\n"_s
                              << u"Bash"_s;
    }

    void highlightsEachSyntax()
    {
        QFETCH(CodeView::Syntax, syntax);
        QFETCH(QString, code);
        QFETCH(QString, definition);
        KSyntaxHighlighting::Repository repository;
        CodeView view(repository);
        view.setCode(code, syntax);
        view.show();
        QCOMPARE(view.definitionName(), definition);
        QCOMPARE(view.code(), code);
        QVERIFY(view.isReadOnly());
        QTRY_VERIFY(formatRanges(view) > 0);
    }

    void plainTextHasNoHighlighting()
    {
        KSyntaxHighlighting::Repository repository;
        const QString code = u"kind: Kustomization\nspec:\n  prune: true\n"_s;
        CodeView yaml(repository);
        yaml.setCode(code, CodeView::Syntax::Yaml);
        CodeView plain(repository);
        plain.setCode(code, CodeView::Syntax::PlainText);
        yaml.show();
        plain.show();
        QVERIFY(plain.definitionName().isEmpty());
        QTRY_VERIFY(formatRanges(yaml) > 0);
        QVERIFY(formatRanges(plain) < formatRanges(yaml));
    }

    void followsPaletteChanges()
    {
        KSyntaxHighlighting::Repository repository;
        CodeView view(repository);
        view.setCode(u"kind: Kustomization\n"_s, CodeView::Syntax::Yaml);

        view.setPalette(paletteWithWindow(QColor(0x1e, 0x1f, 0x22), QColor(0xee, 0xee, 0xee)));
        const QString dark = view.themeName();
        QCOMPARE(dark, repository.themeForPalette(view.palette()).name());
        QVERIFY(isDark(repository.theme(dark)));

        view.setPalette(paletteWithWindow(QColor(0xfc, 0xfc, 0xfc), QColor(0x23, 0x26, 0x29)));
        const QString light = view.themeName();
        QVERIFY(!isDark(repository.theme(light)));
        QVERIFY(dark != light);
        const QColor background = view.viewport()->palette().color(QPalette::Base);
        QCOMPARE(background.rgb(), QColor::fromRgb(repository.theme(light).editorColor(KSyntaxHighlighting::Theme::BackgroundColor)).rgb());
    }
};

QTEST_MAIN(TestCodeView)
#include "tst_codeview.moc"
