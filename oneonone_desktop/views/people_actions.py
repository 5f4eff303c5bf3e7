"""What the organizer can do to people (new, edit, archive, erase, tag, import, export, print).

The QActions live here so the menus, the bulk-action row and the person page share them.
Signals: changed() after people were added, changed, archived, restored or erased.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QInputDialog, QWidget

from oneonone_desktop.services import supporters as svc
from oneonone_desktop.services.supporter_list import SupporterFilter
from oneonone_desktop.store.models import Supporter
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.wording import people_count


class ArchiveCommand(QUndoCommand):
    """Archive (or restore) people; undo puts them back where they were."""

    def __init__(self, ids: list[int], archive: bool, text: str, done: Callable[[], None]) -> None:
        super().__init__(text)
        self.ids = list(ids)
        self.archive = archive
        self._done = done

    def redo(self) -> None:
        svc.set_archived(self.ids, self.archive)
        self._done()

    def undo(self) -> None:
        svc.set_archived(self.ids, not self.archive)
        self._done()


class PeopleActions(QObject):
    changed = Signal()
    notice = Signal(str, bool)  # message for the status bar; True when it can be undone

    def __init__(
        self,
        database: SqliteDatabase,
        parent_widget: QWidget,
        current_ids: Callable[[], list[int]],
        showing_archived: Callable[[], bool],
        shown_ids: Callable[[], list[int]],
        current_filter: Callable[[], SupporterFilter],
    ) -> None:
        super().__init__(parent_widget)
        self._database = database
        self._parent = parent_widget
        self._current_ids = current_ids
        self._showing_archived = showing_archived
        self._shown_ids = shown_ids
        self._current_filter = current_filter
        self.undo_stack = QUndoStack(self)

        self.new = self._action("person-add", self.tr("&New person…"), QKeySequence.StandardKey.New)
        self.new.setIconText(self.tr("New person"))
        self.open = self._action("person", self.tr("&Open"), "Return")
        self.edit = self._action("edit", self.tr("&Edit…"), "Ctrl+E")
        self.archive = self._action("archive", self.tr("&Archive"), "Delete")
        self.erase = self._action("erase", self.tr("E&rase for good…"), "Shift+Delete")
        self.tag = self._action("tag", self.tr("&Tag selected…"), "Ctrl+T")
        self.import_ = self._action("import", self.tr("&Import…"), "Ctrl+I")
        self.export = self._action("export", self.tr("&Export…"), "Ctrl+Shift+E")
        self.print_list = self._action(
            "print", self.tr("&Print list…"), QKeySequence.StandardKey.Print
        )
        self.undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo.setIcon(icon("undo"))
        self.redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.open, self.archive, self.erase):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.new.triggered.connect(self.new_person)
        self.edit.triggered.connect(self.edit_current)
        self.archive.triggered.connect(self.archive_or_restore)
        self.erase.triggered.connect(self.erase_current)
        self.tag.triggered.connect(self.tag_current)
        self.import_.triggered.connect(self.import_file)
        self.export.triggered.connect(self.export_file)
        self.print_list.triggered.connect(self.print_shown)

    def _action(self, icon_name: str, text: str, key: object) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(key if isinstance(key, QKeySequence) else QKeySequence(key))
        return action

    def update_enabled(self) -> None:
        """Enable what makes sense for the current selection (call when it changes)."""
        n = len(self._current_ids())
        archived = self._showing_archived()
        for action in (self.open, self.edit):
            action.setEnabled(n == 1)
        for action in (self.archive, self.erase, self.tag):
            action.setEnabled(n > 0)
        self.archive.setText(self.tr("&Restore") if archived else self.tr("&Archive"))
        self.archive.setIcon(icon("restore" if archived else "archive"))

    # --- the actions ----------------------------------------------------------------------

    def new_person(self) -> int | None:
        from oneonone_desktop.views.supporter_dialog import SupporterDialog

        dialog = SupporterDialog(None, self._parent)
        if dialog.exec() and dialog.saved_id is not None:
            self.changed.emit()
            self.notice.emit(self.tr("Added {name}.").format(name=_name(dialog.saved_id)), False)
            return dialog.saved_id
        return None

    def edit_current(self) -> None:
        ids = self._current_ids()
        if len(ids) != 1:
            return
        from oneonone_desktop.views.supporter_dialog import SupporterDialog

        dialog = SupporterDialog(ids[0], self._parent)
        if dialog.exec():
            self.changed.emit()
            self.notice.emit(self.tr("Saved {name}.").format(name=_name(ids[0])), False)

    def archive_or_restore(self) -> None:
        ids = self._current_ids()
        if not ids:
            return
        archive = not bool(
            Supporter.select()
            .where(Supporter.id == ids[0], Supporter.archived_at.is_null(False))
            .exists()
        )
        who = _name(ids[0]) if len(ids) == 1 else people_count(len(ids))
        text = (self.tr("Archived {who}.") if archive else self.tr("Restored {who}.")).format(
            who=who
        )
        self.undo_stack.push(ArchiveCommand(ids, archive, text, self.changed.emit))
        self.notice.emit(text, True)

    def erase_current(self) -> None:
        ids = self._current_ids()
        if not ids:
            return
        who = _name(ids[0]) if len(ids) == 1 else people_count(len(ids))
        question = self.tr(
            "Erase {who} for good? Everything held about them (notes, meetings, commitments, "
            "consent) is removed from this computer. This cannot be undone."
        ).format(who=who)
        if not messages.confirm(
            self._parent, self.tr("Erase for good"), question, self.tr("Erase for good"), True
        ):
            return
        svc.erase(ids)
        self.undo_stack.clear()  # archive steps may name people who no longer exist
        self.changed.emit()
        self.notice.emit(self.tr("Erased {who}.").format(who=who), False)

    def tag_current(self) -> None:
        ids = self._current_ids()
        if not ids:
            return
        who = _name(ids[0]) if len(ids) == 1 else people_count(len(ids))
        text, ok = QInputDialog.getText(
            self._parent,
            self.tr("Tag"),
            self.tr("Tags to add to {who} (separate several with commas):").format(who=who),
        )
        names = [n.strip() for n in text.split(",") if n.strip()]
        if not ok or not names:
            return
        svc.add_labels(ids, "tag", names)
        self.changed.emit()
        self.notice.emit(
            self.tr("Tagged {who}: {tags}.").format(who=who, tags=", ".join(names)), False
        )

    def import_file(self) -> None:
        from oneonone_desktop.views.import_dialog import run_import

        done = run_import(self._parent)
        if done:
            self.changed.emit()
            self.notice.emit(done, False)

    def export_file(self) -> None:
        from oneonone_desktop.views.export import run_export

        done = run_export(self._parent, self._current_ids(), self._shown_ids)
        if done:
            self.notice.emit(done, False)

    def print_shown(self) -> None:
        from oneonone_desktop.views.printing import print_people

        chosen = self._current_ids()
        only = chosen if len(chosen) > 1 else None
        print_people(self._parent, self._database, self._current_filter(), only)


def _name(supporter_id: int) -> str:
    person = Supporter.get_or_none(Supporter.id == supporter_id)
    return person.display_name if person is not None else "?"
