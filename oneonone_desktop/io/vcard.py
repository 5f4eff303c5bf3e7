"""Import contacts from vCard files (2.1, 3.0, 4.0) and export supporters as vCard 3.0."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from oneonone_desktop.io.atomic import atomic_write_text
from oneonone_desktop.io.loading import load_many
from oneonone_desktop.io.problems import ExportFileError, ImportFileError, RowProblem
from oneonone_desktop.io.records import (
    MAX_EMAIL_LENGTH,
    MAX_PHONE_LENGTH,
    ImportRecord,
    data_problems,
    split_full_name,
)
from oneonone_desktop.io.textfile import read_text_file
from oneonone_desktop.io.vcard_lines import (
    LineError,
    Property,
    escape,
    fold,
    logical_lines,
    parse_property,
)
from oneonone_desktop.services.normalize import is_valid_email, is_valid_phone
from oneonone_desktop.services.supporters import SupporterData

_ADDRESS_FIELDS = ("street", "street2", "city", "region", "postal_code", "country")
# Which vCard property feeds each attribute the services may complain about.
_PROPERTY_OF = {
    "first_name": "N",
    "last_name": "N",
    "preferred_name": "NICKNAME",
    "language": "LANG",
    "background": "NOTE",
    "emails": "EMAIL",
    "phones": "TEL",
    "labels.tag": "CATEGORIES",
    **{name: "ADR" for name in _ADDRESS_FIELDS},
}


@dataclass
class _Card:
    begin: int
    properties: list[Property] = field(default_factory=list)
    broken: bool = False


def read_vcards(path: Path) -> tuple[list[ImportRecord], list[RowProblem]]:
    """People from every card in the file; cards that cannot be stored give RowProblems.

    Raises ImportFileError when the file is missing, empty, binary, too big or has no card.
    """
    path = Path(path)
    text, _ = read_text_file(path)
    cards, problems = _split_cards(path, text)
    records: list[ImportRecord] = []
    for card in cards:
        card_problems: list[RowProblem] = []
        record = _card_to_record(path, card, card_problems)
        problems.extend(card_problems)
        if record is not None and not card.broken and not card_problems:
            records.append(record)
    problems.sort(key=lambda p: p.line)
    return records, problems


def _split_cards(path: Path, text: str) -> tuple[list[_Card], list[RowProblem]]:
    cards: list[_Card] = []
    problems: list[RowProblem] = []
    current: _Card | None = None
    depth = 0
    in_base64 = False
    saw_begin = False
    for number, line in logical_lines(text):
        upper = line.strip().upper()
        if not upper:
            in_base64 = False
            continue
        if upper == "BEGIN:VCARD":
            saw_begin = True
            if current is not None:
                depth += 1  # a card inside a card (AGENT in vCard 2.1): skipped
            else:
                current, depth = _Card(number), 0
            continue
        if upper == "END:VCARD":
            if current is not None and depth:
                depth -= 1
            elif current is not None:
                cards.append(current)
                current = None
            continue
        if current is None or depth:
            continue  # text between cards is not part of any contact
        try:
            prop = parse_property(number, line)
        except LineError as exc:
            if not in_base64:
                current.broken = True
                problems.append(RowProblem(path, number, "line", str(exc)))
            continue
        in_base64 = prop.encoding in ("BASE64", "B")
        current.properties.append(prop)
    if current is not None:
        problems.append(
            RowProblem(
                path,
                current.begin,
                "END:VCARD",
                "This card has no END:VCARD line; the file may be cut short.",
            )
        )
    if not saw_begin:
        raise ImportFileError(
            path,
            f"{path.name} does not contain any contact cards (no BEGIN:VCARD line). "
            "Export your contacts as a vCard (.vcf) file and import that.",
        )
    return cards, problems


def _card_to_record(path: Path, card: _Card, problems: list[RowProblem]) -> ImportRecord | None:
    version = next((p.value.strip() for p in card.properties if p.name == "VERSION"), "3.0")
    data = SupporterData()
    lines: dict[str, int] = {}
    emails: list[tuple[int, str]] = []
    phones: list[tuple[int, str]] = []
    notes: list[str] = []
    n_name: tuple[str, str] = ("", "")
    full_name = ""
    has_address = False
    for prop in card.properties:
        lines.setdefault(prop.name, prop.line)
        try:
            if prop.name == "N":
                parts = [*prop.texts(version, ";"), "", "", ""]
                first = " ".join(" ".join(parts[1:3]).replace(",", " ").split())
                n_name = (first, " ".join(parts[0].replace(",", " ").split()))
            elif prop.name == "FN":
                full_name = prop.texts(version)[0]
            elif prop.name == "NICKNAME":
                data.preferred_name = data.preferred_name or prop.texts(version, ",")[0].strip()
            elif prop.name == "EMAIL":
                emails.append((prop.line, _strip_scheme(prop.texts(version)[0], "mailto:")))
            elif prop.name == "TEL":
                number = _strip_scheme(prop.texts(version)[0], "tel:")
                phones.append((prop.line, number.replace(";ext=", " ext ")))
            elif prop.name == "ADR":
                if has_address:
                    notes.append("Other address: " + _address_line(prop.texts(version, ";")))
                else:
                    has_address = _set_address(data, prop.texts(version, ";"))
                    lines["ADR"] = prop.line
            elif prop.name == "NOTE":
                notes.append(prop.texts(version)[0])
            elif prop.name == "CATEGORIES":
                tags = data.labels.setdefault("tag", [])
                tags += [t.strip() for t in prop.texts(version, ",") if t.strip()]
            elif prop.name in ("ORG", "TITLE"):
                label = "Organization" if prop.name == "ORG" else "Title"
                value = " ".join(p for p in prop.texts(version, ";") if p.strip())
                if value.strip():
                    notes.append(f"{label}: {value.strip()}")
            elif prop.name == "LANG":
                data.language = prop.texts(version)[0]
        except ValueError as exc:
            problems.append(RowProblem(path, prop.line, prop.name, str(exc)))
    if any(n_name):
        data.first_name, data.last_name = n_name
    elif full_name.strip():
        data.first_name, data.last_name = split_full_name(full_name)
        lines["N"] = lines.get("FN", card.begin)
    data.emails = [value for _, value in emails]
    data.phones = [value for _, value in phones]
    data.background = "\n".join(n.replace("\r\n", "\n") for n in notes if n.strip())
    data.labels = {kind: names for kind, names in data.labels.items() if names}
    cleaned = data.cleaned()
    for attribute, message in data_problems(cleaned).items():
        name = _PROPERTY_OF.get(attribute, attribute.upper())
        line = lines.get(name, card.begin)
        if attribute == "emails":
            line = _first_bad(emails, lambda v: is_valid_email(v) and len(v) <= MAX_EMAIL_LENGTH)
        elif attribute == "phones":
            line = _first_bad(phones, lambda v: is_valid_phone(v) and len(v) <= MAX_PHONE_LENGTH)
        elif attribute == "first_name" and message.startswith("Type at least"):
            name, line = "N", card.begin
            message = "This card has no name (no N or FN line with a name); add one."
        problems.append(RowProblem(path, line or card.begin, name, message))
    if problems:
        return None
    return ImportRecord(card.begin, cleaned, file=path)


def _strip_scheme(value: str, scheme: str) -> str:
    value = value.strip()
    return value[len(scheme) :] if value.lower().startswith(scheme) else value


def _first_bad(values: list[tuple[int, str]], ok: Callable[[str], bool]) -> int:
    return next((line for line, v in values if v.strip() and not ok(v.strip())), 0)


def _set_address(data: SupporterData, parts: list[str]) -> bool:
    pobox, extended, street, city, region, code, country = [*parts, *[""] * 7][:7]
    street_lines = [s.strip() for s in street.split("\n") if s.strip()]
    data.street = street_lines[0] if street_lines else ""
    extra = [*street_lines[1:], extended.strip(), pobox.strip()]
    data.street2 = ", ".join(e for e in extra if e)
    data.city, data.region = city.strip(), region.strip()
    data.postal_code, data.country = code.strip(), country.strip()
    return any(getattr(data, name) for name in _ADDRESS_FIELDS)


def _address_line(parts: list[str]) -> str:
    return ", ".join(" ".join(p.split()) for p in parts if p.strip())


def write_vcards(path: Path, supporter_ids: list[int]) -> int:
    """Write these supporters (in this order) as vCard 3.0, atomically; returns how many."""
    path = Path(path)
    people = load_many(supporter_ids)
    chunks: list[str] = []
    for supporter_id in dict.fromkeys(supporter_ids):
        person = people.get(supporter_id)
        if person is not None:
            chunks.append(card_text(person.data))
    try:
        atomic_write_text(path, "".join(chunks))
    except OSError as exc:
        raise ExportFileError(
            path, f"{path} cannot be written ({exc.strerror or exc}). Nothing was exported."
        ) from exc
    return len(chunks)


def card_text(data: SupporterData) -> str:
    """One vCard 3.0 card, CRLF line endings, folded at 75 bytes."""
    full = " ".join(p for p in (data.first_name, data.last_name) if p) or data.preferred_name
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escape(data.last_name)};{escape(data.first_name)};;;",
        f"FN:{escape(full)}",
    ]
    if data.preferred_name:
        lines.append(f"NICKNAME:{escape(data.preferred_name)}")
    lines += [f"EMAIL;TYPE=INTERNET:{escape(e)}" for e in data.emails]
    lines += [f"TEL:{escape(p)}" for p in data.phones]
    if any(getattr(data, name) for name in _ADDRESS_FIELDS):
        parts = ["", data.street2, data.street, data.city, data.region, data.postal_code]
        lines.append("ADR;TYPE=HOME:" + ";".join(escape(p) for p in [*parts, data.country]))
    if data.background:
        lines.append(f"NOTE:{escape(data.background)}")
    tags = data.labels.get("tag", [])
    if tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in tags))
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)
