"""What the week's all-day row and time grid share: seven day columns, blocks laid out side
by side where they overlap, tooltips, dragging a block and dropping onto a day or time.

Signals (_Canvas): itemDropped(str, object, object) key, date, time (None: all day),
itemActivated(str) key (double-click), menuRequested(str, QPoint) key and global position,
dayActivated(object) a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from oneonone_desktop.services.calendar_items import CalendarItem
from oneonone_desktop.views.calendar.item_actions import MIME_TYPE, can_move
from oneonone_desktop.views.calendar.words import (
    INK,
    LATE_COLOUR,
    SOFT_TEXT,
    day_text,
    group_colour,
    kind_word,
    time_text,
)

GUTTER = 64
HOUR = 44
SNAP_MINUTES = 15
TASK_MINUTES = 30
CHIP = 22
MAX_CHIP_ROWS = 4


@dataclass
class Block:
    item: CalendarItem
    column: int
    start: int  # minutes after midnight
    end: int
    lane: int = 0
    lanes: int = 1
    rect: QRect | None = None


def lay_out(blocks: list[Block]) -> None:
    """Side by side where they overlap: each cluster of overlapping blocks shares lanes."""
    for column in range(7):
        day = sorted((b for b in blocks if b.column == column), key=lambda b: (b.start, -b.end))
        cluster: list[Block] = []
        ends: list[int] = []  # per lane, where its last block ends
        for block in day:
            if ends and block.start >= max(ends):  # nothing open overlaps: a new cluster
                for member in cluster:
                    member.lanes = len(ends)
                cluster, ends = [], []
            lane = next((i for i, end in enumerate(ends) if end <= block.start), len(ends))
            if lane == len(ends):
                ends.append(block.end)
            else:
                ends[lane] = block.end
            block.lane = lane
            cluster.append(block)
        for member in cluster:
            member.lanes = len(ends)


class Canvas(QWidget):
    """What the all-day row and the time grid share: seven columns, drags and drops."""

    itemDropped = Signal(str, object, object)
    itemActivated = Signal(str)
    menuRequested = Signal(str, QPoint)
    dayActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.start = dt.date.today()
        self.today = dt.date.today()
        self.blocks: list[Block] = []
        self._press: tuple[QPoint, Block] | None = None
        self._drop: tuple[int, int | None] | None = None  # column, minute

    def column_rect(self, column: int) -> QRect:
        width = (self.width() - GUTTER) / 7
        left = GUTTER + round(column * width)
        return QRect(left, 0, GUTTER + round((column + 1) * width) - left, self.height())

    def column_at(self, x: int) -> int | None:
        if x < GUTTER:
            return None
        return min(6, int((x - GUTTER) * 7 / max(1, self.width() - GUTTER)))

    def block_at(self, point: QPoint) -> Block | None:
        for block in reversed(self.blocks):
            if block.rect is not None and block.rect.contains(point):
                return block
        return None

    def drop_target(self, point: QPoint) -> tuple[dt.date, dt.time | None] | None:
        """The day (and time) a drop at `point` means."""
        column = self.column_at(point.x())
        if column is None:
            return None
        return self.start + dt.timedelta(days=column), None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.block_at(event.pos())
            if block is not None:
                QToolTip.showText(event.globalPos(), describe(block.item), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # --- mouse ------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        block = self.block_at(event.position().toPoint())
        self._press = (event.position().toPoint(), block) if block else None
        if block is not None and event.button() == Qt.MouseButton.RightButton:
            self.menuRequested.emit(block.item.key, event.globalPosition().toPoint())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        origin, block = self._press
        distance = (event.position().toPoint() - origin).manhattanLength()
        if distance < QApplication.startDragDistance() or not can_move(block.item):
            return
        self._press = None
        drag = QDrag(self)
        data = QMimeData()
        data.setData(MIME_TYPE, block.item.key.encode())
        drag.setMimeData(data)
        if block.rect is not None:
            drag.setPixmap(self.grab(block.rect))
            drag.setHotSpot(origin - block.rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        block = self.block_at(event.position().toPoint())
        if block is not None:
            self.itemActivated.emit(block.item.key)

    # --- dropping ------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_TYPE):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self.drop_target(event.position().toPoint())
        if target is None or not event.mimeData().hasFormat(MIME_TYPE):
            event.ignore()
            self._drop = None
        else:
            event.acceptProposedAction()
            day, clock = target
            minute = clock.hour * 60 + clock.minute if clock else None
            self._drop = ((day - self.start).days, minute)
        self.update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drop = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop = None
        self.update()
        target = self.drop_target(event.position().toPoint())
        if target is None or not event.mimeData().hasFormat(MIME_TYPE):
            event.ignore()
            return
        event.acceptProposedAction()
        key = bytes(event.mimeData().data(MIME_TYPE).data()).decode()
        self.itemDropped.emit(key, target[0], target[1])

    def _paint_block(self, painter: QPainter, block: Block, lines: int) -> None:
        rect = block.rect
        if rect is None:
            return
        item = block.item
        colour = group_colour(item.kind)
        fill = QColor(colour)
        fill.setAlpha(40 if not item.done else 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(rect), 3, 3)
        painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), colour)
        if item.overdue:
            painter.setPen(QPen(QColor(LATE_COLOUR), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(0.75, 0.75, -0.75, -0.75), 3, 3)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        font.setStrikeOut(item.done)
        painter.setFont(font)
        painter.setPen(QColor("#8a94a0" if item.done else INK))
        metrics = painter.fontMetrics()
        inner = rect.adjusted(6, 1, -3, -1)
        painter.drawText(
            inner.left(),
            inner.top() + metrics.ascent() + 1,
            metrics.elidedText(item.title, Qt.TextElideMode.ElideRight, inner.width()),
        )
        if lines > 1 and inner.height() >= 2 * metrics.height():
            second = ", ".join(p for p in (time_text(item.time), item.place) if p)
            painter.setPen(QColor(SOFT_TEXT))
            painter.drawText(
                inner.left(),
                inner.top() + metrics.height() + metrics.ascent() + 1,
                metrics.elidedText(second, Qt.TextElideMode.ElideRight, inner.width()),
            )


def describe(item: CalendarItem) -> str:
    """An item in a few plain lines, for its tooltip."""
    when = day_text(item.date, "dddd d MMMM") + (f", {time_text(item.time)}" if item.time else "")
    lines = [item.title, f"{kind_word(item.kind)} · {when}"]
    if item.person_name and item.person_name not in item.title:
        lines.append(item.person_name)
    if item.place:
        lines.append(item.place)
    return "\n".join(lines)
