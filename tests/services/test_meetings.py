"""Scheduling 1:1s: validation, warnings, conflicts, lists, and starting one."""

from __future__ import annotations

import datetime as dt

import pytest
from peewee import fn

from oneonone_desktop.services import agendas, meetings, question_sets
from oneonone_desktop.services import supporters as people
from oneonone_desktop.services.supporters import SupporterData, ValidationError
from oneonone_desktop.services.wizard_state import load_draft
from oneonone_desktop.store.models import Answer, Commitment, Meeting, Promise, Supporter

NOW = dt.datetime(2030, 3, 4, 12, 0)


def person(first: str = "Ana", language: str = "") -> int:
    data = SupporterData(first_name=first, last_name="García", language=language)
    return int(people.create_supporter(data).id)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2030, 3, day, hour, minute)


def test_schedule_stores_a_meeting_with_the_kinds_default_length(database):
    ana = person()
    result = meetings.schedule(ana, "introductory", at(5, 18), place="Library", now=NOW)
    stored = meetings.get_meeting(result.meeting_id)
    assert stored.status == "scheduled" and stored.duration_minutes == 45
    assert stored.place == "Library" and stored.kind_key == "introductory"
    assert stored.supporter_name == "Ana García"
    assert stored.ends_at == at(5, 18, 45)
    assert result.in_past is False and result.conflicts == [] and result.warnings == []


@pytest.mark.parametrize("minutes", [0, -30, 241])
def test_a_zero_negative_or_overlong_meeting_is_refused_and_nothing_stored(database, minutes):
    ana = person()
    with pytest.raises(ValidationError) as refused:
        meetings.schedule(ana, "introductory", at(5, 18), minutes, now=NOW)
    assert "30 to 45 minutes" in refused.value.problems["minutes"]
    assert Meeting.select().count() == 0


def test_a_missing_person_or_unknown_kind_is_refused_with_every_problem_named(database):
    with pytest.raises(ValidationError) as refused:
        meetings.schedule(999, "coffee", None, 45, now=NOW)
    problems = refused.value.problems
    assert problems["supporter"] == "No person with id 999 is in your list."
    assert "Unknown kind of meeting 'coffee'" in problems["kind"]
    assert "starts_at" in problems
    with pytest.raises(ValidationError) as nobody:
        meetings.schedule(None, "introductory", at(5, 18), now=NOW)
    assert nobody.value.problems == {"supporter": "Choose the person you are meeting."}


def test_a_past_time_is_stored_but_flagged(database):
    result = meetings.schedule(person(), "introductory", at(1, 9), 30, now=NOW)
    assert result.in_past is True
    assert "That time has already passed." in result.warnings
    assert Meeting.get_by_id(result.meeting_id).status == "scheduled"


def test_overlapping_meetings_are_reported_but_back_to_back_ones_are_not(database):
    first = meetings.schedule(person("Ana"), "introductory", at(5, 18), 45, now=NOW)
    overlap = meetings.schedule(person("Ben"), "planning", at(5, 18, 30), 30, now=NOW)
    assert [m.id for m in overlap.conflicts] == [first.meeting_id]
    assert "It overlaps your 1:1 with Ana García at 18:00." in overlap.warnings
    after = meetings.conflicts(at(5, 18, 50), 30)
    assert [m.id for m in after] == [overlap.meeting_id]
    assert meetings.conflicts(at(5, 19, 0), 30) == []
    assert meetings.conflicts(at(5, 17, 30), 45) == [meetings.get_meeting(first.meeting_id)]
    assert meetings.conflicts(at(5, 17, 15), 45) == []
    assert meetings.conflicts(at(5, 18), 45, exclude_id=first.meeting_id)[0].id == (
        overlap.meeting_id
    )


def test_cancelled_meetings_do_not_conflict(database):
    first = meetings.schedule(person(), "introductory", at(5, 18), now=NOW)
    meetings.cancel(first.meeting_id, "they are ill")
    assert meetings.conflicts(at(5, 18), 45) == []
    assert "Cancelled: they are ill" in Meeting.get_by_id(first.meeting_id).notes


def test_reschedule_moves_the_meeting_and_ignores_its_own_old_slot(database):
    first = meetings.schedule(person(), "introductory", at(5, 18), now=NOW)
    moved = meetings.reschedule(first.meeting_id, at(5, 18, 15), 30, place="Café", now=NOW)
    assert moved.conflicts == []
    info = meetings.get_meeting(first.meeting_id)
    assert info.scheduled_at == at(5, 18, 15) and info.duration_minutes == 30
    assert info.place == "Café"
    with pytest.raises(ValidationError):
        meetings.reschedule(first.meeting_id, at(6, 18), 0, now=NOW)
    assert meetings.get_meeting(first.meeting_id).scheduled_at == at(5, 18, 15)


def test_lists_split_upcoming_past_and_drafts(database):
    ana, ben = person("Ana"), person("Ben")
    soon = meetings.schedule(ana, "introductory", at(5, 18), now=NOW).meeting_id
    later = meetings.schedule(ben, "planning", at(9, 10), now=NOW).meeting_id
    missed = meetings.schedule(ben, "planning", at(2, 10), now=NOW).meeting_id
    gone = meetings.schedule(ana, "debrief", at(3, 10), now=NOW).meeting_id
    meetings.cancel(gone)
    draft = meetings.start_ad_hoc(ben, now=NOW).meeting_id
    assert [m.id for m in meetings.upcoming(now=NOW)] == [soon, later]
    assert [m.id for m in meetings.past(now=NOW)] == [gone, missed]
    assert [m.id for m in meetings.drafts()] == [draft]
    assert {m.id for m in meetings.for_supporter(ben)} == {later, missed, draft}


def test_starting_a_scheduled_meeting_snapshots_agenda_questions_and_purpose(database):
    ana = person()
    meeting_id = meetings.schedule(ana, "introductory", at(5, 18), now=NOW).meeting_id
    meetings.set_candidate_asks(meeting_id, [3, 1, 3])
    state = meetings.start_meeting(meeting_id, now=at(5, 18, 2))
    assert [s.title for s in state.agenda] == [
        "Purpose",
        "Connection",
        "Story",
        "Strategy",
        "Ask",
        "Wrap-up",
    ]
    assert state.step == "purpose" and state.started_at == at(5, 18, 2)
    assert len(state.questions) == 28 and state.questions[0].number == "1"
    assert "to get to know you, tell you about our group's mission" in state.purpose_script
    assert state.candidate_ask_ids == [3, 1]
    stored = Meeting.get_by_id(meeting_id)
    assert stored.status == "in_progress" and stored.question_set_id == state.question_set_id
    assert load_draft(meeting_id) == state
    assert meetings.start_meeting(meeting_id) == state  # starting again resumes


def test_a_spanish_speaker_gets_the_spanish_questions(database):
    state = meetings.start_ad_hoc(person(language="es"), now=NOW)
    assert state.questions[0].text.startswith("¿")


def test_planning_and_debrief_have_their_own_agendas(database):
    kinds = {k.key: k for k in agendas.list_kinds()}
    assert [s.title for s in kinds["planning"].steps] == [
        "Purpose",
        "Review",
        "Plan the work",
        "Roles",
        "Ask",
        "Wrap-up",
    ]
    assert [s.title for s in kinds["debrief"].steps][1:5] == [
        "What happened",
        "What we learned",
        "Celebrate",
        "Next step Ask",
    ]
    assert all(k.default_minutes == 45 for k in kinds.values())
    assert all(step.prompts for k in kinds.values() for step in k.steps)


def test_an_edited_agenda_applies_to_new_meetings_not_to_one_under_way(database):
    ana = person()
    under_way = meetings.start_ad_hoc(ana, "planning", now=NOW)
    steps = [*agendas.get_kind("planning").steps]
    steps.insert(1, agendas.AgendaStep("checkin", "Check in", "notes", ("How are you?",)))
    agendas.update_kind("planning", steps)
    assert [s.key for s in load_draft(under_way.meeting_id).agenda][1] == "review"
    fresh = meetings.start_ad_hoc(person("Ben"), "planning", now=NOW)
    assert fresh.agenda[1].key == "checkin"
    agendas.reset_kind("planning")
    assert agendas.get_kind("planning").steps[1].key == "review"


def test_a_bad_agenda_is_refused_with_the_step_named(database):
    steps = [agendas.AgendaStep("a", "", "notes"), agendas.AgendaStep("a", "Two", "dance")]
    with pytest.raises(ValidationError) as refused:
        agendas.update_kind("planning", steps)
    problems = refused.value.problems
    assert problems["steps.1.title"] == "Step 1 needs a title."
    assert "same key" in problems["steps.2.key"] and "steps.2.page" in problems


def test_question_set_edits_during_a_meeting_do_not_change_its_snapshot(database):
    state = meetings.start_ad_hoc(person(), now=NOW)
    question_sets.update_question(state.questions[0].id, text="Reworded?")
    assert load_draft(state.meeting_id).questions[0].text == state.questions[0].text


def test_held_or_cancelled_meetings_cannot_be_started(database):
    meeting_id = meetings.schedule(person(), "introductory", at(5, 18), now=NOW).meeting_id
    meetings.cancel(meeting_id)
    with pytest.raises(ValidationError, match="cancelled"):
        meetings.start_meeting(meeting_id)


def test_demo_data_grows_meetings_commitments_promises_and_a_resumable_draft(database):
    from oneonone_desktop.services import demo, organizer

    demo_today = dt.date(2025, 6, 1)
    demo.generate(database, 400, seed=3, today=demo_today)
    statuses = dict(
        Meeting.select(Meeting.status, fn.COUNT(Meeting.id)).group_by(Meeting.status).tuples()
    )
    assert statuses["held"] == 16 and statuses["scheduled"] == 4 and statuses["in_progress"] == 1
    commitments = {c.status for c in Commitment.select(Commitment.status)}
    assert {"kept", "missed", "not_yet"} <= commitments
    assert Promise.select().count() > 0
    branch_answers = list(Answer.select().where(Answer.number == "5a"))
    assert branch_answers  # 5a only shows after a yes to 5; seed 3 gives some
    for answer in branch_answers:
        parent = Answer.get((Answer.meeting == answer.meeting) & (Answer.number == "5"))
        assert parent.yes_no == "yes" and answer.question_text == "If so, how?"
    for answer in Answer.select().where(Answer.number == "7c"):
        parent = Answer.get((Answer.meeting == answer.meeting) & (Answer.number == "7"))
        assert parent.yes_no == "no"
    upcoming = meetings.upcoming(now=dt.datetime.combine(demo_today, dt.time(20)))
    assert len(upcoming) == 4
    assert all(meetings.conflicts(m.scheduled_at, m.duration_minutes, m.id) == [] for m in upcoming)
    [draft] = meetings.drafts()
    state = load_draft(draft.id)
    assert state.step == "connection" and state.questions and state.purpose_explained
    assert len(organizer.list_stories()) == 4
    assert any(s.issues == ("housing",) for s in organizer.list_stories())
    held = Supporter.get_by_id(Meeting.get(Meeting.status == "held").supporter_id).last_contact_at
    assert held is not None


def test_demo_meetings_are_the_same_for_the_same_seed(tmp_path):
    from oneonone_desktop.services import demo
    from oneonone_desktop.store.connection import close_database, open_database

    def made(name: str) -> list[tuple[object, ...]]:
        database = open_database(tmp_path / name, bind=False)
        try:
            demo.generate(database, 300, seed=9, today=dt.date(2025, 6, 1))
            sql = (
                "SELECT m.id, m.supporter_id, m.status, m.scheduled_at, a.number, a.answer,"
                " a.yes_no FROM meeting m LEFT JOIN answer a ON a.meeting_id = m.id"
                " ORDER BY m.id, a.id"
            )
            return database.execute_sql(sql).fetchall()
        finally:
            close_database(database)

    assert made("a.sqlite3") == made("b.sqlite3")
