"""Start-up: --quit-after-startup, one instance per data folder, bad databases, first run."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLockFile

from oneonone_desktop.app import ERROR_LOG_NAME, _make_excepthook, run_gui
from oneonone_desktop.cli import main as cli_main
from oneonone_desktop.paths import LOCK_NAME, database_path
from oneonone_desktop.store.models import OrganizerProfile, Supporter
from oneonone_desktop.views import welcome
from oneonone_desktop.views.welcome import WelcomeDialog, needs_welcome


def test_quit_after_startup_exits_0_once_the_list_has_painted(qapp, data_dir, no_dialogs):
    assert cli_main(["--quit-after-startup"]) == 0
    assert no_dialogs == []
    assert database_path(data_dir).exists()
    assert not (data_dir / LOCK_NAME).exists()  # the lock is released on the way out


def test_a_second_instance_on_the_same_folder_is_refused(qapp, data_dir, no_dialogs):
    data_dir.mkdir(parents=True)
    other = QLockFile(str(data_dir / LOCK_NAME))
    assert other.tryLock(0)
    try:
        assert run_gui(None, quit_after_startup=True) == 2
    finally:
        other.unlock()
    assert "already open with this data folder" in no_dialogs[0][1]


def test_a_stale_lock_from_a_dead_process_is_cleared(qapp, data_dir, no_dialogs):
    data_dir.mkdir(parents=True)
    # What QLockFile writes: pid, app name, host name; pid 999999 does not exist.
    (data_dir / LOCK_NAME).write_text("999999\noneonone\n" + _hostname() + "\n")
    assert run_gui(None, quit_after_startup=True) == 0


def _hostname() -> str:
    from PySide6.QtCore import QSysInfo

    return QSysInfo.machineHostName()


def test_a_damaged_database_gets_a_plain_message_and_exit_2(qapp, data_dir, no_dialogs):
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(b"this is not a database" * 100)
    assert run_gui(None, quit_after_startup=True) == 2
    assert "damaged" in no_dialogs[0][1]


def test_the_error_hook_shows_plain_words_and_keeps_personal_data_out_of_the_log(
    data_dir, database, no_dialogs
):
    data_dir.mkdir(parents=True, exist_ok=True)
    hook = _make_excepthook(data_dir, database)
    private = "Ana " + "García, 555-0100"
    try:
        raise ValueError(private)
    except ValueError:
        hook(*sys.exc_info())
    assert "Everything you saved before is safe" in no_dialogs[0][1]
    log = (data_dir / ERROR_LOG_NAME).read_text()
    assert "ValueError" in log and "Ana" not in log


def test_welcome_saves_the_organizer_and_is_not_shown_again(qtbot, database):
    assert needs_welcome()
    dialog = WelcomeDialog(database)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Sam Rivera")
    qtbot.keyClicks(dialog.chapter, "Riverside Women's March")
    dialog.start_button.click()
    profile = OrganizerProfile.get()
    assert (profile.name, profile.chapter) == ("Sam Rivera", "Riverside Women's March")
    assert not needs_welcome()


def test_welcome_demo_button_loads_300_demo_people(qtbot, database):
    dialog = WelcomeDialog(database)
    qtbot.addWidget(dialog)
    dialog.demo_button.click()
    assert dialog.demo_loaded
    assert Supporter.select().count() == welcome.DEMO_PEOPLE
    assert not needs_welcome()
