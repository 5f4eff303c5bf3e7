"""Exports are written atomically: the old file or the new one, never half of either."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oneonone_desktop.io.atomic import atomic_write_bytes, atomic_write_text


def test_atomic_write_creates_then_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    atomic_write_bytes(target, b"first")
    atomic_write_text(target, "sécond\r\n", encoding="utf-8")
    assert target.read_bytes() == "sécond\r\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]


def test_failed_rename_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "people.csv"
    target.write_text("old")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]


def test_writing_into_a_missing_folder_raises_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        atomic_write_bytes(tmp_path / "nowhere" / "people.vcf", b"x")
    assert not (tmp_path / "nowhere").exists()
