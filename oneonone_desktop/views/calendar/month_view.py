"""The month: a painted grid of six weeks (counts and coloured dots per day, today and overdue
marked), and the chosen day's items beside it. Items dropped on a day move there.

Signals (MonthGrid): daySelected(object) a date, dayActivated(object) a date (double-click or
Enter), itemDropped(str, object) an item's key and the day it was dropped on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QToolTip, QVBoxLayout, QWidget

from oneonone_desktop.services import tasks
from oneonone_desktop.services.calendar_items import DaySummary
from oneonone_desktop.views.calendar.item_actions import MIME_TYPE, ItemActions
from oneonone_desktop.views.calendar.item_list import ItemPanel
from oneonone_desktop.views.calendar.words import (
    GROUP_COLOURS,
    GROUP_OF,
    GROUP_WORDS,
    INK,
    LATE_BACKGROUND,
    LATE_COLOUR,
    LINE,
    SOFT_TEXT,
    TODAY_COLOUR,
    count_text,
    long_day,
    tr,
    week_start,
)

HEADER = 26
SHORT_WORDS = {
    "meeting": ("1:1", "1:1s"),
    "task": ("to do", "to do"),
    "commitment": ("commitment", "commitments"),
    "promise": ("promise", "promises"),
}


@dataclass
class _Cell:
    day: dt.date
    in_month: bool
    groups: list[tuple[str, int]]  # (group, how many) in GROUPS order
    late: int
    open: int
    total: int


def grid_start(year: int, month: int) -> dt.date:
    """The first day shown for a month: the start of the week holding its 1st."""
    return week_start(dt.date(year, month, 1))


def _short(group: str, count: int) -> str:
    one, many = SHORT_WORDS[group]
    return tr(one if count == 1 else many)


class MonthGrid(QWidget):
    daySelected = Signal(object)
    dayActivated = Signal(object)
    itemDropped = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthGrid")
        self.setAccessibleName(tr("Month"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(420, 360))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.year, self.month = 2000, 1
        self.today = dt.date.today()
        self.selected = self.today
        self.cells: list[_Cell] = []
        self._drop_day: dt.date | None = None
        self._names: list[str] = []

    # --- data ------------------------------------------

    def set_month(
        self,
        year: int,
        month: int,
        summaries: dict[dt.date, DaySummary],
        today: dt.date,
        selected: dt.date,
    ) -> None:
        """Show a month from precomputed day summaries (painting then only draws)."""
        self.year, self.month, self.today, self.selected = year, month, today, selected
        first = grid_start(year, month)
        self.cells = []
        for offset in range(42):
            day = first + dt.timedelta(days=offset)
            summary = summaries.get(day)
            groups: dict[str, int] = {}
            if summary is not None:
                for kind, count in summary.kinds.items():
                    group = GROUP_OF.get(kind, "task")
                    groups[group] = groups.get(group, 0) + count
            self.cells.append(
                _Cell(
                    day,
                    day.month == month,
                    [(g, groups[g]) for g in GROUP_COLOURS if groups.get(g)],
                    summary.overdue if summary else 0,
                    summary.open if summary else 0,
                    summary.total if summary else 0,
                )
            )
        from PySide6.QtCore import QLocale

        locale = QLocale()
        self._names = [
            locale.dayName(
                ((first + dt.timedelta(days=i)).isoweekday()), QLocale.FormatType.ShortFormat
            )
            for i in range(7)
        ]
        self.update()

    def select(self, day: dt.date) -> None:
        self.selected = day
        self.update()

    # --- geometry ------------------------------------------

    def cell_rect(self, index: int) -> QRect:
        width = self.width() / 7
        height = (self.height() - HEADER) / 6
        row, column = divmod(index, 7)
        left, top = round(column * width), HEADER + round(row * height)
        return QRect(
            left, top, round((column + 1) * width) - left, HEADER + round((row + 1) * height) - top
        )

    def day_at(self, point: QPoint) -> dt.date | None:
        if not self.cells or point.y() < HEADER:
            return None
        column = min(6, max(0, int(point.x() * 7 / max(1, self.width()))))
        row = min(5, max(0, int((point.y() - HEADER) * 6 / max(1, self.height() - HEADER))))
        return self.cells[row * 7 + column].day

    # --- painting ------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.92))
        bold = QFont(base)
        bold.setBold(True)
        painter.setPen(QColor(SOFT_TEXT))
        painter.setFont(bold)
        width = self.width() / 7
        for column, name in enumerate(self._names):
            box = QRect(round(column * width), 0, round(width), HEADER)
            painter.drawText(box.adjusted(8, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, name)
        line = QPen(QColor(LINE))
        for index, cell in enumerate(self.cells):
            self._paint_cell(painter, self.cell_rect(index), cell, base, small, bold, line)
        painter.setPen(line)
        painter.drawLine(0, HEADER, self.width(), HEADER)
        if self.hasFocus() and self.cells:
            index = next((i for i, c in enumerate(self.cells) if c.day == self.selected), -1)
            if index >= 0:
                painter.setPen(QPen(QColor(TODAY_COLOUR), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(self.cell_rect(index).adjusted(1, 1, -2, -2))
        painter.end()

    def _paint_cell(
        self,
        painter: QPainter,
        box: QRect,
        cell: _Cell,
        base: QFont,
        small: QFont,
        bold: QFont,
        line: QPen,
    ) -> None:
        if cell.day == self._drop_day:
            painter.fillRect(box, QColor("#d5e2f1"))
        elif cell.day == self.selected:
            painter.fillRect(box, QColor("#e8f0fa"))
        elif cell.late:
            painter.fillRect(box, QColor(LATE_BACKGROUND))
        elif not cell.in_month:
            painter.fillRect(box, QColor("#f4f6f8"))
        painter.setPen(line)
        painter.drawLine(box.topRight(), box.bottomRight())
        painter.drawLine(box.bottomLeft(), box.bottomRight())
        if cell.late:
            painter.fillRect(
                QRect(box.left(), box.top() + 1, 3, box.height() - 1), QColor(LATE_COLOUR)
            )
        number = str(cell.day.day)
        top = box.top() + 5
        if cell.day == self.today:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(TODAY_COLOUR))
            painter.drawEllipse(QRectF(box.left() + 4, top - 1, 24, 24))
            painter.setPen(QColor("#ffffff"))
            painter.setFont(bold)
            painter.drawText(
                QRect(box.left() + 4, top - 1, 24, 24), Qt.AlignmentFlag.AlignCenter, number
            )
        else:
            painter.setPen(QColor(INK if cell.in_month else "#9aa3ad"))
            painter.setFont(bold if cell.in_month else base)
            painter.drawText(
                QRect(box.left() + 4, top - 1, 24, 24), Qt.AlignmentFlag.AlignCenter, number
            )
        painter.setFont(small)
        metrics = painter.fontMetrics()
        step = metrics.height() + 2
        y = top + 28
        x = box.left() + 10
        bottom = box.bottom() - step - 2 if (cell.late or cell.total) else box.bottom()
        labels = [f"{count:,} {_short(group, count)}" for group, count in cell.groups]
        # One line per kind with words when they fit, else coloured dots with counts in a row.
        wide = len(labels) * step <= bottom - y + 2 and all(
            metrics.horizontalAdvance(text) + 24 <= box.width() for text in labels
        )
        for group, count in cell.groups:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(GROUP_COLOURS[group]))
            painter.drawEllipse(QRectF(x, y + (metrics.height() - 7) / 2, 7, 7))
            painter.setPen(QColor(INK if cell.in_month else "#8a94a0"))
            text = f"{count:,}" + (f" {_short(group, count)}" if wide else "")
            painter.drawText(x + 11, y + metrics.ascent(), text)
            if wide:
                y += step
            else:
                x += 11 + metrics.horizontalAdvance(text) + 8
        if cell.late:
            painter.setPen(QColor(LATE_COLOUR))
            painter.setFont(bold)
            painter.drawText(
                QRect(box.left() + 10, box.bottom() - step - 3, box.width() - 14, step),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                count_text(cell.late, "1 late", "{n} late"),
            )
        elif cell.total and not cell.open and cell.day <= self.today:
            painter.setPen(QColor("#2f7d4f"))
            painter.drawText(
                QRect(box.left() + 10, box.bottom() - step - 3, box.width() - 14, step),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                tr("✓ all done"),
            )

    # --- mouse, keys, tooltips ------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.select(day)
            self.daySelected.emit(day)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.dayActivated.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        key = Qt.Key(event.key())
        if key in moves and not event.modifiers():
            day = self.selected + dt.timedelta(days=moves[key])
            self.select(day)
            self.daySelected.emit(day)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.dayActivated.emit(self.selected)
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            cell = next((c for c in self.cells if c.day == day), None)
            if cell is not None:
                QToolTip.showText(event.globalPos(), self.describe(cell), self)
            return True
        return super().event(event)

    def describe(self, cell: _Cell) -> str:
        parts = [f"{count} {tr(GROUP_WORDS[group]).lower()}" for group, count in cell.groups]
        text = long_day(cell.day, self.today) + ": " + (", ".join(parts) or tr("nothing planned"))
        if cell.late:
            text += "; " + count_text(cell.late, "1 late", "{n} late")
        return text

    # --- dropping ------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_TYPE):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None and event.mimeData().hasFormat(MIME_TYPE):
            event.acceptProposedAction()
            if day != self._drop_day:
                self._drop_day = day
                self.update()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drop_day = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_day = None
        self.update()
        day = self.day_at(event.position().toPoint())
        if day is None or not event.mimeData().hasFormat(MIME_TYPE):
            event.ignore()
            return
        event.acceptProposedAction()
        key = bytes(event.mimeData().data(MIME_TYPE).data()).decode()
        self.itemDropped.emit(key, day)


class MonthView(QWidget):
    """The month grid with the chosen day's items beside it."""

    def __init__(self, actions: ItemActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.grid = MonthGrid()
        self.day_title = QLabel()
        self.day_title.setObjectName("dayTitle")
        self.day_panel = ItemPanel(actions, ("what", "when"), compact=True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(10, 0, 0, 0)
        side_layout.addWidget(self.day_title)
        side_layout.addWidget(self.day_panel, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([680, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._kinds: Collection[str] = ()
        self._today = dt.date.today()

    def load(self, anchor: dt.date, kinds: Collection[str], today: dt.date) -> None:
        """Show `anchor`'s month, with `anchor` chosen and its items listed."""
        self._kinds, self._today = kinds, today
        first = grid_start(anchor.year, anchor.month)
        summaries = tasks.day_summaries(first, first + dt.timedelta(days=41), kinds, today=today)
        self.grid.set_month(anchor.year, anchor.month, summaries, today, anchor)
        self.show_day(anchor)

    def show_day(self, day: dt.date) -> None:
        self.grid.select(day)
        self.day_title.setText(long_day(day, self._today))
        items = tasks.items_between(day, day, self._kinds, today=self._today)
        self.day_panel.set_sections(
            [("", items)],
            tr("Nothing planned for this day."),
        )
