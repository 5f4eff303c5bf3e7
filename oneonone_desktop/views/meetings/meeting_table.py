"""The Meetings lists' table: a model over MeetingInfo or DraftInfo rows, and a view that
teaches what to do when it is empty.

Signals (MeetingTable): emptyLinkActivated(str) when a link in the empty message is clicked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from oneonone_desktop.services.meetings import MeetingInfo
from oneonone_desktop.services.wizard_state import DraftInfo
from oneonone_desktop.views.meetings.common import N, fmt_when, tr

Index = QModelIndex | QPersistentModelIndex
OUTCOME = {"held": N("Held"), "cancelled": N("Cancelled"), "scheduled": N("Not recorded")}


def _local(utc: dt.datetime) -> dt.datetime:
    return utc.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def columns(kind: str, today: Callable[[], dt.date]) -> list[tuple[str, Callable[[Any], str]]]:
    """(header, cell text) for each column of the "upcoming", "drafts" or "past" list."""

    def when(m: MeetingInfo) -> str:
        return fmt_when(m.scheduled_at or m.started_at, today())

    def kind_of(m: Any) -> str:
        return str(m.kind_label or tr("1:1"))

    if kind == "drafts":
        return [
            (tr("Person"), lambda d: d.supporter_name),
            (tr("Kind"), kind_of),
            (tr("At step"), lambda d: d.step_title),
            (tr("Started"), lambda d: fmt_when(d.started_at, today())),
            (tr("Last saved"), lambda d: fmt_when(_local(d.saved_at), today())),
        ]
    if kind == "past":
        return [
            (tr("When"), when),
            (tr("Person"), lambda m: m.supporter_name),
            (tr("Kind"), kind_of),
            (tr("Outcome"), lambda m: tr(OUTCOME.get(m.status, m.status))),
            (tr("Place"), lambda m: m.place),
        ]
    return [
        (tr("When"), when),
        (tr("Person"), lambda m: m.supporter_name),
        (tr("Kind"), kind_of),
        (tr("Length"), lambda m: tr("{n} min").format(n=m.duration_minutes)),
        (tr("Place"), lambda m: m.place + ("" if m.in_person else tr(" (not face to face)"))),
    ]


class MeetingListModel(QAbstractTableModel):
    """Rows of one Meetings list (read-only)."""

    def __init__(self, kind: str, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self._columns = columns(kind, today)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[MeetingInfo | DraftInfo]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_info(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._columns[index.column()][1](self.rows[index.row()])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None


class MeetingTable(QTableView):
    emptyLinkActivated = Signal(str)

    def __init__(self, model: MeetingListModel, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{model.kind}Table")
        self.setAccessibleName(name)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        widths = {
            "upcoming": (230, 200, 170, 80),
            "past": (230, 200, 170, 120),
            "drafts": (210, 170, 150, 210),
        }[model.kind]
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._empty = QLabel(self.viewport())
        self._empty.setObjectName("emptyState")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setTextFormat(Qt.TextFormat.RichText)
        self._empty.linkActivated.connect(self.emptyLinkActivated)
        self._empty.hide()
        model.modelReset.connect(self._update_empty)

    def set_empty_message(self, html: str) -> None:
        self._empty.setText(html)
        self._update_empty()

    def empty_message(self) -> str:
        return self._empty.text() if self._empty.isVisibleTo(self) else ""

    def _update_empty(self) -> None:
        empty = self.model().rowCount() == 0
        self._empty.setVisible(empty)
        self._place()

    def _place(self) -> None:
        area = self.viewport().rect().adjusted(60, 40, -60, -40)
        self._empty.setGeometry(area.x(), area.y(), area.width(), min(area.height(), 180))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place()

    def selected_info(self) -> Any:
        rows = self.selectionModel().selectedRows()
        model = self.model()
        if not rows or not isinstance(model, MeetingListModel):
            return None
        return model.row_info(rows[0].row())
