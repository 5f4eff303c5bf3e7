"""The app's look: the style sheet from resources/app.qss, and a sensible locale for dates."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from oneonone_desktop.resources import resource_path


def apply_look(app: QApplication) -> None:
    """Style the whole app (once) and avoid the bare "C" locale's odd date formats."""
    if QLocale.system().language() == QLocale.Language.C:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Link, QColor("#1d5fa8"))
    app.setPalette(palette)
    qss = resource_path("app.qss")
    if qss.is_file() and not app.styleSheet():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
