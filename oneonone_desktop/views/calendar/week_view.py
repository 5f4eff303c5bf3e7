"""The week: a time grid with meetings and timed tasks as blocks, untimed items in an all-day
row above; drag a block or a chip to another day or time to move it (see week_canvas)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from oneonone_desktop.services import tasks
from oneonone_desktop.services.calendar_items import CalendarItem
from oneonone_desktop.views.calendar.item_actions import ItemActions
from oneonone_desktop.views.calendar.week_canvas import (
    CHIP,
    GUTTER,
    HOUR,
    MAX_CHIP_ROWS,
    SNAP_MINUTES,
    TASK_MINUTES,
    Block,
    Canvas,
    lay_out,
)
from oneonone_desktop.views.calendar.words import (
    INK,
    LATE_COLOUR,
    LINE,
    SOFT_TEXT,
    TODAY_COLOUR,
    count_text,
    day_text,
    time_text,
    tr,
)


class AllDayRow(Canvas):
    """Untimed items as chips under each day's name; "+N more" when they do not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allDayRow")
        self.setAccessibleName(tr("All-day items of the week"))
        self.more: dict[int, int] = {}
        self._rows = 1
        self.setFixedHeight(self._height())

    def _height(self) -> int:
        return 4 + self._rows * (CHIP + 2) + 4

    def set_items(self, start: dt.date, today: dt.date, items: list[CalendarItem]) -> None:
        self.start, self.today = start, today
        per_day: dict[int, list[CalendarItem]] = {}
        for item in items:
            per_day.setdefault((item.date - start).days, []).append(item)
        most = max((len(v) for v in per_day.values()), default=0)
        self._rows = max(1, min(MAX_CHIP_ROWS, most))
        self.setFixedHeight(self._height())
        self._per_day = per_day
        self.more = {}
        self.blocks = []
        for column, day_items in per_day.items():
            shown = day_items
            if len(day_items) > self._rows:
                shown = day_items[: self._rows - 1]
                self.more[column] = len(day_items) - len(shown)
            for row, item in enumerate(shown):
                self.blocks.append(Block(item, column, row, row + 1))
        self._place()
        self.update()

    def _place(self) -> None:
        for block in self.blocks:
            box = self.column_rect(block.column)
            top = 4 + block.start * (CHIP + 2)
            block.rect = QRect(box.left() + 2, top, box.width() - 5, CHIP)

    def resizeEvent(self, event: object) -> None:
        self._place()

    def more_rect(self, column: int) -> QRect:
        box = self.column_rect(column)
        return QRect(box.left() + 2, 4 + (self._rows - 1) * (CHIP + 2), box.width() - 5, CHIP)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        for column in self.more:
            if self.more_rect(column).contains(point):
                self.dayActivated.emit(self.start + dt.timedelta(days=column))
                return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QColor(SOFT_TEXT))
        painter.drawText(
            QRect(0, 0, GUTTER - 8, self.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            tr("All day"),
        )
        for column in range(7):
            box = self.column_rect(column)
            if self.start + dt.timedelta(days=column) == self.today:
                painter.fillRect(box, QColor("#f1f6fc"))
            if self._drop is not None and self._drop[0] == column:
                painter.fillRect(box, QColor("#d5e2f1"))
            painter.setPen(QColor(LINE))
            painter.drawLine(box.topLeft(), box.bottomLeft())
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        for block in self.blocks:
            self._paint_block(painter, block, 1)
        for column, count in self.more.items():
            painter.setPen(QColor(TODAY_COLOUR))
            painter.drawText(
                self.more_rect(column).adjusted(6, 0, 0, 0),
                Qt.AlignmentFlag.AlignVCenter,
                count_text(count, "1 more…", "{n} more…"),
            )
        painter.end()


class TimeGrid(Canvas):
    """Hours down, days across; meetings and timed tasks as blocks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekGrid")
        self.setAccessibleName(tr("Week, by the hour"))
        self.setMinimumHeight(24 * HOUR + 1)
        self.now: dt.datetime | None = None

    def sizeHint(self) -> QSize:
        return QSize(700, 24 * HOUR + 1)

    def set_items(
        self, start: dt.date, today: dt.date, items: list[CalendarItem], now: dt.datetime
    ) -> None:
        self.start, self.today, self.now = start, today, now
        self.blocks = []
        for item in items:
            if item.time is None:
                continue
            begin = item.time.hour * 60 + item.time.minute
            length = item.minutes or TASK_MINUTES
            end = min(24 * 60, begin + max(length, 20))
            self.blocks.append(Block(item, (item.date - start).days, begin, end))
        lay_out(self.blocks)
        self._place()
        self.update()

    def _place(self) -> None:
        for block in self.blocks:
            box = self.column_rect(block.column)
            width = (box.width() - 6) / block.lanes
            left = box.left() + 2 + round(block.lane * width)
            top = round(block.start * HOUR / 60) + 1
            bottom = round(block.end * HOUR / 60) - 1
            block.rect = QRect(left, top, max(8, round(width) - 2), max(14, bottom - top))

    def resizeEvent(self, event: object) -> None:
        self._place()

    def y_of(self, minute: int) -> int:
        return round(minute * HOUR / 60)

    def drop_target(self, point: QPoint) -> tuple[dt.date, dt.time | None] | None:
        column = self.column_at(point.x())
        if column is None:
            return None
        minute = int(point.y() * 60 / HOUR) // SNAP_MINUTES * SNAP_MINUTES
        minute = max(0, min(24 * 60 - SNAP_MINUTES, minute))
        day = self.start + dt.timedelta(days=column)
        return day, dt.time(minute // 60, minute % 60)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        clip = event.rect()
        painter.fillRect(clip, QColor("#ffffff"))
        for column in range(7):
            box = self.column_rect(column)
            if self.start + dt.timedelta(days=column) == self.today:
                painter.fillRect(box, QColor("#f1f6fc"))
        light, line = QColor("#eef1f4"), QColor(LINE)
        for hour in range(24):
            y = self.y_of(hour * 60)
            painter.setPen(line)
            painter.drawLine(GUTTER - 4, y, self.width(), y)
            painter.setPen(light)
            painter.drawLine(GUTTER, y + HOUR // 2, self.width(), y + HOUR // 2)
            if hour:
                painter.setPen(QColor(SOFT_TEXT))
                painter.drawText(
                    QRect(0, y - 8, GUTTER - 8, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    time_text(dt.time(hour)),
                )
        painter.setPen(line)
        for column in range(7):
            box = self.column_rect(column)
            painter.drawLine(box.left(), 0, box.left(), self.height())
        if self._drop is not None and self._drop[1] is not None:
            box = self.column_rect(self._drop[0])
            top = self.y_of(self._drop[1])
            painter.setPen(QPen(QColor(TODAY_COLOUR), 1, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(29, 95, 168, 40))
            painter.drawRect(QRect(box.left() + 2, top, box.width() - 5, self.y_of(TASK_MINUTES)))
        for block in self.blocks:
            if block.rect is not None and block.rect.intersects(clip):
                self._paint_block(painter, block, 2)
        if self.now is not None and 0 <= (self.now.date() - self.start).days < 7:
            box = self.column_rect((self.now.date() - self.start).days)
            y = self.y_of(self.now.hour * 60 + self.now.minute)
            painter.setPen(QPen(QColor(LATE_COLOUR), 2))
            painter.drawLine(box.left(), y, box.right(), y)
            painter.setBrush(QColor(LATE_COLOUR))
            painter.drawEllipse(QPoint(box.left(), y), 4, 4)
        painter.end()


class DayHeader(QWidget):
    """The names and dates of the week's days, above the all-day row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(30)
        self.start = dt.date.today()
        self.today = dt.date.today()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        width = (self.width() - GUTTER) / 7
        bold = QFont(self.font())
        bold.setBold(True)
        for column in range(7):
            day = self.start + dt.timedelta(days=column)
            box = QRect(GUTTER + round(column * width), 0, round(width), self.height())
            painter.setFont(bold if day == self.today else self.font())
            painter.setPen(QColor(TODAY_COLOUR if day == self.today else INK))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, day_text(day, "ddd d"))
        painter.end()


class WeekView(QWidget):
    """Header, all-day row and the scrolling hours, sharing one column layout."""

    def __init__(self, actions: ItemActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.header = DayHeader()
        self.all_day = AllDayRow()
        self.grid = TimeGrid()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.grid)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        frame = QFrame()
        frame.setObjectName("weekFrame")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(0)
        for part in (self.header, self.all_day):
            holder = QWidget()
            row = QVBoxLayout(holder)
            bar = self.scroll.verticalScrollBar().sizeHint().width()
            row.setContentsMargins(0, 0, bar, 0)
            row.addWidget(part)
            inner.addWidget(holder)
        inner.addWidget(self.scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        self.setStyleSheet("#weekFrame { border: 1px solid #d9dee4; background: #ffffff; }")
        self.items: dict[str, CalendarItem] = {}
        self._scrolled = False
        self._first_hour = 8

    def load(
        self, start: dt.date, kinds: Collection[str], today: dt.date, now: dt.datetime
    ) -> None:
        """Show the seven days from `start`."""
        items = tasks.items_between(start, start + dt.timedelta(days=6), kinds, today=today)
        self.items = {item.key: item for item in items}
        self.header.start, self.header.today = start, today
        self.header.update()
        self.all_day.set_items(start, today, [i for i in items if i.time is None])
        self.grid.set_items(start, today, [i for i in items if i.time is not None], now)
        self._first_hour = min([8, *(i.time.hour for i in items if i.time)])
        if self.isVisible() and not self._scrolled:
            self.scroll_to_hour(self._first_hour)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._scrolled:  # once laid out: the scroll bar has no range before
            QTimer.singleShot(0, lambda: self.scroll_to_hour(self._first_hour))

    def scroll_to_hour(self, hour: int) -> None:
        """Scroll so that `hour` is near the top (the morning, or the earliest item)."""
        bar = self.scroll.verticalScrollBar()
        if bar.maximum() > 0:
            bar.setValue(max(0, hour * HOUR - HOUR // 3))
            self._scrolled = True

    def summary(self) -> str:
        return tr("Week of {day}").format(day=day_text(self.header.start, "d MMMM yyyy"))
