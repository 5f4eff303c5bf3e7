"""1,000 personalised thank-you cards to PDF, against a bare reportlab loop drawing the very same
text on the same pages: the cost of merging, fitting and laying out (target: ours at least 60%
of the bare loop's speed, i.e. at most 1/0.6 ≈ 1.67 times its time)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

PEOPLE = 1000
STOCK = "avery-8387"
TEMPLATE = "Thank you for our 1:1"
TARGET_RATIO = 0.6
PASSES = 3
FIRST = ("María", "Olu", "Chloé", "Nguyễn", "Sam", "Ελένη", "Олег", "Aisha", "José", "Kim")
LAST = ("García", "Adeyemi", "Dubois", "Thị Minh", "Rivera", "Παππά", "Шевченко", "Khan", "Núñez")
ISSUES = ("housing", "public transit", "clean water", "healthcare", "voting rights", "schools")


def _fill(database: Any) -> list[int]:
    """A thousand people with issues, a held 1:1 and a commitment each (raw inserts, one go)."""
    now = "2026-03-01 12:00:00"
    people = [
        (FIRST[i % 10], LAST[i % 9], f"{i} Main St", "Riverside", now, now) for i in range(PEOPLE)
    ]
    with database.atomic():
        cursor = database.cursor()
        cursor.executemany(
            "INSERT INTO supporter (first_name, last_name, preferred_name, pronouns, language,"
            " street, street2, city, region, postal_code, country, how_met, background,"
            " thank_you_preference, created_at, updated_at)"
            " VALUES (?, ?, '', '', '', ?, '', ?, 'CA', '92501', '', '', '', '', ?, ?)",
            people,
        )
        ids = [row[0] for row in database.execute_sql("SELECT id FROM supporter ORDER BY id")]
        cursor.executemany(
            "INSERT OR IGNORE INTO label (kind, name) VALUES ('issue', ?)", [(n,) for n in ISSUES]
        )
        labels = dict(database.execute_sql("SELECT name, id FROM label WHERE kind = 'issue'"))
        cursor.executemany(
            "INSERT INTO supporter_label (supporter_id, label_id) VALUES (?, ?)",
            [(sid, labels[ISSUES[sid % len(ISSUES)]]) for sid in ids],
        )
        met = dt.datetime(2026, 2, 26, 19)
        cursor.executemany(
            "INSERT INTO meeting (supporter_id, status, scheduled_at, duration_minutes, place,"
            " in_person, purpose_explained, notes, learned, draft, created_at, updated_at)"
            " VALUES (?, 'held', ?, 45, '', 1, 1, '', '', '', ?, ?)",
            [(sid, met, now, now) for sid in ids],
        )
        cursor.executemany(
            "INSERT INTO commitment (supporter_id, activity, due_at, goal, status,"
            " not_yet_reason, created_at)"
            " VALUES (?, 'the tenants huddle', ?, '', 'pending', '', ?)",
            [(sid, dt.datetime(2026, 3, 14, 10), now) for sid in ids],
        )
        database.execute_sql("UPDATE organizer_profile SET name = 'Sam', chapter = 'Riverside'")
    return ids


class _Recorder:
    """Stands in for reportlab's Canvas and notes every drawing call, page by page."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.pages: list[list[tuple[str, tuple[Any, ...], dict[str, Any]]]] = [[]]

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.real, name)
        if not callable(method):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            if name == "showPage":
                self.pages.append([])
            elif name not in ("save", "setTitle", "setCreator"):
                self.pages[-1].append((name, args, kwargs))
            return method(*args, **kwargs)

        return call


def _record(ids: list[int]) -> list[list[tuple[str, tuple[Any, ...], dict[str, Any]]]]:
    """Every call our cards make, to replay them bare."""
    from oneonone_desktop.documents import cards, layout

    recorders: list[_Recorder] = []
    real_canvas = layout.Canvas

    def recording(*args: Any, **kwargs: Any) -> Any:
        recorder = _Recorder(real_canvas(*args, **kwargs))
        recorders.append(recorder)
        return recorder

    layout.Canvas = recording  # type: ignore[misc,assignment]
    try:
        cards.render_cards(ids, STOCK, cards.get_template(TEMPLATE), offset=(0, 0))
    finally:
        layout.Canvas = real_canvas  # type: ignore[misc]
    return [page for page in recorders[0].pages if page]


def _bare(path: Path, pages: list[list[tuple[str, tuple[Any, ...], dict[str, Any]]]]) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from oneonone_desktop.documents.stocks import get_stock

    canvas = Canvas(str(path), pagesize=get_stock(STOCK).page_size, initialFontName="DejaVuSans")
    for page in pages:
        for name, args, kwargs in page:
            getattr(canvas, name)(*args, **kwargs)
        canvas.showPage()
    canvas.save()


def bench_cards(tmpdir: Path) -> dict[str, object]:
    from oneonone_desktop.documents import cards
    from oneonone_desktop.documents.fonts import register_fonts
    from oneonone_desktop.store.connection import close_database, open_database

    database = open_database(Path(tmpdir) / "bench.sqlite3")
    try:
        ids = _fill(database)
        register_fonts()
        pages = _record(ids)
        ours, bare = [], []
        for attempt in range(PASSES):
            start = time.perf_counter()
            count = cards.write_cards(
                Path(tmpdir) / f"ours{attempt}.pdf", ids, STOCK, TEMPLATE, offset=(0, 0)
            )
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            _bare(Path(tmpdir) / f"bare{attempt}.pdf", pages)
            bare.append(time.perf_counter() - start)
    finally:
        close_database(database)
    best_ours, best_bare = min(ours), min(bare)
    ratio = best_bare / best_ours
    return {
        "name": f"{count:,} cards to PDF ({STOCK})",
        "slowdown": round(best_ours / best_bare, 3),
        "target_slowdown": round(1 / TARGET_RATIO, 3),
        "seconds": round(best_ours, 3),
        "bare_seconds": round(best_bare, 3),
        "speed_ratio": round(ratio, 3),
        "details": f"ours/bare speed {ratio:.2f} (target ≥ {TARGET_RATIO}); best of {PASSES};"
        f" {len(pages)} pages; ours includes the database reads, merge, fitting and the atomic"
        " write",
    }


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        print(bench_cards(Path(folder)))
