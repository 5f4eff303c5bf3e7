"""Demo data: realistic, the same for the same seed, all or nothing, never mixed in by accident."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from oneonone_desktop.cli import main
from oneonone_desktop.services import demo
from oneonone_desktop.services import supporter_list as sl
from oneonone_desktop.services import supporters as svc
from oneonone_desktop.store.connection import close_database, open_database

TODAY = dt.date(2025, 6, 1)
DUMPS = {
    "supporter": "SELECT * FROM supporter ORDER BY id",
    "email": "SELECT supporter_id, address, label, position FROM supporter_email ORDER BY id",
    "phone": "SELECT supporter_id, number, label, position FROM supporter_phone ORDER BY id",
    "labels": "SELECT sl.supporter_id, l.kind, l.name FROM supporter_label sl"
    " JOIN label l ON l.id = sl.label_id ORDER BY sl.supporter_id, l.kind, l.name",
    "consent": "SELECT supporter_id, channel, granted, given_on, how, recorded_at"
    " FROM consent_record ORDER BY id",
}


def dump(database: SqliteDatabase) -> dict[str, list[tuple[object, ...]]]:
    return {name: database.execute_sql(sql).fetchall() for name, sql in DUMPS.items()}


def generated(folder: Path, people: int, seed: int) -> dict[str, list[tuple[object, ...]]]:
    database = open_database(folder / "db.sqlite3", bind=False)
    try:
        demo.generate(database, people, seed, today=TODAY)
        return dump(database)
    finally:
        close_database(database)


def index_sql(database: SqliteDatabase) -> list[str]:
    rows = database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
    )
    return [row[0] for row in rows]


def test_the_same_seed_gives_the_same_people_and_another_seed_others(tmp_path):
    first = generated(tmp_path / "a", 300, seed=7)
    again = generated(tmp_path / "b", 300, seed=7)
    other = generated(tmp_path / "c", 300, seed=8)
    assert first == again
    assert len(first["supporter"]) == 300
    assert first["supporter"] != other["supporter"]


def test_demo_people_look_like_a_real_varied_list(database):
    assert demo.generate(database, 2000, seed=1, today=TODAY) == 2000
    people = database.execute_sql(
        "SELECT id, first_name, last_name, preferred_name, pronouns, city, postal_code,"
        " referred_by_id, last_contact_at, background FROM supporter"
    ).fetchall()
    names = " ".join(f"{p[1]} {p[2]}" for p in people)
    assert re.search(r"[áéíóúñüçøåğ]", names), "accented names"
    assert re.search(r"[\u0400-\u04ff\u4e00-\u9fff\uac00-\ud7af]", names), "non-Latin names"
    assert any(p[3] for p in people) and any(p[4] for p in people)
    assert len({p[5] for p in people}) >= 8 and all(re.fullmatch(r"(\d{5})?", p[6]) for p in people)
    referred = [p for p in people if p[7]]
    assert referred and all(p[7] < p[0] for p in referred)
    year_ago = str(dt.datetime.combine(TODAY, dt.time()) - dt.timedelta(days=366))
    contacts = [p[8] for p in people if p[8]]
    assert 0.7 * len(people) < len(contacts) < len(people), "most, not all, were contacted"
    assert all(year_ago <= c <= f"{TODAY.isoformat()} 23:59" for c in contacts)
    assert sum(1 for p in people if p[9]) > len(people) / 2, "background notes"
    emails = [r[0] for r in database.execute_sql("SELECT address FROM supporter_email")]
    assert all(e.endswith(("@example.org", "@example.net")) for e in emails)
    assert len(set(emails)) == len(emails)
    phones = [r[0] for r in database.execute_sql("SELECT number_norm FROM supporter_phone")]
    assert all(re.fullmatch(r"\d{3}55501\d\d", p) for p in phones)
    assert len(set(phones)) == len(phones), "no two people share a phone (imports would merge)"
    stages = database.execute_sql("SELECT COUNT(DISTINCT stage_id) FROM supporter").fetchone()
    assert stages[0] == 5
    kinds = dict(
        database.execute_sql(
            "SELECT l.kind, COUNT(DISTINCT l.name) FROM supporter_label sl"
            " JOIN label l ON l.id = sl.label_id GROUP BY l.kind"
        ).fetchall()
    )
    assert kinds["tag"] >= 8 and kinds["issue"] >= 10 and kinds["skill"] and kinds["interest"]
    consenting = database.execute_sql(
        "SELECT COUNT(DISTINCT supporter_id) FROM consent_record WHERE granted = 1"
    ).fetchone()[0]
    assert len(people) / 2 < consenting < len(people), "many, not all, gave consent"


def test_demo_people_are_found_by_the_list_search(database):
    demo.generate(database, 500, seed=2, today=TODAY)
    person = svc.load_data(123)
    found = sl.fetch_page(database, sl.SupporterFilter(search=person.last_name[:4]), 0, 1000)
    assert 123 in [row.id for row in found]
    assert sl.count(database, sl.SupporterFilter(issue="housing")) > 0


def test_demo_fills_an_empty_organizer_profile_but_keeps_one_typed_in(database):
    demo.generate(database, 10, today=TODAY)
    name, chapter, vision = database.execute_sql(
        "SELECT name, chapter, local_vision FROM organizer_profile"
    ).fetchone()
    assert (name, chapter) == ("Sam Rivera", "Riverside Women's March") and vision
    database.execute_sql("UPDATE organizer_profile SET name = 'Dee', chapter = 'Eastside'")
    demo.generate(database, 10, seed=3, force=True, today=TODAY)
    row = database.execute_sql("SELECT name, chapter FROM organizer_profile").fetchone()
    assert row == ("Dee", "Eastside")


def test_demo_refuses_a_list_with_people_unless_forced(database):
    real = svc.create_supporter(svc.SupporterData(first_name="Rosa", last_name="Real")).id
    before = dump(database)
    with pytest.raises(demo.DemoRefused, match="already has 1 person;"):
        demo.generate(database, 50, today=TODAY)
    assert dump(database) == before
    assert demo.generate(database, 50, force=True, today=TODAY) == 50
    assert svc.load_data(real).last_name == "Real"
    ids = [r[0] for r in database.execute_sql("SELECT id FROM supporter ORDER BY id")]
    assert ids == list(range(real, real + 51))


def test_a_failing_step_leaves_nothing_behind_and_indexes_intact(database, monkeypatch):
    indexes = index_sql(database)

    def broken_step(db, rng, supporter_ids, today):
        raise RuntimeError("step failed")

    monkeypatch.setattr(demo, "STEPS", [broken_step])
    with pytest.raises(RuntimeError):
        demo.generate(database, 100, today=TODAY)
    assert database.execute_sql("SELECT COUNT(*) FROM supporter").fetchone()[0] == 0
    assert database.execute_sql("SELECT name FROM organizer_profile").fetchone()[0] == ""
    assert index_sql(database) == indexes


def test_steps_run_after_the_people_with_their_ids_and_the_day(database, monkeypatch):
    seen = []

    def step(db, rng, supporter_ids, today):
        count = db.execute_sql("SELECT COUNT(*) FROM supporter").fetchone()[0]
        seen.append((count, supporter_ids[:2], len(supporter_ids), today))

    monkeypatch.setattr(demo, "STEPS", [step])
    demo.generate(database, 30, today=TODAY)
    assert seen == [(30, [1, 2], 30, TODAY)]


def test_indexes_are_the_same_after_a_demo_load(database):
    before = index_sql(database)
    demo.generate(database, 50, today=TODAY)
    assert index_sql(database) == before


def test_progress_is_reported_up_to_the_total(database, monkeypatch):
    monkeypatch.setattr(demo, "CHUNK", 40)
    calls = []
    demo.generate(database, 100, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(40, 100), (80, 100), (100, 100)]


@pytest.mark.parametrize("people", [0, demo.MAX_PEOPLE + 1])
def test_an_impossible_number_of_people_is_refused(database, people):
    with pytest.raises(demo.DemoRefused, match="between 1 and"):
        demo.generate(database, people)


def test_demo_command_adds_people_then_refuses_a_second_time(capsys):
    assert main(["demo", "--people", "40", "--seed", "5"]) == 0
    assert capsys.readouterr().out.strip() == "Added 40 demo people (seed 5)."
    assert main(["demo", "--people", "10"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already has 40 people" in err and "--force" in err
    assert main(["demo", "--people", "10", "--force"]) == 0
    assert "Added 10 demo people" in capsys.readouterr().out


def test_demo_command_rejects_a_count_that_is_not_a_number(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--people", "lots"])
    assert exit_info.value.code == 2
    assert "'lots' is not a whole number" in capsys.readouterr().err


def test_demo_can_be_forced_twice_with_the_same_seed(database):
    from oneonone_desktop.store.models import Supporter, Task

    demo.generate(database, 60, seed=1, today=TODAY)
    tasks_before = Task.select().count()
    assert demo.generate(database, 60, seed=1, force=True, today=TODAY) == 60
    assert Supporter.select().count() == 120
    assert Task.select().count() > tasks_before
