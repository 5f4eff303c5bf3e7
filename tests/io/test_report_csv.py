"""The report CSV: opens cleanly (BOM, one table), escapes formulas, stays anonymous by default."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from oneonone_desktop.io.problems import ExportFileError
from oneonone_desktop.io.report_csv import COLUMNS, csv_text, write_report_csv
from oneonone_desktop.services.report_data import Period
from oneonone_desktop.services.report_survey import FEWER, build_report
from oneonone_desktop.store.models import (
    Answer,
    Commitment,
    ConsentRecord,
    Label,
    Meeting,
    Supporter,
    SupporterEmail,
    SupporterPhone,
)

PERIOD = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))
TODAY = dt.date(2025, 4, 5)


@pytest.fixture
def met(database) -> None:
    """Two people met in March; Rosa agreed to share, and what she said starts like a formula."""
    Label.create(kind="issue", name="+tax cuts")
    for n, (first, email) in enumerate((("Rosa", "rosa@example.org"), ("Tom", "tom@example.net"))):
        person = Supporter.create(first_name=first, last_name="Delgado", street="12 Elm St")
        SupporterEmail.create(supporter=person, address=email, address_norm=email)
        SupporterPhone.create(supporter=person, number="(951) 555-0142", number_norm="9515550142")
        start = dt.datetime(2025, 3, 3 + n, 18, 0)
        meeting = Meeting.create(
            supporter=person,
            status="held",
            scheduled_at=start,
            ended_at=start,
            capture=json.dumps({"issues": ["+tax cuts"]}),
            learned=f"{first} lives at 12 Elm St.",
        )
        Answer.create(meeting=meeting, number="1", question_text="Values?", yes_no="no")
        Answer.create(
            meeting=meeting, number="3", question_text="Why?", answer="=HYPERLINK(1) they lied"
        )
        Commitment.create(supporter=person, meeting=meeting, activity="-Rally-", status="kept")
        if first == "Rosa":
            ConsentRecord.create(supporter=person, channel="share_chapter", granted=True)


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_file_has_a_bom_one_header_and_every_section(met, database, tmp_path):
    path = tmp_path / "report.csv"
    count = write_report_csv(path, build_report(database, PERIOD, today=TODAY))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = rows_of(raw.decode("utf-8-sig"))
    assert rows[0] == list(COLUMNS) and len(rows) == count + 1
    assert all(len(row) == len(COLUMNS) for row in rows)
    sections = {row[0] for row in rows[1:]}
    assert {"report", "summary", "1:1s per week", "answers", "issues raised"} <= sections
    assert {"commitments by action", "follow-up", "why we resist"} <= sections


def test_cells_a_spreadsheet_would_run_are_escaped(met, database):
    rows = rows_of(csv_text(build_report(database, PERIOD, today=TODAY)))
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(1) they lied" in cells
    assert "'+tax cuts" in cells and "'-Rally-" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_the_default_report_names_no_one_and_masks_small_counts(met, database):
    text = csv_text(build_report(database, PERIOD, today=TODAY))
    for private in ("Rosa", "Tom", "Delgado", "example.org", "example.net", "555", "Elm St"):
        assert private not in text
    rows = rows_of(text)
    assert ["answers", "1. Values?", "No", FEWER] in rows
    assert ["issues raised", "'+tax cuts", "people", FEWER] in rows
    learned = "[name] lives at [address]."
    assert ["why we resist", "What the organizer learned", "learned", learned] in rows
    assert sum(row[0] == "why we resist" for row in rows) == 2  # only Rosa's, who agreed


def test_including_names_adds_who_and_when_and_exact_counts(met, database):
    rows = rows_of(csv_text(build_report(database, PERIOD, include_personal=True, today=TODAY)))
    assert rows[0] == [*COLUMNS, "person", "date"]
    assert ["answers", "1. Values?", "No", "2", "", ""] in rows
    quote = next(row for row in rows if row[0] == "why we resist" and row[2] == "learned")
    assert quote[3:] == ["Rosa lives at 12 Elm St.", "Rosa Delgado", "2025-03-03"]


def test_a_file_that_cannot_be_written_is_refused_with_its_name(met, database, tmp_path):
    target = tmp_path / "no such folder" / "report.csv"
    with pytest.raises(ExportFileError, match=r"report\.csv cannot be written"):
        write_report_csv(target, build_report(database, PERIOD, today=TODAY))
    assert not target.parent.exists()
