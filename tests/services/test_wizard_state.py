"""The wizard's state: its draft format, autosave and resume, finishing rules, and the record."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from oneonone_desktop.services import meetings, question_sets
from oneonone_desktop.services import supporters as people
from oneonone_desktop.services.supporter_list import SupporterFilter, all_ids
from oneonone_desktop.services.supporters import SupporterData, ValidationError
from oneonone_desktop.services.wizard_state import (
    AskDraft,
    DraftError,
    PromiseDraft,
    WizardState,
    discard_draft,
    finish,
    load_draft,
    open_drafts,
    save_draft,
    validate_for_finish,
)
from oneonone_desktop.store.models import (
    Answer,
    Commitment,
    ConsentRecord,
    Meeting,
    Promise,
    Supporter,
)

STARTED = dt.datetime(2030, 3, 5, 18, 0)
LATER = dt.datetime(2030, 3, 5, 18, 40)


def person(first: str = "Ana") -> int:
    data = SupporterData(first_name=first, last_name="García", stage_key="prospect")
    return int(people.create_supporter(data).id)


@pytest.fixture
def started(database) -> WizardState:
    return meetings.start_ad_hoc(person(), now=STARTED)


def number(state: WizardState, num: str) -> int:
    return next(q.id for q in state.questions if q.number == num)


def good_ask() -> AskDraft:
    return AskDraft(
        activity="Join our huddle",
        date=dt.date(2030, 3, 12),
        time=dt.time(19, 0),
        goal="Bring two friends",
    )


def filled(state: WizardState) -> WizardState:
    state.purpose_explained = True
    state.set_answer(number(state, "5"), "yes_no", "yes")
    state.set_answer(number(state, "5a"), "text", "I stayed home")
    state.set_answer(number(state, "7"), "yes_no", "no")
    state.set_answer(number(state, "7a"), "text", "typed before they said no")
    state.set_answer(number(state, "11c"), "yes_no", "yes")
    state.set_answer(number(state, "11c.i"), "yes_no", "no")
    state.set_answer(number(state, "11c.i.1"), "yes_no", "yes")
    state.set_answer(number(state, "12"), "choice", "Join our huddle")
    state.set_answer(number(state, "12"), "text", "Tuesday 7 pm at the library")
    state.issues = ["housing", "Housing", "transit"]
    state.skills = ["graphic design"]
    state.values = ["fairness"]
    state.notes = {"connection": "Rents went up 30%", "story": "Told the bus story"}
    state.ask = good_ask()
    state.promises = [PromiseDraft("Send the huddle address", dt.date(2030, 3, 6)), PromiseDraft()]
    state.learned = "Neighbours are organizing already"
    state.consents = ["email_list", "social_mention"]
    state.stage_key = "supporter"
    return state


# --- the draft format -------------------------------------------------------------------


def test_json_round_trip_keeps_every_field(started):
    state = filled(started)
    state.story_id = 4
    state.followup = {"thank_you": "card"}
    assert WizardState.from_json(state.to_json()) == state


def test_reading_a_draft_tolerates_missing_unknown_and_malformed_keys():
    text = json.dumps(
        {
            "step": "ask",
            "answers": {"7": {"yes_no": "yes", "colour": "red"}, "x": {"text": "?"}, "8": 5},
            "ask": {"date": "not a date", "activity": "Huddle", "time": "19:30"},
            "started_at": 12,
            "from_a_newer_version": {"keep": True},
        }
    )
    state = WizardState.from_json(text)
    assert state.step == "ask" and state.learned == "" and state.promises == []
    assert state.answers == {7: {"yes_no": "yes"}}  # the unreadable parts are dropped
    assert state.ask.activity == "Huddle" and state.ask.date is None
    assert state.ask.time == dt.time(19, 30)
    assert state.started_at is None
    assert json.loads(state.to_json())["from_a_newer_version"] == {"keep": True}
    with pytest.raises(ValueError):
        WizardState.from_json("[1, 2]")


def test_set_answer_clears_empty_parts_and_branching_follows(started):
    five, five_a = number(started, "5"), number(started, "5a")
    started.set_answer(five, "yes_no", "yes")
    assert five_a in [q.id for q in started.visible_questions()]
    started.set_answer(five, "yes_no", "")
    assert five not in started.answers
    assert five_a not in [q.id for q in started.visible_questions()]


def test_steps_move_forward_and_back_through_the_agenda(started):
    assert started.current_step().title == "Purpose"
    assert started.neighbour_step(-1) is None
    started.step = started.neighbour_step(1) or ""
    assert started.step == "connection"
    started.step = "wrapup"
    assert started.neighbour_step(1) is None
    assert started.elapsed_minutes(LATER) == 40


# --- autosave and resume ----------------------------------------------------------------


def test_saved_draft_loads_back_exactly(started):
    state = filled(started)
    state.step = "ask"
    save_draft(state.meeting_id, state)
    assert load_draft(state.meeting_id) == state
    [draft] = open_drafts()
    assert draft.meeting_id == state.meeting_id and draft.step_title == "Ask"
    assert draft.supporter_name == "Ana García"


def test_erasing_the_person_takes_the_draft_and_says_so_plainly(started):
    save_draft(started.meeting_id, started)
    people.erase([started.supporter_id])
    with pytest.raises(DraftError) as gone:
        load_draft(started.meeting_id)
    assert "no longer stored" in gone.value.message
    assert "erased" in gone.value.message
    with pytest.raises(DraftError):
        save_draft(started.meeting_id, started)
    assert open_drafts() == []


def test_discarding_an_ad_hoc_draft_deletes_it_and_a_scheduled_one_is_rescheduled(database):
    ana = person()
    ad_hoc = meetings.start_ad_hoc(ana, now=STARTED)
    discard_draft(ad_hoc.meeting_id)
    assert Meeting.get_or_none(Meeting.id == ad_hoc.meeting_id) is None
    planned = meetings.schedule(ana, "introductory", STARTED, now=STARTED).meeting_id
    meetings.start_meeting(planned, now=STARTED)
    discard_draft(planned)
    assert Meeting.get_by_id(planned).status == "scheduled"
    assert Meeting.get_by_id(planned).draft == ""


@pytest.mark.slow
def test_a_draft_survives_the_process_being_killed_mid_save(started, data_dir: Path):
    child = textwrap.dedent(
        f"""
        import sys
        from oneonone_desktop.paths import database_path
        from oneonone_desktop.store.connection import open_database
        from oneonone_desktop.services.wizard_state import load_draft, save_draft
        open_database(database_path(__import__("pathlib").Path({str(data_dir)!r})))
        state = load_draft({started.meeting_id})
        n = 0
        while True:
            n += 1
            state.notes["connection"] = "note " * n
            state.learned = str(n)
            save_draft({started.meeting_id}, state)
            print(n, flush=True)
        """
    )
    save_draft(started.meeting_id, started)
    proc = subprocess.Popen(
        [sys.executable, "-c", child],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    confirmed = 0
    while confirmed < 25:
        line = proc.stdout.readline()
        assert line, "the child process stopped before saving"
        confirmed = int(line)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    state = load_draft(started.meeting_id)
    saved = int(state.learned)
    assert saved >= confirmed
    assert state.notes["connection"] == "note " * saved
    assert state.questions == started.questions


# --- finishing --------------------------------------------------------------------------


def test_finishing_without_any_commitment_is_refused_with_a_clear_message(started):
    problems = validate_for_finish(started, now=LATER)
    assert "activity, date, time and goal" in problems["ask"]
    assert "Not yet" in problems["ask"]


def test_a_commitment_needs_activity_date_time_and_goal(started):
    started.ask = AskDraft(activity="Huddle")
    problems = validate_for_finish(started, now=LATER)
    assert set(problems) == {"ask.date", "ask.time", "ask.goal"}
    assert problems["ask.goal"].startswith("Write the goal")


def test_a_commitment_in_the_past_or_before_the_meeting_is_refused(started):
    started.ask = good_ask()
    started.ask.date, started.ask.time = dt.date(2030, 3, 5), dt.time(18, 20)
    assert "already passed" in validate_for_finish(started, now=LATER)["ask.date"]
    started.ask.date = dt.date(2030, 3, 1)
    assert "before this 1:1 started" in validate_for_finish(started, now=LATER)["ask.date"]


def test_not_yet_needs_a_reason_and_a_date_to_ask_again(started):
    started.ask = AskDraft(not_yet=True)
    problems = validate_for_finish(started, now=LATER)
    assert set(problems) == {"ask.not_yet_reason", "ask.ask_again_on"}
    started.ask = AskDraft(not_yet=True, not_yet_reason="Exams", ask_again_on=dt.date(2030, 1, 1))
    assert "has passed" in validate_for_finish(started, now=LATER)["ask.ask_again_on"]
    started.ask.ask_again_on = dt.date(2030, 6, 1)
    assert validate_for_finish(started, now=LATER) == {}


def test_a_promise_needs_text_and_a_due_date_and_empty_rows_are_ignored(started):
    started.ask = good_ask()
    started.promises = [
        PromiseDraft("Call back"),
        PromiseDraft("", dt.date(2030, 3, 8)),
        PromiseDraft(),
        PromiseDraft("Late", dt.date(2030, 3, 1)),
    ]
    problems = validate_for_finish(started, now=LATER)
    assert problems == {
        "promises.0.due_on": "Promise 1: choose when you will do it.",
        "promises.1.text": "Promise 2: write what you promised.",
        "promises.3.due_on": "Promise 4: that date has passed; choose today or later.",
    }


def test_a_refused_finish_changes_nothing(started):
    state = filled(started)
    state.ask.goal = ""
    with pytest.raises(ValidationError) as refused:
        finish(state.meeting_id, state, now=LATER)
    assert "ask.goal" in refused.value.problems
    assert Answer.select().count() == 0 and Commitment.select().count() == 0
    assert Meeting.get_by_id(state.meeting_id).status == "in_progress"


def test_finish_records_everything_the_wizard_captured(started):
    state = filled(started)
    save_draft(state.meeting_id, state)
    result = finish(state.meeting_id, state, now=LATER)

    answers = {a.number: a for a in Answer.select().where(Answer.meeting == state.meeting_id)}
    assert list(answers) == ["5", "5a", "7", "11c", "11c.i", "11c.i.1", "12"]  # 7a was hidden
    assert answers["5a"].question_text == "If so, how?" and answers["5a"].answer == "I stayed home"
    assert answers["11c.i.1"].yes_no == "yes"
    assert answers["12"].choice == "Join our huddle"
    assert answers["12"].answer == "Tuesday 7 pm at the library"

    commitment = Commitment.get_by_id(result.commitment_id)
    assert commitment.status == "pending" and commitment.due_at == dt.datetime(2030, 3, 12, 19)
    assert commitment.goal == "Bring two friends"
    [promise] = Promise.select().where(Promise.id.in_(result.promise_ids))
    assert promise.text == "Send the huddle address" and promise.due_on == dt.date(2030, 3, 6)

    consents = ConsentRecord.select().where(ConsentRecord.supporter == state.supporter_id)
    assert {(c.channel, c.granted, c.how) for c in consents} == {
        ("email_list", True, "said yes during 1:1"),
        ("social_mention", True, "said yes during 1:1"),
    }
    data = people.load_data(state.supporter_id)
    assert data.labels["issue"] == ["housing", "transit"]
    assert data.labels["skill"] == ["graphic design"]
    assert data.stage_key == "supporter"
    assert all_ids(Supporter._meta.database, SupporterFilter(search="transit")) == [
        state.supporter_id
    ]

    meeting = Meeting.get_by_id(state.meeting_id)
    assert meeting.status == "held" and meeting.ended_at == LATER and meeting.draft == ""
    assert meeting.purpose_explained and meeting.learned == "Neighbours are organizing already"
    assert meeting.notes == "Connection: Rents went up 30%\n\nStory: Told the bus story"
    capture = json.loads(meeting.capture)
    assert capture["values"] == ["fairness"] and capture["stage_before"] == "prospect"
    assert Supporter.get_by_id(state.supporter_id).last_contact_at is not None
    with pytest.raises(DraftError):
        load_draft(state.meeting_id)


def test_not_yet_is_recorded_with_reason_and_ask_again_date(started):
    started.ask = AskDraft(not_yet=True, not_yet_reason="Exams", ask_again_on=dt.date(2030, 6, 1))
    result = finish(started.meeting_id, started, now=LATER)
    commitment = Commitment.get_by_id(result.commitment_id)
    assert commitment.status == "not_yet" and commitment.due_at is None
    assert commitment.not_yet_reason == "Exams" and commitment.ask_again_on == dt.date(2030, 6, 1)


def test_editing_or_deleting_questions_never_changes_a_finished_meetings_answers(started):
    state = filled(started)
    finish(state.meeting_id, state, now=LATER)
    five_a = number(state, "5a")
    question_sets.update_question(five_a, text="How, if at all?")
    question_sets.remove_question(number(state, "5"))
    kept = Answer.get((Answer.meeting == state.meeting_id) & (Answer.number == "5a"))
    assert kept.question_text == "If so, how?" and kept.question_id is None


def test_a_question_deleted_mid_meeting_still_records_its_answer_with_its_wording(started):
    state = filled(started)
    question_sets.remove_question(number(state, "12"))
    finish(state.meeting_id, state, now=LATER)
    kept = Answer.get((Answer.meeting == state.meeting_id) & (Answer.number == "12"))
    assert kept.question_text.startswith("When are you next available")
    assert kept.question_id is None


def test_a_finished_meeting_cannot_be_finished_twice(started):
    state = filled(started)
    finish(state.meeting_id, state, now=LATER)
    with pytest.raises(DraftError):
        finish(state.meeting_id, state, now=LATER)
    assert Commitment.select().count() == 1
