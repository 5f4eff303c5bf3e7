"""The demo data gives the dashboard something to show: issues raised and moves up the ladder."""

from __future__ import annotations

import datetime as dt

from oneonone_desktop.services import demo, reports
from oneonone_desktop.services.report_data import Period
from oneonone_desktop.store.models import StageChange, Supporter

DAY = dt.date(2025, 3, 14)


def test_demo_1on1s_raise_issues_and_move_people_up_consistently(database):
    demo.generate(database, people=400, seed=3, today=DAY)
    board = reports.dashboard(database, Period.last("12m", DAY), today=DAY)
    assert board.held > 0 and board.issues and board.moves
    last_move: dict[int, int | None] = {}
    for change in StageChange.select().order_by(StageChange.changed_at, StageChange.id):
        assert change.to_position > (change.from_position or 0) or change.from_stage_id is None
        last_move[change.supporter_id] = change.to_stage_id
    for person, stage in last_move.items():
        assert Supporter.get_by_id(person).stage_id == stage  # the list shows where they are now


def test_the_demo_is_the_same_for_the_same_seed_and_day(database, tmp_path):
    from oneonone_desktop.store.connection import close_database, open_database

    demo.generate(database, people=150, seed=5, today=DAY)
    first = list(StageChange.select(StageChange.supporter, StageChange.to_stage).tuples())
    other = open_database(tmp_path / "again.sqlite3", bind=False)
    demo.generate(other, people=150, seed=5, today=DAY)
    again = other.execute_sql(
        "SELECT supporter_id, to_stage_id FROM stage_change ORDER BY id"
    ).fetchall()
    close_database(other)
    assert [tuple(r) for r in again] == first
