"""The organizer's profile (name, chapter, contact, the chapter's vision, the purpose script)
and their personal stories, each tagged with the issues it speaks to."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from peewee import SqliteDatabase

from oneonone_desktop.resources import resource_path
from oneonone_desktop.services.normalize import is_valid_email, is_valid_phone
from oneonone_desktop.services.supporters import ValidationError, label_ids
from oneonone_desktop.store.models import Label, OrganizerProfile, Story, StoryLabel, db

MAX_LINE = 200
MAX_TEXT = 20_000


@dataclass
class Profile:
    """The one organizer using the app, and the chapter's strategy text."""

    name: str = ""
    chapter: str = ""
    email: str = ""
    phone: str = ""
    national_vision: str = ""
    local_vision: str = ""
    purpose_script: str = ""

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for name in ("name", "chapter", "email", "phone"):
            if len(getattr(self, name)) > MAX_LINE:
                found[name] = f"This is longer than {MAX_LINE} characters."
        for name in ("national_vision", "local_vision", "purpose_script"):
            if len(getattr(self, name)) > MAX_TEXT:
                found[name] = f"This is longer than {MAX_TEXT:,} characters."
        if self.email.strip() and not is_valid_email(self.email.strip()):
            found["email"] = f"'{self.email[:60]}' does not look like an email address."
        if self.phone.strip() and not is_valid_phone(self.phone.strip()):
            found["phone"] = f"'{self.phone[:40]}' does not look like a phone number."
        return found


def default_purpose_script() -> str:
    """The guide's purpose of an introductory 1:1, as shipped in resources/agendas.json."""
    data = json.loads(resource_path("agendas.json").read_text(encoding="utf-8"))
    return str(data["purpose_script"])


def _row() -> OrganizerProfile:
    row = OrganizerProfile.select().order_by(OrganizerProfile.id).first()
    if row is None:
        row = OrganizerProfile.create()
    return row


def get_profile() -> Profile:
    row = _row()
    return Profile(**{f.name: getattr(row, f.name) for f in fields(Profile)})


def update_profile(profile: Profile) -> None:
    """Save the profile; raises ValidationError (nothing saved) on bad input."""
    clean = Profile(**{f.name: getattr(profile, f.name).strip() for f in fields(Profile)})
    problems = clean.problems()
    if problems:
        raise ValidationError(problems)
    row = _row()
    for f in fields(Profile):
        setattr(row, f.name, getattr(clean, f.name))
    row.save()


def seed_purpose_script(database: SqliteDatabase) -> None:
    """Give a blank profile the guide's purpose script (the organizer can edit it after)."""
    database.execute_sql(
        "UPDATE organizer_profile SET purpose_script = ? WHERE purpose_script = ''",
        (default_purpose_script(),),
    )


# --- stories ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryInfo:
    id: int
    title: str
    body: str
    issues: tuple[str, ...]
    created_at: dt.datetime


@dataclass
class StoryData:
    title: str = ""
    body: str = ""
    issues: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if not self.title.strip():
            found["title"] = "Give the story a short title."
        elif len(self.title) > MAX_LINE:
            found["title"] = f"The title is longer than {MAX_LINE} characters."
        if len(self.body) > MAX_TEXT:
            found["body"] = f"The story is longer than {MAX_TEXT:,} characters."
        if any(len(issue) > MAX_LINE for issue in self.issues):
            found["issues"] = f"An issue name is longer than {MAX_LINE} characters."
        return found


def _validated_story(data: StoryData) -> StoryData:
    problems = data.problems()
    if problems:
        raise ValidationError(problems)
    return StoryData(
        title=data.title.strip(),
        body=data.body.strip(),
        issues=[i.strip() for i in data.issues if i.strip()],
    )


def _write_issues(story_id: int, issues: list[str]) -> None:
    StoryLabel.delete().where(StoryLabel.story == story_id).execute()
    for label_id in sorted(set(label_ids("issue", issues))):
        StoryLabel.create(story=story_id, label=label_id)


def create_story(data: StoryData) -> int:
    clean = _validated_story(data)
    with db.atomic():
        row = Story.create(title=clean.title, body=clean.body)
        _write_issues(row.id, clean.issues)
    return int(row.id)


def update_story(story_id: int, data: StoryData) -> None:
    clean = _validated_story(data)
    if Story.get_or_none(Story.id == story_id) is None:
        raise ValidationError({"story": "That story no longer exists."})
    with db.atomic():
        Story.update(title=clean.title, body=clean.body).where(Story.id == story_id).execute()
        _write_issues(story_id, clean.issues)


def delete_story(story_id: int) -> None:
    """Remove a story; meetings it was told in simply no longer point at it."""
    Story.delete().where(Story.id == story_id).execute()


def _issues_of(story_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    ids = list(story_ids)
    found: dict[int, list[str]] = {}
    if ids:
        query = (
            StoryLabel.select(StoryLabel.story, Label.name)
            .join(Label)
            .where(StoryLabel.story.in_(ids))
            .order_by(Label.name)
            .tuples()
        )
        for story_id, name in query:
            found.setdefault(story_id, []).append(name)
    return {k: tuple(v) for k, v in found.items()}


def list_stories() -> list[StoryInfo]:
    """Every story, oldest first."""
    rows = list(Story.select().order_by(Story.created_at, Story.id))
    issues = _issues_of(r.id for r in rows)
    return [StoryInfo(r.id, r.title, r.body, issues.get(r.id, ()), r.created_at) for r in rows]


def get_story(story_id: int) -> StoryInfo:
    row = Story.get_or_none(Story.id == story_id)
    if row is None:
        raise ValidationError({"story": "That story no longer exists."})
    return StoryInfo(
        row.id, row.title, row.body, _issues_of([row.id]).get(row.id, ()), row.created_at
    )
