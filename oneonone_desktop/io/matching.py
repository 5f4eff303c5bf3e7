"""Recognise the same person twice: within an import file and against the stored supporters."""

from __future__ import annotations

from collections.abc import Iterable

from oneonone_desktop.io.records import ImportRecord
from oneonone_desktop.services.normalize import normalize_email, normalize_phone
from oneonone_desktop.store.models import db

CHUNK = 500
MIN_PHONE_DIGITS = 7  # as services.supporters.find_duplicate: shorter numbers match too much


def record_keys(record: ImportRecord) -> list[tuple[str, str]]:
    """What identifies a person: each email (any case), each phone number, an exported id."""
    keys = [("email", normalize_email(e)) for e in record.data.emails]
    keys += [("phone", d) for d in map(normalize_phone, record.data.phones)]
    keys = [
        (kind, value) for kind, value in keys if kind == "email" or len(value) >= MIN_PHONE_DIGITS
    ]
    if record.source_id is not None:
        keys.append(("id", str(record.source_id)))
    return keys


def _lookup(sql: str, values: Iterable[str]) -> dict[str, int]:
    """Run `sql` (with one IN ({marks})) over the values in chunks; value -> lowest supporter id."""
    wanted = sorted(set(values))
    hits: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        for value, supporter_id in db.execute_sql(
            sql.format(marks=",".join("?" * len(chunk))), chunk
        ):
            key = str(value)
            hits[key] = min(hits.get(key, supporter_id), supporter_id)
    return hits


def _stored_matches(
    records: list[ImportRecord], keys: list[list[tuple[str, str]]]
) -> list[tuple[int, int] | None]:
    """Per record: (priority, stored id) of the best stored match, or None."""
    emails = _lookup(
        "SELECT address_norm, supporter_id FROM supporter_email WHERE address_norm IN ({marks})",
        (v for ks in keys for k, v in ks if k == "email"),
    )
    phones = _lookup(
        "SELECT number_norm, supporter_id FROM supporter_phone WHERE number_norm IN ({marks})",
        (v for ks in keys for k, v in ks if k == "phone"),
    )
    names: dict[str, tuple[str, str]] = {}
    wanted_ids = sorted({str(r.source_id) for r in records if r.source_id is not None})
    for start in range(0, len(wanted_ids), CHUNK):
        chunk = wanted_ids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = db.execute_sql(
            f"SELECT id, first_name, last_name FROM supporter WHERE id IN ({marks})", chunk
        )
        for supporter_id, first, last in rows:
            names[str(supporter_id)] = (first.casefold(), last.casefold())
    found: list[tuple[int, int] | None] = []
    for record, record_key in zip(records, keys, strict=True):
        best: tuple[int, int] | None = None
        name = (record.data.first_name.casefold(), record.data.last_name.casefold())
        for kind, value in record_key:
            if kind == "id" and names.get(value) == name:
                hit: tuple[int, int] | None = (0, int(value))
            elif kind == "email" and value in emails:
                hit = (1, emails[value])
            elif kind == "phone" and value in phones:
                hit = (2, phones[value])
            else:
                hit = None
            if hit is not None and (best is None or hit[0] < best[0]):
                best = hit
        found.append(best)
    return found


def group_duplicates(
    records: list[ImportRecord],
) -> list[tuple[int | None, list[ImportRecord]]]:
    """Records grouped by person, in file order: (stored supporter id or None, records)."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    keys = [record_keys(r) for r in records]
    owner: dict[tuple[str, str], int] = {}
    for index, record_key in enumerate(keys):
        for key in record_key:
            if key in owner:
                join(index, owner[key])
            else:
                owner[key] = index
    best: dict[int, tuple[int, int]] = {}
    for index, match in enumerate(_stored_matches(records, keys)):
        if match is not None:
            r = root(index)
            if r not in best or match[0] < best[r][0]:
                best[r] = match
    by_stored: dict[int, int] = {}
    for r, (_, supporter_id) in sorted(best.items()):
        if supporter_id in by_stored:
            join(r, by_stored[supporter_id])
        else:
            by_stored[supporter_id] = r
    groups: dict[int, list[ImportRecord]] = {}
    for index, record in enumerate(records):
        groups.setdefault(root(index), []).append(record)
    stored_of = {root(r): supporter_id for supporter_id, r in by_stored.items()}
    return [(stored_of.get(r), members) for r, members in groups.items()]
