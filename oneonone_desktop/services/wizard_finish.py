"""Finishing a 1:1: the rules a finished meeting must meet, and turning the draft into the record.

Import these from `services.wizard_state`. A commitment needs an activity, a date, a time and a
goal, still to come and not before the meeting; or an explicit "not yet" with the reason and a
date to ask again. Each promise needs what was promised and when.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Protocol

from oneonone_desktop.services import search_index
from oneonone_desktop.services.supporters import (
    Consent,
    ValidationError,
    label_ids,
    record_consent,
    record_stage_change,
)
from oneonone_desktop.services.wizard_data import WizardState
from oneonone_desktop.store.models import (
    Action,
    Answer,
    Commitment,
    ConsentRecord,
    LadderStage,
    Meeting,
    Promise,
    Question,
    Story,
    Supporter,
    SupporterLabel,
    db,
    utcnow,
)

CONSENT_HOW = "said yes during 1:1"
MAX_TEXT = 100_000
MAX_LINE = 200


class DraftError(Exception):
    """A draft that cannot be saved, resumed or finished; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


GONE = (
    "This 1:1 is no longer stored: the person it was with may have been erased, and the "
    "unfinished notes went with them. There is nothing to resume."
)


class Timed(Protocol):
    """Anything with a meeting's times: the Meeting row or a MeetingInfo."""

    @property
    def scheduled_at(self) -> dt.datetime | None: ...

    @property
    def started_at(self) -> dt.datetime | None: ...


@dataclass(frozen=True)
class FinishResult:
    meeting_id: int
    commitment_id: int | None
    promise_ids: tuple[int, ...]


def _when(value: dt.datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M}"


def _ask_problems(
    state: WizardState, start: dt.datetime | None, now: dt.datetime
) -> dict[str, str]:
    ask = state.ask
    found: dict[str, str] = {}
    if ask.not_yet:
        if not ask.not_yet_reason.strip():
            found["ask.not_yet_reason"] = "Write why not yet (for example: busy until exams end)."
        if ask.ask_again_on is None:
            found["ask.ask_again_on"] = "Choose a date to ask again."
        elif ask.ask_again_on < now.date():
            found["ask.ask_again_on"] = "The date to ask again has passed; choose today or later."
        return found
    if ask.is_blank:
        found["ask"] = (
            "Record what they agreed to do (activity, date, time and goal), or tick "
            "'Not yet' with the reason and a date to ask again."
        )
        return found
    if not ask.activity.strip():
        found["ask.activity"] = "Say what they will do (the activity)."
    elif len(ask.activity) > MAX_LINE:
        found["ask.activity"] = (
            f"Keep the activity under {MAX_LINE} characters; put more in the goal."
        )
    if ask.date is None:
        found["ask.date"] = "Choose the date of the commitment."
    if ask.time is None:
        found["ask.time"] = "Choose the time of the commitment."
    if not ask.goal.strip():
        found["ask.goal"] = (
            "Write the goal: what success looks like (for example: bring 3 friends)."
        )
    due = ask.due_at
    if due is not None:
        if start is not None and due < start:
            found["ask.date"] = (
                f"The commitment ({_when(due)}) is before this 1:1 started ({_when(start)}); "
                "choose a later date."
            )
        elif due < now:
            found["ask.date"] = (
                f"{_when(due)} has already passed; a new commitment needs a date still to come."
            )
    return found


def validate_for_finish(
    state: WizardState, meeting: Timed | None = None, *, now: dt.datetime | None = None
) -> dict[str, str]:
    """Plain-language problems (field -> message) that stop the meeting being finished."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    start = state.started_at
    if start is None and meeting is not None:
        start = meeting.started_at or meeting.scheduled_at
    found: dict[str, str] = {}
    if any(step.page == "ask" for step in state.agenda) or not state.agenda:
        found.update(_ask_problems(state, start, now))
    for index, promise in enumerate(state.promises):
        if not promise.text.strip() and promise.due_on is None:
            continue  # an empty row left in the list
        if not promise.text.strip():
            found[f"promises.{index}.text"] = f"Promise {index + 1}: write what you promised."
        if promise.due_on is None:
            found[f"promises.{index}.due_on"] = f"Promise {index + 1}: choose when you will do it."
        elif promise.due_on < now.date():
            found[f"promises.{index}.due_on"] = (
                f"Promise {index + 1}: that date has passed; choose today or later."
            )
    unknown = [c for c in state.consents if c not in ConsentRecord.CHANNELS]
    if unknown:
        found["consents"] = f"Unknown kind of consent: {', '.join(unknown)}."
    if (
        state.stage_key
        and not LadderStage.select().where(LadderStage.key == state.stage_key).exists()
    ):
        found["stage_key"] = f"Unknown ladder stage '{state.stage_key}'."
    if len(state.learned) > MAX_TEXT:
        found["learned"] = f"This is longer than {MAX_TEXT:,} characters."
    return found


def _notes_text(state: WizardState) -> str:
    titles = {s.key: s.title for s in state.agenda}
    parts = []
    for key in [*state.step_keys(), *[k for k in state.notes if k not in titles]]:
        text = state.notes.get(key, "").strip()
        if text:
            parts.append(f"{titles.get(key, key)}: {text}")
    return "\n\n".join(parts)


def _capture(state: WizardState, stage_before: str | None) -> str:
    data: dict[str, Any] = {
        "purpose_script": state.purpose_script,
        "issues": state.issues,
        "values": state.values,
        "skills": state.skills,
        "interests": state.interests,
        "past_involvement": state.past_involvement,
        "common_ground": state.common_ground,
        "notes": state.notes,
        "consents": state.consents,
        "stage_before": stage_before,
        "stage_after": state.stage_key,
        "candidate_ask_ids": state.candidate_ask_ids,
        "agenda": [s.title for s in state.agenda],
        "followup": state.followup,
    }
    return json.dumps(data, ensure_ascii=False)


def _write_answers(meeting_id: int, state: WizardState) -> None:
    shown = [q for q in state.visible_questions() if state.answers.get(q.id)]
    alive = {
        q
        for (q,) in Question.select(Question.id)
        .where(Question.id.in_([q.id for q in shown]))
        .tuples()
    }
    rows = []
    for q in shown:
        parts = state.answers[q.id]
        rows.append(
            {
                "meeting": meeting_id,
                "question": q.id if q.id in alive else None,
                "number": q.number,
                "question_text": q.text,
                "answer": parts.get("text", "").strip(),
                "yes_no": parts.get("yes_no") or None,
                "choice": parts.get("choice") or None,
            }
        )
    if rows:
        Answer.insert_many(rows).execute()


def _write_commitment(meeting: Meeting, state: WizardState) -> int | None:
    ask = state.ask
    if ask.is_blank and not ask.not_yet:
        return None
    action = (
        ask.action_id if ask.action_id and Action.get_or_none(Action.id == ask.action_id) else None
    )
    row = Commitment.create(
        supporter=meeting.supporter_id,
        meeting=meeting.id,
        action=action,
        activity=ask.activity.strip(),
        due_at=None if ask.not_yet else ask.due_at,
        goal="" if ask.not_yet else ask.goal.strip(),
        status="not_yet" if ask.not_yet else "pending",
        not_yet_reason=ask.not_yet_reason.strip() if ask.not_yet else "",
        ask_again_on=ask.ask_again_on if ask.not_yet else None,
    )
    return int(row.id)


def _write_labels(supporter_id: int, state: WizardState) -> None:
    rows: list[dict[str, int]] = []
    for kind, names in (
        ("issue", state.issues),
        ("skill", state.skills),
        ("interest", state.interests),
    ):
        clean = list(dict.fromkeys(n.strip() for n in names if n.strip()))
        rows.extend({"supporter": supporter_id, "label": i} for i in label_ids(kind, clean))
    if rows:
        SupporterLabel.insert_many(rows).on_conflict_ignore().execute()


def finish(meeting_id: int, state: WizardState, *, now: dt.datetime | None = None) -> FinishResult:
    """Turn the draft into the meeting's record, all or nothing.

    Raises ValidationError (field -> message, nothing changed) when validate_for_finish finds
    problems, and DraftError when the meeting is gone or already finished.
    """
    now = (now or dt.datetime.now()).replace(microsecond=0)
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise DraftError(GONE)
    if meeting.status != "in_progress":
        raise DraftError("This 1:1 is not under way (already finished or cancelled).")
    problems = validate_for_finish(state, meeting, now=now)
    if problems:
        raise ValidationError(problems)
    supporter = Supporter.get_by_id(meeting.supporter_id)
    with db.atomic():
        _write_answers(meeting.id, state)
        commitment_id = _write_commitment(meeting, state)
        promise_ids = tuple(
            int(
                Promise.create(
                    supporter=supporter.id, meeting=meeting.id, text=p.text.strip(), due_on=p.due_on
                ).id
            )
            for p in state.promises
            if p.text.strip()
        )
        for channel in dict.fromkeys(state.consents):
            record_consent(supporter.id, channel, Consent(True, now.date(), CONSENT_HOW))
        _write_labels(supporter.id, state)
        stage_before = supporter.stage.key if supporter.stage_id else None
        if state.stage_key and state.stage_key != stage_before:
            stage_id_before = supporter.stage_id
            supporter.stage = LadderStage.get(LadderStage.key == state.stage_key)
            record_stage_change(supporter.id, stage_id_before, supporter.stage_id, meeting.id)
        supporter.last_contact_at = utcnow()
        supporter.updated_at = utcnow()
        supporter.save()
        story = (
            state.story_id
            if state.story_id and Story.get_or_none(Story.id == state.story_id)
            else None
        )
        Meeting.update(
            status="held",
            started_at=meeting.started_at or state.started_at,
            ended_at=now,
            purpose_explained=state.purpose_explained,
            learned=state.learned.strip(),
            notes=_notes_text(state),
            story=story,
            capture=_capture(state, stage_before),
            draft="",
            updated_at=utcnow(),
        ).where(Meeting.id == meeting.id).execute()
        search_index.reindex(db, [supporter.id])
    return FinishResult(meeting.id, commitment_id, promise_ids)
