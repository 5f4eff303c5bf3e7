"""What can be done to a calendar item: tick done, snooze, skip with a note, reschedule, move,
open the person; with the small dialogs they need and a context menu.

Signals (ItemActions): changed() after anything was stored, notice(str) to tell the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import meetings, tasks
from oneonone_desktop.services.calendar_items import CalendarItem
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.store.models import Task
from oneonone_desktop.views import messages
from oneonone_desktop.views.calendar.words import day_text, pydate, qdate, time_text, tr, week_start

MIME_TYPE = "application/x-oneonone-calendar-item"


# --- questions (tests replace these) ----------------------------------------------------------


def ask_note(parent: QWidget | None, title: str) -> str | None:
    """A short note saying why a task is skipped; None when cancelled."""
    text, ok = QInputDialog.getText(
        parent, tr("Skip"), tr("Skip “{title}”. Why? (optional)").format(title=title)
    )
    return text.strip() if ok else None


def ask_date(parent: QWidget | None, title: str, initial: dt.date) -> dt.date | None:
    """A day picked in a small calendar dialog; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QDateEdit(qdate(initial))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dddd d MMMM yyyy")
    edit.setAccessibleName(tr("Day"))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(edit)
    layout.addWidget(buttons)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return pydate(edit.date()) if accepted else None


class RescheduleDialog(QDialog):
    """Pick a new day, and a time (a 1:1 always has one; a task may be "any time")."""

    def __init__(self, item: CalendarItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rescheduleDialog")
        self.setWindowTitle(tr("Reschedule"))
        self.item = item
        who = item.person_name if item.person_name not in item.title else ""
        what = QLabel(f"<b>{escape(item.title)}</b>" + (f"<br>{escape(who)}" if who else ""))
        what.setWordWrap(True)
        self.day = QDateEdit(qdate(item.date))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd d MMMM yyyy")
        self.day.setAccessibleName(tr("New day"))
        self.timed = QCheckBox(tr("At a set time"))
        self.timed.setChecked(item.time is not None or item.source == "meeting")
        self.timed.setVisible(item.source != "meeting")
        clock = item.time or dt.time(9)
        self.time = QTimeEdit(QTime(clock.hour, clock.minute))
        self.time.setAccessibleName(tr("New time"))
        self.time.setEnabled(self.timed.isChecked())
        self.timed.toggled.connect(self.time.setEnabled)
        form = QFormLayout()
        form.addRow(tr("Day"), self.day)
        form.addRow("", self.timed)
        form.addRow(tr("Time"), self.time)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Move"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def chosen(self) -> tuple[dt.date, dt.time | None]:
        clock = self.time.time()
        at = dt.time(clock.hour(), clock.minute()) if self.timed.isChecked() else None
        return pydate(self.day.date()), at


def ask_reschedule(
    parent: QWidget | None, item: CalendarItem
) -> tuple[dt.date, dt.time | None] | None:
    dialog = RescheduleDialog(item, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.chosen() if accepted else None


# --- what can be done to which item -------------------------------------------------------------


def is_current_task(item: CalendarItem) -> bool:
    """A task's own row (not a later, projected repeat): it can be ticked, snoozed, skipped."""
    return item.source == "task" and "@" not in item.key


def can_move(item: CalendarItem) -> bool:
    if item.done:
        return False
    if item.source == "meeting":
        return item.status == "scheduled"
    return True


class ItemActions(QObject):
    """Carries out what the user asks of an item, and tells the views to reload."""

    changed = Signal()
    notice = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        today: Callable[[], dt.date],
        open_person: Callable[[int], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self.today = today
        self._open_person = open_person

    def _run(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except tasks.TaskError as exc:
            messages.error(self._parent, tr("Calendar"), exc.message)
            self.changed.emit()  # show the calendar as it is now
            return False
        except ValidationError as exc:
            messages.error(self._parent, tr("Calendar"), " ".join(exc.problems.values()))
            return False
        self.changed.emit()
        return True

    def done(self, item: CalendarItem) -> None:
        if not is_current_task(item):
            return
        today = self.today()
        if self._run(lambda: tasks.mark_done(item.record_id, on=today)):
            task = Task.get_or_none(Task.id == item.record_id)
            if task is not None and task.status == "open" and task.rrule:
                self.notice.emit(tr("Done. Next time: {day}.").format(day=day_text(task.due_on)))
            else:
                self.notice.emit(tr("Done: {title}").format(title=item.title))

    def reopen(self, item: CalendarItem) -> None:
        if is_current_task(item) and self._run(lambda: tasks.reopen(item.record_id)):
            self.notice.emit(tr("Not done after all: {title}").format(title=item.title))

    def snooze(self, item: CalendarItem, until: dt.date) -> None:
        if is_current_task(item) and self._run(lambda: tasks.snooze(item.record_id, until)):
            self.notice.emit(
                tr("Snoozed until {day}: {title}").format(day=day_text(until), title=item.title)
            )

    def snooze_pick(self, item: CalendarItem) -> None:
        start = self.today() + dt.timedelta(days=2)
        until = ask_date(self._parent, tr("Snooze until"), start)
        if until is not None:
            self.snooze(item, until)

    def skip(self, item: CalendarItem) -> None:
        if not is_current_task(item):
            return
        note = ask_note(self._parent, item.title)
        if note is None:
            return
        today = self.today()
        if self._run(lambda: tasks.skip(item.record_id, note, today=today)):
            self.notice.emit(tr("Skipped: {title}").format(title=item.title))

    def reschedule(self, item: CalendarItem) -> None:
        if not can_move(item):
            return
        chosen = ask_reschedule(self._parent, item)
        if chosen is not None:
            self.move(item, chosen[0], chosen[1], set_time=True)

    def move(
        self,
        item: CalendarItem,
        day: dt.date,
        time: dt.time | None = None,
        *,
        set_time: bool = False,
    ) -> None:
        """Move an item to `day` (and `time`); with set_time, `time` None means "any time".

        Without set_time (a drop on a day), the item keeps its time of day."""
        if not can_move(item):
            return
        if day == item.date and (time == item.time or (time is None and not set_time)):
            return
        warnings: list[str] = []
        if item.source == "meeting":
            clock = time or item.time or dt.time(9)
            starts = dt.datetime.combine(day, clock)
            moved = self._run(
                lambda: warnings.extend(
                    _meeting_warnings(meetings.reschedule(item.record_id, starts))
                )
            )
        elif item.source == "task" and set_time:
            moved = self._run(lambda: _reschedule_task(item, day, time))
        else:
            moved = self._run(lambda: tasks.move_item(item.key, day, time))
        if moved:
            when = day_text(day) + (f", {time_text(time)}" if time else "")
            self.notice.emit(
                " ".join(
                    [tr("Moved to {when}: {title}").format(when=when, title=item.title), *warnings]
                )
            )

    def open_person(self, item: CalendarItem) -> None:
        if item.supporter_id is not None:
            self._open_person(item.supporter_id)

    def activate(self, item: CalendarItem) -> None:
        """Double-click or Enter: the person's page, or (no person) the reschedule dialog."""
        if item.supporter_id is not None:
            self.open_person(item)
        else:
            self.reschedule(item)

    # --- the menu ------------------------------------------

    def snooze_menu(self, item: CalendarItem, parent: QWidget) -> QMenu:
        """Tomorrow, next week, or a day to pick."""
        menu = QMenu(tr("Snooze"), parent)
        for text, day in snooze_choices(self.today()):
            menu.addAction(text, lambda d=day: self.snooze(item, d))
        menu.addAction(tr("Pick a day…"), lambda: self.snooze_pick(item))
        return menu

    def menu(self, item: CalendarItem, parent: QWidget) -> QMenu:
        """Everything that can be done to `item`, for a context menu."""
        menu = QMenu(parent)
        current = is_current_task(item)
        if current and item.done:
            menu.addAction(tr("Not done after all"), lambda: self.reopen(item))
        elif current:
            menu.addAction(tr("Done"), lambda: self.done(item))
            menu.addMenu(self.snooze_menu(item, menu))
            menu.addAction(tr("Skip…"), lambda: self.skip(item))
        elif item.source == "task":
            hint = menu.addAction(tr("A later repeat: tick the current one"))
            hint.setEnabled(False)
        reschedule = menu.addAction(tr("Reschedule…"), lambda: self.reschedule(item))
        reschedule.setEnabled(can_move(item))
        if item.supporter_id is not None:
            menu.addSeparator()
            menu.addAction(
                tr("Open {name}").format(name=item.person_name), lambda: self.open_person(item)
            )
        return menu


def snooze_choices(today: dt.date) -> list[tuple[str, dt.date]]:
    """("Tomorrow (Sat 15 Mar)", day), ("Next week (Mon 17 Mar)", day)."""
    tomorrow = today + dt.timedelta(days=1)
    next_week = week_start(today) + dt.timedelta(days=7)
    return [
        (tr("Tomorrow ({day})").format(day=day_text(tomorrow)), tomorrow),
        (tr("Next week ({day})").format(day=day_text(next_week)), next_week),
    ]


def _reschedule_task(item: CalendarItem, day: dt.date, time: dt.time | None) -> None:
    """A task to `day` at `time` (None: any time); a later repeat moves its series as far."""
    task = Task.get_or_none(Task.id == item.record_id)
    if task is None:
        raise tasks.TaskError(tr("This task no longer exists (its person may have been erased)."))
    due = task.due_on + (day - item.date) if "@" in item.key else day
    tasks.reschedule(item.record_id, due, time, keep_time=False)


def _meeting_warnings(result: meetings.ScheduleResult) -> list[str]:
    found = [
        tr("It overlaps your 1:1 with {name} at {time}.").format(
            name=other.supporter_name,
            time=time_text(other.scheduled_at.time()) if other.scheduled_at else "",
        )
        for other in result.conflicts
    ]
    if result.in_past:
        found.insert(0, tr("That time has already passed."))
    return found
