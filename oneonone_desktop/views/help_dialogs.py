"""Help menu dialogs: the keyboard shortcuts and About."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop import APP_DISPLAY_NAME, __version__

# Keys that act in place rather than through a menu command; menu shortcuts are read from the
# window's menus so the list never falls behind what the app really does.
IN_PLACE_KEYS = (
    ("Enter", "In a list: open the selected person or item"),
    ("Esc", "In the search box: clear the search; in a dialog: close it"),
    ("Alt+Left", "On a person's page: back to the list"),
    ("PageUp / PageDown / Home", "In the calendar: previous, next, today"),
    ("Space", "In the calendar's lists: tick the item done"),
    ("Ctrl+1 … Ctrl+9", "Go to the sections, in the order shown on the left"),
    ("Ctrl+Enter / Alt+N", "In a 1:1: next step"),
    ("Ctrl+Shift+Enter / Alt+B", "In a 1:1: previous step"),
    ("Ctrl+S", "In a 1:1: save the notes now (they also save as you type)"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("help", text)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


def collect_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, keys, what it does) for every menu command that has a shortcut."""
    found: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), group)
            elif not action.isSeparator() and not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                found.append((group, keys, _plain(action.text())))

    for top in menu_bar.actions():
        if top.menu() is not None:
            walk(top.menu(), _plain(top.text()))
    return found


def show_shortcuts(parent: QMainWindow) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Keyboard shortcuts"))
    view = QTextBrowser()
    view.setAccessibleName(_tr("Keyboard shortcuts"))
    parts: list[str] = []
    group = None
    for menu, keys, text in collect_shortcuts(parent.menuBar()):
        if menu != group:
            group = menu
            parts.append(
                f"<tr><td colspan=2 style='padding-top:10px'><b>{escape(menu)}</b></td></tr>"
            )
        parts.append(
            f"<tr><td style='padding:2px 18px 2px 8px'>{escape(keys)}</td>"
            f"<td>{escape(text)}</td></tr>"
        )
    parts.append(
        f"<tr><td colspan=2 style='padding-top:10px'><b>{escape(_tr('Anywhere'))}</b></td></tr>"
    )
    for keys, text in IN_PLACE_KEYS:
        parts.append(
            f"<tr><td style='padding:2px 18px 2px 8px'>{escape(keys)}</td>"
            f"<td>{escape(_tr(text))}</td></tr>"
        )
    view.setHtml(f"<table>{''.join(parts)}</table>")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(620, 600)
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
