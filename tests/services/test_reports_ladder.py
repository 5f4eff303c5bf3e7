"""Ladder history: editing a person or finishing a 1:1 records the move; migration 7 back-fills."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from oneonone_desktop.services import meetings
from oneonone_desktop.services import supporters as people
from oneonone_desktop.services.supporters import SupporterData
from oneonone_desktop.services.wizard_state import AskDraft, finish
from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.models import LadderStage, StageChange


def _stage(key: str) -> LadderStage:
    return LadderStage.get(LadderStage.key == key)


def test_editing_a_persons_stage_records_the_move_with_the_rungs_positions(database):
    ana = people.create_supporter(SupporterData(first_name="Ana", stage_key="prospect")).id
    assert StageChange.select().count() == 0  # entering someone is not a move

    data = people.load_data(ana)
    data.stage_key = "member"
    people.update_supporter(ana, data)
    data.city = "Riverside"
    people.update_supporter(ana, data)  # stage unchanged: nothing more

    (move,) = StageChange.select()
    assert move.supporter_id == ana
    assert (move.from_stage_id, move.to_stage_id) == (_stage("prospect").id, _stage("member").id)
    assert (move.from_position, move.to_position) == (
        _stage("prospect").position,
        _stage("member").position,
    )
    assert move.meeting_id is None


def test_finishing_a_1on1_that_moves_the_person_records_the_move_and_the_meeting(database):
    ana = people.create_supporter(SupporterData(first_name="Ana", stage_key="prospect")).id
    state = meetings.start_ad_hoc(ana, now=dt.datetime(2030, 3, 5, 18, 0))
    state.ask = AskDraft(not_yet=True, not_yet_reason="Exams", ask_again_on=dt.date(2030, 4, 1))
    state.stage_key = "supporter"
    finish(state.meeting_id, state, now=dt.datetime(2030, 3, 5, 18, 40))

    (move,) = StageChange.select()
    assert move.meeting_id == state.meeting_id
    assert move.to_stage_id == _stage("supporter").id


def test_schema_7_fills_the_history_from_finished_meetings(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old = open_database(path, migrate_to=6, bind=False)
    for position, key in enumerate(("prospect", "supporter", "member")):  # seeded long ago
        old.execute_sql(
            "INSERT INTO ladder_stage (key, label, position) VALUES (?, ?, ?)",
            (key, key.title(), position),
        )
    old.execute_sql(
        "INSERT INTO supporter (id, first_name, last_name, preferred_name, pronouns, language,"
        " street, street2, city, region, postal_code, country, how_met, background,"
        " thank_you_preference, created_at, updated_at) VALUES (1, 'Ana', '', '', '', '', '', '',"
        " '', '', '', '', '', '', '', '2025-01-01', '2025-01-01')"
    )
    captures = [
        {"stage_before": "prospect", "stage_after": "member"},  # a move
        {"stage_before": "member", "stage_after": "member"},  # no move
        {"stage_before": None, "stage_after": None},  # no stage chosen
        {"stage_before": None, "stage_after": "supporter"},  # a first stage
    ]
    for n, capture in enumerate(captures, start=1):
        old.execute_sql(
            "INSERT INTO meeting (id, supporter_id, status, duration_minutes, place, in_person,"
            " purpose_explained, notes, learned, draft, capture, created_at, updated_at)"
            " VALUES (?, 1, 'held', 45, '', 1, 1, '', '', '', ?, ?, ?)",
            (n, json.dumps(capture), f"2025-02-0{n} 10:00:00", f"2025-02-0{n} 10:00:00"),
        )
    old.execute_sql(
        "INSERT INTO meeting (id, supporter_id, status, duration_minutes, place, in_person,"
        " purpose_explained, notes, learned, draft, capture, created_at, updated_at)"
        " VALUES (9, 1, 'held', 45, '', 1, 1, '', '', '', 'not json', '2025-02-09', '2025-02-09')"
    )
    close_database(old)

    db = open_database(path, backup_dir=tmp_path / "backups")
    moves = list(StageChange.select().order_by(StageChange.changed_at))
    assert [(m.meeting_id, m.to_stage.key) for m in moves] == [(1, "member"), (4, "supporter")]
    assert moves[0].from_stage.key == "prospect" and moves[1].from_stage is None
    assert moves[0].changed_at == dt.datetime(2025, 2, 1, 10, 0)
    close_database(db)
