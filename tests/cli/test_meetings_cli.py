"""`oneonone meetings`, `oneonone schedule` and `oneonone print prep` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from oneonone_desktop.cli import main
from oneonone_desktop.paths import database_path
from oneonone_desktop.services import supporters as people
from oneonone_desktop.store.connection import close_database, open_database


@pytest.fixture
def ana_id(data_dir: Path) -> int:
    database = open_database(database_path(data_dir))
    try:
        return int(people.create_supporter(people.SupporterData("Ana", "García")).id)
    finally:
        close_database(database)


def test_schedule_then_list_upcoming(ana_id, capsys):
    assert main(["schedule", "--person", str(ana_id), "--at", "2031-01-05 18:00"]) == 0
    assert "Scheduled 1:1 1 on 2031-01-05 18:00 (Introductory 1:1)." in capsys.readouterr().out
    assert main(["meetings"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.split("\t") == [
        "1",
        "2031-01-05 18:00",
        "45 min",
        "introductory",
        "Ana García",
        "",
        "scheduled",
    ]


def test_overlap_and_past_time_are_noted_but_scheduled(ana_id, capsys):
    main(["schedule", "--person", str(ana_id), "--at", "2031-01-05 18:00", "--place", "Café"])
    capsys.readouterr()
    code = main(["schedule", "--person", str(ana_id), "--at", "2031-01-05 18:15"])
    assert code == 0
    assert "Note: It overlaps your 1:1 with Ana García at 18:00." in capsys.readouterr().err
    assert main(["schedule", "--person", str(ana_id), "--at", "2001-01-05 18:15"]) == 0
    assert "Note: That time has already passed." in capsys.readouterr().err
    assert main(["meetings", "--past"]) == 0
    assert "2001-01-05 18:15" in capsys.readouterr().out


def test_bad_schedule_input_exits_2_and_stores_nothing(ana_id, capsys):
    assert main(["schedule", "--person", "999", "--at", "2031-01-05 18:00"]) == 2
    assert "No person with id 999" in capsys.readouterr().err
    assert (
        main(["schedule", "--person", str(ana_id), "--at", "2031-01-05 18:00", "--minutes", "0"])
        == 2
    )
    err = capsys.readouterr().err
    assert "30 to 45 minutes" in err and "Nothing was changed." in err
    with pytest.raises(SystemExit) as usage:
        main(["schedule", "--person", str(ana_id), "--at", "next tuesday"])
    assert usage.value.code == 2
    assert main(["meetings", "--upcoming"]) == 0
    assert capsys.readouterr().out == ""


def test_print_prep_writes_the_sheet(ana_id, tmp_path, capsys):
    out = tmp_path / "prep.pdf"
    code = main(["print", "prep", "--person", str(ana_id), "--out", str(out), "--paper", "a4"])
    assert code == 0
    assert "(1 page)" in capsys.readouterr().out
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Ana García" in text and "Guiding questions" in text


def test_print_prep_for_an_unknown_person_exits_2_and_writes_no_file(ana_id, tmp_path, capsys):
    out = tmp_path / "prep.pdf"
    assert main(["print", "prep", "--person", "999", "--out", str(out)]) == 2
    assert "No person with id 999" in capsys.readouterr().err
    assert not out.exists()


def test_drafts_lists_meetings_under_way(ana_id, data_dir, capsys):
    from oneonone_desktop.services import meetings

    database = open_database(database_path(data_dir))
    meetings.start_ad_hoc(ana_id)
    close_database(database)
    assert main(["meetings", "--drafts"]) == 0
    assert "in_progress" in capsys.readouterr().out
