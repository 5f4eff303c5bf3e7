"""Reporting back: the dashboard's figures for a period (1:1s per week, asks and commitments,
promises, ladder moves, issues raised) and who needs attention, in plain SQL, fast at 100,000.

Dates are the organizer's local days; a period includes both its ends. A 1:1 counts on the day
it was held (ended, else started, else scheduled). An ask counts on the day of its 1:1 (or the
day it was recorded, without one); a promise on the day it was due (or made, without a date).
Record timestamps (touches, ticks, ladder moves) are naive UTC and turned into local days.
Issues raised: the issues noted in a 1:1, and issue names found in its answers or in what the
organizer learned; each person counts once per issue.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from peewee import SqliteDatabase

from oneonone_desktop.services.report_attention import (
    THANK_YOU_DAYS,
    NotThanked,
    Quiet,
    follow_up_after_meetings,
    not_contacted,
)
from oneonone_desktop.services.report_data import (
    HeldMeeting,
    Period,
    PeriodError,
    held_meetings,
    in_chunks,
    issue_matcher,
    local_day,
    names_of,
    parse_moment,
)

__all__ = [
    "NO_COMMITMENT",
    "THANK_YOU_DAYS",
    "Commitments",
    "Dashboard",
    "IssueCount",
    "LadderMove",
    "NotThanked",
    "Period",
    "PeriodError",
    "Promises",
    "Quiet",
    "commitments",
    "commitments_by_action",
    "dashboard",
    "follow_up_after_meetings",
    "held_per_week",
    "issues_raised",
    "ladder_moves",
    "not_contacted",
    "promises",
    "top_issues",
]

NO_COMMITMENT = "No commitment yet"


@dataclass(frozen=True)
class Commitments:
    """Asks made in the period (every commitment, "not yet" included) and where they stand."""

    kept: int = 0
    missed: int = 0
    pending: int = 0
    not_yet: int = 0

    @property
    def made(self) -> int:
        return self.kept + self.missed + self.pending + self.not_yet


@dataclass(frozen=True)
class Promises:
    """The organizer's promises due in the period; `overdue` is the part of `open` past due."""

    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    broken: int = 0

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.open + self.broken


@dataclass(frozen=True)
class LadderMove:
    supporter_id: int
    name: str
    from_label: str  # "" when they had no stage
    to_label: str
    on: dt.date


@dataclass(frozen=True)
class IssueCount:
    name: str
    people: int
    previous: int  # in the period of the same length just before

    @property
    def change(self) -> int:
        return self.people - self.previous


@dataclass(frozen=True)
class Dashboard:
    period: Period
    today: dt.date
    per_week: list[tuple[dt.date, int]]  # Monday of each week, 1:1s held that week
    asks: Commitments
    promises: Promises
    moves: list[LadderMove]  # people who moved up, one each
    issues: list[IssueCount]
    thanks_due: int  # 1:1s whose two days are over
    thanked_in_time: int
    not_thanked: list[NotThanked]
    quiet_weeks: int
    quiet: list[Quiet]
    quiet_total: int

    @property
    def held(self) -> int:
        return sum(n for _, n in self.per_week)


# --- 1:1s, asks and promises ------------------------------------------------------------


def held_per_week(database: SqliteDatabase, period: Period) -> list[tuple[dt.date, int]]:
    """(Monday, 1:1s held) for every week the period touches, in order, empty weeks included."""
    counts = dict.fromkeys(period.mondays(), 0)
    for meeting in held_meetings(database, period):
        counts[meeting.day - dt.timedelta(days=meeting.day.weekday())] += 1
    return list(counts.items())


def _ask_rows(database: SqliteDatabase, period: Period) -> Iterable[tuple[object, ...]]:
    """(status, action title or activity, ask day) of the commitments asked in the period."""
    low, high = period.sql_bounds(widen_days=1)
    rows = database.execute_sql(
        "SELECT c.status, COALESCE(a.title, c.activity), m.status,"
        " COALESCE(m.ended_at, m.started_at, m.scheduled_at), c.created_at"
        " FROM commitment c LEFT JOIN meeting m ON m.id = c.meeting_id"
        " LEFT JOIN action a ON a.id = c.action_id"
        " WHERE (COALESCE(m.ended_at, m.started_at, m.scheduled_at) >= ?"
        "   AND COALESCE(m.ended_at, m.started_at, m.scheduled_at) < ?)"
        " OR (c.created_at >= ? AND c.created_at < ?)",
        (low, high, low, high),
    ).fetchall()
    for status, title, meeting_status, met_at, created_at in rows:
        met = parse_moment(met_at)
        day: dt.date | None
        if met is not None and meeting_status == "held":
            day = met.date()  # local wall-clock already
        else:
            made = parse_moment(created_at)
            day = local_day(made) if made is not None else None
        if day is not None and period.contains(day):
            yield status, title, day


def commitments(database: SqliteDatabase, period: Period) -> Commitments:
    """Asks made in the period, by status."""
    found: dict[str, int] = defaultdict(int)
    for status, _, _ in _ask_rows(database, period):
        found[str(status)] += 1
    return Commitments(found["kept"], found["missed"], found["pending"], found["not_yet"])


def commitments_by_action(
    database: SqliteDatabase, period: Period
) -> list[tuple[str, Commitments]]:
    """Asks made in the period per chapter action (or activity), most asked first."""
    found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for status, title, _ in _ask_rows(database, period):
        named = str(title or "").strip()
        unnamed = NO_COMMITMENT if status == "not_yet" else "(no activity named)"
        found[named or unnamed][str(status)] += 1
    made = [
        (title, Commitments(c["kept"], c["missed"], c["pending"], c["not_yet"]))
        for title, c in found.items()
    ]
    return sorted(made, key=lambda i: (i[0] == NO_COMMITMENT, -i[1].made, i[0].casefold()))


def promises(database: SqliteDatabase, period: Period, today: dt.date) -> Promises:
    """The organizer's promises due in the period: kept on time or late, open, broken."""
    low, high = period.sql_bounds(widen_days=1)
    rows = database.execute_sql(
        "SELECT status, due_on, kept_at, created_at FROM promise"
        " WHERE (due_on >= ? AND due_on < ?) OR (due_on IS NULL AND created_at >= ?"
        " AND created_at < ?)",
        (period.since.isoformat(), (period.until + dt.timedelta(days=1)).isoformat(), low, high),
    ).fetchall()
    found: dict[str, int] = defaultdict(int)
    for status, due_on, kept_at, created_at in rows:
        due = dt.date.fromisoformat(str(due_on)[:10]) if due_on else None
        made = parse_moment(created_at)
        day = due or (local_day(made) if made else None)
        if day is None or not period.contains(day):
            continue
        kept = parse_moment(kept_at)
        if status == "kept":
            late = due is not None and kept is not None and local_day(kept) > due
            found["late" if late else "on_time"] += 1
        elif status == "broken":
            found["broken"] += 1
        else:
            found["open"] += 1
            found["overdue"] += int(due is not None and due < today)
    return Promises(
        found["on_time"], found["late"], found["open"], found["overdue"], found["broken"]
    )


# --- the ladder and issues ----------------------------------------------------------------


def ladder_moves(database: SqliteDatabase, period: Period) -> list[LadderMove]:
    """People who stand higher on the ladder at the end of the period than at its start.

    Having no stage counts as the lowest rung, so being given "prospect" is not a move up.
    """
    low, high = period.sql_bounds(widen_days=1)
    (lowest,) = database.execute_sql(
        "SELECT COALESCE(MIN(position), 0) FROM ladder_stage"
    ).fetchone()
    rows = database.execute_sql(
        "SELECT sc.supporter_id, sc.from_position, sc.to_position, COALESCE(fs.label, ''),"
        " COALESCE(ts.label, ''), sc.changed_at FROM stage_change sc"
        " LEFT JOIN ladder_stage fs ON fs.id = sc.from_stage_id"
        " LEFT JOIN ladder_stage ts ON ts.id = sc.to_stage_id"
        " WHERE sc.changed_at >= ? AND sc.changed_at < ? ORDER BY sc.changed_at, sc.id",
        (low, high),
    ).fetchall()
    first: dict[int, tuple[int, str]] = {}
    last: dict[int, tuple[int, str, dt.date]] = {}
    for sid, from_pos, to_pos, from_label, to_label, changed_at in rows:
        moment = parse_moment(changed_at)
        day = local_day(moment) if moment else None
        if day is None or not period.contains(day):
            continue
        first.setdefault(int(sid), (lowest if from_pos is None else int(from_pos), from_label))
        last[int(sid)] = (lowest if to_pos is None else int(to_pos), to_label, day)
    up = [sid for sid in first if last[sid][0] > first[sid][0]]
    names = names_of(database, up)
    moves = [
        LadderMove(sid, names.get(sid, "(no name)"), first[sid][1], last[sid][1], last[sid][2])
        for sid in up
    ]
    return sorted(moves, key=lambda m: (m.on, m.name.casefold()))


def issues_raised(database: SqliteDatabase, period: Period) -> dict[str, set[int]]:
    """Issue name -> the people who raised it in a 1:1 held in the period."""
    return _issues_in(database, held_meetings(database, period))


def _issues_in(database: SqliteDatabase, meetings: Sequence[HeldMeeting]) -> dict[str, set[int]]:
    match = issue_matcher(database)
    texts: dict[int, list[str]] = defaultdict(list)
    for chunk in in_chunks([m.id for m in meetings]):
        marks = ",".join("?" * len(chunk))
        for meeting_id, answer in database.execute_sql(
            f"SELECT meeting_id, answer FROM answer WHERE meeting_id IN ({marks}) AND answer != ''",
            chunk,
        ).fetchall():
            texts[int(meeting_id)].append(str(answer))
    raised: dict[str, set[int]] = defaultdict(set)
    for meeting in meetings:
        found = {match.canonical(name) for name in _captured_issues(meeting.capture)}
        for text in [*texts.get(meeting.id, []), meeting.learned]:
            found.update(match.find(text))
        for name in found:
            if name:
                raised[name].add(meeting.supporter_id)
    return dict(raised)


def _captured_issues(capture: str) -> list[str]:
    try:
        data = json.loads(capture or "{}")
    except ValueError:
        return []
    issues = data.get("issues") if isinstance(data, dict) else None
    return (
        [str(i).strip() for i in issues if isinstance(i, str)] if isinstance(issues, list) else []
    )


def top_issues(
    database: SqliteDatabase, period: Period, limit: int | None = None
) -> list[IssueCount]:
    """Issues raised in the period, most people first, with the figure of the period before."""
    earlier = period.previous()
    both = held_meetings(database, Period(earlier.since, period.until))
    now = _issues_in(database, [m for m in both if m.day >= period.since])
    before = _issues_in(database, [m for m in both if m.day < period.since])
    counted = [
        IssueCount(name, len(people), len(before.get(name, ()))) for name, people in now.items()
    ]
    counted.sort(key=lambda i: (-i.people, -i.change, i.name.casefold()))
    return counted[:limit] if limit is not None else counted


# --- everything at once ---------------------------------------------------------------------


def dashboard(
    database: SqliteDatabase,
    period: Period,
    *,
    today: dt.date | None = None,
    quiet_weeks: int | None = None,
    issue_limit: int | None = 8,
) -> Dashboard:
    """Every figure of the dashboard for the period (`today`: the day lists are measured from)."""
    today = today or dt.date.today()
    if quiet_weeks is None:
        from oneonone_desktop.services.followup import checkin_weeks

        quiet_weeks = checkin_weeks()
    due, in_time, late = follow_up_after_meetings(database, period, today)
    quiet, quiet_total = not_contacted(database, quiet_weeks, today)
    return Dashboard(
        period=period,
        today=today,
        per_week=held_per_week(database, period),
        asks=commitments(database, period),
        promises=promises(database, period, today),
        moves=ladder_moves(database, period),
        issues=top_issues(database, period, issue_limit),
        thanks_due=due,
        thanked_in_time=in_time,
        not_thanked=late,
        quiet_weeks=quiet_weeks,
        quiet=quiet,
        quiet_total=quiet_total,
    )
