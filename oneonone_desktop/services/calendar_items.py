"""What the calendar and the today list show: meetings, task occurrences, commitments, promises.

Read-only, plain SQL, so that a month of 10,000 tasks comes back in milliseconds. Dates and
times are the organizer's local wall-clock ones (see store.models). Items without a person
(an imported task, say) have an empty person_name. services.tasks re-exports this API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

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


class CalendarItem(NamedTuple):
    """One thing on one day of the calendar (a recurring task gives one item per occurrence).

    A named tuple: immutable, and cheap to make by the ten thousand."""

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


@lru_cache(maxsize=4096)
def _date(value: str) -> dt.date:
    """A stored date (or the date part of a stored datetime); a month's rows share a few."""
    return dt.date.fromisoformat(value[:10])


@lru_cache(maxsize=4096)
def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


_name = lru_cache(maxsize=8192)(person_name)


_PERSON = " s.preferred_name, s.first_name, s.last_name FROM {0} LEFT JOIN supporter s ON s.id = "
_TASK_SQL = (
    "SELECT t.id, t.kind, t.title, t.due_on, t.due_time, t.status, t.snoozed_until, t.rrule,"
    " t.exdates, t.supporter_id," + _PERSON.format("task t") + "t.supporter_id WHERE "
)
_FLAT_SQL = (  # a task shown once, on `{0}`: the lean columns a month of them needs
    "SELECT t.id, t.kind, t.title, {0}, t.due_time, t.status, t.rrule IS NOT NULL, t.supporter_id,"
    + _PERSON.format("task t")
    + "t.supporter_id WHERE "
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
    done = status == "done" or status == "skipped"
    if day is None:
        day = _date(snoozed if snoozed and status == "snoozed" else due_on)
        key, late = f"task:{tid}", not done and day < today
    else:
        key, late = f"task:{tid}@{day.isoformat()}", False
    return CalendarItem._make((
        key, "task", kind, tid, title, _name(pref, first, last), sid, day, _time(due_time),
        None, "", status, done, late, rrule is not None,
    ))  # fmt: skip


def _kind_filter(kinds: Collection[str]) -> tuple[str, list[str]]:
    if set(kinds) >= set(Task.KINDS):
        return "", []
    return f" AND t.kind IN ({','.join('?' * len(kinds))})", list(kinds)


_FLAT_WHERE = (
    ("t.due_on", "t.status != 'snoozed' AND (t.rrule IS NULL OR t.status IN ('done', 'skipped'))"),
    ("t.snoozed_until", "t.status = 'snoozed' AND t.rrule IS NULL"),
)


def _flat_task_items(
    start: dt.date, end: dt.date, kinds: Collection[str], today: dt.date
) -> list[CalendarItem]:
    """Tasks shown once (not repeating, or a finished series), on their day or snoozed-to day."""
    kind_sql, kind_args = _kind_filter(kinds)
    rows: list[tuple[Any, ...]] = []
    for column, where in _FLAT_WHERE:
        sql = _FLAT_SQL.format(column) + f"{column} BETWEEN ? AND ? AND {where}{kind_sql}"
        rows += db.execute_sql(sql, [start.isoformat(), end.isoformat(), *kind_args]).fetchall()
    # The hot loop (10,000 rows for a busy month): _make skips the keyword-checking __new__.
    name, day, clock, make = _name, _date, _time, CalendarItem._make
    return [
        make((
            f"task:{r[0]}", "task", r[1], r[0], r[2], name(r[8], r[9], r[10]), r[7],
            (on := day(r[3])), clock(r[4]), None, "", r[5],
            (done := r[5] == "done" or r[5] == "skipped"), not done and on < today, r[6] == 1,
        ))
        for r in rows
    ]  # fmt: skip


def _recurring_items(
    start: dt.date, end: dt.date, kinds: Collection[str], today: dt.date
) -> list[CalendarItem]:
    """Open repeating tasks: the current occurrence, then those projected after today."""
    kind_sql, kind_args = _kind_filter(kinds)
    rows = db.execute_sql(
        _TASK_SQL + "t.rrule IS NOT NULL AND t.status IN ('open', 'snoozed')"
        " AND (t.due_on <= ? OR t.snoozed_until <= ?)" + kind_sql,
        [end.isoformat(), end.isoformat(), *kind_args],
    ).fetchall()
    items = []
    for row in rows:
        current = _task_item(row, today)
        if start <= current.date <= end:
            items.append(current)
        due_on = _date(str(row[3]))
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
    finished, late_status, make = _DONE[source], _LATE[source], CalendarItem._make
    for rid, title, at, minutes, place, status, sid, pref, first, last in db.execute_sql(sql, args):
        text = str(at)
        day = _date(text)
        clock = _time(text[11:19]) if len(text) > 10 else None
        if clock == _ALL_DAY and source != "meeting":
            clock = None  # a commitment stored at midnight has no time of day
        name = _name(pref, first, last)
        if source == "meeting":
            title = f"1:1 with {name}"
        elif source == "promise":
            title = (title.strip().splitlines() or ["Promise"])[0][:120]
        late = status == late_status and day < today
        items.append(
            make((
                f"{source}:{rid}", source, source, rid, title or "Commitment", name, sid, day,
                clock, minutes, place or "", status, status in finished, late, False,
            ))
        )  # fmt: skip
    return items


def _order(item: CalendarItem) -> tuple[dt.date, dt.time]:
    """Day, then all-day items, then by time (a cheap key: sorting is part of the hot path)."""
    return (item.date, item.time or _ALL_DAY)


_ALL_DAY = dt.time.min


def _non_task_items(
    start: dt.date, end: dt.date, wanted: Collection[str], today: dt.date
) -> list[CalendarItem]:
    span = [start.isoformat(), (end + dt.timedelta(days=1)).isoformat()]
    items = []
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
    return items


def items_between(
    start: dt.date,
    end: dt.date,
    kinds: Collection[str] | None = None,
    *,
    today: dt.date | None = None,
) -> list[CalendarItem]:
    """Everything on the calendar from `start` to `end` (inclusive), by day, all-day first, then
    by time.

    Meetings (not cancelled), tasks (a recurring one once per occurrence: its current one, then
    the projected ones after today), commitment dates, and the due dates of promises that have
    no task of their own. `kinds` keeps only items of those ITEM_KINDS. For a month grid that
    only shows counts, day_summaries is much cheaper.
    """
    today = today or dt.date.today()
    wanted = set(kinds) if kinds is not None else set(ITEM_KINDS)
    task_kinds = sorted(wanted & set(Task.KINDS))
    items = _non_task_items(start, end, wanted, today)
    if task_kinds:
        items += _flat_task_items(start, end, task_kinds, today)
        items += _recurring_items(start, end, task_kinds, today)
    items.sort(key=_order)
    return items


@dataclass
class DaySummary:
    """One day of the month grid: how many items, how many still to do, how many overdue."""

    total: int = 0
    open: int = 0
    overdue: int = 0
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> how many

    def add(self, kind: str, count: int, done: int, overdue: bool) -> None:
        self.total += count
        self.open += count - done
        self.overdue += count - done if overdue else 0
        self.kinds[kind] = self.kinds.get(kind, 0) + count


def day_summaries(
    start: dt.date,
    end: dt.date,
    kinds: Collection[str] | None = None,
    *,
    today: dt.date | None = None,
) -> dict[dt.date, DaySummary]:
    """Per day with anything on it, the counts items_between would give, with single tasks
    counted in SQL: what the month view paints, in a few milliseconds for 10,000 tasks."""
    today = today or dt.date.today()
    wanted = set(kinds) if kinds is not None else set(ITEM_KINDS)
    task_kinds = sorted(wanted & set(Task.KINDS))
    found: dict[dt.date, DaySummary] = {}
    items = _non_task_items(start, end, wanted, today)
    if task_kinds:
        items += _recurring_items(start, end, task_kinds, today)
        kind_sql, kind_args = _kind_filter(task_kinds)
        for column, where in _FLAT_WHERE:
            rows = db.execute_sql(
                f"SELECT {column}, t.kind, COUNT(*), SUM(t.status IN ('done', 'skipped'))"
                f" FROM task t WHERE {column} BETWEEN ? AND ? AND {where}{kind_sql}"
                f" GROUP BY {column}, t.kind",
                [start.isoformat(), end.isoformat(), *kind_args],
            )
            for on, kind, count, done in rows:
                day = _date(on)
                found.setdefault(day, DaySummary()).add(kind, count, done, day < today)
    for item in items:
        summary = found.setdefault(item.date, DaySummary())
        summary.add(item.kind, 1, int(item.done), item.overdue)
    return found


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
