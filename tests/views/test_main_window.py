"""The main window: people actions with their shortcuts, undo, erase, the person page."""

from __future__ import annotations

from PySide6.QtCore import Qt

from oneonone_desktop.store.models import Supporter
from oneonone_desktop.views import messages


def select_first_row(window) -> None:
    window.supporters.table.setFocus()
    window.supporters.table.selectRow(0)


def test_delete_archives_and_undo_in_the_status_bar_restores(qtbot, add_person, window):
    ana = add_person("Ana", "García")
    window.supporters.refresh()
    select_first_row(window)
    qtbot.keyClick(window.supporters.table, Qt.Key.Key_Delete)
    assert Supporter.get_by_id(ana).archived_at is not None
    assert window.supporters.model.rowCount() == 0
    assert window.notice_label.text() == "Archived Ana García."
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert Supporter.get_by_id(ana).archived_at is None
    assert window.supporters.model.rowCount() == 1


def test_ctrl_z_undoes_an_archive(qtbot, add_person, window):
    ana = add_person("Ana", "García")
    window.supporters.refresh()
    select_first_row(window)
    window.actions.archive.trigger()
    assert Supporter.get_by_id(ana).archived_at is not None
    qtbot.keyClick(window.supporters.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert Supporter.get_by_id(ana).archived_at is None


def test_archived_people_can_be_restored_from_the_archive(qtbot, add_person, window):
    ana = add_person("Ana", "García")
    window.supporters.refresh()
    select_first_row(window)
    window.actions.archive.trigger()
    window.show_archived_action.trigger()
    assert window.supporters.filters.archived.isChecked()
    assert window.actions.archive.text() == "&Restore"
    select_first_row(window)
    window.actions.archive.trigger()
    assert Supporter.get_by_id(ana).archived_at is None


def test_erase_asks_first_and_names_the_person(qtbot, add_person, window, monkeypatch):
    ana = add_person("Ana", "García")
    window.supporters.refresh()
    asked: list[str] = []
    answer = [False]

    def confirm(parent, title, text, action, destructive=False):
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(messages, "confirm", confirm)
    select_first_row(window)
    qtbot.keyClick(window.supporters.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert "Ana García" in asked[0] and "cannot be undone" in asked[0]
    assert Supporter.get_or_none(Supporter.id == ana) is not None  # said no: nothing changed
    answer[0] = True
    window.actions.erase.trigger()
    assert Supporter.get_or_none(Supporter.id == ana) is None
    assert window.supporters.model.rowCount() == 0


def test_ctrl_f_focuses_the_search_box(qtbot, window):
    window.supporters.table.setFocus()
    window.find_action.trigger()
    assert window.supporters.search.hasFocus()


def test_double_click_opens_the_person_page_and_back_returns(qtbot, add_person, window):
    add_person("Ana", "García", pronouns="she/her", emails=["ana@casa.org"])
    window.supporters.refresh()
    table = window.supporters.table
    rect = table.visualRect(window.supporters.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.person_page()
    assert page is not None and window.people_stack.currentWidget() is page
    assert page.name_label.text() == "Ana García"
    assert "ana@casa.org" in page.facts.toPlainText()
    assert "Nothing here yet." in page.history.toPlainText()
    page.backRequested.emit()
    assert window.people_stack.currentWidget() is window.supporters


def test_enter_on_a_row_opens_the_person(qtbot, add_person, window):
    add_person("Ana", "García")
    window.supporters.refresh()
    select_first_row(window)
    qtbot.keyClick(window.supporters.table, Qt.Key.Key_Return)
    assert window.people_stack.currentWidget() is window.person_page()


def test_person_page_offers_buttons_for_later_features(qtbot, add_person, window):
    ana = add_person("Ana", "García")
    window.open_person(ana)
    page = window.person_page()
    button = page.add_action_button("start", "Start a 1:1")
    with qtbot.waitSignal(page.actionRequested) as signal:
        button.click()
    assert signal.args == ["start", ana]


def test_window_geometry_is_remembered(qtbot, database, settings):
    from oneonone_desktop.views.main_window import MainWindow

    first = MainWindow(database, settings)
    qtbot.addWidget(first)
    first.resize(700, 500)  # within the offscreen screen (800×600)
    first.close()
    second = MainWindow(database, settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_add_section_adds_a_navigation_entry(qtbot, window):
    from PySide6.QtWidgets import QLabel

    from oneonone_desktop.views.icons import icon

    before = window.nav.count()
    window.add_section("extra", "Extra", icon("calendar"), QLabel("extra here"))
    assert window.nav.count() == before + 1
    window.show_section("extra")
    assert window.current_section() == "extra"
    assert window.stack.currentWidget().text() == "extra here"


def test_delete_in_the_search_box_edits_the_text_and_archives_no_one(qtbot, add_person, window):
    ana = add_person("Ana", "García")
    window.supporters.refresh()
    window.supporters.table.selectRow(0)
    window.activateWindow()
    window.supporters.search.setFocus()
    qtbot.keyClicks(window.supporters.search, "an")
    window.supporters.search.setCursorPosition(0)
    qtbot.keyClick(window.supporters.search, Qt.Key.Key_Delete)
    assert window.supporters.search.text() == "n"
    assert Supporter.get_by_id(ana).archived_at is None


def test_tag_selected_adds_the_tags_to_every_selected_person(
    qtbot, add_person, window, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from oneonone_desktop.services import supporters as svc

    ana = add_person("Ana", "García")
    ben = add_person("Ben", "Okafor")
    window.supporters.refresh()
    window.supporters.table.selectAll()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("huddle, phone bank", True))
    window.actions.tag.trigger()
    for person in (ana, ben):
        assert svc.load_data(person).labels["tag"] == ["huddle", "phone bank"]
    assert window.supporters.filters.tag.findData("huddle") > 0  # offered as a filter now


def test_erasing_the_person_shown_returns_to_the_list(qtbot, add_person, window, monkeypatch):
    ana = add_person("Ana", "García")
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    window.open_person(ana)
    window.actions.erase.trigger()
    assert Supporter.get_or_none(Supporter.id == ana) is None
    assert window.people_stack.currentWidget() is window.supporters


def test_print_list_document_holds_the_people_shown(database, add_person):
    from oneonone_desktop.services.supporter_list import SupporterFilter
    from oneonone_desktop.views.printing import chosen_rows, list_document

    add_person("Ana", "García", city="Riverside")
    ben = add_person("Ben", "Okafor")
    text = list_document(chosen_rows(database, SupporterFilter())).toPlainText()
    assert "Ana García" in text and "Riverside" in text and "2 people" in text
    only = list_document(chosen_rows(database, SupporterFilter(), [ben])).toPlainText()
    assert "Ben Okafor" in only and "Ana García" not in only
