"""The wheel ships ui/ and resources/, and an installed (non-editable) copy finds them."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import json, oneonone_desktop
from oneonone_desktop import resources
print(json.dumps({
    "package": oneonone_desktop.__file__,
    "resources": str(resources.resource_path()),
    "ui": str(resources.ui_path()),
    "resources_exist": resources.resource_path("README.md").is_file(),
    "ui_exist": resources.ui_path("README.md").is_file(),
}))
"""


def shipped_files(folder: str) -> list[str]:
    """Files of a top-level folder, as they must appear inside the wheel."""
    base = ROOT / folder
    return sorted(
        f"oneonone_desktop/_data/{folder}/{path.relative_to(base).as_posix()}"
        for path in base.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def build_wheel(out: Path) -> Path:
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)]
    if importlib.util.find_spec("hatchling") is not None:
        command.insert(4, "--no-isolation")  # works offline when the backend is installed
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = out.glob("oneonone_desktop-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    expected = shipped_files("resources") + shipped_files("ui")
    return build_wheel(tmp_path_factory.mktemp("dist")), expected


@pytest.mark.slow
def test_the_wheel_carries_every_file_of_resources_and_ui(wheel):
    path, expected = wheel
    names = set(zipfile.ZipFile(path).namelist())
    assert "oneonone_desktop/_data/resources/README.md" in names
    assert "oneonone_desktop/_data/ui/README.md" in names
    assert [name for name in expected if name not in names] == []
    assert not any(name.startswith(("tests/", "bench/", ".venv/")) for name in names)


@pytest.mark.slow
def test_the_wheel_declares_the_oneonone_command(wheel):
    path, _ = wheel
    with zipfile.ZipFile(path) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "oneonone = oneonone_desktop.cli:main" in text


@pytest.mark.slow
def test_an_installed_copy_finds_its_resources_and_runs_its_command_line(wheel, tmp_path):
    path, _ = wheel
    target = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet"]
    install = subprocess.run(
        [*pip, "--target", str(target), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    found = json.loads(probe.stdout)
    for key in ("package", "resources", "ui"):
        assert Path(found[key]).resolve().is_relative_to(target.resolve()), (key, found[key])
    assert found["resources_exist"] and found["ui_exist"]
    help_text = subprocess.run(
        [sys.executable, "-m", "oneonone_desktop", "--help"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert help_text.returncode == 0, help_text.stderr[-3000:]
    assert "demo" in help_text.stdout and "import" in help_text.stdout
