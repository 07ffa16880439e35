#include "codeview.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Ui {

CodeView::CodeView(KSyntaxHighlighting::Repository &repository, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_repository(repository)
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document()))
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabChangesFocus(true);
    applyTheme();
}

CodeView::~CodeView() = default;

void CodeView::setCode(const QString &text, Syntax syntax)
{
    QString name;
    switch (syntax) {
    case Syntax::Yaml:
        name = u"YAML"_s;
        break;
    case Syntax::Json:
        name = u"JSON"_s;
        break;
    case Syntax::Bash:
        name = u"Bash"_s;
        break;
    case Syntax::PlainText:
        break;
    }
    m_highlighter->setDefinition(name.isEmpty() ? KSyntaxHighlighting::Definition()
                                                : m_repository.definitionForName(name));
    setPlainText(text);
}

QString CodeView::definitionName() const
{
    const KSyntaxHighlighting::Definition definition = m_highlighter->definition();
    return definition.isValid() ? definition.name() : QString();
}

QString CodeView::themeName() const
{
    return m_highlighter->theme().name();
}

void CodeView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applyingTheme)
        applyTheme();
}

void CodeView::applyTheme()
{
    m_applyingTheme = true;
    const KSyntaxHighlighting::Theme theme = m_repository.themeForPalette(palette());
    m_highlighter->setTheme(theme);
    // The viewport paints the background, so its palette carries the theme's colours; setting
    // ours would recurse through PaletteChange.
    QPalette viewportPalette = viewport()->palette();
    viewportPalette.setColor(QPalette::Base, QColor::fromRgb(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)));
    viewportPalette.setColor(QPalette::Text, QColor::fromRgb(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
    viewport()->setPalette(viewportPalette);
    m_highlighter->rehighlight();
    m_applyingTheme = false;
}

} // namespace Fluxdeck::Ui
