"""Open the database: pragmas, health check, migrations and default rows, with clear errors."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import OperationalError, SqliteDatabase

from oneonone_desktop.store import crypto
from oneonone_desktop.store.defaults import ensure_defaults
from oneonone_desktop.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    StoreError,
)
from oneonone_desktop.store.migrations import LATEST_VERSION, migrate, schema_version
from oneonone_desktop.store.models import db

PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a power cut never loses a committed change
    "secure_delete": 1,  # erased people leave no bytes behind
    "cache_size": -16000,
}
BUSY_TIMEOUT_SECONDS = 3.0


def _classify(path: Path, exc: Exception) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLocked(path)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseReadOnly(path)
    if "disk i/o" in text or "full" in text:
        return DatabaseReadOnly(path)
    return DatabaseCorrupt(path, str(exc))


def _check_writable(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseReadOnly(path) from exc
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseReadOnly(path)
    if not os.access(folder, os.W_OK):
        raise DatabaseReadOnly(path)


def _precheck(path: Path, *, full: bool = True, passphrase: str | None = None) -> None:
    """Check an existing file read-only, before any pragma can change its header.

    Without `full`, only the header and schema version are read (the whole-file check then runs
    later through `integrity_problem`, e.g. after the window has painted). `passphrase` opens
    an encrypted file (see store.crypto).
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = crypto.connect(path, passphrase, readonly=True, timeout=BUSY_TIMEOUT_SECONDS)
    except Exception as exc:
        if not crypto.is_driver_error(exc):
            raise
        raise _classify(path, exc) from exc
    try:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        if version > LATEST_VERSION:
            raise DatabaseTooNew(path, version, LATEST_VERSION)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        if full:
            result = conn.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise DatabaseCorrupt(path, str(result[0]) if result else "")
    except Exception as exc:
        if not crypto.is_driver_error(exc):
            raise
        raise _classify(path, exc) from exc
    finally:
        conn.close()


def _key_for(path: Path, passphrase: str | None) -> str | None:
    """The passphrase to open `path` with: None for a plain file; PassphraseNeeded or
    WrongPassphrase (nothing changed) for an encrypted one without the right passphrase."""
    if not crypto.is_encrypted(path):
        return None
    if passphrase is None:
        raise crypto.PassphraseNeeded(path)
    if not crypto.available():
        raise crypto.EncryptionUnavailable(path)
    crypto.check_passphrase(path, passphrase)
    return passphrase


def integrity_problem(path: Path, passphrase: str | None = None) -> DatabaseCorrupt | None:
    """Run SQLite's quick_check on its own read-only connection (safe from another thread).

    An encrypted file is opened with `passphrase` or, without it, the one the app remembers.
    """
    try:
        key = _key_for(path, passphrase or crypto.passphrase_for(path))
        _precheck(path, full=True, passphrase=key)
    except DatabaseCorrupt as exc:
        return exc
    except StoreError:
        return None  # busy or too new: not damage, and reported elsewhere
    return None


def open_database(
    path: Path,
    *,
    backup_dir: Path | None = None,
    migrate_to: int = LATEST_VERSION,
    bind: bool = True,
    check_integrity: bool = True,
    passphrase: str | None = None,
) -> SqliteDatabase:
    """Open (creating if needed) the database at `path`, check it and bring its schema up to date.

    With `bind` (the default) the models' placeholder is pointed at it. Raises a StoreError
    subclass for a locked, corrupt, read-only or too-new file; nothing is changed in that case.
    `check_integrity=False` skips the whole-file quick_check (the GUI runs it after first paint).
    An encrypted file needs its `passphrase` (crypto.PassphraseNeeded / WrongPassphrase
    otherwise); it is then remembered in memory for backups and checks (store.crypto).
    """
    path = Path(path)
    _check_writable(path)
    key = _key_for(path, passphrase)
    _precheck(path, full=check_integrity, passphrase=key)
    if key is None:
        database = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS)
    else:
        database = crypto.database_for(path, key, pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS)
        crypto.remember(path, key)
    try:
        database.connect()
        migrate(database, path=path, backup_dir=backup_dir, target=migrate_to)
        if bind:
            db.initialize(database)
        if schema_version(database) == LATEST_VERSION:
            with database.atomic():
                ensure_defaults(database)
    except StoreError:
        database.close()
        raise
    except (OperationalError, PeeweeDatabaseError, sqlite3.DatabaseError) as exc:
        database.close()
        raise _classify(path, exc) from exc
    except Exception as exc:
        database.close()
        if crypto.is_driver_error(exc):
            raise _classify(path, exc) from exc
        raise
    return database


def close_database(database: SqliteDatabase) -> None:
    """Close cleanly, folding the write-ahead log back into the main file."""
    if database.is_closed():
        return
    with contextlib.suppress(OperationalError, sqlite3.DatabaseError):
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
