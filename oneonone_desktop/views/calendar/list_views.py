"""The two list views: Today (overdue, due today, promises we owe, commitments coming up) and
the Agenda (two weeks, day by day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from PySide6.QtWidgets import QVBoxLayout, QWidget

from oneonone_desktop.services import tasks
from oneonone_desktop.services.calendar_items import CalendarItem
from oneonone_desktop.store.models import Task
from oneonone_desktop.views.calendar.item_actions import ItemActions
from oneonone_desktop.views.calendar.item_list import ItemPanel
from oneonone_desktop.views.calendar.words import count_text, day_text, long_day, tr

AGENDA_DAYS = 14


def _kept(items: list[CalendarItem], kinds: Collection[str]) -> list[CalendarItem]:
    return [item for item in items if item.kind in kinds]


class TodayView(QWidget):
    """What needs doing now, and what we owe: tick, snooze, skip, reschedule, open."""

    def __init__(self, actions: ItemActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = ""  # "1 overdue, 3 due today, 2 promises we owe"
        self.panel = ItemPanel(actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel, 1)
        self.titles = {
            "overdue": tr("Overdue"),
            "today": tr("Due today"),
            "promises": tr("Promises we owe"),
            "commitments": tr("Their commitments in the next 7 days"),
        }

    def load(self, kinds: Collection[str], today: dt.date) -> None:
        found = tasks.today_list(today)
        overdue = _kept(found.overdue, kinds)
        due = _kept(found.due_today, kinds)
        # A promise whose task is listed above already is not listed twice.
        task_ids = [
            i.record_id for i in overdue + due if i.source == "task" and i.kind == "promise"
        ]
        shown = (
            {t.promise_id for t in Task.select(Task.promise).where(Task.id.in_(task_ids))}
            if task_ids
            else set()
        )
        owed = [i for i in _kept(found.promises_owed, kinds) if i.record_id not in shown]
        soon = _kept(found.commitments_soon, kinds)
        self.panel.set_sections(
            [
                (self.titles["overdue"], overdue),
                (self.titles["today"], due),
                (self.titles["promises"], owed),
                (self.titles["commitments"], soon),
            ],
            tr("Nothing due today, nothing overdue.\nEnjoy the day, or plan a 1:1."),
            dated_sections=[self.titles["promises"], self.titles["commitments"]],
            late_sections=[self.titles["overdue"]],
        )
        left = sum(not item.done for item in due)
        bits = []
        if overdue:
            bits.append(count_text(len(overdue), "1 overdue", "{n} overdue"))
        bits.append(count_text(left, "1 due today", "{n} due today"))
        if owed:
            bits.append(count_text(len(owed), "1 promise we owe", "{n} promises we owe"))
        self.summary = ", ".join(bits)


class AgendaView(QWidget):
    """Two weeks from a day, listed by day."""

    def __init__(self, actions: ItemActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = ItemPanel(actions, ("when", "what", "who", "kind"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel, 1)
        self.start = dt.date.today()

    def load(self, start: dt.date, kinds: Collection[str], today: dt.date) -> None:
        self.start = start
        end = start + dt.timedelta(days=AGENDA_DAYS - 1)
        items = tasks.items_between(start, end, kinds, today=today)
        days: dict[dt.date, list[CalendarItem]] = {}
        for item in items:
            days.setdefault(item.date, []).append(item)
        self.panel.set_sections(
            [(long_day(day, today), days[day]) for day in sorted(days)],
            tr("Nothing planned from {start} to {end}.").format(
                start=day_text(start, "d MMMM"), end=day_text(end, "d MMMM")
            ),
            late_sections=[long_day(d, today) for d in days if any(i.overdue for i in days[d])],
        )
