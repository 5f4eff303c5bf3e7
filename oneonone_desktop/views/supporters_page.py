"""The Supporters section: search-as-you-type, filters, bulk actions and the table of people.

Signals: openRequested(int) (double-click or Enter on a person), newRequested(),
importRequested(), selectionChanged(), statusChanged(str) ("N people" / "N of M shown").
"""

from __future__ import annotations

import html
import json
from typing import Any

from peewee import SqliteDatabase
from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.supporter_list import SupporterFilter
from oneonone_desktop.views.filter_bar import FilterBar
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.supporter_model import SupporterIdRole, SupporterTableModel
from oneonone_desktop.views.supporter_table import SupporterTable
from oneonone_desktop.views.wording import people_count

STATUS_DELAY_MS = 120


class SupportersPage(QWidget):
    openRequested = Signal(int)
    newRequested = Signal()
    importRequested = Signal()
    selectionChanged = Signal()
    statusChanged = Signal(str)

    def __init__(self, database: SqliteDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supportersPage")
        self.model = SupporterTableModel(database, self)

        title = QLabel(self.tr("Supporters"))
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search names, emails, phones, tags, notes"))
        self.search.setAccessibleName(self.tr("Search supporters"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(320)
        self.new_button = QToolButton()
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

        self.filters = FilterBar()
        self.table = SupporterTable()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.selection_label = QLabel()
        self.selection_label.setObjectName("selectionLabel")
        self._bulk = QHBoxLayout()
        self._bulk.setSpacing(4)
        self._bulk.addWidget(self.selection_label)
        self._bulk.addStretch(1)

        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.search, 1)
        head.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(self.filters)
        layout.addLayout(self._bulk)
        layout.addWidget(self.table, 1)

        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(STATUS_DELAY_MS)
        self._status_timer.timeout.connect(self._update_status)

        # Keys typed while a search runs are taken together: one search for the latest text.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(0)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.filters.changed.connect(self.apply_filter)
        self.table.doubleClicked.connect(self._open_index)
        self.table.emptyLinkActivated.connect(self._empty_link)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.search.clear)
        self.search.returnPressed.connect(self._focus_first_row)
        self._selection_changed()

    # --- wiring from the main window ------------------------------------------------------

    def set_new_action(self, action: QAction) -> None:
        self.new_button.setDefaultAction(action)

    def add_bulk_action(self, action: QAction) -> QToolButton:
        """A button in the row above the table for an action on the selected people."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        self._bulk.addWidget(button)
        return button

    # --- the list -------------------------------------------------------------------------

    def current_filter(self) -> SupporterFilter:
        v = self.filters.values()
        sort = self.model.filter
        return SupporterFilter(
            search=self.search.text(),
            stage_keys=[v["stage"]] if v["stage"] else [],
            tag=v["tag"],
            issue=v["issue"],
            consent=v["consent"],
            not_contacted_days=v["days"] if v["not_contacted"] else None,
            owes_commitment=v["owes_commitment"],
            we_owe_promise=v["we_owe_promise"],
            archived=v["archived"],
            sort=sort.sort,
            descending=sort.descending,
        )

    def apply_filter(self, *_: Any) -> None:
        """Show the people the search box and filters select (called on every keystroke)."""
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self._update_empty_text()
        self._status_timer.start()

    def refresh(self) -> None:
        """Re-read the list after people were changed, keeping the selection where possible."""
        chosen = self.selected_ids()
        self.filters.reload_choices()
        self.model.refresh()
        self.select_ids(chosen)
        self._update_empty_text()
        self._update_status()

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [i for i in (self.model.supporter_id(r) for r in rows) if i is not None]

    def select_ids(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for supporter_id in ids:
            row = self.model.row_of(supporter_id)
            if row is None:
                continue
            index = self.model.index(row, 0)
            flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            if first:
                selection.setCurrentIndex(index, flags)
                self.table.scrollTo(index)
                first = False
            else:
                selection.select(index, flags)

    def shown_ids(self) -> list[int]:
        """Everyone the list shows (all pages, not only those loaded)."""
        return self.model.all_ids()

    def status_text(self) -> str:
        shown = self.model.total()
        everyone = self.model.everyone_count()
        noun = self.tr("archived") if self.model.filter.archived else ""
        if shown == everyone:
            text = people_count(shown)
            return f"{text} {noun}".strip()
        return self.tr("{shown} of {everyone} shown").format(
            shown=f"{shown:,}", everyone=people_count(everyone)
        )

    def showing_archived(self) -> bool:
        return self.filters.archived.isChecked()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- settings ---------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("supporters/filters", json.dumps(self.filters.values()))
        settings.setValue("supporters/header", self.table.horizontalHeader().saveState())
        flt = self.model.filter
        settings.setValue("supporters/sort", json.dumps([flt.sort, flt.descending]))

    def restore_state(self, settings: QSettings) -> None:
        """Put back the last session's columns, order and filters, then read the list once."""
        header = settings.value("supporters/header")
        if header:
            self.table.horizontalHeader().restoreState(header)
        try:
            sort, descending = json.loads(str(settings.value("supporters/sort", "")))
            self.model.set_sort_order(str(sort), bool(descending))
        except (ValueError, TypeError):
            pass
        flt = self.model.filter
        order = Qt.SortOrder.DescendingOrder if flt.descending else Qt.SortOrder.AscendingOrder
        # The model already has this order, so the header's sort signal reads nothing.
        self.table.horizontalHeader().setSortIndicator(self.model.sort_column(), order)
        try:
            values = json.loads(str(settings.value("supporters/filters", "{}")))
        except ValueError:
            values = {}
        self.filters.set_values(values if isinstance(values, dict) else {}, emit=False)
        self.apply_filter()

    # --- inside -----------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        supporter_id = index.data(SupporterIdRole)
        if supporter_id is not None:
            self.openRequested.emit(int(supporter_id))

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)

    def _focus_first_row(self) -> None:
        if self.model.rowCount() > 0:
            self.table.setFocus()
            self.table.selectRow(0)

    def _selection_changed(self, *_: Any) -> None:
        n = len(self.table.selectionModel().selectedRows())
        if n == 0:
            self.selection_label.setText(self.tr("Select people to edit, tag or archive them."))
        else:
            self.selection_label.setText(self.tr("{n} selected").format(n=people_count(n)))
        self.selectionChanged.emit()

    def _update_empty_text(self) -> None:
        if self.model.rowCount() > 0:
            self.table.set_empty_message("")
            return
        flt = self.model.filter
        searching = bool(flt.search.strip())
        filtered = self.filters.is_active() and not (
            flt.archived and not _other_filters(self.filters.values())
        )
        if searching:
            typed = html.escape(flt.search.strip())
            links = ['<a href="clear-search">' + self.tr("Clear the search") + "</a>"]
            if filtered:
                links.append('<a href="clear-filters">' + self.tr("Clear filters") + "</a>")
            text = self.tr("No one matches ‘{typed}’.").format(typed=typed)
            self.table.set_empty_message(f"<p>{text}</p><p>{' · '.join(links)}</p>")
        elif filtered:
            text = self.tr("No one matches these filters.")
            link = '<a href="clear-filters">' + self.tr("Clear filters") + "</a>"
            self.table.set_empty_message(f"<p>{text}</p><p>{link}</p>")
        elif flt.archived:
            self.table.set_empty_message(
                "<p>" + self.tr("No one is archived. People you archive are kept here.") + "</p>"
            )
        else:
            self.table.set_empty_message(
                "<p style='font-size:large'>"
                + self.tr("No supporters yet.")
                + "</p><p>"
                + self.tr(
                    '<a href="new">Add someone</a> (Ctrl+N) or '
                    '<a href="import">import a sign-in sheet or phone contacts</a>.'
                )
                + "</p>"
            )

    def _empty_link(self, link: str) -> None:
        if link == "clear-search":
            self.search.clear()
            self.apply_filter()
            self.search.setFocus()
        elif link == "clear-filters":
            self.filters.clear()
        elif link == "new":
            self.newRequested.emit()
        elif link == "import":
            self.importRequested.emit()

    def _update_status(self) -> None:
        self.statusChanged.emit(self.status_text())


def _other_filters(values: dict[str, Any]) -> bool:
    return any(values[k] for k in values if k not in ("archived", "days"))
