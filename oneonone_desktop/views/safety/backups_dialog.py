"""The Backups dialog: every backup with its date, kind and size; make one now, save a copy to
a USB stick, or restore one (the data as it is now is backed up first, then the app reopens)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.store import backups, crypto
from oneonone_desktop.store.errors import StoreError
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.safety import reopen as reopening


def choose_copy_path(parent: QWidget) -> Path | None:
    """Where to save a copy (tests replace this)."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Save a copy of your data"),
        str(Path.home() / "oneonone-copy.sqlite3"),
        parent.tr("Data file (*.sqlite3)"),
    )
    return Path(name) if name else None


def size_words(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class BackupsDialog(QDialog):
    """Lists the backups of the window's data folder and acts on them."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Backups"))
        self.window_ = window
        self.folder: Path = window.data_dir
        self.resize(720, 460)
        intro = QLabel(
            self.tr(
                "Your data is copied by itself once a day. The last 7 days and 4 weeks are "
                "kept, and every copy made before an update. Each copy is checked when made."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Kind"), self.tr("Size")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(
            self.tr("No backups yet. Make one now, or the app makes one by itself tomorrow.")
        )
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.make_button = QPushButton(icon("backup"), self.tr("Make a backup now"))
        self.make_button.setObjectName("makeBackup")
        self.copy_button = QPushButton(icon("save"), self.tr("Save a copy to…"))
        self.copy_button.setObjectName("saveCopy")
        self.copy_button.setToolTip(self.tr("A checked copy on a USB stick or another disk"))
        self.restore_button = QPushButton(icon("restore"), self.tr("Restore…"))
        self.restore_button.setObjectName("restoreBackup")
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        self.make_button.clicked.connect(self.make_now)
        self.copy_button.clicked.connect(self.save_copy)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        row = QHBoxLayout()
        for button in (self.make_button, self.copy_button, self.restore_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.shown = backups.list_backups(backup_dir(self.folder))
        locale = QLocale()
        self.table.setRowCount(len(self.shown))
        for number, info in enumerate(self.shown):
            made = QDateTime(info.made_at.date(), info.made_at.time())
            time = locale.timeFormat(QLocale.FormatType.ShortFormat)
            when = locale.toString(made, f"ddd d MMM yyyy, {time}")
            kind = self.tr(info.kind_words) + (self.tr(" · locked") if info.encrypted else "")
            for column, text in enumerate((when, kind, size_words(info.size))):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(number, column, item)
        self.table.setVisible(bool(self.shown))
        self.empty.setVisible(not self.shown)
        if self.shown:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> backups.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows and self.shown else None

    def make_now(self) -> None:
        try:
            made = backups.make_backup(self.window_.database, backup_dir(self.folder))
        except OSError as exc:
            messages.error(self, self.tr("Backups"), self.tr(
                "The backup could not be made ({problem}). Nothing was changed."
            ).format(problem=exc.strerror or exc))  # fmt: skip
            return
        self.refresh()
        self.window_.show_notice(self.tr("Backup made and checked ({size}).").format(
            size=size_words(made.size)))  # fmt: skip

    def save_copy(self) -> None:
        dest = choose_copy_path(self)
        if dest is None:
            return
        try:
            written = backups.save_copy(self.window_.database, dest)
        except OSError as exc:
            messages.error(self, self.tr("Save a copy"), self.tr(
                "The copy could not be written to {path} ({problem})."
            ).format(path=dest, problem=exc.strerror or exc))  # fmt: skip
            return
        messages.info(self, self.tr("Save a copy"), self.tr(
            "A checked copy of your data is in {path}. Keep it somewhere safe: it holds "
            "everything about your supporters."
        ).format(path=written))  # fmt: skip

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.restore_file(chosen.path)

    def restore_file(self, path: Path) -> bool:
        """Confirm, then put the backup at `path` in place of the data and reopen the app."""
        data_file = database_path(self.folder)
        data_key = crypto.passphrase_for(data_file)
        backup_key = None
        if crypto.is_encrypted(path):
            backup_key = data_key if data_key and _opens(path, data_key) else None
            if backup_key is None:
                from oneonone_desktop.views.safety.passphrase import PassphraseDialog

                text = self.tr("This backup is locked. Type the passphrase it was made with.")
                ask = PassphraseDialog(path, self, text)
                if ask.exec() != QDialog.DialogCode.Accepted:
                    return False
                backup_key = ask.passphrase
        info = backups.describe(path)
        when = info.made_at.strftime("%Y-%m-%d %H:%M") if info else path.name
        if not messages.confirm(
            self,
            self.tr("Restore a backup"),
            self.tr(
                "Put the backup made {when} in place of your data? Everything changed since "
                "then will be replaced. Your data as it is now is saved as a backup first, so "
                "you can go back. The app then reopens."
            ).format(when=when),
            self.tr("Restore"),
            destructive=True,
        ):
            return False
        folder = self.folder

        def run() -> None:
            try:
                backups.restore(folder, path, backup_passphrase=backup_key,
                                data_passphrase=data_key)  # fmt: skip
            except (StoreError, OSError) as exc:
                text = exc.message if isinstance(exc, StoreError) else str(exc)
                messages.error(None, self.tr("Restore a backup"), text)
                return
            messages.info(None, self.tr("Restore a backup"), self.tr(
                "The backup is back in place. Your data as it was a moment ago is kept among "
                "the backups (Before a restore)."
            ))  # fmt: skip

        self.accept()
        reopening.reopen(self.window_, run)
        return True


def _opens(path: Path, passphrase: str) -> bool:
    try:
        crypto.check_passphrase(path, passphrase)
    except crypto.WrongPassphrase:
        return False
    return True
