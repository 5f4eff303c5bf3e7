"""Check the data file for damage in the background once the window is up, and say so plainly.

Signals: `finished(str)` with the problem's message, or an empty string when the file is sound.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from oneonone_desktop.store.connection import integrity_problem


class IntegrityCheck(QObject):
    finished = Signal(str)

    def __init__(self, path: Path, window: QWidget) -> None:
        super().__init__(window)
        self._path = path
        self._window = window
        self._started = False
        self.finished.connect(self._report)

    def start(self) -> None:
        """Run SQLite's quick_check on its own connection, off the GUI thread (once)."""
        if self._started:
            return
        self._started = True
        threading.Thread(target=self._run, name="integrity-check", daemon=True).start()

    def _run(self) -> None:
        problem = integrity_problem(self._path)
        self.finished.emit(problem.message if problem else "")

    def _report(self, message: str) -> None:
        if not message:
            return
        from oneonone_desktop.views import messages

        messages.error(self._window, self.tr("Your data file needs attention"), message)
