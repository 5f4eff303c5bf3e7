"""Import people from a CSV or vCard file (pick, map columns, preview, import) and export them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.views.wording import people_count

SKIP = ""
EXAMPLE_ROWS = 3
FILE_FILTER = (
    "Sign-in sheets and contacts (*.csv *.vcf *.vcard);;CSV (*.csv);;vCard (*.vcf *.vcard)"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class ImportDialog(QDialog):
    """Pages: 0 pick a file, 1 match the columns (CSV only), 2 preview and import.

    `result_text` says what was imported once done.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import people"))
        self.path: Path | None = None
        self.table: Any = None  # io.csv_import.CsvTable of a CSV file
        self.plan: Any = None
        self.result_text = ""
        self.pages = QStackedWidget()
        self.pages.addWidget(self._pick_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.back_button = QPushButton(self.tr("< &Back"))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.next_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(820, 560)
        self._show_page(0)

    # --- pages ------------------------------------------------------------------------------

    def _pick_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("Import people from a file"))
        title.setObjectName("pageTitle")
        text = QLabel(
            self.tr(
                "Choose a typed-up sign-in sheet or a list saved from a spreadsheet as CSV, or "
                "contacts exported from a phone as vCard (.vcf). You will see what the import "
                "will do before anything is added. People already in your list (same email or "
                "phone) are merged, never doubled."
            )
        )
        text.setWordWrap(True)
        choose = QPushButton(self.tr("&Choose a file…"))
        choose.clicked.connect(self.choose_file)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.pick_error = QLabel()
        self.pick_error.setObjectName("fieldError")
        self.pick_error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addWidget(self.file_label, 1)
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(self.pick_error)
        layout.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("What does each column hold?"))
        title.setObjectName("pageTitle")
        self.mapping_intro = QLabel()
        self.mapping_intro.setWordWrap(True)
        self.columns = QTableWidget(0, 3)
        self.columns.setObjectName("columnMapping")
        self.columns.setAccessibleName(self.tr("Columns of the file"))
        self.columns.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First rows"), self.tr("Goes into")]
        )
        self.columns.verticalHeader().hide()
        self.columns.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.columns.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.columns.setWordWrap(False)
        self.columns.setAlternatingRowColors(True)
        header = self.columns.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 280)
        self.mapping_error = QLabel()
        self.mapping_error.setObjectName("fieldError")
        self.mapping_error.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.mapping_intro)
        layout.addWidget(self.columns, 1)
        layout.addWidget(self.mapping_error)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        title = self.preview_title = QLabel(self.tr("Ready to import?"))
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 4)
        self.problems.setObjectName("importProblems")
        self.problems.setAccessibleName(self.tr("Problems in the file"))
        self.problems.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Line"), self.tr("Field"), self.tr("Problem")]
        )
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems.setWordWrap(False)
        self.problems.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.problems.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(page)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        return page

    # --- moving between pages ---------------------------------------------------------------

    def _show_page(self, number: int) -> None:
        self.pages.setCurrentIndex(number)
        self.back_button.setEnabled(number > 0)
        if number == 0:
            self.next_button.setText(self.tr("&Next >"))
            self.next_button.setEnabled(self.path is not None)
        elif number == 1:
            self.next_button.setText(self.tr("&Preview >"))
            self.next_button.setEnabled(True)
        else:
            self.next_button.setText(self.tr("&Import"))
            ready = self.plan is not None and not self.plan.problems
            ready = ready and bool(self.plan.to_add or self.plan.to_merge)
            self.next_button.setEnabled(ready)

    def back(self) -> None:
        current = self.pages.currentIndex()
        if current == 2 and self.table is not None:
            self._show_page(1)
        else:
            self._show_page(0)

    def next(self) -> None:
        current = self.pages.currentIndex()
        if current == 0 and self.path is not None:
            self.load_file(self.path)
        elif current == 1:
            self.preview()
        elif current == 2:
            self.run_import()

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file to import"), str(Path.home()), _tr(FILE_FILTER)
        )
        if name:
            self.load_file(Path(name))

    # --- the work -----------------------------------------------------------------------------

    def load_file(self, path: Path) -> bool:
        """Read the file; a CSV goes to the column page, a vCard straight to the preview."""
        from oneonone_desktop.io import csv_import
        from oneonone_desktop.io.importing import CSV_SUFFIXES, read_any
        from oneonone_desktop.io.problems import ImportFileError

        self.path = Path(path)
        self.file_label.setText(self.path.name)
        self.pick_error.clear()
        self.table = None
        try:
            if self.path.suffix.lower() in CSV_SUFFIXES:
                self.table = csv_import.read_csv(self.path)
                self._fill_columns()
                self._show_page(1)
                return True
            records, problems = read_any(self.path)
        except ImportFileError as exc:
            self.pick_error.setText(exc.message)
            self._show_page(0)
            return False
        self._plan(records, problems)
        return True

    def _fill_columns(self) -> None:
        from oneonone_desktop.io.csv_import import FIELDS, guess_mapping

        table = self.table
        guessed = guess_mapping(table.headers)
        self.mapping_intro.setText(
            self.tr(
                "{name}: {rows} rows. We guessed what each column holds from its name; change "
                "any guess that is wrong, or choose “Don't import” to leave a column out."
            ).format(name=table.path.name, rows=f"{len(table.rows):,}")
        )
        self.columns.setRowCount(len(table.headers))
        for index, header in enumerate(table.headers):
            name = QTableWidgetItem(header or self.tr("column {n}").format(n=index + 1))
            examples = [
                cells[index].replace("\n", " ").strip()
                for _, cells in table.rows[:EXAMPLE_ROWS]
                if index < len(cells)
            ]
            sample = QTableWidgetItem(" · ".join(e for e in examples if e))
            sample.setForeground(Qt.GlobalColor.darkGray)
            self.columns.setItem(index, 0, name)
            self.columns.setItem(index, 1, sample)
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Column {name} goes into").format(name=name.text()))
            combo.addItem(self.tr("Don't import"), SKIP)
            for key, label in FIELDS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(guessed.get(index, SKIP)), 0))
            self.columns.setCellWidget(index, 2, combo)
        self.mapping_error.clear()

    def mapping(self) -> dict[int, str]:
        """Column index -> field key, for the columns that are imported."""
        chosen = {}
        for row in range(self.columns.rowCount()):
            combo = self.columns.cellWidget(row, 2)
            if isinstance(combo, QComboBox) and combo.currentData():
                chosen[row] = str(combo.currentData())
        return chosen

    def set_column(self, column: int, key: str) -> None:
        combo = self.columns.cellWidget(column, 2)
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(max(combo.findData(key), 0))

    def preview(self) -> None:
        from oneonone_desktop.io.csv_import import table_to_records
        from oneonone_desktop.io.problems import ImportFileError

        try:
            records, problems = table_to_records(self.table, self.mapping())
        except ImportFileError as exc:
            self.mapping_error.setText(exc.message)
            return
        self.mapping_error.clear()
        self._plan(records, problems)

    def _plan(self, records: list[Any], problems: list[Any]) -> None:
        from oneonone_desktop.io.importing import plan_import

        self.plan = plan_import(records, problems)
        add, merge = len(self.plan.to_add), len(self.plan.to_merge)
        new = (
            self.tr("1 new person") if add == 1 else self.tr("{n} new people").format(n=f"{add:,}")
        )
        text = self.tr("Will add {new}, merge {merge} with people already in your list.").format(
            new=new, merge=f"{merge:,}"
        )
        count = len(self.plan.problems)
        self.preview_title.setText(self.tr("Ready to import?"))
        if count == 1:
            self.preview_title.setText(self.tr("One row needs fixing"))
            text += " " + self.tr(
                "But 1 row needs fixing first, so nothing can be imported yet. Fix it in the "
                "file (or go back and change the columns), then choose the file again."
            )
        elif count:
            self.preview_title.setText(self.tr("Some rows need fixing"))
            text += " " + self.tr(
                "But {n} rows need fixing first, so nothing can be imported yet. Fix them in "
                "the file (or go back and change the columns), then choose the file again."
            ).format(n=f"{count:,}")
        elif not (add or merge):
            text = self.tr("There is no one to import in this file.")
        self.summary.setText(text)
        self.problems.setVisible(bool(count))
        self.problems.setRowCount(count)
        for row, problem in enumerate(self.plan.problems):
            values = (Path(problem.file).name, str(problem.line), problem.field, problem.message)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.problems.setItem(row, column, item)
        self._show_page(2)

    def run_import(self) -> None:
        from oneonone_desktop.io.importing import ImportRefused, apply_import

        if self.plan is None or self.plan.problems:
            return
        progress = QProgressDialog(self.tr("Importing…"), "", 0, 100, self)
        progress.setWindowTitle(self.tr("Import people"))
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def step(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)

        try:
            result = apply_import(self.plan, step)
        except ImportRefused as exc:
            progress.close()
            self.plan.problems = exc.problems
            self._plan(self.plan.records, exc.problems)
            return
        progress.close()
        self.result_text = self.tr("Imported {file}: added {added}, merged {merged}.").format(
            file=self.path.name if self.path else "",
            added=people_count(result.added),
            merged=people_count(result.merged),
        )
        self.accept()


def run_import(parent: QWidget) -> str:
    """Show the import dialog; returns what was imported ("" when nothing was)."""
    dialog = ImportDialog(parent)
    dialog.exec()
    return dialog.result_text
