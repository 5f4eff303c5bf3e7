"""Keep the full-text index of supporters (names, emails, phones, labels, notes) in step."""

from __future__ import annotations

import re
from collections.abc import Iterable

from peewee import SqliteDatabase

_DOCUMENT_SQL = """
SELECT s.id,
       s.first_name || ' ' || s.last_name || ' ' || s.preferred_name,
       COALESCE((SELECT group_concat(address, ' ') FROM supporter_email
                 WHERE supporter_id = s.id), ''),
       COALESCE((SELECT group_concat(number || ' ' || number_norm || ' '
                                     || substr(number_norm, -7), ' ')
                 FROM supporter_phone WHERE supporter_id = s.id), ''),
       COALESCE((SELECT group_concat(l.name, ' ') FROM supporter_label sl
                 JOIN label l ON l.id = sl.label_id WHERE sl.supporter_id = s.id), ''),
       s.background || ' ' || s.how_met || ' ' || s.city || ' ' || s.postal_code
FROM supporter s
"""
_CHUNK = 500
_TOKEN = re.compile(r"\w+", re.UNICODE)


def reindex(database: SqliteDatabase, supporter_ids: Iterable[int]) -> None:
    """Rewrite the index entries of these supporters (missing ones are simply removed)."""
    ids = list(supporter_ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        database.execute_sql(f"DELETE FROM supporter_fts WHERE rowid IN ({marks})", chunk)
        database.execute_sql(
            "INSERT INTO supporter_fts (rowid, name, emails, phones, labels, notes) "
            + _DOCUMENT_SQL
            + f" WHERE s.id IN ({marks})",
            chunk,
        )


def rebuild(database: SqliteDatabase) -> None:
    """Rebuild the whole index (after a bulk load)."""
    database.execute_sql("DELETE FROM supporter_fts")
    database.execute_sql(
        "INSERT INTO supporter_fts (rowid, name, emails, phones, labels, notes) " + _DOCUMENT_SQL
    )


def match_expression(text: str) -> str | None:
    """An FTS5 query matching rows that contain every word typed, each as a prefix.

    Returns None when the text has no searchable characters.
    """
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)
