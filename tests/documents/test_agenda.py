"""The printable week agenda: every day, each item with its box, time, person, phone and place."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from oneonone_desktop.documents.agenda import AgendaError, write_week_agenda
from oneonone_desktop.services import tasks
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store.models import Commitment, Meeting

WEEK = dt.date(2026, 3, 9)
TODAY = dt.date(2026, 3, 10)


def text_of(path: Path) -> str:
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def week(database) -> None:
    ana = create_supporter(
        SupporterData(first_name="Ana María", last_name="García", phones=["(951) 555-0142"])
    ).id
    dmitri = create_supporter(
        SupporterData(first_name="Дмитрий", last_name="Иванов", phones=["+1 909 555 0187"])
    ).id
    Meeting.create(
        supporter=ana, scheduled_at=dt.datetime(2026, 3, 12, 18, 30), place="Library room 2"
    )
    tasks.add_task("Thank Дмитрий", dt.date(2026, 3, 10), kind="thank_you", supporter_id=dmitri)
    done = tasks.add_task("Order flyers", dt.date(2026, 3, 11), due_time=dt.time(9, 0))
    tasks.mark_done(done.id)
    tasks.add_task("Call with news", dt.date(2026, 3, 2), kind="non_ask_update", supporter_id=ana)
    tasks.add_task("Next week's task", dt.date(2026, 3, 16))
    Commitment.create(supporter=ana, activity="Phone bank", due_at=dt.datetime(2026, 3, 14, 17))


def test_agenda_lists_each_day_with_people_phones_places_and_boxes(week, tmp_path):
    out = tmp_path / "week.pdf"
    assert write_week_agenda(out, WEEK, today=TODAY) == 4
    text = text_of(out)
    assert "Week of March 9 – March 15, 2026" in text
    days = ["Monday, March 9", "Tuesday, March 10 · today", "Wednesday, March 11"]
    days += ["Thursday, March 12", "Saturday, March 14", "Sunday, March 15"]
    positions = [text.index(day) for day in days]
    assert positions == sorted(positions)
    assert "1:1 with Ana María García" in text and "6:30–7:15 pm" in text
    assert "(951) 555-0142" in text and "Library room 2" in text
    assert "Thank Дмитрий" in text and "+1 909 555 0187" in text
    assert "Phone bank" in text and "5:00 pm" in text
    assert "☐" in text and "☑" in text  # open and done boxes
    assert "Still open from before" in text and "Call with news" in text
    assert "Next week's task" not in text


def test_a4_uses_the_24_hour_clock(week, tmp_path):
    out = tmp_path / "week.pdf"
    write_week_agenda(out, WEEK, "a4", today=TODAY)
    reader = PdfReader(str(out))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    assert "18:30–19:15" in text_of(out)


def test_an_empty_week_still_prints_every_day(database, tmp_path):
    out = tmp_path / "empty.pdf"
    assert write_week_agenda(out, WEEK, today=TODAY) == 0
    assert text_of(out).count("Nothing planned.") == 7


def test_a_busy_week_flows_onto_more_pages(database, tmp_path):
    for n in range(120):
        tasks.add_task(f"Task number {n}", WEEK + dt.timedelta(days=n % 7))
    out = tmp_path / "busy.pdf"
    assert write_week_agenda(out, WEEK, today=TODAY) == 120
    assert len(PdfReader(str(out)).pages) > 1
    assert "Task number 119" in text_of(out)


def test_bad_paper_or_file_name_is_refused_and_nothing_written(database, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(AgendaError):
        write_week_agenda(folder / "week.pdf", WEEK, "tabloid")
    with pytest.raises(AgendaError):
        write_week_agenda(folder / "week.png", WEEK)
    with pytest.raises(AgendaError):
        write_week_agenda(folder / "missing" / "week.pdf", WEEK)
    assert list(folder.iterdir()) == []
