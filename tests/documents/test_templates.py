"""Card templates: the shipped defaults in English and Spanish, seeded once (edits and deletions
survive reopening), and the editor's create/read/update/delete helpers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from oneonone_desktop.documents import templates
from oneonone_desktop.documents.templates import (
    CardTemplate,
    TemplateError,
    TemplateOptions,
    UnknownTemplate,
)
from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.models import Template


def test_the_defaults_cover_each_occasion_in_english_and_spanish_without_unknown_fields():
    defaults = templates.default_templates()
    assert len(defaults) >= 8
    by_language = {lang: [t for t in defaults if t.language == lang] for lang in ("en", "es")}
    assert len(by_language["en"]) == len(by_language["es"]) >= 4
    names = [t.name for t in defaults]
    assert len(set(names)) == len(names)
    for template in defaults:
        assert template.unknown_fields() == [], template.name
        assert template.problems() == {}, template.name
        assert template.options.heading and template.options.signature and template.options.cover


def test_a_new_database_holds_the_defaults_and_reopening_adds_nothing(database, data_dir):
    count = Template.select().count()
    assert count == len(templates.default_templates())
    close_database(database)
    again = open_database(database_path(data_dir), backup_dir=backup_dir(data_dir))
    try:
        assert Template.select().count() == count
    finally:
        close_database(again)


def test_edited_and_deleted_defaults_stay_that_way_after_reopening(database, data_dir):
    edited = templates.get_template("Thank you for our 1:1")
    templates.save_template(replace(edited, body="My own words, {first_name}."))
    templates.delete_template(templates.get_template("Great to meet you").id or 0)
    close_database(database)
    again = open_database(database_path(data_dir), backup_dir=backup_dir(data_dir))
    try:
        assert templates.get_template("Thank you for our 1:1").body == "My own words, {first_name}."
        with pytest.raises(UnknownTemplate):
            templates.get_template("Great to meet you")
    finally:
        close_database(again)


def test_save_creates_then_updates_and_names_are_unique_whatever_the_case(database):
    created = templates.save_template(
        CardTemplate(name="Welcome", body="Welcome, {first_name}!", language="en")
    )
    assert created.id is not None
    updated = templates.save_template(replace(created, body="Welcome aboard, {first_name}!"))
    assert templates.get_template("welcome").body == "Welcome aboard, {first_name}!"
    assert updated.id == created.id
    with pytest.raises(TemplateError) as caught:
        templates.save_template(CardTemplate(name="WELCOME", body="x"))
    assert "already called" in caught.value.problems["name"]


def test_bad_templates_are_refused_field_by_field_and_nothing_is_saved(database):
    before = Template.select().count()
    bad = CardTemplate(
        name=" ",
        body="",
        language="Spanish",
        options=TemplateOptions(font="comic", accent="purple", align="justify"),
    )
    with pytest.raises(TemplateError) as caught:
        templates.save_template(bad)
    assert set(caught.value.problems) == {
        "name",
        "body",
        "language",
        "options.font",
        "options.accent",
        "options.align",
    }
    assert Template.select().count() == before


def test_unknown_fields_do_not_stop_a_save_but_are_listed_for_the_editor(database):
    saved = templates.save_template(
        CardTemplate(
            name="Typo", body="Dear {frist_name}", options=TemplateOptions(heading="{Nme}")
        )
    )
    assert saved.unknown_fields() == ["frist_name", "Nme"]


def test_duplicate_and_delete(database):
    original = templates.get_template("Gracias por sumarte")
    copy = templates.duplicate_template(original.id or 0, "Gracias (mi versión)")
    assert copy.body == original.body and copy.language == "es" and copy.id != original.id
    assert templates.delete_template(copy.id or 0) is True
    assert templates.delete_template(copy.id or 0) is False


def test_list_filters_by_language_and_unknown_names_list_the_known_ones(database):
    spanish = templates.list_templates(language="es")
    assert spanish and all(t.language == "es" for t in spanish)
    with pytest.raises(UnknownTemplate) as caught:
        templates.get_template("Nope")
    assert "'Nope'" in caught.value.message and "Thank you for our 1:1" in caught.value.message


def test_a_broken_template_file_names_the_file_line_and_field(tmp_path: Path):
    (tmp_path / "bad.json").write_text(
        '{\n  "name": "Bad",\n  "body": "Hi {first_name}",\n  "options": {\n'
        '    "accent": "red"\n  }\n}\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as caught:
        templates.default_templates(tmp_path)
    assert caught.value.message.startswith("bad.json, line 5: options.accent")
    (tmp_path / "bad.json").write_text('{"name": "Bad", "body": "Hi {frist}"}', encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        templates.default_templates(tmp_path)
    assert "{frist}" in caught.value.message
