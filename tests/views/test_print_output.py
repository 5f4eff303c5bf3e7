"""Pages out of the app: printer set-up from the stock, printing a PDF to a PDF-file printer,
atomic saving, and the preview's page navigation and zoom."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from reportlab.pdfgen.canvas import Canvas

from oneonone_desktop.views.printing import output
from oneonone_desktop.views.printing.preview import PdfPreview


def three_pages(size: tuple[float, float] = (612, 792)) -> bytes:
    import io

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size)
    for number in range(3):
        canvas.drawString(72, 72, f"Page {number + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_named_paper_sizes_are_found_and_wide_pages_turn_landscape():
    letter = output.page_layout((612, 792))
    assert letter.pageSize().id() == QPageSize.PageSizeId.Letter
    assert letter.orientation() == QPageLayout.Orientation.Portrait
    a4 = output.page_layout((595.28, 841.89))
    assert a4.pageSize().id() == QPageSize.PageSizeId.A4
    envelope = output.page_layout((684, 297))  # #10 envelope, long side across
    assert envelope.pageSize().id() == QPageSize.PageSizeId.Envelope10
    assert envelope.orientation() == QPageLayout.Orientation.Landscape
    square = output.page_layout((1080, 1080))
    assert square.pageSize().id() == QPageSize.PageSizeId.Custom
    assert square.margins().isNull()


def test_printing_puts_every_page_on_paper_of_the_page_size(qapp, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    output.configure_printer(printer, (595.28, 841.89), "Test")
    assert printer.resolution() == output.PRINT_DPI
    assert output.print_pdf(three_pages((595.28, 841.89)), printer) == 3
    pages = PdfReader(str(tmp_path / "out.pdf")).pages
    assert len(pages) == 3
    assert round(float(pages[0].mediabox.width)) == 595
    assert round(float(pages[0].mediabox.height)) == 842


def test_cancelling_a_print_stops_before_the_next_page(qapp, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    output.configure_printer(printer, (612, 792), "Test")
    done: list[int] = []
    sent = output.print_pdf(
        three_pages(), printer, lambda n, total: done.append(n), lambda: len(done) >= 1
    )
    assert sent == 1


def test_saving_adds_the_ending_and_replaces_the_file_whole(tmp_path):
    written = output.save_bytes(tmp_path / "cards", b"%PDF-1.4 new", ".pdf")
    assert written == tmp_path / "cards.pdf"
    assert written.read_bytes() == b"%PDF-1.4 new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.pdf"]


def test_preview_pages_through_and_zooms(qtbot):
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(600, 500)
    preview.show()
    assert preview.set_pdf(three_pages(), "3 pages") == 3
    assert preview.page_label.text() == "Page 1 of 3"
    assert not preview.previous_button.isEnabled()
    qtbot.mouseClick(preview.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.current_page() == 1)
    assert preview.page_label.text() == "Page 2 of 3"
    fitted = preview._effective_zoom()
    qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomFactor() > fitted
    qtbot.mouseClick(preview.fit_button, Qt.MouseButton.LeftButton)
    assert preview._effective_zoom() == fitted
    preview.show_message("Choose who")
    assert not preview.showing_pages()
    assert not preview.zoom_in_button.isVisible()


def test_page_keys_move_the_preview_only_while_it_has_the_focus(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    box = QLineEdit()
    preview = PdfPreview()
    layout = QVBoxLayout(holder)
    layout.addWidget(box)
    layout.addWidget(preview)
    holder.resize(600, 600)
    holder.show()
    preview.set_pdf(three_pages())
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_PageDown)
    assert preview.current_page() == 0
    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: preview.current_page() == 1)


def test_stopping_while_sending_tells_how_many_pages_went(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from oneonone_desktop.views.printing import deliver
    from oneonone_desktop.views.printing.printable import Printable, Rendered

    parent = QWidget()
    qtbot.addWidget(parent)
    real = deliver._sending_dialog

    def stop_after_one(widget):
        dialog = real(widget)
        dialog.wasCanceled = lambda: dialog.value() >= 1  # Stop pressed after the first page
        return dialog

    monkeypatch.setattr(deliver, "_sending_dialog", stop_after_one)
    printable = Printable(
        ("t",), "labels", "Test", "t", 3, (612, 792), lambda p, c: Rendered(b"", "")
    )
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    said = deliver.print_pages(parent, printable, three_pages(), printer)
    assert said == "Stopped after 1 page of 3."
