"""Test set-up: Qt offscreen, and a fresh temporary data folder and database for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from peewee import SqliteDatabase

from oneonone_desktop.paths import DATA_DIR_ENV, backup_dir, database_path
from oneonone_desktop.store.connection import close_database, open_database


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nothing touches the real user's data."""
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def database(data_dir: Path) -> Iterator[SqliteDatabase]:
    """An open, migrated database in the test's data folder, bound to the models."""
    db = open_database(database_path(data_dir), backup_dir=backup_dir(data_dir))
    yield db
    close_database(db)
