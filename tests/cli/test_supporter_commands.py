"""The import, export and list commands, and how every known failure ends: one line, exit 2."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from oneonone_desktop.cli import main
from oneonone_desktop.paths import database_path
from oneonone_desktop.store import connection

SHEET = (
    "First Name,Last Name,E-mail Address,Mobile Phone,City,Tags\n"
    "Ana,García,ana@example.org,951-555-0101,Riverside,huddle\n"
    "Ben,Okafor,ben@example.net,(909) 555-0102,Corona,\n"
)
CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Nguyễn;Linh;;;\r\nFN:Linh Nguyễn\r\n"
    "EMAIL:linh@example.org\r\nTEL;TYPE=CELL:+1 951 555 0103\r\nEND:VCARD\r\n"
)


def stored(data_dir: Path, sql: str = "SELECT COUNT(*) FROM supporter") -> object:
    """Read the data file directly (read-only), as another program would."""
    path = database_path(data_dir)
    if not path.exists():
        return 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def listed(capsys: pytest.CaptureFixture[str], *args: str) -> list[list[str]]:
    capsys.readouterr()
    assert main([*args, "list"]) == 0
    return [line.split("\t") for line in capsys.readouterr().out.splitlines()]


def assert_one_line_error(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    captured = capsys.readouterr()
    err = captured.err
    assert err.count("\n") == 1, err
    assert err.startswith("oneonone: ") and "Traceback" not in err
    for word in words:
        assert word in err
    return err


def test_help_documents_the_commands_in_a_real_process():
    done = subprocess.run(
        [sys.executable, "-m", "oneonone_desktop", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    for word in ("demo", "import", "export", "list", "--data-dir"):
        assert word in done.stdout


def test_import_adds_people_then_merges_them_on_a_second_import(tmp_path, capsys, data_dir):
    sheet = tmp_path / "sign-in.csv"
    sheet.write_text(SHEET, encoding="utf-8-sig")
    assert main(["import", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert out == "Added 2 people, merged 0 with people already in the list.\n"
    assert main(["import", str(sheet)]) == 0
    assert capsys.readouterr().out.startswith("Added 0 people, merged 2 with")
    assert stored(data_dir) == 2


def test_import_reads_contact_cards(tmp_path, capsys, data_dir):
    cards = tmp_path / "phone.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    assert main(["import", str(cards)]) == 0
    assert capsys.readouterr().out.startswith("Added 1 person, merged 0")
    assert [row[1] for row in listed(capsys)] == ["Linh Nguyễn"]


def test_a_file_with_a_bad_row_is_reported_row_by_row_and_changes_nothing(
    tmp_path, capsys, data_dir
):
    assert main(["demo", "--people", "5"]) == 0
    before = listed(capsys)
    sheet = tmp_path / "typed.csv"
    sheet.write_text(SHEET + "Cy,Bad,not-an-email,,Norco,\n", encoding="utf-8")
    assert main(["import", str(sheet)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "typed.csv, line 4, E-mail Address: " in captured.err
    assert "nothing was imported" in captured.err and "Traceback" not in captured.err
    assert listed(capsys) == before


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("missing.csv", None, ["There is no file", "missing.csv"]),
        ("people.xlsx", b"PK\x03\x04", ["Cannot import people.xlsx", ".csv"]),
        ("binary.csv", b"\x00\x01\x02\xff" * 200, ["binary.csv"]),
    ],
)
def test_a_file_that_cannot_be_imported_gets_one_plain_line(
    tmp_path, capsys, data_dir, name, content, words
):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["import", str(path)]) == 2
    assert_one_line_error(capsys, *words)
    assert stored(data_dir) == 0


def test_export_then_import_elsewhere_gives_the_same_list(tmp_path, capsys):
    assert main(["demo", "--people", "60", "--seed", "4"]) == 0
    original = listed(capsys)  # the archived are neither listed nor exported
    count = len(original)
    assert 50 < count <= 60
    for suffix in (".csv", ".vcf"):
        exported = tmp_path / f"everyone{suffix}"
        capsys.readouterr()
        assert main(["export", str(exported)]) == 0
        assert capsys.readouterr().out == f"Exported {count} people to {exported}.\n"
        other = str(tmp_path / f"copy{suffix}")
        assert main(["--data-dir", other, "import", str(exported)]) == 0
        assert f"Added {count} people, merged 0" in capsys.readouterr().out
        copy = listed(capsys, "--data-dir", other)
        kept = 4 if suffix == ".csv" else 3  # a contact card has no ladder stage
        assert sorted(row[1:kept] for row in copy) == sorted(row[1:kept] for row in original)


def test_importing_an_export_back_merges_everyone(tmp_path, capsys, data_dir):
    assert main(["demo", "--people", "25"]) == 0
    exported = tmp_path / "back.csv"
    assert main(["export", str(exported)]) == 0
    capsys.readouterr()
    assert main(["import", str(exported)]) == 0
    assert capsys.readouterr().out.startswith("Added 0 people, merged 25")
    assert stored(data_dir) == 25


def test_export_by_tag_and_with_the_archived(tmp_path, capsys, data_dir):
    assert main(["demo", "--people", "300"]) == 0
    tagged = stored(
        data_dir,
        "SELECT COUNT(*) FROM supporter s WHERE archived_at IS NULL AND EXISTS (SELECT 1"
        " FROM supporter_label sl JOIN label l ON l.id = sl.label_id WHERE"
        " sl.supporter_id = s.id AND l.kind = 'tag' AND l.name = 'huddle')",
    )
    archived = stored(data_dir, "SELECT COUNT(*) FROM supporter WHERE archived_at IS NOT NULL")
    assert 0 < tagged < 300 and archived > 0
    capsys.readouterr()
    assert main(["export", str(tmp_path / "huddle.csv"), "--tag", "huddle"]) == 0
    assert f"Exported {tagged} people" in capsys.readouterr().out
    assert main(["export", str(tmp_path / "all.csv"), "--include-archived"]) == 0
    assert "Exported 300 people" in capsys.readouterr().out
    assert main(["export", str(tmp_path / "active.csv")]) == 0
    assert f"Exported {300 - archived} people" in capsys.readouterr().out
    assert main(["export", str(tmp_path / "x.csv"), "--tag", "no-such-tag"]) == 0
    assert "Exported 0 people" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("people.pdf", ["Cannot export to people.pdf", ".csv"]),
        ("no-such-folder/people.csv", ["There is no folder", "no-such-folder"]),
    ],
)
def test_an_export_that_cannot_be_written_gets_one_plain_line(tmp_path, capsys, target, words):
    assert main(["export", str(tmp_path / target)]) == 2
    assert_one_line_error(capsys, *words)
    assert not (tmp_path / target).exists()


def test_list_searches_as_the_search_box_does_and_limits(capsys, data_dir):
    assert main(["demo", "--people", "200"]) == 0
    everyone = listed(capsys)
    archived = stored(data_dir, "SELECT COUNT(*) FROM supporter WHERE archived_at IS NOT NULL")
    assert len(everyone) == 200 - archived and all(len(row) == 4 for row in everyone)
    name = everyone[10][1].split()[-1]
    capsys.readouterr()
    assert main(["list", "--search", name[:4]]) == 0
    hits = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert everyone[10] in hits and len(hits) < len(everyone)
    assert main(["list", "--limit", "3"]) == 0
    assert [line.split("\t") for line in capsys.readouterr().out.splitlines()] == everyone[:3]


def test_a_data_folder_that_is_a_file_gets_one_plain_line(tmp_path, capsys):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    assert main(["--data-dir", str(not_a_folder), "list"]) == 2
    assert_one_line_error(capsys, "cannot be written to")


def test_a_damaged_data_file_gets_one_plain_line_and_is_left_alone(capsys, data_dir):
    data_dir.mkdir(parents=True)
    damaged = database_path(data_dir)
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 3000)
    before = damaged.read_bytes()
    assert main(["demo", "--people", "5"]) == 2
    assert_one_line_error(capsys, "damaged")
    assert damaged.read_bytes() == before


def test_a_data_file_busy_with_another_writer_gets_one_plain_line(capsys, data_dir, monkeypatch):
    assert main(["list"]) == 0  # creates the data file
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.05)
    writer = sqlite3.connect(database_path(data_dir), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert main(["demo", "--people", "5"]) == 2
        assert_one_line_error(capsys, "busy", "try again")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert stored(data_dir) == 0


def test_a_data_file_that_becomes_busy_mid_command_gets_one_plain_line(capsys, monkeypatch):
    from peewee import OperationalError

    from oneonone_desktop.services import demo

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(demo, "generate", locked)
    assert main(["demo", "--people", "5"]) == 2
    assert_one_line_error(capsys, "busy", "Nothing was changed")


def test_export_warns_when_people_did_not_agree_to_share(database, tmp_path, capsys):
    from oneonone_desktop.cli import main
    from oneonone_desktop.services.supporters import SupporterData, create_supporter

    create_supporter(SupporterData(first_name="Dee", emails=["dee@example.org"]))
    assert main(["export", str(tmp_path / "out.csv")]) == 0
    out, err = capsys.readouterr()
    assert "Exported 1 person" in out
    assert "did not agree to share their details" in err
