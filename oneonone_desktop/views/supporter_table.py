"""The supporter table: sortable, multi-select, with empty states drawn in the table area.

Signals: firstPainted() once, after the table has painted for the first time;
emptyLinkActivated(str) when the link in an empty-state message is clicked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from oneonone_desktop.views.supporter_model import (
    COL_CITY,
    COL_EMAIL,
    COL_LAST_CONTACT,
    COL_NAME,
    COL_PHONE,
    COL_STAGE,
    COL_TAGS,
)

DEFAULT_WIDTHS = {
    COL_NAME: 190,
    COL_EMAIL: 230,
    COL_PHONE: 135,
    COL_CITY: 125,
    COL_STAGE: 135,
    COL_LAST_CONTACT: 105,
}


class SupporterTable(QTableView):
    firstPainted = Signal()
    emptyLinkActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self.setObjectName("supporterTable")
        self.setAccessibleName(self.tr("Supporters"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        self._empty = QLabel(self.viewport())
        self._empty.setObjectName("emptyState")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setTextFormat(Qt.TextFormat.RichText)
        self._empty.setOpenExternalLinks(False)
        self._empty.linkActivated.connect(self.emptyLinkActivated)
        self._empty.hide()
        self._empty_html = ""

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        for column, width in DEFAULT_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_TAGS, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        model.modelReset.connect(self._update_empty)
        model.rowsInserted.connect(self._update_empty)
        model.rowsRemoved.connect(self._update_empty)

    def set_empty_message(self, html: str) -> None:
        """What to show in place of rows when the list is empty (rich text; links allowed)."""
        self._empty_html = html
        self._empty.setText(html)
        self._update_empty()

    def empty_message(self) -> str:
        """The empty-state text being shown ("" while there are rows)."""
        return self._empty.text() if self._empty.isVisibleTo(self) else ""

    def _update_empty(self, *_: Any) -> None:
        model = self.model()
        empty = model is not None and model.rowCount() == 0 and bool(self._empty_html)
        self._empty.setVisible(empty)
        if empty:
            self._place_empty()

    def _place_empty(self) -> None:
        area = self.viewport().rect().adjusted(40, 40, -40, -40)
        self._empty.setGeometry(area.x(), area.y(), area.width(), min(area.height(), 160))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place_empty()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()

    def has_painted(self) -> bool:
        return self._painted

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
