"""Copies of the database made with SQLite's online backup API, verified and written atomically."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from oneonone_desktop.store import crypto


def verify(path: Path, passphrase: str | None = None) -> bool:
    """True when the file at `path` is a sound SQLite database (encrypted: with `passphrase`)."""
    try:
        conn = crypto.connect(path, passphrase, readonly=True)
    except Exception as exc:
        if crypto.is_driver_error(exc):
            return False
        raise
    try:
        row = conn.execute("PRAGMA integrity_check").fetchone()
    except Exception as exc:
        if crypto.is_driver_error(exc):
            return False
        raise
    finally:
        conn.close()
    return bool(row) and row[0] == "ok"


def backup_connection(source: Any, dest: Path, passphrase: str | None = None) -> Path:
    """Copy an open database into `dest` atomically (temporary file, fsync, rename).

    An encrypted database (a SQLCipher connection) is copied encrypted with its passphrase.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    if passphrase is None:
        passphrase = crypto.passphrase_of_connection(source)
    target = crypto.connect(tmp, passphrase)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    if not verify(tmp, passphrase):
        tmp.unlink(missing_ok=True)
        raise OSError(f"The backup written to {dest} did not pass its integrity check.")
    os.replace(tmp, dest)
    crypto.sync_folder(dest.parent)
    return dest


def backup_file(source: Path, dest: Path, passphrase: str | None = None) -> Path:
    """Copy the database file at `source` into `dest` (encrypted: with `passphrase`, or the
    one remembered for `source`)."""
    if passphrase is None and crypto.is_encrypted(source):
        passphrase = crypto.passphrase_for(source)
    conn = crypto.connect(source, passphrase, readonly=True)
    try:
        return backup_connection(conn, dest, passphrase)
    finally:
        conn.close()


def timestamped_name(prefix: str) -> str:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"{prefix}-{stamp}.sqlite3"
