"""Card templates: the shipped defaults (resources/templates/*.json), seeding them into the
Template table once, and the create/read/update/delete helpers the template editor uses."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from oneonone_desktop.documents.merge import check_template
from oneonone_desktop.resources import resource_path
from oneonone_desktop.store.models import Template, db

SEEDED_KEY = "templates.seeded"
FONTS = ("serif", "sans")
ALIGNS = ("left", "center")
MAX_NAME = 100
MAX_TEXT = 5000
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


class TemplateError(ValueError):
    """A template that cannot be used or saved; `problems` maps a field to a plain message."""

    def __init__(self, problems: dict[str, str], where: str = "") -> None:
        self.problems = problems
        text = "; ".join(f"{k}: {v}" for k, v in problems.items())
        self.message = f"{where}: {text}" if where else text
        super().__init__(self.message)


class UnknownTemplate(TemplateError):
    def __init__(self, name: str, known: list[str]) -> None:
        listed = ", ".join(f"'{n}'" for n in known) or "none yet"
        super().__init__({"name": f"There is no template called '{name}'. Templates: {listed}."})
        self.message = self.problems["name"]
        self.args = (self.message,)


@dataclass(frozen=True)
class TemplateOptions:
    """How the card looks. Text options may hold merge fields like the body."""

    heading: str = ""  # above the message, in the accent colour
    signature: str = ""  # below the message, in italics
    cover: str = ""  # the front of a folded card
    back: str = ""  # the back of a folded card (small)
    font: str = "serif"  # serif or sans, for the message
    accent: str = "#5b2a86"  # heading and cover colour, #rrggbb
    align: str = "left"  # left or center

    @classmethod
    def from_dict(cls, raw: object) -> TemplateOptions:
        if not isinstance(raw, dict):
            raise TemplateError({"options": "expected an object of options"})
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise TemplateError({"options": f"unknown option {', '.join(unknown)}"})
        for key, value in raw.items():
            if not isinstance(value, str):
                raise TemplateError({f"options.{key}": "expected text"})
        return cls(**raw)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


@dataclass(frozen=True)
class CardTemplate:
    name: str
    body: str
    language: str = "en"
    options: TemplateOptions = field(default_factory=TemplateOptions)
    kind: str = "card"
    id: int | None = None

    def texts(self) -> dict[str, str]:
        """Every text that takes merge fields, by field name."""
        o = self.options
        return {
            "body": self.body,
            "heading": o.heading,
            "signature": o.signature,
            "cover": o.cover,
            "back": o.back,
        }

    def unknown_fields(self) -> list[str]:
        """Fields typed in any of the texts that are not merge fields (shown as typed)."""
        found: list[str] = []
        for text in self.texts().values():
            found += [name for name in check_template(text) if name not in found]
        return found

    def problems(self) -> dict[str, str]:
        """What stops this template being saved, by field; empty when it is fine."""
        found: dict[str, str] = {}
        if not self.name.strip():
            found["name"] = "Give the template a name."
        elif len(self.name) > MAX_NAME:
            found["name"] = f"Keep the name under {MAX_NAME} characters."
        if not self.body.strip():
            found["body"] = "Write the message."
        for key, text in self.texts().items():
            if len(text) > MAX_TEXT:
                found[key] = f"This is longer than {MAX_TEXT:,} characters."
        if not re.fullmatch(r"[a-z]{2}(-[A-Za-z]{2})?", self.language):
            found["language"] = "Use a language code such as en or es."
        if self.options.font not in FONTS:
            found["options.font"] = f"Choose {' or '.join(FONTS)}."
        if self.options.align not in ALIGNS:
            found["options.align"] = f"Choose {' or '.join(ALIGNS)}."
        if not _HEX.match(self.options.accent):
            found["options.accent"] = "Use a colour like #5b2a86."
        return found


# --- the shipped defaults -------------------------------------------------------------------


def parse_template(text: str, source_name: str) -> CardTemplate:
    """Read one template file; raises TemplateError naming the file, line and field."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        at_line = f"{source_name}, line {exc.lineno}"
        raise TemplateError({"file": f"this is not valid JSON ({exc.msg})"}, at_line) from exc
    if not isinstance(raw, dict):
        raise TemplateError({"file": "expected an object"}, f"{source_name}, line 1")

    def where(key: str) -> str:
        at = text.find(f'"{key.split(".")[-1]}"')
        return f"{source_name}, line {text.count(chr(10), 0, max(at, 0)) + 1}"

    for key in ("name", "body", "language", "kind"):
        if not isinstance(raw.get(key, ""), str):
            raise TemplateError({key: "expected text"}, where(key))
    try:
        options = TemplateOptions.from_dict(raw.get("options", {}))
    except TemplateError as exc:
        raise TemplateError(exc.problems, where(next(iter(exc.problems)))) from exc
    template = CardTemplate(
        name=raw.get("name", ""),
        body=raw.get("body", ""),
        language=raw.get("language", "en"),
        options=options,
        kind=raw.get("kind", "card"),
    )
    problems = template.problems()
    unknown = template.unknown_fields()
    if unknown:
        problems["body"] = f"unknown merge field {', '.join('{' + n + '}' for n in unknown)}"
    if problems:
        raise TemplateError(problems, where(next(iter(problems))))
    return template


def default_templates(folder: Path | None = None) -> list[CardTemplate]:
    """The templates shipped in resources/templates, in file-name order."""
    folder = folder or resource_path("templates")
    return [
        parse_template(path.read_text(encoding="utf-8"), path.name)
        for path in sorted(folder.glob("*.json"))
    ]


def seed_default_templates(database: SqliteDatabase) -> int:
    """Add each shipped template the first time only: ones the organizer edited, renamed or
    deleted stay that way. Returns how many were added. Safe to run on every open."""
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (SEEDED_KEY,)).fetchone()
    try:
        seeded = set(json.loads(row[0])) if row else set()
    except (ValueError, TypeError):
        seeded = set()
    added = 0
    for template in default_templates():
        key = f"{template.kind}:{template.name}"
        if key in seeded:
            continue
        seeded.add(key)
        taken = database.execute_sql(
            "SELECT 1 FROM template WHERE kind = ? AND name = ?", (template.kind, template.name)
        ).fetchone()
        if taken:
            continue
        database.execute_sql(
            "INSERT INTO template (kind, name, language, body, options, created_at)"
            " VALUES (?, ?, ?, ?, ?, datetime('now'))",
            (
                template.kind,
                template.name,
                template.language,
                template.body,
                template.options.to_json(),
            ),
        )
        added += 1
    database.execute_sql(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        (SEEDED_KEY, json.dumps(sorted(seeded), ensure_ascii=False)),
    )
    return added


# --- reading and editing the stored templates -----------------------------------------------


def _from_row(row: Template) -> CardTemplate:
    try:
        options = TemplateOptions.from_dict(json.loads(row.options or "{}"))
    except (ValueError, TemplateError):
        options = TemplateOptions()
    return CardTemplate(
        name=row.name,
        body=row.body,
        language=row.language,
        options=options,
        kind=row.kind,
        id=row.id,
    )


def list_templates(kind: str = "card", language: str | None = None) -> list[CardTemplate]:
    """Stored templates of this kind (and language), by name."""
    query = Template.select().where(Template.kind == kind)
    if language:
        query = query.where(Template.language == language)
    return [_from_row(row) for row in query.order_by(Template.name.collate("NOCASE"))]


def get_template(name: str, kind: str = "card") -> CardTemplate:
    """The stored template with this name (any case); raises UnknownTemplate listing the names."""
    row = Template.get_or_none((Template.kind == kind) & (Template.name == name))
    if row is None:
        row = Template.get_or_none(
            (Template.kind == kind) & (Template.name.collate("NOCASE") == name.strip())
        )
    if row is None:
        raise UnknownTemplate(name, [t.name for t in list_templates(kind)])
    return _from_row(row)


def get_template_by_id(template_id: int) -> CardTemplate:
    row = Template.get_or_none(Template.id == template_id)
    if row is None:
        raise TemplateError({"id": f"there is no template with id {template_id}"})
    return _from_row(row)


def save_template(template: CardTemplate) -> CardTemplate:
    """Create (id None) or update a template; raises TemplateError (nothing saved) on bad input.
    Unknown merge fields do not stop a save: `unknown_fields()` lists them for the editor."""
    template = replace(template, name=template.name.strip())
    problems = template.problems()
    clash = Template.get_or_none(
        (Template.kind == template.kind) & (Template.name.collate("NOCASE") == template.name)
    )
    if clash is not None and clash.id != template.id:
        problems["name"] = f"Another template is already called '{clash.name}'."
    if problems:
        raise TemplateError(problems)
    values: dict[str, Any] = {
        "kind": template.kind,
        "name": template.name,
        "language": template.language,
        "body": template.body,
        "options": template.options.to_json(),
    }
    with db.atomic():
        if template.id is None:
            row = Template.create(**values)
            return replace(template, id=row.id)
        updated = Template.update(**values).where(Template.id == template.id).execute()
    if not updated:
        raise TemplateError({"id": f"there is no template with id {template.id}"})
    return template


def duplicate_template(template_id: int, new_name: str) -> CardTemplate:
    """A copy under a new name, for editing without losing the original."""
    original = get_template_by_id(template_id)
    return save_template(replace(original, id=None, name=new_name))


def delete_template(template_id: int) -> bool:
    """Remove a template; returns False when it was already gone."""
    return bool(Template.delete().where(Template.id == template_id).execute())
