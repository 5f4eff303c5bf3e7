"""Find files shipped in `resources/` and `ui/`, from a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _root(name: str) -> Path:
    # An installed wheel carries the folders inside the package (see pyproject force-include);
    # a checkout or an editable install has them beside the package.
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return _root("resources").joinpath(*parts)


def ui_path(*parts: str) -> Path:
    """Path of a Qt Designer form under `ui/`."""
    return _root("ui").joinpath(*parts)


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")
