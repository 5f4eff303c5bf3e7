"""`oneonone demo --people 100000` as a user runs it (a new process), against its 20 s target.

Also gives the other benchmarks their demo data folder (`demo_folder`), made once per run.
"""

from __future__ import annotations

import atexit
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE_ENV = "ONEONONE_BENCH_PEOPLE"
TARGET_SECONDS_PER_100K = 20.0
_FOLDERS: dict[int, Path] = {}


def people() -> int:
    return int(os.environ.get(PEOPLE_ENV, "100000"))


def _new_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="oneonone-bench-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder / "data"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_demo_command(data_dir: Path, count: int) -> tuple[float, float]:
    """(seconds, CPU seconds) taken by `python -m oneonone_desktop --data-dir D demo --people N`.

    The CPU time tells how much of the wall-clock time was the command's own work when other
    programs share the machine.
    """
    command = [sys.executable, "-m", "oneonone_desktop", "--data-dir", str(data_dir)]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "demo", "--people", str(count)], cwd=ROOT, capture_output=True, text=True
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"demo command failed: {done.stderr.strip()[-500:]}")
    return took, _children_cpu() - cpu_before


def demo_folder(count: int | None = None) -> Path:
    """A data folder holding `count` demo people (default: the run's size), made once."""
    count = count or people()
    if count not in _FOLDERS:
        folder = _new_folder()
        run_demo_command(folder, count)
        _FOLDERS[count] = folder
    return _FOLDERS[count]


def bench_demo() -> dict[str, object]:
    count = people()
    folder = _new_folder()
    seconds, cpu_seconds = run_demo_command(folder, count)
    _FOLDERS.setdefault(count, folder)
    return {
        "name": f"demo --people {count:,}",
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "target_seconds": TARGET_SECONDS_PER_100K * count / 100_000,
        "details": "the whole command in a new process: start, generate, index, commit",
    }
