"""The Calendar section's page: Today, Month, Week and Agenda views, kind filters, moving back
and forth in time (PageUp, PageDown, Home), and what a drop or a menu asks for.

Signals: changed() after something was stored (the reminder badge recounts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPoint, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.calendar_items import CalendarItem
from oneonone_desktop.views.calendar.item_actions import ItemActions
from oneonone_desktop.views.calendar.item_list import dot_icon
from oneonone_desktop.views.calendar.list_views import AGENDA_DAYS, AgendaView, TodayView
from oneonone_desktop.views.calendar.month_view import MonthView
from oneonone_desktop.views.calendar.week_view import WeekView
from oneonone_desktop.views.calendar.words import GROUP_WORDS, GROUPS, day_text, long_day, tr
from oneonone_desktop.views.calendar.words import week_start as first_of_week

VIEWS = {"today": "Today", "month": "Month", "week": "Week", "agenda": "Agenda"}
HINTS = {
    "month": "Click a day to see its items; drag one onto another day to move it.",
    "week": "Drag a block to another day or time to move it; right-click for more.",
    "agenda": "Tick a task when it is done; double-click to open the person.",
    "today": "",
}


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (following - dt.timedelta(days=1)).day))


class CalendarPage(QWidget):
    changed = Signal()

    def __init__(
        self,
        open_person: Callable[[int], None],
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPage")
        self.settings = settings
        self.clock = clock
        self.anchor = self.today()
        self.actions = ItemActions(self, self.today, open_person)
        self.actions.changed.connect(self._stored)

        title = QLabel(tr("Calendar"))
        title.setObjectName("pageTitle")
        self.view_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        views_row = QHBoxLayout()
        views_row.setSpacing(0)
        for key, text in VIEWS.items():
            button = QToolButton()
            button.setObjectName("viewButton")
            button.setText(tr(text))
            button.setCheckable(True)
            button.setAccessibleName(tr("{view} view").format(view=tr(text)))
            button.clicked.connect(lambda _=False, k=key: self.set_view(k))
            group.addButton(button)
            views_row.addWidget(button)
            self.view_buttons[key] = button
        self.filters: dict[str, QToolButton] = {}
        filters_row = QHBoxLayout()
        filters_row.setSpacing(6)
        shown = QLabel(tr("Show:"))
        shown.setObjectName("filterCaption")
        filters_row.addWidget(shown)
        for group_key, words in GROUP_WORDS.items():
            chip = QToolButton()
            chip.setObjectName("filterChip")
            chip.setText(tr(words))
            chip.setIcon(dot_icon(GROUPS[group_key][0]))
            chip.setIconSize(QSize(12, 12))
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setCheckable(True)
            chip.setChecked(True)
            chip.setToolTip(tr("Show or hide {what}").format(what=tr(words).lower()))
            chip.toggled.connect(self._filters_changed)
            filters_row.addWidget(chip)
            self.filters[group_key] = chip

        self.prev_button = self._nav_button("‹", tr("Earlier (Page Up)"), self.go_previous)
        self.today_button = QToolButton()
        self.today_button.setText(tr("Today"))
        self.today_button.setToolTip(tr("Back to today (Home)"))
        self.today_button.clicked.connect(self.go_today)
        self.next_button = self._nav_button("›", tr("Later (Page Down)"), self.go_next)
        self.range_label = QLabel()
        self.range_label.setObjectName("rangeLabel")
        self.hint = QLabel()
        self.hint.setObjectName("filterCaption")

        self.today_view = TodayView(self.actions)
        self.month_view = MonthView(self.actions)
        self.week_view = WeekView(self.actions)
        self.agenda_view = AgendaView(self.actions)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {
            "today": self.today_view,
            "month": self.month_view,
            "week": self.week_view,
            "agenda": self.agenda_view,
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        self._wire_views()

        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(title)
        top.addLayout(views_row)
        top.addStretch(1)
        top.addLayout(filters_row)
        nav = QHBoxLayout()
        nav.setSpacing(4)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.today_button)
        nav.addWidget(self.next_button)
        self.nav_gap = QWidget()
        self.nav_gap.setFixedWidth(10)
        nav.addWidget(self.nav_gap)
        nav.addWidget(self.range_label)
        nav.addStretch(1)
        nav.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(nav)
        layout.addWidget(self.stack, 1)
        self.setStyleSheet(_STYLE)
        for keys, slot in (("PgUp", self.go_previous), ("PgDown", self.go_next)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        home = QShortcut(QKeySequence("Home"), self)
        home.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        home.activated.connect(self.go_today)
        self._restore()

    def _nav_button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setObjectName("navButton")
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    def _wire_views(self) -> None:
        grid = self.month_view.grid
        grid.daySelected.connect(self._day_chosen)
        grid.dayActivated.connect(lambda day: self.show_day(day, "week"))
        grid.itemDropped.connect(lambda key, day: self.drop(key, day, None, all_day=False))
        week = self.week_view
        week.all_day.itemDropped.connect(lambda k, d, _t: self.drop(k, d, None, all_day=True))
        week.grid.itemDropped.connect(lambda k, d, t: self.drop(k, d, t, all_day=False))
        for canvas in (week.all_day, week.grid):
            canvas.itemActivated.connect(self._activate_key)
            canvas.menuRequested.connect(self._menu_for_key)
            canvas.dayActivated.connect(lambda day: self.show_day(day, "month"))

    # --- time ------------------------------------------

    def today(self) -> dt.date:
        return self.clock().date()

    @property
    def view(self) -> str:
        return next(k for k, page in self.pages.items() if page is self.stack.currentWidget())

    def kinds(self) -> set[str]:
        """The item kinds the filter chips let through."""
        return {
            k for group, chip in self.filters.items() if chip.isChecked() for k in GROUPS[group]
        }

    def set_view(self, view: str) -> None:
        self.stack.setCurrentWidget(self.pages[view])
        self.view_buttons[view].setChecked(True)
        if self.settings is not None:
            self.settings.setValue("calendar/view", view)
        self.reload()

    def show_day(self, day: dt.date, view: str) -> None:
        self.anchor = day
        self.set_view(view)

    def show_today(self) -> None:
        """The Today view (Calendar ▸ Today)."""
        self.anchor = self.today()
        self.set_view("today")

    def go_today(self) -> None:
        self.anchor = self.today()
        self.reload()

    def go_previous(self) -> None:
        self._step(-1)

    def go_next(self) -> None:
        self._step(1)

    def _step(self, sign: int) -> None:
        view = self.view
        if view == "month":
            self.anchor = _add_months(self.anchor, sign)
        elif view == "week":
            self.anchor += dt.timedelta(days=7 * sign)
        elif view == "agenda":
            self.anchor += dt.timedelta(days=AGENDA_DAYS * sign)
        else:
            return
        self.reload()

    # --- loading ------------------------------------------

    def reload(self) -> None:
        """Show the current view again from the database."""
        view, kinds, today = self.view, self.kinds(), self.today()
        navigable = view != "today"
        for button in (self.prev_button, self.today_button, self.next_button, self.nav_gap):
            button.setVisible(navigable)
        self.hint.setText(tr(HINTS[view]) if HINTS[view] else "")
        if view == "today":
            self.today_view.load(kinds, today)
            self.range_label.setText(long_day(today, today))
            self.hint.setText(self.today_view.summary)
        elif view == "month":
            self.month_view.load(self.anchor, kinds, today)
            self.range_label.setText(day_text(self.anchor, "MMMM yyyy"))
        elif view == "week":
            start = first_of_week(self.anchor)
            self.week_view.load(start, kinds, today, self.clock())
            self.range_label.setText(_span(start, start + dt.timedelta(days=6)))
        else:
            start = self.anchor
            self.agenda_view.load(start, kinds, today)
            self.range_label.setText(_span(start, start + dt.timedelta(days=AGENDA_DAYS - 1)))

    def _day_chosen(self, day: dt.date) -> None:
        if (day.year, day.month) != (self.anchor.year, self.anchor.month):
            self.anchor = day
            self.reload()
        else:
            self.anchor = day
            self.month_view.show_day(day)

    def _filters_changed(self) -> None:
        if self.settings is not None:
            hidden = [g for g, chip in self.filters.items() if not chip.isChecked()]
            self.settings.setValue("calendar/hidden", ",".join(hidden))
        self.reload()

    def _restore(self) -> None:
        view, hidden = "today", ""
        if self.settings is not None:
            view = str(self.settings.value("calendar/view", "today"))
            hidden = str(self.settings.value("calendar/hidden", ""))
        for group, chip in self.filters.items():
            chip.blockSignals(True)
            chip.setChecked(group not in hidden.split(","))
            chip.blockSignals(False)
        self.stack.setCurrentWidget(self.pages.get(view, self.today_view))
        self.view_buttons[self.view].setChecked(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()  # things may have changed elsewhere (a 1:1 finished, a person erased)

    def _stored(self) -> None:
        self.reload()
        self.changed.emit()

    # --- items by key (drops, the week's blocks) ------------------------------------------

    def item_for(self, key: str) -> CalendarItem | None:
        for panel in (
            self.month_view.day_panel,
            self.today_view.panel,
            self.agenda_view.panel,
        ):
            if key in panel.items:
                return panel.items[key]
        return self.week_view.items.get(key)

    def drop(self, key: str, day: dt.date, time: dt.time | None, *, all_day: bool) -> None:
        """An item dropped on `day` (at `time`; on the all-day row when all_day)."""
        item = self.item_for(key)
        if item is None:
            return
        set_time = item.source == "task" if all_day else time is not None
        # After the drag has finished: the move reloads the views the drag came from.
        QTimer.singleShot(0, lambda: self.actions.move(item, day, time, set_time=set_time))

    def _activate_key(self, key: str) -> None:
        item = self.item_for(key)
        if item is not None:
            QTimer.singleShot(0, lambda: self.actions.activate(item))

    def _menu_for_key(self, key: str, where: QPoint) -> None:
        item = self.item_for(key)
        if item is not None:
            self.actions.menu(item, self).exec(where)


def _span(start: dt.date, end: dt.date) -> str:
    if start.year != end.year:
        return f"{day_text(start, 'd MMMM yyyy')} – {day_text(end, 'd MMMM yyyy')}"
    if start.month != end.month:
        return f"{day_text(start, 'd MMMM')} – {day_text(end, 'd MMMM yyyy')}"
    return f"{start.day} – {day_text(end, 'd MMMM yyyy')}"


_STYLE = """
#rangeLabel { font-size: 13pt; font-weight: 600; color: #2b3745; }
#dayTitle { font-size: 12pt; font-weight: 600; color: #2b3745; padding: 2px 0 4px 0; }
#viewButton {
    border: 1px solid #c9d1da; background: #ffffff; padding: 4px 14px; color: #2b3745;
}
#viewButton:checked { background: #d5e2f1; border-color: #8fb0d6; color: #14273d; }
#filterChip {
    border: 1px solid #d9dee4; border-radius: 11px; padding: 2px 9px 2px 6px;
    background: #ffffff; color: #2b3745;
}
#filterChip:!checked { background: #f1f3f6; color: #8a94a0; }
#navButton { font-size: 14pt; padding: 0 8px; }
"""
