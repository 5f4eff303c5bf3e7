"""Demo history for the reports: the issues people raised in their 1:1s and their moves up the
ladder (at the 1:1, and again after keeping a commitment), so the dashboard has something to show.

A step of `services.demo` (raw SQL, bulk writes, inside its transaction), after the 1:1s: it
only touches the demo's held meetings, so 100,000 people stay fast. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from peewee import SqliteDatabase


def _utc(local: str) -> str:
    """A local wall-clock time as the naive UTC text record timestamps are kept in."""
    moment = dt.datetime.fromisoformat(local).astimezone(dt.timezone.utc)
    return moment.replace(tzinfo=None).isoformat(sep=" ")


RAISED_SHARE = 0.8  # 1:1s where the organizer noted the issues that came up
MOVED_AT_MEETING = 0.35  # people moved up a rung when the 1:1 was finished
MOVED_AFTER_KEPT = 0.5  # people moved up again after keeping their commitment


def _held(database: SqliteDatabase, low: int, high: int) -> list[tuple[int, int, str, str, str]]:
    """(meeting, person, when it ended, capture, the person's issues) of the demo's held 1:1s."""
    rows = database.execute_sql(
        "SELECT m.id, m.supporter_id, COALESCE(m.ended_at, m.scheduled_at), m.capture,"
        " COALESCE((SELECT group_concat(l.name, '|') FROM supporter_label sl"
        "  JOIN label l ON l.id = sl.label_id WHERE sl.supporter_id = m.supporter_id"
        "  AND l.kind = 'issue'), '')"
        " FROM meeting m WHERE m.status = 'held' AND m.supporter_id BETWEEN ? AND ?"
        " ORDER BY m.id",
        (low, high),
    ).fetchall()
    return [(int(a), int(b), str(c), str(d or "{}"), str(e)) for a, b, c, d, e in rows]


def add_report_history(
    database: SqliteDatabase, rng: random.Random, supporter_ids: list[int], today: dt.date
) -> None:
    """The demo step: see the module's docstring."""
    if not supporter_ids:
        return
    held = _held(database, min(supporter_ids), max(supporter_ids))
    if not held:
        return
    ladder = database.execute_sql("SELECT id, key, position FROM ladder_stage ORDER BY position")
    rungs = [(int(i), str(k), int(p)) for i, k, p in ladder.fetchall()]
    by_id = {rung[0]: n for n, rung in enumerate(rungs)}
    stage = dict(
        database.execute_sql(
            "SELECT id, stage_id FROM supporter WHERE id IN"
            " (SELECT supporter_id FROM meeting WHERE status = 'held' AND supporter_id"
            " BETWEEN ? AND ?)",
            (min(supporter_ids), max(supporter_ids)),
        ).fetchall()
    )
    fallback = [
        str(n) for (n,) in database.execute_sql("SELECT name FROM label WHERE kind = 'issue'")
    ]
    captures: list[tuple[str, int]] = []
    moves: list[tuple[object, ...]] = []
    for meeting_id, person, ended, capture_text, issues_text in held:
        capture = json.loads(capture_text)
        if rng.random() < RAISED_SHARE:
            theirs = [i for i in issues_text.split("|") if i] or fallback
            capture["issues"] = rng.sample(theirs, min(len(theirs), rng.choice((1, 1, 2))))
        now = stage.get(person)
        rung = by_id.get(now) if now is not None else None
        if rungs and rng.random() < MOVED_AT_MEETING and (rung is None or rung + 1 < len(rungs)):
            after = rungs[0 if rung is None else rung + 1]
            before = rungs[rung] if rung is not None else None
            capture["stage_before"] = before[1] if before else None
            capture["stage_after"] = after[1]
            moves.append(
                (person, before[0] if before else None, after[0],
                 before[2] if before else None, after[2], meeting_id, _utc(ended))
            )  # fmt: skip
            stage[person] = after[0]
        captures.append((json.dumps(capture), meeting_id))
    for person, due_at in database.execute_sql(
        "SELECT supporter_id, due_at FROM commitment WHERE status = 'kept' AND due_at IS NOT NULL"
        " AND supporter_id BETWEEN ? AND ? ORDER BY id",
        (min(supporter_ids), max(supporter_ids)),
    ).fetchall():
        rung = by_id.get(stage.get(person))  # type: ignore[arg-type]
        if rung is None or rung + 1 >= len(rungs) or rng.random() >= MOVED_AFTER_KEPT:
            continue
        after = rungs[rung + 1]
        when = dt.datetime.fromisoformat(str(due_at)) + dt.timedelta(days=1)
        if when.date() >= today:
            continue
        moves.append(
            (person, rungs[rung][0], after[0], rungs[rung][2], after[2], None,
             _utc(when.isoformat(sep=" ")))
        )  # fmt: skip
        stage[person] = after[0]
    cursor = database.cursor()
    cursor.executemany("UPDATE meeting SET capture = ? WHERE id = ?", captures)
    cursor.executemany(
        "INSERT INTO stage_change (supporter_id, from_stage_id, to_stage_id, from_position,"
        " to_position, meeting_id, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        moves,
    )
    cursor.executemany(
        "UPDATE supporter SET stage_id = ? WHERE id = ?",
        [(stage_id, person) for person, stage_id in stage.items()],
    )
