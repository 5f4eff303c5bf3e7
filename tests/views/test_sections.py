"""Feature sections plug into the window: built lazily on first visit, with their own menus."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from oneonone_desktop.views.icons import icon


def test_lazy_section_is_built_only_when_first_shown(window, qtbot):
    built: list[QLabel] = []

    def make() -> QLabel:
        built.append(QLabel("Calendar page"))
        return built[-1]

    window.add_lazy_section("calendar", "Calendar", icon("calendar"), make)
    assert built == []
    window.show_section("calendar")
    assert len(built) == 1
    assert window.stack.currentWidget() is built[0]
    window.show_section("supporters")
    window.show_section("calendar")
    assert len(built) == 1  # built once


def test_new_menu_goes_before_help_and_is_reused(window):
    meetings = window.menu("testing")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index(meetings.title()) == titles.index("&Help") - 1
    assert window.menu("testing") is meetings
    assert window.menu("file").title() == "&File"


def test_person_page_hooks_run_when_the_page_is_built(window, add_person):
    seen = []
    window.person_page_hooks.append(seen.append)
    window.open_person(add_person("Ana", "García"))
    assert seen == [window.person_page()]
