"""Data safety in the window: backups dialog, passphrase prompt, app lock, consent, exports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.services.supporters import Consent, current_consents
from oneonone_desktop.store import crypto
from oneonone_desktop.store.backups import list_backups, make_backup
from oneonone_desktop.store.connection import close_database
from oneonone_desktop.views import messages
from oneonone_desktop.views.safety import backups_dialog, reopen

PASSPHRASE = "seven blue lanterns"


@pytest.fixture
def reopened(monkeypatch, database) -> Callable[[], list[object]]:
    """Asking to reopen the app is recorded instead of ending the event loop; calling the
    fixture's value then does what the app does: close the data and run the pending job."""
    calls: list[object] = []

    def record(window: object, job: Callable[[], None] | None = None) -> None:
        calls.append(window)
        if job is not None:
            jobs.append(job)

    jobs: list[Callable[[], None]] = []
    monkeypatch.setattr(reopen, "reopen", record)

    def finish() -> list[object]:
        close_database(database)
        for job in jobs:
            job()
        return calls

    return finish


@pytest.fixture
def locked_copy(database, data_dir, tmp_path) -> Path:
    """An encrypted copy of the test's data file (the window keeps the plain one)."""
    from oneonone_desktop.store.backup import backup_connection

    plain = backup_connection(database.connection(), tmp_path / "plain.sqlite3")
    path = tmp_path / "locked.sqlite3"
    crypto.convert(plain, path, source_key=None, dest_key=PASSPHRASE)
    return path


def test_backups_dialog_makes_a_backup_and_saves_a_copy(
    qtbot, window, data_dir, tmp_path, monkeypatch, no_dialogs
):
    dialog = backups_dialog.BackupsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisibleTo(dialog) and not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1 and dialog.restore_button.isEnabled()
    assert "Made by you" in dialog.table.item(0, 1).text()
    assert "Backup made and checked" in window.notice_label.text()
    target = tmp_path / "stick" / "copy.sqlite3"
    monkeypatch.setattr(backups_dialog, "choose_copy_path", lambda parent: target)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert target.is_file() and ("info", no_dialogs[-1][1]) == no_dialogs[-1]


def test_restore_from_the_dialog_replaces_the_data_and_keeps_the_state_before(
    qtbot, window, database, data_dir, add_person, monkeypatch, no_dialogs, reopened
):
    add_person("Before")
    make_backup(database, backup_dir(data_dir))
    add_person("After")
    monkeypatch.setattr(messages, "confirm", lambda *args, **kwargs: True)
    dialog = backups_dialog.BackupsDialog(window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert reopened() == [window]
    conn = crypto.connect(database_path(data_dir), readonly=True)
    names = [r[0] for r in conn.execute("SELECT first_name FROM supporter")]
    conn.close()
    assert names == ["Before"]
    assert [b.kind for b in list_backups(backup_dir(data_dir))].count("before-restore") == 1


def test_wrong_passphrase_keeps_the_prompt_open_and_the_right_one_unlocks(qtbot, locked_copy):
    from oneonone_desktop.views.safety.passphrase import PassphraseDialog

    dialog = PassphraseDialog(locked_copy)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.field, "not it at all")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "does not open your data" in dialog.problem.text()
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, PASSPHRASE)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.passphrase == PASSPHRASE


def test_new_passphrase_must_be_long_enough_and_typed_twice(qtbot):
    from oneonone_desktop.views.safety.passphrase import NewPassphraseDialog

    dialog = NewPassphraseDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.first, "short")
    dialog.ok_button.click()
    assert "8 characters" in dialog.problem.text() and dialog.passphrase is None
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE + "!")
    dialog.ok_button.click()
    assert "differ" in dialog.problem.text()
    dialog.second.setText(PASSPHRASE)
    dialog.ok_button.click()
    assert dialog.passphrase == PASSPHRASE


def test_app_lock_hides_the_data_until_the_passphrase_is_typed(qtbot, window, locked_copy):
    from oneonone_desktop.views.safety.app_lock import AppLock

    lock = AppLock(window, locked_copy)
    content = window.centralWidget()
    lock.lock()
    assert window.centralWidget() is not content and not content.isVisible()
    assert not window.menuBar().isEnabled()
    screen = window.centralWidget()
    qtbot.keyClicks(screen.field, "wrong guess here")
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    assert lock.is_locked() and "does not open" in screen.problem.text()
    qtbot.keyClicks(screen.field, PASSPHRASE)
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    assert not lock.is_locked() and window.centralWidget() is content
    assert window.menuBar().isEnabled()


def test_app_lock_does_nothing_for_data_without_a_passphrase(window):
    content = window.centralWidget()
    window.app_lock.lock()
    assert window.centralWidget() is content and not window.app_lock.timer.isActive()


def test_consent_history_lists_changes_and_records_a_withdrawal(qtbot, window, add_person):
    from oneonone_desktop.views.safety.consent_dialog import ConsentHistoryDialog

    ana = add_person("Ana", consents={"email_list": Consent(True, None, "signed the sheet")})
    window.open_person(ana)
    assert window.person_page().findChild(object, "action_consent_history") is not None
    dialog = ConsentHistoryDialog(ana, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and "signed the sheet" in dialog.table.item(0, 3).text()
    qtbot.keyClicks(dialog.how, "asked by text to stop")
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert dialog.changed and dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text() == "Withdrawn"
    assert not current_consents(ana)["email_list"].granted
    assert not dialog.withdraw_button.isEnabled()


def test_export_button_writes_everything_about_the_person(
    qtbot, window, add_person, tmp_path, monkeypatch
):
    import oneonone_desktop.views.safety as safety

    ana = add_person("Ana", "Export")
    target = tmp_path / "ana.json"
    monkeypatch.setattr(safety, "choose_export_path", lambda parent, name: target)
    window.open_person(ana)
    button = window.person_page().findChild(object, "action_export_person")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert target.is_file() and b'"Export"' in target.read_bytes()
    assert "Everything about them" in window.notice_label.text()


def test_setting_a_passphrase_from_the_page_locks_data_and_backups(
    qtbot, window, database, data_dir, add_person, monkeypatch, no_dialogs, reopened
):
    from oneonone_desktop.views.safety import settings_page

    add_person("Quorra", "Lanternwick")
    make_backup(database, backup_dir(data_dir))

    class Accepting:
        def __init__(self, *args: object) -> None:
            self.passphrase = PASSPHRASE

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(settings_page, "NewPassphraseDialog", Accepting)
    window.show_section("safety")
    page = window.section_widget("safety")
    assert page.set_button.isVisible() and not page.minutes.isEnabled()
    qtbot.mouseClick(page.set_button, Qt.MouseButton.LeftButton)
    assert reopened() == [window]
    assert no_dialogs[-1][0] == "info" and "locked with the passphrase" in no_dialogs[-1][1]
    for file in [database_path(data_dir), *backup_dir(data_dir).glob("*.sqlite3")]:
        assert b"Lanternwick" not in file.read_bytes(), file
    assert crypto.passphrase_for(database_path(data_dir)) == PASSPHRASE
    # The app would now build a new window; this test's window still has timers that read
    # the data, so give them plain data again.
    from oneonone_desktop.store.encrypt_folder import decrypt_data

    decrypt_data(data_dir, PASSPHRASE)
