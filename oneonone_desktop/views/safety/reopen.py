"""Reopen the data: the window hides, the event loop ends with app.REOPEN_EXIT, the app closes
the data, runs the pending job (a restore, a passphrase change) and builds a new window.

Jobs run only once nothing can touch the data: no window, no timer, the data file closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget

_PENDING: list[Callable[[], None]] = []


def reopen(window: QWidget, job: Callable[[], None] | None = None) -> None:
    """Close the window's data and build it again; `job` runs in between."""
    from oneonone_desktop.app import REOPEN_EXIT

    if job is not None:
        _PENDING.append(job)
    window.hide()
    QApplication.exit(REOPEN_EXIT)


def run_pending() -> None:
    """Run the jobs asked for (the app calls this with the data closed)."""
    while _PENDING:
        _PENDING.pop(0)()
