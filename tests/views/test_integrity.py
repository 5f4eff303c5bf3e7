"""The deferred whole-file check tells the user about damage, and stays quiet on a sound file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.models import Supporter
from oneonone_desktop.views.integrity import IntegrityCheck


def make_file(path: Path, damaged: bool) -> None:
    db = open_database(path, bind=True)
    for i in range(300):
        Supporter.create(first_name=f"Person {i}", background="x" * 200)
    close_database(db)
    if damaged:
        with open(path, "r+b") as handle:
            for page_start in range(4096 * 2, path.stat().st_size, 4096 * 2):
                handle.seek(page_start)
                handle.write(b"\xff" * 12)


def run_check(qtbot, path: Path) -> str:
    parent = QWidget()
    qtbot.addWidget(parent)
    check = IntegrityCheck(path, parent)
    with qtbot.waitSignal(check.finished, timeout=10_000) as blocker:
        check.start()
    return blocker.args[0]


def test_damaged_file_is_reported_in_plain_words(qtbot, tmp_path, no_dialogs):
    path = tmp_path / "damaged.sqlite3"
    make_file(path, damaged=True)
    message = run_check(qtbot, path)
    assert "damaged" in message
    qtbot.waitUntil(lambda: any("damaged" in text for _, text in no_dialogs))


def test_sound_file_raises_no_message(qtbot, tmp_path, no_dialogs):
    path = tmp_path / "sound.sqlite3"
    make_file(path, damaged=False)
    assert run_check(qtbot, path) == ""
    assert no_dialogs == []
