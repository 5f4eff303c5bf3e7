"""Add, change, merge, archive and erase supporters; every change keeps the search index in step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from oneonone_desktop.services import search_index
from oneonone_desktop.services.normalize import (
    is_valid_email,
    is_valid_phone,
    normalize_email,
    normalize_phone,
)
from oneonone_desktop.store.models import (
    ConsentRecord,
    Label,
    LadderStage,
    StageChange,
    Supporter,
    SupporterEmail,
    SupporterLabel,
    SupporterPhone,
    db,
    utcnow,
)

PLAIN_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "language",
    "street",
    "street2",
    "city",
    "region",
    "postal_code",
    "country",
    "how_met",
    "background",
    "thank_you_preference",
)
MAX_FIELD_LENGTH = 200
MAX_NOTES_LENGTH = 100_000


class ValidationError(ValueError):
    """Input that cannot be stored; `problems` maps a field name to a plain-language message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


@dataclass
class Consent:
    granted: bool
    given_on: dt.date | None = None
    how: str = ""


@dataclass
class SupporterData:
    """Everything the organizer can type about a person, as plain values."""

    first_name: str = ""
    last_name: str = ""
    preferred_name: str = ""
    pronouns: str = ""
    language: str = ""
    street: str = ""
    street2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    how_met: str = ""
    background: str = ""
    thank_you_preference: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)  # kind -> names
    stage_key: str | None = None
    referred_by_id: int | None = None
    consents: dict[str, Consent] = field(default_factory=dict)

    def cleaned(self) -> SupporterData:
        """A copy with whitespace trimmed, empty entries dropped and duplicates removed."""
        copy = SupporterData(**{name: getattr(self, name).strip() for name in PLAIN_FIELDS})
        copy.background = self.background.strip()
        copy.emails = _unique([e.strip() for e in self.emails if e.strip()], normalize_email)
        copy.phones = _unique([p.strip() for p in self.phones if p.strip()], normalize_phone)
        copy.labels = {
            kind: _unique([n.strip() for n in names if n.strip()], str.casefold)
            for kind, names in self.labels.items()
        }
        copy.stage_key = self.stage_key
        copy.referred_by_id = self.referred_by_id
        copy.consents = dict(self.consents)
        return copy

    def problems(self) -> dict[str, str]:
        """Plain-language problems with this data; empty when it can be saved."""
        found: dict[str, str] = {}
        if not (self.first_name or self.last_name or self.preferred_name):
            found["first_name"] = "Type at least a first or last name."
        for name in PLAIN_FIELDS:
            limit = MAX_NOTES_LENGTH if name == "background" else MAX_FIELD_LENGTH
            if len(getattr(self, name)) > limit:
                found[name] = f"This is longer than {limit:,} characters."
        for address in self.emails:
            if not is_valid_email(address):
                found["emails"] = f"'{address[:60]}' does not look like an email address."
        for number in self.phones:
            if not is_valid_phone(number):
                found["phones"] = f"'{number[:40]}' does not look like a phone number."
        for kind in self.labels:
            if kind not in Label.KINDS:
                found["labels"] = f"Unknown kind of label '{kind}'."
        for channel in self.consents:
            if channel not in ConsentRecord.CHANNELS:
                found["consents"] = f"Unknown kind of consent '{channel}'."
        if self.thank_you_preference not in ("", "card", "email", "call"):
            found["thank_you_preference"] = "Choose card, email or call."
        return found


def _unique(values: list[str], key: object) -> list[str]:
    seen: set[str] = set()
    result = []
    for value in values:
        k = key(value)  # type: ignore[operator]
        if k not in seen:
            seen.add(k)
            result.append(value)
    return result


def label_ids(kind: str, names: list[str]) -> list[int]:
    """Ids of the labels with these names, creating the missing ones (case-insensitive match)."""
    ids = []
    for name in names:
        existing = Label.get_or_none((Label.kind == kind) & (Label.name == name))
        if existing is None:
            existing = (
                Label.select()
                .where((Label.kind == kind) & (Label.name.collate("NOCASE") == name))
                .first()
            )
        if existing is None:
            existing = Label.create(kind=kind, name=name)
        ids.append(existing.id)
    return ids


def stage_for(key: str | None) -> LadderStage | None:
    if not key:
        return None
    stage = LadderStage.get_or_none(LadderStage.key == key)
    if stage is None:
        raise ValidationError({"stage_key": f"Unknown ladder stage '{key}'."})
    return stage


def _apply(supporter: Supporter, data: SupporterData) -> None:
    for name in PLAIN_FIELDS:
        setattr(supporter, name, getattr(data, name))
    supporter.stage = stage_for(data.stage_key)
    if data.referred_by_id is not None and data.referred_by_id == supporter.id:
        raise ValidationError({"referred_by_id": "A person cannot refer themselves."})
    if data.referred_by_id is not None and Supporter.get_or_none(id=data.referred_by_id) is None:
        raise ValidationError({"referred_by_id": "The person who referred them no longer exists."})
    supporter.referred_by = data.referred_by_id
    supporter.updated_at = utcnow()
    supporter.save()
    SupporterEmail.delete().where(SupporterEmail.supporter == supporter).execute()
    for position, address in enumerate(data.emails):
        SupporterEmail.create(
            supporter=supporter,
            address=address,
            address_norm=normalize_email(address),
            position=position,
        )
    SupporterPhone.delete().where(SupporterPhone.supporter == supporter).execute()
    for position, number in enumerate(data.phones):
        SupporterPhone.create(
            supporter=supporter,
            number=number,
            number_norm=normalize_phone(number),
            position=position,
        )
    SupporterLabel.delete().where(SupporterLabel.supporter == supporter).execute()
    for kind, names in data.labels.items():
        for label_id in label_ids(kind, names):
            SupporterLabel.create(supporter=supporter, label=label_id)
    current = current_consents(supporter.id)
    for channel, consent in data.consents.items():
        before = current.get(channel)
        if before is None or before.granted != consent.granted:
            record_consent(supporter.id, channel, consent)


def validate(data: SupporterData) -> SupporterData:
    cleaned = data.cleaned()
    problems = cleaned.problems()
    if problems:
        raise ValidationError(problems)
    return cleaned


def create_supporter(data: SupporterData) -> Supporter:
    """Store a new person; raises ValidationError (nothing stored) on bad input."""
    cleaned = validate(data)
    with db.atomic():
        supporter = Supporter.create(first_name=cleaned.first_name)
        _apply(supporter, cleaned)
        search_index.reindex(db, [supporter.id])
    return supporter


def update_supporter(supporter_id: int, data: SupporterData) -> Supporter:
    """Replace what is stored about a person with `data`."""
    cleaned = validate(data)
    with db.atomic():
        supporter = Supporter.get_by_id(supporter_id)
        stage_before = supporter.stage_id
        _apply(supporter, cleaned)
        record_stage_change(supporter.id, stage_before, supporter.stage_id)
        search_index.reindex(db, [supporter.id])
    return supporter


def record_stage_change(
    supporter_id: int, before: int | None, after: int | None, meeting_id: int | None = None
) -> None:
    """Keep a move on the ladder (stage ids before and after) for the reports; same: nothing."""
    if before == after:
        return
    positions = dict(
        LadderStage.select(LadderStage.id, LadderStage.position)
        .where(LadderStage.id.in_([i for i in (before, after) if i is not None]))
        .tuples()
    )
    StageChange.create(
        supporter=supporter_id,
        from_stage=before,
        to_stage=after,
        from_position=positions.get(before),
        to_position=positions.get(after),
        meeting=meeting_id,
    )


def load_data(supporter_id: int) -> SupporterData:
    """What is stored about a person, as the editable SupporterData."""
    s = Supporter.get_by_id(supporter_id)
    data = SupporterData(**{name: getattr(s, name) for name in PLAIN_FIELDS})
    data.emails = [e.address for e in s.emails.order_by(SupporterEmail.position, SupporterEmail.id)]
    data.phones = [p.number for p in s.phones.order_by(SupporterPhone.position, SupporterPhone.id)]
    labels: dict[str, list[str]] = {}
    query = (
        Label.select(Label.kind, Label.name)
        .join(SupporterLabel)
        .where(SupporterLabel.supporter == s)
        .order_by(Label.name)
    )
    for label in query:
        labels.setdefault(label.kind, []).append(label.name)
    data.labels = labels
    data.stage_key = s.stage.key if s.stage_id else None
    data.referred_by_id = s.referred_by_id
    data.consents = current_consents(s.id)
    return data


def current_consents(supporter_id: int) -> dict[str, Consent]:
    """The latest consent record per channel."""
    result: dict[str, Consent] = {}
    records = (
        ConsentRecord.select()
        .where(ConsentRecord.supporter == supporter_id)
        .order_by(ConsentRecord.recorded_at, ConsentRecord.id)
    )
    for record in records:
        result[record.channel] = Consent(record.granted, record.given_on, record.how)
    return result


def has_consent(supporter_id: int, channel: str) -> bool:
    consent = current_consents(supporter_id).get(channel)
    return bool(consent and consent.granted)


def record_consent(supporter_id: int, channel: str, consent: Consent) -> None:
    if channel not in ConsentRecord.CHANNELS:
        raise ValidationError({"consents": f"Unknown kind of consent '{channel}'."})
    ConsentRecord.create(
        supporter=supporter_id,
        channel=channel,
        granted=consent.granted,
        given_on=consent.given_on or (dt.date.today() if consent.granted else None),
        how=consent.how,
    )


def find_duplicate(emails: list[str], phones: list[str]) -> int | None:
    """Id of a stored person with the same email (any case) or the same phone number."""
    norms = [normalize_email(e) for e in emails if e.strip()]
    if norms:
        hit = (
            SupporterEmail.select(SupporterEmail.supporter)
            .where(SupporterEmail.address_norm.in_(norms))
            .first()
        )
        if hit:
            return int(hit.supporter_id)
    digits = [normalize_phone(p) for p in phones if len(normalize_phone(p)) >= 7]
    if digits:
        hit = (
            SupporterPhone.select(SupporterPhone.supporter)
            .where(SupporterPhone.number_norm.in_(digits))
            .first()
        )
        if hit:
            return int(hit.supporter_id)
    return None


def merge_into(existing: SupporterData, incoming: SupporterData) -> SupporterData:
    """Fill what `existing` lacks from `incoming`; add new emails, phones and labels."""
    merged = SupporterData(
        **{n: getattr(existing, n) or getattr(incoming, n) for n in PLAIN_FIELDS}
    )
    if (
        existing.background
        and incoming.background
        and incoming.background not in existing.background
    ):
        merged.background = existing.background + "\n" + incoming.background
    merged.emails = existing.emails + incoming.emails
    merged.phones = existing.phones + incoming.phones
    kinds = set(existing.labels) | set(incoming.labels)
    merged.labels = {k: existing.labels.get(k, []) + incoming.labels.get(k, []) for k in kinds}
    merged.stage_key = existing.stage_key or incoming.stage_key
    merged.referred_by_id = existing.referred_by_id or incoming.referred_by_id
    merged.consents = {**incoming.consents, **existing.consents}
    return merged.cleaned()


def set_archived(supporter_ids: list[int], archived: bool) -> int:
    """Archive (hide from the list, keep everything) or restore people; returns how many."""
    with db.atomic():
        return (
            Supporter.update(archived_at=utcnow() if archived else None, updated_at=utcnow())
            .where(Supporter.id.in_(supporter_ids))
            .execute()
        )


def erase(supporter_ids: list[int]) -> int:
    """Remove people and everything held about them, for good; returns how many."""
    with db.atomic():
        count = Supporter.delete().where(Supporter.id.in_(supporter_ids)).execute()
        search_index.reindex(db, supporter_ids)
    return count


def add_labels(supporter_ids: list[int], kind: str, names: list[str]) -> None:
    """Give every one of these people the labels (a bulk action from the list)."""
    with db.atomic():
        ids = label_ids(kind, [n.strip() for n in names if n.strip()])
        rows = [{"supporter": s, "label": label} for s in supporter_ids for label in ids]
        if rows:
            SupporterLabel.insert_many(rows).on_conflict_ignore().execute()
        search_index.reindex(db, supporter_ids)


def without_consent(supporter_ids: list[int], channel: str) -> list[int]:
    """The people among these whose latest record for `channel` is not a yes (or who have none)."""
    if channel not in ConsentRecord.CHANNELS:
        raise ValidationError({"consents": f"Unknown kind of consent '{channel}'."})
    missing: list[int] = []
    for start in range(0, len(supporter_ids), 500):
        chunk = supporter_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute_sql(
            f"SELECT s.id FROM supporter s WHERE s.id IN ({marks}) AND COALESCE("
            "(SELECT c.granted FROM consent_record c WHERE c.supporter_id = s.id"
            " AND c.channel = ? ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1), 0) = 0",
            [*chunk, channel],
        ).fetchall()
        missing += [int(r[0]) for r in rows]
    return missing


def sharing_note(supporter_ids: list[int]) -> str:
    """A plain warning when an export holds people who did not agree to share their details."""
    missing = len(without_consent(supporter_ids, "share_chapter"))
    if not missing:
        return ""
    who = "1 person" if missing == 1 else f"{missing:,} people"
    return (
        f"{who} in this file did not agree to share their details with the chapter: "
        "keep the file to yourself."
    )
