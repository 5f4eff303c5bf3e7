"""Shared helpers for the import/export tests: sample files and a snapshot of every table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from peewee import SqliteDatabase

DATA = Path(__file__).parent / "data"


@pytest.fixture
def sample() -> Callable[[str], Path]:
    """Path of a file in tests/io/data."""

    def find(name: str) -> Path:
        path = DATA / name
        assert path.is_file(), path
        return path

    return find


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) to a file in the test's folder and return its path."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return write


@pytest.fixture
def snapshot(database: SqliteDatabase) -> Callable[[], dict[str, list[tuple[object, ...]]]]:
    """Every row of every table (search index included), to prove nothing changed."""

    def take() -> dict[str, list[tuple[object, ...]]]:
        names = [
            row[0]
            for row in database.execute_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'supporter_fts_%' ORDER BY name"
            )
        ]
        return {
            name: database.execute_sql(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
            for name in names
        }

    return take
