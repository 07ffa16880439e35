#pragma once

#include <QDialog>

namespace KSyntaxHighlighting {
class Repository;
}

namespace Fluxdeck::Ui {

class CodeView;

// About Fluxdeck: what it is, its licence, and the versions of the libraries actually running,
// as text a user can copy into a bug report.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(KSyntaxHighlighting::Repository &highlighting, QWidget *parent = nullptr);
    ~AboutDialog() override;

    static QString versionReport();   // YAML: component → version

private:
    CodeView *m_details;
};

} // namespace Fluxdeck::Ui
