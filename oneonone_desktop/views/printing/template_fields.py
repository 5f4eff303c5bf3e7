"""Merge fields in the template editor: a menu that inserts {first_name} and friends, colouring
of the fields in the message (unknown ones underlined in red), and a plain note about them."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QMenu, QWidget

from oneonone_desktop.documents.merge import FIELD_PATTERN, FIELDS, check_template

KNOWN_COLOUR = "#1d5fa8"
UNKNOWN_COLOUR = "#b3261e"


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def field_menu(parent: QWidget, insert: Callable[[str], None]) -> QMenu:
    """One entry per merge field ("{first_name}  First name"); choosing one calls insert()."""
    menu = QMenu(parent)
    menu.setObjectName("fieldMenu")
    for name, meaning in FIELDS.items():
        action = menu.addAction(f"{{{name}}}\t{_tr(meaning)}")
        action.setData(name)
        action.triggered.connect(lambda _=False, n=name: insert("{" + n + "}"))
    return menu


def unknown_note(texts: list[str]) -> str:
    """'{frist_name} is not a merge field (did you mean {first_name}?): it prints as typed.'"""
    unknown: list[str] = []
    for text in texts:
        unknown += [name for name in check_template(text) if name not in unknown]
    if not unknown:
        return ""
    parts = []
    for name in unknown:
        close = difflib.get_close_matches(name.strip().lower(), list(FIELDS), n=1, cutoff=0.6)
        hint = _tr(" (did you mean {{{field}}}?)").format(field=close[0]) if close else ""
        parts.append("{" + name + "}" + hint)
    if len(parts) == 1:
        return _tr("{fields} is not a merge field: it prints as typed, braces and all.").format(
            fields=parts[0]
        )
    return _tr("{fields} are not merge fields: they print as typed, braces and all.").format(
        fields=", ".join(parts)
    )


class FieldHighlighter(QSyntaxHighlighter):
    """Merge fields in blue; fields that are not merge fields in red with a wavy underline."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._known = QTextCharFormat()
        self._known.setForeground(QColor(KNOWN_COLOUR))
        self._unknown = QTextCharFormat()
        self._unknown.setForeground(QColor(UNKNOWN_COLOUR))
        self._unknown.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._unknown.setUnderlineColor(QColor(UNKNOWN_COLOUR))

    def highlightBlock(self, text: str) -> None:
        for match in FIELD_PATTERN.finditer(text):
            name = match.group(1).strip().lower().replace(" ", "_").replace("-", "_")
            style = self._known if name in FIELDS else self._unknown
            self.setFormat(match.start(), match.end() - match.start(), style)
