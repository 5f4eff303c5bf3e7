"""The Print section: choose people, stock and template, see the real pages, print, save."""

from __future__ import annotations

import datetime as dt
import io
import math
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, QMetaObject, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from oneonone_desktop.store.models import Task
from oneonone_desktop.views import messages
from oneonone_desktop.views.printing import jobs, output
from oneonone_desktop.views.printing.feature import SECTION, print_section

ADDRESS = {"street": "12 Oak St", "city": "Riverside", "region": "CA", "postal_code": "92501"}


@pytest.fixture
def section(window, qtbot):
    page = print_section(window)
    window.show_section(SECTION)
    return page


def wait_pages(qtbot, section, pages: int) -> None:
    qtbot.waitUntil(lambda: section.preview.page_count() == pages, timeout=10_000)


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(data))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def thank_you_task(supporter_id: int) -> Task:
    return Task.create(
        supporter=supporter_id,
        kind="thank_you",
        title="Thank-you card",
        channel="card",
        due_on=dt.date.today(),
        uid=f"task-{supporter_id}",
    )


def test_cards_for_chosen_people_preview_one_sheet_per_four_postcards(section, add_person, qtbot):
    ids = [add_person(f"Ana{i}", "García", **ADDRESS) for i in range(5)]
    section.sheet.choose_stock("avery-8387")
    section.print_cards_for(ids)
    wait_pages(qtbot, section, 2)
    assert section.preview.document().pageCount() == 2
    assert "5 cards on 2 sheets" in section.preview.caption.text()
    section.sheet.back.setChecked(True)
    wait_pages(qtbot, section, 4)


def test_changing_the_stock_previews_again_on_the_new_sheet(section, add_person, qtbot):
    ids = [add_person(f"Ana{i}") for i in range(3)]
    section.print_cards_for(ids)
    section.sheet.choose_stock("avery-8387")
    wait_pages(qtbot, section, 1)
    section.sheet.choose_stock("notecard-letter-quarterfold")
    wait_pages(qtbot, section, 3)
    section.sheet.skip.setValue(0)
    assert section.print_button.isEnabled()


def test_nobody_chosen_says_what_to_do_and_cannot_print(section, qtbot):
    section.sheet.people.use_people([])
    section.sheet.people.selected.setChecked(True)
    section.refresh_preview()
    assert "Select people" in section.preview.message.text()
    assert not section.print_button.isEnabled()
    assert not section.preview.showing_pages()


def test_labels_leave_out_people_without_an_address_and_name_them(section, add_person, qtbot):
    with_address = add_person("Rosa", "Delgado", **ADDRESS)
    without = add_person("Tom", "Nguyen")
    section.show_kind("labels")
    also = add_person("Ana", "Ruiz", **ADDRESS)
    section.sheet.people.use_people([with_address, also])
    section.sheet.people.use_people([with_address, without, also])
    assert section.sheet.people.count.text() == "3 people chosen"
    wait_pages(qtbot, section, 1)
    qtbot.waitUntil(section.notes.isVisible)
    assert "1 person has no postal address and was left out: Tom Nguyen." in section.notes.text()
    assert section.rendered().result.written == 2


def test_printing_draws_each_page_on_the_stock_paper_without_the_dialog(
    section, add_person, qtbot, tmp_path
):
    ids = [add_person(f"Ana{i}", "García", **ADDRESS) for i in range(5)]
    section.sheet.choose_stock("avery-8387")
    section.print_cards_for(ids)
    wait_pages(qtbot, section, 2)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert section.print_current(printer)
    pages = pdf_pages((tmp_path / "printed.pdf").read_bytes())
    assert len(pages) == 2
    assert all(abs(w - 612) < 1 and abs(h - 792) < 1 for w, h in pages)  # US Letter


def test_envelopes_print_landscape_on_the_envelope_size(section, add_person, qtbot, tmp_path):
    person = add_person("Rosa", "Delgado", **ADDRESS)
    section.show_kind("envelopes")
    section.sheet.choose_stock("envelope-10")
    section.sheet.people.use_people([person])
    wait_pages(qtbot, section, 1)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "envelope.pdf"))
    assert section.print_current(printer)
    ((width, height),) = pdf_pages((tmp_path / "envelope.pdf").read_bytes())
    assert abs(width - 9.5 * 72) < 1 and abs(height - 4.125 * 72) < 1


def test_printing_thank_you_cards_asks_and_ticks_their_tasks(
    section, add_person, qtbot, tmp_path, monkeypatch
):
    person = add_person("Rosa", "Delgado", **ADDRESS)
    task = thank_you_task(person)
    asked: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda parent, title, text, action, d=False: asked.append(text) or True
    )
    monkeypatch.setattr(output, "ask_printer", lambda *args: _pdf_printer(tmp_path / "c.pdf"))
    section.print_cards_for([person])
    wait_pages(qtbot, section, 1)
    qtbot.mouseClick(section.print_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("Mark these thank-you cards as sent?")
    assert Task.get_by_id(task.id).status == "done"
    assert (tmp_path / "c.pdf").exists()


def test_declining_to_mark_cards_sent_leaves_the_task_open(
    section, add_person, qtbot, tmp_path, monkeypatch
):
    person = add_person("Rosa", "Delgado")
    task = thank_you_task(person)
    monkeypatch.setattr(messages, "confirm", lambda *args: False)
    section.print_cards_for([person])
    wait_pages(qtbot, section, 1)
    assert section.save_pdf(tmp_path / "cards.pdf") == tmp_path / "cards.pdf"
    assert Task.get_by_id(task.id).status == "open"


def test_saving_a_pdf_writes_the_previewed_pages(section, add_person, qtbot, tmp_path, monkeypatch):
    ids = [add_person(f"Ana{i}", **ADDRESS) for i in range(31)]
    monkeypatch.setattr(output, "ask_save_path", lambda *args: tmp_path / "labels")
    section.show_kind("labels")
    section.sheet.choose_stock("avery-5160")
    section.sheet.people.use_people(ids)
    wait_pages(qtbot, section, 2)
    qtbot.mouseClick(section.save_pdf_button, Qt.MouseButton.LeftButton)
    assert len(pdf_pages((tmp_path / "labels.pdf").read_bytes())) == 2


def test_cancelling_a_big_batch_leaves_no_file(section, many_people, qtbot, tmp_path, monkeypatch):
    many_people(jobs.BIG_BATCH + 30)
    from oneonone_desktop.store.models import Supporter

    ids = [p.id for p in Supporter.select(Supporter.id)]
    real_dialog = jobs.progress_dialog

    def cancel_at_once(parent, label, job):
        """At the first card, the worker waits until Cancel is clicked in the dialog."""
        dialog = real_dialog(parent, label, job)
        clicked = threading.Event()
        dialog.canceled.connect(clicked.set)

        def first_card(done: int, total: int) -> None:
            if not clicked.is_set():
                button = dialog.findChild(QPushButton)
                QMetaObject.invokeMethod(button, "click", Qt.ConnectionType.QueuedConnection)
                assert clicked.wait(10)

        job.progressed.connect(first_card, Qt.ConnectionType.DirectConnection)
        return dialog

    monkeypatch.setattr(jobs, "progress_dialog", cancel_at_once)
    section.print_cards_for(ids)  # the preview waits for the choices to settle: save first
    folder = tmp_path / "out"
    folder.mkdir()
    assert section.save_pdf(folder / "cards.pdf") is None
    assert list(folder.iterdir()) == []  # no file, no temporary file left behind


def test_stopping_the_preview_says_so_and_offers_it_again(section, many_people, qtbot):
    many_people(jobs.BIG_BATCH + 10)
    from oneonone_desktop.store.models import Supporter

    ids = [p.id for p in Supporter.select(Supporter.id)]
    section.print_cards_for(ids)
    section.refresh_preview()
    assert section.runner.running()
    section.runner.cancel()  # as the Cancel button of its progress dialog does
    qtbot.waitUntil(lambda: "You stopped the preview" in section.preview.message.text())
    section.preview.message.linkActivated.emit("again")
    wait_pages(qtbot, section, math.ceil(len(ids) / 4))  # postcards, 4 a sheet


def test_offset_is_saved_and_moves_the_calibration_page(section, qtbot):
    from oneonone_desktop.documents.layout import load_offset

    section.show_kind("calibration")
    section.sheet.offset.right.setValue(1.5)
    section.sheet.offset.down.setValue(-2)
    assert load_offset() == (1.5, -2.0)
    qtbot.waitUntil(lambda: "+1.5 mm right and -2 mm down" in section.preview.caption.text())
    assert not section.sheet.offset.calibrate.isVisibleTo(section)


def test_people_menu_prints_cards_for_the_people_selected(window, add_person, qtbot):
    ids = [add_person(name) for name in ("Ana", "Bea", "Cy")]
    window.supporters.refresh()
    table = window.supporters.table
    for row in (0, 2):
        table.selectionModel().select(
            window.supporters.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    action = next(a for a in window.menu("people").actions() if "thank-you cards" in a.text())
    action.trigger()
    assert window.current_section() == SECTION
    section = print_section(window)
    assert section.sheet.people.mode() == "selected"
    assert sorted(section.sheet.people.ids()) == sorted([ids[0], ids[2]])


def test_person_page_button_prints_a_card_for_that_person(window, add_person, qtbot):
    person = add_person("Rosa", "Delgado")
    window.open_person(person)
    button = window.person_page().findChild(type(window.undo_button), "action_print-thank-you-card")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    section = print_section(window)
    assert window.current_section() == SECTION
    assert section.sheet.people.ids() == [person]
    wait_pages(qtbot, section, 1)


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_first_visit_starts_from_the_list_selection_when_no_card_is_due(window, add_person):
    ids = [add_person(name) for name in ("Ana", "Bea")]
    window.supporters.refresh()
    window.supporters.select_ids(ids)
    window.show_section(SECTION)
    people = print_section(window).sheet.people
    assert people.mode() == "selected"
    assert sorted(people.ids()) == sorted(ids)


def test_cards_with_an_empty_field_say_so_before_printing(section, add_person, qtbot):
    from oneonone_desktop.documents.templates import CardTemplate, save_template

    save_template(CardTemplate(name="Bare ask", body="See you at {ask}!"))
    section.sheet.reload_templates()
    section.sheet.choose_template("Bare ask")
    section.print_cards_for([add_person("Rosa")])
    qtbot.waitUntil(section.notes.isVisible)
    assert "no value for {ask}; that spot will be blank" in section.notes.text()
