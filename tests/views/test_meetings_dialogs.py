"""The 1:1 dialogs: schedule, prep sheet, profile and stories, actions, question sets, agendas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt

from oneonone_desktop.services import actions, agendas, meetings, organizer
from oneonone_desktop.services import question_sets as qs
from oneonone_desktop.services.wizard_state import finish
from oneonone_desktop.store.models import Answer, Meeting, Story
from oneonone_desktop.views import messages
from oneonone_desktop.views.meetings import prep_dialog
from oneonone_desktop.views.meetings.actions_dialog import ActionDialog, ActionsDialog
from oneonone_desktop.views.meetings.agenda_dialog import AgendaDialog
from oneonone_desktop.views.meetings.common import parse_time
from oneonone_desktop.views.meetings.prep_dialog import PrepDialog
from oneonone_desktop.views.meetings.profile_dialog import ProfileDialog, StoryDialog
from oneonone_desktop.views.meetings.question_sets_dialog import QuestionSetsDialog
from oneonone_desktop.views.meetings.schedule_dialog import ScheduleDialog

NOW = dt.datetime(2025, 3, 14, 9, 0)


def clock() -> dt.datetime:
    return NOW


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(parent, title, text, action, destructive=False) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    return asked


def test_schedule_dialog_warns_about_an_overlap_inline_and_still_schedules(
    qtbot, database, add_person
):
    tom = add_person("Tom", "Nguyen")
    meetings.schedule(tom, "introductory", dt.datetime(2025, 3, 15, 18, 30), 45)
    dialog = ScheduleDialog(database, clock=clock, supporter_id=add_person("Rosa"))
    qtbot.addWidget(dialog)
    dialog.date.setDate(QDate(2025, 3, 15))
    qtbot.keyClicks(dialog.time.lineEdit(), "19:00")
    assert dialog.warnings.isVisibleTo(dialog)
    assert "overlaps your 1:1 with Tom Nguyen" in dialog.warnings.text()
    dialog.time.setEditText("")
    qtbot.keyClicks(dialog.time.lineEdit(), "20:00")
    assert not dialog.warnings.isVisibleTo(dialog)
    dialog.date.setDate(QDate(2025, 3, 10))
    assert "already passed" in dialog.warnings.text()
    dialog.date.setDate(QDate(2025, 3, 15))
    dialog.time.setEditText("19:00")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == ScheduleDialog.DialogCode.Accepted
    assert dialog.result_info is not None and dialog.result_info.conflicts
    assert Meeting.select().count() == 2


def test_schedule_dialog_shows_refusals_next_to_the_field_and_stores_nothing(
    qtbot, database, add_person
):
    add_person("Rosa")
    dialog = ScheduleDialog(database, clock=clock)
    qtbot.addWidget(dialog)
    dialog.length.setValue(0)
    dialog.save()
    assert dialog.errors["supporter"].text() == "Choose the person you are meeting."
    assert "length" in dialog.errors["minutes"].text()
    assert dialog.errors["starts_at"].text() == "Choose the date and time of the 1:1."
    qtbot.keyClicks(dialog.person.edit, "Ros")
    dialog.save()
    assert "Pick the person from the list" in dialog.errors["supporter"].text()
    assert dialog.result() != ScheduleDialog.DialogCode.Accepted and Meeting.select().count() == 0


def test_schedule_dialog_length_follows_the_kind_until_chosen(qtbot, database):
    agendas.update_kind("planning", agendas.get_kind("planning").steps, default_minutes=30)
    dialog = ScheduleDialog(database, clock=clock)
    qtbot.addWidget(dialog)
    assert dialog.length.value() == 45 and dialog.quick.button(45).isChecked()
    dialog.kind.setCurrentIndex(dialog.kind.findData("planning"))
    assert dialog.length.value() == 30 and dialog.quick.button(30).isChecked()
    qtbot.mouseClick(dialog.quick.button(45), Qt.MouseButton.LeftButton)
    dialog.kind.setCurrentIndex(dialog.kind.findData("debrief"))
    assert dialog.length.value() == 45  # chosen by hand: the kind no longer changes it


def test_typed_times_are_understood_in_the_usual_ways():
    assert parse_time("18:30") == dt.time(18, 30)
    assert parse_time("6:30 pm") == dt.time(18, 30)
    assert parse_time("6pm") == dt.time(18)
    assert parse_time("18h30") == dt.time(18, 30)
    assert parse_time("12am") == dt.time(0)
    for bad in ("", "half past six", "25:00", "13pm"):
        assert parse_time(bad) is None


def test_profile_dialog_saves_and_shows_a_bad_email_by_its_field(qtbot, database):
    dialog = ProfileDialog(None)
    qtbot.addWidget(dialog)
    dialog.fields["name"].setText("Sam Rivera")
    dialog.fields["email"].setText("sam at example")
    dialog.fields["local_vision"].setPlainText("Renters' protections at City Hall.")
    dialog.tabs.setCurrentIndex(1)
    dialog.save()
    assert "does not look like an email" in dialog.errors["email"][1].text()
    assert dialog.tabs.currentIndex() == 0 and organizer.get_profile().name == ""
    dialog.fields["email"].setText("sam@example.org")
    dialog.save()
    profile = organizer.get_profile()
    assert (profile.name, profile.email) == ("Sam Rivera", "sam@example.org")
    assert profile.local_vision == "Renters' protections at City Hall."


def test_profile_dialog_adds_edits_and_deletes_a_story(qtbot, database, monkeypatch, yes):
    def fill(dialog: StoryDialog) -> int:
        if dialog.story_id is None:
            dialog.title.setText("My mother's clinic")
            dialog.issues.setText("health care, public transit")
            dialog.body.setPlainText("She takes two buses now.")
        else:
            dialog.title.setText("The clinic")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(StoryDialog, "exec", fill)
    dialog = ProfileDialog(None, "stories")
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentIndex() == 3
    dialog.add_story.click()
    story = organizer.list_stories()[0]
    assert story.issues == ("health care", "public transit")
    assert dialog.stories.topLevelItem(0).text(1) == "health care, public transit"
    dialog.edit_story.click()
    assert organizer.list_stories()[0].title == "The clinic"
    dialog.delete_story.click()
    assert yes and "The clinic" in yes[0] and Story.select().count() == 0


def test_prep_dialog_remembers_the_ticked_asks_and_saves_the_sheet(
    qtbot, database, add_person, tmp_path: Path, monkeypatch, data_dir: Path
):
    rosa = add_person("Rosa", labels={"issue": ["housing"]})
    rally = actions.create_action(
        actions.ActionData(
            "Tenant rally", starts_at=dt.datetime(2025, 3, 20, 17), labels={"issue": ["housing"]}
        )
    )
    result = meetings.schedule(rosa, "introductory", dt.datetime(2025, 3, 17, 18), 45)
    target = tmp_path / "prep"
    opened: list[Path] = []
    monkeypatch.setattr(prep_dialog, "ask_save_path", lambda *a: str(target))
    monkeypatch.setattr(prep_dialog, "open_file", opened.append)
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(data_dir / "s.ini"), QSettings.Format.IniFormat)
    dialog = PrepDialog(rosa, meetings.get_meeting(result.meeting_id), clock, settings)
    qtbot.addWidget(dialog)
    assert dialog.asks.ranked(0).action.id == rally
    dialog.asks.item(0).setCheckState(Qt.CheckState.Checked)
    assert meetings.candidate_asks(result.meeting_id) == [rally]
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    dialog.save()
    written = tmp_path / "prep.pdf"
    assert written.read_bytes().startswith(b"%PDF") and opened == [written]
    assert "Saved" in dialog.status.text() and "page" in dialog.status.text()


def test_actions_dialog_adds_and_archives_an_action(qtbot, database, monkeypatch):
    def fill(dialog: ActionDialog) -> int:
        dialog.title.setText("Tenant rally at City Hall")
        dialog.time.set_value(dt.time(17))
        dialog.labels["issue"].setText("housing")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(ActionDialog, "exec", fill)
    dialog = ActionsDialog(clock)
    qtbot.addWidget(dialog)
    dialog.add_button.click()
    added = [a for a in actions.list_actions(today=NOW.date()) if not a.is_next_step]
    assert added[0].title == "Tenant rally at City Hall"
    assert added[0].starts_at == dt.datetime(2025, 3, 21, 17)
    assert added[0].labels == {"issue": ("housing",)}
    assert dialog.archive_button.isEnabled()
    dialog.archive_button.click()
    assert not [a for a in actions.list_actions(today=NOW.date()) if not a.is_next_step]
    steps = dialog.tree.topLevelItem(1)
    assert steps.childCount() == 5  # the guide's suggested next steps


def test_question_set_edits_apply_to_a_copy_and_never_change_past_meetings(
    qtbot, database, add_person, monkeypatch
):
    person = add_person("Rosa")
    state = meetings.start_ad_hoc(person, now=NOW)
    first = state.questions[0]
    state.set_answer(first.id, "yes_no", "no")
    state.ask.not_yet, state.ask.not_yet_reason = True, "busy"
    state.ask.ask_again_on = dt.date(2025, 4, 1)
    finish(state.meeting_id, state, now=NOW)
    monkeypatch.setattr(
        "oneonone_desktop.views.meetings.question_sets_dialog.ask_text", lambda *a: "Our set"
    )
    dialog = QuestionSetsDialog(None)
    qtbot.addWidget(dialog)
    assert "they keep their wording" in dialog.note.text()
    dialog.copy_button.click()
    assert dialog.sets.currentItem().text().startswith("Our set")
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.text.setPlainText("Do your values show in what the government does?")
    dialog.save_button.click()
    copy_id = dialog.current_set()
    assert qs.load_questions(copy_id)[0].text.startswith("Do your values show")
    assert Answer.get().question_text == first.text
    original = next(i for i in qs.list_sets() if i.name == "Guiding questions for 1:1s")
    assert qs.load_questions(original.id)[0].text == first.text

    dialog.kind.setCurrentIndex(dialog.kind.findData("choice"))
    dialog.options.setPlainText("Only one")
    dialog.save_button.click()
    assert "at least two choices" in dialog.error.text()


def test_agenda_dialog_edits_steps_and_puts_back_the_shipped_agenda(qtbot, database, yes):
    dialog = AgendaDialog(None)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("planning"))
    dialog.list.setCurrentRow(1)
    dialog.title.setText("")
    qtbot.keyClicks(dialog.title, "Look back")
    dialog.add_button.click()
    qtbot.keyClicks(dialog.title, "Childcare")
    assert dialog.save()
    titles = [s.title for s in agendas.get_kind("planning").steps]
    assert titles[1:4] == ["Look back", "Childcare", "Plan the work"]
    dialog.reset_button.click()
    assert yes and [s.title for s in agendas.get_kind("planning").steps][1] == "Review"
