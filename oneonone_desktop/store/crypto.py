"""Encryption at rest with SQLCipher: tell an encrypted file, open it with a passphrase, convert.

A data file is encrypted when its first 16 bytes are not SQLite's plain header (SQLCipher
writes a random salt there). The passphrase is never written anywhere: while the app runs it
is kept in this process's memory only (`remember` / `passphrase_for`), so that the backups,
the integrity check and the app lock can use it.

Converting a file (`convert`) goes through `sqlcipher_export` into a temporary file beside it,
which is checked (integrity and row counts) before it replaces the original; the replaced
copy is then overwritten with zeros where the file system allows it (`shred_replaced`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from oneonone_desktop.store.errors import StoreError

PLAIN_HEADER = b"SQLite format 3\x00"
PASSPHRASE_ENV = "ONEONONE_PASSPHRASE"
MIN_PASSPHRASE = 8
_KEYS: dict[str, str] = {}
_CHUNK = 1 << 20


class PassphraseNeeded(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path, f"The data file {path} is locked with a passphrase. Type it to open the data."
        )


class WrongPassphrase(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"That passphrase does not open {path}. Check Caps Lock and the keyboard layout, "
            "then try again. Nothing was changed.",
        )


class EncryptionUnavailable(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"The data file {path} is locked with a passphrase, but this copy of the app "
            "cannot open locked files (the sqlcipher3 package is missing). Reinstall the app.",
        )


def available() -> bool:
    """True when SQLCipher (the sqlcipher3 package) can be loaded."""
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def is_encrypted(path: Path) -> bool:
    """True when `path` looks like a SQLCipher file: whole pages (a multiple of 512 bytes),
    and a random salt where a plain SQLite file has its header."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
    except OSError:
        return False
    if size < 1024 or size % 512 != 0:
        return False
    return len(head) == len(PLAIN_HEADER) and head != PLAIN_HEADER


def passphrase_problem(passphrase: str) -> str:
    """Why this passphrase cannot be used, in plain words; empty when it is fine."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"Use at least {MIN_PASSPHRASE} characters (a few words are easy to remember)."
    if "\x00" in passphrase or passphrase != passphrase.strip():
        return "Leave out spaces at the start and end, and invisible characters."
    return ""


def _key_literal(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def _cipher_module() -> Any:
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:  # pragma: no cover - the dependency ships wheels everywhere
        raise EncryptionUnavailable(Path("?")) from exc
    return dbapi2


def connect(
    path: Path, passphrase: str | None = None, *, readonly: bool = False, timeout: float = 3.0
) -> Any:
    """A DB-API connection to `path`: plain sqlite3 without a passphrase, SQLCipher with one.

    The key is only applied; a wrong one shows up at the first read (see `check_passphrase`).
    """
    target = f"file:{path}?mode=ro" if readonly else str(path)
    if passphrase is None:
        return sqlite3.connect(target, uri=readonly, timeout=timeout)
    module = _cipher_module()
    conn = module.connect(target, uri=readonly, timeout=timeout)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not a log
        conn.execute(f"PRAGMA key = {_key_literal(passphrase)}")
    except Exception:
        conn.close()
        raise
    return conn


def is_driver_error(exc: BaseException) -> bool:
    """True for an error of sqlite3 or of SQLCipher (their classes are distinct)."""
    if isinstance(exc, sqlite3.Error):
        return True
    with contextlib.suppress(ImportError):
        from sqlcipher3 import dbapi2

        return isinstance(exc, dbapi2.Error)
    return False


def check_passphrase(path: Path, passphrase: str) -> None:
    """Raise WrongPassphrase unless `passphrase` opens the encrypted file at `path`."""
    try:
        conn = connect(path, passphrase, readonly=True)
    except Exception as exc:
        if is_driver_error(exc):
            raise WrongPassphrase(path) from exc
        raise
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except Exception as exc:
        if is_driver_error(exc) and "not a database" in str(exc):
            raise WrongPassphrase(path) from exc
        raise
    finally:
        conn.close()


def database_for(path: Path, passphrase: str, **options: Any) -> Any:
    """A peewee database (playhouse.sqlcipher_ext) for the encrypted file at `path`."""
    _cipher_module()
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    return SqlCipherDatabase(str(path), passphrase=passphrase, **options)


# --- the passphrase of the open data, in memory only ---------------------------------------


def _ring_key(path: Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def remember(path: Path, passphrase: str) -> None:
    """Keep the passphrase of `path` in memory while the app runs (never on disk)."""
    _KEYS[_ring_key(path)] = passphrase


def forget(path: Path) -> None:
    _KEYS.pop(_ring_key(path), None)


def passphrase_for(path: Path) -> str | None:
    """The remembered passphrase of `path`, or None (plain data, or not opened yet)."""
    return _KEYS.get(_ring_key(path))


def passphrase_of_connection(conn: Any) -> str | None:
    """The remembered passphrase of the main file behind an open DB-API connection."""
    if isinstance(conn, sqlite3.Connection):
        return None
    for _, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return passphrase_for(Path(file))
    return None


# --- converting files -----------------------------------------------------------------------


def _counts(conn: Any, schema: str = "main") -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%'"
        ).fetchall()
    ]
    return {
        name: int(conn.execute(f'SELECT COUNT(*) FROM {schema}."{name}"').fetchone()[0])
        for name in names
    }


def sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def convert(source: Path, dest: Path, *, source_key: str | None, dest_key: str | None) -> Path:
    """Write the database at `source` to `dest`, encrypted with `dest_key` (None: plain).

    The copy is made in a temporary file beside `dest`, flushed, checked (integrity_check and
    the same number of rows in every table) and only then renamed over `dest`. Raises
    WrongPassphrase, or OSError when the copy does not check out (then `dest` is unchanged).
    """
    module = _cipher_module()
    dest = Path(dest)
    temp = dest.with_name(dest.name + ".converting")
    temp.unlink(missing_ok=True)
    conn = module.connect(str(source))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if source_key is not None:
            conn.execute(f"PRAGMA key = {_key_literal(source_key)}")
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except module.DatabaseError as exc:
            if source_key is not None and "not a database" in str(exc):
                raise WrongPassphrase(source) from exc
            raise
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        before = _counts(conn)
        literal = _key_literal(dest_key or "")
        conn.execute(f"ATTACH DATABASE {_key_literal(str(temp))} AS target KEY {literal}")
        try:
            conn.execute("SELECT sqlcipher_export('target')")
            conn.execute(f"PRAGMA target.user_version = {version:d}")
        finally:
            conn.execute("DETACH DATABASE target")
    finally:
        conn.close()
    try:
        fsync_file(temp)
        problem = _check_copy(temp, dest_key, before)
        if problem:
            raise OSError(f"The converted copy of {source.name} did not check out ({problem}).")
        os.replace(temp, dest)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_folder(dest.parent)
    return dest


def _check_copy(path: Path, key: str | None, expected: dict[str, int]) -> str:
    conn = connect(path, key, readonly=True)
    try:
        row = conn.execute("PRAGMA integrity_check").fetchone()
        if not row or row[0] != "ok":
            return str(row[0]) if row else "no answer"
        if _counts(conn) != expected:
            return "a different number of rows"
    finally:
        conn.close()
    return ""


def shred(path: Path) -> bool:
    """Overwrite the file with zeros, flush, and delete it; False when it could not be
    overwritten (it is deleted anyway). SSDs and copy-on-write file systems may still keep
    old blocks: full-disk encryption is the only cure for those."""
    overwritten = True
    try:
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            zeros = bytes(min(size, _CHUNK))
            left = size
            while left > 0:
                step = min(left, _CHUNK)
                handle.write(zeros[:step])
                left -= step
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        overwritten = False
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return overwritten


def convert_in_place(path: Path, *, source_key: str | None, dest_key: str | None) -> bool:
    """Convert the file at `path` itself; the replaced copy is shredded when it was plain.

    Returns True when any plain copy was overwritten (or there was none), False when it could
    only be deleted (a file system without hard links, such as FAT on some USB sticks).
    """
    keep = path.with_name(path.name + ".old")
    shred_old = source_key is None
    linked = False
    if shred_old:
        keep.unlink(missing_ok=True)
        try:
            os.link(path, keep)
            linked = True
        except OSError:
            linked = False
    try:
        convert(path, path, source_key=source_key, dest_key=dest_key)
    except BaseException:
        if linked:
            keep.unlink(missing_ok=True)
        raise
    if shred_old and linked:
        return shred(keep)
    return not shred_old
