"""The first-run welcome: the organizer's name and chapter, or demo data to look around."""

from __future__ import annotations

import json

from peewee import SqliteDatabase
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QProgressDialog, QPushButton, QVBoxLayout, QWidget

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.store.models import OrganizerProfile, Setting, Supporter, db
from oneonone_desktop.views import messages
from oneonone_desktop.views.forms import child, load_form

WELCOME_KEY = "welcome_done"
DEMO_PEOPLE = 300


def needs_welcome() -> bool:
    """True on a first run: never welcomed, nobody in the list and no organizer name."""
    if Setting.get_or_none(Setting.key == WELCOME_KEY) is not None:
        return False
    if Supporter.select().exists():
        return False
    profile = OrganizerProfile.select().first()
    return profile is None or not (profile.name or profile.chapter)


def mark_welcomed() -> None:
    Setting.insert(key=WELCOME_KEY, value=json.dumps(True)).on_conflict_replace().execute()


class WelcomeDialog(QDialog):
    """Ask who the organizer is; `demo_loaded` tells whether demo data was added instead."""

    def __init__(self, database: SqliteDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome"))
        self.database = database
        self.demo_loaded = False
        self.form = load_form("welcome", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.name = child(self.form, QLineEdit, "nameEdit")
        self.chapter = child(self.form, QLineEdit, "chapterEdit")
        self.start_button = child(self.form, QPushButton, "startButton")
        self.demo_button = child(self.form, QPushButton, "demoButton")
        self.start_button.clicked.connect(self.start)
        self.demo_button.clicked.connect(self.load_demo)
        profile = OrganizerProfile.select().first()
        if profile is not None:
            self.name.setText(profile.name)
            self.chapter.setText(profile.chapter)
        self.setMinimumWidth(520)
        self.name.setFocus()

    def start(self) -> None:
        with db.atomic():
            OrganizerProfile.update(
                name=self.name.text().strip()[:200], chapter=self.chapter.text().strip()[:200]
            ).execute()
            mark_welcomed()
        self.accept()

    def load_demo(self) -> None:
        try:
            from oneonone_desktop.services import demo
        except ImportError:
            messages.error(
                self, APP_DISPLAY_NAME, self.tr("Demo data is not available in this version.")
            )
            return
        progress = QProgressDialog(self.tr("Making up demo supporters…"), "", 0, DEMO_PEOPLE, self)
        progress.setWindowTitle(self.tr("Demo data"))
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setValue(0)
        QCoreApplication.processEvents()

        def step(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)

        try:
            demo.generate(self.database, people=DEMO_PEOPLE, seed=1, progress=step)
        except demo.DemoRefused as exc:
            progress.close()
            messages.error(self, APP_DISPLAY_NAME, exc.message)
            return
        progress.close()
        name, chapter = self.name.text().strip(), self.chapter.text().strip()
        with db.atomic():
            if name or chapter:
                OrganizerProfile.update(name=name[:200], chapter=chapter[:200]).execute()
            mark_welcomed()
        self.demo_loaded = True
        self.accept()


def run_welcome(database: SqliteDatabase, parent: QWidget | None = None) -> bool:
    """Show the welcome; False when the organizer closed it (the app then quits)."""
    dialog = WelcomeDialog(database, parent)
    return bool(dialog.exec())
