"""The report PDF: its text (read back with pypdf), anonymity, masked charts, embedded fonts."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from oneonone_desktop.documents.report_pdf import build_report_pdf, write_report_pdf
from oneonone_desktop.io.problems import ExportFileError
from oneonone_desktop.services.report_data import Period
from oneonone_desktop.services.report_survey import build_report
from oneonone_desktop.store.models import (
    Answer,
    Commitment,
    ConsentRecord,
    Label,
    Meeting,
    OrganizerProfile,
    Supporter,
    SupporterEmail,
    SupporterPhone,
)

PERIOD = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))
TODAY = dt.date(2025, 4, 5)
NAMES = ("Rosalind", "Tomasz", "Aishwarya", "Carmencita", "Dorotea", "Evangelina", "Fitzgerald")


def text_of(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "read.pdf"
    path.write_bytes(data)
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def people(count: int, kept: int) -> None:
    """`count` people met in March, `kept` of whom kept their commitment; all raise housing and
    agree to share; each answered question 1 and said something with their own name in it."""
    OrganizerProfile.update(name="Sam Organizer", chapter="Riverside Women's March").execute()
    Label.create(kind="issue", name="housing")
    for n in range(count):
        person = Supporter.create(first_name=NAMES[n], last_name="Quintanilla")
        SupporterEmail.create(
            supporter=person, address=f"{NAMES[n].lower()}@example.org", address_norm="x"
        )
        SupporterPhone.create(supporter=person, number="(951) 555-0142", number_norm="9515550142")
        ConsentRecord.create(supporter=person, channel="share_chapter", granted=True)
        start = dt.datetime(2025, 3, 3 + n, 18, 0)
        meeting = Meeting.create(
            supporter=person,
            status="held",
            scheduled_at=start,
            ended_at=start,
            capture=json.dumps({"issues": ["housing"]}),
        )
        Answer.create(meeting=meeting, number="1", question_text="Values?", yes_no="no")
        Answer.create(
            meeting=meeting,
            number="3",
            question_text="Why do you believe the Republican party won?",
            answer=f"{NAMES[n]} here: nobody came to our street.",
        )
        status = "kept" if n < kept else "missed"
        Commitment.create(supporter=person, meeting=meeting, activity="Tenant rally", status=status)


def test_the_anonymous_pdf_reads_as_a_report_with_no_one_named(database, tmp_path):
    people(3, kept=2)
    data, pages = build_report_pdf(build_report(database, PERIOD, today=TODAY))
    text = text_of(data, tmp_path)
    assert "Report back: what we learned from our 1:1s" in text
    assert "Riverside Women's March" in text and "1 Mar 2025 – 31 Mar 2025" in text
    assert "1. Values?" in text and "No: fewer than 5" in text
    assert "“[name] here: nobody came to our street.”" in text
    for name in NAMES[:3]:
        assert name not in text
    assert "Quintanilla" not in text and "Sam Organizer" not in text
    assert "example.org" not in text and "555" not in text
    assert "Not drawn: some of these counts are under 5" in text  # the commitments chart
    assert "Each issue was raised by fewer than 5 people" in text
    assert pages == len(PdfReader(_saved(data, tmp_path)).pages)


def test_with_names_the_pdf_shows_exact_counts_names_and_charts(database, tmp_path):
    people(3, kept=2)
    report = build_report(database, PERIOD, include_personal=True, today=TODAY)
    text = text_of(build_report_pdf(report)[0], tmp_path)
    assert "Names are included" in text and "by Sam Organizer" in text
    assert "Rosalind Quintanilla · 3 Mar 2025" in text
    assert "Rosalind here: nobody came to our street." in text
    assert "fewer than 5" not in text
    assert "Kept Missed To come Not yet" in text  # the commitments chart's axis


def test_counts_of_5_or_more_are_drawn_in_the_anonymous_charts(database, tmp_path):
    people(7, kept=7)
    text = text_of(build_report_pdf(build_report(database, PERIOD, today=TODAY))[0], tmp_path)
    assert "Not drawn" not in text
    assert "Kept Missed To come Not yet" in text
    assert "Each issue was raised by fewer than 5 people" not in text  # its bar is drawn


def test_every_font_is_a_shipped_one_embedded_in_the_file(database, tmp_path):
    people(7, kept=7)  # charts drawn too
    reader = PdfReader(_saved(build_report_pdf(build_report(database, PERIOD))[0], tmp_path))
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "DejaVuSans" in str(font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_an_empty_period_still_makes_a_readable_report(database, tmp_path):
    text = text_of(build_report_pdf(build_report(database, PERIOD, today=TODAY))[0], tmp_path)
    assert "No answers to the guiding questions were noted." in text
    assert "No asks in this period." in text
    assert "Nothing noted from people who agreed to share with the chapter" in text


def test_a_pdf_that_cannot_be_written_is_refused_and_nothing_is_left(database, tmp_path):
    report = build_report(database, PERIOD, today=TODAY)
    with pytest.raises(ExportFileError, match="cannot be written"):
        write_report_pdf(tmp_path / "missing" / "report.pdf", report)
    assert not (tmp_path / "missing").exists()
    pages = write_report_pdf(tmp_path / "report.pdf", report, paper="a4")
    reader = PdfReader(str(tmp_path / "report.pdf"))
    assert pages == len(reader.pages)
    assert round(float(reader.pages[0].mediabox.height)) == 842


def _saved(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "saved.pdf"
    path.write_bytes(data)
    return str(path)
