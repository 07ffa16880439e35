#pragma once

#include <QWidget>

class QLabel;

namespace Fluxdeck::Ui {

// The first tab: what Fluxdeck does and how to start, with the keys that get there.
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    explicit WelcomePage(QWidget *parent = nullptr);
    ~WelcomePage() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_logo;
    QLabel *m_text;
};

} // namespace Fluxdeck::Ui
