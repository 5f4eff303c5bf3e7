"""The Calendar's month view with 10,000 tasks in the month: painting it (target ≤ 50 ms).

The grid paints from precomputed day summaries, so a paint never touches the database: the
figure is `MonthGrid.grab()` at 1280×800's grid size (median of RUNS). Also measured: a whole
refresh as the page does it on turning a month (day_summaries over the 42 days shown, the grid
set, the chosen day's items listed, then painted), and painting while something is dragged over
a day. Offscreen Qt; the data is bench_calendar's (10,000 tasks, 1,000 of them recurring).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

TARGET_MS = 50.0
RUNS = 15
GRID_SIZE = (680, 640)  # the grid beside the day list in a 1280×800 window


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _median_ms(work: Any, runs: int = RUNS) -> float:
    work()  # warm up (fonts, caches)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_month_view(folder: Path) -> dict[str, Any]:
    app = _app()
    from bench_calendar import MONTH, TASKS, TODAY, fill

    from oneonone_desktop.services import tasks
    from oneonone_desktop.store.connection import close_database, open_database
    from oneonone_desktop.views.calendar.item_actions import ItemActions
    from oneonone_desktop.views.calendar.month_view import MonthView, grid_start

    database = open_database(folder / "bench.sqlite3", backup_dir=folder / "backups")
    try:
        with database.atomic():
            fill(database, random.Random(7))
        first = grid_start(TODAY.year, TODAY.month)
        last = first + dt.timedelta(days=41)
        summaries = tasks.day_summaries(first, last, today=TODAY)
        in_month = sum(s.total for d, s in summaries.items() if MONTH[0] <= d <= MONTH[1])

        from PySide6.QtWidgets import QWidget

        holder = QWidget()
        actions = ItemActions(holder, lambda: TODAY, lambda _id: None)
        view = MonthView(actions)
        view.resize(1040, 640)
        view.show()
        app.processEvents()
        view.load(TODAY, set(tasks.ITEM_KINDS), TODAY)
        grid = view.grid
        grid.resize(*GRID_SIZE)
        app.processEvents()

        paint = _median_ms(grid.grab)
        busiest = max(summaries, key=lambda d: summaries[d].total)

        def refresh() -> None:
            view.load(busiest, set(tasks.ITEM_KINDS), TODAY)
            grid.grab()

        whole = _median_ms(refresh, 5)

        def dragging() -> None:
            grid._drop_day = busiest  # what a drag over a day shows
            grid.grab()

        drag = _median_ms(dragging)
        grid._drop_day = None
        data = _median_ms(lambda: tasks.day_summaries(first, last, today=TODAY), 5)
        view.close()
        holder.deleteLater()
        return {
            "name": f"month view painted, {TASKS:,} tasks",
            "ms": round(paint, 2),
            "target_ms": TARGET_MS,
            "refresh_ms": round(whole, 1),
            "summaries_ms": round(data, 1),
            "drag_over_ms": round(drag, 2),
            "details": (
                f"{in_month:,} items in {TODAY:%B %Y}; grid {GRID_SIZE[0]}×{GRID_SIZE[1]}; "
                f"busiest day {summaries[busiest].total} items; refresh = summaries for 42 days "
                "+ the busiest day's list + paint"
            ),
        }
    finally:
        close_database(database)


if __name__ == "__main__":
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    with tempfile.TemporaryDirectory() as tmp:
        print(bench_month_view(Path(tmp)))
