"""What the calendar and the today list show: meetings, task occurrences, commitments, promises.

Read-only, plain SQL, so that a month of 10,000 tasks comes back in milliseconds. Dates and
times are the organizer's local wall-clock ones (see store.models). Items without a person
(an imported task, say) have an empty person_name. services.tasks re-exports this API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from oneonone_desktop.services import recurrence
from oneonone_desktop.store.models import Task, db

ITEM_KINDS: tuple[str, ...] = ("meeting", "commitment", *Task.KINDS)
KIND_LABELS = {
    "meeting": "1:1 meeting",
    "commitment": "Their commitment",
    "thank_you": "Thank-you",
    "commitment_reminder": "Reminder before their commitment",
    "commitment_check": "Check how their commitment went",
    "promise": "Promise we made",
    "check_in": "Check-in call",
    "non_ask_update": "Update, no ask",
    "add_to_lists": "Add to lists",
    "social_mention": "#WhyWeResist mention",
    "other": "Other",
}


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One thing on one day of the calendar (a recurring task gives one item per occurrence)."""

    key: str  # stable: "meeting:7", "task:12", "task:12@2026-03-31" (a later occurrence), ...
    source: str  # the table: meeting, task, commitment or promise
    kind: str  # one of ITEM_KINDS (a promise row has kind "promise", like a promise task)
    record_id: int  # the row's id in `source`
    title: str
    person_name: str  # "" when the item has no person
    supporter_id: int | None
    date: dt.date
    time: dt.time | None  # None: all day
    minutes: int | None  # a meeting's length
    place: str
    status: str  # the row's status (a task: open, done, snoozed or skipped)
    done: bool  # nothing left to do (done, skipped, held, kept, ...)
    overdue: bool
    recurring: bool


@dataclass
class TodayList:
    """What the organizer should look at today."""

    today: dt.date
    overdue: list[CalendarItem] = field(default_factory=list)
    due_today: list[CalendarItem] = field(default_factory=list)
    promises_owed: list[CalendarItem] = field(default_factory=list)  # open promises, any date
    commitments_soon: list[CalendarItem] = field(default_factory=list)  # next 7 days

    @property
    def count(self) -> int:
        """How many things need doing now (the badge): overdue plus due today."""
        return len(self.overdue) + sum(not item.done for item in self.due_today)


def person_name(preferred: str | None, first: str | None, last: str | None) -> str:
    """Like Supporter.display_name, from raw columns; "" when there is no person."""
    if preferred is None and first is None and last is None:
        return ""
    given = preferred or first or ""
    return " ".join(p for p in (given, last or "") if p) or "(no name)"


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _time(value: object) -> dt.time | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


_PERSON = " s.preferred_name, s.first_name, s.last_name FROM {0} LEFT JOIN supporter s ON s.id = "
_TASK_SQL = (
    "SELECT t.id, t.kind, t.title, t.due_on, t.due_time, t.status, t.snoozed_until, t.rrule,"
    " t.exdates, t.supporter_id," + _PERSON.format("task t") + "t.supporter_id WHERE "
)
_MEETING_SQL = (
    "SELECT m.id, '', m.scheduled_at, m.duration_minutes, m.place, m.status, m.supporter_id,"
    + _PERSON.format("meeting m")
    + "m.supporter_id WHERE m.status != 'cancelled' AND "
)
_COMMITMENT_SQL = (
    "SELECT c.id, c.activity, c.due_at, NULL, '', c.status, c.supporter_id,"
    + _PERSON.format("commitment c")
    + "c.supporter_id WHERE c.status != 'not_yet' AND "
)
_PROMISE_SQL = (  # undated: the date of its open task, else today
    "SELECT p.id, p.text, COALESCE(p.due_on, (SELECT MIN(CASE WHEN t.status = 'snoozed' THEN"
    " t.snoozed_until ELSE t.due_on END) FROM task t WHERE t.promise_id = p.id AND t.status IN"
    " ('open', 'snoozed')), ?), NULL, '', p.status, p.supporter_id,"
    + _PERSON.format("promise p")
    + "p.supporter_id WHERE "
)
_DONE = {"meeting": ("held",), "commitment": ("kept", "missed"), "promise": ("kept", "broken")}
_LATE = {"meeting": "scheduled", "commitment": "pending", "promise": "open"}


def _task_item(row: tuple[Any, ...], today: dt.date, day: dt.date | None = None) -> CalendarItem:
    tid, kind, title, due_on, due_time, status, snoozed, rrule, _, sid, pref, first, last = row
    projected = day is not None
    if day is None:
        day = _date(snoozed if status == "snoozed" and snoozed else due_on)
    done = status in ("done", "skipped")
    key = f"task:{tid}@{day.isoformat()}" if projected else f"task:{tid}"
    name = person_name(pref, first, last)
    late = not done and not projected and day < today
    return CalendarItem(
        key, "task", kind, tid, title, name, sid, day, _time(due_time), None, "", status, done,
        late, rrule is not None,
    )  # fmt: skip


def _task_items(
    start: dt.date, end: dt.date, kinds: Collection[str], today: dt.date
) -> list[CalendarItem]:
    kind_sql = f" AND t.kind IN ({','.join('?' * len(kinds))})"
    s, e = start.isoformat(), end.isoformat()
    rows = db.execute_sql(
        _TASK_SQL + "t.due_on BETWEEN ? AND ? AND t.status != 'snoozed'"
        " AND (t.rrule IS NULL OR t.status IN ('done', 'skipped'))" + kind_sql,
        [s, e, *kinds],
    ).fetchall()
    rows += db.execute_sql(
        _TASK_SQL + "t.snoozed_until BETWEEN ? AND ? AND t.status = 'snoozed'"
        " AND t.rrule IS NULL" + kind_sql,
        [s, e, *kinds],
    ).fetchall()
    items = [_task_item(row, today) for row in rows]
    recurring = db.execute_sql(
        _TASK_SQL + "t.rrule IS NOT NULL AND t.status IN ('open', 'snoozed')"
        " AND (t.due_on <= ? OR t.snoozed_until <= ?)" + kind_sql,
        [e, e, *kinds],
    ).fetchall()
    for row in recurring:
        current = _task_item(row, today)
        if start <= current.date <= end:
            items.append(current)
        due_on = _date(row[3])
        after = max(due_on, today, start - dt.timedelta(days=1)) + dt.timedelta(days=1)
        exdates = set(recurrence.parse_exdates(row[8]))
        try:
            days = recurrence.occurrences(row[7], due_on, after, end, exdates=exdates)
        except recurrence.RecurrenceError:
            continue  # a rule that cannot be read still shows its current occurrence
        items.extend(_task_item(row, today, day) for day in days)
    return items


def _other_items(
    source: str, sql: str, args: Sequence[object], today: dt.date
) -> list[CalendarItem]:
    """Meetings, commitment dates or promises, from rows shaped like the _*_SQL selects."""
    items = []
    for rid, title, at, minutes, place, status, sid, pref, first, last in db.execute_sql(sql, args):
        text = str(at)
        day = dt.date.fromisoformat(text[:10])
        clock = dt.time.fromisoformat(text[11:19]) if len(text) > 10 else None
        if clock == dt.time(0) and source != "meeting":
            clock = None  # a commitment stored at midnight has no time of day
        name = person_name(pref, first, last)
        if source == "meeting":
            title = f"1:1 with {name}"
        elif source == "promise":
            title = (title.strip().splitlines() or ["Promise"])[0][:120]
        items.append(
            CalendarItem(
                f"{source}:{rid}",
                source,
                source,
                rid,
                title or "Commitment",
                name,
                sid,
                day,
                clock,
                minutes,
                place or "",
                status,
                status in _DONE[source],
                status == _LATE[source] and day < today,
                False,
            )
        )
    return items


def _order(item: CalendarItem) -> tuple[dt.date, bool, dt.time, int, str]:
    clock = item.time or dt.time(0)
    return (item.date, item.time is not None, clock, ITEM_KINDS.index(item.kind), item.title)


def items_between(
    start: dt.date,
    end: dt.date,
    kinds: Collection[str] | None = None,
    *,
    today: dt.date | None = None,
) -> list[CalendarItem]:
    """Everything on the calendar from `start` to `end` (inclusive), in day and time order.

    Meetings (not cancelled), tasks (a recurring one once per occurrence: its current one, then
    the projected ones after today), commitment dates, and the due dates of promises that have
    no task of their own. `kinds` keeps only items of those ITEM_KINDS.
    """
    today = today or dt.date.today()
    wanted = set(kinds) if kinds is not None else set(ITEM_KINDS)
    task_kinds = sorted(wanted & set(Task.KINDS))
    items = _task_items(start, end, task_kinds, today) if task_kinds else []
    span = [start.isoformat(), (end + dt.timedelta(days=1)).isoformat()]
    if "meeting" in wanted:
        sql = _MEETING_SQL + "m.scheduled_at >= ? AND m.scheduled_at < ?"
        items += _other_items("meeting", sql, span, today)
    if "commitment" in wanted:
        sql = _COMMITMENT_SQL + "c.due_at >= ? AND c.due_at < ?"
        items += _other_items("commitment", sql, span, today)
    if "promise" in wanted:
        sql = _PROMISE_SQL + (
            "p.due_on >= ? AND p.due_on < ?"
            " AND NOT EXISTS (SELECT 1 FROM task t WHERE t.promise_id = p.id)"
        )
        items += _other_items("promise", sql, [today.isoformat(), *span], today)
    items.sort(key=_order)
    return items


def counts_by_day(items: Collection[CalendarItem]) -> dict[dt.date, dict[str, int]]:
    """Per day, how many items of each kind (for the month view's counts and colours)."""
    counts: dict[dt.date, dict[str, int]] = {}
    for item in items:
        day = counts.setdefault(item.date, {})
        day[item.kind] = day.get(item.kind, 0) + 1
    return counts


def today_list(today: dt.date | None = None) -> TodayList:
    """Overdue and due-today tasks and meetings, open promises, commitments in the next 7 days."""
    today = today or dt.date.today()
    day, tomorrow = today.isoformat(), (today + dt.timedelta(days=1)).isoformat()
    result = TodayList(today)
    rows = db.execute_sql(
        _TASK_SQL + "(t.status = 'open' AND t.due_on <= ?)"
        " OR (t.status = 'snoozed' AND t.snoozed_until <= ?)",
        [day, day],
    ).fetchall()
    items = [_task_item(row, today) for row in rows]
    items += _other_items(
        "meeting", _MEETING_SQL + "m.status = 'scheduled' AND m.scheduled_at < ?", [day], today
    )
    items += _other_items(
        "meeting",
        _MEETING_SQL + "m.scheduled_at >= ? AND m.scheduled_at < ?",
        [day, tomorrow],
        today,
    )
    for item in sorted(items, key=_order):
        (result.overdue if item.overdue else result.due_today).append(item)
    promises = _other_items("promise", _PROMISE_SQL + "p.status = 'open'", [day], today)
    result.promises_owed = sorted(promises, key=_order)
    week = (today + dt.timedelta(days=8)).isoformat()
    soon = _COMMITMENT_SQL + "c.status = 'pending' AND c.due_at >= ? AND c.due_at < ?"
    result.commitments_soon = sorted(
        _other_items("commitment", soon, [day, week], today), key=_order
    )
    return result


def attention_count(today: dt.date | None = None) -> int:
    """The badge, TodayList.count without building it: open tasks due today or earlier, and
    meetings up to today not yet marked held."""
    today = today or dt.date.today()
    day, tomorrow = today.isoformat(), (today + dt.timedelta(days=1)).isoformat()
    (tasks,) = db.execute_sql(
        "SELECT COUNT(*) FROM task WHERE (status = 'open' AND due_on <= ?)"
        " OR (status = 'snoozed' AND snoozed_until <= ?)",
        [day, day],
    ).fetchone()
    (meetings,) = db.execute_sql(
        "SELECT COUNT(*) FROM meeting WHERE scheduled_at < ? AND (status = 'scheduled'"
        " OR (status = 'in_progress' AND scheduled_at >= ?))",
        [tomorrow, day],
    ).fetchone()
    return int(tasks) + int(meetings)


def contact_details(supporter_ids: Collection[int]) -> dict[int, tuple[str, str]]:
    """(first phone, first email) per person, "" where missing: for agendas and calendar files."""
    found: dict[int, tuple[str, str]] = {}
    ids = sorted(set(supporter_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        firsts: list[dict[int, str]] = []
        for table, column in (("supporter_phone", "number"), ("supporter_email", "address")):
            rows = db.execute_sql(
                f"SELECT supporter_id, {column} FROM {table} WHERE supporter_id IN ({marks})"
                " ORDER BY supporter_id, position DESC, id DESC",
                chunk,
            ).fetchall()
            firsts.append(dict(rows))  # the last row per person wins: the first by position
        for sid in chunk:
            found[sid] = (firsts[0].get(sid, ""), firsts[1].get(sid, ""))
    return found
