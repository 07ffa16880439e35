#pragma once

#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
}

namespace Fluxdeck::Ui {

// A read-only, highlighted view of generated text (YAML manifests, ARM JSON, az commands).
// Its colours follow the palette: a palette change (light ⇄ dark) picks the matching theme.
class CodeView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeView)

public:
    enum class Syntax { PlainText, Yaml, Json, Bash };

    explicit CodeView(KSyntaxHighlighting::Repository &repository, QWidget *parent = nullptr);
    ~CodeView() override;

    void setCode(const QString &text, Syntax syntax);
    QString code() const { return toPlainText(); }

    QString definitionName() const;
    QString themeName() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();

    KSyntaxHighlighting::Repository &m_repository;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    bool m_applyingTheme = false;
};

} // namespace Fluxdeck::Ui
