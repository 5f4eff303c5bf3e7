"""Demo 1:1s: the organizer's stories, chapter actions, held meetings with answers, commitments
(kept, missed, pending, not yet) and promises, upcoming meetings, and one unfinished draft.

A step of `services.demo` (raw SQL, bulk inserts, inside its transaction): only a fraction of
the people have meetings, so 100,000 people stay fast. Deterministic for a seed and a day.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import SqliteDatabase

from oneonone_desktop.services.agendas import parse_steps
from oneonone_desktop.services.question_tree import QuestionData, build_questions
from oneonone_desktop.services.wizard_data import WizardState

HELD_SHARE, HELD_MAX, HELD_MIN = 25, 2500, 8  # one person in 25 had a 1:1, within bounds
UPCOMING_MAX, UPCOMING_MIN = 40, 4

STORIES = (
    ("Why I marched", "The morning after the election I sat at my kitchen table and could not "
     "stop thinking about my daughter's future. The march was the first time I felt I was "
     "not alone.", ("reproductive rights", "voting rights")),
    ("The rent went up again", "Our building was sold and the rent went up 30% in one letter. "
     "Six of us met in the laundry room and went to the council meeting together; we won a "
     "cap on the increase.", ("housing",)),
    ("My mother's clinic", "The clinic where my mother got her care closed two years ago. Now "
     "she takes two buses. I organize so that nobody has to choose between care and a day's "
     "pay.", ("health care", "public transit")),
    ("Teaching in a trailer", "I taught fourth grade in a portable classroom with no heat. "
     "Parents and teachers together got the district to fix it.", ("education", "wages")),
)  # fmt: skip
ACTIONS = (  # title, kind, in days, hour, place, issue, skill
    ("Chapter huddle", "huddle", 3, 19, "Riverside Library, room B", "", ""),
    ("Tenant rally at City Hall", "local_action", 9, 17, "City Hall steps", "housing", ""),
    ("Phone bank for the clinic bill", "campaign_action", 6, 18, "Union hall", "health care",
     "social media"),
    ("Poster-making party", "event", 12, 14, "Art studio on Main St", "", "graphic design"),
    ("Voter registration drive", "local_action", 20, 10, "Farmers market", "voting rights", ""),
    ("1:1 training for new hosts", "training", 15, 18, "Community center", "", "teaching"),
    ("School board testimony", "campaign_action", 25, 18, "District office", "education",
     "public speaking"),
    ("Last month's march", "campaign_action", -20, 11, "Downtown", "", ""),
)  # fmt: skip
PLACES = ("Café Luna", "Riverside Library, study room 2", "Community center lobby",
          "Their front porch", "The park by the lake", "Union hall kitchen")  # fmt: skip
TEXT_ANSWERS = ("My neighbours are struggling and nobody listens.", "Anger, then fear.",
                "Turnout was low in our area.", "I felt I had to do something.",
                "A friend from work brought me.", "It was the first time I felt hopeful.",
                "Rents, mostly.", "My kids' school has no nurse.", "Local; I never missed one.",
                "Through the church food bank.")  # fmt: skip
GOALS = ("Bring two friends", "Make 20 calls", "Design the flyer", "Sign up 10 new voters",
         "Speak for two minutes at the meeting", "Host a house meeting for 6")  # fmt: skip
NOT_YET = ("Busy until exams end", "Caring for a parent this month", "Wants to talk to their "
           "partner first", "Shifts change next month")  # fmt: skip
PROMISES = ("Send the huddle address", "Email the petition link", "Introduce them to the "
            "tenants' union", "Find out about childcare at actions", "Share the training "
            "dates")  # fmt: skip
LEARNED = ("Knows everyone on their block.", "Has organized at work before.", "Cares deeply "
           "about the school; wants to start small.", "Great with people, shy about "
           "speaking.")  # fmt: skip
VALUES = ("fairness", "family", "community", "dignity", "faith", "freedom")


@dataclass
class _Rows:
    meetings: list[tuple[object, ...]]
    answers: list[tuple[object, ...]]
    commitments: list[tuple[object, ...]]
    promises: list[tuple[object, ...]]
    contacts: list[tuple[object, ...]]


def _sql_time(value: dt.datetime | None) -> str | None:
    return value.isoformat(sep=" ") if value else None


def _labels(database: SqliteDatabase, kind: str, names: Sequence[str]) -> dict[str, int]:
    ids = {}
    for name in dict.fromkeys(n for n in names if n):
        sql = "SELECT id FROM label WHERE kind = ? AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1"
        row = database.execute_sql(sql, (kind, name)).fetchone()
        if row is None:
            row = (
                database.execute_sql(
                    "INSERT INTO label (kind, name) VALUES (?, ?)", (kind, name)
                ).lastrowid,
            )
        ids[name] = int(row[0])
    return ids


def _stories(database: SqliteDatabase, now: dt.datetime) -> list[int]:
    issues = _labels(database, "issue", [i for *_, tags in STORIES for i in tags])
    ids = []
    for title, body, tags in STORIES:
        cursor = database.execute_sql(
            "INSERT INTO story (title, body, created_at) VALUES (?, ?, ?)",
            (title, body, _sql_time(now)),
        )
        ids.append(int(cursor.lastrowid))
        for tag in tags:
            database.execute_sql(
                "INSERT INTO story_label (story_id, label_id) VALUES (?, ?)", (ids[-1], issues[tag])
            )
    return ids


def _actions(database: SqliteDatabase, today: dt.date, now: dt.datetime) -> list[tuple[int, str]]:
    issues = _labels(database, "issue", [a[5] for a in ACTIONS])
    skills = _labels(database, "skill", [a[6] for a in ACTIONS])
    made = []
    for title, kind, days, hour, place, issue, skill in ACTIONS:
        starts = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour))
        cursor = database.execute_sql(
            "INSERT INTO action (title, description, kind, starts_at, place, is_next_step,"
            " archived_at, created_at) VALUES (?, '', ?, ?, ?, 0, NULL, ?)",
            (title, kind, _sql_time(starts), place, _sql_time(now)),
        )
        action_id = int(cursor.lastrowid)
        for label in ([issues[issue]] if issue else []) + ([skills[skill]] if skill else []):
            database.execute_sql(
                "INSERT INTO action_label (action_id, label_id) VALUES (?, ?)", (action_id, label)
            )
        made.append((action_id, title))
    steps = database.execute_sql("SELECT id, title FROM action WHERE is_next_step = 1").fetchall()
    return made + [(int(i), str(t)) for i, t in steps]


def _questions(database: SqliteDatabase) -> tuple[int | None, list[QuestionData]]:
    row = database.execute_sql(
        "SELECT id FROM question_set WHERE is_default = 1 AND language = 'en' ORDER BY id LIMIT 1"
    ).fetchone()
    if row is None:
        return None, []
    cursor = database.execute_sql(
        "SELECT id, parent_id, text, answer_kind, show_when, options, hint FROM question"
        " WHERE question_set_id = ? ORDER BY position, id",
        (row[0],),
    )
    names = ("id", "parent_id", "text", "answer_kind", "show_when", "options", "hint")
    return int(row[0]), build_questions(
        [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    )


def _answers(
    rng: random.Random, questions: list[QuestionData]
) -> list[tuple[QuestionData, dict[str, str]]]:
    """Made-up answers along one path through the branches (the rule of question_tree.visible,
    applied as the answers are given: parents come before their sub-questions)."""
    given: dict[int, dict[str, str]] = {}
    shown: set[int] = set()
    out = []
    for q in questions:
        if q.parent_id is not None and (
            q.parent_id not in shown
            or (q.show_when and given.get(q.parent_id, {}).get("yes_no") != q.show_when)
        ):
            continue
        shown.add(q.id)
        if rng.random() < 0.45:  # not every question gets asked, or noted
            continue
        if q.answer_kind == "yes_no":
            given[q.id] = {"yes_no": "yes" if rng.random() < 0.5 else "no"}
        elif q.answer_kind == "choice":
            given[q.id] = {"choice": rng.choice(q.options)}
        else:
            given[q.id] = {"text": rng.choice(TEXT_ANSWERS)}
        out.append((q, given[q.id]))
    return out


def _held(
    rows: _Rows,
    rng: random.Random,
    person: int,
    meeting_id: int,
    kinds: dict[str, int],
    context: tuple[int | None, list[QuestionData], list[int], list[tuple[int, str]]],
    today: dt.date,
    now: dt.datetime,
) -> None:
    set_id, questions, stories, actions = context
    day = today - dt.timedelta(days=1 + rng.randrange(180))
    start = dt.datetime.combine(day, dt.time(10 + rng.randrange(10), rng.choice((0, 15, 30, 45))))
    minutes = rng.choice((30, 45, 45))
    end = start + dt.timedelta(minutes=minutes + rng.randrange(-5, 10))
    kind = "introductory" if rng.random() < 0.8 else rng.choice(("planning", "debrief"))
    capture = {
        "values": [rng.choice(VALUES)],
        "issues": [],
        "past_involvement": "",
        "common_ground": "We both grew up here.",
    }
    rows.meetings.append(
        (
            meeting_id,
            person,
            kinds.get(kind),
            set_id,
            "held",
            _sql_time(start),
            minutes,
            rng.choice(PLACES),
            1,
            _sql_time(start),
            _sql_time(end),
            1,
            "",
            rng.choice(LEARNED),
            "",
            rng.choice(stories) if stories else None,
            json.dumps(capture),
            _sql_time(now),
            _sql_time(now),
        )
    )
    if kind == "introductory":
        for q, parts in _answers(rng, questions):
            rows.answers.append(
                (
                    meeting_id,
                    q.id,
                    q.number,
                    q.text,
                    parts.get("text", ""),
                    parts.get("yes_no"),
                    parts.get("choice"),
                )
            )
    action_id, title = rng.choice(actions)
    if rng.random() < 0.15:
        again = day + dt.timedelta(days=30 + rng.randrange(30))
        rows.commitments.append(
            (
                person,
                meeting_id,
                None,
                "",
                None,
                "",
                "not_yet",
                rng.choice(NOT_YET),
                again.isoformat(),
                _sql_time(now),
            )
        )
    else:
        due = dt.datetime.combine(
            day + dt.timedelta(days=3 + rng.randrange(19)), dt.time(rng.choice((18, 19)))
        )
        status = "pending" if due.date() >= today else ("kept" if rng.random() < 0.65 else "missed")
        rows.commitments.append(
            (
                person,
                meeting_id,
                action_id,
                title,
                _sql_time(due),
                rng.choice(GOALS),
                status,
                "",
                None,
                _sql_time(now),
            )
        )
    if rng.random() < 0.5:
        due_on = day + dt.timedelta(days=1 + rng.randrange(7))
        done = due_on < today and rng.random() < 0.85
        status = "kept" if done else ("open" if due_on >= today or rng.random() < 0.6 else "broken")
        kept_at = _sql_time(dt.datetime.combine(due_on, dt.time(12))) if done else None
        rows.promises.append(
            (
                person,
                meeting_id,
                rng.choice(PROMISES),
                due_on.isoformat(),
                status,
                kept_at,
                _sql_time(now),
            )
        )
    rows.contacts.append((_sql_time(end), person))


def add_meetings(
    database: SqliteDatabase, rng: random.Random, supporter_ids: list[int], today: dt.date
) -> None:
    """The demo step: see the module's docstring."""
    if not supporter_ids:
        return
    now = dt.datetime.combine(today, dt.time(20, 0))
    stories = _stories(database, now)
    actions = _actions(database, today, now)
    set_id, questions = _questions(database)
    kinds = {
        str(k): int(i)
        for i, k in database.execute_sql("SELECT id, key FROM meeting_kind").fetchall()
    }
    (first_meeting,) = database.execute_sql(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM meeting"
    ).fetchone()
    count = len(supporter_ids)
    held = min(count, HELD_MAX, max(HELD_MIN, count // HELD_SHARE))
    upcoming = min(count, UPCOMING_MAX, max(UPCOMING_MIN, count // 100))
    chosen = rng.sample(supporter_ids, min(count, held + upcoming + 1))
    rows = _Rows([], [], [], [], [])
    context = (set_id, questions, stories, actions)
    for n, person in enumerate(chosen[:held]):
        _held(rows, rng, person, first_meeting + n, kinds, context, today, now)
    next_id = first_meeting + held
    for n, person in enumerate(chosen[held : held + upcoming]):
        day = today + dt.timedelta(days=1 + n // 2)
        start = dt.datetime.combine(day, dt.time(10 if n % 2 == 0 else 18, 30))
        kind = "introductory" if rng.random() < 0.7 else rng.choice(("planning", "debrief"))
        capture = json.dumps({"candidate_ask_ids": [a for a, _ in rng.sample(actions, 2)]})
        rows.meetings.append(
            (
                next_id,
                person,
                kinds.get(kind),
                None,
                "scheduled",
                _sql_time(start),
                rng.choice((30, 45)),
                rng.choice(PLACES),
                int(rng.random() < 0.9),
                None,
                None,
                0,
                "",
                "",
                "",
                None,
                capture,
                _sql_time(now),
                _sql_time(now),
            )
        )
        next_id += 1
    if len(chosen) > held + upcoming:
        rows.meetings.append(
            _draft(database, chosen[-1], next_id, kinds, set_id, questions, today, now)
        )
    database.cursor().executemany(
        "INSERT INTO meeting (id, supporter_id, kind_id, question_set_id, status, scheduled_at,"
        " duration_minutes, place, in_person, started_at, ended_at, purpose_explained, notes,"
        " learned, draft, story_id, capture, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows.meetings,
    )
    database.cursor().executemany(
        "INSERT INTO answer (meeting_id, question_id, number, question_text, answer, yes_no,"
        " choice) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows.answers,
    )
    database.cursor().executemany(
        "INSERT INTO commitment (supporter_id, meeting_id, action_id, activity, due_at, goal,"
        " status, not_yet_reason, ask_again_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows.commitments,
    )
    database.cursor().executemany(
        "INSERT INTO promise (supporter_id, meeting_id, text, due_on, status, kept_at,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows.promises,
    )
    database.cursor().executemany(
        "UPDATE supporter SET last_contact_at = MAX(COALESCE(last_contact_at, ''), ?) WHERE id = ?",
        rows.contacts,
    )


def _draft(
    database: SqliteDatabase,
    person: int,
    meeting_id: int,
    kinds: dict[str, int],
    set_id: int | None,
    questions: list[QuestionData],
    today: dt.date,
    now: dt.datetime,
) -> tuple[object, ...]:
    """A 1:1 left unfinished yesterday at the Connection step, to show resuming a draft."""
    agenda = database.execute_sql(
        "SELECT agenda FROM meeting_kind WHERE key = 'introductory'"
    ).fetchone()
    (script,) = database.execute_sql(
        "SELECT purpose_script FROM organizer_profile LIMIT 1"
    ).fetchone() or ("",)
    start = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(18, 0))
    state = WizardState(
        meeting_id=meeting_id,
        supporter_id=person,
        kind_key="introductory",
        step="connection",
        agenda=list(parse_steps(agenda[0] if agenda else "[]")),
        question_set_id=set_id,
        questions=questions,
        started_at=start,
        purpose_script=script,
        purpose_explained=True,
        issues=["housing"],
        notes={"connection": "Rent went up again; knows the landlord's other buildings."},
    )
    if questions:
        state.set_answer(questions[0].id, "yes_no", "no")
    return (
        meeting_id,
        person,
        kinds.get("introductory"),
        set_id,
        "in_progress",
        _sql_time(start),
        45,
        PLACES[0],
        1,
        _sql_time(start),
        None,
        1,
        "",
        "",
        state.to_json(),
        None,
        "{}",
        _sql_time(now),
        _sql_time(now),
    )
