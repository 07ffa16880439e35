#include "fleetchart.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionFocusRect>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using Fluxdeck::Items::FleetCluster;
using Fluxdeck::Items::FleetCompliance;
using Fluxdeck::Items::FleetComplianceCount;
using Fluxdeck::Items::FleetGroup;
using Fluxdeck::Items::FleetSummary;

namespace Fluxdeck::Ui {

namespace {

constexpr int Spacing = 6;

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * amountOfB),
                            float(a.greenF() + (b.greenF() - a.greenF()) * amountOfB),
                            float(a.blueF() + (b.blueF() - a.blueF()) * amountOfB));
}

// Black or white, whichever reads better on `background`.
QColor textOn(const QColor &background)
{
    return qGray(background.rgb()) > 140 ? QColor(Qt::black) : QColor(Qt::white);
}

FleetCompliance complianceAt(int index)
{
    return static_cast<FleetCompliance>(index);
}

} // namespace

FleetChart::FleetChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("fleetChart"));
    setFocusPolicy(Qt::StrongFocus);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    updateAccessibleText();
}

FleetChart::~FleetChart() = default;

QColor FleetChart::complianceColor(FleetCompliance compliance, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const bool dark = base.lightnessF() < 0.5;
    switch (compliance) {
    case FleetCompliance::NonCompliant:
        return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case FleetCompliance::Pending:
        return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xef, 0x8f, 0x00);
    case FleetCompliance::Unknown:
        return dark ? QColor(0xb3, 0x9d, 0xdb) : QColor(0x7e, 0x57, 0xc2);
    case FleetCompliance::Suspended:
        return dark ? QColor(0x90, 0xa4, 0xae) : QColor(0x60, 0x7d, 0x8b);
    case FleetCompliance::Compliant:
        return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case FleetCompliance::NoConfiguration:
        // Neither good nor bad: a quiet tone of the palette itself.
        return mix(base, palette.color(QPalette::Text), 0.28);
    }
    return palette.color(QPalette::Mid);
}

void FleetChart::setSummary(const FleetSummary &summary)
{
    const QList<FleetGroup> &before = m_summary.groups();
    const QString currentKey = m_current >= 0 && m_current < before.size() ? before[m_current].key : QString();
    const bool hadCurrent = m_current >= 0;
    m_summary = summary;
    const QList<FleetGroup> &groups = m_summary.groups();
    m_current = -1;
    if (hadCurrent) {
        const auto it = std::ranges::find(groups, currentKey, &FleetGroup::key);
        m_current = it != groups.end() ? int(it - groups.begin()) : (groups.isEmpty() ? -1 : 0);
    }
    updateGeometry();
    updateAccessibleText();
    update();
}

void FleetChart::setSelectedGroup(const std::optional<QString> &key)
{
    if (m_selected == key)
        return;
    m_selected = key;
    if (key) {
        const QList<FleetGroup> &groups = m_summary.groups();
        const auto it = std::ranges::find(groups, *key, &FleetGroup::key);
        if (it != groups.end())
            m_current = int(it - groups.begin());
    }
    updateAccessibleText();
    update();
}

void FleetChart::setCurrentGroup(int index)
{
    const int count = int(m_summary.groups().size());
    const int bounded = count == 0 ? -1 : std::clamp(index, 0, count - 1);
    if (bounded == m_current)
        return;
    m_current = bounded;
    updateAccessibleText();
    update();
}

FleetChart::Layout FleetChart::layout() const
{
    const QFontMetrics metrics = fontMetrics();
    Layout l;
    l.margin = metrics.height() / 2 + 2;
    l.rowHeight = metrics.height() + 2 * Spacing;

    // The legend flows over as many lines as the width needs.
    const int available = std::max(1, width() - 2 * l.margin);
    const int swatch = metrics.height();
    int lines = 1;
    int x = 0;
    for (int i = 0; i < FleetComplianceCount; ++i) {
        const int item = swatch + Spacing + metrics.horizontalAdvance(FleetCluster::complianceText(complianceAt(i))) + 3 * Spacing;
        if (x > 0 && x + item > available) {
            ++lines;
            x = 0;
        }
        x += item;
    }
    l.legendHeight = lines * (metrics.height() + Spacing) + Spacing;

    int widest = 0;
    int widestTotal = metrics.horizontalAdvance(QStringLiteral("0"));
    for (const FleetGroup &group : m_summary.groups()) {
        l.most = std::max(l.most, group.clusters);
        widest = std::max(widest, metrics.horizontalAdvance(group.label));
        widestTotal = std::max(widestTotal, metrics.horizontalAdvance(QString::number(group.clusters)));
    }
    l.labelWidth = std::min(widest + 2, std::max(metrics.horizontalAdvance(QStringLiteral("M")) * 8, available * 2 / 5));
    l.totalWidth = widestTotal + 2 * Spacing;
    l.plot = QRect(l.margin + l.labelWidth + 2 * Spacing, l.margin + l.legendHeight,
                   std::max(1, available - l.labelWidth - 2 * Spacing - l.totalWidth),
                   int(m_summary.groups().size()) * l.rowHeight);
    return l;
}

QRect FleetChart::rowRect(const Layout &l, int index) const
{
    return QRect(l.margin, l.plot.top() + index * l.rowHeight, width() - 2 * l.margin, l.rowHeight);
}

QRect FleetChart::barRect(int index) const
{
    if (index < 0 || index >= m_summary.groups().size())
        return {};
    return barRect(layout(), index);
}

QRect FleetChart::barRect(const Layout &l, int index) const
{
    const QList<FleetGroup> &groups = m_summary.groups();
    const QRect row = rowRect(l, index);
    const int length = std::max(1, int(std::lround(double(l.plot.width()) * groups[index].clusters / l.most)));
    return QRect(l.plot.left(), row.top() + Spacing / 2, length, row.height() - Spacing);
}

int FleetChart::groupAt(const QPoint &position) const
{
    const Layout l = layout();
    for (int i = 0; i < m_summary.groups().size(); ++i) {
        if (rowRect(l, i).contains(position))
            return i;
    }
    return -1;
}

QSize FleetChart::sizeHint() const
{
    const QSize minimum = minimumSizeHint();
    return {std::max(minimum.width(), fontMetrics().horizontalAdvance(QLatin1Char('M')) * 40), minimum.height()};
}

QSize FleetChart::minimumSizeHint() const
{
    const Layout l = layout();
    const int rows = std::max<int>(1, int(m_summary.groups().size()));
    return {fontMetrics().horizontalAdvance(QLatin1Char('M')) * 16, 2 * l.margin + l.legendHeight + rows * l.rowHeight};
}

void FleetChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &colors = palette();
    const QFontMetrics metrics = fontMetrics();
    const Layout l = layout();

    // Legend: one swatch per compliance state.
    const int swatch = metrics.height();
    int x = l.margin;
    int y = l.margin;
    for (int i = 0; i < FleetComplianceCount; ++i) {
        const QString text = FleetCluster::complianceText(complianceAt(i));
        const int item = swatch + Spacing + metrics.horizontalAdvance(text) + 3 * Spacing;
        if (x > l.margin && x + item > width() - l.margin) {
            x = l.margin;
            y += metrics.height() + Spacing;
        }
        painter.setPen(Qt::NoPen);
        painter.setBrush(complianceColor(complianceAt(i), colors));
        painter.drawRoundedRect(QRect(x, y + (metrics.height() - swatch) / 2, swatch, swatch), 2, 2);
        painter.setPen(colors.color(QPalette::Text));
        painter.drawText(QRect(x + swatch + Spacing, y, item, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += item;
    }

    const QList<FleetGroup> &groups = m_summary.groups();
    if (groups.isEmpty()) {
        painter.setPen(colors.color(QPalette::PlaceholderText));
        painter.drawText(QRect(l.margin, l.plot.top(), width() - 2 * l.margin, l.rowHeight), Qt::AlignCenter,
                         tr("No clusters to show"));
        return;
    }

    for (int i = 0; i < groups.size(); ++i) {
        const FleetGroup &group = groups[i];
        const QRect row = rowRect(l, i);
        const bool selected = m_selected && *m_selected == group.key;
        if (selected) {
            QColor fill = colors.color(QPalette::Highlight);
            fill.setAlphaF(0.18f);
            painter.setPen(QPen(colors.color(QPalette::Highlight), 2));
            painter.setBrush(fill);
            painter.drawRoundedRect(QRectF(row).adjusted(1, 1, -1, -1), 3, 3);
        }

        painter.setPen(colors.color(QPalette::Text));
        const QRect label(row.left() + Spacing / 2, row.top(), l.labelWidth, row.height());
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(group.label, Qt::ElideRight, l.labelWidth));

        // The bar: one segment per compliance state, worst first, edges from running totals so
        // that rounding leaves no gaps.
        const QRect bar = barRect(l, i);
        int done = 0;
        for (int state = 0; state < FleetComplianceCount; ++state) {
            const int count = group.compliance[size_t(state)];
            if (count == 0)
                continue;
            const int left = bar.left() + int(std::lround(double(bar.width()) * done / group.clusters));
            done += count;
            const int right = bar.left() + int(std::lround(double(bar.width()) * done / group.clusters));
            const QRect segment(left, bar.top(), std::max(1, right - left), bar.height());
            const QColor color = complianceColor(complianceAt(state), colors);
            painter.setPen(Qt::NoPen);
            painter.setBrush(color);
            painter.drawRect(segment);
            const QString number = QString::number(count);
            if (metrics.horizontalAdvance(number) + Spacing <= segment.width()) {
                painter.setPen(textOn(color));
                painter.drawText(segment, Qt::AlignCenter, number);
            }
        }
        painter.setPen(colors.color(QPalette::Text));
        painter.drawText(QRect(bar.right() + Spacing, row.top(), l.totalWidth, row.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         QString::number(group.clusters));

        if (i == m_current && hasFocus()) {
            QStyleOptionFocusRect focus;
            focus.initFrom(this);
            focus.rect = row.adjusted(2, 2, -2, -2);
            focus.backgroundColor = colors.color(QPalette::Base);
            style()->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, &painter, this);
        }
    }
}

void FleetChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const int index = groupAt(event->position().toPoint());
    if (index < 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    setCurrentGroup(index);
    Q_EMIT groupClicked(m_summary.groups()[index].key);
}

void FleetChart::keyPressEvent(QKeyEvent *event)
{
    const int count = int(m_summary.groups().size());
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Left:
        setCurrentGroup(m_current < 0 ? 0 : m_current - 1);
        return;
    case Qt::Key_Down:
    case Qt::Key_Right:
        setCurrentGroup(m_current < 0 ? 0 : m_current + 1);
        return;
    case Qt::Key_Home:
        setCurrentGroup(0);
        return;
    case Qt::Key_End:
        setCurrentGroup(count - 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0 && m_current < count) {
            Q_EMIT groupClicked(m_summary.groups()[m_current].key);
            return;
        }
        break;
    case Qt::Key_Escape:
        if (m_selected) {
            Q_EMIT clearRequested();
            return;
        }
        break;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

bool FleetChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int index = groupAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), groupDescription(m_summary.groups()[index]), this);
        else
            QToolTip::hideText();
        return true;
    }
    if (event->type() == QEvent::FocusIn && m_current < 0 && !m_summary.groups().isEmpty())
        setCurrentGroup(0);
    return QWidget::event(event);
}

void FleetChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        updateAccessibleText();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange)
        updateGeometry();
}

QString FleetChart::groupDescription(const FleetGroup &group) const
{
    QStringList parts;
    for (int state = 0; state < FleetComplianceCount; ++state) {
        if (const int count = group.compliance[size_t(state)])
            parts.append(tr("%1: %2", "compliance state: clusters").arg(FleetCluster::complianceText(complianceAt(state))).arg(count));
    }
    return tr("%1 — clusters: %2 (%3)").arg(group.label).arg(group.clusters).arg(parts.join(QStringLiteral(", ")));
}

void FleetChart::updateAccessibleText()
{
    setAccessibleName(tr("Clusters per group: %1").arg(FleetSummary::keyText(m_summary.key())));
    const QList<FleetGroup> &groups = m_summary.groups();
    QString description;
    if (groups.isEmpty()) {
        description = tr("No clusters to show.");
    } else {
        description = tr("Bar chart, groups: %1. Up and Down choose a bar, Enter shows its clusters in the table, "
                         "Escape shows every group.").arg(groups.size());
        if (m_current >= 0 && m_current < groups.size())
            description = groupDescription(groups[m_current]) + u' ' + description;
    }
    setAccessibleDescription(description);
}

} // namespace Fluxdeck::Ui
