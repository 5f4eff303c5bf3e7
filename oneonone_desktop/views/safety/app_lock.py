"""The app lock: after some minutes without use, the window's contents are taken away and
replaced by a passphrase prompt; the right passphrase brings them back.

Only data locked with a passphrase can be locked (the passphrase is what unlocks it).
Signals: locked(), unlocked().
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.store import crypto
from oneonone_desktop.views.icons import icon

SETTING = "safety/lock_minutes"
DEFAULT_MINUTES = 15
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def lock_minutes(settings: Any) -> int:
    """Minutes without use before the app locks (0: never)."""
    try:
        return max(0, int(settings.value(SETTING, DEFAULT_MINUTES)))
    except (TypeError, ValueError):
        return DEFAULT_MINUTES


class LockScreen(QWidget):
    """What the window shows while locked: nothing of the data, only the prompt."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.setObjectName("lockScreen")
        self.path = path
        picture = QLabel()
        picture.setPixmap(icon("lock").pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("The app is locked"))
        title.setObjectName("lockTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr("Type your passphrase to see your data again."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = QLineEdit()
        self.field.setObjectName("unlockField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Passphrase"))
        self.field.setFixedWidth(320)
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self.tr("Unlock"))
        self.button.setObjectName("unlockButton")
        self.button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (picture, title, text, self.field, self.problem, self.button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class AppLock(QObject):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: Any, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self._content: QWidget | None = None
        self._hidden: list[QWidget] = []
        self._screen: LockScreen | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.apply_setting()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def apply_setting(self) -> None:
        minutes = lock_minutes(self.window.settings)
        if minutes and crypto.is_encrypted(self.path):
            self.timer.setInterval(minutes * 60_000)
            self.timer.start()
        else:
            self.timer.stop()

    def is_locked(self) -> bool:
        return self._content is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.is_locked() and self.timer.isActive():
            self.timer.start()
        return False

    def lock(self) -> None:
        """Take the data off the screen now (only when the data has a passphrase)."""
        if self.is_locked() or not crypto.is_encrypted(self.path):
            return
        self.timer.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                widget.hide()
                self._hidden.append(widget)
        self._content = self.window.takeCentralWidget()
        self._screen = LockScreen(self.path)
        self._screen.button.clicked.connect(self.try_unlock)
        self._screen.field.returnPressed.connect(self.try_unlock)
        self.window.setCentralWidget(self._screen)
        self.window.menuBar().setEnabled(False)
        self.window.statusBar().hide()
        self._screen.field.setFocus()
        self.locked.emit()

    def try_unlock(self) -> None:
        screen = self._screen
        if screen is None:
            return
        try:
            crypto.check_passphrase(self.path, screen.field.text())
        except crypto.WrongPassphrase:
            screen.field.clear()
            screen.problem.setText(self.tr("That passphrase does not open your data."))
            return
        self.unlock()

    def unlock(self) -> None:
        if self._content is None:
            return
        self.window.takeCentralWidget()
        if self._screen is not None:
            self._screen.deleteLater()
            self._screen = None
        self.window.setCentralWidget(self._content)
        self._content = None
        self.window.menuBar().setEnabled(True)
        self.window.statusBar().show()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.apply_setting()
        self.unlocked.emit()
