"""Mutated copies of the sample files (tests/io/data) never crash an import and never half-import.

Every sample CSV, vCard and iCalendar file is mutated many times (bytes flipped, lines dropped,
doubled or swapped, cut short, junk inserted, re-encoded). Each mutant is imported for real:
it is either stored whole or refused with a plain error that names the file (and, for a row
problem, the line and field), and a refused file changes nothing. Set ONEONONE_FUZZ_SCALE (e.g.
10) for a longer run.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from oneonone_desktop.io.icalendar_io import CalendarFileError, import_ics
from oneonone_desktop.io.importing import ImportRefused, apply_import, plan_import, read_any
from oneonone_desktop.io.problems import ImportFileError

DATA = Path(__file__).parent / "data"
SCALE = float(os.environ.get("ONEONONE_FUZZ_SCALE", "1"))
PEOPLE_SAMPLES = sorted(p.name for p in DATA.iterdir() if p.suffix in (".csv", ".vcf"))
CALENDAR_SAMPLES = sorted(p.name for p in DATA.iterdir() if p.suffix == ".ics")
JUNK = ['"', "'", ",", ";", "\t", "\r", "\n", "\x00", ":", "=", "\\", "é", "\u2028", "\ufeff",
        "BEGIN:VCARD", "END:VCALENDAR", "BEGIN:VEVENT", " ", "ÿ", "😀", "DTSTART:2026"]  # fmt: skip
TABLES = ("supporter", "supporter_email", "supporter_phone", "supporter_label", "label",
          "consent_record", "meeting", "task", "supporter_fts")  # fmt: skip


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random damages of the kinds a real file suffers."""
    for _ in range(rng.randint(1, 3)):
        lines = data.split(b"\n")
        kind = rng.randrange(8)
        if kind == 0 and data:
            at = rng.randrange(len(data))
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
        elif kind == 1 and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
            data = b"\n".join(lines)
        elif kind == 2 and lines:
            at = rng.randrange(len(lines))
            lines.insert(at, lines[at])
            data = b"\n".join(lines)
        elif kind == 3 and len(lines) > 2:
            a, b = rng.sample(range(len(lines)), 2)
            lines[a], lines[b] = lines[b], lines[a]
            data = b"\n".join(lines)
        elif kind == 4:
            data = data[: rng.randrange(len(data) + 1)]
        elif kind == 5:
            at = rng.randrange(len(data) + 1)
            data = data[:at] + rng.choice(JUNK).encode("utf-8") + data[at:]
        elif kind == 6 and lines:
            at = rng.randrange(len(lines))
            lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
            data = b"\n".join(lines)
        else:
            encoding = rng.choice(["utf-16", "latin-1", "cp1252"])
            data = data.decode("utf-8", errors="replace").encode(encoding, errors="replace")
    return data


@pytest.fixture
def counts(database) -> Callable[[], dict[str, int]]:
    def take() -> dict[str, int]:
        return {
            t: database.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in TABLES
        }

    return take


def import_people(path: Path, counts: Callable[[], dict[str, int]]) -> str:
    """Import for real; returns "stored", "refused" or "unreadable" (checked on the way)."""
    try:
        records, problems = read_any(path)
    except ImportFileError as exc:
        assert path.name in exc.message, exc.message
        return "unreadable"
    for problem in problems:
        assert problem.file == path and problem.line >= 1 and problem.field and problem.message
        assert str(problem).startswith(f"{path.name}, line {problem.line}, {problem.field}: ")
    plan = plan_import(records, problems)
    before = counts()
    try:
        result = apply_import(plan)
    except ImportRefused as exc:
        assert exc.problems and all(p.line >= 1 and p.field for p in exc.problems)
        assert counts() == before, "a refused import changed the data"
        return "refused"
    after = counts()
    assert after["supporter"] - before["supporter"] == result.added
    assert after["supporter_fts"] == after["supporter"]
    return "stored"


def import_calendar(path: Path, counts: Callable[[], dict[str, int]]) -> str:
    before = counts()
    try:
        import_ics(path)
    except CalendarFileError as exc:
        assert path.name in exc.message, exc.message
        assert counts() == before, "a refused calendar changed the data"
        return "refused"
    return "stored"


@pytest.mark.parametrize("sample", PEOPLE_SAMPLES)
def test_mutated_people_files_are_stored_whole_or_refused_plainly(
    sample, database, tmp_path, counts
):
    rng = random.Random(sample)
    original = (DATA / sample).read_bytes()
    outcomes: dict[str, int] = {}
    for number in range(int(160 * SCALE)):
        path = tmp_path / f"mutant{number}{Path(sample).suffix}"
        path.write_bytes(mutate(original, rng))
        outcome = import_people(path, counts)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert len(outcomes) >= 2, outcomes  # the mutants reached more than one path


@pytest.mark.parametrize("sample", CALENDAR_SAMPLES)
def test_mutated_calendar_files_are_stored_whole_or_refused_plainly(
    sample, database, tmp_path, counts
):
    rng = random.Random(sample)
    original = (DATA / sample).read_bytes()
    for number in range(int(120 * SCALE)):
        path = tmp_path / f"mutant{number}.ics"
        path.write_bytes(mutate(original, rng))
        import_calendar(path, counts)
