"""Guiding questions as plain data: numbering (1, a, i, 1), branching, and the set file format.

Pure functions over plain data, plus the raw-SQL loader the database defaults use (it runs
before the models are bound). `services.question_sets` is the API the app calls.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import SqliteDatabase

from oneonone_desktop.resources import resource_path

ANSWER_KINDS = ("text", "yes_no", "choice")
BRANCHES = ("yes", "no")
SHIPPED_SETS = ("guide-en", "guide-es")
MAX_TEXT = 1000
MAX_OPTIONS = 20

Answers = Mapping[int, Mapping[str, Any]]  # question id -> {"yes_no"/"choice"/"text": value}


class QuestionSetFileError(ValueError):
    """A question-set file that cannot be read; the message names the file and the question."""


@dataclass(frozen=True)
class QuestionData:
    """One question as plain data (also the snapshot a meeting in progress keeps)."""

    id: int
    parent_id: int | None
    number: str  # full number, e.g. "11c.i.1"
    label: str  # its own label, e.g. "1"
    text: str
    answer_kind: str = "text"
    show_when: str | None = None
    options: tuple[str, ...] = ()
    hint: str = ""
    depth: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "parent_id": self.parent_id,
            "number": self.number,
            "label": self.label,
            "text": self.text,
            "answer_kind": self.answer_kind,
            "show_when": self.show_when,
            "options": list(self.options),
            "hint": self.hint,
            "depth": self.depth,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuestionData:
        parent = data.get("parent_id")
        return cls(
            id=int(data["id"]),
            parent_id=int(parent) if parent is not None else None,
            number=str(data.get("number", "")),
            label=str(data.get("label", "")),
            text=str(data.get("text", "")),
            answer_kind=str(data.get("answer_kind", "text")),
            show_when=data.get("show_when") or None,
            options=tuple(str(o) for o in data.get("options") or ()),
            hint=str(data.get("hint", "")),
            depth=int(data.get("depth", 0)),
        )


def _roman(n: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def label_for(depth: int, index: int) -> str:
    """The label of the `index`-th (from 1) question at `depth`: 1, a, i, 1, a, i, …"""
    style = depth % 3
    if style == 0:
        return str(index)
    if style == 1:
        return _letters(index)
    return _roman(index)


def full_number(labels: Sequence[str]) -> str:
    """ "11", "11c", "11c.i", "11c.i.1" from the labels along the path."""
    if not labels:
        return ""
    head = labels[0] + (labels[1] if len(labels) > 1 else "")
    return ".".join([head, *labels[2:]])


def build_questions(rows: Iterable[Mapping[str, Any]]) -> list[QuestionData]:
    """Number stored rows (id, parent_id, text, answer_kind, show_when, options JSON, hint),
    given in position order, into the set's questions, depth first in display order."""
    children: dict[int | None, list[Mapping[str, Any]]] = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row)

    def walk(parent: int | None, labels: list[str]) -> Iterator[QuestionData]:
        for index, row in enumerate(children.get(parent, []), start=1):
            label = label_for(len(labels), index)
            options = row["options"]
            yield QuestionData(
                id=row["id"],
                parent_id=row["parent_id"],
                number=full_number([*labels, label]),
                label=label,
                text=row["text"],
                answer_kind=row["answer_kind"],
                show_when=row["show_when"],
                options=tuple(json.loads(options) if isinstance(options, str) else options),
                hint=row.get("hint") or "",
                depth=len(labels),
            )
            yield from walk(row["id"], [*labels, label])

    return list(walk(None, []))


def visible(questions: Sequence[QuestionData], answers: Answers) -> list[QuestionData]:
    """The questions to show, in order, given the answers so far.

    A top-level question always shows; a child shows when its parent shows and, if it has a
    `show_when`, the parent's yes/no answer is that value.
    """
    shown: set[int] = set()
    result = []
    for question in questions:
        if question.parent_id is not None:
            if question.parent_id not in shown:
                continue
            if question.show_when:
                said = (answers.get(question.parent_id) or {}).get("yes_no")
                if said != question.show_when:
                    continue
        shown.add(question.id)
        result.append(question)
    return result


# --- the shipped sets -------------------------------------------------------------------


def parse_set(text: str, source: str) -> dict[str, Any]:
    """Read and check a question-set file; errors name the file, the line or the question."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise QuestionSetFileError(f"{source}, line {exc.lineno}: {exc.msg}.") from exc
    if not isinstance(data, dict) or not str(data.get("name", "")).strip():
        raise QuestionSetFileError(f"{source}: the file needs a 'name' and a 'questions' list.")
    if not isinstance(data.get("questions"), list) or not data["questions"]:
        raise QuestionSetFileError(f"{source}: 'questions' must be a list of questions.")

    def check(items: list[Any], parents: list[str], parent_kind: str | None) -> None:
        for index, item in enumerate(items, start=1):
            number = full_number([*parents, label_for(len(parents), index)])
            where = f"{source}, question {number}"
            if not isinstance(item, dict) or not str(item.get("text", "")).strip():
                raise QuestionSetFileError(f"{where}: 'text' is missing.")
            kind = item.get("answer", "text")
            if kind not in ANSWER_KINDS:
                raise QuestionSetFileError(f"{where}: 'answer' must be text, yes_no or choice.")
            show = item.get("show_when")
            if show is not None and (show not in BRANCHES or parent_kind != "yes_no"):
                raise QuestionSetFileError(
                    f"{where}: 'show_when' must be yes or no, under a yes_no question."
                )
            if kind == "choice" and len(item.get("options") or []) < 2:
                raise QuestionSetFileError(f"{where}: a choice needs at least two 'options'.")
            check(item.get("children") or [], [*parents, label_for(len(parents), index)], kind)

    check(data["questions"], [], None)
    return data


def _insert_tree(
    database: SqliteDatabase,
    set_id: int,
    items: list[dict[str, Any]],
    parent: int | None,
    depth: int,
) -> None:
    for position, item in enumerate(items):
        cursor = database.execute_sql(
            "INSERT INTO question (question_set_id, parent_id, position, number, text,"
            " answer_kind, show_when, options, hint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                set_id,
                parent,
                position,
                label_for(depth, position + 1),
                item["text"].strip(),
                item.get("answer", "text"),
                item.get("show_when"),
                json.dumps(item.get("options") or [], ensure_ascii=False),
                item.get("hint", ""),
            ),
        )
        _insert_tree(database, set_id, item.get("children") or [], cursor.lastrowid, depth + 1)


def insert_set(database: SqliteDatabase, data: dict[str, Any], is_default: bool) -> int:
    """Store a parsed set with raw SQL (works before the models are bound)."""
    cursor = database.execute_sql(
        "INSERT INTO question_set (name, language, is_default, created_at)"
        " VALUES (?, ?, ?, datetime('now'))",
        (data["name"].strip(), data.get("language", "en"), int(is_default)),
    )
    set_id = int(cursor.lastrowid)
    _insert_tree(database, set_id, data["questions"], None, 0)
    return set_id


def seed_question_sets(database: SqliteDatabase) -> None:
    """Load the shipped sets (English and Spanish), each the default for its language."""
    for name in SHIPPED_SETS:
        path = resource_path("question_sets", f"{name}.json")
        data = parse_set(path.read_text(encoding="utf-8"), path.name)
        (taken,) = database.execute_sql(
            "SELECT COUNT(*) FROM question_set WHERE is_default = 1 AND language = ?",
            (data.get("language", "en"),),
        ).fetchone()
        insert_set(database, data, is_default=taken == 0)
