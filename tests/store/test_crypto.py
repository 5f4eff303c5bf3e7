"""Encryption at rest: a locked folder keeps no plain copy, and only its passphrase opens it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from oneonone_desktop.paths import LOCK_NAME, backup_dir, database_path
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store import crypto
from oneonone_desktop.store.backups import list_backups, make_backup
from oneonone_desktop.store.connection import close_database, integrity_problem, open_database
from oneonone_desktop.store.encrypt_folder import (
    FolderBusy,
    change_passphrase,
    decrypt_data,
    encrypt_data,
    folder_in_use,
)
from oneonone_desktop.store.errors import StoreError

SECRET = "correct horse battery"
NAME = "Zenobia Quillfeather"


def _all_bytes(folder: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in folder.rglob("*") if p.is_file()]


@pytest.fixture
def folder_with_person(data_dir: Path) -> Path:
    """A closed data folder holding one person and two backups (one made before migration 6)."""
    path = database_path(data_dir)
    db = open_database(path, backup_dir=backup_dir(data_dir), migrate_to=5)
    create_person = SupporterData(first_name="Zenobia", last_name="Quillfeather")
    close_database(db)
    db = open_database(path, backup_dir=backup_dir(data_dir))  # makes before-migration-6
    create_supporter(create_person)
    make_backup(db, backup_dir(data_dir))
    close_database(db)
    return data_dir


def test_encrypting_leaves_no_plain_copy_of_a_name_anywhere_in_the_folder(folder_with_person):
    assert any(NAME.encode() in data for _, data in _all_bytes(folder_with_person))
    report = encrypt_data(folder_with_person, SECRET)
    assert len(report.converted) == 3  # the data file and both backups
    for path, data in _all_bytes(folder_with_person):
        assert NAME.encode() not in data, path
        assert b"Quillfeather" not in data, path
    assert crypto.is_encrypted(database_path(folder_with_person))
    assert all(b.encrypted for b in list_backups(backup_dir(folder_with_person)))


def test_locked_data_needs_its_passphrase_and_a_wrong_one_changes_nothing(folder_with_person):
    encrypt_data(folder_with_person, SECRET)
    path = database_path(folder_with_person)
    before = path.read_bytes()
    with pytest.raises(crypto.PassphraseNeeded):
        open_database(path)
    with pytest.raises(crypto.WrongPassphrase) as info:
        open_database(path, passphrase="not the passphrase")
    assert "does not open" in info.value.message and "Nothing was changed" in info.value.message
    assert path.read_bytes() == before
    db = open_database(path, backup_dir=backup_dir(folder_with_person), passphrase=SECRET)
    try:
        rows = db.execute_sql("SELECT first_name, last_name FROM supporter").fetchall()
        assert rows == [("Zenobia", "Quillfeather")]
        assert integrity_problem(path) is None  # uses the remembered passphrase
    finally:
        close_database(db)


def test_backups_of_locked_data_are_locked_with_the_same_passphrase(folder_with_person):
    encrypt_data(folder_with_person, SECRET)
    path = database_path(folder_with_person)
    db = open_database(path, backup_dir=backup_dir(folder_with_person), passphrase=SECRET)
    try:
        made = make_backup(db, backup_dir(folder_with_person))
    finally:
        close_database(db)
    assert made.encrypted
    assert b"Quillfeather" not in made.path.read_bytes()
    crypto.check_passphrase(made.path, SECRET)


def test_changing_the_passphrase_converts_data_and_backups(folder_with_person):
    encrypt_data(folder_with_person, SECRET)
    change_passphrase(folder_with_person, SECRET, "a brand new phrase")
    for path in [database_path(folder_with_person)] + [
        b.path for b in list_backups(backup_dir(folder_with_person))
    ]:
        with pytest.raises(crypto.WrongPassphrase):
            crypto.check_passphrase(path, SECRET)
        crypto.check_passphrase(path, "a brand new phrase")


def test_removing_the_passphrase_makes_every_file_plain_again(folder_with_person):
    encrypt_data(folder_with_person, SECRET)
    with pytest.raises(crypto.WrongPassphrase):
        decrypt_data(folder_with_person, "wrong phrase here")
    report = decrypt_data(folder_with_person, SECRET)
    assert len(report.converted) == 3
    assert not crypto.is_encrypted(database_path(folder_with_person))
    db = open_database(database_path(folder_with_person))
    try:
        assert db.execute_sql("SELECT COUNT(*) FROM supporter").fetchone() == (1,)
    finally:
        close_database(db)


def test_short_passphrase_is_refused_before_anything_changes(folder_with_person):
    before = database_path(folder_with_person).read_bytes()
    with pytest.raises(StoreError) as info:
        encrypt_data(folder_with_person, "short")
    assert "at least 8 characters" in info.value.message
    assert database_path(folder_with_person).read_bytes() == before


def test_a_folder_open_in_a_running_app_is_not_converted(folder_with_person):
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)  # fmt: skip
    try:
        (folder_with_person / LOCK_NAME).write_text(f"{child.pid}\noneonone\nhost\n")
        assert folder_in_use(folder_with_person)
        with pytest.raises(FolderBusy):
            encrypt_data(folder_with_person, SECRET)
    finally:
        child.communicate(b"")
    assert not folder_in_use(folder_with_person)  # the process is gone: a stale lock


def test_junk_and_plain_files_do_not_look_encrypted(tmp_path: Path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"shopping list " * 100)
    assert not crypto.is_encrypted(junk)
    assert not crypto.is_encrypted(tmp_path / "missing.sqlite3")


def test_passphrase_rules_are_told_in_plain_words():
    assert crypto.passphrase_problem("long enough words") == ""
    assert "8 characters" in crypto.passphrase_problem("abc")
    assert "spaces" in crypto.passphrase_problem(" padded phrase ")
