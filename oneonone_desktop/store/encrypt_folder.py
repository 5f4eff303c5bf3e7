"""Lock a whole data folder with a passphrase, change it, or remove it: the data file and every
backup are converted, so no plain copy stays behind in the folder.

The app must have closed the data first (and no other copy of the app may have it open:
`folder_in_use`). Each file is converted on its own (store.crypto.convert: temporary copy,
checked, renamed), so an interruption leaves every file whole, some converted and some not;
running the same step again finishes the job.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from oneonone_desktop.paths import LOCK_NAME, backup_dir, database_path
from oneonone_desktop.store import crypto
from oneonone_desktop.store.errors import StoreError

LEFTOVER_SUFFIXES = (".converting", ".old", ".part", ".restoring")


class FolderBusy(StoreError):
    def __init__(self, folder: Path) -> None:
        super().__init__(
            folder,
            f"The data folder {folder} is open in the app. Close the app's window, then try "
            "again. Nothing was changed.",
        )


@dataclass
class ConversionReport:
    """What a conversion did, for the message shown afterwards."""

    converted: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # damaged backups, deleted (overwritten)
    skipped: list[Path] = field(default_factory=list)  # locked with another passphrase
    not_overwritten: list[Path] = field(default_factory=list)  # deleted, could not be zeroed

    def summary(self) -> str:
        """The outcome in plain words."""
        backups = max(0, len(self.converted) - 1)
        parts = [f"The data file and {backups} backup(s) were converted."]
        if self.removed:
            names = ", ".join(p.name for p in self.removed)
            parts.append(f"Damaged backups that could not be read were deleted: {names}.")
        if self.skipped:
            names = ", ".join(p.name for p in self.skipped)
            parts.append(f"Backups locked with another passphrase were left as they are: {names}.")
        if self.not_overwritten:
            parts.append(
                "This disk does not allow overwriting the old unlocked copies; they were deleted."
            )
        return " ".join(parts)


def folder_in_use(folder: Path) -> bool:
    """True when a running copy of the app holds the data folder's lock file."""
    lock = folder / LOCK_NAME
    try:
        first = lock.read_text(encoding="utf-8", errors="replace").splitlines()[:1]
    except OSError:
        return False
    if os.name != "posix":
        try:  # Windows: the running app keeps its lock file open without sharing it
            with open(lock, "a", encoding="utf-8"):
                return False
        except OSError:
            return True
    try:
        pid = int(first[0]) if first else 0
    except ValueError:
        return False
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _files(folder: Path) -> list[Path]:
    """The data file, then every backup file, in the folder."""
    files = [database_path(folder)]
    backups = backup_dir(folder)
    if backups.is_dir():
        files += sorted(p for p in backups.glob("*.sqlite3") if p.is_file())
    return [p for p in files if p.exists()]


def _clean_leftovers(folder: Path) -> None:
    """Temporary files a crash may have left (they can hold plain data): overwrite, delete."""
    for place in (folder, backup_dir(folder)):
        if place.is_dir():
            for path in place.iterdir():
                if path.suffix in LEFTOVER_SUFFIXES and path.is_file():
                    crypto.shred(path)


def _prepare(folder: Path) -> Path:
    if folder_in_use(folder):
        raise FolderBusy(folder)
    path = database_path(folder)
    if not path.exists():
        raise StoreError(path, f"There is no data file at {path} yet. Nothing was changed.")
    _clean_leftovers(folder)
    return path


def _fold_log(path: Path, key: str | None) -> None:
    """Fold the write-ahead log into the data file (it could hold plain data)."""
    conn = crypto.connect(path, key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if suffix == "-wal" and side.exists():
            crypto.shred(side)
        side.unlink(missing_ok=True)


def _opens(file: Path, passphrase: str | None) -> bool:
    if passphrase is None:
        return False
    try:
        crypto.check_passphrase(file, passphrase)
    except crypto.WrongPassphrase:
        return False
    return True


def _convert_all(
    folder: Path, old: str | None, new: str | None, report: ConversionReport
) -> ConversionReport:
    for file in _files(folder):
        is_locked = crypto.is_encrypted(file)
        if (old is None) == is_locked:
            continue  # already as wanted (a second run after an interruption)
        try:
            overwritten = crypto.convert_in_place(file, source_key=old, dest_key=new)
        except crypto.WrongPassphrase:
            if file == database_path(folder):
                raise
            if not _opens(file, new):
                report.skipped.append(file)  # locked with some other passphrase
            continue
        except OSError:
            if file == database_path(folder):
                raise
            if not crypto.shred(file):
                report.not_overwritten.append(file)
            report.removed.append(file)
            continue
        except Exception as exc:
            if file == database_path(folder) or not crypto.is_driver_error(exc):
                raise
            if old is None and not crypto.shred(file):  # a damaged plain backup
                report.not_overwritten.append(file)
            elif old is not None:
                file.unlink(missing_ok=True)
            report.removed.append(file)
            continue
        if not overwritten:
            report.not_overwritten.append(file)
        report.converted.append(file)
    return report


def encrypt_data(folder: Path, passphrase: str) -> ConversionReport:
    """Lock the data file and every backup in `folder` with `passphrase`."""
    problem = crypto.passphrase_problem(passphrase)
    path = _prepare(folder)
    if problem:
        raise StoreError(path, problem)
    if crypto.is_encrypted(path):
        raise StoreError(
            path, f"{path} is already locked with a passphrase. Use 'change' to set a new one."
        )
    _fold_log(path, None)
    return _convert_all(folder, None, passphrase, ConversionReport())


def decrypt_data(folder: Path, passphrase: str) -> ConversionReport:
    """Remove the passphrase from the data file and every backup locked with it."""
    path = _prepare(folder)
    if not crypto.is_encrypted(path):
        raise StoreError(path, f"{path} is not locked with a passphrase. Nothing was changed.")
    crypto.check_passphrase(path, passphrase)
    _fold_log(path, passphrase)
    report = _convert_all(folder, passphrase, None, ConversionReport())
    crypto.forget(path)
    return report


def change_passphrase(folder: Path, old: str, new: str) -> ConversionReport:
    """Lock the data file and every backup that `old` opens with `new` instead."""
    path = _prepare(folder)
    problem = crypto.passphrase_problem(new)
    if problem:
        raise StoreError(path, problem)
    if not crypto.is_encrypted(path):
        raise StoreError(path, f"{path} is not locked with a passphrase. Nothing was changed.")
    crypto.check_passphrase(path, old)
    _fold_log(path, old)
    report = _convert_all(folder, old, new, ConversionReport())
    crypto.remember(path, new)
    return report
