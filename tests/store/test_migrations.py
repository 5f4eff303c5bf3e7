"""Migrations: an older database opens, keeps its data, and is backed up first."""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from oneonone_desktop.store import models
from oneonone_desktop.store.backup import verify
from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.migrations import LATEST_VERSION, migration_files, statements


def test_database_from_schema_1_upgrades_and_keeps_its_supporters(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    backups = tmp_path / "backups"
    old = open_database(path, backup_dir=backups, migrate_to=1, bind=False)
    old.execute_sql(
        "INSERT INTO supporter (first_name, last_name, preferred_name, pronouns, language, street,"
        " street2, city, region, postal_code, country, how_met, background,"
        " thank_you_preference, created_at, updated_at) VALUES ('Rosa', 'Parks', '', '', '', '',"
        " '', 'Montgomery', '', '', '', '', 'bus boycott', '', '2017-01-01', '2017-01-01')"
    )
    close_database(old)

    db = open_database(path, backup_dir=backups)
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    rosa = models.Supporter.get(models.Supporter.last_name == "Parks")
    assert rosa.city == "Montgomery"
    models.Meeting.create(supporter=rosa)  # the new tables exist and link to old rows
    close_database(db)

    made = sorted(backups.glob("before-migration-2-*.sqlite3"))
    assert len(made) == 1
    assert verify(made[0])


def test_frozen_schema_matches_the_models(database: SqliteDatabase):
    for model in models.ALL_MODELS:
        table = model._meta.table_name
        stored = {c.name for c in database.get_columns(table)}
        declared = {f.column_name for f in model._meta.sorted_fields}
        assert stored == declared, table


def test_every_migration_file_splits_into_complete_statements():
    for version, path in migration_files():
        parts = list(statements(path.read_text(encoding="utf-8")))
        assert parts, version
        assert all(p.rstrip().endswith(";") for p in parts)


def test_failed_migration_rolls_back_and_keeps_the_old_version(tmp_path: Path, monkeypatch):
    path = tmp_path / "d.sqlite3"
    close_database(open_database(path, migrate_to=1, bind=False))
    broken = tmp_path / "sql"
    broken.mkdir()
    for _version, file in migration_files():
        (broken / file.name).write_text(file.read_text())
    (broken / "0002_meetings_followup.sql").write_text(
        "CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;\n"
    )
    monkeypatch.setattr("oneonone_desktop.store.migrations.SQL_DIR", broken)
    import pytest

    from oneonone_desktop.store.errors import DatabaseCorrupt

    with pytest.raises(DatabaseCorrupt):
        open_database(path, bind=False)
    db = SqliteDatabase(str(path))
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == 1
    assert "half_done" not in db.get_tables()
    db.close()
