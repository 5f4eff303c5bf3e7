"""Follow-up tasks: add, mark done, snooze, skip, reopen, reschedule, drag to another day.

Also re-exports the calendar's read side (CalendarItem, items_between, today_list, ...) from
services.calendar_items, so callers need only this module. A task whose person was erased is
deleted with them; a task with no person (say, imported) works like any other.
"""

from __future__ import annotations

import datetime as dt
import uuid

from oneonone_desktop.services import recurrence
from oneonone_desktop.services.calendar_items import ITEM_KINDS as ITEM_KINDS
from oneonone_desktop.services.calendar_items import KIND_LABELS as KIND_LABELS
from oneonone_desktop.services.calendar_items import CalendarItem as CalendarItem
from oneonone_desktop.services.calendar_items import DaySummary as DaySummary
from oneonone_desktop.services.calendar_items import TodayList as TodayList
from oneonone_desktop.services.calendar_items import attention_count as attention_count
from oneonone_desktop.services.calendar_items import contact_details as contact_details
from oneonone_desktop.services.calendar_items import day_summaries as day_summaries
from oneonone_desktop.services.calendar_items import items_between as items_between
from oneonone_desktop.services.calendar_items import today_list as today_list
from oneonone_desktop.store.models import (
    Commitment,
    Meeting,
    Promise,
    Supporter,
    Task,
    Touch,
    db,
    utcnow,
)

# Doing one of these means talking to the person: it records a Touch and their last contact.
CONTACT_KINDS = frozenset(
    {"thank_you", "check_in", "non_ask_update", "commitment_reminder", "commitment_check"}
)
TOUCH_KINDS = ("call", "email", "card", "text", "visit")
UID_DOMAIN = "oneonone-desktop"
OPEN = ("open", "snoozed")


class TaskError(ValueError):
    """A task change that cannot be made; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def new_uid() -> str:
    return f"{uuid.uuid4()}@{UID_DOMAIN}"


# --- changing tasks ---------------------------------------------------------------------


def _get(task_id: int) -> Task:
    task = Task.get_or_none(Task.id == task_id)
    if task is None:
        raise TaskError("This task no longer exists (its person may have been erased).")
    return task


def _check(title: str, kind: str, rule: str | None) -> str | None:
    if not title.strip():
        raise TaskError("Give the task a title.")
    if len(title) > 255:
        raise TaskError("The title is longer than 255 characters.")
    if kind not in Task.KINDS:
        raise TaskError(f"Unknown kind of task '{kind}'.")
    try:
        return recurrence.check_rule(rule) if rule else None
    except recurrence.RecurrenceError as exc:
        raise TaskError(exc.message) from exc


def add_task(
    title: str,
    due_on: dt.date,
    *,
    kind: str = "other",
    supporter_id: int | None = None,
    meeting_id: int | None = None,
    due_time: dt.time | None = None,
    rrule: str | None = None,
    notes: str = "",
    channel: str = "",
    is_ask: bool = False,
    reminder_minutes: int | None = None,
) -> Task:
    """Store a task the organizer typed in; raises TaskError (nothing stored) on bad input."""
    rule = _check(title, kind, rrule)
    return Task.create(
        title=title.strip(), due_on=due_on, kind=kind, supporter=supporter_id, meeting=meeting_id,
        due_time=due_time, rrule=rule, notes=notes, channel=channel, is_ask=is_ask,
        reminder_minutes=reminder_minutes, uid=new_uid(),
    )  # fmt: skip


def _local_noon_utc(day: dt.date) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time(12)).astimezone()
    return local.astimezone(dt.timezone.utc).replace(tzinfo=None)


def _advance(task: Task, rebased: tuple[str, dt.date] | None, final_status: str) -> None:
    """Move a recurring task on to its next occurrence, or end it when none is left."""
    if rebased is None:
        task.status = final_status
        task.completed_at = utcnow()
        return
    task.rrule, task.due_on = rebased
    kept = [d for d in recurrence.parse_exdates(task.exdates) if d > task.due_on]
    task.exdates = recurrence.format_exdates(kept)
    task.status, task.snoozed_until = "open", None


def record_contact(
    supporter_id: int, kind: str, note: str, is_ask: bool, when: dt.datetime
) -> None:
    """A Touch (when: naive UTC), keeping the person's last contact the latest one."""
    Touch.create(supporter=supporter_id, kind=kind, happened_at=when, note=note, is_ask=is_ask)
    Supporter.update(last_contact_at=when).where(
        (Supporter.id == supporter_id)
        & (Supporter.last_contact_at.is_null() | (Supporter.last_contact_at < when))
    ).execute()


def mark_done(task_id: int, *, note: str = "", on: dt.date | None = None) -> Task:
    """Tick a task done (on `on`, default today).

    A recurring check-in restarts from that day (the last real contact); another recurring task
    moves to its next occurrence. Contact tasks record a Touch and the person's last contact;
    a promise task marks its promise kept.
    """
    today = on or dt.date.today()
    when = utcnow() if on is None or on == dt.date.today() else _local_noon_utc(on)
    with db.atomic():
        task = _get(task_id)
        if task.status in ("done", "skipped") and not task.rrule:
            return task
        task.status_note = note
        if task.rrule and task.kind == "check_in":
            _advance(task, _safe(lambda: recurrence.restart(task.rrule, today)), "done")
        elif task.rrule:
            after = max(task.due_on, today) + dt.timedelta(days=1)
            _advance(task, _safe(lambda: recurrence.rebase(task.rrule, task.due_on, after)), "done")
        else:
            task.status, task.completed_at, task.snoozed_until = "done", utcnow(), None
        task.save()
        if task.kind in CONTACT_KINDS and task.supporter_id is not None:
            kind = task.channel if task.channel in TOUCH_KINDS else "call"
            text = task.title + (f"\n{note}" if note else "")
            record_contact(task.supporter_id, kind, text, task.is_ask, when)
        if task.kind == "promise" and task.promise_id is not None:
            Promise.update(status="kept", kept_at=when).where(
                (Promise.id == task.promise_id) & (Promise.status == "open")
            ).execute()
    return task


def _safe(compute: object) -> tuple[str, dt.date] | None:
    try:
        return compute()  # type: ignore[operator, no-any-return]
    except recurrence.RecurrenceError:
        return None  # a rule that cannot be read ends the series rather than crash


def snooze(task_id: int, until: dt.date) -> Task:
    """Put a task (or a recurring task's current occurrence) off until `until`."""
    task = _get(task_id)
    if task.status in ("done", "skipped"):
        raise TaskError("This task is already done; reopen it first.")
    task.status, task.snoozed_until = "snoozed", until
    task.save()
    return task


def skip(task_id: int, note: str = "", *, today: dt.date | None = None) -> Task:
    """Skip a task with a note saying why; a recurring one moves on to its next occurrence."""
    today = today or dt.date.today()
    with db.atomic():
        task = _get(task_id)
        task.status_note = note
        if task.rrule:
            after = max(task.due_on, today) + dt.timedelta(days=1)
            _advance(
                task, _safe(lambda: recurrence.rebase(task.rrule, task.due_on, after)), "skipped"
            )
        else:
            task.status, task.completed_at, task.snoozed_until = "skipped", utcnow(), None
        task.save()
    return task


def reopen(task_id: int) -> Task:
    """Undo done, skipped or snoozed."""
    task = _get(task_id)
    task.status, task.snoozed_until, task.completed_at = "open", None, None
    task.save()
    return task


def reschedule(
    task_id: int, due_on: dt.date, due_time: dt.time | None = None, *, keep_time: bool = True
) -> Task:
    """Move a task to another day (and time, unless keep_time); a recurring series moves along."""
    task = _get(task_id)
    task.due_on = due_on
    if not keep_time:
        task.due_time = due_time
    if task.status == "snoozed":
        task.status, task.snoozed_until = "open", None
    task.save()
    return task


def move_item(key: str, new_date: dt.date, new_time: dt.time | None = None) -> None:
    """Drag and drop: move any calendar item (by its key) to another day, and time if given.

    A later occurrence of a recurring task moves the whole series by as many days. Moving a
    commitment or a promise moves its open reminder and check tasks along.
    """
    source, _, rest = key.partition(":")
    ident, _, occurrence = rest.partition("@")
    try:
        record_id = int(ident)
    except ValueError as exc:
        raise TaskError(f"Unknown calendar item '{key}'.") from exc
    with db.atomic():
        if source == "task":
            task = _get(record_id)
            shift = new_date - dt.date.fromisoformat(occurrence) if occurrence else None
            reschedule(record_id, task.due_on + shift if shift else new_date, new_time,
                       keep_time=new_time is None)  # fmt: skip
        elif source == "meeting":
            meeting = Meeting.get_or_none(Meeting.id == record_id)
            if meeting is None:
                raise TaskError("This meeting no longer exists.")
            clock = new_time or (
                meeting.scheduled_at.time() if meeting.scheduled_at else dt.time(9)
            )
            meeting.scheduled_at = dt.datetime.combine(new_date, clock)
            meeting.updated_at = utcnow()
            meeting.save()
        elif source == "commitment":
            commitment = Commitment.get_or_none(Commitment.id == record_id)
            if commitment is None or commitment.due_at is None:
                raise TaskError("This commitment no longer exists.")
            shift = new_date - commitment.due_at.date()
            commitment.due_at = dt.datetime.combine(new_date, new_time or commitment.due_at.time())
            commitment.save()
            _shift_tasks(Task.commitment == record_id, shift)
        elif source == "promise":
            promise = Promise.get_or_none(Promise.id == record_id)
            if promise is None:
                raise TaskError("This promise no longer exists.")
            shift = new_date - (promise.due_on or new_date)
            promise.due_on = new_date
            promise.save()
            _shift_tasks(Task.promise == record_id, shift)
        else:
            raise TaskError(f"Unknown calendar item '{key}'.")


def _shift_tasks(where: object, shift: dt.timedelta) -> None:
    if shift:
        for task in Task.select().where(where & Task.status.in_(OPEN)):  # type: ignore[operator]
            task.due_on += shift
            task.save()
