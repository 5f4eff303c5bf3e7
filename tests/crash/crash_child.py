"""The process the kill-9 harness kills: one kind of work in a loop, saying after each commit.

Usage: python crash_child.py MODE DATA_DIR   (MODE: import, wizard or demo)
Prints "ready" once the data is open, then "done N" after the Nth unit of work is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

BATCH = 40  # people per imported file
DEMO_PEOPLE = 150  # people per demo run


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _next_batch(database: object) -> int:
    rows = database.execute_sql(  # type: ignore[attr-defined]
        "SELECT name FROM label WHERE kind = 'tag' AND name LIKE 'batch%'"
    ).fetchall()
    return 1 + max((int(r[0][5:]) for r in rows), default=0)


def run_imports(database: object, data_dir: Path) -> None:
    from oneonone_desktop.io.importing import apply_import, plan_import, read_any

    number = _next_batch(database)
    while True:
        lines = ["First name,Last name,Email,Tags,Notes"]
        lines += [
            f"P{i},Batch{number},b{number}p{i}@example.org,batch{number},note {i} " + "x" * 200
            for i in range(BATCH)
        ]
        path = data_dir / f"batch{number}.csv"
        path.write_text("\n".join(lines), encoding="utf-8")
        records, problems = read_any(path)
        apply_import(plan_import(records, problems))
        _print(f"done {number}")
        number += 1


def run_wizard(database: object) -> None:
    from oneonone_desktop.services.supporters import SupporterData, create_supporter
    from oneonone_desktop.services.wizard_state import WizardState, save_draft
    from oneonone_desktop.store.models import Meeting

    meeting = Meeting.get_or_none(Meeting.status == "in_progress")
    if meeting is None:
        person = create_supporter(SupporterData(first_name="Draft", last_name="Keeper"))
        meeting = Meeting.create(supporter=person, status="in_progress", draft="")
    state = WizardState(meeting_id=meeting.id, supporter_id=meeting.supporter_id)
    count = 0
    if meeting.draft:
        count = int(WizardState.from_json(meeting.draft).notes.get("count", "0"))
    while True:
        count += 1
        state.notes = {"count": str(count), "talk": "They care about rent. " * (count % 50)}
        save_draft(meeting.id, state)
        _print(f"done {count}")


def run_demo(data_dir: Path) -> None:
    """Each demo run fills a data folder of its own (run1, run2, …): demo data goes into an
    empty list, and a folder is either full or empty after a kill."""
    from oneonone_desktop.paths import database_path
    from oneonone_desktop.services.demo import generate
    from oneonone_desktop.store.connection import close_database, open_database

    number = 1 + max((int(p.name[3:]) for p in data_dir.glob("run*")), default=0)
    while True:
        folder = data_dir / f"run{number}"
        folder.mkdir()
        database = open_database(database_path(folder))
        generate(database, DEMO_PEOPLE, seed=number)
        close_database(database)
        _print(f"done {number}")
        number += 1


def main() -> None:
    mode, data_dir = sys.argv[1], Path(sys.argv[2])
    from oneonone_desktop.paths import backup_dir, database_path
    from oneonone_desktop.store.connection import open_database

    database = open_database(database_path(data_dir), backup_dir=backup_dir(data_dir))
    _print("ready")
    if mode == "import":
        run_imports(database, data_dir)
    elif mode == "wizard":
        run_wizard(database)
    else:
        run_demo(data_dir)


if __name__ == "__main__":
    main()
