"""The Print section: choose what to print (thank-you cards, address labels, envelopes, a
#WhyWeResist graphic, a calibration page) and for whom, see the real pages as they will print,
then print through the system dialog or save a PDF or PNG.

Signals: notice(str) (a sentence for the status bar), previewReady() (the preview now shows
the current choices, or says what is missing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.printing import output
from oneonone_desktop.views.printing.deliver import offer_mark_sent, print_pages, save_pages
from oneonone_desktop.views.printing.graphic_panel import GraphicPanel
from oneonone_desktop.views.printing.jobs import run_with_progress
from oneonone_desktop.views.printing.preview import PdfPreview
from oneonone_desktop.views.printing.preview_runner import PreviewRunner
from oneonone_desktop.views.printing.printable import Printable, Rendered
from oneonone_desktop.views.printing.sheet_panel import (
    CALIBRATION,
    CARDS,
    ENVELOPES,
    LABELS,
    SheetPanel,
)

GRAPHIC = "graphic"
KINDS = (CARDS, LABELS, ENVELOPES, GRAPHIC, CALIBRATION)
PREVIEW_DELAY_MS = 300
OPTIONS_WIDTH = 380
NOTES_STYLE = (
    "#printNotes { background: #fff6e0; border: 1px solid #f0d9a8; border-radius: 4px;"
    " padding: 6px 10px; color: #4d3800; }"
)


class PrintSection(QWidget):
    notice = Signal(str)
    previewReady = Signal()

    def __init__(
        self,
        database: SqliteDatabase,
        settings: QSettings,
        list_selection: Callable[[], list[int]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printSection")
        self._list_selection = list_selection
        self._watching_window = False
        self.runner = PreviewRunner(self)
        self.runner.shown.connect(self._show_rendered)
        self.runner.failed.connect(self._show_message)
        self.runner.missing.connect(self._show_message)
        self.runner.stopped.connect(self._show_stopped)

        title = QLabel(self.tr("Print"))
        title.setObjectName("pageTitle")
        self.tabs = QTabBar()
        self.tabs.setObjectName("printKinds")
        self.tabs.setAccessibleName(self.tr("What to print"))
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        for text in (
            self.tr("Thank-you cards"),
            self.tr("Address labels"),
            self.tr("Envelopes"),
            self.tr("#WhyWeResist graphic"),
            self.tr("Calibration page"),
        ):
            self.tabs.addTab(text)

        self.sheet = SheetPanel(database, settings)
        self.graphic = GraphicPanel(database)
        self.panels = QStackedWidget()
        self.panels.addWidget(self.sheet)
        self.panels.addWidget(self.graphic)
        scroll = QScrollArea()
        scroll.setObjectName("printOptions")
        scroll.setWidget(self.panels)
        scroll.setWidgetResizable(True)
        scroll.viewport().setAutoFillBackground(False)  # the window's colour, not grey
        self.panels.setAutoFillBackground(False)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(OPTIONS_WIDTH)

        self.notes = QLabel()
        self.notes.setObjectName("printNotes")
        self.notes.setStyleSheet(NOTES_STYLE)
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.hide()
        self.preview = PdfPreview()
        self.preview.setObjectName("printPreview")
        self.preview.message.linkActivated.connect(lambda _link: self.refresh_preview(force=True))
        self.save_png_button = QPushButton(icon("image"), self.tr("Save PNG…"))
        self.save_pdf_button = QPushButton(icon("save"), self.tr("Save as PDF…"))
        self.print_button = QPushButton(icon("print"), self.tr("Print…"))
        self.print_button.setObjectName("primaryButton")
        self.print_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.save_png_button, self.save_pdf_button, self.print_button):
            buttons.addWidget(button)

        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.notes)
        right.addWidget(self.preview, 1)
        right.addLayout(buttons)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(scroll)
        body.addLayout(right, 1)
        head = QHBoxLayout()
        head.setSpacing(24)
        head.addWidget(title)
        head.addWidget(self.tabs, 1, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addLayout(body, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.tabs.currentChanged.connect(self._kind_changed)
        self.sheet.changed.connect(self.schedule_preview)
        self.graphic.changed.connect(self.schedule_preview)
        self.sheet.editTemplatesRequested.connect(self.edit_templates)
        self.sheet.calibrateRequested.connect(self.print_calibration_page)
        self.print_button.clicked.connect(lambda: self.print_current())
        self.save_pdf_button.clicked.connect(lambda: self.save_pdf())
        self.save_png_button.clicked.connect(lambda: self.save_png())
        self._kind_changed(0)

    # --- what is chosen -----------------------------------------------------------------------

    def kind(self) -> str:
        return KINDS[max(self.tabs.currentIndex(), 0)]

    def show_kind(self, kind: str) -> None:
        self.tabs.setCurrentIndex(KINDS.index(kind))

    def print_cards_for(self, ids: list[int]) -> None:
        """Get thank-you cards ready for these people (from the list or a person's page)."""
        self.show_kind(CARDS)
        if ids:
            self.sheet.people.use_people(ids)
        self.schedule_preview()

    def graphic_for(self, supporter_id: int) -> None:
        self.show_kind(GRAPHIC)
        self.graphic.use_person(supporter_id)

    def current_printable(self) -> Printable | str:
        panel = self.graphic if self.kind() == GRAPHIC else self.sheet
        return panel.printable()

    def _kind_changed(self, index: int) -> None:
        kind = KINDS[max(index, 0)]
        if kind == GRAPHIC:
            self.panels.setCurrentWidget(self.graphic)
        else:
            self.panels.setCurrentWidget(self.sheet)
            self.sheet.set_kind(kind)
        self.schedule_preview()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first = not self._watching_window
        if first:
            self.window().installEventFilter(self)
            self._watching_window = True
        people = self.sheet.people
        people.reload()
        if self._list_selection is not None:
            chosen = self._list_selection()
            people.set_list_selection(chosen)
            if first and len(chosen) > 1 and people.mode() == "due" and not people.ids():
                people.selected.setChecked(True)  # nobody is due: start from the list's choice
        self.graphic.reload()
        self.schedule_preview()

    # --- the preview --------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        """Preview again once the choices have settled (typing, spinning, clicking)."""
        self._timer.start()

    def refresh_preview(self, force: bool = False) -> None:
        """Show the pages of the current choices now (made on a worker thread)."""
        self._timer.stop()
        printable = self.current_printable()
        self._update_buttons(printable)
        if isinstance(printable, Printable) and self.runner.rendered() is None:
            self.preview.caption.setText(self.tr("Making the pages…"))
        self.runner.request(printable, force)

    def rendered(self) -> Rendered | None:
        """What the preview shows now (None while nothing is shown)."""
        return self.runner.rendered()

    def _show_rendered(self, result: Rendered) -> None:
        if result.png:
            self.preview.set_png(result.data, result.caption)
        else:
            self.preview.set_pdf(result.data, result.caption)
        self._show_notes(result.notes)
        self.previewReady.emit()

    def _show_message(self, text: str) -> None:
        self._show_notes([])
        self.preview.show_message(text)
        self.previewReady.emit()

    def _show_stopped(self) -> None:
        self._show_message(
            self.tr("You stopped the preview. Nothing was printed or saved.")
            + "<br><br><a href='again'>"
            + self.tr("Show the preview")
            + "</a>"
        )

    def stop_preview(self) -> None:
        """Stop making pages and wait for the worker (the window is closing)."""
        self._timer.stop()
        self.runner.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window() and event.type() == QEvent.Type.Close:
            self.stop_preview()
        return False

    def _show_notes(self, notes: list[str]) -> None:
        from html import escape

        self.notes.setVisible(bool(notes))
        if len(notes) == 1:
            self.notes.setText(escape(notes[0]))
        else:
            self.notes.setText("<br>".join("• " + escape(n) for n in notes))

    def _update_buttons(self, printable: Printable | str) -> None:
        ready = not isinstance(printable, str)
        png = ready and printable.png  # type: ignore[union-attr]
        # A social image is for sharing: saved as PNG (or PDF), not printed.
        self.print_button.setVisible(not png)
        self.print_button.setEnabled(ready and printable.can_print)  # type: ignore[union-attr]
        self.save_pdf_button.setEnabled(ready)
        self.save_png_button.setVisible(png)

    def _pages_for(self, printable: Printable, what: str) -> Rendered | None:
        """The pages of these choices: the preview's, or made now (with Cancel)."""
        status, value = self.runner.pages_for(printable, self.tr("Making the pages"))
        if status == "cancelled":
            self.notice.emit(self.tr("Cancelled: nothing was {what}.").format(what=what))
            return None
        if status == "failed":
            messages.error(self, printable.title, str(value))
            return None
        return value  # type: ignore[return-value]

    # --- printing and saving ------------------------------------------------------------------

    def print_current(self, printer: QPrinter | None = None) -> bool:
        """Print the current choices: through the system dialog, or on `printer` (tests)."""
        printable = self.current_printable()
        if isinstance(printable, str) or not printable.can_print:
            return False
        pages = self._pages_for(printable, self.tr("printed"))
        return pages is not None and self._done(
            printable, print_pages(self, printable, pages.data, printer)
        )

    def save_pdf(self, path: Path | None = None) -> Path | None:
        printable = self.current_printable()
        if isinstance(printable, str):
            return None
        if path is None:
            path = output.ask_save_path(
                self, self.tr("Save as PDF"), printable.file_stem + ".pdf", self.tr("PDF (*.pdf)")
            )
            if path is None:
                return None
        if printable.pdf_work is not None:  # a social image, saved as a PDF page
            status, value = run_with_progress(self, printable.pdf_work, printable.title, 1)
            if status == "failed":
                messages.error(self, printable.title, str(value))
            pages = value if status == "done" else None
        else:
            pages = self._pages_for(printable, self.tr("saved"))
        return self._save(printable, path, pages, ".pdf")

    def save_png(self, path: Path | None = None) -> Path | None:
        printable = self.current_printable()
        if isinstance(printable, str) or not printable.png:
            return None
        if path is None:
            path = output.ask_save_path(
                self, self.tr("Save PNG"), printable.file_stem + ".png", self.tr("PNG (*.png)")
            )
            if path is None:
                return None
        return self._save(printable, path, self._pages_for(printable, self.tr("saved")), ".png")

    def _save(
        self, printable: Printable, path: Path, pages: Rendered | None, suffix: str
    ) -> Path | None:
        if pages is None:
            return None
        target = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
        return (
            target
            if self._done(printable, save_pages(self, printable, target, pages.data, suffix))
            else None
        )

    def _done(self, printable: Printable, what: str) -> bool:
        """Tell what was printed or saved; for thank-you cards, offer to tick their tasks."""
        if not what:
            return False
        self.notice.emit(what)
        ticked = offer_mark_sent(self, printable)
        if ticked:
            self.notice.emit(ticked)
            self.sheet.people.reload()
            self.schedule_preview()
        return True

    def print_calibration_page(self) -> bool:
        """Print the test page of the chosen stock with the current offset, right away."""
        from oneonone_desktop.documents.labels import render_calibration_page

        printable = self.sheet.calibration_printable()
        data = render_calibration_page(self.sheet.stock_id(), self.sheet.offset.offset())
        return self._done(printable, print_pages(self, printable, data))

    def edit_templates(self) -> None:
        from oneonone_desktop.views.printing.template_editor import TemplateEditor

        editor = TemplateEditor(self, self.sheet.template_id(), self.sheet.card_stock_id())
        editor.exec()
        self.sheet.reload_templates(editor.chosen_id())
        self.schedule_preview()
