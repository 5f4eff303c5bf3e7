"""Opening the database: pragmas, refusal of bad files, and nothing changed when refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
)
from oneonone_desktop.store.migrations import LATEST_VERSION
from oneonone_desktop.store.models import LadderStage, Supporter


def test_new_database_has_safe_pragmas_and_latest_schema(database):
    pragma = lambda name: database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("foreign_keys") == 1
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2
    assert pragma("user_version") == LATEST_VERSION


def test_new_database_starts_with_the_ladder_of_engagement(database):
    keys = [s.key for s in LadderStage.select().order_by(LadderStage.position)]
    assert keys == ["prospect", "supporter", "member", "active", "leader"]


def test_reopening_keeps_data_and_does_not_duplicate_defaults(tmp_path: Path):
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    Supporter.create(first_name="Ana")
    close_database(db)
    db = open_database(path)
    assert [s.first_name for s in Supporter.select()] == ["Ana"]
    assert LadderStage.select().count() == 5
    close_database(db)


def test_database_written_by_a_newer_app_is_refused_and_untouched(tmp_path: Path):
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as info:
        open_database(path)
    assert "newer version" in info.value.message
    assert path.read_bytes() == before


def test_file_that_is_not_a_database_is_refused_as_damaged(tmp_path: Path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is a shopping list, not a database" * 100)
    with pytest.raises(DatabaseCorrupt) as info:
        open_database(path)
    assert "damaged" in info.value.message
    assert path.read_bytes().startswith(b"this is a shopping list")


def test_locked_database_gives_a_busy_message(tmp_path: Path, monkeypatch):
    path = tmp_path / "locked.sqlite3"
    close_database(open_database(path))
    monkeypatch.setattr("oneonone_desktop.store.connection.BUSY_TIMEOUT_SECONDS", 0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked) as info:
            open_database(path)
        assert "busy" in info.value.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.skipif(
    not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
    reason="root can write to read-only files",
)
def test_read_only_folder_is_refused_with_a_plain_message(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseReadOnly):
            open_database(folder / "d.sqlite3")
    finally:
        folder.chmod(0o700)


def test_unwritable_location_is_refused_with_a_plain_message(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DatabaseReadOnly) as info:
        open_database(blocker / "sub" / "d.sqlite3")
    assert "cannot be written" in info.value.message


def test_damage_inside_the_file_is_found_by_the_deferred_check(tmp_path: Path):
    from oneonone_desktop.store.connection import integrity_problem

    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    for i in range(400):
        Supporter.create(first_name=f"Person {i}", background="x" * 200)
    close_database(db)
    assert integrity_problem(path) is None
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # scribble over the header of every other page
        for page_start in range(4096 * 2, size, 4096 * 2):
            handle.seek(page_start)
            handle.write(b"\xff" * 12)
    problem = integrity_problem(path)
    assert problem is not None and "damaged" in problem.message
