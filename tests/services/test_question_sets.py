"""Question sets: the guide's questions as shipped, branching, numbering and editing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.resources import resource_path
from oneonone_desktop.services import question_sets as qs
from oneonone_desktop.services.question_tree import (
    QuestionData,
    QuestionSetFileError,
    full_number,
    label_for,
    parse_set,
    visible,
)
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.store.connection import close_database, open_database


def by_number(questions: list[QuestionData]) -> dict[str, QuestionData]:
    return {q.number: q for q in questions}


def numbers(questions: list[QuestionData]) -> list[str]:
    return [q.number for q in questions]


@pytest.fixture
def guide(database) -> list[QuestionData]:
    return qs.load_questions(qs.default_set_id("en"))


def test_shipped_english_set_has_the_guides_twelve_questions_worded_exactly(guide):
    top = [q for q in guide if q.depth == 0]
    assert [q.number for q in top] == [str(n) for n in range(1, 13)]
    q = by_number(guide)
    assert q["1"].text == (
        "Do you believe your values are reflected in the actions of this Administration?"
    )
    assert q["5"].text == (
        "Do you believe you contributed to the victory of the Republican party in the 2016 "
        "presidential election?"
    )
    assert q["5a"].text == "If so, how?"
    assert q["7c"].text == "If not, why?"
    assert q["8a"].text == "Have you ever been [insert words used to describe national rhetoric]?"
    assert q["11c.i"].text == "If so, have you discussed a strategy to address your concerns?"
    assert q["11c.i.1"].text == "If not, would you like to meet others motivated to do so?"
    assert q["11c.ii"].text == "If not, would you be interested in meeting others motivated to act?"
    assert q["12"].text == (
        "When are you next available to follow up on our conversation and next steps for action?"
    )
    assert q["12"].hint.startswith("(Agree on specific time, date and place.)")
    assert q["12"].answer_kind == "choice"
    assert q["12"].options[0] == "Join our huddle"
    assert len(q["12"].options) == 5
    assert q["5"].answer_kind == "yes_no" and q["3"].answer_kind == "text"


def test_numbers_written_in_the_files_match_the_computed_numbering():
    for name in ("guide-en", "guide-es"):
        data = json.loads(resource_path("question_sets", f"{name}.json").read_text("utf-8"))

        def walk(items, depth, source=name):
            for index, item in enumerate(items, start=1):
                assert item["number"] == label_for(depth, index), (source, item["text"])
                walk(item.get("children") or [], depth + 1)

        walk(data["questions"], 0)


def test_spanish_set_has_the_same_shape_as_the_english_one(database):
    en = qs.load_questions(qs.default_set_id("en"))
    es = qs.load_questions(qs.default_set_id("es"))
    shape = [(q.number, q.answer_kind, q.show_when, len(q.options)) for q in en]
    assert [(q.number, q.answer_kind, q.show_when, len(q.options)) for q in es] == shape
    assert es[0].text.startswith("¿")
    assert {q.text for q in es}.isdisjoint({q.text for q in en})


def test_default_set_follows_the_language_and_falls_back_to_english(database):
    sets = {s.language: s.id for s in qs.list_sets()}
    assert qs.default_set_id("es-MX") == sets["es"]
    assert qs.default_set_id("fr") == sets["en"]


def test_labels_follow_depth_one_a_i_one():
    assert [label_for(0, 11), label_for(1, 3), label_for(2, 2), label_for(3, 1)] == [
        "11",
        "c",
        "ii",
        "1",
    ]
    assert label_for(1, 27) == "aa" and label_for(2, 9) == "ix"
    assert full_number(["11", "c", "i", "1"]) == "11c.i.1"
    assert full_number(["5", "a"]) == "5a"


def test_without_answers_only_unconditional_questions_show(guide):
    shown = numbers(visible(guide, {}))
    for hidden in ("5a", "6a", "6b", "6c", "7a", "7b", "7c", "9a", "11c.i", "11c.i.1", "11c.ii"):
        assert hidden not in shown
    for always in ("8a", "9b", "11a", "11b", "11c", "12"):
        assert always in shown


def test_yes_and_no_branches_show_the_right_sub_questions(guide):
    q = by_number(guide)

    def shown(**said):
        answers = {q[n.replace("_", ".")].id: {"yes_no": v} for n, v in said.items()}
        return numbers(visible(guide, answers))

    assert "5a" in shown(**{"5": "yes"}) and "5a" not in shown(**{"5": "no"})
    assert {"6a", "6b", "6c"} <= set(shown(**{"6": "yes"}))
    assert not {"6a", "6b", "6c"} & set(shown(**{"6": "no"}))
    yes7, no7 = shown(**{"7": "yes"}), shown(**{"7": "no"})
    assert "7a" in yes7 and "7b" in yes7 and "7c" not in yes7
    assert "7c" in no7 and "7a" not in no7
    assert "9a" in shown(**{"9": "yes"}) and "9b" in shown(**{"9": "no"})
    deep = shown(**{"11c": "yes", "11c_i": "no"})
    assert "11c.i" in deep and "11c.i.1" in deep and "11c.ii" not in deep
    assert "11c.i.1" not in shown(**{"11c": "yes", "11c_i": "yes"})


def test_a_hidden_question_hides_its_sub_questions_even_with_old_answers(guide):
    q = by_number(guide)
    answers = {q["11c"].id: {"yes_no": "no"}, q["11c.i"].id: {"yes_no": "no"}}
    shown = numbers(visible(guide, answers))
    assert "11c.ii" in shown
    assert "11c.i" not in shown and "11c.i.1" not in shown


def test_visible_questions_reads_the_stored_set(database):
    set_id = qs.default_set_id("en")
    q = by_number(qs.load_questions(set_id))
    shown = numbers(qs.visible_questions(set_id, {q["5"].id: {"yes_no": "yes"}}))
    assert shown[:6] == ["1", "2", "3", "4", "5", "5a"]


def test_shipped_sets_are_loaded_once_and_a_deleted_one_stays_deleted(data_dir: Path):
    first = open_database(database_path(data_dir), backup_dir=backup_dir(data_dir))
    assert len(qs.list_sets()) == 2
    spanish = next(s for s in qs.list_sets() if s.language == "es")
    qs.delete_set(spanish.id)
    close_database(first)
    again = open_database(database_path(data_dir), backup_dir=backup_dir(data_dir))
    assert [s.language for s in qs.list_sets()] == ["en"]
    close_database(again)


def test_copy_is_independent_of_the_original(guide):
    original = qs.default_set_id("en")
    copy = qs.copy_set(original, "My questions")
    copied = qs.load_questions(copy)
    assert [(q.number, q.text, q.show_when) for q in copied] == [
        (q.number, q.text, q.show_when) for q in guide
    ]
    qs.update_question(copied[0].id, text="What brings you here today?")
    assert qs.load_questions(original)[0].text == guide[0].text


def test_adding_removing_and_moving_renumbers_the_set(database):
    set_id = qs.create_set("Short set")
    a = qs.add_question(set_id, "Why are you here?")
    b = qs.add_question(set_id, "Have you organized before?", "yes_no")
    sub = qs.add_question(set_id, "What did you do?", parent_id=b, show_when="yes")
    first = qs.add_question(set_id, "How are you?", position=0)
    assert numbers(qs.load_questions(set_id)) == ["1", "2", "3", "3a"]
    qs.move_question(first, 5)
    assert [q.id for q in qs.load_questions(set_id)] == [a, b, sub, first]
    assert numbers(qs.load_questions(set_id)) == ["1", "2", "2a", "3"]
    qs.remove_question(a)
    assert numbers(qs.load_questions(set_id)) == ["1", "1a", "2"]
    qs.remove_question(b)
    assert [q.id for q in qs.load_questions(set_id)] == [first]


def test_bad_edits_are_refused_with_plain_messages(database):
    set_id = qs.create_set("Mine")
    text_q = qs.add_question(set_id, "What matters to you?")
    yes_no = qs.add_question(set_id, "Have you voted?", "yes_no")
    with pytest.raises(ValidationError) as empty:
        qs.add_question(set_id, "   ")
    assert empty.value.problems == {"text": "Type the question."}
    with pytest.raises(ValidationError) as branch:
        qs.add_question(set_id, "If so?", parent_id=text_q, show_when="yes")
    assert "not answered yes or no" in branch.value.problems["show_when"]
    with pytest.raises(ValidationError) as choice:
        qs.add_question(set_id, "Pick one", "choice", options=["Only one"])
    assert "two choices" in choice.value.problems["options"]
    qs.add_question(set_id, "Where?", parent_id=yes_no, show_when="yes")
    with pytest.raises(ValidationError) as kind:
        qs.update_question(yes_no, answer_kind="text")
    assert "sub-questions" in kind.value.problems["answer_kind"]
    assert len(qs.load_questions(set_id)) == 3


def test_the_last_question_set_cannot_be_deleted(database):
    for info in qs.list_sets()[1:]:
        qs.delete_set(info.id)
    with pytest.raises(ValidationError):
        qs.delete_set(qs.list_sets()[0].id)


def test_deleting_the_default_set_makes_another_one_of_its_language_the_default(database):
    english = qs.default_set_id("en")
    copy = qs.copy_set(english, "Copy")
    qs.delete_set(english)
    assert qs.default_set_id("en") == copy


def test_a_broken_set_file_names_the_file_the_line_and_the_question():
    with pytest.raises(QuestionSetFileError, match=r"mine\.json, line 2"):
        parse_set('{"name": "x",\n "questions": [}', "mine.json")
    bad_branch = {
        "name": "x",
        "questions": [
            {"text": "Why?", "answer": "text", "children": [{"text": "If so?", "show_when": "yes"}]}
        ],
    }
    with pytest.raises(QuestionSetFileError, match=r"mine\.json, question 1a: 'show_when'"):
        parse_set(json.dumps(bad_branch), "mine.json")
