"""The WizardState dataclass (everything the 1:1 wizard captures) and its JSON draft format.

Reading a draft tolerates missing and malformed keys (defaults) and unknown ones (kept in
`extra` and written back). Times (started_at, the commitment's date and time) are local
wall-clock, naive, like every appointment time. Import it from `services.wizard_state`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from oneonone_desktop.services.agendas import AgendaStep
from oneonone_desktop.services.question_tree import QuestionData, visible


@dataclass
class AskDraft:
    """The ask: a commitment (activity, date, time, goal) or "not yet" (reason, ask again on)."""

    action_id: int | None = None
    activity: str = ""
    date: dt.date | None = None
    time: dt.time | None = None
    goal: str = ""
    not_yet: bool = False
    not_yet_reason: str = ""
    ask_again_on: dt.date | None = None

    @property
    def due_at(self) -> dt.datetime | None:
        if self.date is None or self.time is None:
            return None
        return dt.datetime.combine(self.date, self.time.replace(tzinfo=None))

    @property
    def is_blank(self) -> bool:
        return not (self.activity.strip() or self.date or self.time or self.goal.strip())


@dataclass
class PromiseDraft:
    """Something the organizer promised the supporter, and when it will be done."""

    text: str = ""
    due_on: dt.date | None = None


@dataclass
class WizardState:
    """What the wizard holds for one meeting; `to_json`/`from_json` are the draft format."""

    meeting_id: int = 0
    supporter_id: int = 0
    kind_key: str = "introductory"
    step: str = ""  # key of the current agenda step
    agenda: list[AgendaStep] = field(default_factory=list)  # snapshot taken at the start
    question_set_id: int | None = None
    questions: list[QuestionData] = field(default_factory=list)  # snapshot: exact wording
    started_at: dt.datetime | None = None
    purpose_script: str = ""
    purpose_explained: bool = False
    answers: dict[int, dict[str, str]] = field(default_factory=dict)  # yes_no/choice/text
    issues: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    past_involvement: str = ""
    common_ground: str = ""
    notes: dict[str, str] = field(default_factory=dict)  # step key -> free notes
    story_id: int | None = None
    candidate_ask_ids: list[int] = field(default_factory=list)
    ask: AskDraft = field(default_factory=AskDraft)
    promises: list[PromiseDraft] = field(default_factory=list)
    learned: str = ""
    consents: list[str] = field(default_factory=list)  # channels agreed to during the talk
    stage_key: str | None = None  # the ladder stage after the meeting
    followup: dict[str, Any] = field(default_factory=dict)  # the follow-up plan hand-off
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys, kept as they were

    # --- helpers the wizard pages use ---------------------------------------------------

    def visible_questions(self) -> list[QuestionData]:
        """The snapshot's questions to show given the answers so far (branching applied)."""
        return visible(self.questions, self.answers)

    def set_answer(self, question_id: int, key: str, value: str) -> None:
        """Set one part of an answer: key is "yes_no" ("yes"/"no"/""), "choice" or "text"."""
        if key not in ("yes_no", "choice", "text"):
            raise ValueError(f"unknown answer part {key!r}")
        answer = self.answers.setdefault(question_id, {})
        if value:
            answer[key] = value
        else:
            answer.pop(key, None)
        if not answer:
            del self.answers[question_id]

    def step_keys(self) -> list[str]:
        return [s.key for s in self.agenda]

    def current_step(self) -> AgendaStep | None:
        for step in self.agenda:
            if step.key == self.step:
                return step
        return self.agenda[0] if self.agenda else None

    def neighbour_step(self, offset: int) -> str | None:
        """The key of the step `offset` away from the current one (None past either end)."""
        keys = self.step_keys()
        here = keys.index(self.step) if self.step in keys else 0
        there = here + offset
        return keys[there] if 0 <= there < len(keys) else None

    def elapsed_minutes(self, now: dt.datetime | None = None) -> int:
        if self.started_at is None:
            return 0
        seconds = ((now or dt.datetime.now()) - self.started_at).total_seconds()
        return max(0, int(seconds // 60))

    # --- the draft format ---------------------------------------------------------------

    def to_json(self) -> str:
        data: dict[str, Any] = dict(self.extra)
        data.update(
            {
                "version": 1,
                "meeting_id": self.meeting_id,
                "supporter_id": self.supporter_id,
                "kind_key": self.kind_key,
                "step": self.step,
                "agenda": [s.to_dict() for s in self.agenda],
                "question_set_id": self.question_set_id,
                "questions": [q.to_dict() for q in self.questions],
                "started_at": _iso(self.started_at),
                "purpose_script": self.purpose_script,
                "purpose_explained": self.purpose_explained,
                "answers": {str(k): v for k, v in self.answers.items()},
                "issues": self.issues,
                "values": self.values,
                "skills": self.skills,
                "interests": self.interests,
                "past_involvement": self.past_involvement,
                "common_ground": self.common_ground,
                "notes": self.notes,
                "story_id": self.story_id,
                "candidate_ask_ids": self.candidate_ask_ids,
                "ask": {
                    "action_id": self.ask.action_id,
                    "activity": self.ask.activity,
                    "date": _iso(self.ask.date),
                    "time": self.ask.time.strftime("%H:%M") if self.ask.time else None,
                    "goal": self.ask.goal,
                    "not_yet": self.ask.not_yet,
                    "not_yet_reason": self.ask.not_yet_reason,
                    "ask_again_on": _iso(self.ask.ask_again_on),
                },
                "promises": [{"text": p.text, "due_on": _iso(p.due_on)} for p in self.promises],
                "learned": self.learned,
                "consents": self.consents,
                "stage_key": self.stage_key,
                "followup": self.followup,
            }
        )
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> WizardState:
        """Read a draft; a missing or malformed key falls back to its default, unknown keys
        are kept in `extra`. Raises ValueError only when the text is not a JSON object."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("a wizard draft must be a JSON object")
        state = cls()
        known = {f.name for f in fields(cls)} | {"version"}
        state.extra = {k: v for k, v in data.items() if k not in known}
        for name, reader in _READERS.items():
            if name in data:
                # a value we cannot read keeps its default
                with contextlib.suppress(TypeError, ValueError, KeyError, AttributeError):
                    setattr(state, name, reader(data[name]))
        return state


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _time(value: Any) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _datetime(value: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _opt_int(value: Any) -> int | None:
    return int(value) if value is not None and value != "" else None


def _strs(value: Any) -> list[str]:
    return [str(v) for v in value if isinstance(v, (str, int, float))]


def _answers(value: Any) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    for key, parts in value.items():
        if isinstance(parts, dict) and str(key).isdigit():
            kept = {k: str(v) for k, v in parts.items() if k in ("yes_no", "choice", "text") and v}
            if kept:
                out[int(key)] = kept
    return out


def _ask(value: Mapping[str, Any]) -> AskDraft:
    ask = AskDraft()
    readers: dict[str, Callable[[Any], Any]] = {
        "action_id": _opt_int,
        "activity": str,
        "date": _date,
        "time": _time,
        "goal": str,
        "not_yet": bool,
        "not_yet_reason": str,
        "ask_again_on": _date,
    }
    for name, reader in readers.items():
        if name in value:
            with contextlib.suppress(TypeError, ValueError):
                setattr(ask, name, reader(value[name]))
    return ask


def _promises(value: Any) -> list[PromiseDraft]:
    out = []
    for item in value:
        if isinstance(item, dict):
            try:
                due = _date(item.get("due_on"))
            except (TypeError, ValueError):
                due = None
            out.append(PromiseDraft(str(item.get("text", "")), due))
    return out


def _questions(value: Any) -> list[QuestionData]:
    return [QuestionData.from_dict(q) for q in value if isinstance(q, dict)]


def _agenda(value: Any) -> list[AgendaStep]:
    return [AgendaStep.from_dict(s) for s in value if isinstance(s, dict)]


def _notes(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str)}


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("not an object")
    return dict(value)


_READERS: dict[str, Callable[[Any], Any]] = {
    "meeting_id": int,
    "supporter_id": int,
    "kind_key": str,
    "step": str,
    "agenda": _agenda,
    "question_set_id": _opt_int,
    "questions": _questions,
    "started_at": _datetime,
    "purpose_script": str,
    "purpose_explained": bool,
    "answers": _answers,
    "issues": _strs,
    "values": _strs,
    "skills": _strs,
    "interests": _strs,
    "past_involvement": str,
    "common_ground": str,
    "notes": _notes,
    "story_id": _opt_int,
    "candidate_ask_ids": lambda v: [int(x) for x in v],
    "ask": _ask,
    "promises": _promises,
    "learned": str,
    "consents": _strs,
    "stage_key": lambda v: str(v) if v else None,
    "followup": _dict,
}
