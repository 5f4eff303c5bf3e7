"""The wizard's draft: saved as the organizer types, kept when the window closes, is destroyed
or the process is killed, and offered for resuming when the app starts."""

from __future__ import annotations

import datetime as dt
import os
import select
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt

from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.services import meetings
from oneonone_desktop.services import supporters as svc
from oneonone_desktop.services.wizard_state import load_draft, open_drafts
from oneonone_desktop.store.models import Meeting

NOW = dt.datetime(2025, 3, 14, 18, 0)


@pytest.fixture
def controller(window):
    window.meetings_controller.clock = lambda: NOW
    return window.meetings_controller


def started(supporter_id: int) -> int:
    result = meetings.schedule(supporter_id, "introductory", NOW, 45, "Café Luna")
    meetings.start_meeting(result.meeting_id, now=NOW)
    return result.meeting_id


def test_wizard_draft_survives_the_window_being_destroyed_mid_step(controller, qtbot, add_person):
    meeting_id = started(add_person("Rosa", "Delgado"))
    wizard = controller.open_wizard(meeting_id)
    wizard.go_to_key("connection")
    page = wizard.current_page()
    with qtbot.waitSignal(wizard.draftSaved, timeout=5000):
        qtbot.keyClicks(page.notes, "Rent went up again")
        qtbot.keyClicks(page.issues, "housing")
    controller.wizards.pop(meeting_id)
    shiboken6.delete(wizard)  # gone without a close event, as in a crash

    reopened = controller.open_wizard(meeting_id)
    assert reopened.current_page().step.key == "connection"
    assert reopened.current_page().notes.toPlainText() == "Rent went up again"
    assert reopened.current_page().issues.text() == "housing"


def test_wizard_saves_after_a_short_pause_not_on_every_key(controller, qtbot, add_person):
    meeting_id = started(add_person("Tom"))
    wizard = controller.open_wizard(meeting_id)
    wizard.go_to_key("connection")
    saved: list[int] = []
    wizard.draftSaved.connect(lambda: saved.append(1))
    with qtbot.waitSignal(wizard.draftSaved, timeout=5000):
        qtbot.keyClicks(wizard.current_page().notes, "twenty letters typed")
    assert saved == [1]
    assert "twenty letters typed" in Meeting.get_by_id(meeting_id).draft


def test_closing_the_wizard_keeps_the_draft_and_says_where_to_resume(controller, qtbot, add_person):
    meeting_id = started(add_person("Rosa", "Delgado"))
    wizard = controller.open_wizard(meeting_id)
    wizard.go_to_key("story")
    qtbot.keyClicks(wizard.current_page().notes, "Told the clinic story")
    wizard.close()  # at once, before the pause that would save

    assert load_draft(meeting_id).notes == {"story": "Told the clinic story"}
    assert load_draft(meeting_id).step == "story"
    notice = controller.window.notice_label.text()
    assert "kept" in notice and "Rosa Delgado" in notice and "Ctrl+Shift+R" in notice
    page = controller.window.section_widget("meetings")
    page.refresh()
    assert [d.meeting_id for d in page.models["drafts"].rows] == [meeting_id]
    resumed = controller.resume()  # the only draft
    assert resumed.current_page().step.key == "story"


def test_quitting_the_app_saves_the_notes_of_every_open_wizard(controller, qtbot, add_person):
    first = started(add_person("Rosa"))
    second = started(add_person("Tom"))
    for meeting_id, words in ((first, "Rosa's notes"), (second, "Tom's notes")):
        wizard = controller.open_wizard(meeting_id)
        qtbot.keyClicks(wizard.current_page().notes, words)
    controller.window.close()  # before the pause that would save
    assert load_draft(first).notes == {"purpose": "Rosa's notes"}
    assert load_draft(second).notes == {"purpose": "Tom's notes"}
    assert controller.wizards == {}


def test_wizard_for_a_person_erased_meanwhile_says_so_plainly_and_closes(
    controller, qtbot, add_person, no_dialogs
):
    person = add_person("Rosa")
    meeting_id = started(person)
    wizard = controller.open_wizard(meeting_id)
    svc.erase([person])
    qtbot.keyClicks(wizard.current_page().notes, "x")
    assert not wizard.save_now()
    assert no_dialogs and "no longer stored" in no_dialogs[0][1]
    assert not wizard.isVisible() and meeting_id not in controller.wizards


def test_app_start_offers_to_resume_a_1_1_in_progress(qtbot, database, data_dir: Path, add_person):
    from oneonone_desktop.views.main_window import MainWindow

    meeting_id = started(add_person("Rosa", "Delgado"))
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(database, settings, data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: _draft_notice(window) is not None and _draft_notice(window).isVisible())
    offer = _draft_notice(window)
    assert "in progress with Rosa Delgado" in offer.text.text()
    window.meetings_controller.clock = lambda: NOW
    qtbot.mouseClick(offer.resume, Qt.MouseButton.LeftButton)
    assert meeting_id in window.meetings_controller.wizards
    assert not offer.isVisible()
    window.close()


def _draft_notice(window):
    from oneonone_desktop.views.meetings.draft_notice import DraftNotice

    return window.findChild(DraftNotice)


CHILD = textwrap.dedent(
    """
    import datetime as dt, os, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from oneonone_desktop.store.connection import open_database
    from oneonone_desktop.services.meetings import get_meeting
    from oneonone_desktop.services.wizard_state import load_draft
    from oneonone_desktop.views.meetings.wizard import WizardWindow
    open_database(Path(sys.argv[1]), backup_dir=Path(sys.argv[2]))
    meeting_id = int(sys.argv[3])
    now = dt.datetime(2025, 3, 14, 18, 5)
    wizard = WizardWindow(load_draft(meeting_id), get_meeting(meeting_id),
                          clock=lambda: now, open_profile=lambda *a: None)
    wizard.show()
    wizard.go_to_key("connection")
    loop = QEventLoop()
    wizard.draftSaved.connect(loop.quit)
    QTest.keyClicks(wizard.current_page().notes, "She knows the landlord")
    QTimer.singleShot(20000, loop.quit)
    loop.exec()
    print("SAVED", flush=True)
    sys.stdin.readline()  # wait here to be killed
    """
)


def test_wizard_draft_survives_the_process_being_killed_mid_step(
    database, data_dir: Path, add_person, tmp_path: Path
):
    meeting_id = started(add_person("Rosa"))
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    child = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(database_path(data_dir)),
            str(backup_dir(data_dir)),
            str(meeting_id),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready, "the child did not save in time"
        assert child.stdout is not None and child.stdout.readline().strip() == b"SAVED"
    finally:
        child.kill()  # SIGKILL: no close event, no clean exit
        child.communicate(timeout=30)
    state = load_draft(meeting_id)
    assert state.step == "connection"
    assert state.notes["connection"] == "She knows the landlord"
    assert [d.meeting_id for d in open_drafts()] == [meeting_id]
