"""Copies of the database made with SQLite's online backup API, verified and written atomically."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path


def verify(path: Path) -> bool:
    """True when the file at `path` is a sound SQLite database."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return bool(row) and row[0] == "ok"


def backup_connection(source: sqlite3.Connection, dest: Path) -> Path:
    """Copy an open database into `dest` atomically (temporary file, fsync, rename)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    target = sqlite3.connect(tmp)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    if not verify(tmp):
        tmp.unlink(missing_ok=True)
        raise OSError(f"The backup written to {dest} did not pass its integrity check.")
    os.replace(tmp, dest)
    return dest


def backup_file(source: Path, dest: Path) -> Path:
    """Copy the database file at `source` into `dest`."""
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        return backup_connection(conn, dest)
    finally:
        conn.close()


def timestamped_name(prefix: str) -> str:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"{prefix}-{stamp}.sqlite3"
