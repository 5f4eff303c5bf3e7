"""Cold start with 100,000 people against a bare PySide6 window, and the app's peak memory.

Each start is a new process: `python main.py --data-dir D --quit-after-startup` (exits once the
supporter list has painted) against a script that shows an empty QMainWindow and quits after its
first paint. Median of 5 of each, taken in turns so that machine load hits both alike. Peak
resident memory (RSS) comes from the kernel's accounting of each finished process. Each is timed
from just before it starts to its exit by a small launcher process (see LAUNCHER).
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_demo import ROOT, demo_folder, people

RUNS = 5
TARGET_RATIO = 1.3
TARGET_RSS_MB = 150.0
TIMEOUT_SECONDS = 120.0
BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv[:1])
window = Window()
window.resize(1100, 720)
window.show()
sys.exit(app.exec())
"""


# Runs the command and reports its time and peak memory. A small launcher is needed: a child's
# peak RSS counts the memory of the process that forked it, and this benchmark process is big.
LAUNCHER = """
import json, os, subprocess, sys, time
report, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
took = time.perf_counter() - started
with open(report, "w") as out:
    json.dump({"code": os.waitstatus_to_exitcode(status), "ms": took * 1000,
               "kib": usage.ru_maxrss}, out)
"""


class StartFailed(Exception):
    pass


def timed_run(command: list[str]) -> tuple[float, float]:
    """(milliseconds until the process exited, its peak resident memory in MiB)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        errors = Path(folder) / "errors.txt"
        with errors.open("wb") as stderr:
            launcher = subprocess.Popen(
                [sys.executable, "-c", LAUNCHER, str(report), *command],
                cwd=ROOT,
                env=env,
                stderr=stderr,
                start_new_session=True,
            )
            try:
                launcher.wait(timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(launcher.pid, signal.SIGKILL)
                launcher.wait()
                raise StartFailed(f"still running after {TIMEOUT_SECONDS:.0f} s") from None
        if not report.exists():
            raise StartFailed("the launcher failed")
        result = json.loads(report.read_text())
        if result["code"] != 0:
            last = errors.read_text(errors="replace").strip().splitlines()[-1:] or ["?"]
            raise StartFailed(f"exit code {result['code']}: {last[0][:200]}")
    return float(result["ms"]), result["kib"] / 1024  # Linux reports KiB


def bench_startup() -> list[dict[str, object]]:
    count = people()
    start_name = f"cold start with {count:,} people ÷ bare window"
    memory_name = f"peak resident memory with {count:,} people"
    if not hasattr(os, "wait4") or not hasattr(os, "killpg"):
        reason = "needs os.wait4 and os.killpg (Linux or macOS)"
        return [
            {"name": start_name, "ratio": None, "target_ratio": TARGET_RATIO, "details": reason},
            {"name": memory_name, "rss_mb": None, "target_rss_mb": TARGET_RSS_MB},
        ]
    folder = demo_folder(count)
    app = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(folder)]
    app.append("--quit-after-startup")
    bare = [sys.executable, "-c", BARE_WINDOW]
    try:
        timed_run(app)  # once to warm the disk cache and make the settings file
        timed_run(bare)
        app_runs, bare_runs = [], []
        for _ in range(RUNS):
            app_runs.append(timed_run(app))
            bare_runs.append(timed_run(bare))
    except StartFailed as exc:
        reason = f"--quit-after-startup not available ({exc})"
        return [
            {"name": start_name, "ratio": None, "target_ratio": TARGET_RATIO, "details": reason},
            {"name": memory_name, "rss_mb": None, "target_rss_mb": TARGET_RSS_MB},
        ]
    app_ms = statistics.median(ms for ms, _ in app_runs)
    bare_ms = statistics.median(ms for ms, _ in bare_runs)
    return [
        {
            "name": start_name,
            "ratio": app_ms / bare_ms,
            "target_ratio": TARGET_RATIO,
            "app_ms": app_ms,
            "bare_window_ms": bare_ms,
            "details": f"median of {RUNS} new processes each, offscreen unless a display is set",
        },
        {
            "name": memory_name,
            "rss_mb": max(mb for _, mb in app_runs),
            "target_rss_mb": TARGET_RSS_MB,
            "bare_window_mb": max(mb for _, mb in bare_runs),
            "details": "highest peak RSS over the runs, until the list has painted",
        },
    ]
