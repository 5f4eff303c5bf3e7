"""The Supporters list driven like a user: typing in the search, filters, empty states."""

from __future__ import annotations

from PySide6.QtCore import Qt

from oneonone_desktop.views.supporter_model import COL_NAME


def shown_names(window) -> list[str]:
    model = window.supporters.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def test_typing_in_the_search_narrows_the_list_as_you_type(qtbot, add_person, window):
    add_person("Ana", "García", emails=["ana@casa.org"])
    add_person("Ben", "Okafor", phones=["555-010-3000"])
    add_person("Bea", "Mills", background="teacher at Lincoln High")
    window.supporters.refresh()
    assert len(shown_names(window)) == 3
    qtbot.keyClicks(window.supporters.search, "b")
    qtbot.waitUntil(lambda: shown_names(window) == ["Bea Mills", "Ben Okafor"])
    qtbot.keyClicks(window.supporters.search, "en")
    qtbot.waitUntil(lambda: shown_names(window) == ["Ben Okafor"])
    window.supporters.search.clear()
    qtbot.keyClicks(window.supporters.search, "lincoln")
    qtbot.waitUntil(lambda: shown_names(window) == ["Bea Mills"])
    qtbot.waitUntil(lambda: window.count_label.text() == "1 of 3 people shown")


def test_first_run_shows_how_to_add_people_in_the_table(window):
    text = window.supporters.table.empty_message()
    assert "No supporters yet." in text
    assert "Ctrl+N" in text and "import a sign-in sheet or phone contacts" in text


def test_no_match_says_so_and_the_link_clears_the_search(qtbot, add_person, window):
    add_person("Ana", "García")
    window.supporters.refresh()
    qtbot.keyClicks(window.supporters.search, "xyz")
    qtbot.waitUntil(lambda: "No one matches ‘xyz’." in window.supporters.table.empty_message())
    window.supporters.table.emptyLinkActivated.emit("clear-search")
    assert window.supporters.search.text() == ""
    assert shown_names(window) == ["Ana García"]
    assert window.supporters.table.empty_message() == ""


def test_escape_in_the_search_box_clears_it(qtbot, add_person, window):
    add_person("Ana", "García")
    window.supporters.refresh()
    window.supporters.search.setFocus()
    qtbot.keyClicks(window.supporters.search, "zz")
    qtbot.keyClick(window.supporters.search, Qt.Key.Key_Escape)
    assert window.supporters.search.text() == ""


def test_tag_and_stage_filters_narrow_the_list(qtbot, add_person, window):
    add_person("Ana", "García", labels={"tag": ["huddle"]}, stage_key="member")
    add_person("Ben", "Okafor", stage_key="leader")
    window.supporters.refresh()
    filters = window.supporters.filters
    filters.tag.setCurrentIndex(filters.tag.findData("huddle"))
    assert shown_names(window) == ["Ana García"]
    assert filters.clear_button.isVisible()
    filters.clear_button.click()
    assert len(shown_names(window)) == 2
    filters.stage.setCurrentIndex(filters.stage.findData("leader"))
    assert shown_names(window) == ["Ben Okafor"]
    filters.stage.setCurrentIndex(filters.stage.findData("prospect"))
    assert "No one matches these filters." in window.supporters.table.empty_message()


def test_filters_and_sort_are_remembered_between_sessions(qtbot, database, settings, add_person):
    from oneonone_desktop.views.main_window import MainWindow

    add_person("Ana", "García", labels={"tag": ["huddle"]})
    first = MainWindow(database, settings)
    qtbot.addWidget(first)
    first.supporters.filters.tag.setCurrentIndex(first.supporters.filters.tag.findData("huddle"))
    first.supporters.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    first.close()
    second = MainWindow(database, settings)
    qtbot.addWidget(second)
    assert second.supporters.filters.tag.currentData() == "huddle"
    assert second.supporters.model.filter.descending
