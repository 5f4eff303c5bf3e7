"""Export supporters to CSV: UTF-8 with BOM (Excel reads accents), formula-like cells escaped."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from oneonone_desktop.io.atomic import atomic_write_text
from oneonone_desktop.io.csv_import import FORMULA_STARTS
from oneonone_desktop.io.loading import StoredSupporter, load_many
from oneonone_desktop.io.problems import ExportFileError
from oneonone_desktop.store.models import ConsentRecord

LIST_SEPARATOR = "; "
EXPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "emails",
    "phones",
    "street",
    "street2",
    "city",
    "region",
    "postal_code",
    "country",
    "language",
    "stage",
    "tags",
    "issues",
    "skills",
    "interests",
    "how_met",
    "background",
    *(
        f"consent_{channel}{suffix}"
        for channel in ConsentRecord.CHANNELS
        for suffix in ("", "_date", "_how")
    ),
    "created_at",
)
_LABEL_COLUMNS = {"tags": "tag", "issues": "issue", "skills": "skill", "interests": "interest"}


def escape_formula(value: str) -> str:
    """Put ' before text a spreadsheet would run as a formula (=, +, -, @, tab, return)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_row(person: StoredSupporter) -> list[str]:
    """The cells of one person, in EXPORT_COLUMNS order, already escaped."""
    data = person.data
    cells: dict[str, str] = {
        "id": str(person.id),
        "emails": LIST_SEPARATOR.join(data.emails),
        "phones": LIST_SEPARATOR.join(data.phones),
        "stage": person.stage_label,
        "created_at": person.created_at,
    }
    for column, kind in _LABEL_COLUMNS.items():
        cells[column] = LIST_SEPARATOR.join(data.labels.get(kind, []))
    for channel, consent in data.consents.items():
        cells[f"consent_{channel}"] = "yes" if consent.granted else "no"
        cells[f"consent_{channel}_date"] = consent.given_on.isoformat() if consent.given_on else ""
        cells[f"consent_{channel}_how"] = consent.how
    return [
        escape_formula(cells[c] if c in cells else str(getattr(data, c, "")))
        for c in EXPORT_COLUMNS
    ]


def write_csv(path: Path, supporter_ids: list[int]) -> int:
    """Write these supporters (in this order) to a CSV file atomically; returns how many."""
    path = Path(path)
    people = load_many(supporter_ids)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for supporter_id in dict.fromkeys(supporter_ids):
        person = people.get(supporter_id)
        if person is not None:
            writer.writerow(export_row(person))
            count += 1
    try:
        atomic_write_text(path, buffer.getvalue(), encoding="utf-8-sig")
    except OSError as exc:
        raise ExportFileError(
            path, f"{path} cannot be written ({exc.strerror or exc}). Nothing was exported."
        ) from exc
    return count
