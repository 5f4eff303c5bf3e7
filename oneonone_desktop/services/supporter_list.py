"""The supporter list as SQL: search, filters, sort and pages, fast at 100,000 people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import SqliteDatabase

from oneonone_desktop.services.search_index import match_expression

SORTS = {
    "name": "s.last_name COLLATE NOCASE {dir}, s.first_name COLLATE NOCASE {dir}, s.id {dir}",
    "first_name": "s.first_name COLLATE NOCASE {dir}, s.last_name COLLATE NOCASE {dir}, s.id {dir}",
    "city": "s.city COLLATE NOCASE {dir}, s.id {dir}",
    "stage": "ls.position {dir}, s.id {dir}",
    "last_contact": "s.last_contact_at {dir}, s.id {dir}",
    "created": "s.created_at {dir}, s.id {dir}",
    "email": "email COLLATE NOCASE {dir}, s.id {dir}",
    "phone": "phone {dir}, s.id {dir}",
    "tags": "tags COLLATE NOCASE {dir}, s.id {dir}",
}


@dataclass
class SupporterFilter:
    """What the list shows. Every field narrows the list; the defaults show everyone active."""

    search: str = ""
    stage_keys: list[str] = field(default_factory=list)
    tag: str | None = None
    issue: str | None = None
    consent: str | None = None
    not_contacted_days: int | None = None
    owes_commitment: bool = False
    we_owe_promise: bool = False
    archived: bool = False  # True: only archived people
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class SupporterRow:
    id: int
    name: str
    email: str
    phone: str
    city: str
    stage: str
    tags: str
    last_contact: dt.datetime | None


_ROW_SQL = """
SELECT s.id,
       CASE WHEN s.preferred_name != '' THEN s.preferred_name ELSE s.first_name END
         || CASE WHEN s.last_name != '' THEN ' ' || s.last_name ELSE '' END,
       (SELECT address FROM supporter_email WHERE supporter_id = s.id
        ORDER BY position, id LIMIT 1) AS email,
       (SELECT number FROM supporter_phone WHERE supporter_id = s.id
        ORDER BY position, id LIMIT 1) AS phone,
       s.city,
       COALESCE(ls.label, ''),
       (SELECT group_concat(name, ', ') FROM (SELECT l.name FROM supporter_label sl
          JOIN label l ON l.id = sl.label_id
          WHERE sl.supporter_id = s.id AND l.kind = 'tag' ORDER BY l.name)) AS tags,
       s.last_contact_at
FROM supporter s LEFT JOIN ladder_stage ls ON ls.id = s.stage_id
"""

_LABEL_FILTER = """EXISTS (SELECT 1 FROM supporter_label sl JOIN label l ON l.id = sl.label_id
  WHERE sl.supporter_id = s.id AND l.kind = ? AND l.name = ? COLLATE NOCASE)"""
_CONSENT_FILTER = """(SELECT granted FROM consent_record c WHERE c.supporter_id = s.id
  AND c.channel = ? ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1) = 1"""


def where_clause(flt: SupporterFilter, today: dt.date | None = None) -> tuple[str, list[object]]:
    """The WHERE clause (with its parameters) selecting the people the filter shows."""
    parts = ["s.archived_at IS NOT NULL" if flt.archived else "s.archived_at IS NULL"]
    params: list[object] = []
    expression = match_expression(flt.search)
    if expression:
        parts.append("s.id IN (SELECT rowid FROM supporter_fts WHERE supporter_fts MATCH ?)")
        params.append(expression)
    if flt.stage_keys:
        marks = ",".join("?" * len(flt.stage_keys))
        parts.append(f"ls.key IN ({marks})")
        params.extend(flt.stage_keys)
    if flt.tag:
        parts.append(_LABEL_FILTER)
        params.extend(["tag", flt.tag])
    if flt.issue:
        parts.append(_LABEL_FILTER)
        params.extend(["issue", flt.issue])
    if flt.consent:
        parts.append(_CONSENT_FILTER)
        params.append(flt.consent)
    if flt.not_contacted_days is not None:
        cutoff = (today or dt.date.today()) - dt.timedelta(days=flt.not_contacted_days)
        parts.append("(s.last_contact_at IS NULL OR s.last_contact_at < ?)")
        params.append(cutoff.isoformat())
    if flt.owes_commitment:
        parts.append(
            "EXISTS (SELECT 1 FROM commitment c WHERE c.supporter_id = s.id"
            " AND c.status = 'pending')"
        )
    if flt.we_owe_promise:
        parts.append(
            "EXISTS (SELECT 1 FROM promise p WHERE p.supporter_id = s.id AND p.status = 'open')"
        )
    return " AND ".join(parts), params


def order_clause(flt: SupporterFilter) -> str:
    template = SORTS.get(flt.sort, SORTS["name"])
    return template.format(dir="DESC" if flt.descending else "ASC")


def fetch_page(
    database: SqliteDatabase, flt: SupporterFilter, offset: int, limit: int
) -> list[SupporterRow]:
    """Rows `offset` to `offset + limit` of the filtered, sorted list."""
    where, params = where_clause(flt)
    sql = f"{_ROW_SQL} WHERE {where} ORDER BY {order_clause(flt)} LIMIT ? OFFSET ?"
    cursor = database.execute_sql(sql, [*params, limit, offset])
    rows = []
    for r in cursor.fetchall():
        last = r[7]
        if isinstance(last, str):
            last = dt.datetime.fromisoformat(last)
        rows.append(
            SupporterRow(
                r[0],
                r[1] or "(no name)",
                r[2] or "",
                r[3] or "",
                r[4] or "",
                r[5],
                r[6] or "",
                last,
            )
        )
    return rows


def count(database: SqliteDatabase, flt: SupporterFilter) -> int:
    where, params = where_clause(flt)
    sql = (
        "SELECT COUNT(*) FROM supporter s LEFT JOIN ladder_stage ls ON ls.id = s.stage_id"
        f" WHERE {where}"
    )
    return int(database.execute_sql(sql, params).fetchone()[0])


def all_ids(database: SqliteDatabase, flt: SupporterFilter) -> list[int]:
    """Ids of everyone the filter shows, in list order (for bulk actions and exports)."""
    where, params = where_clause(flt)
    sql = f"{_ROW_SQL} WHERE {where} ORDER BY {order_clause(flt)}"
    return [r[0] for r in database.execute_sql(sql, params).fetchall()]
