"""The long kill-9 run: hundreds of SIGKILLs during imports, wizard autosave and demo data.

The test suite runs the same harness (tests/crash/harness.py) with 60 kills; this runs 600
(or $ONEONONE_CRASH_ROUNDS) and reports how many kills landed after committed work, which
all survived, with the data file sound and no partial import every time. A failed check
raises, and bench/run.py reports it as an error.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "crash"))


def bench_kill9(folder: Path) -> dict[str, object]:
    from harness import MODES, run

    rounds = int(os.environ.get("ONEONONE_CRASH_ROUNDS", "600"))
    started = time.perf_counter()
    tally = run(folder, rounds, seed=int(time.time()))
    seconds = time.perf_counter() - started
    landed = {m: sum(r.committed > 0 for r in tally.rounds if r.mode == m) for m in MODES}
    return {
        "name": f"kill -9 harness, {rounds} kills",
        "seconds": seconds,
        "details": "every check passed; kills after committed work: "
        + ", ".join(f"{m} {n}" for m, n in landed.items()),
    }


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(bench_kill9(Path(tmp)))
