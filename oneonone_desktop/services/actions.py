"""The actions catalogue: the chapter's actions and events, and the guide's suggested next steps.

Asks are drawn from here. Times are local wall-clock, naive. An action's labels (issues,
skills, interests, tags) say whom it fits; `services.asks` ranks them for one person.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from peewee import SqliteDatabase

from oneonone_desktop.resources import resource_path
from oneonone_desktop.services.supporters import ValidationError, label_ids
from oneonone_desktop.store.models import Action, ActionLabel, Label, db, utcnow

# kind -> what an organizer calls it
ACTION_KINDS: dict[str, str] = {
    "huddle": "Huddle",
    "campaign_action": "Campaign action",
    "local_action": "Local action",
    "event": "Event",
    "training": "Training",
    "one_on_ones": "Holding 1:1s with others",
    "updates": "Updates sign-up",
}
MAX_TITLE = 200
MAX_DESCRIPTION = 5000


@dataclass(frozen=True)
class ActionInfo:
    """An action as plain data; `labels` maps a kind (issue, skill, …) to names."""

    id: int
    title: str
    description: str
    kind: str
    starts_at: dt.datetime | None
    place: str
    is_next_step: bool
    archived: bool
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return ACTION_KINDS.get(self.kind, self.kind.replace("_", " ").capitalize())


@dataclass
class ActionData:
    """What the organizer types about an action."""

    title: str = ""
    description: str = ""
    kind: str = "local_action"
    starts_at: dt.datetime | None = None
    place: str = ""
    is_next_step: bool = False
    labels: dict[str, list[str]] = field(default_factory=dict)

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if not self.title.strip():
            found["title"] = "Give the action a title."
        elif len(self.title) > MAX_TITLE:
            found["title"] = f"The title is longer than {MAX_TITLE} characters."
        if len(self.description) > MAX_DESCRIPTION:
            found["description"] = f"The description is longer than {MAX_DESCRIPTION:,} characters."
        if len(self.place) > MAX_TITLE:
            found["place"] = f"The place is longer than {MAX_TITLE} characters."
        if self.kind not in ACTION_KINDS:
            found["kind"] = "Choose a kind: " + ", ".join(ACTION_KINDS.values()).lower() + "."
        for kind in self.labels:
            if kind not in Label.KINDS:
                found["labels"] = f"Unknown kind of label '{kind}'."
        return found


def _validated(data: ActionData) -> ActionData:
    problems = data.problems()
    if problems:
        raise ValidationError(problems)
    return ActionData(
        title=data.title.strip(),
        description=data.description.strip(),
        kind=data.kind,
        starts_at=data.starts_at.replace(microsecond=0, tzinfo=None) if data.starts_at else None,
        place=data.place.strip(),
        is_next_step=data.is_next_step,
        labels={k: [n.strip() for n in v if n.strip()] for k, v in data.labels.items()},
    )


def _write_labels(action_id: int, labels: dict[str, list[str]]) -> None:
    ActionLabel.delete().where(ActionLabel.action == action_id).execute()
    for kind, names in labels.items():
        for label_id in sorted(set(label_ids(kind, names))):
            ActionLabel.create(action=action_id, label=label_id)


def create_action(data: ActionData) -> int:
    """Add an action to the catalogue; raises ValidationError (nothing stored) on bad input."""
    clean = _validated(data)
    with db.atomic():
        row = Action.create(
            title=clean.title,
            description=clean.description,
            kind=clean.kind,
            starts_at=clean.starts_at,
            place=clean.place,
            is_next_step=clean.is_next_step,
        )
        _write_labels(row.id, clean.labels)
    return int(row.id)


def _existing(action_id: int) -> Action:
    row = Action.get_or_none(Action.id == action_id)
    if row is None:
        raise ValidationError({"action": "That action is no longer in the catalogue."})
    return row


def update_action(action_id: int, data: ActionData) -> None:
    clean = _validated(data)
    _existing(action_id)
    with db.atomic():
        Action.update(
            title=clean.title,
            description=clean.description,
            kind=clean.kind,
            starts_at=clean.starts_at,
            place=clean.place,
            is_next_step=clean.is_next_step,
        ).where(Action.id == action_id).execute()
        _write_labels(action_id, clean.labels)


def set_archived(action_id: int, archived: bool = True) -> None:
    """Hide an action from the asks (or bring it back); commitments to it are kept."""
    _existing(action_id)
    Action.update(archived_at=utcnow() if archived else None).where(
        Action.id == action_id
    ).execute()


def delete_action(action_id: int) -> None:
    """Remove an action; commitments made to it keep their activity, date and goal."""
    Action.delete().where(Action.id == action_id).execute()


def _labels_of(action_ids: Iterable[int]) -> dict[int, dict[str, tuple[str, ...]]]:
    ids = list(action_ids)
    found: dict[int, dict[str, list[str]]] = {}
    if ids:
        query = (
            ActionLabel.select(ActionLabel.action, Label.kind, Label.name)
            .join(Label)
            .where(ActionLabel.action.in_(ids))
            .order_by(Label.name)
            .tuples()
        )
        for action_id, kind, name in query:
            found.setdefault(action_id, {}).setdefault(kind, []).append(name)
    return {a: {k: tuple(v) for k, v in kinds.items()} for a, kinds in found.items()}


def _info(row: Action, labels: dict[str, tuple[str, ...]]) -> ActionInfo:
    return ActionInfo(
        id=row.id,
        title=row.title,
        description=row.description,
        kind=row.kind,
        starts_at=row.starts_at,
        place=row.place,
        is_next_step=bool(row.is_next_step),
        archived=row.archived_at is not None,
        labels=labels,
    )


def get_action(action_id: int) -> ActionInfo:
    row = _existing(action_id)
    return _info(row, _labels_of([row.id]).get(row.id, {}))


def list_actions(
    *,
    today: dt.date | None = None,
    include_past: bool = False,
    include_archived: bool = False,
    include_next_steps: bool = True,
) -> list[ActionInfo]:
    """The catalogue: dated actions soonest first, then undated ones, then the next steps.

    Past actions (before `today`) are left out unless `include_past`.
    """
    query = Action.select()
    if not include_archived:
        query = query.where(Action.archived_at.is_null())
    if not include_next_steps:
        query = query.where(Action.is_next_step == False)  # noqa: E712 (peewee expression)
    if not include_past:
        start = dt.datetime.combine(today or dt.date.today(), dt.time())
        query = query.where(Action.starts_at.is_null() | (Action.starts_at >= start))
    rows = list(query)
    labels = _labels_of(r.id for r in rows)
    rows.sort(
        key=lambda r: (
            bool(r.is_next_step),
            r.starts_at is None,
            r.starts_at or dt.datetime.min,
            "" if r.is_next_step else r.title.casefold(),  # next steps keep the guide's order
            r.id,
        )
    )
    return [_info(r, labels.get(r.id, {})) for r in rows]


def seed_next_steps(database: SqliteDatabase) -> None:
    """Store the guide's suggested next steps (resources/next_steps.json) as actions."""
    path = resource_path("next_steps.json")
    try:
        steps = json.loads(path.read_text(encoding="utf-8"))["next_steps"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path.name}: cannot read the suggested next steps ({exc}).") from exc
    for step in steps:
        database.execute_sql(
            "INSERT INTO action (title, description, kind, starts_at, place, is_next_step,"
            " archived_at, created_at) VALUES (?, ?, ?, NULL, '', 1, NULL, datetime('now'))",
            (step["title"], step.get("description", ""), step.get("kind", "local_action")),
        )
