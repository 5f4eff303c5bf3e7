"""Store many new supporters fast: the raw cursor's executemany inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from oneonone_desktop.services.normalize import normalize_email, normalize_phone
from oneonone_desktop.services.supporters import PLAIN_FIELDS, SupporterData
from oneonone_desktop.store.models import db, utcnow

CHUNK = 1000
_SUPPORTER_COLUMNS = ("id", *PLAIN_FIELDS, "stage_id", "created_at", "updated_at")
_INSERT_SUPPORTER = (
    f"INSERT INTO supporter ({', '.join(_SUPPORTER_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_SUPPORTER_COLUMNS))})"
)
_INSERT_EMAIL = (
    "INSERT INTO supporter_email (supporter_id, address, address_norm, label, position) "
    "VALUES (?, ?, ?, '', ?)"
)
_INSERT_PHONE = (
    "INSERT INTO supporter_phone (supporter_id, number, number_norm, label, position) "
    "VALUES (?, ?, ?, '', ?)"
)
_INSERT_LINK = "INSERT OR IGNORE INTO supporter_label (supporter_id, label_id) VALUES (?, ?)"
_INSERT_CONSENT = (
    "INSERT INTO consent_record (supporter_id, channel, granted, given_on, how, recorded_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def stage_ids() -> dict[str, int]:
    """Ladder stage key -> row id."""
    return {key: sid for sid, key in db.execute_sql("SELECT id, key FROM ladder_stage")}


def label_ids(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(kind, name) -> label id, matching stored labels exactly, then ignoring case;
    the missing ones are created."""
    kinds = sorted({kind for kind, _ in wanted})
    exact: dict[tuple[str, str], int] = {}
    folded: dict[tuple[str, str], int] = {}
    if kinds:
        marks = ",".join("?" * len(kinds))
        rows = db.execute_sql(
            f"SELECT id, kind, name FROM label WHERE kind IN ({marks}) ORDER BY id", kinds
        )
        for label_id, kind, name in rows:
            exact[(kind, name)] = label_id
            folded.setdefault((kind, name.casefold()), label_id)
    result: dict[tuple[str, str], int] = {}
    cursor = db.cursor()
    for kind, name in sorted(wanted):
        label_id = exact.get((kind, name)) or folded.get((kind, name.casefold()))
        if label_id is None:
            cursor.execute("INSERT INTO label (kind, name) VALUES (?, ?)", (kind, name))
            label_id = int(cursor.lastrowid)
            folded[(kind, name.casefold())] = label_id
        result[(kind, name)] = label_id
    return result


def add_supporters(
    people: list[SupporterData], tick: Callable[[int], None] | None = None
) -> list[int]:
    """Insert these (validated, cleaned) people; returns their new ids in the same order.

    Must run inside a transaction (db.atomic()); the caller reindexes the search table.
    """
    if not people:
        return []
    stages = stage_ids()
    labels = label_ids(
        {(kind, name) for p in people for kind, names in p.labels.items() for name in names}
    )
    (highest,) = db.execute_sql("SELECT COALESCE(MAX(id), 0) FROM supporter").fetchone()
    now = str(utcnow())
    today = dt.date.today().isoformat()
    cursor = db.cursor()
    new_ids: list[int] = []
    for start in range(0, len(people), CHUNK):
        chunk = people[start : start + CHUNK]
        supporters, emails, phones, links, consents = [], [], [], [], []
        for offset, data in enumerate(chunk):
            sid = highest + start + offset + 1
            new_ids.append(sid)
            plain = [getattr(data, name) for name in PLAIN_FIELDS]
            stage = stages.get(data.stage_key) if data.stage_key else None
            supporters.append((sid, *plain, stage, now, now))
            emails += [(sid, e, normalize_email(e), i) for i, e in enumerate(data.emails)]
            phones += [(sid, p, normalize_phone(p), i) for i, p in enumerate(data.phones)]
            links += [(sid, labels[(k, n)]) for k, names in data.labels.items() for n in names]
            for channel, consent in data.consents.items():
                given = consent.given_on.isoformat() if consent.given_on else None
                if given is None and consent.granted:
                    given = today
                consents.append((sid, channel, int(consent.granted), given, consent.how, now))
        cursor.executemany(_INSERT_SUPPORTER, supporters)
        cursor.executemany(_INSERT_EMAIL, emails)
        cursor.executemany(_INSERT_PHONE, phones)
        cursor.executemany(_INSERT_LINK, links)
        cursor.executemany(_INSERT_CONSENT, consents)
        if tick is not None:
            tick(len(chunk))
    return new_ids
