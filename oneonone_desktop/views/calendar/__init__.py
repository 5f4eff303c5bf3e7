"""The Calendar section: today, month, week and agenda views, reminders and the Calendar menu.

`install(window)` is listed in views.main_window.FEATURE_MODULES; everything heavy is imported
when first used, so start-up stays light.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from oneonone_desktop.views.icons import icon

FIRST_CHECK_MS = 2_000  # after the list has painted: reminders never slow the start
TODAY_SHORTCUT = "Ctrl+Shift+T"  # Ctrl+T already tags the selected people


def _tr(text: str) -> str:
    return QCoreApplication.translate("calendar", text)


class CalendarFeature(QObject):
    """What install() adds to one window: the section, the menu and the reminders.

    A child of the window named "calendarFeature" (window.findChild finds it)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("calendarFeature")
        self.window = window
        self.clock = dt.datetime.now
        self.reminders: Any = None
        window.add_lazy_section("calendar", _tr("Calendar"), icon("calendar"), self._build_page)
        menu = window.menu("calendar")
        self.today_action = self._action(menu, _tr("&Today"), self.show_today, TODAY_SHORTCUT)
        menu.addSeparator()
        self.export_action = self._action(
            menu, _tr("&Export to phone calendar (.ics)…"), self.export
        )
        self.import_action = self._action(menu, _tr("&Import calendar file…"), self.import_)
        menu.addSeparator()
        self.print_action = self._action(menu, _tr("&Print this week's agenda…"), self.print_week)
        self.print_action.setIcon(icon("print"))
        window.listPainted.connect(lambda: QTimer.singleShot(FIRST_CHECK_MS, self.start_reminders))

    def _action(self, menu: Any, text: str, slot: Any, keys: str = "") -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def now(self) -> dt.datetime:
        """The time for the whole feature (tests and screenshots set `clock`)."""
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().date()

    def page(self) -> Any:
        """The Calendar page (built now if it was not yet)."""
        return self.window.section_widget("calendar")

    def _build_page(self) -> QWidget:
        from oneonone_desktop.views.calendar.page import CalendarPage

        page = CalendarPage(self.window.open_person, self.window.settings, clock=self.now)
        page.actions.notice.connect(self.window.show_notice)
        page.changed.connect(self.recount)
        return page

    def start_reminders(self) -> Any:
        """The reminder clock (made and started once)."""
        if self.reminders is None:
            from oneonone_desktop.views.calendar.reminders import Reminders

            self.reminders = Reminders(self.window, self.show_today, self.now)
            self.reminders.start()
        return self.reminders

    def recount(self) -> None:
        if self.reminders is not None:
            self.reminders.update_badge()

    # --- the menu ------------------------------------------

    def show_today(self) -> None:
        self.window.show_section("calendar")
        self.page().show_today()

    def export(self) -> None:
        from oneonone_desktop.views.calendar import files

        self._tell(files.export_calendar(self.window, self.today()))

    def import_(self) -> None:
        from oneonone_desktop.views.calendar import files

        notice = files.import_calendar(self.window, self.today())
        if notice:
            self.page().reload()
            self.recount()
        self._tell(notice)

    def print_week(self) -> None:
        from oneonone_desktop.views.calendar import files
        from oneonone_desktop.views.calendar.words import week_start

        page = self.page()
        shown = page.anchor if page.view in ("week", "month", "agenda") else self.today()
        self._tell(files.print_week(self.window, week_start(shown), self.today()))

    def _tell(self, notice: str) -> None:
        if notice:
            self.window.show_notice(notice)


def install(window: Any) -> None:
    """Add the Calendar section, menu and reminders to the main window."""
    CalendarFeature(window)
