"""Backups: made once a day, rotated 7 daily + 4 weekly, restored atomically, checked."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store import backups, crypto
from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.encrypt_folder import encrypt_data
from oneonone_desktop.store.migrations import LATEST_VERSION

NOON = dt.datetime(2025, 3, 31, 12, 0, 0)  # a Monday


def _names(folder: Path) -> set[str]:
    return {b.path.name for b in backups.list_backups(folder)}


def _people(path: Path, passphrase: str | None = None) -> list[str]:
    conn = crypto.connect(path, passphrase, readonly=True)
    try:
        return [r[0] for r in conn.execute("SELECT first_name FROM supporter ORDER BY id")]
    finally:
        conn.close()


def test_automatic_backup_is_made_at_most_once_a_day_and_verified(database, data_dir):
    create_supporter(SupporterData(first_name="Ana"))
    path, folder = database_path(data_dir), backup_dir(data_dir)
    first = backups.automatic_backup(path, folder, now=NOON)
    assert first is not None and first.kind == backups.AUTO
    assert backups.automatic_backup(path, folder, now=NOON + dt.timedelta(hours=5)) is None
    assert backups.automatic_backup(path, folder, now=NOON + dt.timedelta(days=1)) is not None
    assert _people(first.path) == ["Ana"]
    assert not list(folder.glob("*.part"))


def test_rotation_keeps_seven_days_four_weeks_and_every_other_kind(tmp_path: Path):
    folder = tmp_path / "backups"
    folder.mkdir()
    today = NOON.date()
    for days_ago in range(60):
        for hour in (9, 18):
            when = NOON - dt.timedelta(days=days_ago) + dt.timedelta(hours=hour - 12)
            (folder / f"auto-{when:%Y%m%d-%H%M%S}.sqlite3").write_bytes(b"x")
    kept_always = {
        "before-migration-5-20240101-080000.sqlite3",
        "manual-20240102-080000.sqlite3",
        "before-restore-20240103-080000.sqlite3",
    }
    for name in kept_always:
        (folder / name).write_bytes(b"x")
    removed = backups.rotate(folder, today)
    autos = sorted(b.made_at for b in backups.list_backups(folder) if b.kind == backups.AUTO)
    days = {m.date() for m in autos}
    assert all(m.hour == 18 for m in autos)  # the newest of each day
    assert {today - dt.timedelta(days=n) for n in range(7)} <= days
    weeks = {m.date().isocalendar()[:2] for m in autos}
    assert len(weeks) == 4 and len(autos) <= 7 + 4
    assert kept_always <= _names(folder)
    assert len(removed) == 120 - len(autos)


def test_restore_backs_up_the_current_state_then_replaces_it(database, data_dir):
    create_supporter(SupporterData(first_name="Before"))
    saved = backups.make_backup(database, backup_dir(data_dir))
    create_supporter(SupporterData(first_name="After"))
    close_database(database)
    safety = backups.restore(data_dir, saved.path)
    path = database_path(data_dir)
    assert _people(path) == ["Before"]
    assert safety is not None and safety.kind == backups.BEFORE_RESTORE
    assert _people(safety.path) == ["Before", "After"]
    assert not list(data_dir.glob("*.restoring"))
    reopened = open_database(path, backup_dir=backup_dir(data_dir))
    close_database(reopened)


def test_a_damaged_backup_is_refused_and_nothing_changes(database, data_dir, tmp_path):
    create_supporter(SupporterData(first_name="Kept"))
    close_database(database)
    bad = tmp_path / "manual-20250101-000000.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    before = database_path(data_dir).read_bytes()
    with pytest.raises(backups.BackupUnusable) as info:
        backups.restore(data_dir, bad)
    assert bad.name in info.value.message and "Nothing was changed" in info.value.message
    assert database_path(data_dir).read_bytes() == before
    assert not backups.list_backups(backup_dir(data_dir))


def test_restoring_an_older_format_is_brought_up_to_date_on_open(data_dir, tmp_path):
    path = database_path(data_dir)
    old = open_database(path, backup_dir=backup_dir(data_dir), migrate_to=3)
    close_database(old)
    copy = tmp_path / "manual-20250101-000000.sqlite3"
    copy.write_bytes(path.read_bytes())
    close_database(open_database(path, backup_dir=backup_dir(data_dir)))
    backups.restore(data_dir, copy)
    db = open_database(path, backup_dir=backup_dir(data_dir))
    try:
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    finally:
        close_database(db)
    kinds = [b.kind for b in backups.list_backups(backup_dir(data_dir))]
    assert backups.BEFORE_MIGRATION in kinds and backups.BEFORE_RESTORE in kinds


def test_a_plain_backup_restored_into_a_locked_folder_is_locked_on_the_way_in(database, data_dir):
    create_supporter(SupporterData(first_name="Quillon"))
    plain = backups.make_backup(database, data_dir / "elsewhere")
    close_database(database)
    encrypt_data(data_dir, "a long passphrase")
    backups.restore(data_dir, plain.path, data_passphrase="a long passphrase")
    path = database_path(data_dir)
    assert crypto.is_encrypted(path) and b"Quillon" not in path.read_bytes()
    assert _people(path, "a long passphrase") == ["Quillon"]


def test_check_finds_nothing_wrong_with_sound_data(database, data_dir):
    create_supporter(SupporterData(first_name="Ana"))
    close_database(database)
    assert backups.check_data(database_path(data_dir)) == []


def test_check_names_a_missing_table_and_damage(database, data_dir, tmp_path):
    close_database(database)
    path = database_path(data_dir)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE touch")
    conn.commit()
    conn.close()
    problems = backups.check_data(path)
    assert any("touch is missing" in p for p in problems)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(path.read_bytes()[:4096] + b"\x00\x13" * 6000)
    assert backups.check_data(junk)
    assert "There is no data file" in backups.check_data(tmp_path / "none.sqlite3")[0]


def test_save_copy_writes_a_verified_file_elsewhere(database, tmp_path):
    create_supporter(SupporterData(first_name="Ana"))
    dest = backups.save_copy(database, tmp_path / "stick" / "my-data")
    assert dest.name == "my-data.sqlite3"
    assert _people(dest) == ["Ana"]
