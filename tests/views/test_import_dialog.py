"""The import dialog on small files: guessed columns, preview with problems, import, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog

from oneonone_desktop.store.models import Supporter
from oneonone_desktop.views import messages
from oneonone_desktop.views.export import run_export
from oneonone_desktop.views.import_dialog import ImportDialog

SHEET = (
    "First Name,Last Name,E-mail Address,Mobile Phone,ZIP,Comments\n"
    "Ana,García,ana@casa.org,555-010-2000,92501,met at the huddle\n"
    "Ben,Okafor,ben@union.org,,92503,\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_import_guesses_columns_previews_and_imports(qtbot, database, add_person, tmp_path):
    add_person("Ana", "García", emails=["ANA@casa.org"])
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    assert dialog.load_file(write(tmp_path, "sheet.csv", SHEET))
    assert dialog.pages.currentIndex() == 1
    guessed = dialog.mapping()
    assert guessed[0] == "first_name" and guessed[2] == "email" and guessed[4] == "postal_code"
    assert "met at the huddle" not in dialog.columns.item(0, 1).text()
    assert "Ana" in dialog.columns.item(0, 1).text()
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 2
    assert dialog.summary.text() == (
        "Will add 1 new person, merge 1 with people already in your list."
    )
    assert dialog.next_button.isEnabled()
    dialog.next_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "added 1 person, merged 1 person" in dialog.result_text
    assert Supporter.select().count() == 2


def test_problems_are_listed_by_line_and_field_and_block_the_import(qtbot, database, tmp_path):
    bad = "Name,Email\nAna García,not-an-email\nBen Okafor,ben@union.org\n"
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    dialog.load_file(write(tmp_path, "bad.csv", bad))
    dialog.next_button.click()
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.item(0, 0).text() == "bad.csv"
    assert dialog.problems.item(0, 1).text() == "2"
    assert "1 row needs fixing first" in dialog.summary.text()
    assert dialog.preview_title.text() == "One row needs fixing"
    assert not dialog.next_button.isEnabled()
    assert Supporter.select().count() == 0


def test_no_name_column_says_so_on_the_column_page(qtbot, database, tmp_path):
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    dialog.load_file(write(tmp_path, "sheet.csv", SHEET))
    dialog.set_column(0, "")
    dialog.set_column(1, "")
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 1
    assert "no column looks like a name" in dialog.mapping_error.text()


def test_a_file_that_cannot_be_read_is_explained_on_the_first_page(qtbot, database, tmp_path):
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    assert not dialog.load_file(tmp_path / "missing.csv")
    assert dialog.pages.currentIndex() == 0
    assert "missing.csv" in dialog.pick_error.text()


def test_vcard_goes_straight_to_the_preview(qtbot, database, tmp_path):
    card = "BEGIN:VCARD\nVERSION:3.0\nN:Okafor;Ben;;;\nFN:Ben Okafor\nTEL:555-010-3000\nEND:VCARD\n"
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    dialog.load_file(write(tmp_path, "phone.vcf", card))
    assert dialog.pages.currentIndex() == 2
    dialog.next_button.click()
    assert Supporter.get().last_name == "Okafor"


def test_export_writes_the_selected_or_all_shown(
    qtbot, database, add_person, tmp_path, monkeypatch
):
    ana = add_person("Ana", "García")
    ben = add_person("Ben", "Okafor")
    target = tmp_path / "out"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Spreadsheet (CSV) (*.csv)")
    )
    monkeypatch.setattr(messages, "choose", lambda *a, **k: 0)
    shown: list[str] = []
    monkeypatch.setattr(messages, "info", lambda parent, title, text: shown.append(text))
    done = run_export(None, [ana], lambda: [ana, ben])
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "García" in text and "Okafor" not in text
    assert done == "Exported 1 person to out.csv."
    # Ana never agreed to share her details with the chapter: the organizer is told.
    assert len(shown) == 1 and "did not agree to share their details" in shown[0]
