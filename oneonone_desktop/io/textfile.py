"""Read an import file as text: refuse missing, huge, empty or binary files in plain words."""

from __future__ import annotations

import codecs
from pathlib import Path

from oneonone_desktop.io.problems import ImportFileError

MAX_FILE_BYTES = 50 * 1024 * 1024
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a")  # \x1a: old DOS end-of-file mark
_SAMPLE_CHARS = 65536
_MAX_CONTROL_SHARE = 0.005


def read_text_file(path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read with.

    Tries UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, then
    Windows-1252 (Excel's "CSV" on Western Windows), then Latin-1. Raises ImportFileError.
    """
    path = Path(path)
    name = path.name
    if not path.exists():
        raise ImportFileError(path, f"There is no file at {path}.")
    if path.is_dir():
        raise ImportFileError(path, f"{path} is a folder, not a file. Choose a file to import.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                path,
                f"{name} is {size / 1024 / 1024:.0f} MB; files over "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB are not imported. "
                "Split it into smaller files and import them one by one.",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(path, f"{name} cannot be read ({exc.strerror or exc}).") from exc
    text, encoding = _decode(path, raw)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ImportFileError(path, f"{name} is empty: there is nothing in it to import.")
    if _looks_binary(text):
        raise ImportFileError(
            path,
            f"{name} does not look like a text file. Save it as CSV (from a spreadsheet) "
            "or as vCard (from a contacts app), then import that file.",
        )
    return text, encoding


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                path, f"{path.name} does not look like a text file (it is not valid UTF-16)."
            ) from exc
    if b"\x00" in raw:
        raise ImportFileError(
            path,
            f"{path.name} does not look like a text file. Save it as CSV (from a spreadsheet) "
            "or as vCard (from a contacts app), then import that file.",
        )
    for encoding in ("utf-8", "cp1252"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" and raw.startswith(codecs.BOM_UTF8):
            return text, "utf-8-sig"
        return text, encoding
    return raw.decode("latin-1"), "latin-1"


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    controls = sum(
        1 for ch in sample if (ch < " " or "\x7f" <= ch <= "\x9f") and ch not in _ALLOWED_CONTROLS
    )
    return "\x00" in sample or controls > max(2, len(sample) * _MAX_CONTROL_SHARE)
