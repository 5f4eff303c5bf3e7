"""The Reports section: the dashboard (how the organizing is going, who needs attention) and the
export of the report back. `install(window)` is listed in views.main_window.FEATURE_MODULES;
the page and everything it needs are imported on first visit, so start-up stays light."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from oneonone_desktop.views.icons import icon


def _tr(text: str) -> str:
    return QCoreApplication.translate("reports", text)


class ReportsFeature(QObject):
    """What install() adds to one window: the section and File ▸ Export report….

    A child of the window named "reportsFeature"; tests and screenshots may set `today`."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("reportsFeature")
        self.window = window
        self.today: Callable[[], dt.date] = dt.date.today
        window.add_lazy_section("reports", _tr("Reports"), icon("chart"), self._build_page)
        self.export_action = QAction(icon("export"), _tr("Export &report…"), window)
        self.export_action.triggered.connect(self.export)
        file_menu = window.menu("file")
        quit_action = next(
            (a for a in file_menu.actions() if a.menuRole() == QAction.MenuRole.QuitRole), None
        )
        before = file_menu.actions()
        anchor = before[before.index(quit_action) - 1] if quit_action in before else None
        if anchor is not None and anchor.isSeparator():
            file_menu.insertAction(anchor, self.export_action)
        else:
            file_menu.addAction(self.export_action)

    def page(self) -> Any:
        """The dashboard (built now if it was not yet)."""
        return self.window.section_widget("reports")

    def _build_page(self) -> QWidget:
        from oneonone_desktop.views.reports.dashboard import DashboardPage

        page = DashboardPage(self.window.database, self.window.settings, today=lambda: self.today())
        page.openPerson.connect(self.window.open_person)
        page.noticeRequested.connect(self.window.show_notice)
        return page

    def export(self) -> None:
        self.window.show_section("reports")
        self.page().export()


def install(window: Any) -> None:
    """Add the Reports section to the window (see the module's docstring)."""
    ReportsFeature(window)
