#pragma once

#include "fleetsummary.h"

#include <QWidget>

#include <optional>

namespace Fluxdeck::Ui {

// Clusters per group as horizontal bars, each split by compliance state (worst first) with the
// counts written on it, painted with QPainter in colours derived from the palette. Clicking a
// bar, or Enter/Space on the current one (Up/Down move), asks for the table to show that group.
class FleetChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetChart)

public:
    explicit FleetChart(QWidget *parent = nullptr);
    ~FleetChart() override;

    void setSummary(const Items::FleetSummary &summary);
    const Items::FleetSummary &summary() const { return m_summary; }
    // The group the table is filtered to, drawn highlighted.
    void setSelectedGroup(const std::optional<QString> &key);
    int currentGroup() const { return m_current; }   // -1 without groups
    void setCurrentGroup(int index);
    // Where group `index`'s bar is drawn, in widget coordinates (empty when out of range).
    QRect barRect(int index) const;

    // One colour per compliance state, readable on the palette's base colour (light or dark).
    static QColor complianceColor(Items::FleetCompliance compliance, const QPalette &palette);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void groupClicked(const QString &key);
    // Escape: show every group again.
    void clearRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Layout
    {
        int margin = 0;
        int legendHeight = 0;
        int rowHeight = 0;
        int labelWidth = 0;
        int totalWidth = 0;
        int most = 1;   // clusters in the largest group: the longest bar
        QRect plot;
    };
    Layout layout() const;
    QRect rowRect(const Layout &layout, int index) const;
    QRect barRect(const Layout &layout, int index) const;
    int groupAt(const QPoint &position) const;
    QString groupDescription(const Items::FleetGroup &group) const;
    void updateAccessibleText();

    Items::FleetSummary m_summary;
    std::optional<QString> m_selected;
    int m_current = -1;
};

} // namespace Fluxdeck::Ui
