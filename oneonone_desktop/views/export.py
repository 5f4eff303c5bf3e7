"""Export people to a CSV or vCard file: the selected ones, or everyone the list shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from oneonone_desktop.views import messages
from oneonone_desktop.views.wording import people_count


def _tr(text: str) -> str:
    return QCoreApplication.translate("export", text)


def run_export(parent: QWidget, chosen: list[int], shown: Callable[[], list[int]]) -> str:
    """Ask which people and where, then write the file; returns what was done ("" if not)."""
    from oneonone_desktop.io.importing import export_any
    from oneonone_desktop.io.problems import ImportFileError

    ids = chosen
    if len(chosen) > 0:
        everyone = shown()
        if len(everyone) > len(chosen):
            answer = messages.choose(
                parent,
                _tr("Export"),
                _tr("Export only the people you selected, or everyone the list shows?"),
                [
                    _tr("Only the {n} selected").format(n=people_count(len(chosen))),
                    _tr("All {n} shown").format(n=people_count(len(everyone))),
                ],
            )
            if answer is None:
                return ""
            ids = chosen if answer == 0 else everyone
    else:
        ids = shown()
    if not ids:
        messages.info(parent, _tr("Export"), _tr("There is no one in the list to export."))
        return ""
    name, chosen_filter = QFileDialog.getSaveFileName(
        parent,
        _tr("Export people"),
        str(Path.home() / "supporters.csv"),
        _tr("Spreadsheet (CSV) (*.csv);;Contacts (vCard) (*.vcf)"),
    )
    if not name:
        return ""
    path = Path(name)
    if path.suffix.lower() not in (".csv", ".vcf", ".vcard"):
        path = path.with_suffix(".vcf" if "vcf" in chosen_filter else ".csv")
    try:
        count = export_any(path, ids)
    except ImportFileError as exc:
        messages.error(parent, _tr("Export"), exc.message)
        return ""
    from oneonone_desktop.services.supporters import sharing_note

    done = _tr("Exported {n} to {file}.").format(n=people_count(count), file=path.name)
    note = sharing_note(ids)
    if note:
        messages.info(parent, _tr("Export"), f"{done}\n\n{note}")
    return done
