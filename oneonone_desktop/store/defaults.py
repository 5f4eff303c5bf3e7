"""Rows every database starts with (the ladder of engagement, …); safe to run on every open."""

from __future__ import annotations

import json

from peewee import SqliteDatabase

LADDER = (
    ("prospect", "Prospect"),
    ("supporter", "Supporter"),
    ("member", "Member"),
    ("active", "Active"),
    ("leader", "Leader / organizer"),
)


_SEEDED_KEY = "defaults.seeded_for"


def _seed_stamp() -> str:
    """Shipped rows change only with the app or the schema: seeding runs once per pair."""
    from oneonone_desktop import __version__
    from oneonone_desktop.store.migrations import LATEST_VERSION

    return json.dumps(f"{__version__}/{LATEST_VERSION}")


def ensure_defaults(database: SqliteDatabase) -> None:
    """Insert missing default rows; never changes rows the organizer has edited.

    Skipped (one query) when this app version already seeded the database: the seeders and the
    modules they import would otherwise cost start-up time on every open.
    """
    stamp = _seed_stamp()
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (_SEEDED_KEY,)).fetchone()
    if row and row[0] == stamp:
        return
    (count,) = database.execute_sql("SELECT COUNT(*) FROM ladder_stage").fetchone()
    if count == 0:
        for position, (key, label) in enumerate(LADDER):
            database.execute_sql(
                "INSERT INTO ladder_stage (key, label, position) VALUES (?, ?, ?)",
                (key, label, position),
            )
    (profiles,) = database.execute_sql("SELECT COUNT(*) FROM organizer_profile").fetchone()
    if profiles == 0:
        database.execute_sql(
            "INSERT INTO organizer_profile (name, chapter, email, phone, national_vision,"
            " local_vision, purpose_script, created_at) VALUES ('', '', '', '', '', '', '',"
            " datetime('now'))"
        )
    # The 1:1 core's shipped data: question sets, agendas, next steps, the purpose script.
    from oneonone_desktop.services.meetings import seed_defaults as seed_meeting_defaults

    seed_meeting_defaults(database)
    # The shipped card templates (English and Spanish), each added once.
    from oneonone_desktop.documents.templates import seed_default_templates

    seed_default_templates(database)
    database.execute_sql(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (_SEEDED_KEY, stamp)
    )
