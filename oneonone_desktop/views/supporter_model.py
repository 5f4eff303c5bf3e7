"""The supporter list as a Qt table model: filtered and sorted in SQL, fetched lazily in pages.

Signals: filterChanged() after every set_filter/sort/refresh (the rows were replaced).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from peewee import SqliteDatabase
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from oneonone_desktop.services import supporter_list
from oneonone_desktop.services.supporter_list import SupporterFilter, SupporterRow

Index = QModelIndex | QPersistentModelIndex

COL_NAME, COL_EMAIL, COL_PHONE, COL_CITY, COL_STAGE, COL_TAGS, COL_LAST_CONTACT = range(7)
# (header, sort key of services.supporter_list.SORTS, SupporterRow attribute)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Name", "name", "name"),
    ("Email", "email", "email"),
    ("Phone", "phone", "phone"),
    ("City", "city", "city"),
    ("Stage", "stage", "stage"),
    ("Tags", "tags", "tags"),
    ("Last contact", "last_contact", "last_contact"),
)
SupporterIdRole = int(Qt.ItemDataRole.UserRole) + 1
"""data(index, SupporterIdRole) -> the supporter's id (int)."""
SortKeyRole = int(Qt.ItemDataRole.UserRole) + 2
"""data(index, SortKeyRole) -> the raw value of the cell (datetime for last contact)."""

PAGE_SIZE = 200
FIRST_PAGE = 100  # enough to fill a tall window twice; fewer rows read on each keystroke
_MUTED = QColor("#6b7785")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SupporterTableModel", text)


def local_date(value: dt.datetime) -> dt.date:
    """A stored naive-UTC timestamp as the organizer's local calendar date."""
    return value.replace(tzinfo=dt.timezone.utc).astimezone().date()


class SupporterTableModel(QAbstractTableModel):
    """Rows of `services.supporter_list` for one SupporterFilter; pages of PAGE_SIZE rows."""

    filterChanged = Signal()

    def __init__(self, database: SqliteDatabase, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._filter = SupporterFilter()
        self._rows: list[SupporterRow] = []
        self._has_more = False
        self._total: int | None = None
        self._loaded = False  # no rows read yet: sort() only remembers the order
        self._locale = QLocale()

    # --- what the view asks -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_LAST_CONTACT:
                return self._date_text(row.last_contact)
            return str(getattr(row, COLUMNS[column][2]))
        if role == SupporterIdRole:
            return row.id
        if role == SortKeyRole:
            return getattr(row, COLUMNS[column][2])
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TAGS, COL_EMAIL, COL_NAME):
            return str(getattr(row, COLUMNS[column][2]))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_LAST_CONTACT:
            return _MUTED if row.last_contact is None else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return _tr(COLUMNS[section][0])
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._has_more:
            return
        page = self._fetch(len(self._rows), PAGE_SIZE)
        if not page:
            self._has_more = False
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if not self._loaded:
            self.set_sort_order(COLUMNS[column][1], descending)
            return
        flt = self._filter
        if flt.sort == COLUMNS[column][1] and flt.descending == descending:
            return
        self.set_filter(replace(flt, sort=COLUMNS[column][1], descending=descending))

    # --- what the page asks ---------------------------------------------------------------

    @property
    def filter(self) -> SupporterFilter:
        return replace(self._filter)

    def set_filter(self, flt: SupporterFilter) -> None:
        """Show the people `flt` selects (the first page now, the rest as the view scrolls)."""
        self._reload(replace(flt), FIRST_PAGE)

    def set_sort_order(self, sort: str, descending: bool) -> None:
        """Remember the order for the next set_filter, without reading rows now."""
        self._filter = replace(self._filter, sort=sort, descending=descending)

    def refresh(self) -> None:
        """Read the rows again after a change, keeping as many loaded as before."""
        self._reload(self._filter, max(FIRST_PAGE, len(self._rows)))

    def total(self) -> int:
        """How many people the current filter selects (counted once per filter, on demand)."""
        if self._total is None:
            if not self._has_more:
                self._total = len(self._rows)
            else:
                self._total = supporter_list.count(self._database, self._filter)
        return self._total

    def everyone_count(self) -> int:
        """How many people there are in the list the filter is looking at (active or archived)."""
        return supporter_list.count(self._database, SupporterFilter(archived=self._filter.archived))

    def all_ids(self) -> list[int]:
        """Every id the filter selects, in list order (loaded or not)."""
        if not self._has_more:
            return [row.id for row in self._rows]
        return supporter_list.all_ids(self._database, self._filter)

    def supporter_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, supporter_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == supporter_id:
                return number
        return None

    def supporter_row(self, row: int) -> SupporterRow:
        return self._rows[row]

    def sort_column(self) -> int:
        for number, (_, key, _) in enumerate(COLUMNS):
            if key == self._filter.sort:
                return number
        return COL_NAME

    # --- inside -------------------------------------------------------------------------

    def _fetch(self, offset: int, limit: int) -> list[SupporterRow]:
        rows = supporter_list.fetch_page(self._database, self._filter, offset, limit + 1)
        self._has_more = len(rows) > limit
        return rows[:limit]

    def _reload(self, flt: SupporterFilter, limit: int) -> None:
        self.beginResetModel()
        self._loaded = True
        self._filter = flt
        self._total = None
        self._rows = self._fetch(0, limit)
        self.endResetModel()
        self.filterChanged.emit()

    def _date_text(self, value: dt.datetime | None) -> str:
        if value is None:
            return _tr("never")
        day = local_date(value)
        return self._locale.toString(
            QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat
        )
