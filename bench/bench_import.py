"""Benchmark: import a generated 10,000-row CSV into a fresh database (target: about 1 s)."""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROWS = 10_000
TARGET_SECONDS = 1.0
_FIRST = ("Ana", "José", "Mei", "Kwame", "Olga", "Sam", "Priya", "Lucía", "Omar", "Grace")
_LAST = ("García", "Nguyen", "Smith", "Okafor", "Müller", "Haddad", "Rossi", "Kim", "Silva")
_CITIES = ("Tucson", "Phoenix", "Flagstaff", "Yuma", "Mesa")
_TAGS = ("sign-in sheet", "volunteer", "canvass", "phone bank", "host")


def write_sample_csv(path: Path, rows: int = ROWS, seed: int = 7) -> None:
    """A typed-up sign-in sheet export: names, email, phone, address, tags, notes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "First Name",
                "Last Name",
                "E-mail Address",
                "Mobile Phone",
                "Street",
                "City",
                "ZIP",
                "Tags",
                "Notes",
            ]
        )
        for i in range(rows):
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            writer.writerow(
                [
                    first,
                    last,
                    f"{first.lower()}.{i}@example.org",
                    f"(520) {i // 10000 + 200:03d}-{i % 10000:04d}",
                    f"{rng.randint(1, 9999)} Main St",
                    rng.choice(_CITIES),
                    f"85{rng.randint(0, 999):03d}",
                    ", ".join(rng.sample(_TAGS, 2)),
                    "Met at the library, cares about housing.",
                ]
            )


def bench_import(tmpdir: Path) -> dict[str, object]:
    """Time read + plan + apply of a 10,000-row CSV into a fresh database in `tmpdir`."""
    from oneonone_desktop.io.importing import apply_import, plan_import, read_any
    from oneonone_desktop.store.connection import close_database, open_database

    tmpdir = Path(tmpdir)
    sample = tmpdir / "sign-in.csv"
    write_sample_csv(sample)
    database = open_database(tmpdir / "bench-import.sqlite3")
    try:
        started = time.perf_counter()
        records, problems = read_any(sample)
        read = time.perf_counter()
        plan = plan_import(records, problems)
        planned = time.perf_counter()
        result = apply_import(plan)
        seconds = time.perf_counter() - started
        again = time.perf_counter()
        records, problems = read_any(sample)
        second = apply_import(plan_import(records, problems))
        reimport = time.perf_counter() - again
    finally:
        close_database(database)
    if result.added != ROWS or second.merged != ROWS:
        raise RuntimeError(f"expected {ROWS} people added then merged, got {result}, {second}")
    return {
        "name": "import 10,000-row CSV",
        "seconds": seconds,
        "target_seconds": TARGET_SECONDS,
        "reimport_seconds": reimport,
        "details": f"read {read - started:.2f} s, plan {planned - read:.2f} s, "
        f"store {seconds - (planned - started):.2f} s; importing the same file again "
        "(everyone merged, nothing changed) is the reimport figure",
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        figure = bench_import(Path(folder))
    seconds = float(str(figure["seconds"]))
    target = float(str(figure["target_seconds"]))
    print(f"{figure['name']}: {seconds:.2f} s (target {target:.1f} s, {seconds / target:.2f}x)")
    print(f"  {figure['details']}; reimport {float(str(figure['reimport_seconds'])):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
