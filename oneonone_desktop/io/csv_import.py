"""Read a CSV file (sign-in sheets, exports of other tools) into people, row by row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from oneonone_desktop.io.csv_headers import (
    FIELDS,
    LABEL_KINDS,
    NAME_FIELDS,
    guess_mapping,
    normalize_header,
)
from oneonone_desktop.io.problems import ImportFileError, RowProblem
from oneonone_desktop.io.records import (
    MAX_EMAIL_LENGTH,
    MAX_PHONE_LENGTH,
    ImportRecord,
    data_problems,
    split_full_name,
    tidy,
)
from oneonone_desktop.io.textfile import MAX_FILE_BYTES, read_text_file
from oneonone_desktop.services.normalize import is_valid_email, is_valid_phone
from oneonone_desktop.services.supporters import MAX_FIELD_LENGTH, Consent, SupporterData
from oneonone_desktop.store.models import ConsentRecord

__all__ = ["FIELDS", "CsvTable", "guess_mapping", "read_csv", "table_to_records"]

DELIMITERS = ",;\t|"
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar (|)"}
_SNIFF_CHARS = 8192  # csv.Sniffer's regular expressions get slow on longer samples
_SCORE_CHARS = 65536
_SNIFF_ROWS = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_HOW = MAX_FIELD_LENGTH  # how a consent was given

_SPLIT_EMAILS = re.compile(r"[\s,;]+")
_SPLIT_PHONES = re.compile(r"[;,|]|\s/\s")
_SPLIT_LABELS = re.compile(r"[,;|]")
_YES = frozenset({"yes", "y", "true", "1", "x", "si", "ok", "granted", "opted in", "opt in"})
_NO = frozenset({"no", "n", "false", "0", "opted out", "opt out", "withdrawn"})
_CHECK_MARKS = frozenset("✓✔☑")
_SCALAR_TARGETS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "preferred_name": "preferred_name",
    "street": "street",
    "street2": "street2",
    "city": "city",
    "region": "region",
    "postal_code": "postal_code",
    "country": "country",
    "language": "language",
    "pronouns": "pronouns",
    "how_met": "how_met",
}
# Which mapped fields feed each attribute the services may complain about.
_SOURCES: dict[str, tuple[str, ...]] = {
    **{target: (key,) for key, target in _SCALAR_TARGETS.items()},
    **{f"labels.{kind}": (key,) for key, kind in LABEL_KINDS.items()},
    "first_name": ("first_name", "full_name", "last_name", "preferred_name"),
    "last_name": ("last_name", "full_name"),
    "emails": ("email", "email2"),
    "phones": ("phone", "mobile"),
    "background": ("notes",),
}
Report = Callable[[str, str], None]
_BAD_VALUE: dict[str, tuple[Callable[[str], list[str]], Callable[[str], bool]]] = {
    "emails": (_SPLIT_EMAILS.split, lambda v: is_valid_email(v) and len(v) <= MAX_EMAIL_LENGTH),
    "phones": (_SPLIT_PHONES.split, lambda v: is_valid_phone(v) and len(v) <= MAX_PHONE_LENGTH),
}
_CONSENT_KEYS = frozenset(key for key in FIELDS if key.startswith("consent_"))


@dataclass
class CsvTable:
    """A CSV file as read: its header row and the data rows with the line each starts on."""

    path: Path
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","


def read_csv(path: Path) -> CsvTable:
    """Read a CSV file: UTF-8 (with or without BOM), UTF-16 or Windows-1252; comma, semicolon,
    tab or bar delimited; quoted cells may hold line breaks. Raises ImportFileError."""
    path = Path(path)
    text, encoding = read_text_file(path)
    delimiter = detect_delimiter(text)
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)
    records = _parse(path, text, delimiter)
    if not records:
        raise ImportFileError(path, f"{path.name} is empty: there is nothing in it to import.")
    _check_quotes_closed(path, text, delimiter, records[-1][0])
    _, header_cells = records[0]
    headers = [cell.strip().lstrip("\ufeff") for cell in header_cells]
    return CsvTable(path, headers, records[1:], encoding, delimiter)


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first rows into the same number (two or more) of cells."""
    sample = _head(text, _SNIFF_CHARS)
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    longer = _head(text, _SCORE_CHARS)
    scores = {d: _consistency(longer, d) for d in DELIMITERS}
    good = [d for d, (share, columns) in scores.items() if columns >= 2 and share >= 0.8]
    if sniffed in good:
        return str(sniffed)
    if good:
        return max(good, key=lambda d: scores[d])
    return sniffed if sniffed and sniffed in DELIMITERS else ","


def _head(text: str, size: int) -> str:
    """The start of `text`, cut after its last whole line."""
    sample = text[:size]
    if len(text) > size and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    return sample


def _consistency(sample: str, delimiter: str) -> tuple[float, int]:
    """(share of sample rows with as many cells as the header, number of header cells)."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    widths: list[int] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                widths.append(len(row))
            if len(widths) >= _SNIFF_ROWS:
                break
    except csv.Error:
        return 0.0, 0
    if not widths:
        return 0.0, 0
    return sum(1 for w in widths if w == widths[0]) / len(widths), widths[0]


def _parse(path: Path, text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                records.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(
            path, f"{path.name}, line {start}: this line cannot be read as CSV ({exc})."
        ) from exc
    return records


def _check_quotes_closed(path: Path, text: str, delimiter: str, last_start: int) -> None:
    try:
        reader = csv.reader(
            io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True, strict=True
        )
        for _row in reader:
            pass
    except csv.Error as exc:
        if "end of data" in str(exc):
            raise ImportFileError(
                path,
                f'{path.name}, line {last_start}: a quote mark (") opened on this line is never '
                "closed, so the rest of the file would be read as one cell. Add the closing "
                "quote mark and import again.",
            ) from exc


def clean_cell(value: str) -> str:
    """Trim a cell and undo the ' that our own export puts before formula-like text."""
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        value = value[1:].strip()
    return value


def column_name(table: CsvTable, index: int) -> str:
    header = table.headers[index] if index < len(table.headers) else ""
    return header or f"column {index + 1}"


def table_to_records(
    table: CsvTable, mapping: dict[int, str]
) -> tuple[list[ImportRecord], list[RowProblem]]:
    """People from the rows, using `mapping` (column index -> key of FIELDS).

    Rows with nothing in the mapped columns are skipped. A row that cannot be stored as it is
    gives RowProblems instead of a record. Raises ImportFileError when no column holds a name.
    """
    unknown = sorted(set(mapping.values()) - set(FIELDS))
    if unknown:
        raise ValueError(f"Unknown field keys in the column mapping: {unknown}")
    if not NAME_FIELDS & set(mapping.values()):
        shown = ", ".join(f"'{h}'" for h in table.headers[:12] if h) or "(no column names)"
        raise ImportFileError(
            table.path,
            f"{table.path.name}: no column looks like a name. Its first line has {shown}. "
            "Choose which column holds the first name, last name or full name in the import "
            "window, or rename a column in the file's first line to 'First name', "
            "'Last name' or 'Name'.",
        )
    order = sorted(mapping.items())
    mapped: dict[str, int] = {}
    for index, key in order:
        mapped.setdefault(key, index)
    width = len(table.headers)
    records: list[ImportRecord] = []
    problems: list[RowProblem] = []
    for line, row in table.rows:
        count = len(row)
        vals: dict[str, list[str]] = {}
        cols: dict[str, int] = {}
        for index, key in order:
            if index >= count:
                break
            value = row[index].strip()
            if value:
                if value[0] == "'":
                    value = clean_cell(value)
                if key in vals:
                    vals[key].append(value)
                else:
                    vals[key], cols[key] = [value], index
        if not vals:
            continue
        row_problems = _extra_cells(table, line, row, width, mapping) if count > width else []
        record = _record(table, line, vals, cols, mapped, row_problems)
        if record is not None:
            records.append(record)
        problems.extend(row_problems)
    return records, problems


def _extra_cells(
    table: CsvTable, line: int, row: list[str], width: int, mapping: dict[int, str]
) -> list[RowProblem]:
    extra = [i for i in range(width, len(row)) if row[i].strip() and i not in mapping]
    if not extra or width == 0:
        return []
    name = _DELIMITER_NAMES.get(table.delimiter, table.delimiter)
    return [
        RowProblem(
            table.path,
            line,
            f"column {extra[0] + 1}",
            f"This row has {len(row)} cells but the first line names only {width} columns. "
            f"Look for a stray {name} or quote mark.",
        )
    ]


def _record(
    table: CsvTable,
    line: int,
    vals: dict[str, list[str]],
    cols: dict[str, int],
    mapped: dict[str, int],
    problems: list[RowProblem],
) -> ImportRecord | None:
    """One person from the mapped cells of a row (`vals`: field key -> non-empty cells, `cols`:
    field key -> its first column); None, with `problems` added, when it cannot be stored."""

    def problem(key: str, message: str) -> None:
        index = cols.get(key, mapped.get(key))
        where = column_name(table, index) if index is not None else FIELDS.get(key, key)
        problems.append(RowProblem(table.path, line, where, message))

    data = SupporterData()
    for key, items in vals.items():
        target = _SCALAR_TARGETS.get(key)
        if target is not None:
            setattr(data, target, " ".join(" ".join(items).split()))
        elif key in ("email", "email2"):
            data.emails += [e for v in items for e in _SPLIT_EMAILS.split(v) if e]
        elif key in ("phone", "mobile"):
            data.phones += [p.strip() for v in items for p in _SPLIT_PHONES.split(v)]
        elif key in LABEL_KINDS:
            names = [n for n in (x.strip() for v in items for x in _SPLIT_LABELS.split(v)) if n]
            data.labels.setdefault(LABEL_KINDS[key], []).extend(names)
        elif key == "notes":
            notes = "\n".join(items)
            data.background = notes.replace("\r\n", "\n").replace("\r", "\n")
        elif key == "stage":
            data.stage_key = items[0]
    if not data.first_name and not data.last_name and "full_name" in vals:
        data.first_name, data.last_name = split_full_name(" ".join(vals["full_name"]))
    source_id = None
    if "id" in vals:
        text = vals["id"][0]
        if text.isdigit() and len(text) < 19:
            source_id = int(text)
        else:
            problem("id", f"'{text[:40]}' is not a number; the id column holds numbers only.")
    if not _CONSENT_KEYS.isdisjoint(vals):
        _consents(table, vals, data, problem)
    cleaned = tidy(data)
    for attribute, message in data_problems(cleaned).items():
        key = _culprit(attribute, vals, mapped)
        if attribute == "first_name" and message.startswith("Type at least"):
            message = "This row has no name: fill in a first or last name."
        problem(key, message)
    if problems:
        return None
    return ImportRecord(line, cleaned, source_id=source_id, file=table.path)


def _culprit(attribute: str, vals: dict[str, list[str]], mapped: dict[str, int]) -> str:
    """The field key whose column most likely holds what `attribute`'s problem is about."""
    sources = _SOURCES.get(attribute, (attribute,))
    if attribute in _BAD_VALUE:
        split, ok = _BAD_VALUE[attribute]
        for key in sources:
            if any(not ok(part.strip()) for v in vals.get(key, ()) for part in split(v) if part):
                return key
    return next(
        (k for k in sources if k in vals), next((k for k in sources if k in mapped), sources[0])
    )


def _consents(
    table: CsvTable,
    vals: dict[str, list[str]],
    data: SupporterData,
    report: Report,
) -> None:
    for channel in ConsentRecord.CHANNELS:
        key = f"consent_{channel}"
        if key not in vals:
            continue
        raw = vals[key][0]
        answer = normalize_header(raw)
        if raw in _CHECK_MARKS or answer in _YES:
            granted = True
        elif answer in _NO:
            granted = False
        else:
            report(key, f"'{raw[:40]}' is not yes or no.")
            continue
        given_on = None
        if f"{key}_date" in vals:
            text = vals[f"{key}_date"][0]
            try:
                given_on = dt.date.fromisoformat(text[:10])
            except ValueError:
                report(f"{key}_date", f"'{text[:40]}' is not a date; write it as 2024-03-01.")
        how_values = vals.get(f"{key}_how")
        how = how_values[0] if how_values else f"imported from {table.path.name}"[:MAX_HOW]
        if len(how) > MAX_HOW:
            report(f"{key}_how", f"This is longer than {MAX_HOW} characters.")
        data.consents[channel] = Consent(granted, given_on, how)
