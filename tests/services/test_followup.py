"""Follow-up rules: the plan after a held 1:1, consent, check-ins, accepting, asks balance."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_desktop.services import followup, tasks
from oneonone_desktop.services.followup import FollowUpError, ProposedTask
from oneonone_desktop.services.supporters import (
    Consent,
    SupporterData,
    ValidationError,
    create_supporter,
)
from oneonone_desktop.store.models import Commitment, Meeting, Promise, Task, Touch

TODAY = dt.date(2026, 3, 10)  # the 1:1 was held today


def person(**fields) -> int:
    data = SupporterData(first_name="Ana", last_name="García", **fields)
    return int(create_supporter(data).id)


def held_meeting(supporter_id: int, on: dt.date = TODAY) -> int:
    start = dt.datetime.combine(on, dt.time(18, 0))
    meeting = Meeting.create(
        supporter=supporter_id,
        status="held",
        scheduled_at=start,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=40),
    )
    return int(meeting.id)


def kinds(plan: list[ProposedTask]) -> list[str]:
    return [p.kind for p in plan]


def by_kind(plan: list[ProposedTask], kind: str) -> list[ProposedTask]:
    return [p for p in plan if p.kind == kind]


def test_introductory_meeting_gets_the_guides_follow_ups(database):
    sid = person(phones=["555-010-2000"])
    mid = held_meeting(sid)
    commitment = Commitment.create(
        supporter=sid,
        meeting=mid,
        activity="Phone bank",
        due_at=dt.datetime(2026, 3, 20, 18, 0),
        goal="Make 30 calls",
    )
    promise = Promise.create(
        supporter=sid, meeting=mid, text="Send the housing report", due_on=dt.date(2026, 3, 12)
    )
    plan = followup.propose_plan(mid, today=TODAY)

    assert kinds(plan) == [
        "thank_you",
        "commitment_reminder",
        "commitment_check",
        "promise",
        "check_in",
        "non_ask_update",
    ]
    thanks = by_kind(plan, "thank_you")[0]
    assert thanks.due_on <= TODAY + dt.timedelta(days=2)
    reminder = by_kind(plan, "commitment_reminder")[0]
    assert dt.date(2026, 3, 18) <= reminder.due_on <= dt.date(2026, 3, 19)
    assert reminder.commitment_id == commitment.id
    check = by_kind(plan, "commitment_check")[0]
    assert check.due_on == dt.date(2026, 3, 21) and "Make 30 calls" in check.notes
    kept = by_kind(plan, "promise")[0]
    assert kept.due_on == dt.date(2026, 3, 12) and kept.promise_id == promise.id
    assert "Send the housing report" in kept.title
    check_in = by_kind(plan, "check_in")[0]
    assert check_in.rrule == "FREQ=WEEKLY;INTERVAL=4" and check_in.is_ask
    assert check_in.due_on == TODAY + dt.timedelta(weeks=4)
    update = by_kind(plan, "non_ask_update")[0]
    assert update.is_ask is False and update.due_on == TODAY + dt.timedelta(days=14)


def test_without_consent_no_list_or_mention_task_is_proposed(database):
    sid = person(emails=["ana@example.org"], phones=["555-010-2000"])
    plan = followup.propose_plan(held_meeting(sid), today=TODAY)
    assert not by_kind(plan, "add_to_lists")
    assert not by_kind(plan, "social_mention")


def test_withdrawn_consent_counts_as_no_consent(database):
    sid = person(
        emails=["ana@example.org"],
        consents={"email_list": Consent(False), "social_mention": Consent(False)},
    )
    plan = followup.propose_plan(held_meeting(sid), today=TODAY)
    assert not by_kind(plan, "add_to_lists") and not by_kind(plan, "social_mention")


def test_recorded_consent_brings_list_and_whywereresist_tasks(database):
    sid = person(
        emails=["ana@example.org"],
        phones=["555-010-2000"],
        consents={
            "email_list": Consent(True),
            "phone_text": Consent(True),
            "social_mention": Consent(True),
        },
    )
    plan = followup.propose_plan(held_meeting(sid), today=TODAY)
    lists = by_kind(plan, "add_to_lists")[0]
    assert "email list" in lists.title and "text list" in lists.title
    assert "social networks" in lists.title
    mention = by_kind(plan, "social_mention")[0]
    assert "#WhyWeResist" in mention.title


def test_email_list_consent_without_an_email_address_adds_nothing(database):
    sid = person(consents={"email_list": Consent(True)})
    plan = followup.propose_plan(held_meeting(sid), today=TODAY)
    assert not by_kind(plan, "add_to_lists")


@pytest.mark.parametrize(
    ("fields", "channel"),
    [
        ({"thank_you_preference": "call", "street": "1 Main St", "city": "Riverside"}, "call"),
        ({"street": "1 Main St", "city": "Riverside", "emails": ["a@example.org"]}, "card"),
        ({"emails": ["a@example.org"], "consents": {"email_list": Consent(True)}}, "email"),
        ({"emails": ["a@example.org"], "phones": ["555-010-2000"]}, "call"),
        ({}, ""),
    ],
)
def test_thank_you_channel_follows_preference_then_contact_data(database, fields, channel):
    sid = person(**fields)
    thanks = by_kind(followup.propose_plan(held_meeting(sid), today=TODAY), "thank_you")[0]
    assert thanks.channel == channel


def test_commitment_tomorrow_gets_a_reminder_today_and_a_check_after(database):
    sid = person()
    mid = held_meeting(sid)
    Commitment.create(
        supporter=sid, meeting=mid, activity="Rally", due_at=dt.datetime(2026, 3, 11, 9)
    )
    plan = followup.propose_plan(mid, today=TODAY)
    assert by_kind(plan, "commitment_reminder")[0].due_on == TODAY
    assert by_kind(plan, "commitment_check")[0].due_on == dt.date(2026, 3, 12)


def test_not_yet_commitment_proposes_asking_again_on_the_chosen_day(database):
    sid = person()
    mid = held_meeting(sid)
    Commitment.create(
        supporter=sid,
        meeting=mid,
        status="not_yet",
        not_yet_reason="Exams",
        ask_again_on=dt.date(2026, 5, 1),
    )
    plan = followup.propose_plan(mid, today=TODAY)
    again = next(p for p in plan if p.kind == "other")
    assert again.due_on == dt.date(2026, 5, 1) and "Exams" in again.notes
    assert not by_kind(plan, "commitment_reminder")


def test_check_in_restarts_from_the_last_real_contact_not_the_first(database):
    sid = person()
    held_meeting(sid, on=dt.date(2026, 1, 5))
    mid = held_meeting(sid, on=dt.date(2026, 2, 2))
    later_call = dt.datetime(2026, 2, 20, 12, 0)  # noon UTC: 20 February in nearly every zone
    Touch.create(supporter=sid, kind="call", happened_at=later_call)
    check_in = by_kind(followup.propose_plan(mid, today=dt.date(2026, 2, 21)), "check_in")[0]
    assert check_in.due_on == dt.date(2026, 2, 20) + dt.timedelta(weeks=4)


def test_check_in_interval_comes_from_the_setting(database):
    followup.set_checkin_weeks(6)
    assert followup.checkin_weeks() == 6
    sid = person()
    check_in = by_kind(followup.propose_plan(held_meeting(sid), today=TODAY), "check_in")[0]
    assert check_in.rrule == "FREQ=WEEKLY;INTERVAL=6"
    assert check_in.due_on == TODAY + dt.timedelta(weeks=6)
    with pytest.raises(FollowUpError):
        followup.set_checkin_weeks(0)


def test_plan_is_refused_for_a_meeting_not_held_or_gone(database):
    sid = person()
    scheduled = Meeting.create(supporter=sid, status="scheduled")
    with pytest.raises(FollowUpError) as info:
        followup.propose_plan(scheduled.id)
    assert "held" in info.value.message
    with pytest.raises(FollowUpError):
        followup.propose_plan(99_999)


def test_accepting_twice_stores_each_task_once_with_stable_uids(database):
    sid = person(phones=["555-010-2000"])
    mid = held_meeting(sid)
    plan = followup.propose_plan(mid, today=TODAY)
    first = followup.accept_plan(mid, plan)
    plan[0].title = "Handwritten card to Ana"
    second = followup.accept_plan(mid, followup.propose_plan(mid, today=TODAY)[:1] + plan[1:])
    assert Task.select().count() == len(plan)
    assert [t.uid for t in first] == [t.uid for t in second]
    assert len({t.uid for t in first}) == len(first)
    stored = Task.get_by_id(first[0].id)
    assert stored.supporter_id == sid and stored.meeting_id == mid


def test_accepting_keeps_edits_and_links(database):
    sid = person()
    mid = held_meeting(sid)
    plan = followup.propose_plan(mid, today=TODAY)
    plan[0].due_on = TODAY + dt.timedelta(days=1)
    plan[0].due_time = dt.time(10, 30)
    plan.append(ProposedTask("other", "Invite to the huddle", TODAY + dt.timedelta(days=5)))
    stored = followup.accept_plan(mid, plan)
    assert stored[0].due_on == TODAY + dt.timedelta(days=1)
    assert stored[0].due_time == dt.time(10, 30)
    assert stored[-1].title == "Invite to the huddle" and stored[-1].kind == "other"
    check_in = next(t for t in stored if t.kind == "check_in")
    assert check_in.rrule == "FREQ=WEEKLY;INTERVAL=4" and check_in.is_ask


def test_a_bad_proposal_stores_nothing(database):
    sid = person()
    mid = held_meeting(sid)
    plan = followup.propose_plan(mid, today=TODAY)
    plan[1].rrule = "FREQ=SECONDLY"
    plan[2].title = "  "
    with pytest.raises(ValidationError) as info:
        followup.accept_plan(mid, plan)
    assert set(info.value.problems) == {"tasks.1.rrule", "tasks.2.title"}
    assert Task.select().count() == 0


def test_a_second_meeting_restarts_the_same_check_in_series(database):
    sid = person()
    first_mid = held_meeting(sid, on=dt.date(2026, 1, 5))
    followup.accept_plan(first_mid, followup.propose_plan(first_mid, today=dt.date(2026, 1, 5)))
    second_mid = held_meeting(sid, on=TODAY)
    followup.accept_plan(second_mid, followup.propose_plan(second_mid, today=TODAY))
    check_ins = list(Task.select().where(Task.kind == "check_in"))
    assert len(check_ins) == 1
    assert check_ins[0].due_on == TODAY + dt.timedelta(weeks=4)
    assert check_ins[0].meeting_id == second_mid
    assert Task.select().where(Task.kind == "thank_you").count() == 2


def test_done_tasks_are_not_reopened_by_accepting_again(database):
    sid = person()
    mid = held_meeting(sid)
    plan = followup.propose_plan(mid, today=TODAY)
    thanks = followup.accept_plan(mid, plan)[0]
    tasks.mark_done(thanks.id, on=TODAY)
    followup.accept_plan(mid, plan)
    assert Task.get_by_id(thanks.id).status == "done"


def test_people_only_ever_asked_are_flagged(database):
    asked = person()
    Commitment.create(supporter=asked, activity="Canvass")
    Touch.create(supporter=asked, kind="call", is_ask=True)
    balanced = person()
    Commitment.create(supporter=balanced, activity="Canvass")
    Touch.create(supporter=balanced, kind="card", is_ask=False)
    never = person()

    assert followup.asks_balance(asked).only_asked
    assert (followup.asks_balance(asked).asks, followup.asks_balance(asked).non_asks) == (2, 0)
    assert not followup.asks_balance(balanced).only_asked
    assert not followup.asks_balance(never).only_asked
    flagged = followup.only_asked()
    assert [b.supporter_id for b in flagged] == [asked]
    assert flagged[0].name == "Ana García" and flagged[0].asks == 2


def test_a_thank_you_done_takes_a_person_off_the_only_asked_list(database):
    sid = person()
    mid = held_meeting(sid)
    Commitment.create(supporter=sid, meeting=mid, activity="Canvass")
    assert [b.supporter_id for b in followup.only_asked()] == [sid]
    thanks = followup.accept_plan(mid, followup.propose_plan(mid, today=TODAY))[0]
    tasks.mark_done(thanks.id)
    assert followup.only_asked() == []
