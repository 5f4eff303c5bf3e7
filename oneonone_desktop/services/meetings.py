"""Scheduling 1:1s (with conflict and past-time warnings), listing them, and starting one.

Meeting times are the organizer's local wall-clock time, naive. Starting a meeting (a
scheduled one or an ad hoc one) sets it in progress and takes a snapshot of the agenda and the
question set into the wizard's draft, so later edits never change a meeting under way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from peewee import SqliteDatabase

from oneonone_desktop.services import question_sets
from oneonone_desktop.services.actions import seed_next_steps
from oneonone_desktop.services.agendas import MAX_MINUTES, get_kind, seed_meeting_kinds
from oneonone_desktop.services.organizer import get_profile, seed_purpose_script
from oneonone_desktop.services.question_tree import seed_question_sets
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.services.wizard_state import WizardState, load_draft, save_draft
from oneonone_desktop.store.models import Meeting, MeetingKind, QuestionSet, Supporter, db, utcnow

MAX_PLACE = 200
LIST_LIMIT = 500


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    supporter_id: int
    supporter_name: str
    kind_key: str
    kind_label: str
    status: str  # scheduled, in_progress, held, cancelled
    scheduled_at: dt.datetime | None
    duration_minutes: int
    place: str
    in_person: bool
    started_at: dt.datetime | None
    ended_at: dt.datetime | None

    @property
    def ends_at(self) -> dt.datetime | None:
        if self.scheduled_at is None:
            return None
        return self.scheduled_at + dt.timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class ScheduleResult:
    """A meeting stored, with what the organizer should be warned about (not refused)."""

    meeting_id: int
    in_past: bool
    conflicts: list[MeetingInfo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_SQL = """
SELECT m.id, m.supporter_id,
       CASE WHEN s.preferred_name != '' THEN s.preferred_name ELSE s.first_name END
         || CASE WHEN s.last_name != '' THEN ' ' || s.last_name ELSE '' END,
       COALESCE(k.key, ''), COALESCE(k.label, ''), m.status, m.scheduled_at,
       m.duration_minutes, m.place, m.in_person, m.started_at, m.ended_at
FROM meeting m JOIN supporter s ON s.id = m.supporter_id
LEFT JOIN meeting_kind k ON k.id = m.kind_id
"""


def _dt(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _sql_time(value: dt.datetime) -> str:
    return value.replace(microsecond=0).isoformat(sep=" ")


def _query(
    where: str, params: Sequence[object], order: str, limit: int = LIST_LIMIT, offset: int = 0
) -> list[MeetingInfo]:
    sql = f"{_SQL} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    rows = db.execute_sql(sql, [*params, limit, offset]).fetchall()
    return [
        MeetingInfo(
            r[0],
            r[1],
            r[2].strip() or "(no name)",
            r[3],
            r[4],
            r[5],
            _dt(r[6]),
            r[7],
            r[8],
            bool(r[9]),
            _dt(r[10]),
            _dt(r[11]),
        )
        for r in rows
    ]


def get_meeting(meeting_id: int) -> MeetingInfo:
    found = _query("m.id = ?", [meeting_id], "m.id", 1)
    if not found:
        raise ValidationError({"meeting": "That 1:1 is no longer stored."})
    return found[0]


def conflicts(
    starts_at: dt.datetime, minutes: int, exclude_id: int | None = None
) -> list[MeetingInfo]:
    """Scheduled or under-way meetings that overlap [starts_at, starts_at + minutes)."""
    end = starts_at + dt.timedelta(minutes=max(minutes, 1))
    earliest = starts_at - dt.timedelta(minutes=MAX_MINUTES)
    where = (
        "m.status IN ('scheduled', 'in_progress') AND m.scheduled_at < ? AND m.scheduled_at >= ?"
        " AND datetime(m.scheduled_at, '+' || m.duration_minutes || ' minutes') > ?"
        " AND m.id != ?"
    )
    params = [_sql_time(end), _sql_time(earliest), _sql_time(starts_at), exclude_id or -1]
    return _query(where, params, "m.scheduled_at, m.id")


def upcoming(now: dt.datetime | None = None, limit: int = LIST_LIMIT) -> list[MeetingInfo]:
    """Scheduled meetings that have not ended yet, soonest first."""
    now = now or dt.datetime.now()
    where = (
        "m.status = 'scheduled' AND m.scheduled_at >= ?"
        " AND datetime(m.scheduled_at, '+' || m.duration_minutes || ' minutes') > ?"
    )
    earliest = now - dt.timedelta(minutes=MAX_MINUTES)
    return _query(where, [_sql_time(earliest), _sql_time(now)], "m.scheduled_at, m.id", limit)


def past(
    now: dt.datetime | None = None, limit: int = LIST_LIMIT, offset: int = 0
) -> list[MeetingInfo]:
    """Held and cancelled meetings, and scheduled ones whose time went by unrecorded; newest
    first."""
    now = now or dt.datetime.now()
    where = (
        "(m.status IN ('held', 'cancelled') OR (m.status = 'scheduled'"
        " AND datetime(m.scheduled_at, '+' || m.duration_minutes || ' minutes') <= ?))"
    )
    order = "COALESCE(m.started_at, m.scheduled_at, m.created_at) DESC, m.id DESC"
    return _query(where, [_sql_time(now)], order, limit, offset)


def drafts() -> list[MeetingInfo]:
    """Meetings under way (unfinished drafts), the most recently saved first."""
    return _query("m.status = 'in_progress'", [], "m.updated_at DESC, m.id DESC")


def for_supporter(supporter_id: int) -> list[MeetingInfo]:
    """A person's meetings for their timeline, newest first."""
    order = "COALESCE(m.started_at, m.scheduled_at, m.created_at) DESC, m.id DESC"
    return _query("m.supporter_id = ?", [supporter_id], order)


# --- scheduling ---------------------------------------------------------------------------


def _check(
    supporter_id: int | None, starts_at: dt.datetime | None, minutes: int, place: str
) -> dict[str, str]:
    found: dict[str, str] = {}
    if supporter_id is None:
        found["supporter"] = "Choose the person you are meeting."
    elif Supporter.get_or_none(Supporter.id == supporter_id) is None:
        found["supporter"] = f"No person with id {supporter_id} is in your list."
    if starts_at is None:
        found["starts_at"] = "Choose the date and time of the 1:1."
    if minutes <= 0:
        found["minutes"] = "A 1:1 needs a length: the guide suggests 30 to 45 minutes."
    elif minutes > MAX_MINUTES:
        found["minutes"] = (
            f"{minutes} minutes is longer than a 1:1 can be here (at most {MAX_MINUTES}); "
            "the guide suggests 30 to 45 minutes."
        )
    if len(place) > MAX_PLACE:
        found["place"] = f"The place is longer than {MAX_PLACE} characters."
    return found


def _warnings(
    starts_at: dt.datetime, minutes: int, now: dt.datetime, exclude_id: int | None
) -> ScheduleResult:
    clash = conflicts(starts_at, minutes, exclude_id)
    notes = []
    in_past = starts_at < now
    if in_past:
        notes.append("That time has already passed.")
    for other in clash:
        when = f"{other.scheduled_at:%H:%M}" if other.scheduled_at else ""
        notes.append(f"It overlaps your 1:1 with {other.supporter_name} at {when}.")
    if not 30 <= minutes <= 45:
        notes.append("The guide suggests 30 to 45 minutes.")
    return ScheduleResult(0, in_past, clash, notes)


def schedule(
    supporter_id: int | None,
    kind_key: str,
    starts_at: dt.datetime | None,
    minutes: int | None = None,
    place: str = "",
    in_person: bool = True,
    *,
    now: dt.datetime | None = None,
) -> ScheduleResult:
    """Schedule a 1:1; raises ValidationError (nothing stored) for a missing person or time,
    an unknown kind, or a length of 0, below 0 or over 240 minutes. A past time or an overlap
    is stored but reported in the result."""
    problems: dict[str, str] = {}
    try:
        kind = get_kind(kind_key)
    except ValidationError as exc:
        problems.update(exc.problems)
        kind = None
    length = minutes if minutes is not None else (kind.default_minutes if kind else 45)
    problems.update(_check(supporter_id, starts_at, length, place))
    if problems or kind is None or starts_at is None:
        raise ValidationError(problems)
    starts_at = starts_at.replace(second=0, microsecond=0, tzinfo=None)
    result = _warnings(starts_at, length, now or dt.datetime.now(), None)
    with db.atomic():
        row = Meeting.create(
            supporter=supporter_id,
            kind=MeetingKind.get(MeetingKind.key == kind.key),
            status="scheduled",
            scheduled_at=starts_at,
            duration_minutes=length,
            place=place.strip(),
            in_person=in_person,
        )
    return ScheduleResult(row.id, result.in_past, result.conflicts, result.warnings)


def _scheduled(meeting_id: int) -> Meeting:
    row = Meeting.get_or_none(Meeting.id == meeting_id)
    if row is None:
        raise ValidationError({"meeting": "That 1:1 is no longer stored."})
    if row.status == "held":
        raise ValidationError({"meeting": "This 1:1 was already held; it cannot change now."})
    if row.status == "in_progress":
        raise ValidationError({"meeting": "This 1:1 is under way; finish or discard it first."})
    return row


def reschedule(
    meeting_id: int,
    starts_at: dt.datetime,
    minutes: int | None = None,
    place: str | None = None,
    in_person: bool | None = None,
    *,
    now: dt.datetime | None = None,
) -> ScheduleResult:
    """Move a scheduled (or cancelled) 1:1 to a new time; it is scheduled again."""
    row = _scheduled(meeting_id)
    length = minutes if minutes is not None else row.duration_minutes
    new_place = place if place is not None else row.place
    problems = _check(row.supporter_id, starts_at, length, new_place)
    if problems:
        raise ValidationError(problems)
    starts_at = starts_at.replace(second=0, microsecond=0, tzinfo=None)
    result = _warnings(starts_at, length, now or dt.datetime.now(), meeting_id)
    Meeting.update(
        status="scheduled",
        scheduled_at=starts_at,
        duration_minutes=length,
        place=new_place.strip(),
        in_person=row.in_person if in_person is None else in_person,
        updated_at=utcnow(),
    ).where(Meeting.id == meeting_id).execute()
    return ScheduleResult(meeting_id, result.in_past, result.conflicts, result.warnings)


def cancel(meeting_id: int, reason: str = "") -> None:
    """Cancel a scheduled 1:1 (it stays in the past list, marked cancelled)."""
    row = _scheduled(meeting_id)
    notes = row.notes
    if reason.strip():
        notes = (notes + "\n\n" if notes else "") + f"Cancelled: {reason.strip()}"
    Meeting.update(status="cancelled", notes=notes, updated_at=utcnow()).where(
        Meeting.id == meeting_id
    ).execute()


def set_candidate_asks(meeting_id: int, action_ids: Sequence[int]) -> None:
    """Remember the asks chosen while preparing; the wizard offers them first."""
    row = _scheduled(meeting_id)
    capture = _capture(row)
    capture["candidate_ask_ids"] = [int(a) for a in dict.fromkeys(action_ids)]
    Meeting.update(capture=json.dumps(capture), updated_at=utcnow()).where(
        Meeting.id == meeting_id
    ).execute()


def candidate_asks(meeting_id: int) -> list[int]:
    row = Meeting.get_or_none(Meeting.id == meeting_id)
    return [int(a) for a in _capture(row).get("candidate_ask_ids", [])] if row else []


def _capture(row: Meeting) -> dict[str, Any]:
    try:
        data = json.loads(row.capture or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


# --- starting -----------------------------------------------------------------------------


def _choose_set(question_set_id: int | None, supporter: Supporter) -> int | None:
    if question_set_id is not None:
        if QuestionSet.get_or_none(QuestionSet.id == question_set_id) is None:
            raise ValidationError({"question_set": "That question set no longer exists."})
        return question_set_id
    return question_sets.default_set_id(supporter.language or "en")


def _begin(row: Meeting, question_set_id: int | None, now: dt.datetime) -> WizardState:
    supporter = Supporter.get_by_id(row.supporter_id)
    set_id = _choose_set(question_set_id, supporter)
    kind = get_kind(row.kind.key if row.kind_id else "introductory")
    state = WizardState(
        meeting_id=row.id,
        supporter_id=row.supporter_id,
        kind_key=kind.key,
        step=kind.steps[0].key if kind.steps else "",
        agenda=list(kind.steps),
        question_set_id=set_id,
        questions=question_sets.load_questions(set_id) if set_id else [],
        started_at=now,
        purpose_script=get_profile().purpose_script,
        candidate_ask_ids=[int(a) for a in _capture(row).get("candidate_ask_ids", [])],
        stage_key=supporter.stage.key if supporter.stage_id else None,
    )
    with db.atomic():
        Meeting.update(
            status="in_progress",
            started_at=now,
            question_set=set_id,
            kind=MeetingKind.get(MeetingKind.key == kind.key),
        ).where(Meeting.id == row.id).execute()
        save_draft(row.id, state)
    return state


def start_meeting(
    meeting_id: int, *, question_set_id: int | None = None, now: dt.datetime | None = None
) -> WizardState:
    """Start a scheduled 1:1 (or resume it, if it is already under way)."""
    row = Meeting.get_or_none(Meeting.id == meeting_id)
    if row is None:
        raise ValidationError({"meeting": "That 1:1 is no longer stored."})
    if row.status == "in_progress":
        return load_draft(meeting_id)
    if row.status == "held":
        raise ValidationError({"meeting": "This 1:1 was already held."})
    if row.status == "cancelled":
        raise ValidationError({"meeting": "This 1:1 was cancelled; schedule it again first."})
    return _begin(row, question_set_id, (now or dt.datetime.now()).replace(microsecond=0))


def start_ad_hoc(
    supporter_id: int,
    kind_key: str = "introductory",
    *,
    place: str = "",
    in_person: bool = True,
    question_set_id: int | None = None,
    now: dt.datetime | None = None,
) -> WizardState:
    """Start a 1:1 now, without scheduling it first."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    kind = get_kind(kind_key)
    problems = _check(supporter_id, now, kind.default_minutes, place)
    if problems:
        raise ValidationError(problems)
    with db.atomic():
        row = Meeting.create(
            supporter=supporter_id,
            kind=MeetingKind.get(MeetingKind.key == kind.key),
            status="in_progress",
            scheduled_at=now.replace(second=0),
            duration_minutes=kind.default_minutes,
            place=place.strip(),
            in_person=in_person,
            capture=json.dumps({"ad_hoc": True}),
        )
        return _begin(row, question_set_id, now)


# --- defaults -----------------------------------------------------------------------------

SEEDED_KEY = "seeded.meeting_core"
_SEEDS = {
    "question_sets": seed_question_sets,
    "meeting_kinds": seed_meeting_kinds,
    "next_steps": seed_next_steps,
    "purpose_script": seed_purpose_script,
}


def seed_defaults(database: SqliteDatabase) -> None:
    """Load the shipped question sets, agendas and next steps, and the purpose script, each
    once per database (raw SQL: runs before the models are bound). Called on every open."""
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (SEEDED_KEY,)).fetchone()
    done: list[str] = json.loads(row[0]) if row else []
    missing = [name for name in _SEEDS if name not in done]
    if not missing:
        return
    for name in missing:
        _SEEDS[name](database)
    database.execute_sql(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        (SEEDED_KEY, json.dumps([*done, *missing])),
    )
