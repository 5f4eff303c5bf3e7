"""Inputs with completion: comma-separated labels, and a searchable picker of a person.

Signals (PersonPicker): chosen(object) with the supporter id, or None when cleared.
"""

from __future__ import annotations

from typing import Any

from peewee import SqliteDatabase
from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget

from oneonone_desktop.services.supporter_list import SupporterFilter, fetch_page
from oneonone_desktop.store.models import Label, Supporter

PICKER_LIMIT = 12
IdRole = int(Qt.ItemDataRole.UserRole) + 1
NameRole = int(Qt.ItemDataRole.UserRole) + 2


class CommaCompleter(QCompleter):
    """Completes the word after the last comma, keeping what was typed before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: Any) -> str:
        chosen = str(index.data())
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        before = [p.strip() for p in typed.split(",")[:-1] if p.strip()]
        return ", ".join([*before, chosen]) + ", "


def label_completer(kind: str, parent: QLineEdit) -> CommaCompleter:
    """A completer over the existing labels of `kind` (tags, issues, skills, interests)."""
    names = [
        label.name
        for label in Label.select(Label.name)
        .where(Label.kind == kind)
        .order_by(Label.name.collate("NOCASE"))
    ]
    completer = CommaCompleter(QStringListModel(names, parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    parent.setCompleter(completer)
    return completer


def split_list(text: str) -> list[str]:
    """Values typed in one box, separated by commas, semicolons or new lines."""
    for separator in (";", "\n"):
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


class PersonPicker(QWidget):
    """Type part of a name, email or phone and pick the person from the list that drops down."""

    chosen = Signal(object)

    def __init__(self, database: SqliteDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._id: int | None = None
        self._exclude: int | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("type a name to find them (optional)"))
        self.edit.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(PICKER_LIMIT)
        self.edit.setCompleter(self._completer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._search)
        self._completer.setCompletionRole(NameRole)
        self._completer.activated[QModelIndex].connect(self._picked)

    def exclude(self, supporter_id: int | None) -> None:
        """Never offer this person (someone cannot refer themselves)."""
        self._exclude = supporter_id

    def supporter_id(self) -> int | None:
        return self._id

    def has_unpicked_text(self) -> bool:
        """Text was typed but no one was picked from the list."""
        return self._id is None and bool(self.edit.text().strip())

    def set_supporter(self, supporter_id: int | None) -> None:
        self._id = None
        self.edit.clear()
        if supporter_id is None:
            return
        person = Supporter.get_or_none(Supporter.id == supporter_id)
        if person is not None:
            self._id = person.id
            self.edit.setText(person.display_name)

    def _search(self, text: str) -> None:
        self._id = None
        self._model.clear()
        if not text.strip():
            self.chosen.emit(None)
            return
        rows = fetch_page(self._database, SupporterFilter(search=text), 0, PICKER_LIMIT + 1)
        for row in rows:
            if row.id == self._exclude:
                continue
            extra = row.email or row.phone or row.city
            item = QStandardItem(f"{row.name} — {extra}" if extra else row.name)
            item.setData(row.id, IdRole)
            item.setData(row.name, NameRole)
            self._model.appendRow(item)
        self._completer.complete()

    def _picked(self, index: Any) -> None:
        supporter_id = index.data(IdRole)
        if supporter_id is None:
            return
        self.set_supporter(int(supporter_id))
        self.chosen.emit(self._id)
