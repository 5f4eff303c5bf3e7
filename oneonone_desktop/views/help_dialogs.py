"""Help menu dialogs: the keyboard shortcuts and About."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop import APP_DISPLAY_NAME, __version__

SHORTCUTS = (
    ("Ctrl+F", "Find: jump to the search box"),
    ("Ctrl+N", "Add a new person"),
    ("Enter", "Open the selected person's page"),
    ("Ctrl+E", "Edit the selected person"),
    ("Ctrl+T", "Tag the selected people"),
    ("Delete", "Archive the selected people (or restore them from the archive)"),
    ("Ctrl+Z", "Undo the last archive or restore"),
    ("Shift+Delete", "Erase the selected people for good (asks first)"),
    ("Ctrl+Shift+A", "Show the archive / the active list"),
    ("Ctrl+I", "Import a sign-in sheet (CSV) or phone contacts (vCard)"),
    ("Ctrl+Shift+E", "Export people to CSV or vCard"),
    ("Ctrl+P", "Print the list"),
    ("Esc", "In the search box: clear the search"),
    ("Alt+Left", "On a person's page: back to the list"),
    ("Ctrl+1", "Go to Supporters"),
    ("Ctrl+Q", "Quit"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("help", text)


def show_shortcuts(parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Keyboard shortcuts"))
    view = QTextBrowser()
    view.setAccessibleName(_tr("Keyboard shortcuts"))
    rows = "".join(
        f"<tr><td style='padding:4px 18px 4px 0'><b>{escape(k)}</b></td>"
        f"<td>{escape(_tr(t))}</td></tr>"
        for k, t in SHORTCUTS
    )
    view.setHtml(f"<table>{rows}</table>")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(560, 520)
    dialog.exec()


def show_about(parent: QWidget, data_dir: Path | None) -> None:
    folder = (
        f"<p>{_tr('Your data is kept in')}<br><code>{escape(str(data_dir))}</code></p>"
        if data_dir
        else ""
    )
    QMessageBox.about(
        parent,
        _tr("About {app}").format(app=APP_DISPLAY_NAME),
        f"<h3>{APP_DISPLAY_NAME} {__version__}</h3>"
        + "<p>"
        + _tr(
            "Plan, hold and follow up one-on-one meetings with supporters, offline. "
            "Nothing leaves this computer unless you export or print it."
        )
        + "</p>"
        + folder,
    )
