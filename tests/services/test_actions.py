"""The actions catalogue and the guide's suggested next steps."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_desktop.services import actions
from oneonone_desktop.services.actions import ActionData
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.store.models import Commitment, Supporter

TODAY = dt.date(2030, 3, 4)


def test_the_guides_five_next_steps_are_in_the_catalogue_in_order(database):
    steps = [a for a in actions.list_actions(today=TODAY) if a.is_next_step]
    assert [a.kind for a in steps] == [
        "huddle",
        "campaign_action",
        "local_action",
        "one_on_ones",
        "updates",
    ]
    assert steps[0].title == "Join our huddle"


def test_create_update_and_list_with_labels(database):
    rally = actions.create_action(
        ActionData(
            " Tenant rally ",
            kind="local_action",
            starts_at=dt.datetime(2030, 3, 9, 17, 30),
            place="City Hall",
            labels={"issue": ["housing"], "skill": ["speaking"]},
        )
    )
    info = actions.get_action(rally)
    assert info.title == "Tenant rally" and info.kind_label == "Local action"
    assert info.labels == {"issue": ("housing",), "skill": ("speaking",)}
    actions.update_action(rally, ActionData("Tenant rally", kind="campaign_action"))
    assert actions.get_action(rally).labels == {}
    assert actions.get_action(rally).starts_at is None


def test_listing_puts_dated_actions_first_and_hides_past_and_archived_ones(database):
    past = actions.create_action(ActionData("Old", starts_at=dt.datetime(2030, 3, 1, 10)))
    later = actions.create_action(ActionData("Later", starts_at=dt.datetime(2030, 4, 1, 10)))
    soon = actions.create_action(ActionData("Soon", starts_at=dt.datetime(2030, 3, 4, 20)))
    undated = actions.create_action(ActionData("Any time"))
    hidden = actions.create_action(ActionData("Hidden"))
    actions.set_archived(hidden)
    own = [a.id for a in actions.list_actions(today=TODAY, include_next_steps=False)]
    assert own == [soon, later, undated]
    everything = actions.list_actions(today=TODAY, include_past=True, include_archived=True)
    assert {past, hidden} <= {a.id for a in everything}


def test_bad_input_is_refused_with_each_field_named(database):
    with pytest.raises(ValidationError) as refused:
        actions.create_action(ActionData("", kind="party", labels={"colour": ["red"]}))
    assert set(refused.value.problems) == {"title", "kind", "labels"}


def test_deleting_an_action_keeps_the_commitments_made_to_it(database):
    rally = actions.create_action(ActionData("Rally"))
    ana = Supporter.create(first_name="Ana")
    kept = Commitment.create(supporter=ana, action=rally, activity="Rally", goal="Bring 2")
    actions.delete_action(rally)
    kept = Commitment.get_by_id(kept.id)
    assert kept.action_id is None and kept.activity == "Rally"
