"""`oneonone calendar …`, `oneonone export|import FILE.ics` and `oneonone print agenda`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from oneonone_desktop.cli import main
from oneonone_desktop.paths import database_path
from oneonone_desktop.services import tasks
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.models import Meeting, Task

DATA = Path(__file__).resolve().parent.parent / "io" / "data"


@pytest.fixture
def stored(data_dir: Path) -> dict[str, int]:
    """Ana, a 1:1 held with her yesterday, and an overdue task."""
    database = open_database(database_path(data_dir))
    try:
        ana = create_supporter(SupporterData("Ana", "García", phones=["555-010-2000"])).id
        yesterday = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(18))
        held = Meeting.create(supporter=ana, status="held", scheduled_at=yesterday,
                              started_at=yesterday, ended_at=yesterday)  # fmt: skip
        late = tasks.add_task("Overdue call", dt.date.today() - dt.timedelta(days=3))
        return {"ana": ana, "meeting": held.id, "late": late.id}
    finally:
        close_database(database)


def count(data_dir: Path, model: type) -> int:
    database = open_database(database_path(data_dir))
    try:
        return int(model.select().count())
    finally:
        close_database(database)


def test_plan_accept_then_today_lists_the_follow_ups(stored, data_dir, capsys):
    assert main(["calendar", "plan", "--meeting", str(stored["meeting"]), "--accept"]) == 0
    out = capsys.readouterr().out
    assert "thank_you" in out and "check_in" in out and "every 4 weeks" in out
    assert "Stored 3 follow-up tasks." in out
    assert main(["calendar", "plan", "--meeting", str(stored["meeting"]), "--accept"]) == 0
    assert count(data_dir, Task) == 4  # accepted twice, stored once (plus the overdue task)
    capsys.readouterr()
    assert main(["calendar", "today"]) == 0
    out = capsys.readouterr().out
    assert "Overdue (1)" in out and "Overdue call" in out
    assert "Promises we owe (0)" in out


def test_done_snooze_skip_and_list(stored, capsys):
    late = str(stored["late"])
    assert main(["calendar", "snooze", late, "--until", "2030-01-02"]) == 0
    assert f"Task {late}: snoozed." in capsys.readouterr().out
    assert main(["calendar", "list", "--from", "2030-01-01", "--to", "2030-01-31"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.split("\t")[:3] == ["2030-01-02", "other", "Overdue call"]
    assert main(["calendar", "done", late, "--note", "Left a message"]) == 0
    assert f"Task {late}: done." in capsys.readouterr().out
    assert main(["calendar", "skip", "9999"]) == 2
    assert "no longer exists" in capsys.readouterr().err


def test_list_refuses_an_unknown_kind_or_reversed_dates(stored, capsys):
    assert (
        main(["calendar", "list", "--from", "2030-01-01", "--to", "2030-01-31", "--kind", "x"]) == 2
    )
    assert "Unknown kind x" in capsys.readouterr().err
    assert main(["calendar", "list", "--from", "2030-02-01", "--to", "2030-01-31"]) == 2


def test_plan_for_a_meeting_not_held_is_refused(stored, data_dir, capsys):
    assert main(["calendar", "plan", "--meeting", "999"]) == 2
    assert "no longer stored" in capsys.readouterr().err


def test_calendar_export_and_import_round_trip(stored, data_dir, tmp_path, capsys):
    out = tmp_path / "follow-ups.ics"
    assert main(["calendar", "export", str(out), "--zone", "America/New_York"]) == 0
    assert "Wrote 2 meetings and tasks" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert main(["calendar", "import", str(out)]) == 0
    assert "Added 0 and updated 2 meetings and tasks." in capsys.readouterr().out


def test_generic_import_and_export_know_ics(stored, data_dir, tmp_path, capsys):
    assert main(["import", str(DATA / "apple_like.ics")]) == 0
    assert "Added 3 and updated 0 meetings and tasks." in capsys.readouterr().out
    out = tmp_path / "all.ics"
    assert main(["export", str(out)]) == 0
    assert out.is_file() and "all.ics" in capsys.readouterr().out


def test_bad_ics_exits_2_naming_file_and_line_and_imports_nothing(stored, data_dir, capsys):
    assert main(["calendar", "import", str(DATA / "bad_line.ics")]) == 2
    err = capsys.readouterr().err
    assert "bad_line.ics, line 13" in err and "Nothing was imported" in err
    assert main(["import", str(DATA / "bad_nesting.ics")]) == 2
    assert "bad_nesting.ics, line 9" in capsys.readouterr().err
    assert count(data_dir, Task) == 1
    assert main(["calendar", "import", str(DATA / "missing.ics")]) == 2
    assert main(["calendar", "export", "/no/such/folder/x.ics"]) == 2
    assert main(["calendar", "export", "calendar.txt"]) == 2


def test_print_agenda_writes_the_weeks_pdf(stored, tmp_path, capsys):
    out = tmp_path / "week.pdf"
    week = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    assert main(["print", "agenda", "--week", week, "--out", str(out), "--paper", "a4"]) == 0
    assert f"Wrote the agenda for the week of {week} (" in capsys.readouterr().out
    text = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Overdue call" in text
    assert main(["print", "agenda", "--out", str(tmp_path / "week.txt")]) == 2
    with pytest.raises(SystemExit) as info:
        main(["print", "agenda", "--week", "next monday", "--out", str(out)])
    assert info.value.code == 2
