"""Rows every database starts with (the ladder of engagement, …); safe to run on every open."""

from __future__ import annotations

from peewee import SqliteDatabase

LADDER = (
    ("prospect", "Prospect"),
    ("supporter", "Supporter"),
    ("member", "Member"),
    ("active", "Active"),
    ("leader", "Leader / organizer"),
)


def ensure_defaults(database: SqliteDatabase) -> None:
    """Insert missing default rows; never changes rows the organizer has edited."""
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
