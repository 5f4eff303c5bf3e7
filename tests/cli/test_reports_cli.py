"""`oneonone report`: writes the PDF or CSV for a period; bad input exits 2 and writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from oneonone_desktop.cli import main
from oneonone_desktop.paths import database_path
from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.models import Answer, Meeting, Supporter, SupporterEmail


@pytest.fixture
def met(data_dir: Path) -> None:
    """Ana met on 3 March 2025, answering question 1 yes."""
    database = open_database(database_path(data_dir))
    try:
        ana = Supporter.create(first_name="Anastasia", last_name="García")
        SupporterEmail.create(supporter=ana, address="ana@example.org", address_norm="x")
        start = dt.datetime(2025, 3, 3, 18, 0)
        meeting = Meeting.create(supporter=ana, status="held", scheduled_at=start, ended_at=start)
        Answer.create(meeting=meeting, number="1", question_text="Values?", yes_no="yes")
    finally:
        close_database(database)


def test_a_pdf_for_the_period_is_written_and_said_so(met, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    code = main(["report", "--out", str(out), "--since", "2025-03-01", "--until", "2025-03-31"])
    assert code == 0
    said = capsys.readouterr().out
    assert "Wrote" in said and "1 Mar 2025 – 31 Mar 2025" in said and "anonymous" in said
    text = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "1. Values?" in text and "Yes: fewer than 5" in text
    assert "Anastasia" not in text and "example.org" not in text


def test_a_csv_with_names_when_asked(met, tmp_path, capsys):
    out = tmp_path / "report.CSV"
    args = ["report", "--out", str(out), "--since", "2025-03-01", "--until", "2025-03-31"]
    assert main([*args, "--include-personal"]) == 0
    assert "with names" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8-sig")
    assert "answers,1. Values?,Yes,1" in text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--since", "2025-13-01"], "The start date '2025-13-01' is not a date"),
        (["--until", "March 5"], "The end date 'March 5' is not a date"),
        (["--since", "2025-04-01", "--until", "2025-03-01"], "is after the end"),
    ],
)
def test_bad_dates_exit_2_with_a_plain_message_and_write_nothing(
    met, tmp_path, capsys, extra, message
):
    out = tmp_path / "report.pdf"
    assert main(["report", "--out", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Nothing was written." in err
    assert not out.exists()


def test_an_unknown_file_type_exits_2_and_writes_nothing(met, tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert main(["report", "--out", str(out)]) == 2
    assert "report.docx: the file name must end in .pdf" in capsys.readouterr().err
    assert not out.exists()


def test_a_folder_that_does_not_exist_exits_2(met, tmp_path, capsys):
    out = tmp_path / "nowhere" / "report.csv"
    assert main(["report", "--out", str(out)]) == 2
    assert "cannot be written" in capsys.readouterr().err
