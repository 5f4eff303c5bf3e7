"""Reminders while the app runs: a check each minute, a tray notification (or a status bar
notice without a tray), and a count on the Calendar section and in the window title.

Nothing leaves the computer. Each item is announced at most once a day, and one check gives at
most one notification (several items are told together), so there is never a storm.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.services import tasks
from oneonone_desktop.services.calendar_items import CalendarItem
from oneonone_desktop.views.calendar.words import time_text, tr

CHECK_MS = 60_000
LEAD_MINUTES = 10  # a timed item is announced this long before it starts
SETTING = "calendar/reminded"
MAX_NAMED = 3


class Reminders(QObject):
    """The reminder clock of one window (`window` is the MainWindow)."""

    def __init__(
        self,
        window: Any,
        show_today: Callable[[], None],
        clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(window)
        self.setObjectName("calendarReminders")
        self.window = window
        self.show_today = show_today
        self.clock = clock
        self.count = 0
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self._day, self._told = self._load()

    def start(self) -> None:
        """Check now and then every minute."""
        self.check()
        self.timer.start()

    # --- the count ------------------------------------------

    def update_badge(self) -> int:
        """Recount what needs doing today and show it on the section and the window title."""
        self.count = tasks.attention_count(self.clock().date())
        item = self._nav_item()
        if item is not None:
            base = tr("Calendar")
            item.setText(f"{base} ({self.count})" if self.count else base)
            item.setToolTip(
                tr("{n} to do today or overdue").format(n=self.count) if self.count else ""
            )
        title = APP_DISPLAY_NAME
        if self.count:
            title = tr("{app} ({n} to do)").format(app=APP_DISPLAY_NAME, n=self.count)
        self.window.setWindowTitle(title)
        if self.tray is not None:
            self.tray.setToolTip(title)
        return self.count

    def _nav_item(self) -> Any:
        nav = self.window.nav
        for row in range(nav.count()):
            item = nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == "calendar":
                return item
        return None

    # --- the check ------------------------------------------

    def due_now(self) -> list[CalendarItem]:
        """Overdue and today's items whose time has come, not yet announced today."""
        now = self.clock()
        found = tasks.today_list(now.date())
        due = []
        for item in found.overdue + found.due_today:
            if item.done or item.key in self._told:
                continue
            if item.time is not None and item.date == now.date():
                starts = dt.datetime.combine(item.date, item.time)
                if starts - dt.timedelta(minutes=LEAD_MINUTES) > now:
                    continue
            due.append(item)
        return due

    def check(self) -> list[CalendarItem]:
        """Recount, and announce what has come due since the last check (once per item a day)."""
        today = self.clock().date()
        if today != self._day:
            self._day, self._told = today, set()
        self.update_badge()
        due = self.due_now()
        if due:
            self._told.update(item.key for item in due)
            self._save()
            self.announce(due)
        return due

    def announce(self, items: list[CalendarItem]) -> None:
        title, text = message_for(items)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            tray = self._tray()
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            self.window.show_notice(f"{title}: {text}")

    def _tray(self) -> QSystemTrayIcon:
        if self.tray is None:
            self.tray = QSystemTrayIcon(self.window.windowIcon(), self)
            self.tray.setToolTip(self.window.windowTitle())
            self.tray.activated.connect(lambda _reason: self._show_today())
            self.tray.messageClicked.connect(self._show_today)
            self.tray.show()
        return self.tray

    def _show_today(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        self.show_today()

    # --- what was told today survives a restart ------------------------------------------

    def _load(self) -> tuple[dt.date, set[str]]:
        today = self.clock().date()
        try:
            saved = json.loads(str(self.window.settings.value(SETTING, "{}")))
            if saved.get("day") == today.isoformat():
                return today, set(saved.get("keys", []))
        except (TypeError, ValueError, AttributeError):
            pass
        return today, set()

    def _save(self) -> None:
        value = json.dumps({"day": self._day.isoformat(), "keys": sorted(self._told)})
        self.window.settings.setValue(SETTING, value)


def message_for(items: list[CalendarItem]) -> tuple[str, str]:
    """The title and text of one notification about these items."""
    late = sum(item.overdue for item in items)
    if len(items) == 1:
        item = items[0]
        when = tr("overdue") if item.overdue else time_text(item.time) or tr("today")
        name = item.person_name
        who = f" · {name}" if name and name not in item.title else ""
        return tr("Due {when}").format(when=when), f"{item.title}{who}"
    names = [item.title for item in items[:MAX_NAMED]]
    more = len(items) - len(names)
    text = "; ".join(names) + (tr("; and {n} more").format(n=more) if more else "")
    if late:
        title = tr("{n} things to do, {late} overdue").format(n=len(items), late=late)
    else:
        title = tr("{n} things to do today").format(n=len(items))
    return title, text
