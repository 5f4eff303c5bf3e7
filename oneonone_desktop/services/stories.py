"""Which of the organizer's stories to offer a person: the most shared issues first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from oneonone_desktop.services.organizer import StoryInfo, list_stories
from oneonone_desktop.store.models import Label, SupporterLabel


@dataclass(frozen=True)
class StoryMatch:
    story: StoryInfo
    shared_issues: tuple[str, ...]  # the story's issues this person cares about


def supporter_issues(supporter_id: int) -> list[str]:
    """The issues stored for a person, by name."""
    query = (
        Label.select(Label.name)
        .join(SupporterLabel)
        .where((SupporterLabel.supporter == supporter_id) & (Label.kind == "issue"))
        .order_by(Label.name)
        .tuples()
    )
    return [name for (name,) in query]


def rank_stories(stories: Iterable[StoryInfo], issues: Iterable[str]) -> list[StoryMatch]:
    """Order stories by how many of `issues` they share; ties keep the stories' order."""
    wanted = {i.strip().casefold() for i in issues if i.strip()}
    matches = [
        StoryMatch(story, tuple(i for i in story.issues if i.casefold() in wanted))
        for story in stories
    ]
    return sorted(matches, key=lambda m: -len(m.shared_issues))


def best_stories(supporter_id: int, extra_issues: Iterable[str] = ()) -> list[StoryMatch]:
    """Every story, the best match for this person's issues first.

    `extra_issues`: issues heard during the meeting and not stored yet (the wizard's capture).
    """
    return rank_stories(list_stories(), [*supporter_issues(supporter_id), *extra_issues])
