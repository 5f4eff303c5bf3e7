#!/usr/bin/env python3
"""Set up and use a development copy with one command, on Linux, macOS and Windows.

    python3 scripts/dev.py run [app options]   set up .venv the first time, then start the app
    python3 scripts/dev.py test [pytest args]  set up .venv the first time, then run all tests
    python3 scripts/dev.py lint                ruff (lint + format check) and mypy
    python3 scripts/dev.py screenshots         regenerate docs/screenshots/*.png

Only the Python standard library is used here, so a fresh machine needs nothing but python3.
On Debian/Ubuntu, missing system libraries that Qt needs are installed with apt-get when run
as root (or named, with the command to install them, otherwise).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("ONEONONE_VENV", ROOT / ".venv"))
STAMP = VENV / ".oneonone-installed"
WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if WINDOWS else "bin")
PYTHON = BIN / ("python.exe" if WINDOWS else "python")

# Debian package names of the libraries Qt's offscreen and xcb platforms load.
QT_LIBS_HEADLESS = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libdbus-1-3",
    "fonts-dejavu-core",
]
QT_LIBS_XCB = [
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-randr0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
]


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(cmd: list[str | os.PathLike[str]], **kwargs: object) -> int:
    return subprocess.call([str(c) for c in cmd], **kwargs)  # type: ignore[arg-type]


def apt_install(packages: list[str]) -> bool:
    if not sys.platform.startswith("linux") or not shutil.which("apt-get"):
        return False
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        if not shutil.which("sudo"):
            return False
        prefix = ["sudo", "-n"]
    say("installing system packages: " + " ".join(packages))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run([*prefix, "apt-get", "update", "-qq"], env=env)
    return run([*prefix, "apt-get", "install", "-y", "-qq", *packages], env=env) == 0


def ensure_venv() -> None:
    if PYTHON.exists():
        return
    say(f"creating a virtual environment in {VENV}")
    try:
        venv.create(VENV, with_pip=True)
    except (subprocess.CalledProcessError, OSError):
        shutil.rmtree(VENV, ignore_errors=True)
        minor = f"python3.{sys.version_info.minor}-venv"
        if not (apt_install([minor]) or apt_install(["python3-venv"])):
            sys.exit("[dev] Python's venv module is missing: install python3-venv, then retry.")
        venv.create(VENV, with_pip=True)


def ensure_installed() -> None:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    say("installing the app and its test tools into the virtual environment")
    pip = [PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if run([*pip, "--upgrade", "pip"]) != 0 or run([*pip, "-e", f"{ROOT}[test,dev]"]) != 0:
        sys.exit("[dev] installing the Python packages failed (see above).")
    STAMP.write_text(digest)


QT_PROBE = (
    "import os; os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen');"
    "from PySide6.QtWidgets import QApplication; QApplication([])"
)


def ensure_qt_libraries(with_screen: bool) -> None:
    """Install what Qt needs from the system, when it is missing (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    env = dict(os.environ)
    if not with_screen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    probe = subprocess.run([str(PYTHON), "-c", QT_PROBE], env=env, capture_output=True)
    if probe.returncode == 0:
        return
    packages = QT_LIBS_HEADLESS + (QT_LIBS_XCB if with_screen else [])
    if not apt_install(packages):
        sys.exit(
            "[dev] Qt cannot start: system libraries are missing. Install them with:\n"
            "  sudo apt-get install " + " ".join(packages)
        )


def setup(with_screen: bool) -> None:
    ensure_venv()
    ensure_installed()
    ensure_qt_libraries(with_screen)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "lint", "screenshots", "setup"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    os.chdir(ROOT)
    if command == "run":
        setup(with_screen=True)
        return run([PYTHON, ROOT / "main.py", *rest])
    setup(with_screen=False)
    if command == "test":
        return run([PYTHON, "-m", "pytest", *rest])
    if command == "lint":
        status = run([PYTHON, "-m", "ruff", "check", "."])
        status |= run([PYTHON, "-m", "ruff", "format", "--check", "."])
        status |= run([PYTHON, "-m", "mypy"])
        return status
    if command == "screenshots":
        return run(
            [PYTHON, ROOT / "scripts" / "screenshots.py", "--out", "docs/screenshots", *rest]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
