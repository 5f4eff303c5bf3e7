"""The card template editor: live preview, merge fields, saving, duplicating and deleting."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from oneonone_desktop.documents.templates import get_template, get_template_by_id, list_templates
from oneonone_desktop.views import messages
from oneonone_desktop.views.printing.template_editor import TemplateEditor

NAME = "Thank you for our 1:1"


@pytest.fixture
def editor(database, qtbot):
    dialog = TemplateEditor(None, get_template(NAME).id, "avery-8387")
    dialog.show()
    yield dialog
    dialog.dirty = False  # closed here, after the test: no question about unsaved changes
    dialog.close()
    dialog.deleteLater()


def preview_text(editor: TemplateEditor) -> str:
    reader = PdfReader(io.BytesIO(editor.preview.pdf_data))
    return " ".join(page.extract_text() for page in reader.pages)


def test_opens_on_the_chosen_template_with_its_sheet_previewed(editor):
    assert editor.form.name.text() == NAME
    assert editor.preview.page_count() == 1
    assert "Dear Mari," in preview_text(editor)  # the sample values


def test_typing_in_the_message_updates_the_preview_after_a_pause(editor, qtbot):
    editor.form.body.setFocus()
    editor.form.body.moveCursor(editor.form.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.form.body, " Zapote")
    assert editor.dirty
    assert "Zapote" not in preview_text(editor)  # not on every keystroke
    qtbot.waitUntil(lambda: "Zapote" in preview_text(editor))


def test_a_misspelt_field_is_flagged_with_the_likely_one(editor, qtbot):
    editor.form.body.setPlainText("Hello {frist_name}!")
    assert editor.form.unknown.isVisibleTo(editor)
    assert "{frist_name} (did you mean {first_name}?)" in editor.form.unknown.text()
    editor.form.body.setPlainText("Hello {first_name}!")
    assert not editor.form.unknown.isVisibleTo(editor)


def test_the_field_menu_inserts_where_the_cursor_is(editor, qtbot):
    editor.form.heading.setFocus()
    editor.form.heading.setText("Hi ")
    menu = editor.form.insert_field.menu()
    action = next(a for a in menu.actions() if a.data() == "preferred_name")
    action.trigger()
    assert editor.form.heading.text() == "Hi {preferred_name}"
    assert editor.dirty


def test_saving_keeps_the_changes_in_the_database(editor, qtbot):
    editor.form.name.setText("")
    qtbot.keyClicks(editor.form.name, "Thanks, neighbour")
    editor.form.body.setPlainText("Thank you, {first_name}.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = get_template_by_id(editor.chosen_id())
    assert (stored.name, stored.body) == ("Thanks, neighbour", "Thank you, {first_name}.")
    assert not editor.dirty
    assert editor.list.currentItem().text() == "Thanks, neighbour"


def test_problems_show_beside_their_fields_and_nothing_is_saved(editor, qtbot):
    before = get_template(NAME)
    editor.form.name.clear()
    editor.form.accent.setText("purple")
    editor.form.body.setPlainText("Changed")
    assert not editor.save()
    assert editor.form.errors["name"].isVisibleTo(editor)
    assert editor.form.errors["options.accent"].text() == "Use a colour like #5b2a86."
    assert get_template_by_id(before.id) == before


def test_duplicate_saves_a_copy_and_leaves_the_original(editor, qtbot):
    before = get_template(NAME)
    editor.form.body.setPlainText("A new message")
    qtbot.mouseClick(editor.duplicate_button, Qt.MouseButton.LeftButton)
    copy = get_template(f"{NAME} (copy)")
    assert copy.body == "A new message"
    assert get_template_by_id(before.id) == before
    assert editor.chosen_id() == copy.id


def test_delete_asks_first_and_removes_the_template(editor, qtbot, monkeypatch):
    count = len(list_templates())
    monkeypatch.setattr(messages, "confirm", lambda *args: False)
    editor.delete()
    assert len(list_templates()) == count
    monkeypatch.setattr(messages, "confirm", lambda *args: True)
    editor.delete()
    assert NAME not in [t.name for t in list_templates()]
    assert editor.form.name.text() != NAME


def test_switching_with_unsaved_changes_asks_to_save_them(editor, qtbot, monkeypatch):
    monkeypatch.setattr(messages, "choose", lambda *args: 0)  # Save
    editor.form.body.setPlainText("Saved on the way out")
    other = next(
        editor.list.item(i)
        for i in range(editor.list.count())
        if editor.list.item(i).text() == "Great to meet you"
    )
    editor.list.setCurrentItem(other)
    assert get_template(NAME).body == "Saved on the way out"
    assert editor.form.name.text() == "Great to meet you"


def test_a_new_template_needs_a_name_and_message(editor, qtbot):
    qtbot.mouseClick(editor.new_button, Qt.MouseButton.LeftButton)
    assert "Write the message" in editor.preview.message.text()
    assert not editor.save()
    assert editor.form.errors["body"].isVisibleTo(editor)
    editor.form.name.setText("Gracias")
    editor.form.language.setCurrentIndex(editor.form.language.findData("es"))
    editor.form.body.setPlainText("¡Gracias, {first_name}!")
    assert editor.save()
    assert get_template("Gracias").language == "es"


def test_closing_with_unsaved_changes_can_be_cancelled(editor, qtbot, monkeypatch):
    editor.form.body.setPlainText("Half written")
    monkeypatch.setattr(messages, "choose", lambda *args: None)  # Cancel
    editor.close()
    assert editor.isVisible()
    monkeypatch.setattr(messages, "choose", lambda *args: 1)  # Don't save
    editor.close()
    assert not editor.isVisible()
    assert get_template(NAME).body != "Half written"
