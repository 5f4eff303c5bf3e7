"""Known database problems, each with a message a non-technical organizer can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A database problem we recognise (as opposed to a bug)."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


class DatabaseLocked(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"The data file {path} is busy: another program is writing to it. "
            "Close other copies of the app and try again.",
        )


class DatabaseCorrupt(StoreError):
    def __init__(self, path: Path, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            path,
            f"The data file {path} is damaged and cannot be opened safely{extra}. "
            "Nothing was changed. Restore it from a backup in the 'backups' folder beside it.",
        )


class DatabaseTooNew(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            path,
            f"The data file {path} was written by a newer version of the app "
            f"(format {found}; this version understands up to {supported}). "
            "Install the newer version to open it. Nothing was changed.",
        )
        self.found = found
        self.supported = supported


class DatabaseReadOnly(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"The data file {path} (or its folder) cannot be written to. "
            "Check that the disk is not full or write-protected, then try again.",
        )


class DatabaseMissing(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(path, f"There is no data file at {path}.")
