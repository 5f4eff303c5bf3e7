"""Building blocks of the dashboard: framed cards and the key-figure tiles, styled from the
palette so they follow light and dark themes; days written short."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

STYLE = """
#reportCard, #reportTile { background: palette(base); border: 1px solid palette(mid);
  border-radius: 6px; }
#tileValue { font-size: 19pt; font-weight: 600; }
#cardTitle { font-weight: 600; }
#reportCard QListWidget { border: none; background: palette(base); }
#reportCard QListWidget::item { padding: 2px 0; }
"""


def card(
    title: str, body: QWidget | None = None, stretch: int = 1
) -> tuple[QFrame, QVBoxLayout, QHBoxLayout]:
    """A framed card: its title row (for extra controls) above its body."""
    frame = QFrame()
    frame.setObjectName("reportCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 10, 12, 10)
    layout.setSpacing(6)
    head = QHBoxLayout()
    label = QLabel(title)
    label.setObjectName("cardTitle")
    head.addWidget(label)
    head.addStretch(1)
    layout.addLayout(head)
    if body is not None:
        layout.addWidget(body, stretch)
    return frame, layout, head


class Tile(QFrame):
    """One key figure: the number, what it counts, and a line of detail."""

    def __init__(self, caption: str, tip: str) -> None:
        super().__init__()
        self.setObjectName("reportTile")
        self.setToolTip(tip)
        self.value = QLabel("–")
        self.value.setObjectName("tileValue")
        self.caption = QLabel(caption)
        self.detail = QLabel()
        self.detail.setObjectName("tileDetail")
        self.detail.setWordWrap(True)
        self.detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(1)
        for label in (self.value, self.caption, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)

    def show_figure(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setAccessibleName(f"{self.caption.text()}: {value}. {detail}")


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def short_day(day: dt.date | None, today: dt.date | None = None) -> str:
    """A day as "3 Mar", with the year when it is not this year's."""
    if day is None:
        return ""
    same_year = day.year == (today or dt.date.today()).year
    return QLocale().toString(qdate(day), "d MMM" if same_year else "d MMM yyyy")
