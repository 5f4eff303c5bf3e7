"""The follow-up plan dialog: ticked rows become tasks, unticked ones do not, edits are kept."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from oneonone_desktop.services.supporters import Consent
from oneonone_desktop.store.models import Commitment, Meeting, Promise, Task
from oneonone_desktop.views import followup_dialog
from oneonone_desktop.views.followup_dialog import FollowUpDialog, propose_followup

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def meeting(add_person) -> int:
    """A 1:1 held today with Ana, who gave a commitment and got a promise."""
    sid = add_person(
        "Ana",
        "García",
        phones=["555-010-2000"],
        emails=["ana@example.org"],
        consents={"email_list": Consent(True, TODAY, "at our 1:1")},
    )
    start = dt.datetime.combine(TODAY, dt.time(18, 0))
    mid = Meeting.create(
        supporter=sid, status="held", scheduled_at=start, started_at=start, ended_at=start
    ).id
    Commitment.create(
        supporter=sid,
        meeting=mid,
        activity="Phone bank",
        due_at=dt.datetime(2026, 3, 20, 18, 0),
        goal="Make 30 calls",
    )
    Promise.create(supporter=sid, meeting=mid, text="Send the housing report", due_on=TODAY)
    return int(mid)


def open_dialog(qtbot, meeting_id: int) -> FollowUpDialog:
    dialog = FollowUpDialog(meeting_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def row_of(dialog: FollowUpDialog, kind: str):
    return next(row for row in dialog.rows if row.proposal.kind == kind)


def test_accepting_stores_every_ticked_row_as_a_task(qtbot, meeting):
    dialog = open_dialog(qtbot, meeting)
    shown = [row.proposal.kind for row in dialog.rows]
    assert "thank_you" in shown and "check_in" in shown and "add_to_lists" in shown

    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = sorted(t.kind for t in Task.select())
    assert stored == sorted(shown)


def test_unticked_rows_are_not_created(qtbot, meeting):
    dialog = open_dialog(qtbot, meeting)
    dialog.rows[0].keep.click()  # the thank-you
    row_of(dialog, "non_ask_update").keep.setChecked(False)
    assert dialog.accept_button.text() == f"Add {len(dialog.rows) - 2} tasks to my calendar"

    dialog.save()

    stored = {t.kind for t in Task.select()}
    assert "thank_you" not in stored and "non_ask_update" not in stored
    assert "check_in" in stored


def test_edits_to_title_day_time_and_repeat_are_stored(qtbot, meeting):
    dialog = open_dialog(qtbot, meeting)
    check_in = row_of(dialog, "check_in")
    assert check_in.repeat.currentText() == "every 4 weeks"
    check_in.title.clear()
    qtbot.keyClicks(check_in.title, "Call Ana about the march")
    check_in.due.setDate(check_in.due.date().addDays(3))
    check_in.time.setCurrentIndex(check_in.time.findData("19:00"))
    check_in.repeat.setCurrentIndex(check_in.repeat.findData("FREQ=WEEKLY;INTERVAL=2"))
    expected_day = check_in.proposal.due_on + dt.timedelta(days=3)

    dialog.save()

    task = Task.get(Task.kind == "check_in")
    assert task.title == "Call Ana about the march"
    assert task.due_on == expected_day and task.due_time == dt.time(19, 0)
    assert task.rrule == "FREQ=WEEKLY;INTERVAL=2"


def test_an_empty_title_is_shown_at_its_row_and_nothing_is_stored(qtbot, meeting):
    dialog = open_dialog(qtbot, meeting)
    dialog.rows[1].title.clear()

    dialog.save()

    assert Task.select().count() == 0
    assert dialog.isVisible()
    assert dialog.rows[1].error.isVisible()
    assert dialog.rows[1].error.text().startswith("Task 2:")


def test_an_added_row_becomes_a_task_of_its_own(qtbot, meeting):
    dialog = open_dialog(qtbot, meeting)
    for row in dialog.rows:
        row.keep.setChecked(False)
    assert not dialog.accept_button.isEnabled()
    qtbot.mouseClick(
        dialog.findChild(type(dialog.accept_button), "addTask"), Qt.MouseButton.LeftButton
    )
    qtbot.keyClicks(dialog.rows[-1].title, "Bring flyers to the library")

    dialog.save()

    assert [t.title for t in Task.select()] == ["Bring flyers to the library"]


def test_what_consent_leaves_out_is_said(qtbot, meeting):
    dialog = open_dialog(qtbot, meeting)
    assert dialog.left_out.isVisibleTo(dialog)
    text = dialog.left_out.text()
    assert "text list" in text and "#WhyWeResist" in text
    assert "email list: they have not" not in text  # she said yes to email
    assert "social_mention" not in {row.proposal.kind for row in dialog.rows}


def test_a_meeting_not_held_is_refused_in_plain_words(add_person, no_dialogs):
    sid = add_person("Ben")
    mid = Meeting.create(supporter=sid, status="scheduled", scheduled_at=dt.datetime(2026, 3, 1))
    assert propose_followup(None, int(mid.id)) is False
    assert no_dialogs and "held" in no_dialogs[0][1]


def test_propose_followup_returns_true_when_accepted(meeting, monkeypatch):
    def accept_at_once(self: FollowUpDialog) -> int:
        self.save()
        return int(self.result())

    monkeypatch.setattr(followup_dialog.FollowUpDialog, "exec", accept_at_once)
    assert propose_followup(None, meeting) is True
    assert Task.select().count() > 0
