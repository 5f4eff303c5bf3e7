"""The Meetings section, its menu and the person page's 1:1 buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QPushButton

from oneonone_desktop.services import meetings
from oneonone_desktop.store.models import Meeting
from oneonone_desktop.views import messages
from oneonone_desktop.views.meetings.schedule_dialog import ScheduleDialog

NOW = dt.datetime(2025, 3, 14, 9, 0)


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture(autouse=True)
def us_english():
    """Dates and times read as an organizer in the US sees them (the app's default look)."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def controller(window):
    window.meetings_controller.clock = lambda: NOW
    return window.meetings_controller


@pytest.fixture
def dialogs_answer(monkeypatch: pytest.MonkeyPatch):
    """Schedule dialogs are filled by `fill(dialog)` and saved instead of waiting for a user."""
    seen: list[ScheduleDialog] = []

    def use(fill):
        def run(dialog: ScheduleDialog) -> int:
            seen.append(dialog)
            fill(dialog)
            dialog.save()
            return int(dialog.result())

        monkeypatch.setattr(ScheduleDialog, "exec", run)
        return seen

    return use


def test_meetings_section_lists_upcoming_in_progress_and_past_1_1s(controller, add_person):
    ana, tom, rosa = add_person("Ana"), add_person("Tom"), add_person("Rosa")
    soon = meetings.schedule(ana, "introductory", NOW + dt.timedelta(hours=2), 45, "Library")
    meetings.schedule(tom, "planning", NOW + dt.timedelta(days=1), 30, "Café")
    gone = meetings.schedule(rosa, "debrief", NOW - dt.timedelta(days=2), 45)
    draft = meetings.start_ad_hoc(rosa, now=NOW - dt.timedelta(minutes=5))
    window = controller.window
    window.show_section("meetings")
    page = window.section_widget("meetings")
    assert window.stack.currentWidget() is page
    upcoming = page.models["upcoming"]
    assert [r.id for r in upcoming.rows] == [soon.meeting_id, soon.meeting_id + 1]
    assert plain(upcoming.data(upcoming.index(0, 0))) == "Today, 11:00 AM"
    assert upcoming.data(upcoming.index(0, 1)) == "Ana"
    assert upcoming.data(upcoming.index(1, 2)) == "Planning 1:1"
    assert page.tabs.tabText(0) == "Upcoming (2)" and page.tabs.tabText(1) == "In progress (1)"
    assert [d.meeting_id for d in page.models["drafts"].rows] == [draft.meeting_id]
    past = page.models["past"]
    assert [r.id for r in past.rows] == [gone.meeting_id]
    assert past.data(past.index(0, 3)) == "Not recorded"


def test_meetings_lists_teach_what_a_1_1_is_when_empty(controller):
    controller.window.show_section("meetings")
    page = controller.window.section_widget("meetings")
    text = page.tables["upcoming"].empty_message()
    assert "No 1:1s scheduled yet" in text and "30–45 minute" in text
    assert "Ctrl+Shift+N" in text and "href='schedule'" in text
    page.show_list("drafts")
    assert "saved as you type" in page.tables["drafts"].empty_message()
    assert not page.open_button.isEnabled()


def test_meetings_menu_has_the_actions_with_their_shortcuts(controller):
    menu = controller.window.menu("meetings")
    found = {a.text().replace("&", ""): a.shortcut().toString() for a in menu.actions()}
    assert found["Schedule a 1:1…"] == "Ctrl+Shift+N"
    assert found["Start a 1:1 now…"] == "Ctrl+Shift+M"
    assert found["Resume a 1:1 in progress"] == "Ctrl+Shift+R"
    assert found["Prep sheet…"] == "Ctrl+Shift+P"
    assert "My profile and stories…" in found and "Question sets…" in found


def test_person_page_schedule_button_opens_the_dialog_for_that_person(
    controller, add_person, dialogs_answer
):
    rosa = add_person("Rosa", "Delgado")

    def fill(dialog: ScheduleDialog) -> None:
        dialog.time.set_value(dt.time(18, 30))

    seen = dialogs_answer(fill)
    window = controller.window
    window.open_person(rosa)
    window.person_page().findChild(QPushButton, "action_schedule_meeting").click()
    assert seen and seen[0].person.supporter_id() == rosa
    meeting = Meeting.get(Meeting.supporter == rosa)
    assert meeting.scheduled_at == dt.datetime(2025, 3, 15, 18, 30)
    assert "scheduled for Tomorrow, 6:30 PM" in plain(window.notice_label.text())
    assert "Introductory 1:1" in window.person_page().history.toPlainText()


def test_person_page_start_button_starts_todays_1_1_or_a_new_one(
    controller, add_person, dialogs_answer
):
    rosa, tom = add_person("Rosa"), add_person("Tom")
    today = meetings.schedule(rosa, "planning", NOW + dt.timedelta(hours=3), 45, "Library")
    window = controller.window
    window.open_person(rosa)
    start = window.person_page().findChild(QPushButton, "action_start_meeting")
    start.click()
    wizard = controller.wizards[today.meeting_id]
    assert wizard.state.kind_key == "planning"
    assert Meeting.get_by_id(today.meeting_id).status == "in_progress"
    start.click()  # again: the same 1:1 is raised, not a second one
    assert list(controller.wizards) == [today.meeting_id]

    seen = dialogs_answer(lambda dialog: dialog.place.setText("Park"))
    window.open_person(tom)
    start.click()
    assert seen[0].start_now and seen[0].person.supporter_id() == tom
    started = Meeting.get(Meeting.supporter == tom)
    assert started.status == "in_progress" and started.place == "Park"
    assert started.id in controller.wizards


def test_cancelling_an_upcoming_1_1_asks_first_and_keeps_it_in_the_past(
    controller, add_person, monkeypatch
):
    asked: list[str] = []
    monkeypatch.setattr(
        messages,
        "confirm",
        lambda parent, title, text, action, destructive=False: asked.append(text) or True,
    )
    result = meetings.schedule(add_person("Ana"), "introductory", NOW + dt.timedelta(days=1), 45)
    window = controller.window
    window.show_section("meetings")
    page = window.section_widget("meetings")
    page.tables["upcoming"].selectRow(0)
    assert page.cancel_button.isEnabled()
    page.cancel_button.click()
    assert asked and "Cancel your 1:1 with Ana" in asked[0]
    assert Meeting.get_by_id(result.meeting_id).status == "cancelled"
    assert page.models["upcoming"].rows == []
    assert page.models["past"].rows[0].status == "cancelled"


def test_enter_on_a_draft_resumes_it_at_its_step(controller, qtbot, add_person):
    state = meetings.start_ad_hoc(add_person("Ana"), now=NOW)
    state.step = "story"
    from oneonone_desktop.services.wizard_state import save_draft

    save_draft(state.meeting_id, state)
    window = controller.window
    window.show_section("meetings")
    page = window.section_widget("meetings")
    page.show_list("drafts")
    qtbot.keyClick(page.tables["drafts"], Qt.Key.Key_Return)
    wizard = controller.wizards[state.meeting_id]
    assert wizard.current_page().step.key == "story"
