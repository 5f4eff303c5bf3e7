"""The add/edit form: typing and saving, validation next to the fields, nothing lost."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from oneonone_desktop.services import supporters as svc
from oneonone_desktop.store.models import Supporter
from oneonone_desktop.views.supporter_dialog import SupporterDialog


def test_add_a_person_by_typing_and_clicking_save(qtbot, database):
    dialog = SupporterDialog(None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edits["first_name"], "Ana")
    qtbot.keyClicks(dialog.edits["last_name"], "Garcia")  # QTest types ASCII only
    qtbot.keyClicks(dialog.emails, "ana@casa.org, ana.work@union.org")
    qtbot.keyClicks(dialog.phones, "(555) 010-2000")
    qtbot.keyClicks(dialog.labels["tag"], "huddle, phone bank")
    qtbot.keyClicks(dialog.labels["issue"], "housing")
    dialog.stage.setCurrentIndex(dialog.stage.findData("member"))
    box, since, how = dialog.consents["email_list"]
    box.setChecked(True)
    since.setDate(QDate(2024, 5, 1))
    qtbot.keyClicks(how, "signed the sheet")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    data = svc.load_data(dialog.saved_id)
    assert (data.first_name, data.last_name) == ("Ana", "Garcia")
    assert data.emails == ["ana@casa.org", "ana.work@union.org"]
    assert data.phones == ["(555) 010-2000"]
    assert data.labels == {"tag": ["huddle", "phone bank"], "issue": ["housing"]}
    assert data.stage_key == "member"
    consent = data.consents["email_list"]
    assert consent.granted and consent.given_on == dt.date(2024, 5, 1)
    assert consent.how == "signed the sheet"


def test_a_bad_email_keeps_the_dialog_open_with_the_problem_by_the_field(qtbot, database):
    dialog = SupporterDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edits["first_name"], "Ana")
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.labels["tag"], "huddle")
    dialog.tabs.setCurrentIndex(0)
    qtbot.keyClicks(dialog.emails, "ana at casa")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "does not look like an email address" in dialog.errors["emails"].text()
    assert dialog.errors["emails"].isVisible()
    assert dialog.focusWidget() is dialog.emails
    assert dialog.emails.text() == "ana at casa"  # nothing lost
    assert dialog.labels["tag"].text() == "huddle"
    assert Supporter.select().count() == 0
    dialog.emails.setText("ana@casa.org")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.errors["emails"].isVisible()


def test_a_missing_name_moves_focus_to_the_first_name(qtbot, database):
    dialog = SupporterDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.labels["skill"], "driving")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.tabs.currentIndex() == 0
    assert dialog.focusWidget() is dialog.edits["first_name"]
    assert "first or last name" in dialog.errors["first_name"].text()


def test_editing_shows_what_is_stored_and_saves_changes(qtbot, database, add_person):
    ana = add_person("Ana", "García", emails=["ana@casa.org"], labels={"tag": ["huddle"]})
    dialog = SupporterDialog(ana)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit Ana García"
    assert dialog.emails.text() == "ana@casa.org"
    assert dialog.labels["tag"].text() == "huddle"
    dialog.edits["city"].setText("Riverside")
    dialog.save()
    assert Supporter.get_by_id(ana).city == "Riverside"


def test_referred_by_is_picked_from_people_found_as_you_type(qtbot, database, add_person):
    ben = add_person("Ben", "Okafor", emails=["ben@union.org"])
    dialog = SupporterDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edits["first_name"], "Ana")
    picker = dialog.referred_by
    qtbot.keyClicks(picker.edit, "oka")
    completer = picker.edit.completer()
    assert completer.model().rowCount() == 1
    assert "Ben Okafor" in completer.model().index(0, 0).data()
    completer.activated[type(completer.model().index(0, 0))].emit(completer.model().index(0, 0))
    assert picker.supporter_id() == ben
    dialog.save()
    assert svc.load_data(dialog.saved_id).referred_by_id == ben


def test_typed_referrer_not_picked_from_the_list_is_a_problem(qtbot, database):
    dialog = SupporterDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edits["first_name"], "Ana")
    qtbot.keyClicks(dialog.referred_by.edit, "Someone Unknown")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Pick the person" in dialog.errors["referred_by_id"].text()
    assert dialog.tabs.currentIndex() == 1
