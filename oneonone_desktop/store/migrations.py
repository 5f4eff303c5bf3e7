"""Numbered schema migrations (frozen SQL in store/sql/), each in one transaction, backup first.

The schema version lives in `PRAGMA user_version`. A database newer than the app is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from peewee import SqliteDatabase

from oneonone_desktop.store.backup import backup_connection, timestamped_name
from oneonone_desktop.store.errors import DatabaseTooNew

SQL_DIR = Path(__file__).resolve().parent / "sql"


def migration_files() -> list[tuple[int, Path]]:
    """(version, file) for every migration, in order."""
    found = []
    for path in sorted(SQL_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        found.append((int(path.name[:4]), path))
    return found


LATEST_VERSION = max(version for version, _ in migration_files())


def statements(sql: str) -> Iterator[str]:
    """Split a migration file into complete statements (comments and blanks dropped)."""
    buffer: list[str] = []
    for line in sql.splitlines():
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer.append(line)
        text = "\n".join(buffer)
        if sqlite3.complete_statement(text):
            yield text
            buffer = []
    if buffer and "\n".join(buffer).strip():
        raise ValueError("A migration file ends with an incomplete statement.")


def schema_version(database: SqliteDatabase) -> int:
    return int(database.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(
    database: SqliteDatabase,
    *,
    path: Path,
    backup_dir: Path | None,
    target: int = LATEST_VERSION,
) -> list[int]:
    """Bring the schema up to `target`; returns the versions applied.

    A database that already holds data is backed up before the first migration runs.
    """
    current = schema_version(database)
    if current > LATEST_VERSION:
        raise DatabaseTooNew(path, current, LATEST_VERSION)
    pending = [(v, f) for v, f in migration_files() if current < v <= target]
    if not pending:
        return []
    if current > 0 and backup_dir is not None:
        dest = backup_dir / timestamped_name(f"before-migration-{pending[0][0]}")
        backup_connection(database.connection(), dest)
    applied = []
    for version, file in pending:
        with database.atomic():
            for statement in statements(file.read_text(encoding="utf-8")):
                database.execute_sql(statement)
            database.execute_sql(f"PRAGMA user_version = {version:d}")
        applied.append(version)
    return applied
