"""What can be wrong with a file being imported: a whole-file error or a problem in one row."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in one row (CSV) or card (vCard), in words the organizer can act on."""

    file: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{Path(self.file).name}, line {self.line}, {self.field}: {self.message}"


class ImportFileError(Exception):
    """The file as a whole cannot be read (missing, not text, too big, empty, …)."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.message = message


class ExportFileError(ImportFileError):
    """The export file cannot be written (unknown kind, folder missing, disk full, …)."""
