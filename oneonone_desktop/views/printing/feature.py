"""Plug printing into the main window: the Print section (built on first visit), "Print
thank-you cards…" for the people chosen in the list, and a button on each person's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from oneonone_desktop.views.icons import icon

if TYPE_CHECKING:
    from oneonone_desktop.views.main_window import MainWindow
    from oneonone_desktop.views.printing.section import PrintSection

SECTION = "print"
CARD_BUTTON = "print-thank-you-card"


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def install(window: MainWindow) -> None:
    def build() -> QWidget:
        from oneonone_desktop.views.printing.section import PrintSection

        section = PrintSection(window.database, window.settings, window.supporters.selected_ids)
        section.notice.connect(window.show_notice)
        return section

    window.add_lazy_section(SECTION, _tr("Print"), icon("print"), build)

    cards = QAction(icon("heart"), _tr("Print &thank-you cards…"), window)
    cards.setIconText(_tr("Thank-you cards"))
    cards.setToolTip(_tr("Print thank-you cards for the people chosen"))
    cards.triggered.connect(lambda: print_cards(window, window.current_ids()))
    people = window.menu("people")
    people.addSeparator()
    people.addAction(cards)
    window.supporters.add_bulk_action(cards)

    printables = QAction(icon("print"), _tr("Print cards, labels and &graphics…"), window)
    printables.triggered.connect(lambda: window.show_section(SECTION))
    file_menu = window.menu("file")
    listed = file_menu.actions()
    print_list = window.actions.print_list  # type: ignore[attr-defined]  # PeopleActions
    after = listed.index(print_list) + 1 if print_list in listed else len(listed)
    if after < len(listed):
        file_menu.insertAction(listed[after], printables)
    else:
        file_menu.addAction(printables)

    def add_button(page: QWidget) -> None:
        page.add_action_button(CARD_BUTTON, _tr("Thank-you card…"), icon("heart"))  # type: ignore[attr-defined]
        page.actionRequested.connect(  # type: ignore[attr-defined]
            lambda key, supporter_id: (
                print_cards(window, [supporter_id]) if key == CARD_BUTTON else None
            )
        )

    window.person_page_hooks.append(add_button)


def print_section(window: MainWindow) -> PrintSection:
    return window.section_widget(SECTION)  # type: ignore[return-value]


def print_cards(window: MainWindow, ids: list[int]) -> None:
    """Open the Print section with thank-you cards for these people (or as it was, if none)."""
    section = print_section(window)
    section.print_cards_for(ids)
    window.show_section(SECTION)
