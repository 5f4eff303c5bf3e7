"""Who needs attention after 1:1s: people not thanked within two days of their 1:1, and people
met in a 1:1 who have not been contacted for weeks. Import these from `services.reports`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import SqliteDatabase

from oneonone_desktop.services.report_data import (
    Period,
    held_meetings,
    in_chunks,
    local_day,
    names_of,
    parse_moment,
)

THANK_YOU_DAYS = 2  # the guide: thank them within two days
LIST_LIMIT = 50  # people shown in a "needs attention" list (the total is counted apart)


@dataclass(frozen=True)
class NotThanked:
    """A 1:1 with no thank-you or other contact within two days; `thanked_on` if one came later."""

    supporter_id: int
    name: str
    met_on: dt.date
    thanked_on: dt.date | None


@dataclass(frozen=True)
class Quiet:
    """Someone met in a 1:1 and not contacted since `last_contact`."""

    supporter_id: int
    name: str
    last_contact: dt.date


def follow_up_after_meetings(
    database: SqliteDatabase, period: Period, today: dt.date
) -> tuple[int, int, list[NotThanked]]:
    """(1:1s whose two days are over, those followed up in time, the people who were not).

    Followed up: a thank-you task ticked done, or any contact (call, card, email, …) recorded,
    from the day of the 1:1 to two days after. One line per person, for their latest such 1:1;
    people not thanked at all come first. Archived people are counted but not listed.
    """
    meetings = [
        m for m in held_meetings(database, period) if m.day + dt.timedelta(THANK_YOU_DAYS) < today
    ]
    people = sorted({m.supporter_id for m in meetings})
    contacts = _contact_days(database, people, min((m.day for m in meetings), default=today))
    due = len(meetings)
    in_time = 0
    late: dict[int, tuple[dt.date, dt.date | None]] = {}
    for meeting in meetings:
        after = [d for d in contacts.get(meeting.supporter_id, ()) if d >= meeting.day]
        deadline = meeting.day + dt.timedelta(THANK_YOU_DAYS)
        if any(d <= deadline for d in after):
            in_time += 1
        elif meeting.day >= late.get(meeting.supporter_id, (dt.date.min, None))[0]:
            late[meeting.supporter_id] = (meeting.day, min(after, default=None))
    active = _active(database, list(late))
    names = names_of(database, sorted(active))
    listed = [
        NotThanked(sid, names.get(sid, "(no name)"), met, thanked)
        for sid, (met, thanked) in late.items()
        if sid in active
    ]
    listed.sort(key=lambda n: (n.thanked_on is not None, -n.met_on.toordinal(), n.name.casefold()))
    return due, in_time, listed


def _contact_days(
    database: SqliteDatabase, people: Sequence[int], since: dt.date
) -> dict[int, list[dt.date]]:
    """Local days each person was thanked (thank-you ticked done) or contacted, from `since`."""
    found: dict[int, list[dt.date]] = defaultdict(list)
    low = (since - dt.timedelta(days=1)).isoformat()
    for chunk in in_chunks(people):
        marks = ",".join("?" * len(chunk))
        rows = database.execute_sql(
            f"SELECT supporter_id, happened_at FROM touch WHERE supporter_id IN ({marks})"
            " AND happened_at >= ?"
            " UNION ALL SELECT supporter_id, completed_at FROM task WHERE kind = 'thank_you'"
            f" AND status = 'done' AND supporter_id IN ({marks}) AND completed_at >= ?",
            [*chunk, low, *chunk, low],
        ).fetchall()
        for sid, at in rows:
            moment = parse_moment(at)
            if moment is not None:
                found[int(sid)].append(local_day(moment))
    return found


def _active(database: SqliteDatabase, ids: Sequence[int]) -> set[int]:
    active: set[int] = set()
    for chunk in in_chunks(ids):
        marks = ",".join("?" * len(chunk))
        active.update(
            int(r[0])
            for r in database.execute_sql(
                f"SELECT id FROM supporter WHERE id IN ({marks}) AND archived_at IS NULL", chunk
            ).fetchall()
        )
    return active


def not_contacted(
    database: SqliteDatabase, weeks: int, today: dt.date, limit: int = LIST_LIMIT
) -> tuple[list[Quiet], int]:
    """People met in a 1:1 with no contact in the last `weeks` weeks (longest quiet first),
    at most `limit` of them, and how many there are in all. Archived people are left out."""
    cutoff = today - dt.timedelta(weeks=weeks)
    rows = database.execute_sql(
        "SELECT s.id, s.last_contact_at,"
        " (SELECT MAX(t.happened_at) FROM touch t WHERE t.supporter_id = s.id), h.last"
        " FROM (SELECT supporter_id, MAX(COALESCE(ended_at, started_at, scheduled_at)) AS last"
        "  FROM meeting WHERE status = 'held' GROUP BY supporter_id) h"
        " JOIN supporter s ON s.id = h.supporter_id WHERE s.archived_at IS NULL"
    ).fetchall()
    quiet: list[tuple[dt.date, int]] = []
    for sid, last_contact, last_touch, last_met in rows:
        days = [local_day(m) for m in (parse_moment(last_contact), parse_moment(last_touch)) if m]
        met = parse_moment(last_met)
        if met is not None:
            days.append(met.date())
        if days and max(days) < cutoff:
            quiet.append((max(days), int(sid)))
    quiet.sort()
    shown = quiet[:limit]
    names = names_of(database, [sid for _, sid in shown])
    return [Quiet(sid, names.get(sid, "(no name)"), day) for day, sid in shown], len(quiet)
