"""Load Qt Designer forms from ui/ (one way, everywhere): at run time with QUiLoader, lazily."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtWidgets import QWidget

from oneonone_desktop.resources import ui_path

W = TypeVar("W", bound=QWidget)


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget described by `ui/<name>.ui` (loaded when called, never at import)."""
    from PySide6.QtUiTools import QUiLoader

    path = ui_path(f"{name}.ui")
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"The form {path} is missing from the installation.")
    try:
        loader = QUiLoader()
        widget = loader.load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"The form {path} could not be read: {loader.errorString()}")
    return widget


def child(form: QWidget, kind: type[W], name: str) -> W:
    """The child widget `name` of a loaded form; a clear error if the form lacks it."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"The form has no {kind.__name__} named '{name}'.")
    return found
