"""Dashboard figures from hand-built data match the counts worked out by hand below."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest

from oneonone_desktop.services import reports
from oneonone_desktop.services.report_data import Period, PeriodError, parse_period
from oneonone_desktop.store.models import (
    Action,
    Answer,
    Commitment,
    Label,
    LadderStage,
    Meeting,
    Promise,
    StageChange,
    Supporter,
    Task,
    Touch,
)

PERIOD = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 14))  # the previous: 15-28 Feb
TODAY = dt.date(2025, 3, 14)
_uid = iter(range(1, 1000))


def noon(day: str) -> dt.datetime:
    """A record timestamp (UTC) at noon, the same local day in any zone within ±11 hours."""
    return dt.datetime.fromisoformat(f"{day} 12:00")


def held(person: Supporter, day: str, **fields: object) -> Meeting:
    start = dt.datetime.fromisoformat(f"{day} 10:00")
    return Meeting.create(
        supporter=person,
        status="held",
        scheduled_at=start,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=45),
        **fields,
    )


def task(person: Supporter, kind: str, status: str, done: str | None, **fields: object) -> None:
    Task.create(
        supporter=person,
        kind=kind,
        title=kind,
        due_on=dt.date(2025, 3, 1),
        status=status,
        completed_at=noon(done) if done else None,
        uid=f"t{next(_uid)}",
        **fields,
    )


def move(person: Supporter, before: str | None, after: str | None, day: str) -> None:
    stage = {s.key: s for s in LadderStage.select()}
    StageChange.create(
        supporter=person,
        from_stage=stage[before] if before else None,
        to_stage=stage[after] if after else None,
        from_position=stage[before].position if before else None,
        to_position=stage[after].position if after else None,
        changed_at=noon(day),
    )


@pytest.fixture
def world(database) -> SimpleNamespace:
    """Everyone and everything the expected figures in the tests are counted from."""
    p = SimpleNamespace(
        **{n: Supporter.create(first_name=n) for n in ("Ana", "Ben", "Cleo", "Dev", "Fay")}
    )
    p.Eve = Supporter.create(first_name="Eve", archived_at=noon("2025-03-10"))
    p.Gus = Supporter.create(first_name="Gus", last_contact_at=noon("2025-01-10"))
    p.Hal = Supporter.create(first_name="Hal")
    for name in ("housing", "health care", "wages"):
        Label.create(kind="issue", name=name)
    rally = Action.create(title="Tenant rally")

    # 1:1s held in the period: Mon 3 Mar, Tue 4 Mar, Wed 5 Mar (Eve), Tue 11 Mar, Thu 13 Mar.
    m1 = held(p.Ana, "2025-03-03", capture=json.dumps({"issues": ["Housing"]}))
    m2 = held(p.Ben, "2025-03-04")
    Answer.create(meeting=m2, number="3", question_text="Why?", answer="Rents and housing.")
    Answer.create(meeting=m2, number="4", question_text="Feel?", answer="Health care costs.")
    m3 = held(p.Cleo, "2025-03-11", learned="Worried about wages.")
    m3.capture = json.dumps({"issues": ["transit"]})
    m3.save()
    m5 = held(p.Dev, "2025-03-13", capture=json.dumps({"issues": ["HOUSING"]}))
    m6 = held(p.Eve, "2025-03-05")
    Answer.create(meeting=m6, number="3", question_text="Why?", answer="Rehousing programs.")
    # Not counted: the period before, one only scheduled, one cancelled.
    m4 = held(p.Ana, "2025-02-20", capture=json.dumps({"issues": ["housing"]}))
    Meeting.create(supporter=p.Fay, status="scheduled", scheduled_at=dt.datetime(2025, 3, 6, 9))
    Meeting.create(supporter=p.Ben, status="cancelled", scheduled_at=dt.datetime(2025, 3, 7, 9))
    # Earlier 1:1s of the people who may have gone quiet.
    held(p.Gus, "2025-01-10")
    held(p.Hal, "2025-01-05")

    # Asks: kept, missed, pending, not yet (in the period), kept (before), pending (no 1:1).
    Commitment.create(supporter=p.Ana, meeting=m1, action=rally, status="kept")
    Commitment.create(supporter=p.Ben, meeting=m2, activity="Phone bank", status="missed")
    Commitment.create(supporter=p.Cleo, meeting=m3, action=rally, status="pending")
    Commitment.create(supporter=p.Dev, meeting=m5, status="not_yet", not_yet_reason="Exams")
    Commitment.create(supporter=p.Ana, meeting=m4, activity="Huddle", status="kept")
    Commitment.create(
        supporter=p.Fay, activity="Flyers", status="pending", created_at=noon("2025-03-08")
    )

    # Promises: on time, late, open and overdue, open, broken; one before, one after.
    for due, status, kept in (
        ("2025-03-05", "kept", "2025-03-05"),
        ("2025-03-06", "kept", "2025-03-09"),
        ("2025-03-10", "open", None),
        ("2025-03-14", "open", None),
        ("2025-03-07", "broken", None),
        ("2025-02-20", "kept", "2025-02-20"),
        ("2025-03-20", "open", None),
    ):
        Promise.create(
            supporter=p.Ana,
            text="x",
            due_on=dt.date.fromisoformat(due),
            status=status,
            kept_at=noon(kept) if kept else None,
        )

    # The ladder: Ana up twice; Ben down; Cleo given the lowest rung; Dev before; Eve up, down.
    move(p.Ana, "prospect", "supporter", "2025-03-03")
    move(p.Ana, "supporter", "member", "2025-03-10")
    move(p.Ben, "member", "supporter", "2025-03-05")
    move(p.Cleo, None, "prospect", "2025-03-11")
    move(p.Dev, "supporter", "active", "2025-02-25")
    move(p.Eve, "prospect", "supporter", "2025-03-06")
    move(p.Eve, "supporter", "prospect", "2025-03-08")

    # Thanks: Ana thanked next day; Ben called on the 5th day; Cleo's thank-you skipped.
    task(p.Ana, "thank_you", "done", "2025-03-04", meeting=m1)
    Touch.create(supporter=p.Ben, kind="call", happened_at=noon("2025-03-09"))
    task(p.Cleo, "thank_you", "skipped", "2025-03-12", meeting=m3)
    # Contacts of the people met long ago: Gus last on 1 Feb, Hal on 1 Mar.
    Touch.create(supporter=p.Gus, kind="card", happened_at=noon("2025-02-01"))
    Touch.create(supporter=p.Hal, kind="call", happened_at=noon("2025-03-01"))
    return p


def test_1on1s_are_counted_in_the_week_they_were_held_with_empty_weeks_shown(world, database):
    weeks = reports.held_per_week(database, PERIOD)
    assert weeks == [
        (dt.date(2025, 2, 24), 0),
        (dt.date(2025, 3, 3), 3),
        (dt.date(2025, 3, 10), 2),
    ]


def test_asks_count_every_commitment_of_the_period_by_status(world, database):
    asks = reports.commitments(database, PERIOD)
    assert (asks.made, asks.kept, asks.missed, asks.pending, asks.not_yet) == (5, 1, 1, 2, 1)


def test_commitments_are_grouped_by_action_or_activity_most_asked_first(world, database):
    by_action = dict(reports.commitments_by_action(database, PERIOD))
    assert next(iter(by_action)) == "Tenant rally"
    assert (by_action["Tenant rally"].kept, by_action["Tenant rally"].pending) == (1, 1)
    assert by_action["Phone bank"].missed == 1
    assert by_action["Flyers"].pending == 1
    assert by_action[reports.NO_COMMITMENT].not_yet == 1
    assert "Huddle" not in by_action  # asked in the period before


def test_promises_due_in_the_period_are_kept_on_time_late_open_or_broken(world, database):
    kept = reports.promises(database, PERIOD, TODAY)
    assert (kept.on_time, kept.late, kept.open, kept.overdue, kept.broken) == (1, 1, 2, 1, 1)
    assert kept.due == 5


def test_only_people_higher_at_the_end_than_at_the_start_moved_up(world, database):
    moves = reports.ladder_moves(database, PERIOD)
    assert [(m.supporter_id, m.from_label, m.to_label, m.on) for m in moves] == [
        (world.Ana.id, "Prospect", "Member", dt.date(2025, 3, 10))
    ]


def test_issues_come_from_the_1on1_notes_and_whole_words_in_answers(world, database):
    raised = reports.issues_raised(database, PERIOD)
    assert raised == {
        "housing": {world.Ana.id, world.Ben.id, world.Dev.id},
        "health care": {world.Ben.id},
        "wages": {world.Cleo.id},
        "transit": {world.Cleo.id},  # noted in the 1:1 though there is no such label yet
    }


def test_top_issues_compare_with_the_period_before(world, database):
    top = reports.top_issues(database, PERIOD, limit=2)
    assert [(i.name, i.people, i.previous, i.change) for i in top] == [
        ("housing", 3, 1, 2),
        ("health care", 1, 0, 1),
    ]


def test_people_not_thanked_within_two_days_are_listed_unthanked_first(world, database):
    due, in_time, late = reports.follow_up_after_meetings(database, PERIOD, TODAY)
    assert (due, in_time) == (4, 1)  # Ana, Ben, Cleo, Eve; Dev's two days are not over
    assert [(n.supporter_id, n.met_on, n.thanked_on) for n in late] == [
        (world.Cleo.id, dt.date(2025, 3, 11), None),
        (world.Ben.id, dt.date(2025, 3, 4), dt.date(2025, 3, 9)),
    ]  # Eve is archived: counted, not listed


def test_people_met_and_not_contacted_for_weeks_are_listed_longest_quiet_first(world, database):
    quiet, total = reports.not_contacted(database, weeks=2, today=TODAY)
    assert total == 1
    assert [(q.supporter_id, q.name, q.last_contact) for q in quiet] == [
        (world.Gus.id, "Gus", dt.date(2025, 2, 1))
    ]
    quiet, total = reports.not_contacted(database, weeks=1, today=TODAY)
    assert [q.name for q in quiet] == ["Gus", "Hal", "Ana"]  # Ben was called on the 9th
    shown, total = reports.not_contacted(database, weeks=1, today=TODAY, limit=2)
    assert len(shown) == 2 and total == 3


def test_the_dashboard_gathers_every_figure(world, database):
    board = reports.dashboard(database, PERIOD, today=TODAY, quiet_weeks=2)
    assert board.held == 5
    assert board.asks.made == 5
    assert [m.name for m in board.moves] == ["Ana"]
    assert board.issues[0].name == "housing"
    assert (board.thanks_due, board.thanked_in_time) == (4, 1)
    assert [q.name for q in board.quiet] == ["Gus"] and board.quiet_total == 1


def test_an_empty_database_gives_zeros_and_empty_lists(database):
    board = reports.dashboard(database, PERIOD, today=TODAY, quiet_weeks=4)
    assert board.held == 0 and len(board.per_week) == 3
    assert board.asks.made == 0 and board.promises.due == 0
    assert board.moves == [] and board.issues == [] and board.not_thanked == []
    assert board.quiet == [] and board.quiet_total == 0


def test_presets_and_the_period_before_cover_whole_days():
    assert Period.last("4w", TODAY) == Period(dt.date(2025, 2, 15), TODAY)
    assert Period.last("3m", TODAY) == Period(dt.date(2024, 12, 15), TODAY)
    assert Period.last("12m", dt.date(2024, 2, 29)) == Period(
        dt.date(2023, 3, 1), dt.date(2024, 2, 29)
    )
    assert Period.last("3m", dt.date(2025, 5, 31)).since == dt.date(2025, 3, 1)
    assert PERIOD.previous() == Period(dt.date(2025, 2, 15), dt.date(2025, 2, 28))


def test_typed_dates_make_a_period_and_bad_ones_say_what_is_wrong():
    assert parse_period("2025-03-01", "2025-03-14") == PERIOD
    assert parse_period(None, "2025-03-14") == Period.last("3m", TODAY)
    with pytest.raises(PeriodError, match="start date '2025-13-01' is not a date"):
        parse_period("2025-13-01", None, TODAY)
    with pytest.raises(PeriodError, match="is after the end"):
        parse_period("2025-03-15", "2025-03-14")
