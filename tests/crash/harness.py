"""The kill-9 harness: run crash_child.py, SIGKILL it at a random moment, check what is left.

What must hold after every kill: the data file opens and passes integrity_check; every
import is all there (BATCH people, each in the search index) or not there at all; every unit
of work the child reported as committed is still there (synchronous=FULL); the wizard's draft
reads back; demo data comes in whole runs. Used by tests/crash/test_kill9.py (a bounded run)
and bench/bench_crash.py (a long one).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]
MODES = ("import", "wizard", "demo")


@dataclass
class Round:
    mode: str
    committed: int  # the last unit the child said was committed (0: none)
    done: list[int]  # every unit it said was committed
    killed_after: float  # seconds after "ready"


@dataclass
class Tally:
    rounds: list[Round] = field(default_factory=list)

    def add(self, round_: Round) -> None:
        self.rounds.append(round_)


def kill_once(mode: str, data_dir: Path, rng: random.Random, max_delay: float) -> Round:
    """Start the child, wait for "ready", let it work a random while, SIGKILL it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), mode, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline().strip()
    if first != "ready":
        child.kill()
        _, err = child.communicate()
        raise AssertionError(f"the child did not start ({first!r}): {err[-2000:]}")
    delay = rng.uniform(0.0, max_delay)
    deadline = time.monotonic() + delay
    os.set_blocking(child.stdout.fileno(), False)
    lines: list[str] = []
    while time.monotonic() < deadline and child.poll() is None:
        chunk = child.stdout.readline()
        if chunk:
            lines.append(chunk.strip())
        else:
            time.sleep(0.002)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    lines += out.splitlines()
    if child.returncode != -signal.SIGKILL:
        raise AssertionError(f"the child stopped by itself ({child.returncode}): {err[-2000:]}")
    done = [int(line.split()[1]) for line in lines if line.startswith("done ")]
    return Round(mode, max(done, default=0), done, delay)


def verify(mode: str, data_dir: Path, committed: dict[str, int], demo_done: set[int]) -> None:
    """The properties above, checked through the app's own open (which recovers the log)."""
    from oneonone_desktop.paths import backup_dir, database_path
    from oneonone_desktop.store.connection import close_database, open_database

    sys.path.insert(0, str(CHILD.parent))
    from crash_child import BATCH, DEMO_PEOPLE

    database = open_database(database_path(data_dir), backup_dir=backup_dir(data_dir))
    try:
        (check,) = database.execute_sql("PRAGMA integrity_check").fetchone()
        assert check == "ok", check
        people = database.execute_sql("SELECT COUNT(*) FROM supporter").fetchone()[0]
        indexed = database.execute_sql("SELECT COUNT(*) FROM supporter_fts").fetchone()[0]
        assert people == indexed, (people, indexed)
        if mode == "import":
            rows = database.execute_sql(
                "SELECT l.name, COUNT(sl.id) FROM label l LEFT JOIN supporter_label sl"
                " ON sl.label_id = l.id WHERE l.kind = 'tag' AND l.name LIKE 'batch%'"
                " GROUP BY l.name"
            ).fetchall()
            sizes = {int(name[5:]): count for name, count in rows}
            partial = {k: v for k, v in sizes.items() if v not in (0, BATCH)}
            assert not partial, f"partial imports: {partial}"
            assert people == BATCH * sum(1 for v in sizes.values() if v == BATCH)
            missing = [k for k in range(1, committed[mode] + 1) if sizes.get(k) != BATCH]
            assert not missing, f"committed imports lost: {missing}"
        elif mode == "wizard":
            from oneonone_desktop.services.wizard_state import load_draft
            from oneonone_desktop.store.models import Meeting

            meeting = Meeting.get_or_none(Meeting.status == "in_progress")
            if committed[mode]:
                assert meeting is not None
                count = int(load_draft(meeting.id).notes.get("count", "0"))
                assert count >= committed[mode], (count, committed[mode])
                committed[mode] = count
    finally:
        close_database(database)
    if mode == "demo":
        for run_dir in sorted(data_dir.glob("run*")):
            number = int(run_dir.name[3:])
            if not database_path(run_dir).exists():
                continue  # killed before the file was made
            demo = open_database(database_path(run_dir))
            try:
                (check,) = demo.execute_sql("PRAGMA integrity_check").fetchone()
                assert check == "ok", check
                people = demo.execute_sql("SELECT COUNT(*) FROM supporter").fetchone()[0]
                assert people in (0, DEMO_PEOPLE), (run_dir.name, people)
                if number in demo_done:
                    assert people == DEMO_PEOPLE, f"committed demo run {number} lost"
            finally:
                close_database(demo)


def run(base: Path, rounds: int, seed: int = 7, max_delay: float = 0.6) -> Tally:
    """`rounds` kills spread over the three kinds of work, each kind in its own data folder."""
    rng = random.Random(seed)
    tally = Tally()
    committed = dict.fromkeys(MODES, 0)
    demo_done: set[int] = set()
    for number in range(rounds):
        mode = MODES[number % len(MODES)]
        folder = base / mode
        folder.mkdir(parents=True, exist_ok=True)
        result = kill_once(mode, folder, rng, max_delay)
        committed[mode] = max(committed[mode], result.committed)
        if mode == "demo":
            demo_done.update(result.done)
        verify(mode, folder, committed, demo_done)
        tally.add(result)
    return tally
