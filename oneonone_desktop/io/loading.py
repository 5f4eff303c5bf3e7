"""Read many supporters at once (for exports and for matching an import), in a few queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from oneonone_desktop.services.supporters import PLAIN_FIELDS, Consent, SupporterData
from oneonone_desktop.store.models import db

CHUNK = 500


@dataclass
class StoredSupporter:
    """What `services.supporters.load_data` gives, plus the columns an export adds."""

    id: int
    data: SupporterData
    stage_label: str
    created_at: str


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def load_many(supporter_ids: list[int]) -> dict[int, StoredSupporter]:
    """The stored people among `supporter_ids` (missing ids are left out), by id.

    Each `data` equals what `load_data` returns for that person.
    """
    stages = {
        row[0]: (row[1], row[2])
        for row in db.execute_sql("SELECT id, key, label FROM ladder_stage").fetchall()
    }
    found: dict[int, StoredSupporter] = {}
    columns = ", ".join(PLAIN_FIELDS)
    for chunk in _chunks(list(dict.fromkeys(supporter_ids))):
        marks = ",".join("?" * len(chunk))
        rows = db.execute_sql(
            f"SELECT id, stage_id, referred_by_id, created_at, {columns} "
            f"FROM supporter WHERE id IN ({marks})",
            chunk,
        ).fetchall()
        for row in rows:
            data = SupporterData(**dict(zip(PLAIN_FIELDS, row[4:], strict=True)))
            key, label = stages.get(row[1], (None, ""))
            data.stage_key = key
            data.referred_by_id = row[2]
            found[row[0]] = StoredSupporter(row[0], data, label, str(row[3] or ""))
        _add_contacts(found, chunk, marks)
    return found


def _add_contacts(found: dict[int, StoredSupporter], chunk: list[int], marks: str) -> None:
    for row in db.execute_sql(
        f"SELECT supporter_id, address FROM supporter_email WHERE supporter_id IN ({marks}) "
        "ORDER BY supporter_id, position, id",
        chunk,
    ):
        found[row[0]].data.emails.append(row[1])
    for row in db.execute_sql(
        f"SELECT supporter_id, number FROM supporter_phone WHERE supporter_id IN ({marks}) "
        "ORDER BY supporter_id, position, id",
        chunk,
    ):
        found[row[0]].data.phones.append(row[1])
    for row in db.execute_sql(
        "SELECT sl.supporter_id, l.kind, l.name FROM supporter_label sl "
        f"JOIN label l ON l.id = sl.label_id WHERE sl.supporter_id IN ({marks}) "
        "ORDER BY l.name",
        chunk,
    ):
        found[row[0]].data.labels.setdefault(row[1], []).append(row[2])
    for row in db.execute_sql(
        "SELECT supporter_id, channel, granted, given_on, how FROM consent_record "
        f"WHERE supporter_id IN ({marks}) ORDER BY recorded_at, id",
        chunk,
    ):
        given_on = dt.date.fromisoformat(str(row[3])[:10]) if row[3] else None
        found[row[0]].data.consents[row[1]] = Consent(bool(row[2]), given_on, row[4])
