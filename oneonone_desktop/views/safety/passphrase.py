"""Passphrase dialogs: the prompt that opens locked data (wrong ones fail closed, with a retry),
and the form that sets a new passphrase (typed twice, with the rules in plain words)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.store import crypto


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMinimumWidth(300)
    return field


class PassphraseDialog(QDialog):
    """Ask for the passphrase of a locked data file; accepted only with the right one.

    A wrong passphrase shows a plain message under the field and keeps the dialog open;
    nothing is changed. `passphrase` holds the right one once accepted.
    """

    def __init__(self, path: Path, parent: QWidget | None = None, text: str | None = None):
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(self.tr("Unlock your data — {app}").format(app=APP_DISPLAY_NAME))
        self.path = path
        self.passphrase: str | None = None
        intro = QLabel(
            text
            or self.tr(
                "Your data is locked with a passphrase. Type it to open your supporters, "
                "meetings and notes."
            )
        )
        intro.setWordWrap(True)
        self.field = _secret_field(self.tr("Passphrase"))
        self.field.setObjectName("passphraseField")
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Unlock"))
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.field)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.field.setFocus()

    def try_unlock(self) -> None:
        typed = self.field.text()
        if not typed:
            self._show(self.tr("Type the passphrase first."))
            return
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            crypto.check_passphrase(self.path, typed)
        except crypto.WrongPassphrase:
            self.field.selectAll()
            self._show(
                self.tr(
                    "That passphrase does not open your data. Check Caps Lock and the "
                    "keyboard layout, then try again."
                )
            )
            return
        finally:
            self.unsetCursor()
        self.passphrase = typed
        self.accept()

    def _show(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
        self.field.setFocus()


def ask_passphrase(parent: QWidget | None, path: Path) -> str | None:
    """The right passphrase for the locked file at `path`, or None when the user gave up."""
    dialog = PassphraseDialog(path, parent)
    return dialog.passphrase if dialog.exec() == QDialog.DialogCode.Accepted else None


class NewPassphraseDialog(QDialog):
    """Choose a new passphrase: typed twice, at least 8 characters. `passphrase` once accepted."""

    def __init__(self, parent: QWidget | None = None, title: str = "", intro: str = ""):
        super().__init__(parent)
        self.setObjectName("newPassphraseDialog")
        self.setWindowTitle(title or self.tr("Lock your data with a passphrase"))
        self.passphrase: str | None = None
        text = QLabel(
            intro
            or self.tr(
                "Choose a passphrase of a few words. Without it nobody can read your data, "
                "not even you: write it down and keep it somewhere safe. Nobody can recover it."
            )
        )
        text.setWordWrap(True)
        self.first = _secret_field(self.tr("New passphrase"))
        self.first.setObjectName("newPassphrase")
        self.second = _secret_field(self.tr("The same passphrase again"))
        self.second.setObjectName("repeatPassphrase")
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Use this passphrase"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("New passphrase:"), self.first)
        form.addRow(self.tr("Again:"), self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def try_accept(self) -> None:
        typed = self.first.text()
        problem = crypto.passphrase_problem(typed)
        if not problem and typed != self.second.text():
            problem = self.tr("The two passphrases differ; type the same one twice.")
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            self.first.setFocus()
            return
        self.passphrase = typed
        self.accept()
