"""Hand finished pages over: to a printer (the system dialog, or a given QPrinter), to a file,
and afterwards offer to tick the thank-you card tasks of the people whose cards went out.
Each returns what happened in plain words for the status bar ("" when nothing did)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from oneonone_desktop.views import messages
from oneonone_desktop.views.printing import output
from oneonone_desktop.views.printing.printable import Printable
from oneonone_desktop.views.wording import people_count

SENDING_DIALOG_DELAY_MS = 600


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def print_pages(
    parent: QWidget, printable: Printable, data: bytes, printer: QPrinter | None = None
) -> str:
    """Print through the system dialog (or on `printer`, set up here for the stock)."""
    if printer is None:
        printer = output.ask_printer(parent, printable.page_size, printable.title)
        if printer is None:
            return ""
    else:
        output.configure_printer(printer, printable.page_size, printable.title)
    dialog = _sending_dialog(parent)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)  # a modal progress dialog keeps the window painting meanwhile

    try:
        sent = output.print_pdf(data, printer, progress, dialog.wasCanceled)
        total = dialog.maximum()
    except (OSError, output.PdfUnreadable) as exc:
        messages.error(parent, printable.title, str(exc))
        return ""
    finally:
        dialog.reset()
        dialog.deleteLater()
    pages = _tr("1 page") if sent == 1 else _tr("{n} pages").format(n=f"{sent:,}")
    if total and sent < total:
        return _tr("Stopped after {pages} of {total}.").format(pages=pages, total=f"{total:,}")
    return _tr("Sent {pages} to the printer.").format(pages=pages)


def _sending_dialog(parent: QWidget) -> QProgressDialog:
    """Shown only when sending takes a while (each page is drawn at the printer's resolution)."""
    dialog = QProgressDialog(_tr("Sending the pages to the printer…"), _tr("Stop"), 0, 0, parent)
    dialog.setObjectName("sendingProgress")
    dialog.setWindowTitle(_tr("Printing"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SENDING_DIALOG_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def save_pages(parent: QWidget, printable: Printable, path: Path, data: bytes, suffix: str) -> str:
    """Write the file atomically (adding `suffix` when missing); errors are told plainly."""
    try:
        written = output.save_bytes(path, data, suffix)
    except OSError as exc:
        messages.error(
            parent,
            printable.title,
            _tr("Could not save {file}: {why}.").format(file=path.name, why=exc.strerror or exc),
        )
        return ""
    return _tr("Saved {file}.").format(file=written.name)


def offer_mark_sent(parent: QWidget, printable: Printable) -> str:
    """After thank-you cards were printed or saved: ask to tick their open tasks."""
    from oneonone_desktop.documents.cards import mark_cards_sent, thank_you_tasks

    if printable.kind != "cards" or not thank_you_tasks(printable.ids):
        return ""
    if not messages.confirm(
        parent,
        _tr("Thank-you cards"),
        _tr(
            "Mark these thank-you cards as sent? The open thank-you tasks of {who} will be "
            "ticked as done."
        ).format(who=people_count(len(printable.ids))),
        _tr("Mark as sent"),
    ):
        return ""
    ticked = mark_cards_sent(printable.ids)
    if ticked == 1:
        return _tr("Ticked 1 thank-you task as done.")
    return _tr("Ticked {n} thank-you tasks as done.").format(n=f"{ticked:,}")
