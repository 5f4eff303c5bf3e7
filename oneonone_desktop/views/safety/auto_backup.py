"""Today's automatic backup, made off the GUI thread once the window is up (at most once a day).

Signals: finished(str): an empty string when all went well (or none was due), else a plain
message, which the window shows in its status bar.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.store import crypto


class AutoBackup(QObject):
    finished = Signal(str)

    def __init__(self, folder: Path, window: QWidget) -> None:
        super().__init__(window)
        self._folder = folder
        self._window = window
        self._thread: threading.Thread | None = None
        self.finished.connect(self._report)

    def start(self) -> None:
        """Begin (once); the copy uses its own read-only connection."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="daily-backup", daemon=True)
        self._thread.start()

    def wait(self, seconds: float = 120.0) -> None:
        """Let a copy in progress finish before the data is closed."""
        if self._thread is not None:
            self._thread.join(seconds)

    def _run(self) -> None:
        from oneonone_desktop.store.backups import automatic_backup

        path = database_path(self._folder)
        try:
            automatic_backup(path, backup_dir(self._folder), crypto.passphrase_for(path))
        except Exception as exc:  # a backup must never take the app down; say it instead
            self.finished.emit(
                self.tr("Today's backup could not be made ({problem}).").format(
                    problem=getattr(exc, "strerror", None) or type(exc).__name__
                )
            )
            return
        self.finished.emit("")

    def _report(self, message: str) -> None:
        if message and hasattr(self._window, "show_notice"):
            self._window.show_notice(message)
