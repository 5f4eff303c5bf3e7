"""The keyboard shortcuts list is read from the menus, so it shows every feature's keys."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from oneonone_desktop.views.help_dialogs import collect_shortcuts


def test_shortcuts_list_every_menu_command_with_keys(window):
    listed = {(keys, text) for _, keys, text in collect_shortcuts(window.menuBar())}
    new_keys = QKeySequence("Ctrl+N").toString(QKeySequence.SequenceFormat.NativeText)
    assert any(keys == new_keys for keys, _ in listed)
    assert any("Find" in text for _, text in listed)


def test_a_feature_menu_command_appears_in_the_shortcuts(window):
    action = window.menu("testing").addAction("Do the &thing…")
    action.setShortcut(QKeySequence("Ctrl+Alt+J"))
    rows = collect_shortcuts(window.menuBar())
    assert (
        "Testing",
        action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
        "Do the thing",
    ) in rows
