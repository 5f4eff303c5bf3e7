"""The app's own line icons (resources/icons/*.svg), loaded once each."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from oneonone_desktop.resources import resource_path

_cache: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg` (an empty icon if the file is missing)."""
    found = _cache.get(name)
    if found is None:
        found = QIcon(str(resource_path("icons", f"{name}.svg")))
        _cache[name] = found
    return found
