"""Demo follow-up tasks: every kind, some overdue, done, snoozed or skipped, recurring check-ins.

A step of `services.demo` (raw SQL, bulk inserts, inside its transaction). Held 1:1s already in
the demo (if another step made them) get the follow-up the guide asks for; besides, one person
in 50 (at most 1,500) gets assorted tasks, so 100,000 people stay fast. Lists and #WhyWeResist
tasks only for people whose consent is recorded. Deterministic for a seed and a day.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from peewee import SqliteDatabase

from oneonone_desktop.services.tasks import UID_DOMAIN

SHARE, MOST, FEWEST = 50, 1_500, 6
CHECK_IN = "FREQ=WEEKLY;INTERVAL=4"
SKIP_NOTES = ("Moved away for the summer", "Already talked at the huddle", "Phone number changed")
DONE_NOTES = ("Left a voicemail", "Long talk about the rent strike", "", "", "Sent by text")
PROMISES = (
    "Send the tenants' rights guide",
    "Share the carpool sign-up",
    "Introduce them to the housing team lead",
    "Find the clinic's Spanish hours",
)
KINDS = ("thank_you", "check_in", "non_ask_update", "promise", "commitment_reminder",
         "commitment_check", "other")  # fmt: skip
ACTIVITIES = ("phone bank", "tenant rally", "voter registration drive", "poster party")
OTHER = ("Save a seat at the huddle", "Ask about hosting a house meeting",
         "Pass on the rally flyer")  # fmt: skip
_TASK_SQL = (
    "INSERT INTO task (supporter_id, meeting_id, commitment_id, promise_id, kind, title, notes,"
    " channel, due_on, due_time, rrule, status, status_note, snoozed_until, completed_at, uid,"
    " created_at, is_ask, reminder_minutes, exdates)"
    " VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')"
)


class _Maker:
    """Collects task and touch rows for executemany."""

    def __init__(self, rng: random.Random, today: dt.date, salt: int = 0) -> None:
        self.rng, self.today = rng, today
        # The run's first supporter id: a second demo run with the same seed (--force) then
        # makes different UIDs, while a run on an empty folder stays reproducible.
        self.salt = salt << 64
        self.now = dt.datetime.combine(today, dt.time(20, 0))
        self.tasks: list[tuple[object, ...]] = []
        self.touches: list[tuple[object, ...]] = []

    def uid(self) -> str:
        bits = self.rng.getrandbits(128) ^ self.salt
        return f"{uuid.UUID(int=bits % (1 << 128), version=4)}@{UID_DOMAIN}"

    def add(
        self, person: int, kind: str, title: str, due: dt.date, *, channel: str = "",
        links: tuple[int | None, int | None, int | None] = (None, None, None),
        rrule: str | None = None, is_ask: bool = False, state: str | None = None,
    ) -> None:  # fmt: skip
        """One task; `state` (default: by the date) is open, done, snoozed or skipped."""
        rng = self.rng
        if state is None:  # the past mostly done; a few left overdue, more of the recent ones
            recent = due >= self.today - dt.timedelta(days=21)
            state = "open" if rng.random() < (0.3 if recent else 0.04) else "done"
            state = "skipped" if state == "done" and rng.random() < 0.15 else state
            if due >= self.today:
                state = "snoozed" if rng.random() < 0.08 else "open"
        timed = rng.random() < 0.2
        clock = f"{rng.choice((9, 10, 12, 17, 18, 19)):02d}:{rng.choice((0, 30)):02d}:00"
        done_at = None
        if state in ("done", "skipped"):
            done_at = dt.datetime.combine(min(due, self.today), dt.time(rng.randrange(9, 21)))
        snoozed = due + dt.timedelta(days=rng.randint(2, 9)) if state == "snoozed" else None
        note = (rng.choice(DONE_NOTES) if state == "done" else
                rng.choice(SKIP_NOTES) if state == "skipped" else "")  # fmt: skip
        self.tasks.append(
            (person, *links, kind, title, channel, due.isoformat(), clock if timed else None,
             rrule, state, note, snoozed.isoformat() if snoozed else None,
             done_at.isoformat(sep=" ") if done_at else None, self.uid(),
             (self.now - dt.timedelta(days=30)).isoformat(sep=" "), int(is_ask),
             rng.choice((None, 0, 15)) if state == "open" else None)
        )  # fmt: skip
        contact = kind in ("thank_you", "check_in", "non_ask_update", "commitment_check")
        if state == "done" and contact and done_at is not None:
            touch = channel if channel in ("call", "email", "card", "text") else "call"
            self.touches.append((person, touch, done_at.isoformat(sep=" "), title, int(is_ask)))


def _people(database: SqliteDatabase, ids: list[int]) -> dict[int, tuple[str, str, bool]]:
    """id -> (display name, thank-you channel, has a postal address)."""
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = database.execute_sql(
            "SELECT id, preferred_name, first_name, last_name, thank_you_preference, street"
            f" FROM supporter WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        for sid, preferred, first, last, preference, street in rows:
            name = " ".join(p for p in (preferred or first, last) if p) or "(no name)"
            channel = preference or ("card" if street else "call")
            found[int(sid)] = (name, channel, bool(street))
    return found


def _consented(database: SqliteDatabase, ids: list[int], channel: str) -> set[int]:
    """Those of `ids` whose latest consent record for `channel` says yes."""
    latest: dict[int, bool] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = database.execute_sql(
            "SELECT supporter_id, granted FROM consent_record WHERE channel = ? AND supporter_id"
            f" IN ({','.join('?' * len(chunk))}) ORDER BY supporter_id, recorded_at, id",
            [channel, *chunk],
        ).fetchall()
        latest.update((int(sid), bool(granted)) for sid, granted in rows)  # the last one wins
    return {sid for sid, granted in latest.items() if granted}


def _after_meetings(database: SqliteDatabase, make: _Maker, low: int, high: int) -> set[int]:
    """Follow-up for the demo's held 1:1s: thank-you, check-in, promises, commitment checks."""
    held = database.execute_sql(
        "SELECT id, supporter_id, COALESCE(ended_at, scheduled_at) FROM meeting"
        " WHERE status = 'held' AND supporter_id BETWEEN ? AND ?",
        [low, high],
    ).fetchall()
    people = _people(database, sorted({int(row[1]) for row in held}))
    rng, seen = make.rng, set()
    for mid, sid, at in held:
        name, channel, _ = people.get(int(sid), ("(no name)", "call", False))
        met = dt.date.fromisoformat(str(at)[:10]) if at else make.today
        links = (mid, None, None)
        thank = {"card": "Send a thank-you card to", "email": "Email a thank-you to"}
        verb = thank.get(channel, "Call to thank")
        make.add(sid, "thank_you", f"{verb} {name}", met + dt.timedelta(days=2), channel=channel,
                 links=links)  # fmt: skip
        if sid not in seen:  # one check-in series per person, carried on to about now
            seen.add(sid)
            due = met + dt.timedelta(weeks=4)
            while due < make.today - dt.timedelta(days=3):
                due += dt.timedelta(weeks=4)
            make.add(sid, "check_in", f"Check-in call with {name}", due, channel="call",
                     links=links, rrule=CHECK_IN, is_ask=True, state="open")  # fmt: skip
        if rng.random() < 0.5:
            make.add(sid, "non_ask_update", f"Call {name} with news, asking for nothing",
                     met + dt.timedelta(days=14), channel="call", links=links)  # fmt: skip
    for cid, sid, mid, activity, due_at in database.execute_sql(
        "SELECT id, supporter_id, meeting_id, activity, due_at FROM commitment"
        " WHERE status = 'pending' AND due_at IS NOT NULL AND supporter_id BETWEEN ? AND ?",
        [low, high],
    ).fetchall():
        name = people.get(int(sid), ("(no name)",))[0]
        due = dt.date.fromisoformat(str(due_at)[:10])
        make.add(sid, "commitment_reminder", f"Remind {name}: {activity}",
                 due - dt.timedelta(days=2), channel="call", links=(mid, cid, None))  # fmt: skip
        make.add(sid, "commitment_check", f"Ask {name} how it went: {activity}",
                 due + dt.timedelta(days=1), channel="call", links=(mid, cid, None))  # fmt: skip
    for pid, sid, mid, text, due_on, status in database.execute_sql(
        "SELECT id, supporter_id, meeting_id, text, due_on, status FROM promise"
        " WHERE due_on IS NOT NULL AND supporter_id BETWEEN ? AND ?",
        [low, high],
    ).fetchall():
        name = people.get(int(sid), ("(no name)",))[0]
        state = {"kept": "done", "broken": "skipped"}.get(str(status), "open")
        title = f"Keep your promise to {name}: {text}"[:255]
        due = dt.date.fromisoformat(str(due_on))
        make.add(sid, "promise", title, due, links=(mid, None, pid), state=state)
    return {int(row[1]) for row in held}


def add_tasks(
    database: SqliteDatabase, rng: random.Random, supporter_ids: list[int], today: dt.date
) -> None:
    """The demo step: see the module's docstring."""
    if not supporter_ids:
        return
    low, high = min(supporter_ids), max(supporter_ids)
    make = _Maker(rng, today, salt=low)
    had_meeting = _after_meetings(database, make, low, high)
    count = min(len(supporter_ids), MOST, max(FEWEST, len(supporter_ids) // SHARE))
    chosen = [p for p in rng.sample(supporter_ids, count) if p not in had_meeting]
    people = _people(database, chosen)
    lists = _consented(database, chosen, "email_list") if chosen else set()
    mentions = _consented(database, chosen, "social_mention") if chosen else set()
    for n, person in enumerate(chosen):
        name, channel, _ = people[person]
        due = today + dt.timedelta(days=rng.randint(-21, 28))
        kind = KINDS[n % len(KINDS)]
        if kind == "thank_you":
            make.add(person, kind, f"Thank {name}", due, channel=channel)
        elif kind == "check_in":
            overdue = n % 3 == 0
            start = today - dt.timedelta(days=rng.randint(1, 20)) if overdue else due
            make.add(person, kind, f"Check-in call with {name}", start, channel="call",
                     rrule=CHECK_IN, is_ask=True, state="open")  # fmt: skip
        elif kind == "non_ask_update":
            make.add(person, kind, f"Call {name} with news, asking for nothing", due,
                     channel="call")  # fmt: skip
        elif kind in ("commitment_reminder", "commitment_check"):
            action = rng.choice(ACTIVITIES)
            title = f"Remind {name}: {action}" if kind == "commitment_reminder" else (
                f"Ask {name} how it went: {action}")  # fmt: skip
            make.add(person, kind, title, due, channel="call")
        elif kind == "promise":
            make.add(person, kind, f"{rng.choice(PROMISES)} to {name}", due)
        else:
            make.add(person, kind, f"{rng.choice(OTHER)}: {name}", due)
        if person in lists:
            make.add(person, "add_to_lists", f"Add {name} to the email list",
                     today + dt.timedelta(days=rng.randint(-5, 5)))  # fmt: skip
        if person in mentions:
            make.add(person, "social_mention", f"Post about your 1:1 with {name} (#WhyWeResist)",
                     today + dt.timedelta(days=rng.randint(-3, 10)), channel="social")  # fmt: skip
    cursor = database.cursor()
    cursor.executemany(_TASK_SQL, make.tasks)
    cursor.executemany(
        "INSERT INTO touch (supporter_id, kind, happened_at, note, is_ask) VALUES (?, ?, ?, ?, ?)",
        make.touches,
    )
