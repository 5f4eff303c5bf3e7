"""`oneonone backup|restore|check|encrypt|decrypt|export-person|erase-person`."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from oneonone_desktop.cli import main
from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store import crypto
from oneonone_desktop.store.connection import close_database, open_database

PASSPHRASE = "river stones at dawn"


@pytest.fixture
def ana(data_dir: Path) -> int:
    database = open_database(database_path(data_dir))
    try:
        return int(create_supporter(SupporterData("Ana", "Quintero-Vasquez")).id)
    finally:
        close_database(database)


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)


def names(data_dir: Path, passphrase: str | None = None) -> list[str]:
    conn = crypto.connect(database_path(data_dir), passphrase, readonly=True)
    try:
        return [r[0] for r in conn.execute("SELECT first_name FROM supporter ORDER BY id")]
    finally:
        conn.close()


def test_backup_then_restore_brings_the_data_back(data_dir, ana, tmp_path, capsys):
    out = tmp_path / "stick" / "copy.sqlite3"
    assert main(["backup", "--out", str(out)]) == 0
    assert main(["backup"]) == 0
    assert "verified backup" in capsys.readouterr().out
    assert main(["erase-person", str(ana), "--yes"]) == 0
    assert names(data_dir) == []
    assert main(["restore", str(out)]) == 2
    assert "Add --yes" in capsys.readouterr().err
    assert names(data_dir) == []
    assert main(["restore", str(out), "--yes"]) == 0
    assert names(data_dir) == ["Ana"]
    assert "before-restore" in capsys.readouterr().out
    assert len(list(backup_dir(data_dir).glob("*.sqlite3"))) == 2


def test_check_says_sound_then_names_a_damaged_table(data_dir, ana, capsys):
    assert main(["check"]) == 0
    assert "is sound" in capsys.readouterr().out
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute("DROP TABLE promise")
    conn.commit()
    conn.close()
    assert main(["check"]) == 2
    assert "promise is missing" in capsys.readouterr().err


def test_encrypt_with_the_environment_then_every_command_needs_the_passphrase(
    data_dir, ana, monkeypatch, no_terminal, capsys, tmp_path
):
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["encrypt"]) == 0
    assert "locked with the passphrase" in capsys.readouterr().out
    assert b"Quintero" not in database_path(data_dir).read_bytes()
    assert main(["list"]) == 0
    assert "Quintero-Vasquez" in capsys.readouterr().out
    monkeypatch.delenv(crypto.PASSPHRASE_ENV)
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert "no terminal" in err and crypto.PASSPHRASE_ENV in err
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "a wrong passphrase")
    assert main(["check"]) == 2
    assert "does not open" in capsys.readouterr().err
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["decrypt"]) == 0
    assert names(data_dir) == ["Ana"]


def test_export_person_writes_json_and_refuses_other_endings(data_dir, ana, tmp_path, capsys):
    out = tmp_path / "ana.json"
    assert main(["export-person", str(ana), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["tables"]["supporter"][0]["last_name"] == "Quintero-Vasquez"
    assert main(["export-person", str(ana), "--out", str(tmp_path / "ana.doc")]) == 2
    assert ".json or .pdf" in capsys.readouterr().err
    assert main(["export-person", "999", "--out", str(out)]) == 2


def test_erase_person_without_yes_only_says_what_it_would_do(data_dir, ana, capsys):
    assert main(["erase-person", str(ana)]) == 2
    assert "Add --yes" in capsys.readouterr().err
    assert names(data_dir) == ["Ana"]
    assert main(["erase-person", str(ana), "--yes"]) == 0
    output = capsys.readouterr().out
    assert "Erased person" in output and "Quintero" not in output  # no personal data printed
    assert main(["erase-person", str(ana), "--yes"]) == 2
