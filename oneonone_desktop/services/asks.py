"""Rank the catalogue's actions as asks for one person, with the reasons in plain words.

Fit with the person's issues counts most, then skills, then interests; the ladder stage
favours steps that suit it (a leader is asked to hold 1:1s with others, someone new gets an
easy first step); an action coming up soon scores a little more; past actions are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from oneonone_desktop.services.actions import ActionInfo, list_actions
from oneonone_desktop.store.models import Commitment, Label, LadderStage, Supporter, SupporterLabel

LABEL_POINTS = {"issue": 30, "skill": 20, "interest": 10, "tag": 5}
ALREADY_COMMITTED = -40

# action kind -> stage key -> points; a step that suits the stage, or one that does not
STAGE_FIT: dict[str, dict[str, int]] = {
    "one_on_ones": {"prospect": -10, "supporter": -5, "active": 15, "leader": 25},
    "huddle": {"supporter": 10, "member": 12, "active": 6},
    "campaign_action": {"supporter": 5, "member": 8, "active": 8},
    "local_action": {"prospect": 6, "supporter": 8, "member": 6},
    "event": {"prospect": 6, "supporter": 4},
    "training": {"member": 8, "active": 10, "leader": 4},
    "updates": {"prospect": 12, "supporter": 4, "active": -10, "leader": -10},
}


@dataclass
class RankedAsk:
    action: ActionInfo
    score: int
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Person:
    """What ranking needs to know about someone: label names by kind and the ladder stage."""

    labels: Mapping[str, frozenset[str]] = field(default_factory=dict)  # kind -> casefolded
    stage_key: str | None = None
    stage_label: str = ""
    committed_action_ids: frozenset[int] = frozenset()


def _reason(kind: str, name: str) -> str:
    if kind == "issue":
        return f"cares about {name}"
    if kind == "skill":
        return f"has skill: {name}"
    if kind == "interest":
        return f"interested in {name}"
    return f"tagged {name}"


def _when(days: int) -> str:
    if days == 0:
        return "happens today"
    if days == 1:
        return "happens tomorrow"
    return f"happens in {days} days"


def score_action(action: ActionInfo, person: Person, today: dt.date) -> RankedAsk | None:
    """Score one action for one person; None for an action already past."""
    score = 0
    reasons: list[str] = []
    for kind, points in LABEL_POINTS.items():
        wanted = person.labels.get(kind, frozenset())
        for name in action.labels.get(kind, ()):
            if name.casefold() in wanted:
                score += points
                reasons.append(_reason(kind, name))
    if person.stage_key:
        points = STAGE_FIT.get(action.kind, {}).get(person.stage_key, 0)
        score += points
        if points > 0:
            stage = (person.stage_label or person.stage_key).lower()
            article = "an" if stage[:1] in "aeiou" else "a"
            reasons.append(f"a good step for {article} {stage}")
    if action.starts_at is not None:
        days = (action.starts_at.date() - today).days
        if days < 0:
            return None
        if days <= 7:
            score += 8
            reasons.append(_when(days))
        elif days <= 30:
            score += 4
            reasons.append(_when(days))
        else:
            score += 1
    if action.id in person.committed_action_ids:
        score += ALREADY_COMMITTED
        reasons.append("already committed to this")
    return RankedAsk(action, score, reasons)


def rank(actions: Iterable[ActionInfo], person: Person, today: dt.date) -> list[RankedAsk]:
    """Best fit first; ties go to the sooner action, then dated before undated, then by title."""
    ranked = [r for r in (score_action(a, person, today) for a in actions) if r is not None]
    ranked.sort(
        key=lambda r: (
            -r.score,
            r.action.starts_at is None,
            r.action.starts_at or dt.datetime.min,
            r.action.title.casefold(),
            r.action.id,
        )
    )
    return ranked


def person_for(supporter_id: int, extra: Mapping[str, Iterable[str]] | None = None) -> Person:
    """A person's labels and stage; `extra` adds labels heard in the meeting (kind -> names)."""
    labels: dict[str, set[str]] = {}
    query = (
        Label.select(Label.kind, Label.name)
        .join(SupporterLabel)
        .where(SupporterLabel.supporter == supporter_id)
        .tuples()
    )
    for kind, name in query:
        labels.setdefault(kind, set()).add(name.casefold())
    for kind, names in (extra or {}).items():
        labels.setdefault(kind, set()).update(n.strip().casefold() for n in names if n.strip())
    stage = (
        LadderStage.select(LadderStage.key, LadderStage.label)
        .join(Supporter, on=(Supporter.stage == LadderStage.id))
        .where(Supporter.id == supporter_id)
        .first()
    )
    committed = (
        Commitment.select(Commitment.action)
        .where(
            (Commitment.supporter == supporter_id)
            & (Commitment.status == "pending")
            & Commitment.action.is_null(False)
        )
        .tuples()
    )
    return Person(
        labels={k: frozenset(v) for k, v in labels.items()},
        stage_key=stage.key if stage else None,
        stage_label=stage.label if stage else "",
        committed_action_ids=frozenset(a for (a,) in committed),
    )


def rank_asks(
    supporter_id: int,
    today: dt.date,
    *,
    extra: Mapping[str, Iterable[str]] | None = None,
    actions: Sequence[ActionInfo] | None = None,
    chosen: Sequence[int] = (),
) -> list[RankedAsk]:
    """The catalogue's actions ranked as asks for this person, best first, with reasons.

    `extra`: labels heard in the meeting and not stored yet, e.g. {"issue": ["housing"]}.
    `actions`: rank only these instead of the whole catalogue.
    `chosen`: action ids picked while preparing (WizardState.candidate_ask_ids); they come
    first, in their ranked order, with the reason "chosen while preparing".
    """
    pool = actions if actions is not None else list_actions(today=today)
    ranked = rank(pool, person_for(supporter_id, extra), today)
    picked = set(chosen)
    for item in ranked:
        if item.action.id in picked:
            item.reasons.insert(0, "chosen while preparing")
    return [r for r in ranked if r.action.id in picked] + [
        r for r in ranked if r.action.id not in picked
    ]
