"""Rotating, verified backups of the data file: made once a day, listed, saved elsewhere, restored.

Every copy is made with SQLite's online backup API (store.backup), checked with
integrity_check before it gets its final name, and named after what it is:

- ``auto-YYYYMMDD-HHMMSS.sqlite3``: made by itself when the app opens, at most once a day.
  `rotate` keeps the newest of each of the last 7 days and of each of the last 4 weeks.
- ``manual-…``: "Make a backup now" or ``oneonone backup``; kept until removed by hand.
- ``before-migration-N-…``: made before an update changes the format (store.migrations);
  always kept.
- ``before-restore-…``: the data as it was just before a restore; always kept.

An encrypted data folder has encrypted backups (same passphrase). Restoring keeps the folder
as it is: a plain backup restored into an encrypted folder is encrypted on the way in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.store import crypto
from oneonone_desktop.store.backup import backup_connection, backup_file, verify
from oneonone_desktop.store.errors import DatabaseTooNew, StoreError
from oneonone_desktop.store.migrations import LATEST_VERSION

AUTO, MANUAL, BEFORE_RESTORE = "auto", "manual", "before-restore"
BEFORE_MIGRATION = "before-migration"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_NAME = re.compile(
    r"^(?P<kind>auto|manual|before-restore|before-migration-(?P<version>\d+))"
    r"-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite3$"
)
_STAMP = "%Y%m%d-%H%M%S"
KIND_WORDS = {
    AUTO: "Automatic",
    MANUAL: "Made by you",
    BEFORE_MIGRATION: "Before an update",
    BEFORE_RESTORE: "Before a restore",
}


class BackupUnusable(StoreError):
    """A backup that cannot be restored (damaged, not a data file, or missing)."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: what it is, when it was made (local time), its size and state."""

    path: Path
    kind: str  # AUTO, MANUAL, BEFORE_MIGRATION or BEFORE_RESTORE
    made_at: dt.datetime
    size: int
    encrypted: bool

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]


def describe(path: Path) -> BackupInfo | None:
    """What the file at `path` is, from its name; None for a file that is not one of ours."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        made_at = dt.datetime.strptime(match["stamp"], _STAMP)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    kind = BEFORE_MIGRATION if match["version"] else match["kind"]
    return BackupInfo(path, kind, made_at, size, crypto.is_encrypted(path))


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder` (the data folder's backups folder), newest first."""
    if not folder.is_dir():
        return []
    found = [info for p in folder.glob("*.sqlite3") if (info := describe(p)) is not None]
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def _free_name(folder: Path, kind: str, now: dt.datetime) -> Path:
    stem = f"{kind}-{now.strftime(_STAMP)}"
    path = folder / f"{stem}.sqlite3"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}.sqlite3"
        number += 1
    return path


def make_backup(
    database: Any, folder: Path, kind: str = MANUAL, now: dt.datetime | None = None
) -> BackupInfo:
    """Copy the open peewee `database` into `folder` now; verified before it is named.

    Raises OSError (disk full, folder not writable, copy failed its check): nothing is left.
    """
    folder.mkdir(parents=True, exist_ok=True)
    dest = _free_name(folder, kind, now or dt.datetime.now())
    backup_connection(database.connection(), dest)
    info = describe(dest)
    assert info is not None
    return info


def backup_data_file(
    path: Path, folder: Path, kind: str, passphrase: str | None, now: dt.datetime | None = None
) -> BackupInfo:
    """Copy the data file at `path` through its own read-only connection (any thread)."""
    folder.mkdir(parents=True, exist_ok=True)
    dest = _free_name(folder, kind, now or dt.datetime.now())
    backup_file(path, dest, passphrase)
    info = describe(dest)
    assert info is not None
    return info


def needs_automatic(folder: Path, today: dt.date) -> bool:
    """True when no automatic backup was made today."""
    return not any(b.kind == AUTO and b.made_at.date() == today for b in list_backups(folder))


def automatic_backup(
    path: Path, folder: Path, passphrase: str | None = None, now: dt.datetime | None = None
) -> BackupInfo | None:
    """Make today's automatic backup of the data file at `path` unless there is one, then
    rotate; returns the new backup or None. Safe to run off the GUI thread."""
    now = now or dt.datetime.now()
    if not path.exists() or not needs_automatic(folder, now.date()):
        return None
    info = backup_data_file(path, folder, AUTO, passphrase, now)
    rotate(folder, now.date())
    return info


def rotate(folder: Path, today: dt.date) -> list[Path]:
    """Remove automatic backups beyond the newest of each of the last 7 days and the newest of
    each of the last 4 weeks; other kinds are never removed. Returns what was removed."""
    autos = [b for b in list_backups(folder) if b.kind == AUTO]  # newest first
    keep: set[Path] = set()
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    for backup in autos:
        day = backup.made_at.date()
        if day > today:  # the clock was wrong once: keep it, it may be the only copy
            keep.add(backup.path)
            continue
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(backup.path)
        week = day.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.add(backup.path)
    removed = []
    for backup in autos:
        if backup.path not in keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


def save_copy(database: Any, dest: Path) -> Path:
    """A verified copy of the open data at `dest` (a USB stick, another disk), written under
    a temporary name first. Encrypted data stays encrypted in the copy."""
    if dest.suffix.lower() not in (".sqlite3", ".db", ".sqlite"):
        dest = dest.with_name(dest.name + ".sqlite3")
    return backup_connection(database.connection(), dest)


# --- restoring ------------------------------------------------------------------------------


def backup_key_needed(backup: Path) -> bool:
    """True when the backup is encrypted (restoring it needs its passphrase)."""
    return crypto.is_encrypted(backup)


def check_backup(backup: Path, passphrase: str | None) -> None:
    """Raise a StoreError (BackupUnusable, WrongPassphrase, DatabaseTooNew, PassphraseNeeded)
    unless `backup` is a sound data file this app can open."""
    if not backup.is_file():
        raise BackupUnusable(backup, f"There is no backup file at {backup}.")
    key = None
    if crypto.is_encrypted(backup):
        if passphrase is None:
            raise crypto.PassphraseNeeded(backup)
        crypto.check_passphrase(backup, passphrase)
        key = passphrase
    if not verify(backup, key):
        raise BackupUnusable(
            backup,
            f"{backup.name} is damaged or is not a data file of this app; choose another "
            "backup. Nothing was changed.",
        )
    conn = crypto.connect(backup, key, readonly=True)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master").fetchall()}
    finally:
        conn.close()
    if version > LATEST_VERSION:
        raise DatabaseTooNew(backup, version, LATEST_VERSION)
    if version == 0 or "supporter" not in tables:
        raise BackupUnusable(
            backup, f"{backup.name} is not a data file of this app. Nothing was changed."
        )


def _fold_journal(path: Path, passphrase: str | None) -> None:
    """Fold the write-ahead log into the data file and remove it, so that a file put in its
    place never meets the old file's log. The app must have closed the data."""
    if path.exists():
        conn = crypto.connect(path, passphrase)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists() and suffix == "-wal" and side.stat().st_size > 0:
            raise OSError(
                f"{path} is still open in another program; close it and try again. "
                "Nothing was changed."
            )
        side.unlink(missing_ok=True)


def restore(
    data_dir: Path,
    backup: Path,
    *,
    backup_passphrase: str | None = None,
    data_passphrase: str | None = None,
    now: dt.datetime | None = None,
) -> BackupInfo | None:
    """Put `backup` in place of the data in `data_dir`, which the app must have closed.

    The backup is checked first; the current data is backed up ("before-restore"); the backup
    is copied to a temporary file beside the data file (encrypted with `data_passphrase` when
    the folder is encrypted, plain otherwise), checked again, and renamed over the data file.
    Returns the before-restore backup (None when there was no data). On any error nothing is
    changed. Reopening the data (open_database) then brings an older format up to date.
    """
    path = database_path(data_dir)
    folder = backup_dir(data_dir)
    check_backup(backup, backup_passphrase)
    backup_key = backup_passphrase if crypto.is_encrypted(backup) else None
    data_key = data_passphrase if crypto.is_encrypted(path) else None
    if crypto.is_encrypted(path) and data_key is None:
        raise crypto.PassphraseNeeded(path)
    safety = None
    if path.exists() and path.stat().st_size > 0:
        safety = backup_data_file(path, folder, BEFORE_RESTORE, data_key, now)
    temp = path.with_name(path.name + ".restoring")
    temp.unlink(missing_ok=True)
    try:
        if backup_key == data_key:
            backup_file(backup, temp, backup_key)
        else:
            crypto.convert(backup, temp, source_key=backup_key, dest_key=data_key)
        if not verify(temp, data_key):
            raise OSError(f"The copy of {backup.name} did not pass its check. Nothing changed.")
        _fold_journal(path, data_key)
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
    crypto.sync_folder(path.parent)
    return safety


# --- checking -------------------------------------------------------------------------------


def _schema(conn: Any) -> dict[str, set[str]]:
    """Table (and index) name -> column names, for the app's own objects."""
    found: dict[str, set[str]] = {}
    rows = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index') "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%'"
    ).fetchall()
    for kind, name in rows:
        pragma = "table_info" if kind == "table" else "index_info"
        found[name] = {str(r[2] if kind == "index" else r[1]) for r in conn.execute(
            f'PRAGMA {pragma}("{name}")').fetchall()}  # fmt: skip
    return found


def expected_schema(version: int) -> dict[str, set[str]]:
    """The tables, indexes and columns the migrations up to `version` create."""
    import sqlite3

    from oneonone_desktop.store.migrations import migration_files, statements

    conn = sqlite3.connect(":memory:")
    try:
        for number, file in migration_files():
            if number <= version:
                for statement in statements(file.read_text(encoding="utf-8")):
                    conn.execute(statement)
        return _schema(conn)
    finally:
        conn.close()


def check_data(path: Path, passphrase: str | None = None) -> list[str]:
    """Problems with the data file at `path`, in plain words: damage (integrity_check), a
    format this app does not know, missing tables or columns, rows pointing to missing rows.
    An empty list means the file is sound."""
    if not path.is_file():
        return [f"There is no data file at {path}."]
    key = passphrase if crypto.is_encrypted(path) else None
    if crypto.is_encrypted(path):
        if passphrase is None:
            raise crypto.PassphraseNeeded(path)
        crypto.check_passphrase(path, passphrase)
    try:
        conn = crypto.connect(path, key, readonly=True)
        try:
            integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                shown = "; ".join(integrity[:5])
                return [f"{path.name} is damaged ({shown}). Restore it from a backup."]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > LATEST_VERSION:
                raise DatabaseTooNew(path, version, LATEST_VERSION)
            problems = _schema_problems(path, _schema(conn), expected_schema(version))
            for table, count in _orphans(conn).items():
                problems.append(
                    f"{path.name}: {count:,} row(s) of table {table} point to rows that are gone."
                )
            return problems
        finally:
            conn.close()
    except StoreError:
        raise
    except Exception as exc:
        if crypto.is_driver_error(exc):
            return [f"{path.name} cannot be read as a data file ({exc})."]
        raise


def _schema_problems(
    path: Path, found: dict[str, set[str]], wanted: dict[str, set[str]]
) -> list[str]:
    problems = []
    for name, columns in sorted(wanted.items()):
        if name not in found:
            problems.append(f"{path.name}: table or index {name} is missing.")
        elif not columns <= found[name]:
            missing = ", ".join(sorted(columns - found[name]))
            problems.append(f"{path.name}: {name} lacks the column(s) {missing}.")
    return problems


def _orphans(conn: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in conn.execute("PRAGMA foreign_key_check").fetchall():
        counts[str(row[0])] = counts.get(str(row[0]), 0) + 1
    return counts
