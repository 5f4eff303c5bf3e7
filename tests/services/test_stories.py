"""The organizer's profile and stories; the best story for a person comes first."""

from __future__ import annotations

import pytest

from oneonone_desktop.services import organizer, stories
from oneonone_desktop.services import supporters as people
from oneonone_desktop.services.organizer import Profile, StoryData
from oneonone_desktop.services.supporters import ValidationError


def test_stories_sharing_more_of_the_persons_issues_come_first(database):
    bus = organizer.create_story(StoryData("The bus", "…", ["transit"]))
    rent = organizer.create_story(StoryData("Rent day", "…", ["housing", "transit"]))
    school = organizer.create_story(StoryData("School", "…", ["education"]))
    ana = people.create_supporter(
        people.SupporterData(first_name="Ana", labels={"issue": ["Housing", "transit"]})
    ).id
    ranked = stories.best_stories(ana)
    assert [m.story.id for m in ranked] == [rent, bus, school]
    assert ranked[0].shared_issues == ("housing", "transit")
    assert ranked[2].shared_issues == ()
    heard = stories.best_stories(ana, extra_issues=["education"])
    assert heard[0].story.id == rent and heard[2].shared_issues == ("education",)


def test_story_crud_keeps_issue_tags(database):
    story = organizer.create_story(StoryData(" My why ", "Body", ["housing", " ", "Housing"]))
    assert organizer.get_story(story).issues == ("housing",)
    organizer.update_story(story, StoryData("My why", "New body", ["transit"]))
    assert organizer.get_story(story).body == "New body"
    assert [s.issues for s in organizer.list_stories()] == [("transit",)]
    organizer.delete_story(story)
    assert organizer.list_stories() == []
    with pytest.raises(ValidationError) as refused:
        organizer.create_story(StoryData("", "text"))
    assert refused.value.problems == {"title": "Give the story a short title."}


def test_profile_starts_with_the_guides_purpose_script_and_saves_edits(database):
    profile = organizer.get_profile()
    assert "figure out together how you can be involved locally" in profile.purpose_script
    profile.name, profile.chapter = "Rosa", "Tucson"
    profile.national_vision = "A country where everyone can…"
    organizer.update_profile(profile)
    assert organizer.get_profile().chapter == "Tucson"
    with pytest.raises(ValidationError) as refused:
        organizer.update_profile(Profile(email="not-an-email"))
    assert "email" in refused.value.problems
    assert organizer.get_profile().name == "Rosa"


def test_a_cleared_purpose_script_stays_cleared_after_reopening(database, data_dir):
    from oneonone_desktop.paths import backup_dir, database_path
    from oneonone_desktop.store.connection import close_database, open_database

    profile = organizer.get_profile()
    profile.purpose_script = ""
    organizer.update_profile(profile)
    close_database(database)
    again = open_database(database_path(data_dir), backup_dir=backup_dir(data_dir))
    assert organizer.get_profile().purpose_script == ""
    close_database(again)
