"""The GUI front door: one instance per data folder, open the store, welcome, then the window."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from oneonone_desktop import APP_DISPLAY_NAME, APP_NAME, __version__
from oneonone_desktop.paths import LOCK_NAME, backup_dir, database_path, resolve_data_dir

EXIT_OK = 0
EXIT_PROBLEM = 2
REOPEN_EXIT = 75  # the window asks to be built again on freshly opened data (after a restore)
SETTINGS_NAME = "settings.ini"
ERROR_LOG_NAME = "errors.log"


def main() -> int:
    """Entry point of the `oneonone-gui` script: the same command line as `oneonone`."""
    from oneonone_desktop.cli import main as cli_main

    return cli_main()


def run_gui(data_dir: str | None, quit_after_startup: bool) -> int:
    """Open the app's window on the data folder; returns the exit code (2 on a known problem).

    With `quit_after_startup`, exit 0 as soon as the supporter list has painted (a check that
    the whole start-up path works), skipping the first-run welcome.
    """
    if _no_screen():
        print(
            "oneonone: no screen to open the window on (DISPLAY and WAYLAND_DISPLAY are not "
            "set). Run it from your desktop, or use the commands: oneonone --help",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    from PySide6.QtCore import QLockFile, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from oneonone_desktop.store import crypto
    from oneonone_desktop.store.connection import close_database, open_database
    from oneonone_desktop.store.errors import StoreError
    from oneonone_desktop.views import messages
    from oneonone_desktop.views.icons import icon
    from oneonone_desktop.views.look import apply_look

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    apply_look(app)

    folder = resolve_data_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        messages.error(
            None,
            APP_DISPLAY_NAME,
            f"The data folder {folder} cannot be created ({exc.strerror}). "
            "Choose another folder with --data-dir, or check that the disk is writable.",
        )
        return EXIT_PROBLEM

    lock = QLockFile(str(folder / LOCK_NAME))
    lock.setStaleLockTime(0)  # only a lock whose process has gone is stale
    if not lock.tryLock(200):
        messages.error(
            None,
            APP_DISPLAY_NAME,
            f"The app is already open with this data folder ({folder}). "
            "Switch to its window, or close it and start again.",
        )
        return EXIT_PROBLEM

    previous_hook = sys.excepthook
    try:
        code = REOPEN_EXIT
        first = True
        while code == REOPEN_EXIT:  # a restore or a new passphrase reopens the data
            passphrase = crypto.passphrase_for(database_path(folder))
            if passphrase is None and crypto.is_encrypted(database_path(folder)):
                from oneonone_desktop.views.safety.passphrase import ask_passphrase

                passphrase = ask_passphrase(None, database_path(folder))
                if passphrase is None:
                    return EXIT_OK
            try:
                # The whole-file check runs after the first paint (~0.4 s at 100,000 people).
                database = open_database(
                    database_path(folder),
                    backup_dir=backup_dir(folder),
                    check_integrity=False,
                    passphrase=passphrase,
                )
            except StoreError as exc:
                messages.error(None, APP_DISPLAY_NAME, exc.message)
                return EXIT_PROBLEM
            sys.excepthook = _make_excepthook(folder, database)
            try:
                settings = QSettings(str(folder / SETTINGS_NAME), QSettings.Format.IniFormat)
                if first and not quit_after_startup:
                    from oneonone_desktop.views.welcome import needs_welcome, run_welcome

                    if needs_welcome() and not run_welcome(database):
                        return EXIT_OK
                first = False
                from oneonone_desktop.views.main_window import MainWindow

                window = MainWindow(database, settings, folder)
                if quit_after_startup:
                    window.listPainted.connect(lambda: QTimer.singleShot(0, lambda: app.exit(0)))
                else:
                    from oneonone_desktop.views.integrity import IntegrityCheck
                    from oneonone_desktop.views.safety.auto_backup import AutoBackup

                    checker = IntegrityCheck(database_path(folder), window)
                    window.listPainted.connect(checker.start)
                    daily = AutoBackup(folder, window)
                    window.listPainted.connect(daily.start)
                window.show()
                code = int(app.exec())
                if not quit_after_startup:
                    daily.wait()
                window.save_state()
                window.close()
                window.deleteLater()
            finally:
                close_database(database)
            if code == REOPEN_EXIT:  # a restore or a passphrase change, with the data closed
                from oneonone_desktop.views.safety.reopen import run_pending

                run_pending()
        return code
    finally:
        sys.excepthook = previous_hook
        lock.unlock()


def _no_screen() -> bool:
    """True on Linux/BSD with no display server and no Qt platform chosen (Qt would abort)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return False
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _make_excepthook(
    folder: Path, database: Any
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """A hook that keeps the data safe and tells the user in plain words, never a traceback."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        try:
            if database.in_transaction():
                database.rollback()
        except Exception:
            pass
        log = folder / ERROR_LOG_NAME
        try:
            with log.open("a", encoding="utf-8") as out:
                # The frames and the kind of error only: its message could hold personal data.
                frames = "".join(traceback.format_tb(tb))
                out.write(f"{kind.__module__}.{kind.__qualname__}\n{frames}\n")
        except OSError:
            log = Path("(not written)")
        if showing:
            return
        showing = True
        try:
            from oneonone_desktop.views import messages

            messages.error(
                None,
                APP_DISPLAY_NAME,
                "Something went wrong inside the app, and that step was not finished. "
                "Everything you saved before is safe. If it happens again, please send the "
                f"file {log} to the people who make the app.",
            )
        finally:
            showing = False

    return hook
