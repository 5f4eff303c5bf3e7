"""Guiding-question sets: load the shipped ones, list, copy and edit sets, and branch on answers.

A question's own label follows its depth (1, a, i, 1, …) and its position among its siblings;
labels are recomputed after every edit. The full number ("11c.i.1") is what an answer keeps.
A child question with `show_when` ("yes"/"no") shows only when its parent was answered that way.
Editing a set never changes past meetings: their Answer rows keep the number and wording.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import fn

from oneonone_desktop.services.question_tree import (
    ANSWER_KINDS,
    BRANCHES,
    MAX_OPTIONS,
    MAX_TEXT,
    Answers,
    QuestionData,
    build_questions,
    visible,
)
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.store.models import Meeting, Question, QuestionSet, db

__all__ = [
    "ANSWER_KINDS",
    "Answers",
    "QuestionData",
    "QuestionSetInfo",
    "add_question",
    "copy_set",
    "create_set",
    "default_set_id",
    "delete_set",
    "list_sets",
    "load_questions",
    "move_question",
    "remove_question",
    "rename_set",
    "set_default",
    "update_question",
    "visible",
    "visible_questions",
]


@dataclass(frozen=True)
class QuestionSetInfo:
    id: int
    name: str
    language: str
    is_default: bool
    question_count: int
    meetings_count: int  # meetings asked with this set (their wording is kept whatever you edit)


# --- reading ----------------------------------------------------------------------------


def load_questions(set_id: int) -> list[QuestionData]:
    """Every question of a set, depth first in display order, numbered."""
    rows = (
        Question.select(
            Question.id,
            Question.parent.alias("parent_id"),
            Question.text,
            Question.answer_kind,
            Question.show_when,
            Question.options,
            Question.hint,
        )
        .where(Question.question_set == set_id)
        .order_by(Question.position, Question.id)
        .dicts()
    )
    return build_questions(rows)


def visible_questions(set_id: int, answers: Answers) -> list[QuestionData]:
    """The questions of a stored set to show given the answers so far."""
    return visible(load_questions(set_id), answers)


def list_sets() -> list[QuestionSetInfo]:
    counts = dict(
        Question.select(Question.question_set, fn.COUNT(Question.id))
        .group_by(Question.question_set)
        .tuples()
    )
    used = dict(
        Meeting.select(Meeting.question_set, fn.COUNT(Meeting.id))
        .where(Meeting.question_set.is_null(False))
        .group_by(Meeting.question_set)
        .tuples()
    )
    return [
        QuestionSetInfo(
            s.id, s.name, s.language, s.is_default, counts.get(s.id, 0), used.get(s.id, 0)
        )
        for s in QuestionSet.select().order_by(
            QuestionSet.language, QuestionSet.name, QuestionSet.id
        )
    ]


def default_set_id(language: str = "en") -> int | None:
    """The default set for a language (e.g. "es"), else the English default, else any set."""
    lang = (language or "en").split("-")[0].split("_")[0].lower()
    for query in (
        QuestionSet.select().where(QuestionSet.is_default & (QuestionSet.language == lang)),
        QuestionSet.select().where(QuestionSet.is_default & (QuestionSet.language == "en")),
        QuestionSet.select().where(QuestionSet.is_default),
        QuestionSet.select(),
    ):
        found = query.order_by(QuestionSet.id).first()
        if found is not None:
            return int(found.id)
    return None


# --- editing ----------------------------------------------------------------------------


def _set(set_id: int) -> QuestionSet:
    found = QuestionSet.get_or_none(QuestionSet.id == set_id)
    if found is None:
        raise ValidationError({"question_set": "That question set no longer exists."})
    return found


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the question set a name."})
    if len(name) > 200:
        raise ValidationError({"name": "The name is longer than 200 characters."})
    return name


def set_default(set_id: int) -> None:
    """Make this the set new meetings use in its language."""
    chosen = _set(set_id)
    with db.atomic():
        QuestionSet.update(is_default=False).where(
            QuestionSet.language == chosen.language
        ).execute()
        QuestionSet.update(is_default=True).where(QuestionSet.id == set_id).execute()


def create_set(name: str, language: str = "en") -> int:
    """A new, empty set of the organizer's own."""
    row = QuestionSet.create(name=_check_name(name), language=language.strip() or "en")
    return int(row.id)


def rename_set(set_id: int, name: str) -> None:
    _set(set_id)
    QuestionSet.update(name=_check_name(name)).where(QuestionSet.id == set_id).execute()


def copy_set(set_id: int, name: str) -> int:
    """A copy to edit; the original (and every meeting asked with it) stays as it is."""
    source = _set(set_id)
    with db.atomic():
        copy = QuestionSet.create(name=_check_name(name), language=source.language)
        new_ids: dict[int, int] = {}
        for question in load_questions(set_id):  # parents come before their children
            row = Question.get_by_id(question.id)
            created = Question.create(
                question_set=copy,
                parent=new_ids.get(question.parent_id) if question.parent_id else None,
                position=row.position,
                number=row.number,
                text=row.text,
                answer_kind=row.answer_kind,
                show_when=row.show_when,
                options=row.options,
                hint=row.hint,
            )
            new_ids[question.id] = created.id
    return int(copy.id)


def delete_set(set_id: int) -> None:
    """Delete a set; past meetings keep their answers and wording. The last set cannot go."""
    chosen = _set(set_id)
    if QuestionSet.select().count() <= 1:
        raise ValidationError({"question_set": "This is the only question set; keep at least one."})
    with db.atomic():
        chosen.delete_instance()
        others = QuestionSet.select().where(QuestionSet.language == chosen.language)
        if chosen.is_default and not others.where(QuestionSet.is_default).exists():
            first = others.order_by(QuestionSet.id).first()
            if first is not None:
                set_default(first.id)


def _check_question(
    text: str,
    answer_kind: str,
    show_when: str | None,
    options: Sequence[str],
    parent: Question | None,
) -> tuple[str, str | None, list[str]]:
    problems: dict[str, str] = {}
    text = text.strip()
    if not text:
        problems["text"] = "Type the question."
    elif len(text) > MAX_TEXT:
        problems["text"] = f"The question is longer than {MAX_TEXT:,} characters."
    if answer_kind not in ANSWER_KINDS:
        problems["answer_kind"] = "Choose how it is answered: text, yes/no or a choice."
    show = show_when or None
    if show is not None:
        if show not in BRANCHES:
            problems["show_when"] = "A follow-up question shows after a 'yes' or a 'no'."
        elif parent is None:
            problems["show_when"] = "Only a sub-question can depend on an answer."
        elif parent.answer_kind != "yes_no":
            problems["show_when"] = (
                f"Question '{parent.text[:60]}' is not answered yes or no, so a sub-question "
                "cannot depend on its answer."
            )
    cleaned = [o.strip() for o in options if o.strip()]
    if answer_kind == "choice" and len(cleaned) < 2:
        problems["options"] = "A choice question needs at least two choices."
    if answer_kind != "choice" and cleaned:
        problems["options"] = "Only a choice question has choices."
    if len(cleaned) > MAX_OPTIONS:
        problems["options"] = f"Keep it to {MAX_OPTIONS} choices or fewer."
    if problems:
        raise ValidationError(problems)
    return text, show, cleaned


def _renumber(set_id: int) -> None:
    for question in load_questions(set_id):
        Question.update(number=question.label).where(Question.id == question.id).execute()


def _siblings(set_id: int, parent_id: int | None) -> list[Question]:
    query = Question.select().where(Question.question_set == set_id)
    query = query.where(
        Question.parent.is_null() if parent_id is None else Question.parent == parent_id
    )
    return list(query.order_by(Question.position, Question.id))


def _place(siblings: list[Question], moving: Question | None, position: int | None) -> None:
    ordered = [q for q in siblings if moving is None or q.id != moving.id]
    if moving is not None:
        index = len(ordered) if position is None else max(0, min(position, len(ordered)))
        ordered.insert(index, moving)
    for index, question in enumerate(ordered):
        Question.update(position=index).where(Question.id == question.id).execute()


def add_question(
    set_id: int,
    text: str,
    answer_kind: str = "text",
    *,
    parent_id: int | None = None,
    show_when: str | None = None,
    options: Sequence[str] = (),
    hint: str = "",
    position: int | None = None,
) -> int:
    """Add a question (a sub-question with `parent_id`) at `position` among its siblings."""
    _set(set_id)
    parent = Question.get_or_none(Question.id == parent_id) if parent_id is not None else None
    if parent_id is not None and (parent is None or parent.question_set_id != set_id):
        raise ValidationError({"parent_id": "The question it belongs under is not in this set."})
    text, show, cleaned = _check_question(text, answer_kind, show_when, options, parent)
    with db.atomic():
        created = Question.create(
            question_set=set_id,
            parent=parent,
            position=10**6,
            text=text,
            answer_kind=answer_kind,
            show_when=show,
            options=json.dumps(cleaned, ensure_ascii=False),
            hint=hint.strip(),
        )
        _place(_siblings(set_id, parent_id), created, position)
        _renumber(set_id)
    return int(created.id)


def update_question(
    question_id: int,
    *,
    text: str | None = None,
    answer_kind: str | None = None,
    show_when: str | None = None,
    options: Sequence[str] | None = None,
    hint: str | None = None,
) -> None:
    """Reword a question or change how it is answered (past meetings keep the old wording)."""
    row = Question.get_or_none(Question.id == question_id)
    if row is None:
        raise ValidationError({"question": "That question no longer exists."})
    kind = answer_kind if answer_kind is not None else row.answer_kind
    opts = options if options is not None else ([] if kind != "choice" else json.loads(row.options))
    show = show_when if show_when is not None else row.show_when
    checked_text, checked_show, cleaned = _check_question(
        text if text is not None else row.text, kind, show or None, opts, row.parent
    )
    if kind != "yes_no":
        dependent = Question.select().where(
            (Question.parent == row.id) & Question.show_when.is_null(False)
        )
        if dependent.exists():
            raise ValidationError(
                {
                    "answer_kind": "Some sub-questions show after a yes or a no to this question; "
                    "change or remove them first."
                }
            )
    with db.atomic():
        Question.update(
            text=checked_text,
            answer_kind=kind,
            show_when=checked_show,
            options=json.dumps(cleaned, ensure_ascii=False),
            hint=(hint if hint is not None else row.hint).strip(),
        ).where(Question.id == question_id).execute()


def remove_question(question_id: int) -> None:
    """Remove a question and its sub-questions; past answers keep their wording."""
    row = Question.get_or_none(Question.id == question_id)
    if row is None:
        return
    set_id, parent_id = row.question_set_id, row.parent_id
    with db.atomic():
        row.delete_instance()
        _place(_siblings(set_id, parent_id), None, None)
        _renumber(set_id)


def move_question(question_id: int, position: int) -> None:
    """Move a question (with its sub-questions) to `position` among its siblings."""
    row = Question.get_or_none(Question.id == question_id)
    if row is None:
        raise ValidationError({"question": "That question no longer exists."})
    with db.atomic():
        _place(_siblings(row.question_set_id, row.parent_id), row, position)
        _renumber(row.question_set_id)
