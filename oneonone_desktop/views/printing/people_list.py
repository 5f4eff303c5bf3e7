"""Print the supporter list: a simple table document, previewed before the system print dialog."""

from __future__ import annotations

import datetime as dt
from html import escape

from peewee import SqliteDatabase
from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.services.supporter_list import SupporterFilter, SupporterRow, fetch_page
from oneonone_desktop.views import messages

PRINT_LIMIT = 5_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def chosen_rows(
    database: SqliteDatabase, flt: SupporterFilter, only: list[int] | None = None
) -> list[SupporterRow]:
    """The rows the list shows (at most PRINT_LIMIT + 1), or only those with the given ids."""
    rows = fetch_page(database, flt, 0, PRINT_LIMIT + 1)
    if only:
        wanted = set(only)
        rows = [r for r in rows if r.id in wanted]
    return rows


def list_html(rows: list[SupporterRow]) -> str:
    """These people as an HTML table for printing."""
    today = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
    head = "".join(
        f"<th>{_tr(h)}</th>" for h in ("Name", "Email", "Phone", "City", "Stage", "Tags")
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(v)}</td>" for v in (r.name, r.email, r.phone, r.city, r.stage, r.tags)
        )
        + "</tr>"
        for r in rows
    )
    count = _tr("{n} people").format(n=f"{len(rows):,}") if len(rows) != 1 else _tr("1 person")
    return (
        "<style>table{border-collapse:collapse} th{text-align:left;border-bottom:1px solid #888;"
        "padding:3px 8px 3px 0} td{padding:2px 8px 2px 0;border-bottom:1px solid #ddd}</style>"
        f"<h2>{escape(APP_DISPLAY_NAME)}: {_tr('Supporters')}</h2>"
        f"<p>{escape(count)} · {escape(today)}</p>"
        f"<table width='100%'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def list_document(rows: list[SupporterRow]) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(list_html(rows))
    return document


def print_people(
    parent: QWidget, database: SqliteDatabase, flt: SupporterFilter, only: list[int] | None
) -> None:
    """Preview the people the list shows (or only those chosen), then print with the system."""
    rows = chosen_rows(database, flt, only)
    if not rows:
        messages.info(parent, _tr("Print list"), _tr("There is no one in the list to print."))
        return
    if len(rows) > PRINT_LIMIT:
        messages.info(
            parent,
            _tr("Print list"),
            _tr(
                "The list has more than {limit} people: too many to print at once. "
                "Use the search or filters to narrow it down first."
            ).format(limit=f"{PRINT_LIMIT:,}"),
        )
        return
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    document = list_document(rows)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"{APP_DISPLAY_NAME} {dt.date.today().isoformat()}")
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(_tr("Print list"))
    preview.paintRequested.connect(document.print_)
    preview.resize(900, 700)
    preview.exec()
