"""The dashboard's small charts, painted with QPainter in the widget's palette colours so they
read on light and dark themes: 1:1s per week (bars), commitments (one stacked bar with a
legend) and the top issues (horizontal bars with the change since the period before)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

# Mid-tone fills that keep their meaning and contrast on a white or a near-black background.
ACCENT = "#3b7dd8"
STATUS_COLOURS = {
    "kept": "#2e9a5e",
    "missed": "#d0453a",
    "pending": "#d99a1e",
    "not_yet": "#8a96a3",
}


def blend(a: QColor, b: QColor, share: float) -> QColor:
    """`share` of `b` mixed into `a`."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


class Chart(QWidget):
    """What the charts share: palette colours, an empty-state text, tooltips per region."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self._tips: list[tuple[QRect, str]] = []
        self.setMinimumHeight(120)

    def ink(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def muted(self) -> QColor:
        return blend(self.palette().color(QPalette.ColorRole.Window), self.ink(), 0.62)

    def grid(self) -> QColor:
        return blend(self.palette().color(QPalette.ColorRole.Window), self.ink(), 0.14)

    def paint_empty(self, painter: QPainter) -> None:
        painter.setPen(self.muted())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = next((t for r, t in self._tips if r.contains(event.pos())), "")
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 4:
            return step
    return max(1, top // 4)


class WeeklyBars(Chart):
    """1:1s held per week: one bar a week, weeks named by their Monday."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("No 1:1s held in this period."), parent)
        self.weeks: list[tuple[dt.date, int]] = []
        self.setAccessibleName(self.tr("1:1s held per week"))

    def set_weeks(self, weeks: list[tuple[dt.date, int]]) -> None:
        self.weeks = list(weeks)
        total = sum(n for _, n in weeks)
        busiest = max(weeks, key=lambda w: w[1], default=None)
        text = self.tr("{n} 1:1s held in {w} weeks.").format(n=total, w=len(weeks))
        if busiest and busiest[1]:
            text += " " + self.tr("Most in one week: {n}, the week of {day}.").format(
                n=busiest[1], day=_day(busiest[0])
            )
        self.setAccessibleDescription(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 170)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._tips = []
        if not any(n for _, n in self.weeks):
            self.paint_empty(painter)
            return
        metrics = QFontMetrics(self.font())
        top = max(n for _, n in self.weeks)
        step = _step(top)
        ceiling = (top // step + 1) * step
        left = metrics.horizontalAdvance(str(ceiling)) + 8
        area = QRect(left, 8, self.width() - left - 4, self.height() - 16 - metrics.height())
        for value in range(0, ceiling + 1, step):
            y = area.bottom() - round(area.height() * value / ceiling)
            painter.setPen(self.grid())
            painter.drawLine(area.left(), y, area.right(), y)
            painter.setPen(self.muted())
            painter.drawText(QRect(0, y - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight, str(value))
        slot = area.width() / len(self.weeks)
        width = max(2.0, min(28.0, slot * 0.62))
        label_every = max(1, round(metrics.horizontalAdvance("30 Sep  ") / slot + 0.49))
        for n, (monday, count) in enumerate(self.weeks):
            x = area.left() + slot * n + (slot - width) / 2
            height = area.height() * count / ceiling
            bar = QRectF(x, area.bottom() - height, width, height)
            painter.fillRect(bar, QColor(ACCENT))
            self._tips.append(
                (
                    QRect(round(area.left() + slot * n), area.top(), round(slot), area.height()),
                    self.tr("Week of {day}: {n} held").format(day=_day(monday), n=count),
                )
            )
            if n % label_every == 0:
                painter.setPen(self.muted())
                centre = round(x + width / 2)
                painter.drawText(
                    QRect(centre - 40, area.bottom() + 4, 80, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    _day(monday),
                )


class CommitmentBar(Chart):
    """The asks of the period as one bar split into kept, missed, to come and not yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("No asks in this period."), parent)
        self.parts: list[tuple[str, str, int]] = []  # key, words, count
        self.setAccessibleName(self.tr("Commitments"))
        self.setMinimumHeight(90)

    def set_counts(self, kept: int, missed: int, pending: int, not_yet: int) -> None:
        self.parts = [
            ("kept", self.tr("Kept"), kept),
            ("missed", self.tr("Missed"), missed),
            ("pending", self.tr("To come"), pending),
            ("not_yet", self.tr("Not yet"), not_yet),
        ]
        self.setAccessibleDescription(", ".join(f"{w}: {n}" for _, w, n in self.parts))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(300, 110)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._tips = []
        total = sum(n for *_, n in self.parts)
        if not total:
            self.paint_empty(painter)
            return
        metrics = QFontMetrics(self.font())
        bar = QRect(0, 6, self.width() - 1, 26)
        x = float(bar.left())
        for key, words, count in self.parts:
            if not count:
                continue
            width = bar.width() * count / total
            piece = QRectF(x, bar.top(), width, bar.height())
            painter.fillRect(piece, QColor(STATUS_COLOURS[key]))
            self._tips.append((piece.toRect(), f"{words}: {count}"))
            x += width
        row, column = bar.bottom() + 12, 0
        for key, words, count in self.parts:
            text = f"{words} {count}"
            needed = 16 + metrics.horizontalAdvance(text) + 16
            if column and column + needed > self.width():
                row, column = row + metrics.height() + 6, 0
            swatch = QRect(column, row + (metrics.height() - 10) // 2, 10, 10)
            painter.fillRect(swatch, QColor(STATUS_COLOURS[key]))
            painter.setPen(self.ink())
            painter.drawText(QPoint(column + 16, row + metrics.ascent()), text)
            column += needed


class IssueBars(Chart):
    """The top issues as horizontal bars, with the change since the period before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("No issues noted in 1:1s in this period."), parent)
        self.issues: list[tuple[str, int, int]] = []  # name, people, change
        self.setAccessibleName(self.tr("Top issues raised"))

    def set_issues(self, issues: list[tuple[str, int, int]]) -> None:
        self.issues = list(issues)
        self.setAccessibleDescription(
            "; ".join(f"{name}: {n} ({_change(c)})" for name, n, c in issues)
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, max(120, 22 * len(self.issues) + 8))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._tips = []
        if not self.issues:
            self.paint_empty(painter)
            return
        metrics = QFontMetrics(self.font())
        names = min(150, max(metrics.horizontalAdvance(n) for n, *_ in self.issues) + 10)
        after = metrics.horizontalAdvance("999  ▲ 99") + 6
        span = max(20, self.width() - names - after)
        most = max(n for _, n, _ in self.issues) or 1
        row_height = min(24, max(metrics.height() + 4, (self.height() - 4) // len(self.issues)))
        for n, (name, people, change) in enumerate(self.issues):
            y = 2 + n * row_height
            line = QRect(0, y, self.width(), row_height)
            painter.setPen(self.ink())
            painter.drawText(
                QRect(0, y, names - 8, row_height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, names - 8),
            )
            width = span * people / most
            bar = QRectF(names, y + row_height * 0.2, width, row_height * 0.6)
            painter.fillRect(bar, QColor(ACCENT))
            painter.drawText(
                QRect(round(names + width) + 6, y, after, row_height),
                Qt.AlignmentFlag.AlignVCenter,
                str(people),
            )
            painter.setPen(self.muted())
            shift = metrics.horizontalAdvance(f"{people}  ")
            painter.drawText(
                QRect(round(names + width) + 6 + shift, y, after, row_height),
                Qt.AlignmentFlag.AlignVCenter,
                _arrow(change),
            )
            self._tips.append(
                (line, self.tr("{name}: {n} people ({change})").format(
                    name=name, n=people, change=_change(change)
                ))
            )  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("reports", text)


def _day(day: dt.date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def _arrow(change: int) -> str:
    return "" if change == 0 else (f"▲ {change}" if change > 0 else f"▼ {-change}")


def _change(change: int) -> str:
    if change == 0:
        return _tr("no change since the period before")
    words = (
        _tr("up {n} since the period before")
        if change > 0
        else _tr("down {n} since the period before")
    )
    return words.format(n=abs(change))
