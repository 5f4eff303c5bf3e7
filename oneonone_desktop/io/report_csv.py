"""The survey report as one CSV table (section, item, detail, value; plus person and date when
names are included): UTF-8 with BOM so spreadsheets read accents, formula-like cells escaped,
written atomically. Easy to filter or pivot by section."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from oneonone_desktop.io.atomic import atomic_write_text
from oneonone_desktop.io.csv_export import escape_formula
from oneonone_desktop.io.problems import ExportFileError
from oneonone_desktop.services.report_survey import (
    LEARNED_SOURCE,
    SurveyReport,
    followup_rows,
    ladder_rows,
    summary_rows,
)

COLUMNS = ("section", "item", "detail", "value")
PERSONAL_COLUMNS = ("person", "date")
STATUS_WORDS = (
    ("kept", "kept"),
    ("missed", "missed"),
    ("pending", "still to come or not checked"),
    ("not_yet", "no commitment yet"),
)

Row = tuple[str, ...]


def report_rows(report: SurveyReport) -> list[Row]:
    """Every row of the CSV, unescaped, in reading order."""
    rows: list[Row] = [
        ("report", "Chapter", "", report.chapter),
        ("report", "Period", "", f"{report.period.since} to {report.period.until}"),
        ("report", "Made on", "", report.today.isoformat()),
        (
            "report",
            "Names",
            "",
            "included" if report.include_personal else "left out; counts under 5 are hidden",
        ),
    ]
    if report.organizer:
        rows.append(("report", "Organizer", "", report.organizer))
    rows += [("summary", what, "", value) for what, value in summary_rows(report)]
    rows += [
        ("1:1s per week", monday.isoformat(), "week starting", f"{n:,}")
        for monday, n in report.dashboard.per_week
    ]
    for answer in report.answers:
        question = f"{answer.number}. {answer.question}" if answer.number else answer.question
        rows += [("answers", question, word, report.count(n)) for word, n in answer.counts]
        parts = [n for _, n in answer.counts]
        rows.append(("answers", question, "answered", report.total(answer.answered, parts)))
    for issue in report.themes:
        rows.append(("issues raised", issue.name, "people", report.count(issue.people)))
        rows.append(("issues raised", issue.name, "since the period before", report.change(issue)))
    for title, asks in report.by_action:
        parts = [getattr(asks, status) for status, _ in STATUS_WORDS]
        rows.append(("commitments by action", title, "asked", report.total(asks.made, parts)))
        for (_, words), n in zip(STATUS_WORDS, parts, strict=True):
            if n:
                rows.append(("commitments by action", title, words, report.count(n)))
    rows += [("moved up the ladder", move, "people", n) for move, n in ladder_rows(report)]
    rows += [("follow-up", what, "", value) for what, value in followup_rows(report)]
    for quote in report.quotes:
        source = "learned" if quote.source == LEARNED_SOURCE else "answer"
        row = ("why we resist", quote.source, source, quote.text)
        if report.include_personal:
            rows.append((*row, quote.name, quote.on.isoformat() if quote.on else ""))
        else:
            rows.append(row)
    if report.include_personal:
        for move in report.dashboard.moves:
            change = f"{move.from_label or 'No stage'} → {move.to_label or 'No stage'}"
            rows.append(("ladder moves", change, "", "", move.name, move.on.isoformat()))
    return rows


def csv_text(report: SurveyReport, rows: list[Row] | None = None) -> str:
    """The CSV as text, every cell escaped against spreadsheet formulas."""
    width = len(COLUMNS) + (len(PERSONAL_COLUMNS) if report.include_personal else 0)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*COLUMNS, *PERSONAL_COLUMNS) if report.include_personal else COLUMNS)
    for row in report_rows(report) if rows is None else rows:
        cells = [*row, *[""] * (width - len(row))]
        writer.writerow([escape_formula(cell) for cell in cells])
    return buffer.getvalue()


def write_report_csv(path: Path, report: SurveyReport) -> int:
    """Write the report to `path` atomically; returns the number of rows below the header.

    Raises ExportFileError (nothing written) when the file cannot be written.
    """
    path = Path(path)
    rows = report_rows(report)
    text = csv_text(report, rows)
    try:
        atomic_write_text(path, text, encoding="utf-8-sig")
    except OSError as exc:
        raise ExportFileError(
            path, f"{path} cannot be written ({exc.strerror or exc}). No report was saved."
        ) from exc
    return len(rows)
