"""Tasks and the calendar: items in a range, the today list, done / snooze / skip / move."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_desktop.services import tasks
from oneonone_desktop.services.supporters import SupporterData, create_supporter, erase
from oneonone_desktop.services.tasks import TaskError
from oneonone_desktop.store.models import Commitment, Meeting, Promise, Supporter, Task, Touch

TODAY = dt.date(2026, 3, 10)
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def person(first: str = "Ana", last: str = "García", **fields) -> int:
    return int(create_supporter(SupporterData(first_name=first, last_name=last, **fields)).id)


def task(title: str, due_on: dt.date, **fields) -> int:
    return int(tasks.add_task(title, due_on, **fields).id)


def keys(items) -> list[str]:
    return [item.key for item in items]


def test_month_shows_meetings_tasks_commitments_and_promises_in_order(database):
    sid = person(preferred_name="Annie")
    meeting = Meeting.create(
        supporter=sid, scheduled_at=dt.datetime(2026, 3, 12, 19, 0), place="Library"
    )
    tid = task("Thank Annie", dt.date(2026, 3, 12), kind="thank_you", supporter_id=sid)
    commitment = Commitment.create(
        supporter=sid, activity="Phone bank", due_at=dt.datetime(2026, 3, 20, 18, 0)
    )
    promise = Promise.create(supporter=sid, text="Send the report\nwith notes", due_on=TODAY)
    Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 4, 2, 19, 0))  # not in March
    Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 3, 13, 9), status="cancelled")

    items = tasks.items_between(*MARCH, today=TODAY)
    assert keys(items) == [
        f"promise:{promise.id}",
        f"task:{tid}",
        f"meeting:{meeting.id}",
        f"commitment:{commitment.id}",
    ]
    promise_item, task_item, meeting_item, commitment_item = items
    assert promise_item.title == "Send the report" and promise_item.kind == "promise"
    assert task_item.person_name == "Annie García" and task_item.time is None
    assert meeting_item.title == "1:1 with Annie García" and meeting_item.place == "Library"
    assert meeting_item.time == dt.time(19, 0) and meeting_item.minutes == 45
    assert commitment_item.title == "Phone bank" and commitment_item.time == dt.time(18, 0)


def test_kinds_filter_keeps_only_those_kinds(database):
    sid = person()
    Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 3, 12, 19, 0))
    task("Thank", dt.date(2026, 3, 12), kind="thank_you")
    task("Call", dt.date(2026, 3, 13), kind="check_in")
    found = tasks.items_between(*MARCH, kinds=["thank_you", "meeting"], today=TODAY)
    assert sorted(i.kind for i in found) == ["meeting", "thank_you"]


def test_promise_with_its_own_task_is_shown_once(database):
    sid = person()
    promise = Promise.create(supporter=sid, text="Send flyer", due_on=dt.date(2026, 3, 12))
    Task.create(
        supporter=sid,
        promise=promise.id,
        kind="promise",
        title="Send flyer",
        due_on=dt.date(2026, 3, 12),
        uid="p1",
    )
    assert [i.source for i in tasks.items_between(*MARCH, today=TODAY)] == ["task"]


def test_recurring_check_in_shows_its_current_and_projected_occurrences(database):
    tid = task("Check in", dt.date(2026, 3, 3), kind="check_in", rrule="FREQ=WEEKLY;INTERVAL=1")
    items = tasks.items_between(*MARCH, today=TODAY)
    assert [i.date.day for i in items] == [3, 17, 24, 31]  # 10 March is today: not projected twice
    current, *projected = items
    assert current.key == f"task:{tid}" and current.overdue and current.recurring
    assert projected[0].key == f"task:{tid}@2026-03-17" and not projected[0].overdue


def test_overdue_flags_open_items_before_today_only(database):
    sid = person()
    task("Late", dt.date(2026, 3, 5))
    done = task("Done", dt.date(2026, 3, 5))
    tasks.mark_done(done)
    Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 3, 2, 10), status="scheduled")
    Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 3, 3, 10), status="held")
    items = tasks.items_between(*MARCH, today=TODAY)
    flags = {i.title: (i.overdue, i.done) for i in items if i.source == "task"}
    assert flags == {"Late": (True, False), "Done": (False, True)}
    meetings = [(i.status, i.overdue, i.done) for i in items if i.source == "meeting"]
    assert meetings == [("scheduled", True, False), ("held", False, True)]


def test_today_list_sections(database):
    sid = person()
    overdue = task("Overdue", TODAY - dt.timedelta(days=3), supporter_id=sid)
    task("Due", TODAY)
    task("Later", TODAY + dt.timedelta(days=3))
    snoozed = task("Snoozed to today", TODAY - dt.timedelta(days=9))
    tasks.snooze(snoozed, TODAY)
    Meeting.create(supporter=sid, scheduled_at=dt.datetime.combine(TODAY, dt.time(18)))
    Promise.create(supporter=sid, text="Call the clinic", due_on=TODAY + dt.timedelta(days=20))
    Promise.create(supporter=sid, text="Kept one", status="kept")
    Commitment.create(supporter=sid, activity="Rally", due_at=dt.datetime(2026, 3, 15, 12))
    Commitment.create(supporter=sid, activity="Far away", due_at=dt.datetime(2026, 4, 15, 12))

    today = tasks.today_list(TODAY)
    assert keys(today.overdue) == [f"task:{overdue}"]
    assert [i.title for i in today.due_today] == ["Due", "Snoozed to today", "1:1 with Ana García"]
    assert [i.title for i in today.promises_owed] == ["Call the clinic"]
    assert [i.title for i in today.commitments_soon] == ["Rally"]
    assert today.count == 4 == tasks.attention_count(TODAY)


def test_done_check_in_restarts_from_the_day_it_was_done_and_records_the_contact(database):
    sid = person()
    tid = task(
        "Check in", dt.date(2026, 2, 1), kind="check_in", rrule="FREQ=WEEKLY;INTERVAL=4",
        supporter_id=sid, channel="call", is_ask=True,
    )  # fmt: skip
    done = tasks.mark_done(tid, on=TODAY, note="Talked about the rally")
    assert done.status == "open" and done.due_on == TODAY + dt.timedelta(weeks=4)
    touch = Touch.get(Touch.supporter == sid)
    assert touch.kind == "call" and touch.is_ask and "Talked about the rally" in touch.note
    assert Supporter.get_by_id(sid).last_contact_at == touch.happened_at


def test_done_thank_you_records_a_non_ask_touch_and_keeps_the_latest_contact(database):
    sid = person()
    recent = dt.datetime(2030, 1, 1, 12)
    Supporter.update(last_contact_at=recent).where(Supporter.id == sid).execute()
    tid = task("Thank", TODAY, kind="thank_you", supporter_id=sid, channel="card")
    assert tasks.mark_done(tid).status == "done"
    touch = Touch.get(Touch.supporter == sid)
    assert touch.kind == "card" and not touch.is_ask
    assert Supporter.get_by_id(sid).last_contact_at == recent


def test_done_recurring_task_moves_to_its_next_occurrence_and_ends_with_the_series(database):
    tid = task("Weekly", dt.date(2026, 3, 2), rrule="FREQ=WEEKLY;COUNT=3")
    assert tasks.mark_done(tid, on=TODAY).due_on == dt.date(2026, 3, 16)
    finished = tasks.mark_done(tid, on=dt.date(2026, 3, 16))
    assert finished.status == "done"


def test_done_promise_task_marks_the_promise_kept(database):
    sid = person()
    promise = Promise.create(supporter=sid, text="Send flyer", due_on=TODAY)
    t = Task.create(
        supporter=sid, promise=promise.id, kind="promise", title="x", due_on=TODAY, uid="u"
    )
    tasks.mark_done(t.id)
    assert Promise.get_by_id(promise.id).status == "kept"


def test_snooze_moves_the_item_and_reopen_brings_it_back(database):
    tid = task("Call", dt.date(2026, 3, 5))
    tasks.snooze(tid, dt.date(2026, 3, 20))
    (item,) = tasks.items_between(*MARCH, today=TODAY)
    assert item.date == dt.date(2026, 3, 20) and item.status == "snoozed" and not item.overdue
    tasks.reopen(tid)
    (item,) = tasks.items_between(*MARCH, today=TODAY)
    assert item.date == dt.date(2026, 3, 5) and item.overdue


def test_skip_keeps_the_note_and_a_recurring_task_goes_on(database):
    once = task("Once", TODAY)
    skipped = tasks.skip(once, "They moved away", today=TODAY)
    assert skipped.status == "skipped" and skipped.status_note == "They moved away"
    weekly = task("Weekly", dt.date(2026, 3, 3), rrule="FREQ=WEEKLY")
    moved = tasks.skip(weekly, "Holiday", today=TODAY)
    assert moved.status == "open" and moved.due_on == dt.date(2026, 3, 17)
    with pytest.raises(TaskError):
        tasks.snooze(once, dt.date(2026, 4, 1))


def test_move_item_reschedules_tasks_series_meetings_and_commitments(database):
    sid = person()
    tid = task("Call", dt.date(2026, 3, 5), due_time=dt.time(9, 0))
    tasks.move_item(f"task:{tid}", dt.date(2026, 3, 6))
    assert Task.get_by_id(tid).due_on == dt.date(2026, 3, 6)
    assert Task.get_by_id(tid).due_time == dt.time(9, 0)
    tasks.move_item(f"task:{tid}", dt.date(2026, 3, 7), dt.time(14, 30))
    assert Task.get_by_id(tid).due_time == dt.time(14, 30)

    series = task("Weekly", dt.date(2026, 3, 3), rrule="FREQ=WEEKLY")
    tasks.move_item(f"task:{series}@2026-03-17", dt.date(2026, 3, 18))
    assert Task.get_by_id(series).due_on == dt.date(2026, 3, 4)

    meeting = Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 3, 12, 19, 0))
    tasks.move_item(f"meeting:{meeting.id}", dt.date(2026, 3, 14))
    assert Meeting.get_by_id(meeting.id).scheduled_at == dt.datetime(2026, 3, 14, 19, 0)

    commitment = Commitment.create(
        supporter=sid, activity="Rally", due_at=dt.datetime(2026, 3, 20, 18)
    )
    check = Task.create(
        supporter=sid, commitment=commitment.id, kind="commitment_check", title="How did it go",
        due_on=dt.date(2026, 3, 21), uid="c1",
    )  # fmt: skip
    tasks.move_item(f"commitment:{commitment.id}", dt.date(2026, 3, 27))
    assert Commitment.get_by_id(commitment.id).due_at == dt.datetime(2026, 3, 27, 18)
    assert Task.get_by_id(check.id).due_on == dt.date(2026, 3, 28)

    with pytest.raises(TaskError):
        tasks.move_item("nonsense", TODAY)
    with pytest.raises(TaskError):
        tasks.move_item("meeting:99999", TODAY)


def test_task_without_a_person_works_everywhere(database):
    tid = task("Buy stamps", TODAY, kind="thank_you")
    (item,) = tasks.items_between(*MARCH, today=TODAY)
    assert item.person_name == "" and item.supporter_id is None
    assert tasks.today_list(TODAY).due_today[0].key == f"task:{tid}"
    assert tasks.mark_done(tid).status == "done"
    assert Touch.select().count() == 0


def test_erasing_a_person_removes_their_tasks_and_nothing_crashes(database):
    sid = person()
    tid = task("Thank", TODAY, supporter_id=sid)
    erase([sid])
    assert tasks.items_between(*MARCH, today=TODAY) == []
    assert tasks.today_list(TODAY).count == 0
    with pytest.raises(TaskError) as info:
        tasks.mark_done(tid)
    assert "erased" in info.value.message


def test_bad_new_tasks_are_refused_in_plain_words(database):
    with pytest.raises(TaskError):
        tasks.add_task(" ", TODAY)
    with pytest.raises(TaskError):
        tasks.add_task("x", TODAY, kind="party")
    with pytest.raises(TaskError) as info:
        tasks.add_task("x", TODAY, rrule="FREQ=HOURLY")
    assert "once a day" in info.value.message
    assert Task.select().count() == 0


def test_day_summaries_count_what_items_between_shows(database):
    sid = person(phones=["555-010-2000", "555-010-3000"], emails=["ana@example.org"])
    task("A", TODAY, kind="thank_you")
    task("B", TODAY, kind="thank_you")
    done = task("C", TODAY - dt.timedelta(days=1), kind="check_in")
    tasks.mark_done(done)
    task("D", TODAY - dt.timedelta(days=2), kind="check_in")
    snoozed = task("E", TODAY - dt.timedelta(days=2))
    tasks.snooze(snoozed, TODAY)
    task("Weekly", dt.date(2026, 3, 3), kind="check_in", rrule="FREQ=WEEKLY")
    Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 3, 12, 19, 0))
    summaries = tasks.day_summaries(*MARCH, today=TODAY)
    by_hand: dict[dt.date, tuple[int, int, int, dict[str, int]]] = {}
    for item in tasks.items_between(*MARCH, today=TODAY):
        total, open_, late, kinds = by_hand.get(item.date, (0, 0, 0, {}))
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
        by_hand[item.date] = (total + 1, open_ + (not item.done), late + item.overdue, kinds)
    assert {d: (s.total, s.open, s.overdue, s.kinds) for d, s in summaries.items()} == by_hand
    assert summaries[TODAY].kinds == {"thank_you": 2, "other": 1}
    assert summaries[TODAY - dt.timedelta(days=2)].overdue == 1


def test_contact_details_gives_the_first_phone_and_email(database):
    sid = person(phones=["555-010-2000", "555-010-3000"], emails=["ana@example.org"])
    assert tasks.contact_details([sid, 12345]) == {
        sid: ("555-010-2000", "ana@example.org"),
        12345: ("", ""),
    }


def test_demo_makes_tasks_of_every_kind_overdue_done_and_recurring(database):
    from oneonone_desktop.services import demo, followup
    from oneonone_desktop.services.supporters import has_consent

    demo.generate(database, 1000, seed=3, today=TODAY)
    rows = Task.select(Task.kind, Task.status, Task.rrule, Task.due_on, Task.supporter)
    assert {t.kind for t in rows} == set(Task.KINDS)
    assert any(t.status == "open" and t.due_on < TODAY for t in rows)
    assert {"done", "skipped", "snoozed"} <= {t.status for t in rows}
    assert any(t.rrule == "FREQ=WEEKLY;INTERVAL=4" for t in rows)
    for t in rows:
        if t.kind == "add_to_lists":
            assert has_consent(t.supporter_id, "email_list")
        if t.kind == "social_mention":
            assert has_consent(t.supporter_id, "social_mention")
    assert tasks.items_between(*MARCH, today=TODAY)
    assert tasks.today_list(TODAY).count > 0
    assert followup.only_asked() is not None


def test_demo_tasks_are_the_same_for_the_same_seed(data_dir, tmp_path):
    from oneonone_desktop.services import demo
    from oneonone_desktop.store.connection import close_database, open_database

    def made(name: str) -> list[tuple[object, ...]]:
        database = open_database(tmp_path / name, bind=False)
        try:
            demo.generate(database, 300, seed=5, today=TODAY)
            return database.execute_sql(
                "SELECT kind, title, due_on, status, rrule, uid FROM task ORDER BY id"
            ).fetchall()
        finally:
            close_database(database)

    assert made("a.sqlite3") == made("b.sqlite3")
