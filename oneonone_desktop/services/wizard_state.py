"""The 1:1 wizard's state and its autosaved draft: save, resume, list, discard and finish.

The draft is the JSON of a WizardState in Meeting.draft. Saving is one UPDATE committed at
once (WAL, synchronous=FULL), cheap enough to call after every short pause in typing; a crash
or a killed process loses at most the last pause. This module is the API the wizard calls; the
state's format lives in `wizard_data`, the finishing rules in `wizard_finish`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from oneonone_desktop.services.wizard_data import AskDraft, PromiseDraft, WizardState
from oneonone_desktop.services.wizard_finish import (
    GONE,
    DraftError,
    FinishResult,
    finish,
    validate_for_finish,
)
from oneonone_desktop.store.models import Meeting, Supporter, db, utcnow

__all__ = [
    "AskDraft",
    "DraftError",
    "DraftInfo",
    "FinishResult",
    "PromiseDraft",
    "WizardState",
    "discard_draft",
    "finish",
    "load_draft",
    "open_drafts",
    "save_draft",
    "validate_for_finish",
]


@dataclass(frozen=True)
class DraftInfo:
    """An unfinished 1:1, for the "resume?" prompt and the drafts list."""

    meeting_id: int
    supporter_id: int
    supporter_name: str
    kind_label: str
    step_title: str
    started_at: dt.datetime | None
    saved_at: dt.datetime  # UTC


def save_draft(meeting_id: int, state: WizardState) -> None:
    """Store the wizard's state (one UPDATE, committed at once; call it after a short pause).

    Raises DraftError when the meeting is no longer stored or was already finished.
    """
    with db.atomic():
        changed = (
            Meeting.update(draft=state.to_json(), updated_at=utcnow())
            .where((Meeting.id == meeting_id) & (Meeting.status == "in_progress"))
            .execute()
        )
    if changed == 0:
        meeting = Meeting.get_or_none(Meeting.id == meeting_id)
        if meeting is None:
            raise DraftError(GONE)
        raise DraftError(f"This 1:1 is {_status_words(meeting.status)}; its draft cannot change.")


def _status_words(status: str) -> str:
    return {
        "held": "already finished",
        "cancelled": "cancelled",
        "scheduled": "not started yet",
    }.get(status, status)


def load_draft(meeting_id: int) -> WizardState:
    """The saved state of an unfinished 1:1; DraftError (plain words) when there is none."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise DraftError(GONE)
    if meeting.status != "in_progress" or not meeting.draft:
        raise DraftError(
            f"This 1:1 is {_status_words(meeting.status)}; there is no draft to resume."
        )
    try:
        state = WizardState.from_json(meeting.draft)
    except ValueError as exc:
        raise DraftError(
            "The saved notes of this 1:1 could not be read back; they are kept unchanged in "
            "the data file, and a backup can restore them."
        ) from exc
    state.meeting_id = meeting.id
    state.supporter_id = meeting.supporter_id
    return state


def open_drafts() -> list[DraftInfo]:
    """Every unfinished 1:1, the most recently saved first."""
    rows = (
        Meeting.select(Meeting, Supporter)
        .join(Supporter)
        .where(Meeting.status == "in_progress")
        .order_by(Meeting.updated_at.desc(), Meeting.id.desc())
    )
    out = []
    for meeting in rows:
        try:
            state = WizardState.from_json(meeting.draft) if meeting.draft else WizardState()
        except ValueError:
            state = WizardState()
        step = state.current_step()
        kind = meeting.kind.label if meeting.kind_id else ""
        out.append(
            DraftInfo(
                meeting_id=meeting.id,
                supporter_id=meeting.supporter_id,
                supporter_name=meeting.supporter.display_name,
                kind_label=kind,
                step_title=step.title if step else "",
                started_at=meeting.started_at,
                saved_at=meeting.updated_at,
            )
        )
    return out


def discard_draft(meeting_id: int) -> None:
    """Throw an unfinished 1:1 away: an ad hoc one is deleted, a scheduled one goes back to
    scheduled."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None or meeting.status != "in_progress":
        return
    with db.atomic():
        if _is_ad_hoc(meeting.capture):
            meeting.delete_instance()
        else:
            Meeting.update(
                status="scheduled", draft="", started_at=None, updated_at=utcnow()
            ).where(Meeting.id == meeting_id).execute()


def _is_ad_hoc(capture: str) -> bool:
    try:
        data = json.loads(capture or "{}")
    except json.JSONDecodeError:
        return False
    return isinstance(data, dict) and data.get("ad_hoc") is True
