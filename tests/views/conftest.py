"""Fixtures for the GUI tests: people in the database, and a main window on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from peewee import SqliteDatabase
from PySide6.QtCore import QSettings

from oneonone_desktop.services import search_index
from oneonone_desktop.services import supporters as svc
from oneonone_desktop.services.supporters import SupporterData
from oneonone_desktop.views import messages


@pytest.fixture
def add_person(database: SqliteDatabase) -> Callable[..., int]:
    """add_person("Ana", "García", emails=[...], ...) -> id, through the real service."""

    def add(first: str, last: str = "", **fields: object) -> int:
        return svc.create_supporter(SupporterData(first_name=first, last_name=last, **fields)).id

    return add


@pytest.fixture
def many_people(database: SqliteDatabase) -> Callable[[int], None]:
    """many_people(n): n plain people "Person 00001".. in one raw insert, indexed for search."""

    def make(n: int) -> None:
        rows = [(f"Person{i:05d}", f"Family{i % 97:02d}", "2024-01-01 00:00:00") for i in range(n)]
        with database.atomic():
            database.cursor().executemany(
                "INSERT INTO supporter (first_name, last_name, preferred_name, pronouns, language,"
                " street, street2, city, region, postal_code, country, how_met, background,"
                " thank_you_preference, created_at, updated_at) VALUES"
                " (?, ?, '', '', '', '', '', '', '', '', '', '', '', '', ?, ?)",
                [(first, last, when, when) for first, last, when in rows],
            )
            search_index.rebuild(database)

    return make


@pytest.fixture
def settings(data_dir: Path) -> QSettings:
    data_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes are recorded instead of shown; confirmations answer from `answers`."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "error", lambda parent, title, text: shown.append(("error", text))
    )
    monkeypatch.setattr(messages, "info", lambda parent, title, text: shown.append(("info", text)))
    return shown


@pytest.fixture
def window(qtbot, database: SqliteDatabase, settings: QSettings, data_dir: Path) -> Iterator:
    from oneonone_desktop.views.main_window import MainWindow

    win = MainWindow(database, settings, data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.supporters.table.has_painted)
    yield win
    win.close()
