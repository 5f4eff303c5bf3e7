"""Send PDF bytes out: to a printer (each page drawn at the printer's resolution, on the stock's
paper size and orientation, no margins), or to a PDF/PNG file written atomically.

`ask_printer` and `ask_save_path` show the system dialogs; tests replace them, or call
`configure_printer` + `print_pdf` with a PDF-file QPrinter directly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QObject,
    QSizeF,
)
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

PRINT_DPI = 300  # sharp text on paper; a Letter page is then a 34 MB image, not 540 MB at 1200
ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


class PdfUnreadable(RuntimeError):
    """Qt could not read the PDF bytes (should not happen with our own documents)."""


def page_layout(size_pt: tuple[float, float]) -> QPageLayout:
    """A margin-free layout for a page of this size in points: a named size (Letter, A4, #10
    envelope, …) where one matches, so the printer picks the right paper, turned to landscape
    when the page is wider than tall."""
    width, height = size_pt
    landscape = width > height
    portrait = QSizeF(min(width, height), max(width, height))
    size_id = QPageSize.id(portrait, QPageSize.Unit.Point, QPageSize.SizeMatchPolicy.FuzzyMatch)
    if size_id == QPageSize.PageSizeId.Custom:
        page_size = QPageSize(
            portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch
        )
    else:
        page_size = QPageSize(size_id)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def configure_printer(printer: QPrinter, size_pt: tuple[float, float], title: str) -> None:
    """Set the page size and orientation of the stock, no margins, and the document's name."""
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(size_pt))
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setResolution(PRINT_DPI)
    printer.setDocName(title)


def ask_printer(
    parent: QWidget | None, size_pt: tuple[float, float], title: str
) -> QPrinter | None:
    """The system print dialog, set up for the stock; None when the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, size_pt, title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print {what}").format(what=title))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    # Some drivers reset these from their own defaults: the stock decides.
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    return printer


def load_pdf(data: bytes, parent: QObject | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading `data`, and the buffer it reads from (keep both alive)."""
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PdfUnreadable(str(document.error()))
    return document, buffer


def print_pdf(
    data: bytes,
    printer: QPrinter,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> int:
    """Draw every page of the PDF on the printer, edge to edge; returns how many pages.

    Stops before the next page when `cancelled()` says so (pages already sent stay sent).
    """
    document, buffer = load_pdf(data)
    total = document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_tr("The printer could not be started."))
    done = 0
    try:
        for page in range(total):
            if cancelled is not None and cancelled():
                break
            if page:
                printer.newPage()
            target = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            image = document.render(page, target.size())
            painter.drawImage(target, image)
            done += 1
            if progress is not None:
                progress(done, total)
    finally:
        painter.end()
        buffer.close()
    return done


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, file_filter: str
) -> Path | None:
    """The system save dialog; None when the user cancels."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), file_filter)
    return Path(name) if name else None


def save_bytes(path: Path, data: bytes, suffix: str) -> Path:
    """Write `data` atomically, adding `suffix` (".pdf", ".png") when the name lacks it."""
    from oneonone_desktop.io.atomic import atomic_write_bytes

    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    atomic_write_bytes(path, data)
    return path
