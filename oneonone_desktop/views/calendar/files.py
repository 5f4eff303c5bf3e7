"""The Calendar menu's files: export to a phone calendar (.ics), import a calendar file, print
the week's agenda (PDF). The file dialogs and opening a file are separate functions, so tests
can answer them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from oneonone_desktop.views import messages
from oneonone_desktop.views.calendar.words import count_text, day_text, tr

EXPORT_DAYS_BACK = 30  # past meetings and finished tasks older than this stay out
MAX_WARNINGS = 5
LETTER_COUNTRIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
}


def ask_save_path(parent: QWidget, title: str, suggested: Path, kinds: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), kinds)
    return Path(name) if name else None


def ask_open_path(parent: QWidget, title: str, kinds: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), kinds)
    return Path(name) if name else None


def open_file(path: Path) -> bool:
    """Open a file with the computer's usual program (a PDF viewer, say)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def export_calendar(parent: QWidget, today: dt.date) -> str:
    """Ask where, write the .ics; returns the notice to show ("" when nothing was done)."""
    from oneonone_desktop.io.icalendar_io import CalendarFileError, export_ics

    path = ask_save_path(
        parent,
        tr("Export to phone calendar"),
        Path.home() / "one-on-ones.ics",
        tr("Calendar file (*.ics)"),
    )
    if path is None:
        return ""
    if path.suffix.lower() != ".ics":
        path = path.with_name(path.name + ".ics")
    since = today - dt.timedelta(days=EXPORT_DAYS_BACK)
    try:
        count = export_ics(path, since)
    except CalendarFileError as exc:
        messages.error(parent, tr("Export to phone calendar"), exc.message)
        return ""
    messages.info(
        parent,
        tr("Export to phone calendar"),
        tr(
            "Saved {what} to {file}: meetings from {day} on, and every open follow-up.\n\n"
            "To carry them on your phone, email the file to yourself or copy it over, then "
            "open it there; your phone's calendar adds them. Exporting again later updates "
            "the same entries instead of adding copies."
        ).format(
            what=count_text(count, "1 item", "{n} items"),
            file=path.name,
            day=day_text(since, "d MMMM"),
        ),
    )
    return tr("Exported {what} to {file}.").format(
        what=count_text(count, "1 item", "{n} items"), file=path.name
    )


def import_calendar(parent: QWidget, today: dt.date) -> str:
    """Ask for a calendar file and read it in (all or nothing); returns the notice."""
    from oneonone_desktop.io.icalendar_io import CalendarFileError, import_ics

    path = ask_open_path(parent, tr("Import calendar file"), tr("Calendar files (*.ics *.ical)"))
    if path is None:
        return ""
    try:
        result = import_ics(path, today=today)
    except CalendarFileError as exc:
        messages.error(
            parent, tr("Import calendar file"), exc.message + "\n\n" + tr("Nothing was imported.")
        )
        return ""
    lines = [
        tr("From {file}: {added} added, {updated} updated.").format(
            file=path.name, added=result.added, updated=result.updated
        )
    ]
    if result.warnings:
        lines.append("")
        lines.append(tr("Worth a look:"))
        lines += ["• " + warning for warning in result.warnings[:MAX_WARNINGS]]
        if len(result.warnings) > MAX_WARNINGS:
            more = len(result.warnings) - MAX_WARNINGS
            lines.append(tr("… and {n} more.").format(n=more))
    messages.info(parent, tr("Import calendar file"), "\n".join(lines))
    return lines[0]


def paper_for_locale() -> str:
    """US Letter where it is the usual paper, A4 elsewhere."""
    return "letter" if QLocale().territory() in LETTER_COUNTRIES else "a4"


def print_week(parent: QWidget, week_start: dt.date, today: dt.date) -> str:
    """Save the week's agenda as a PDF and open it to print; returns the notice."""
    from oneonone_desktop.documents.agenda import AgendaError, write_week_agenda

    path = ask_save_path(
        parent,
        tr("Print this week's agenda"),
        Path.home() / f"agenda-week-of-{week_start.isoformat()}.pdf",
        tr("PDF document (*.pdf)"),
    )
    if path is None:
        return ""
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        count = write_week_agenda(path, week_start, paper_for_locale(), today=today)
    except AgendaError as exc:
        messages.error(parent, tr("Print this week's agenda"), exc.message)
        return ""
    if not open_file(path):
        messages.info(
            parent,
            tr("Print this week's agenda"),
            tr("The agenda is saved as {path}. Open it to print.").format(path=path),
        )
    return tr("Saved the agenda for the week of {day} ({what}) to {file}.").format(
        day=day_text(week_start, "d MMMM"),
        what=count_text(count, "1 item", "{n} items"),
        file=path.name,
    )
