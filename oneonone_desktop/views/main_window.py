"""The main window: sections on the left, menus, the status bar with undo, remembered geometry.

Signals: listPainted() once, after the supporter list has painted for the first time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase
from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.people_actions import PeopleActions
from oneonone_desktop.views.supporters_page import SupportersPage

NOTICE_MS = 12_000


# Feature modules: each has `install(window: MainWindow) -> None`, which adds its section with
# `add_lazy_section` (the page is built on first visit, keeping start-up light), its menu
# actions via `window.menu(name)`, and person-page buttons via `window.person_page_hooks`.
# In the order of the organizer's work: meet, follow up, thank, report back, keep safe.
FEATURE_MODULES: tuple[str, ...] = (
    "oneonone_desktop.views.meetings",
    "oneonone_desktop.views.calendar",
    "oneonone_desktop.views.printing.feature",
    "oneonone_desktop.views.reports",
    "oneonone_desktop.views.safety",
)


class MainWindow(QMainWindow):
    """The app's window: sections on the left, the current section's page on the right.

    Signals: `listPainted()` once the supporter list has painted for the first time.
    """

    listPainted = Signal()

    def __init__(
        self, database: SqliteDatabase, settings: QSettings, data_dir: Path | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.database = database
        self.settings = settings
        self.data_dir = data_dir
        self._sections: dict[str, int] = {}
        self._section_actions: list[QAction] = []
        self._factories: dict[int, Callable[[], QWidget]] = {}
        self._menus: dict[str, QMenu] = {}
        # Called with each newly built person page, to add buttons such as "Start a 1:1".
        self.person_page_hooks: list[Callable[[QWidget], None]] = []

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(188)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_index)

        self.supporters = SupportersPage(database)
        self.people_stack = QStackedWidget()
        self.people_stack.addWidget(self.supporters)
        self._person_page: QWidget | None = None
        self.actions = PeopleActions(
            database,
            self,
            self.current_ids,
            self.supporters.showing_archived,
            self.supporters.shown_ids,
            lambda: self.supporters.model.filter,
        )
        self.add_section("supporters", self.tr("Supporters"), icon("people"), self.people_stack)
        self._build_status_bar()
        self._build_menus()
        self._wire()
        for name in FEATURE_MODULES:
            importlib.import_module(name).install(self)
        self.restore_state()

    # --- sections -------------------------------------------------------------------------

    def add_section(self, key: str, title: str, section_icon: QIcon, widget: QWidget) -> None:
        """Add a section to the navigation (Meetings, Calendar, Print, Reports, …)."""
        index = self.stack.addWidget(widget)
        self._sections[key] = index
        item = QListWidgetItem(section_icon, title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(QSize(0, 40))
        self.nav.addItem(item)
        number = len(self._sections)
        if number <= 9:
            go = QAction(title, self)
            go.setShortcut(QKeySequence(f"Ctrl+{number}"))
            go.triggered.connect(lambda _=False, k=key: self.show_section(k))
            self.addAction(go)
            self._section_actions.append(go)
            if hasattr(self, "_view_menu"):
                self._view_menu.addAction(go)
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    def add_lazy_section(
        self, key: str, title: str, section_icon: QIcon, factory: Callable[[], QWidget]
    ) -> None:
        """Add a section whose page is built by `factory` the first time it is shown."""
        placeholder = QWidget()
        self.add_section(key, title, section_icon, placeholder)
        self._factories[self._sections[key]] = factory

    def section_widget(self, key: str) -> QWidget:
        """The page of a section, built now if it was lazy."""
        index = self._sections[key]
        self._build_lazy(index)
        return self.stack.widget(index)

    def _build_lazy(self, index: int) -> None:
        factory = self._factories.pop(index, None)
        if factory is None:
            return
        placeholder = self.stack.widget(index)
        widget = factory()
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()

    def _show_index(self, index: int) -> None:
        if index >= 0:
            self._build_lazy(index)
        self.stack.setCurrentIndex(index)

    def show_section(self, key: str) -> None:
        self.nav.setCurrentRow(self._sections[key])

    def menu(self, name: str) -> QMenu:
        """The menu called `name` ("file", "edit", "people", "view", "help"), or a new one
        (e.g. "meetings") inserted before Help."""
        if name not in self._menus:
            title = name[:1].upper() + name[1:]
            created = QMenu("&" + self.tr(title), self)
            self.menuBar().insertMenu(self._menus["help"].menuAction(), created)
            self._menus[name] = created
        return self._menus[name]

    def current_section(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    # --- people -----------------------------------------------------------------------------

    def current_ids(self) -> list[int]:
        """The people the People menu acts on: the one whose page is open, or the selection."""
        page = self._person_page
        if page is not None and self.people_stack.currentWidget() is page:
            shown = page.supporter_id  # type: ignore[attr-defined]
            return [shown] if shown is not None else []
        return self.supporters.selected_ids()

    def open_person(self, supporter_id: int) -> None:
        if self._person_page is None:
            from oneonone_desktop.views.person_page import PersonPage

            page = PersonPage(self.database)
            page.backRequested.connect(self.show_list)
            page.openRequested.connect(self.open_person)
            page.add_action(self.actions.edit)
            page.add_action(self.actions.tag, self.tr("Tag…"))
            page.add_action(self.actions.archive)
            page.addAction(self.actions.erase)
            for hook in self.person_page_hooks:
                hook(page)
            self.people_stack.addWidget(page)
            self._person_page = page
        self._person_page.show_person(supporter_id)  # type: ignore[attr-defined]
        self.show_section("supporters")
        self.people_stack.setCurrentWidget(self._person_page)
        self._person_page.setFocus()
        self.actions.update_enabled()

    def person_page(self) -> QWidget | None:
        return self._person_page

    def show_list(self) -> None:
        self.people_stack.setCurrentWidget(self.supporters)
        self.supporters.table.setFocus()
        self.actions.update_enabled()

    def _people_changed(self) -> None:
        self.supporters.refresh()
        page = self._person_page
        showing = page is not None and self.people_stack.currentWidget() is page
        if showing and not page.reload():  # type: ignore[union-attr]
            self.show_list()
        self.actions.update_enabled()

    # --- status bar -------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.notice_label = QLabel()
        self.notice_label.setObjectName("notice")
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setFlat(True)
        self.undo_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.undo_button.hide()
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bar.addWidget(self.notice_label)
        bar.addWidget(self.undo_button)
        bar.addPermanentWidget(self.count_label)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self._notice_timer.timeout.connect(self.clear_notice)

    def show_notice(self, text: str, undoable: bool = False) -> None:
        """A short message in the status bar, with an Undo button when it can be undone."""
        self.notice_label.setText(text)
        self.undo_button.setVisible(undoable)
        self._notice_timer.start()

    def clear_notice(self) -> None:
        self.notice_label.setText("")
        self.undo_button.hide()

    def _undo_clicked(self) -> None:
        text = self.actions.undo_stack.undoText()
        self.actions.undo_stack.undo()
        self.show_notice(self.tr("Undone: {what}").format(what=text.rstrip(".")), False)

    # --- menus ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._menus["file"] = file_menu
        file_menu.addAction(a.import_)
        file_menu.addAction(a.export)
        file_menu.addSeparator()
        file_menu.addAction(a.print_list)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self._menus["edit"] = edit_menu
        edit_menu.addAction(a.undo)
        edit_menu.addAction(a.redo)

        people = bar.addMenu(self.tr("&People"))
        self._menus["people"] = people
        for action in (a.new, a.open, a.edit, None, a.tag, a.archive, a.erase):
            if action is None:
                people.addSeparator()
            else:
                people.addAction(action)

        self._view_menu = bar.addMenu(self.tr("&View"))
        self._menus["view"] = self._view_menu
        self.find_action = self._view_menu.addAction(icon("search"), self.tr("&Find"))
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._find)
        self.show_archived_action = self._view_menu.addAction(self.tr("Show &archived"))
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.show_archived_action.toggled.connect(self.supporters.filters.archived.setChecked)
        self.supporters.filters.archived.toggled.connect(self.show_archived_action.setChecked)
        self._view_menu.addSeparator()
        for go in self._section_actions:
            self._view_menu.addAction(go)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._menus["help"] = help_menu
        keys = help_menu.addAction(icon("keyboard"), self.tr("&Keyboard shortcuts"))
        keys.setShortcut(QKeySequence("Ctrl+/"))
        keys.triggered.connect(self._show_shortcuts)
        about = help_menu.addAction(
            icon("info"), self.tr("&About {app}").format(app=APP_DISPLAY_NAME)
        )
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._show_about)

    def _wire(self) -> None:
        a = self.actions
        page = self.supporters
        page.set_new_action(a.new)
        for action in (a.open, a.archive, a.erase):
            page.table.addAction(action)
        for action in (a.edit, a.tag, a.archive, a.export, a.print_list):
            page.add_bulk_action(action)
        page.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (a.open, a.edit, a.tag, a.archive, a.erase):
            if action not in page.table.actions():
                page.table.addAction(action)
        a.open.triggered.connect(page.open_current)
        page.openRequested.connect(self.open_person)
        page.newRequested.connect(a.new.trigger)
        page.importRequested.connect(a.import_.trigger)
        page.selectionChanged.connect(a.update_enabled)
        page.filters.changed.connect(a.update_enabled)
        page.statusChanged.connect(self.count_label.setText)
        page.table.firstPainted.connect(self.listPainted)
        a.changed.connect(self._people_changed)
        a.notice.connect(self.show_notice)
        self.undo_button.clicked.connect(self._undo_clicked)
        a.undo_stack.indexChanged.connect(lambda _=0: self.undo_button.hide())
        a.update_enabled()

    def _find(self) -> None:
        self.show_section("supporters")
        self.show_list()
        self.supporters.focus_search()

    def _show_shortcuts(self) -> None:
        from oneonone_desktop.views.help_dialogs import show_shortcuts

        show_shortcuts(self)

    def _show_about(self) -> None:
        from oneonone_desktop.views.help_dialogs import show_about

        show_about(self, self.data_dir)

    # --- geometry and state -------------------------------------------------------------------

    def restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if not geometry or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self.settings.value("window/state")
        if state:
            self.restoreState(state)
        self.supporters.restore_state(self.settings)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.supporters.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
