"""Ask ranking: fit with issues, skills and interests, the ladder stage, and the date."""

from __future__ import annotations

import datetime as dt

from oneonone_desktop.services import actions, asks
from oneonone_desktop.services import supporters as people
from oneonone_desktop.services.actions import ActionData, ActionInfo
from oneonone_desktop.services.asks import Person, rank, rank_asks
from oneonone_desktop.store.models import Commitment

TODAY = dt.date(2030, 3, 4)


def action(id: int, title: str, kind: str = "local_action", days: int | None = 10, **labels):
    starts = dt.datetime.combine(TODAY, dt.time(18)) + dt.timedelta(days=days) if days else None
    if days == 0:
        starts = dt.datetime.combine(TODAY, dt.time(18))
    return ActionInfo(
        id, title, "", kind, starts, "", False, False, {k: tuple(v) for k, v in labels.items()}
    )


def someone(stage: str | None = "member", **labels) -> Person:
    return Person(
        labels={k: frozenset(n.casefold() for n in v) for k, v in labels.items()},
        stage_key=stage,
        stage_label=stage.capitalize() if stage else "",
    )


def test_shared_issue_outranks_skill_which_outranks_interest():
    pool = [
        action(1, "Concert", interest=["music"]),
        action(2, "Poster party", skill=["graphic design"]),
        action(3, "Tenant rally", issue=["housing"]),
    ]
    person = someone(issue=["Housing"], skill=["graphic design"], interest=["music"])
    ranked = rank(pool, person, TODAY)
    assert [r.action.title for r in ranked] == ["Tenant rally", "Poster party", "Concert"]
    assert ranked[0].reasons[0] == "cares about housing"
    assert "has skill: graphic design" in ranked[1].reasons
    assert "interested in music" in ranked[2].reasons


def test_past_actions_are_left_out_and_sooner_ones_score_more():
    pool = [action(1, "Yesterday", days=-1), action(2, "Next month", days=25)]
    pool.append(action(3, "Tomorrow", days=1))
    ranked = rank(pool, someone(stage=None), TODAY)
    assert [r.action.title for r in ranked] == ["Tomorrow", "Next month"]
    assert ranked[0].reasons == ["happens tomorrow"]
    assert ranked[1].reasons == ["happens in 25 days"]


def test_leaders_are_asked_to_hold_one_on_ones_and_newcomers_get_an_easy_step():
    pool = [
        action(1, "Start 1:1s with others", "one_on_ones", days=None),
        action(2, "Sign up for updates", "updates", days=None),
    ]
    leader = rank(pool, someone("leader"), TODAY)
    assert leader[0].action.kind == "one_on_ones"
    assert leader[0].reasons == ["a good step for a leader"]
    newcomer = rank(pool, someone("prospect"), TODAY)
    assert newcomer[0].action.kind == "updates"


def test_ties_are_broken_by_date_then_undated_then_title():
    pool = [
        action(4, "B undated", days=None),
        action(3, "A undated", days=None),
        action(2, "Later", days=40),
        action(1, "Sooner", days=35),
    ]
    ranked = rank(pool, someone(stage=None), TODAY)
    assert [r.action.title for r in ranked] == ["Sooner", "Later", "A undated", "B undated"]
    assert rank(list(reversed(pool)), someone(stage=None), TODAY) == ranked


def test_rank_asks_reads_the_person_the_catalogue_and_what_was_heard_today(database):
    ana = people.create_supporter(
        people.SupporterData(first_name="Ana", labels={"skill": ["cooking"]}, stage_key="member")
    ).id
    rally = actions.create_action(
        ActionData(
            "Tenant rally",
            kind="local_action",
            starts_at=dt.datetime(2030, 3, 9, 17),
            labels={"issue": ["housing"]},
        )
    )
    potluck = actions.create_action(
        ActionData("Potluck", kind="event", labels={"skill": ["Cooking"]})
    )
    ranked = rank_asks(ana, TODAY)
    assert ranked[0].action.id == potluck
    heard = rank_asks(ana, TODAY, extra={"issue": ["housing"]})
    assert heard[0].action.id == rally and "cares about housing" in heard[0].reasons
    assert {r.action.kind for r in ranked} >= {"huddle", "updates", "one_on_ones"}


def test_an_action_already_committed_to_drops_down(database):
    ana = people.create_supporter(people.SupporterData(first_name="Ana")).id
    first = actions.create_action(ActionData("Canvass", kind="campaign_action"))
    second = actions.create_action(ActionData("Phone bank", kind="campaign_action"))
    Commitment.create(supporter=ana, action=first, activity="Canvass")
    ranked = [r for r in rank_asks(ana, TODAY) if r.action.id in (first, second)]
    assert [r.action.id for r in ranked] == [second, first]
    assert "already committed to this" in ranked[1].reasons


def test_stage_reason_uses_the_ladder_label(database):
    ana = people.create_supporter(people.SupporterData(first_name="A", stage_key="leader")).id
    person = asks.person_for(ana)
    assert person.stage_key == "leader" and person.stage_label == "Leader / organizer"


def test_asks_chosen_while_preparing_come_first(database):
    ana = people.create_supporter(
        people.SupporterData(first_name="Ana", labels={"issue": ["housing"]})
    ).id
    rally = actions.create_action(ActionData("Rally", labels={"issue": ["housing"]}))
    flyers = actions.create_action(ActionData("Hand out flyers"))
    ranked = rank_asks(ana, TODAY, chosen=[flyers])
    assert ranked[0].action.id == flyers
    assert ranked[0].reasons[0] == "chosen while preparing"
    assert ranked[1].action.id == rally


def test_stage_reason_reads_as_english_before_a_vowel():
    pool = [action(1, "Start 1:1s with others", "one_on_ones", days=None)]
    active = rank(pool, someone("active"), TODAY)
    assert active[0].reasons == ["a good step for an active"]
