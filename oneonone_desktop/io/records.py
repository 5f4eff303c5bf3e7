"""One person read from an import file, with the line it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from oneonone_desktop.services.normalize import normalize_email, normalize_phone
from oneonone_desktop.services.supporters import MAX_FIELD_LENGTH, SupporterData


@dataclass
class ImportRecord:
    """A person read from line `line` of the file.

    `source_id` is the `id` column of a CSV exported by this app (used to recognise the same
    person on re-import); `merged_lines` lists other lines of the same file describing the same
    person, folded into this record by `importing.plan_import`; `file` is the file it was read
    from (used to name it in problems found later).
    """

    line: int
    data: SupporterData
    source_id: int | None = None
    merged_lines: list[int] = field(default_factory=list)
    file: Path | None = None

    @property
    def where(self) -> Path:
        return self.file if self.file is not None else Path("import")


MAX_EMAIL_LENGTH = 254
MAX_PHONE_LENGTH = 40


def split_full_name(text: str) -> tuple[str, str]:
    """First and last name from one "Name" cell: "Ana María García" or "García, Ana María"."""
    text = " ".join(text.split())
    if "," in text:
        last, _, first = text.partition(",")
        return first.strip(), last.strip()
    if " " not in text:
        return text, ""
    first, _, last = text.rpartition(" ")
    return first, last


def unique_by(values: list[str], key: Callable[[str], str]) -> list[str]:
    """`values` without later entries whose key repeats an earlier one."""
    if len(values) < 2:
        return values
    seen: set[str] = set()
    kept = []
    for value in values:
        k = key(value)
        if k not in seen:
            seen.add(k)
            kept.append(value)
    return kept


def tidy(data: SupporterData) -> SupporterData:
    """Like `SupporterData.cleaned()` for data whose text is already trimmed (as the readers
    make it): drops empty entries and repeats from the lists, in place; returns `data`."""
    data.emails = unique_by([e for e in data.emails if e], normalize_email)
    data.phones = unique_by([p for p in data.phones if p], normalize_phone)
    data.labels = {
        kind: unique_by(names, str.casefold) for kind, names in data.labels.items() if names
    }
    return data


def data_problems(data: SupporterData) -> dict[str, str]:
    """The services' problems with `data` (already cleaned) plus the import's own limits.

    Keys are SupporterData attribute names, or "labels.KIND" for one kind of label.
    """
    found = data.problems()
    for address in data.emails:
        if len(address) > MAX_EMAIL_LENGTH:
            found["emails"] = f"An email address is longer than {MAX_EMAIL_LENGTH} characters."
    for number in data.phones:
        if len(number) > MAX_PHONE_LENGTH:
            found["phones"] = f"A phone number is longer than {MAX_PHONE_LENGTH} characters."
    for kind, names in data.labels.items():
        for name in names:
            if len(name) > MAX_FIELD_LENGTH:
                found[f"labels.{kind}"] = (
                    f"'{name[:40]}…' is longer than {MAX_FIELD_LENGTH} characters."
                )
    return found
