"""One person's history, newest first: meetings, commitments, promises, follow-ups and touches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from oneonone_desktop.store.models import Commitment, Meeting, MeetingKind, Promise, Task, Touch

STATUS_WORDS = {
    "scheduled": "scheduled",
    "in_progress": "in progress",
    "held": "held",
    "cancelled": "cancelled",
    "pending": "not done yet",
    "kept": "kept",
    "missed": "missed",
    "not_yet": "no commitment yet",
    "open": "open",
    "broken": "not kept",
    "done": "done",
    "snoozed": "snoozed",
    "skipped": "skipped",
}
TOUCH_WORDS = {"call": "Call", "email": "Email", "card": "Card", "text": "Text", "visit": "Visit"}


@dataclass(frozen=True)
class TimelineEntry:
    when: dt.datetime  # local wall-clock time, naive
    kind: str  # meeting, commitment, promise, task, touch (also the icon's name)
    title: str
    status: str
    detail: str
    has_time: bool = True


def _local(utc: dt.datetime | None) -> dt.datetime | None:
    """A stored naive-UTC record time as naive local time."""
    if utc is None:
        return None
    return utc.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def _day(value: dt.date) -> dt.datetime:
    return dt.datetime.combine(value, dt.time())


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline(supporter_id: int) -> list[TimelineEntry]:
    """Everything that happened with (or is planned for) this person, newest first."""
    entries: list[TimelineEntry] = []
    meetings = (
        Meeting.select(Meeting, MeetingKind)
        .join(MeetingKind, join_type=JOIN.LEFT_OUTER)
        .where(Meeting.supporter == supporter_id)
    )
    for m in meetings:
        when = m.scheduled_at or m.started_at or _local(m.created_at)
        kind = m.kind.label if m.kind_id else "1:1"
        title = kind if "1:1" in kind else f"{kind} 1:1"
        detail = " · ".join(x for x in (m.place, _short(m.learned or m.notes)) if x)
        entries.append(
            TimelineEntry(when, "meeting", title, STATUS_WORDS.get(m.status, ""), detail)
        )
    for c in Commitment.select().where(Commitment.supporter == supporter_id):
        if c.status == "not_yet":
            title = "No commitment yet"
            detail = _short(c.not_yet_reason)
            if c.ask_again_on:
                detail = " · ".join(x for x in (detail, f"ask again on {c.ask_again_on}") if x)
        else:
            title = f"Committed to {c.activity}" if c.activity else "Commitment"
            detail = _short(c.goal)
        when = c.due_at or _local(c.created_at)
        entries.append(
            TimelineEntry(when, "commitment", title, STATUS_WORDS.get(c.status, ""), detail)
        )
    for p in Promise.select().where(Promise.supporter == supporter_id):
        when = _day(p.due_on) if p.due_on else _local(p.created_at)
        entries.append(
            TimelineEntry(
                when,
                "promise",
                f"You promised: {_short(p.text, 120)}",
                STATUS_WORDS.get(p.status, ""),
                "",
                has_time=p.due_on is None,
            )
        )
    for t in Task.select().where(Task.supporter == supporter_id):
        when = dt.datetime.combine(t.due_on, t.due_time or dt.time())
        entries.append(
            TimelineEntry(
                when,
                "task",
                t.title,
                STATUS_WORDS.get(t.status, ""),
                _short(t.notes),
                has_time=t.due_time is not None,
            )
        )
    for touch in Touch.select().where(Touch.supporter == supporter_id):
        word = TOUCH_WORDS.get(touch.kind, touch.kind.capitalize() or "Contact")
        title = f"{word} (an ask)" if touch.is_ask else word
        entries.append(
            TimelineEntry(
                _local(touch.happened_at) or dt.datetime.min, "touch", title, "", _short(touch.note)
            )
        )
    entries.sort(key=lambda e: e.when or dt.datetime.min, reverse=True)
    return entries
