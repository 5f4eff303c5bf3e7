"""A list of calendar items in titled sections, with a box to tick tasks done and buttons for
the chosen item (done, snooze, skip, reschedule, open the person); items drag onto the calendar.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QDrag, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.calendar_items import CalendarItem
from oneonone_desktop.views.calendar.item_actions import (
    MIME_TYPE,
    ItemActions,
    can_move,
    is_current_task,
    snooze_choices,
)
from oneonone_desktop.views.calendar.words import (
    GROUP_COLOURS,
    GROUP_OF,
    LATE_COLOUR,
    count_text,
    day_text,
    kind_word,
    time_text,
    tr,
)

KEY_ROLE = Qt.ItemDataRole.UserRole
HEADING_HEIGHT = 34
COLUMNS = {"what": "What", "when": "When", "who": "Who", "kind": "Kind"}
_dots: dict[str, QIcon] = {}


def dot_icon(kind: str) -> QIcon:
    """A small round dot in the kind's colour (drawn once per colour)."""
    colour = GROUP_COLOURS[GROUP_OF.get(kind, "task")]
    found = _dots.get(colour)
    if found is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(2, 2, 8, 8)
        painter.end()
        found = _dots[colour] = QIcon(pixmap)
    return found


class _Tree(QTreeWidget):
    """The tree itself: hands the dragged item's key to the calendar grids (a copy: the list
    is reloaded after the move, never edited by the drag)."""

    def startDrag(self, supported: Qt.DropAction) -> None:
        row = self.currentItem()
        if row is None or not row.flags() & Qt.ItemFlag.ItemIsDragEnabled:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([row]))
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, Qt.DropAction.CopyAction)

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        keys = [str(i.data(0, KEY_ROLE)) for i in items if i.data(0, KEY_ROLE)]
        if keys:
            data.setData(MIME_TYPE, keys[0].encode())
        return data


class ItemPanel(QWidget):
    """Sections of items ("Overdue", "Due today", or one per day) and the action buttons."""

    def __init__(
        self,
        actions: ItemActions,
        columns: Sequence[str] = ("what", "when", "who", "kind"),
        parent: QWidget | None = None,
        *,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        self.columns = list(columns)
        self.items: dict[str, CalendarItem] = {}
        self._filling = False

        self.tree = _Tree()
        self.tree.setObjectName("calendarItems")
        self.tree.setAccessibleName(tr("Calendar items"))
        self.tree.setColumnCount(len(self.columns))
        self.tree.setHeaderLabels([tr(COLUMNS[c]) for c in self.columns])
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setIconSize(QSize(12, 12))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, name in enumerate(self.columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if name == "what"
                else QHeaderView.ResizeMode.Interactive  # sized once per fill
            )
            header.setSectionResizeMode(column, mode)
        self._bold = QFont(self.tree.font())
        self._bold.setBold(True)
        self._struck = QFont(self.tree.font())
        self._struck.setStrikeOut(True)
        self._grey = QBrush(QColor("#8a94a0"))
        self._late = QBrush(QColor(LATE_COLOUR))
        self.tree.itemChanged.connect(self._changed)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.customContextMenuRequested.connect(self._context_menu)

        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)

        self.done_button = self._button(tr("Done"), self._done, tr("Tick the chosen task done"))
        self.snooze_button = self._button(tr("Snooze"), None, tr("Put it off for a while"))
        self.skip_button = self._button(tr("Skip…"), self._skip, tr("Skip it, with a note"))
        self.move_button = self._button(
            tr("Reschedule…"), self._reschedule, tr("Move it to another day or time")
        )
        self.person_button = self._button(
            tr("Open person"), self._open_person, tr("Open this person's page")
        )
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for button in (self.done_button, self.snooze_button, self.skip_button):
            row.addWidget(button)
        second = row
        if compact:  # a narrow panel: the rest on a second line
            row.addStretch(1)
            second = QHBoxLayout()
            second.setContentsMargins(0, 0, 0, 0)
            second.setSpacing(6)
        second.addWidget(self.move_button)
        second.addStretch(1)
        second.addWidget(self.person_button)
        self.button_row = QWidget()
        lines = QVBoxLayout(self.button_row)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(6)
        lines.addLayout(row)
        if second is not row:
            lines.addLayout(second)

        self.tree.setStyleSheet(_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.button_row)
        self._update_buttons()

    def _button(self, text: str, slot: object, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # --- filling ------------------------------------------

    def set_sections(
        self,
        sections: Sequence[tuple[str, Sequence[CalendarItem]]],
        empty_text: str,
        *,
        dated_sections: Sequence[str] = (),
        late_sections: Sequence[str] = (),
    ) -> None:
        """Show these sections (a title and its items; empty sections are left out).

        Items of `dated_sections` show their day, not only their time."""
        current = self.current_item()
        self._filling = True
        self.tree.clear()
        self.items = {}
        chosen: QTreeWidgetItem | None = None
        tops: list[QTreeWidgetItem] = []
        headings: list[QTreeWidgetItem] = []
        # Rows are made detached and added at once: a tree told of each new row one by one
        # would lay itself out thousands of times.
        for title, items in sections:
            if not items:
                continue
            head: QTreeWidgetItem | None = None
            if title:  # a heading row; untitled items sit at the top level
                head = QTreeWidgetItem([title])
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                head.setSizeHint(0, QSize(0, HEADING_HEIGHT))
                head.setTextAlignment(0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
                head.setFont(0, self._bold)
                if title in late_sections:
                    head.setForeground(0, self._late)
                tops.append(head)
                headings.append(head)
            dated = title in dated_sections
            rows = [self._row(item, dated) for item in items]
            if head is not None:
                head.addChildren(rows)
            else:
                tops.extend(rows)
            if current is not None and chosen is None:
                chosen = next((r for r in rows if r.data(0, KEY_ROLE) == current.key), None)
        self.tree.addTopLevelItems(tops)
        for head in headings:
            head.setFirstColumnSpanned(True)
        self.tree.expandAll()
        for column, name in enumerate(self.columns):
            if name != "what":
                self.tree.resizeColumnToContents(column)
        self._filling = False
        self.stack.setCurrentWidget(self.tree if self.items else self.empty)
        self.empty.setText(empty_text)
        rows = self.rows()
        if chosen is None and rows:
            chosen = rows[0]
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._update_buttons()

    def _row(self, item: CalendarItem, show_dates: bool) -> QTreeWidgetItem:
        when = time_text(item.time) or tr("Any time")
        if show_dates or item.overdue:
            when = day_text(item.date) + (f", {time_text(item.time)}" if item.time else "")
        if item.overdue:
            late = (self.actions.today() - item.date).days
            when += " · " + count_text(late, "1 day late", "{n} days late")
        texts = {
            "what": item.title,
            "when": when,
            "who": item.person_name if item.person_name not in item.title else "",
            "kind": kind_word(item.kind),
        }
        row = QTreeWidgetItem([texts[c] for c in self.columns])
        row.setData(0, KEY_ROLE, item.key)
        row.setIcon(0, dot_icon(item.kind))
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if can_move(item):
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if is_current_task(item):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            row.setCheckState(0, Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked)
        row.setFlags(flags)
        tip = [item.title, kind_word(item.kind)]
        if item.person_name:
            tip.append(item.person_name)
        if item.place:
            tip.append(item.place)
        if item.recurring:
            tip.append(tr("Repeats"))
        row.setToolTip(0, "\n".join(tip))
        if item.done:
            for column in range(len(self.columns)):
                row.setFont(column, self._struck)
                row.setForeground(column, self._grey)
        elif item.overdue and "when" in self.columns:
            row.setForeground(self.columns.index("when"), self._late)
        self.items[item.key] = item
        return row

    # --- the chosen item ------------------------------------------

    def current_item(self) -> CalendarItem | None:
        row = self.tree.currentItem()
        key = row.data(0, KEY_ROLE) if row is not None else None
        return self.items.get(str(key)) if key else None

    def rows(self) -> list[QTreeWidgetItem]:
        """Every item row, in order (headings left out)."""
        found = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            for row in [top, *(top.child(i) for i in range(top.childCount()))]:
                if row.data(0, KEY_ROLE):
                    found.append(row)
        return found

    def select_key(self, key: str) -> bool:
        for row in self.rows():
            if row.data(0, KEY_ROLE) == key:
                self.tree.setCurrentItem(row)
                return True
        return False

    def _update_buttons(self) -> None:
        item = self.current_item()
        current = item is not None and is_current_task(item)
        self.done_button.setEnabled(current and item is not None and not item.done)
        self.snooze_button.setEnabled(current and item is not None and not item.done)
        self.skip_button.setEnabled(current and item is not None and not item.done)
        self.move_button.setEnabled(item is not None and can_move(item))
        self.person_button.setEnabled(item is not None and item.supporter_id is not None)
        old = self.snooze_button.menu()
        if item is not None and current and not item.done:
            self.snooze_button.setMenu(self.actions.snooze_menu(item, self.snooze_button))
        else:
            self.snooze_button.setMenu(None)
        if old is not None:
            old.deleteLater()

    def _changed(self, row: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        key = row.data(0, KEY_ROLE)
        item = self.items.get(str(key)) if key else None
        if item is None:
            return
        ticked = row.checkState(0) == Qt.CheckState.Checked
        # Later, not now: storing reloads the list, which must not delete the row whose
        # click or key press Qt is still handling.
        if ticked and not item.done:
            QTimer.singleShot(0, lambda: self.actions.done(item))
        elif not ticked and item.done:
            QTimer.singleShot(0, lambda: self.actions.reopen(item))

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        key = row.data(0, KEY_ROLE)
        item = self.items.get(str(key)) if key else None
        if item is not None:
            QTimer.singleShot(0, lambda: self.actions.activate(item))

    def _context_menu(self, point: QPoint) -> None:
        row = self.tree.itemAt(point)
        key = row.data(0, KEY_ROLE) if row is not None else None
        item = self.items.get(str(key)) if key else None
        if item is not None:
            self.tree.setCurrentItem(row)
            self.actions.menu(item, self.tree).exec(self.tree.viewport().mapToGlobal(point))

    def _done(self) -> None:
        item = self.current_item()
        if item is not None:
            self.actions.done(item)

    def _skip(self) -> None:
        item = self.current_item()
        if item is not None:
            self.actions.skip(item)

    def _reschedule(self) -> None:
        item = self.current_item()
        if item is not None:
            self.actions.reschedule(item)

    def _open_person(self) -> None:
        item = self.current_item()
        if item is not None:
            self.actions.open_person(item)

    def snooze_current(self, which: int) -> None:
        """Snooze the chosen task: 0 to tomorrow, 1 to next week (as the menu offers)."""
        item = self.current_item()
        if item is not None:
            self.actions.snooze(item, snooze_choices(self.actions.today())[which][1])


_STYLE = """
QTreeWidget { background: #ffffff; border: 1px solid #d9dee4; border-radius: 4px; }
QTreeWidget::item { padding: 4px 2px; }
QTreeWidget::item:selected { background: #cfe0f3; color: #14273d; }
QTreeWidget { outline: 0; }
"""
