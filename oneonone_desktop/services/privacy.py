"""Privacy requests: hand a person everything held about them, or erase them for good.

`person_record` gathers every table's rows about one person (their own row, emails, phones,
labels, consent log, contacts, 1:1s with their answers, commitments, promises and tasks);
`export_person` writes it as JSON or as a readable PDF (documents.person_export).
`erase_person` removes all of it (services.supporters.erase cascades), rewrites the full-text
index so its old entries go too, and folds the write-ahead log back into the data file. With
`secure_delete` on (store.connection), freed pages are overwritten with zeros, so the erased
words are gone from the data file and its log. Backups made before keep them until they are
rotated out or deleted (`backups_holding` lists them).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from oneonone_desktop import APP_DISPLAY_NAME, __version__
from oneonone_desktop.io.atomic import atomic_write_bytes, atomic_write_text
from oneonone_desktop.services import supporters as people
from oneonone_desktop.store.models import Supporter

# Table -> SQL selecting its rows about person ? (column names are the stored ones).
_ROWS: dict[str, str] = {
    "supporter": "SELECT * FROM supporter WHERE id = ?",
    "supporter_email": "SELECT * FROM supporter_email WHERE supporter_id = ? ORDER BY position",
    "supporter_phone": "SELECT * FROM supporter_phone WHERE supporter_id = ? ORDER BY position",
    "label": "SELECT l.kind, l.name FROM label l JOIN supporter_label sl ON sl.label_id = l.id"
    " WHERE sl.supporter_id = ? ORDER BY l.kind, l.name",
    "consent_record": "SELECT * FROM consent_record WHERE supporter_id = ?"
    " ORDER BY recorded_at, id",
    "touch": "SELECT * FROM touch WHERE supporter_id = ? ORDER BY happened_at, id",
    "meeting": "SELECT * FROM meeting WHERE supporter_id = ? ORDER BY scheduled_at, id",
    "answer": "SELECT a.* FROM answer a JOIN meeting m ON m.id = a.meeting_id"
    " WHERE m.supporter_id = ? ORDER BY a.meeting_id, a.id",
    "commitment": "SELECT * FROM commitment WHERE supporter_id = ? ORDER BY created_at, id",
    "promise": "SELECT * FROM promise WHERE supporter_id = ? ORDER BY created_at, id",
    "task": "SELECT * FROM task WHERE supporter_id = ?1 OR commitment_id IN"
    " (SELECT id FROM commitment WHERE supporter_id = ?1) OR promise_id IN"
    " (SELECT id FROM promise WHERE supporter_id = ?1) ORDER BY due_on, id",
    "stage_change": "SELECT * FROM stage_change WHERE supporter_id = ? ORDER BY changed_at, id",
}
TABLE_WORDS = {
    "supporter": "Who they are",
    "supporter_email": "Email addresses",
    "supporter_phone": "Phone numbers",
    "label": "Tags, issues, skills and interests",
    "consent_record": "What they agreed to (every change)",
    "touch": "Contacts outside 1:1s",
    "meeting": "1:1 meetings",
    "answer": "Answers given in 1:1s",
    "commitment": "Commitments they made",
    "promise": "What we promised them",
    "task": "Follow-up tasks about them",
    "stage_change": "Moves on the ladder of engagement",
}


class PersonNotFound(LookupError):
    """No person with this id is stored; `message` says so in plain words."""

    def __init__(self, supporter_id: int) -> None:
        self.message = f"There is no person with id {supporter_id} (maybe already erased)."
        super().__init__(self.message)


@dataclass
class ErasureResult:
    """What an erasure did: the person's name (for the message) and how many rows went."""

    name: str
    rows: dict[str, int] = field(default_factory=dict)


def _rows(database: SqliteDatabase, sql: str, supporter_id: int) -> list[dict[str, Any]]:
    cursor = database.execute_sql(sql, (supporter_id,))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def person_record(database: SqliteDatabase, supporter_id: int) -> dict[str, Any]:
    """Everything held about one person: {"about": ..., "tables": {table: [row, ...]}}."""
    person = Supporter.get_or_none(Supporter.id == supporter_id)
    if person is None:
        raise PersonNotFound(supporter_id)
    tables = {name: _rows(database, sql, supporter_id) for name, sql in _ROWS.items()}
    referrer = None
    if person.referred_by_id:
        other = Supporter.get_or_none(Supporter.id == person.referred_by_id)
        referrer = other.display_name if other is not None else None
    stage = person.stage.label if person.stage_id else None
    return {
        "about": {
            "name": person.display_name,
            "id": person.id,
            "referred_by": referrer,
            "ladder_stage": stage,
            "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(),
            "made_with": f"{APP_DISPLAY_NAME} {__version__}",
        },
        "tables": tables,
    }


def export_person(database: SqliteDatabase, supporter_id: int, dest: Path) -> Path:
    """Write everything held about the person to `dest`: .json (every row, as stored) or .pdf
    (the same, readable). Written atomically. ValueError for another file ending."""
    dest = Path(dest)
    suffix = dest.suffix.lower()
    if suffix not in (".json", ".pdf"):
        raise ValueError(f"{dest.name}: choose a file name ending in .json or .pdf.")
    record = person_record(database, supporter_id)
    if suffix == ".json":
        text = json.dumps(record, ensure_ascii=False, indent=2, default=str)
        atomic_write_text(dest, text + "\n")
    else:
        from oneonone_desktop.documents.person_export import render_person_pdf

        atomic_write_bytes(dest, render_person_pdf(record))
    return dest


def erase_person(database: SqliteDatabase, supporter_id: int) -> ErasureResult:
    """Erase the person and everything held about them, for good (see the module's text).

    Raises PersonNotFound when there is no such person; nothing is changed then.
    """
    person = Supporter.get_or_none(Supporter.id == supporter_id)
    if person is None:
        raise PersonNotFound(supporter_id)
    counts = {
        name: len(rows)
        for name, sql in _ROWS.items()
        if (rows := _rows(database, sql, supporter_id))
    }
    name = person.display_name
    database.execute_sql("PRAGMA secure_delete = 1")
    people.erase([supporter_id])
    # Deleted index entries linger in older index segments until they are merged.
    database.execute_sql("INSERT INTO supporter_fts (supporter_fts) VALUES ('optimize')")
    fold_log(database)
    return ErasureResult(name=name, rows=counts)


def fold_log(database: SqliteDatabase, tries: int = 20) -> bool:
    """Copy the write-ahead log into the data file and empty it; False when a reader kept it
    busy every time (the next checkpoint then finishes the job)."""
    for _ in range(tries):
        busy = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy or busy[0] == 0:
            return True
    return False


def backups_holding(backup_folder: Path, since: dt.datetime | None = None) -> list[Path]:
    """The backups that may still hold an erased person (all those in the folder)."""
    from oneonone_desktop.store.backups import list_backups

    return [b.path for b in list_backups(backup_folder) if since is None or b.made_at >= since]
