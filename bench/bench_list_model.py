"""Search-as-you-type through the GUI's table model at 100,000 people (target: 10 ms a key).

One keystroke = `SupporterTableModel.set_filter` with the text typed so far: the model reset
plus the first page of rows read in SQL, i.e. what happens before the list repaints. The
status bar's "N of M shown" count runs after typing pauses, so it is timed on its own.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PEOPLE_ENV = "ONEONONE_BENCH_PEOPLE"
TARGET_MS = 10.0
TYPED = ("maria garcia", "nguyen", "okafor", "sam", "jose", "555-0142", "huddle", "chloé")
PASSES = 3


def _people() -> int:
    return int(os.environ.get(PEOPLE_ENV, "100000"))


def _data_folder(tmpdir: Path, people: int) -> Path:
    """A data folder with `people` demo supporters: the run's shared one, or made here."""
    try:
        from bench_demo import demo_folder  # the shared folder of bench/run.py, made once

        return Path(demo_folder(people))
    except ImportError:
        pass
    from oneonone_desktop.paths import database_path
    from oneonone_desktop.services import demo
    from oneonone_desktop.store.connection import close_database, open_database

    folder = Path(tmpdir) / "data"
    database = open_database(database_path(folder))
    try:
        demo.generate(database, people=people, seed=1)
    finally:
        close_database(database)
    return folder


def bench_list_model(tmpdir: Path) -> dict[str, object]:
    import os

    from PySide6.QtWidgets import QApplication

    from oneonone_desktop.paths import database_path
    from oneonone_desktop.services.supporter_list import SupporterFilter
    from oneonone_desktop.store.connection import close_database, open_database
    from oneonone_desktop.views.supporter_model import SupporterTableModel

    # A widgets application (not a bare core one): later benchmarks in the same run paint widgets.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    people = _people()
    database = open_database(database_path(_data_folder(tmpdir, people)))
    try:
        model = SupporterTableModel(database)
        model.set_filter(SupporterFilter())
        prefixes = [text[:n] for text in TYPED for n in range(1, len(text) + 1)]
        for prefix in prefixes:  # warm the page cache, as a running app would be
            model.set_filter(SupporterFilter(search=prefix))
        keys: list[float] = []
        counts: list[float] = []
        slowest = ("", 0.0)
        for _ in range(PASSES):
            for prefix in prefixes:
                started = time.perf_counter()
                model.set_filter(SupporterFilter(search=prefix))
                model.rowCount()
                took = (time.perf_counter() - started) * 1000
                keys.append(took)
                if took > slowest[1]:
                    slowest = (prefix, took)
                started = time.perf_counter()
                model.total()
                counts.append((time.perf_counter() - started) * 1000)
        keys_sorted = sorted(keys)
        p95 = keys_sorted[int(len(keys_sorted) * 0.95) - 1]
        return {
            "name": f"list model: search per keystroke at {people:,} people",
            "ms": statistics.median(keys),
            "target_ms": TARGET_MS,
            "details": (
                f"median of {len(keys)} keystrokes (set_filter + first page of rows); "
                f"95th percentile {p95:.1f} ms; slowest '{slowest[0]}' {slowest[1]:.1f} ms; "
                f"the deferred match count: median {statistics.median(counts):.1f} ms, "
                f"max {max(counts):.1f} ms"
            ),
        }
    finally:
        close_database(database)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = bench_list_model(Path(folder))
    print(f"{result['name']}: {result['ms']:.2f} ms (target {TARGET_MS} ms)")
    print(result["details"])
