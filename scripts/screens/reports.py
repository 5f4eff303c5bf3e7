"""Reports screens: the dashboard, the export dialog, and the first page of the report PDF.

The shared demo (300 people) holds only a dozen 1:1s, too few to show what the dashboard is
for; these screens use a demo of 2,500 people (about a hundred 1:1s) in a window of their own,
and put the models back on the shared database afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

PEOPLE = 2_500


def shoot(window: Any, database: Any, out: Path, helpers: Any) -> list[Path]:
    from PySide6.QtCore import QSettings

    from oneonone_desktop.services import demo
    from oneonone_desktop.store.connection import close_database, open_database
    from oneonone_desktop.store.models import db
    from oneonone_desktop.views.main_window import MainWindow
    from oneonone_desktop.views.reports import ReportsFeature

    day = helpers.demo_day
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bigger = open_database(folder / "oneonone.sqlite3", backup_dir=folder / "backups")
        try:
            demo.generate(bigger, people=PEOPLE, seed=1, today=day)
            settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
            other = MainWindow(bigger, settings, folder)
            other.resize(window.size())
            other.show()
            feature = other.findChild(ReportsFeature)
            feature.today = lambda: day
            other.show_section("reports")
            page = feature.page()
            page.set_period("3m")
            page.quiet_list.setCurrentRow(-1)
            written.append(helpers.save(other, out / "dashboard.png"))

            from oneonone_desktop.views.reports.export_dialog import ExportReportDialog

            dialog = ExportReportDialog(bigger, page.period(), day, other)
            written.append(helpers.over(other, dialog, out / "dashboard-export.png"))

            written += _report_page(bigger, page.period(), day, folder, out)
            other.close()
        finally:
            close_database(bigger)
            db.initialize(database)  # the models back on the shared demo
    return written


def _report_page(database: Any, period: Any, day: Any, folder: Path, out: Path) -> list[Path]:
    """The PDF's first page as the organizer would send it (anonymous), at 60 dpi."""
    from oneonone_desktop.documents.report_pdf import write_report_pdf
    from oneonone_desktop.services.report_survey import build_report

    pdf = folder / "report.pdf"
    write_report_pdf(pdf, build_report(database, period, today=day))
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): report-page-1.png skipped")
        return []
    stem = folder / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    target = out / "report-page-1.png"
    shutil.copyfile(stem.with_suffix(".png"), target)
    return [target]
