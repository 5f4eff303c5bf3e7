"""The 1:1 wizard driven as an organizer would: type, tick, choose, next, back, finish."""

from __future__ import annotations

import datetime as dt
import sys
import types

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from oneonone_desktop.services import actions, meetings
from oneonone_desktop.services.organizer import StoryData, create_story
from oneonone_desktop.store.models import (
    Answer,
    Commitment,
    ConsentRecord,
    Meeting,
    Promise,
    Supporter,
)

NOW = dt.datetime(2025, 3, 14, 18, 0)
FOLLOWUP = "oneonone_desktop.views.followup_dialog"


@pytest.fixture
def proposed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The follow-up hand-off, recorded instead of shown."""
    calls: list[int] = []
    fake = types.ModuleType(FOLLOWUP)
    fake.propose_followup = lambda parent, meeting_id: calls.append(meeting_id) or True  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, FOLLOWUP, fake)
    return calls


@pytest.fixture
def clock(window) -> dict[str, dt.datetime]:
    now = {"now": NOW}
    window.meetings_controller.clock = lambda: now["now"]
    return now


@pytest.fixture
def rosa(add_person) -> int:
    return add_person("Rosa", "Delgado", labels={"issue": ["health care"]}, stage_key="supporter")


def start(window, supporter_id: int, kind: str = "introductory"):
    controller = window.meetings_controller
    result = meetings.schedule(supporter_id, kind, controller.clock(), 45, "Café Rivera")
    wizard = controller.start_scheduled(result.meeting_id)
    assert wizard is not None
    return wizard


def page_keys(wizard) -> list[str]:
    return [step.page for step in wizard.state.agenda]


def press(widget: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    from pytestqt.qtbot import QtBot

    QtBot.keyClick(widget, key, modifiers)


def test_wizard_walks_an_introductory_1_1_from_purpose_to_a_recorded_finish(
    window, qtbot, clock, rosa, proposed, no_dialogs
):
    create_story(StoryData("My mother's clinic", "She takes two buses now.", ["health care"]))
    actions.create_action(
        actions.ActionData("Phone bank for the clinic bill", starts_at=dt.datetime(2025, 3, 20, 18))
    )
    wizard = start(window, rosa)
    assert page_keys(wizard) == ["purpose", "connection", "story", "strategy", "ask", "wrapup"]
    assert wizard.current_page().step.key == "purpose"

    purpose = wizard.current_page()
    qtbot.mouseClick(purpose.explained, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)

    connection = wizard.current_page()
    assert connection.step.page == "connection"
    first = connection.state.questions[0]
    qtbot.mouseClick(connection.rows[first.id].no, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(connection.issues, "housing")
    qtbot.keyClicks(connection.notes, "Works nights; weekends suit her.")
    wizard.go_back()
    assert wizard.current_page() is purpose and purpose.explained.isChecked()
    wizard.go_next()
    assert connection.notes.toPlainText() == "Works nights; weekends suit her."
    wizard.go_next()

    story = wizard.current_page()
    best = story.stories.topLevelItem(0)
    assert best.text(0) == "My mother's clinic" and "health care" in best.text(1)
    best.setCheckState(0, Qt.CheckState.Checked)
    wizard.go_next()
    wizard.go_next()

    ask = wizard.current_page()
    assert ask.step.page == "ask"
    assert ask.asks.ranked(0).action.title == "Phone bank for the clinic bill"
    ask.asks.setCurrentRow(0)
    qtbot.mouseClick(ask.use, Qt.MouseButton.LeftButton)
    assert ask.activity.text() == "Phone bank for the clinic bill"
    assert ask.date.value() == dt.date(2025, 3, 20) and ask.time.value() == dt.time(18)
    qtbot.keyClicks(ask.goal, "Bring two friends")
    qtbot.mouseClick(ask.add_promise, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(ask.promises[0].text, "Send the clinic fact sheet")
    ask.promises[0].due.setDate(QDate(2025, 3, 16))
    wizard.go_next()

    wrapup = wizard.current_page()
    assert "Phone bank for the clinic bill" in wrapup.readback.text()
    assert "Send the clinic fact sheet" in wrapup.readback.text()
    qtbot.keyClicks(wrapup.learned, "Cares about the Eastside clinic.")
    qtbot.keyClick(wrapup.consents["email_list"], Qt.Key.Key_Space)
    wrapup.stage.setCurrentIndex(wrapup.stage.findData("member"))
    assert wizard.next_button.text().replace("&", "") == "Finish the 1:1"
    meeting_id = wizard.meeting.id
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)

    meeting = Meeting.get_by_id(meeting_id)
    assert meeting.status == "held" and meeting.purpose_explained
    assert meeting.learned == "Cares about the Eastside clinic."
    assert meeting.story.title == "My mother's clinic"
    commitment = Commitment.get(Commitment.meeting == meeting_id)
    assert (commitment.activity, commitment.goal) == (
        "Phone bank for the clinic bill",
        "Bring two friends",
    )
    assert commitment.due_at == dt.datetime(2025, 3, 20, 18)
    assert Promise.get(Promise.meeting == meeting_id).due_on == dt.date(2025, 3, 16)
    assert Answer.get(Answer.meeting == meeting_id).yes_no == "no"
    assert ConsentRecord.get(ConsentRecord.supporter == rosa).channel == "email_list"
    assert Supporter.get_by_id(rosa).stage.key == "member"
    assert proposed == [meeting_id]
    assert window.meetings_controller.wizards == {}
    page = window.person_page()
    assert window.people_stack.currentWidget() is page and page.supporter_id == rosa
    timeline = page.history.toPlainText()
    assert "Introductory 1:1" in timeline and "held" in timeline
    assert "Committed to Phone bank for the clinic bill" in timeline
    assert "recorded" in window.notice_label.text()


@pytest.mark.parametrize(
    ("kind", "titles"),
    [
        ("planning", ["Purpose", "Review", "Plan the work", "Roles", "Ask", "Wrap-up"]),
        ("debrief", ["Purpose", "What happened", "What we learned", "Celebrate", "Next step Ask",
                     "Wrap-up"]),
    ],
)  # fmt: skip
def test_wizard_follows_the_planning_and_debrief_agendas_to_a_finish(
    window, qtbot, clock, rosa, proposed, kind, titles
):
    wizard = start(window, rosa, kind)
    assert [s.title for s in wizard.state.agenda] == titles
    assert [wizard.steps.item(i).text().split(".  ")[1] for i in range(6)] == titles
    for _ in range(3):
        wizard.go_next()
        page = wizard.current_page()
        assert page.step.page == "notes" and page.prompts.text()
        qtbot.keyClicks(page.notes, f"Notes for {page.step.title}")
    wizard.go_next()
    ask = wizard.current_page()
    qtbot.mouseClick(ask.not_yet, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(ask.reason, "Busy until exams end")
    ask.again.setDate(QDate(2025, 4, 1))
    wizard.go_next()
    meeting_id = wizard.meeting.id
    assert wizard.finish()
    meeting = Meeting.get_by_id(meeting_id)
    assert meeting.status == "held"
    assert f"{titles[1]}: Notes for {titles[1]}" in meeting.notes
    commitment = Commitment.get(Commitment.meeting == meeting_id)
    assert commitment.status == "not_yet" and commitment.ask_again_on == dt.date(2025, 4, 1)


def test_wizard_branching_shows_and_hides_sub_questions(window, qtbot, clock, rosa):
    wizard = start(window, rosa)
    wizard.go_to_key("connection")
    page = wizard.current_page()
    by_number = {q.number: q for q in page.state.questions}
    shown = page.visible_numbers
    assert "6a" not in shown() and "7a" not in shown() and "7c" not in shown()
    assert "8a" in shown()  # a sub-question with no condition always shows

    qtbot.mouseClick(page.rows[by_number["6"].id].yes, Qt.MouseButton.LeftButton)
    assert {"6a", "6b", "6c"} <= set(shown())
    assert page.rows[by_number["6a"].id].isVisibleTo(page)
    qtbot.mouseClick(page.rows[by_number["6"].id].no, Qt.MouseButton.LeftButton)
    assert not {"6a", "6b", "6c"} & set(shown())

    qtbot.mouseClick(page.rows[by_number["7"].id].no, Qt.MouseButton.LeftButton)
    assert "7c" in shown() and "7a" not in shown()
    qtbot.mouseClick(page.rows[by_number["7"].id].no, Qt.MouseButton.LeftButton)  # untick
    assert "7c" not in shown() and by_number["7"].id not in page.state.answers

    qtbot.mouseClick(page.rows[by_number["11c"].id].yes, Qt.MouseButton.LeftButton)
    assert "11c.i" in shown() and "11c.ii" not in shown()
    qtbot.mouseClick(page.rows[by_number["11c.i"].id].no, Qt.MouseButton.LeftButton)
    assert "11c.i.1" in shown()
    qtbot.mouseClick(page.rows[by_number["11c"].id].no, Qt.MouseButton.LeftButton)
    assert "11c.i" not in shown() and "11c.i.1" not in shown() and "11c.ii" in shown()


def test_wizard_refuses_to_finish_without_date_time_and_goal_and_keeps_the_page(
    window, qtbot, clock, rosa, proposed
):
    wizard = start(window, rosa)
    wizard.go_to_key("ask")
    ask = wizard.current_page()
    qtbot.keyClicks(ask.activity, "Canvass the Eastside")
    wizard.go_to_key("wrapup")
    qtbot.keyClicks(wizard.current_page().learned, "Likes canvassing.")
    assert not wizard.finish()

    wrapup = wizard.current_page()
    assert wrapup.step.key == "wrapup" and wizard.isVisible()
    banner = wrapup.problem.text()
    for words in ("Choose the date", "Choose the time", "Write the goal"):
        assert words in banner
    assert ask.errors["ask.date"].text() == "Choose the date of the commitment."
    assert ask.errors["ask.goal"].text().startswith("Write the goal")
    assert wizard.steps.item(4).data(Qt.ItemDataRole.UserRole) == "problem"
    assert Meeting.get_by_id(wizard.meeting.id).status == "in_progress"
    assert Commitment.select().count() == 0 and proposed == []
    assert wrapup.learned.toPlainText() == "Likes canvassing."

    wrapup.problem.linkActivated.emit("step:ask")
    assert wizard.current_page() is ask
    ask.date.setDate(QDate(2025, 3, 22))
    ask.time.set_value(dt.time(10))
    qtbot.keyClicks(ask.goal, "Knock on 40 doors")
    assert wizard.save_now()
    assert ask.errors["ask.goal"].isHidden() and not wrapup.problem.isVisibleTo(wrapup)
    assert wizard.finish()
    assert Commitment.get().goal == "Knock on 40 doors"


def test_wizard_refuses_a_time_that_is_not_a_time_by_the_field(window, qtbot, clock, rosa):
    wizard = start(window, rosa)
    wizard.go_to_key("ask")
    ask = wizard.current_page()
    qtbot.keyClicks(ask.activity, "Huddle")
    ask.date.setDate(QDate(2025, 3, 20))
    qtbot.keyClicks(ask.time.lineEdit(), "half past six")
    qtbot.keyClicks(ask.goal, "Come")
    assert not wizard.finish()
    assert "Type a time such as 18:30" in ask.errors["ask.time"].text()
    assert wizard.focusWidget() in (ask.time, ask.time.lineEdit())


def test_wizard_moves_with_the_keyboard_and_names_every_field(window, qtbot, clock, rosa):
    wizard = start(window, rosa)
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    assert wizard.focusWidget() is wizard.current_page().explained  # ready to type at once
    press(wizard.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert wizard.current_page().step.key == "connection"
    press(wizard.focusWidget(), Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert wizard.current_page().step.key == "story"
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(wizard.focusWidget(), Qt.Key.Key_Return, modifiers)
    assert wizard.current_page().step.key == "connection"
    assert wizard.next_button.shortcut().toString() == "Alt+N"
    assert wizard.back_button.shortcut().toString() == "Alt+B"
    press(wizard.focusWidget(), Qt.Key.Key_Escape)
    assert wizard.isVisible()  # Esc never closes the 1:1 by accident

    for index in range(len(wizard.pages)):
        wizard._show(index)
        page = wizard.current_page()
        keys = [k for k in mnemonics(wizard) if k]
        assert len(keys) == len(set(keys)), f"{page.step.key}: two fields share Alt+ keys {keys}"
        for widget in page.findChildren(QWidget):
            takes_focus = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            if takes_focus and widget.isVisibleTo(page) and widget.isEnabled():
                named = widget.accessibleName() or getattr(widget, "text", lambda: "")()
                assert named, f"{page.step.key}: {type(widget).__name__} has no name"


def mnemonics(window: QWidget) -> list[str]:
    """The Alt+letter keys of the buttons and labelled fields shown now."""
    found = []
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        found.append(QKeySequence.mnemonic(widget.text()).toString())
    return found


def test_wizard_timer_counts_against_30_to_45_minutes_and_warns_past_45(window, clock, rosa):
    wizard = start(window, rosa)
    clock["now"] = NOW + dt.timedelta(minutes=12)
    wizard.update_timer()
    assert wizard.timer.text() == "12 min of 30–45" and wizard.timer.property("phase") == ""
    clock["now"] = NOW + dt.timedelta(minutes=38)
    wizard.update_timer()
    assert wizard.timer.property("phase") == "window"
    clock["now"] = NOW + dt.timedelta(minutes=52)
    wizard.update_timer()
    assert wizard.timer.property("phase") == "late" and "past 45" in wizard.timer.text()
