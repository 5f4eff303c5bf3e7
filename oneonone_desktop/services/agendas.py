"""Meeting kinds and their agenda templates (introductory, planning, debrief), editable.

Each kind's agenda is stored as JSON in MeetingKind.agenda: a list of steps, each with a key,
a title, the wizard page it uses and the prompts shown on it. The shipped templates are in
resources/agendas.json.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import SqliteDatabase

from oneonone_desktop.resources import resource_path
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.store.models import MeetingKind

# the wizard pages an agenda step can use
PAGES: dict[str, str] = {
    "purpose": "Purpose script, ticked when explained",
    "connection": "Guiding questions and quick capture",
    "story": "Your stories, the best match first",
    "strategy": "National and local vision",
    "notes": "Prompts and notes",
    "ask": "The ask: commitment and your promises",
    "wrapup": "Wrap-up: learned, consent, ladder stage",
}
DEFAULT_MINUTES = 45
SUGGESTED_MINUTES = (30, 45)
MAX_MINUTES = 240
MAX_STEPS = 20


@dataclass(frozen=True)
class AgendaStep:
    key: str
    title: str
    page: str = "notes"
    prompts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "page": self.page,
            "prompts": list(self.prompts),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AgendaStep:
        return cls(
            key=str(data.get("key", "")),
            title=str(data.get("title", "")),
            page=str(data.get("page", "notes")),
            prompts=tuple(str(p) for p in data.get("prompts") or ()),
        )


@dataclass(frozen=True)
class MeetingKindInfo:
    key: str
    label: str
    default_minutes: int
    steps: tuple[AgendaStep, ...]


def _shipped() -> dict[str, Any]:
    path = resource_path("agendas.json")
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name}, line {exc.lineno}: {exc.msg}.") from exc
    return data


def parse_steps(text: str) -> tuple[AgendaStep, ...]:
    """Steps from MeetingKind.agenda JSON; unreadable text gives no steps rather than a crash."""
    try:
        raw = json.loads(text or "[]")
    except json.JSONDecodeError:
        return ()
    if not isinstance(raw, list):
        return ()
    return tuple(AgendaStep.from_dict(s) for s in raw if isinstance(s, dict))


def _info(row: MeetingKind) -> MeetingKindInfo:
    return MeetingKindInfo(row.key, row.label, row.default_minutes, parse_steps(row.agenda))


def list_kinds() -> list[MeetingKindInfo]:
    """Every meeting kind, in the order they were added (introductory first)."""
    return [_info(row) for row in MeetingKind.select().order_by(MeetingKind.id)]


def get_kind(key: str) -> MeetingKindInfo:
    row = MeetingKind.get_or_none(MeetingKind.key == key)
    if row is None:
        known = ", ".join(k.key for k in list_kinds())
        raise ValidationError({"kind": f"Unknown kind of meeting '{key}' (known: {known})."})
    return _info(row)


def check_steps(steps: Sequence[AgendaStep]) -> dict[str, str]:
    """Plain-language problems with an agenda; empty when it can be saved."""
    found: dict[str, str] = {}
    if not steps:
        found["steps"] = "An agenda needs at least one step."
    if len(steps) > MAX_STEPS:
        found["steps"] = f"Keep the agenda to {MAX_STEPS} steps or fewer."
    keys = [s.key.strip() for s in steps]
    for number, step in enumerate(steps, start=1):
        if not step.title.strip():
            found[f"steps.{number}.title"] = f"Step {number} needs a title."
        if step.page not in PAGES:
            found[f"steps.{number}.page"] = f"Step {number}: choose what the page shows."
        if not step.key.strip():
            found[f"steps.{number}.key"] = f"Step {number} needs a short key."
        elif keys.count(step.key.strip()) > 1:
            found[f"steps.{number}.key"] = f"Step {number} has the same key as another step."
    return found


def update_kind(
    key: str,
    steps: Sequence[AgendaStep],
    *,
    label: str | None = None,
    default_minutes: int | None = None,
) -> None:
    """Save an edited agenda (meetings already under way keep the agenda they started with)."""
    row = MeetingKind.get_or_none(MeetingKind.key == key)
    if row is None:
        raise ValidationError({"kind": f"Unknown kind of meeting '{key}'."})
    problems = check_steps(steps)
    if label is not None and not label.strip():
        problems["label"] = "Give the kind of meeting a name."
    if default_minutes is not None and not 0 < default_minutes <= MAX_MINUTES:
        problems["default_minutes"] = f"Choose a length between 1 and {MAX_MINUTES} minutes."
    if problems:
        raise ValidationError(problems)
    cleaned = [
        AgendaStep(
            s.key.strip(), s.title.strip(), s.page, tuple(p.strip() for p in s.prompts if p.strip())
        )
        for s in steps
    ]
    row.agenda = json.dumps([s.to_dict() for s in cleaned], ensure_ascii=False)
    if label is not None:
        row.label = label.strip()
    if default_minutes is not None:
        row.default_minutes = default_minutes
    row.save()


def reset_kind(key: str) -> None:
    """Put a shipped kind's agenda back as it came."""
    for kind in _shipped()["kinds"]:
        if kind["key"] == key:
            steps = [AgendaStep.from_dict(s) for s in kind["steps"]]
            update_kind(key, steps, label=kind["label"], default_minutes=kind["default_minutes"])
            return
    raise ValidationError({"kind": f"'{key}' is not one of the kinds the app ships with."})


def seed_meeting_kinds(database: SqliteDatabase) -> None:
    """Add the shipped kinds that are missing (by key); edited ones are left alone."""
    data = _shipped()
    for kind in data["kinds"]:
        steps = [AgendaStep.from_dict(s) for s in kind["steps"]]
        problems = check_steps(steps)
        if problems:
            raise ValueError(f"agendas.json, kind {kind['key']}: " + "; ".join(problems.values()))
        database.execute_sql(
            "INSERT OR IGNORE INTO meeting_kind (key, label, agenda, default_minutes)"
            " VALUES (?, ?, ?, ?)",
            (
                kind["key"],
                kind["label"],
                json.dumps([s.to_dict() for s in steps], ensure_ascii=False),
                int(kind.get("default_minutes", data.get("default_minutes", DEFAULT_MINUTES))),
            ),
        )
