"""The Data safety section: backups, the passphrase (set, change, remove) and the app lock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.store import backups, crypto, encrypt_folder
from oneonone_desktop.store.errors import StoreError
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.safety import reopen as reopening
from oneonone_desktop.views.safety.app_lock import SETTING, lock_minutes
from oneonone_desktop.views.safety.passphrase import NewPassphraseDialog, PassphraseDialog


def _text(words: str) -> QLabel:
    label = QLabel(words)
    label.setWordWrap(True)
    return label


class SafetyPage(QWidget):
    def __init__(self, window: Any) -> None:
        super().__init__()
        self.setObjectName("safetyPage")
        self.window_ = window
        self.path = database_path(window.data_dir)
        title = QLabel(self.tr("Data safety"))
        title.setObjectName("pageTitle")

        self.backup_state = _text("")
        open_backups = QPushButton(icon("backup"), self.tr("Backups…"))
        open_backups.setObjectName("openBackups")
        open_backups.clicked.connect(window.safety_open_backups)
        backups_box = QGroupBox(self.tr("Backups"))
        row = QHBoxLayout(backups_box)
        row.addWidget(self.backup_state, 1)
        row.addWidget(open_backups, 0, Qt.AlignmentFlag.AlignTop)

        self.lock_state = _text("")
        self.set_button = QPushButton(icon("lock"), self.tr("Lock with a passphrase…"))
        self.set_button.setObjectName("setPassphrase")
        self.change_button = QPushButton(self.tr("Change passphrase…"))
        self.change_button.setObjectName("changePassphrase")
        self.remove_button = QPushButton(self.tr("Remove passphrase…"))
        self.remove_button.setObjectName("removePassphrase")
        self.set_button.clicked.connect(self.set_passphrase)
        self.change_button.clicked.connect(self.change_passphrase)
        self.remove_button.clicked.connect(self.remove_passphrase)
        lock_box = QGroupBox(self.tr("Passphrase"))
        lock_layout = QVBoxLayout(lock_box)
        lock_layout.addWidget(self.lock_state)
        buttons = QHBoxLayout()
        for button in (self.set_button, self.change_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        lock_layout.addLayout(buttons)

        self.minutes = QSpinBox()
        self.minutes.setObjectName("lockMinutes")
        self.minutes.setAccessibleName(self.tr("Minutes without use before the app locks"))
        self.minutes.setRange(0, 240)
        self.minutes.setSpecialValueText(self.tr("never"))
        self.minutes.setSuffix(self.tr(" minutes"))
        self.minutes.setValue(lock_minutes(window.settings))
        self.minutes.valueChanged.connect(self._minutes_changed)
        idle_box = QGroupBox(self.tr("App lock"))
        idle = QHBoxLayout(idle_box)
        self.idle_text = QLabel(self.tr("Hide everything behind the passphrase after"))
        idle.addWidget(self.idle_text)
        idle.addWidget(self.minutes)
        idle.addStretch(1)

        privacy_box = QGroupBox(self.tr("A person's own data"))
        QVBoxLayout(privacy_box).addWidget(_text(self.tr(
            "On a person's page: Consent history… shows what they agreed to and lets you record "
            "a withdrawal; Export everything about them… gives them all that is held about "
            "them (PDF or JSON); Erase (People menu) removes them for good."
        )))  # fmt: skip

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        for box in (backups_box, lock_box, idle_box, privacy_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self.refresh()

    def showEvent(self, event: Any) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        found = backups.list_backups(backup_dir(self.window_.data_dir))
        if found:
            latest = found[0].made_at.strftime("%Y-%m-%d %H:%M")
            self.backup_state.setText(self.tr(
                "Your data is copied by itself once a day and checked. {n} backups are kept; "
                "the latest was made {when}."
            ).format(n=len(found), when=latest))  # fmt: skip
        else:
            none_yet = self.tr("Your data is copied by itself once a day. No backup yet.")
            self.backup_state.setText(none_yet)
        locked = crypto.is_encrypted(self.path)
        self.lock_state.setText(
            self.tr(
                "Your data and its backups are locked with a passphrase: without it, nobody can "
                "read them, even with the laptop in hand."
            )
            if locked
            else self.tr(
                "Your data is not locked. Anyone who gets this computer's files can read your "
                "notes. A passphrase locks the data and every backup."
            )
        )
        self.set_button.setVisible(not locked)
        self.change_button.setVisible(locked)
        self.remove_button.setVisible(locked)
        self.minutes.setEnabled(locked)
        self.idle_text.setEnabled(locked)

    def _minutes_changed(self, value: int) -> None:
        self.window_.settings.setValue(SETTING, value)
        lock = getattr(self.window_, "app_lock", None)
        if lock is not None:
            lock.apply_setting()

    def _convert(self, job: Any, done: str) -> None:
        """Reopen the app; with the data closed, run `job()` (a conversion) and say how it
        went (store.encrypt_folder: every file stays whole if it stops half-way)."""

        def run() -> None:
            try:
                report = job()
            except (StoreError, OSError) as exc:
                text = exc.message if isinstance(exc, StoreError) else str(exc)
                messages.error(None, self.tr("Passphrase"), text)
                return
            messages.info(None, self.tr("Passphrase"), f"{done} {report.summary()}")

        reopening.reopen(self.window_, run)

    def set_passphrase(self) -> None:
        dialog = NewPassphraseDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.passphrase:
            return
        key = dialog.passphrase
        folder = self.window_.data_dir

        def job() -> encrypt_folder.ConversionReport:
            report = encrypt_folder.encrypt_data(folder, key)
            crypto.remember(self.path, key)
            return report

        self._convert(job, self.tr("Your data is now locked with the passphrase."))

    def _current(self) -> str | None:
        ask = PassphraseDialog(self.path, self, self.tr("Type the passphrase you use now."))
        return ask.passphrase if ask.exec() == QDialog.DialogCode.Accepted else None

    def change_passphrase(self) -> None:
        old = self._current()
        if old is None:
            return
        dialog = NewPassphraseDialog(self, self.tr("Change the passphrase"), " ")
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.passphrase:
            return
        new, folder = dialog.passphrase, self.window_.data_dir
        self._convert(
            lambda: encrypt_folder.change_passphrase(folder, old, new),
            self.tr("The passphrase is changed."),
        )

    def remove_passphrase(self) -> None:
        old = self._current()
        if old is None or not messages.confirm(
            self,
            self.tr("Remove the passphrase"),
            self.tr(
                "Unlock your data and every backup for good? Anyone with this computer's "
                "files could then read them."
            ),
            self.tr("Remove passphrase"),
            destructive=True,
        ):
            return
        folder = self.window_.data_dir
        self._convert(
            lambda: encrypt_folder.decrypt_data(folder, old),
            self.tr("Your data is no longer locked."),
        )
