"""The "Export report" dialog: PDF or CSV, the paper, and whether to include names (off by
default, and it says what that changes); then where to save. `done_text` says what was saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from peewee import SqliteDatabase
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.report_data import Period
from oneonone_desktop.views import messages


def _tr(text: str) -> str:
    return QCoreApplication.translate("reports", text)


def choose_path(parent: QWidget, suggested: Path, kind: str) -> Path | None:
    """Ask where to save (tests replace this); None when cancelled."""
    filters = {"pdf": _tr("PDF document (*.pdf)"), "csv": _tr("Spreadsheet (CSV) (*.csv)")}
    name, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save the report"), str(suggested), filters[kind]
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == f".{kind}" else path.with_suffix(f".{kind}")


class ExportReportDialog(QDialog):
    def __init__(
        self,
        database: SqliteDatabase,
        period: Period,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportReportDialog")
        self.setWindowTitle(self.tr("Export the report"))
        self.database, self.period, self.today = database, period, today
        self.done_text = ""

        intro = QLabel(
            self.tr(
                "The report back for {period}: the figures and charts, how people answered the "
                "guiding questions, the issues they raised, and why they resist in their own words."
            ).format(period=period.describe())
        )
        intro.setWordWrap(True)
        self.pdf = QRadioButton(self.tr("PDF, to print or send"))
        self.csv = QRadioButton(self.tr("CSV, for a spreadsheet"))
        self.pdf.setChecked(True)
        kinds = QButtonGroup(self)
        for button in (self.pdf, self.csv):
            kinds.addButton(button)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.pdf)
        kind_row.addWidget(self.csv)
        kind_row.addStretch(1)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("US Letter"), "letter")
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.setAccessibleName(self.tr("Paper"))
        self.pdf.toggled.connect(self.paper.setEnabled)
        self.include_names = QCheckBox(self.tr("Include names"))
        self.include_names.setChecked(False)
        self.names_help = QLabel()
        self.names_help.setWordWrap(True)
        self.names_help.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.names_help.setIndent(22)
        self.include_names.toggled.connect(self._explain)
        self._explain(False)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Save as:"), kind_row)
        form.addRow(self.tr("Paper:"), self.paper)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Export…"))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.include_names)
        layout.addWidget(self.names_help)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _explain(self, on: bool) -> None:
        self.names_help.setText(
            self.tr(
                "Names are added to the quotes and to who moved up the ladder, and small "
                "counts are shown exactly. Keep such a report within the chapter."
            )
            if on
            else self.tr(
                "Off: the report holds no names, emails, phones or addresses, and counts under "
                "5 read \u201cfewer than 5\u201d, so it can go to the national team. Quotes "
                "come only from people who agreed to share with the chapter."
            )
        )

    def kind(self) -> str:
        return "pdf" if self.pdf.isChecked() else "csv"

    def suggested_path(self) -> Path:
        names = "-with-names" if self.include_names.isChecked() else ""
        stem = f"report-back-{self.period.since.isoformat()}-to-{self.period.until.isoformat()}"
        return Path.home() / f"{stem}{names}.{self.kind()}"

    def export(self) -> None:
        """Ask where, then write; the dialog closes once the file is saved."""
        path = choose_path(self, self.suggested_path(), self.kind())
        if path is not None and self.write(path):
            self.accept()

    def write(self, path: Path) -> bool:
        """Build and save the report at `path`; False (and a message) when it cannot be saved."""
        from oneonone_desktop.io.problems import ExportFileError
        from oneonone_desktop.services.report_survey import build_report

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = build_report(
                self.database,
                self.period,
                include_personal=self.include_names.isChecked(),
                today=self.today,
            )
            if self.kind() == "pdf":
                from oneonone_desktop.documents.report_pdf import write_report_pdf

                pages = write_report_pdf(path, report, str(self.paper.currentData()))
                size = self.tr("{n} pages").format(n=pages) if pages > 1 else self.tr("1 page")
            else:
                from oneonone_desktop.io.report_csv import write_report_csv

                size = self.tr("{n} rows").format(n=write_report_csv(path, report))
        except ExportFileError as exc:
            QApplication.restoreOverrideCursor()
            messages.error(self, self.tr("Export the report"), exc.message)
            return False
        QApplication.restoreOverrideCursor()
        privacy = self.tr("with names") if report.include_personal else self.tr("anonymous")
        self.done_text = self.tr("Saved the report to {file} ({size}, {privacy}).").format(
            file=path.name, size=size, privacy=privacy
        )
        return True
