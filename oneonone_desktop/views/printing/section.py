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
from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer, Signal
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
from oneonone_desktop.views.printing.graphic_panel import GraphicPanel
from oneonone_desktop.views.printing.jobs import (
    BIG_BATCH,
    RenderJob,
    new_job,
    progress_dialog,
    run_with_progress,
)
from oneonone_desktop.views.printing.preview import PdfPreview
from oneonone_desktop.views.printing.printable import Printable, Rendered
from oneonone_desktop.views.printing.sheet_panel import (
    CALIBRATION,
    CARDS,
    ENVELOPES,
    LABELS,
    SheetPanel,
)
from oneonone_desktop.views.wording import people_count

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
    _jobDone = Signal()  # the preview's worker has finished (its results are in)

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
        self._rendered: tuple[Printable, Rendered] | None = None
        self._job: RenderJob | None = None
        self._job_printable: Printable | None = None
        self._wanted: Printable | str = ""
        self._watching_window = False
        self._busy = False
        self._restart = False  # a running preview was stopped to make newer choices

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

    def rendered(self) -> Rendered | None:
        """What the preview shows now (None while nothing is shown)."""
        return self._rendered[1] if self._rendered is not None else None

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
        if not self._watching_window:
            self.window().installEventFilter(self)
            self._watching_window = True
        if self._list_selection is not None:
            self.sheet.people.set_list_selection(self._list_selection())
        self.sheet.people.reload()
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
        self._wanted = printable
        if isinstance(printable, str):
            if self._job is not None:
                self._job.cancel()
            self._rendered = None
            self._show_notes([])
            self.preview.show_message(printable)
            self.previewReady.emit()
            return
        if not force and self._rendered is not None and self._rendered[0] == printable:
            self.previewReady.emit()
            return
        if self._job is not None:  # the wanted pages are made once this one has stopped
            self._restart = True
            self._job.cancel()
            return
        self._start(printable)

    def _start(self, printable: Printable) -> None:
        job = new_job(printable.work)
        self._job, self._job_printable = job, printable
        self._restart = False
        if printable.items >= BIG_BATCH:
            dialog = progress_dialog(self, self.tr("Making the preview"), job)
            job.finished.connect(dialog.deleteLater)
        job.succeeded.connect(self._job_succeeded)
        job.failed.connect(self._job_failed)
        job.stopped.connect(self._job_stopped)
        job.finished.connect(self._job_finished)
        self.preview.caption.setText(self.tr("Making the pages…"))
        job.start()

    def _job_finished(self) -> None:
        self._job = None
        self._jobDone.emit()
        wanted = self._wanted
        done = self._rendered is not None and self._rendered[0] == wanted
        # While printing or saving, those make their own pages: no second worker meanwhile.
        if self._restart and isinstance(wanted, Printable) and not done and not self._busy:
            self._start(wanted)

    def _job_succeeded(self, result: Rendered) -> None:
        if self._job_printable != self._wanted:
            return
        self._rendered = (self._job_printable, result)
        if result.png:
            self.preview.set_png(result.data, result.caption)
        else:
            self.preview.set_pdf(result.data, result.caption)
        self._show_notes(result.notes)
        self.previewReady.emit()

    def _job_failed(self, message: str) -> None:
        if self._job_printable != self._wanted:
            return
        self._rendered = None
        self._show_notes([])
        self.preview.show_message(message)
        self.previewReady.emit()

    def _job_stopped(self) -> None:
        if self._job_printable != self._wanted or self._restart:
            return
        self._rendered = None
        self._show_notes([])
        self.preview.show_message(
            self.tr("You stopped the preview. Nothing was printed or saved.")
            + "<br><br><a href='again'>"
            + self.tr("Show the preview")
            + "</a>"
        )
        self.previewReady.emit()

    def stop_preview(self) -> None:
        """Stop making pages and wait for the worker (the window is closing)."""
        self._timer.stop()
        self._wanted = ""
        job = self._job
        if job is not None:
            job.cancel()
            job.wait()

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
        self.print_button.setEnabled(ready and printable.can_print)  # type: ignore[union-attr]
        self.print_button.setToolTip(
            self.tr("Social images are for sharing: save a PNG.") if png else ""
        )
        self.save_pdf_button.setEnabled(ready)
        self.save_png_button.setVisible(png)

    def _pages_for(self, printable: Printable, what: str) -> Rendered | None:
        """The pages of these choices: the preview's, or made now (with Cancel)."""
        done = self._rendered is not None and self._rendered[0] == printable
        if not done and self._job is not None and self._job_printable == printable:
            loop = QEventLoop()  # the preview is making these very pages: wait for them
            self._jobDone.connect(loop.quit)
            loop.exec()
            self._jobDone.disconnect(loop.quit)
        if self._rendered is not None and self._rendered[0] == printable:
            return self._rendered[1]
        self._busy = True
        try:
            if self._job is not None:
                self._job.cancel()
            status, value = run_with_progress(
                self, printable.work, self.tr("Making the pages"), printable.items
            )
        finally:
            self._busy = False
        self._restart = False  # a running preview was stopped to make newer choices
        if status == "cancelled":
            self.notice.emit(self.tr("Cancelled: nothing was {what}.").format(what=what))
            return None
        if status == "failed":
            messages.error(self, printable.title, str(value))
            return None
        if printable == self._wanted:
            self._job_printable = printable
            self._job_succeeded(value)
        return value  # type: ignore[no-any-return]

    # --- printing and saving ------------------------------------------------------------------

    def print_current(self, printer: QPrinter | None = None) -> bool:
        """Print the current choices: through the system dialog, or on `printer` (tests)."""
        printable = self.current_printable()
        if isinstance(printable, str) or not printable.can_print:
            return False
        pages = self._pages_for(printable, self.tr("printed"))
        if pages is None:
            return False
        return self._print(printable, pages.data, printer)

    def _print(self, printable: Printable, data: bytes, printer: QPrinter | None) -> bool:
        if printer is None:
            printer = output.ask_printer(self, printable.page_size, printable.title)
            if printer is None:
                return False
        else:
            output.configure_printer(printer, printable.page_size, printable.title)
        try:
            sent = output.print_pdf(data, printer)
        except (OSError, output.PdfUnreadable) as exc:
            messages.error(self, printable.title, str(exc))
            return False
        self.notice.emit(
            self.tr("Sent {n} to the printer.").format(
                n=self.tr("1 page") if sent == 1 else self.tr("{n} pages").format(n=sent)
            )
        )
        self._offer_mark_sent(printable)
        return True

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
        if printable.pdf_work is not None:
            status, value = run_with_progress(self, printable.pdf_work, printable.title, 1)
            pages = value if status == "done" else None
            if status == "failed":
                messages.error(self, printable.title, str(value))
        else:
            pages = self._pages_for(printable, self.tr("saved"))
        if pages is None:
            return None
        return self._save(printable, path, pages.data, ".pdf")

    def save_png(self, path: Path | None = None) -> Path | None:
        printable = self.current_printable()
        if isinstance(printable, str) or not printable.png:
            return None
        if path is None:
            path = output.ask_save_path(
                self,
                self.tr("Save PNG"),
                printable.file_stem + ".png",
                self.tr("PNG image (*.png)"),
            )
            if path is None:
                return None
        pages = self._pages_for(printable, self.tr("saved"))
        return self._save(printable, path, pages.data, ".png") if pages is not None else None

    def _save(self, printable: Printable, path: Path, data: bytes, suffix: str) -> Path | None:
        try:
            written = output.save_bytes(path, data, suffix)
        except OSError as exc:
            messages.error(
                self,
                printable.title,
                self.tr("Could not save {file}: {why}.").format(
                    file=path.name, why=exc.strerror or exc
                ),
            )
            return None
        self.notice.emit(self.tr("Saved {file}.").format(file=written.name))
        self._offer_mark_sent(printable)
        return written

    def _offer_mark_sent(self, printable: Printable) -> None:
        if printable.kind != CARDS:
            return
        from oneonone_desktop.documents.cards import mark_cards_sent, thank_you_tasks

        if not thank_you_tasks(printable.ids):
            return
        if not messages.confirm(
            self,
            self.tr("Thank-you cards"),
            self.tr(
                "Mark these thank-you cards as sent? The thank-you tasks of {who} will be "
                "ticked as done."
            ).format(who=people_count(len(printable.ids))),
            self.tr("Mark as sent"),
        ):
            return
        ticked = mark_cards_sent(printable.ids)
        self.notice.emit(
            self.tr("Ticked {n} thank-you tasks as done.").format(n=ticked)
            if ticked != 1
            else self.tr("Ticked 1 thank-you task as done.")
        )
        self.sheet.people.reload()

    def print_calibration_page(self) -> bool:
        """Print the test page of the chosen stock with the current offset."""
        from oneonone_desktop.documents.labels import render_calibration_page
        from oneonone_desktop.documents.stocks import get_stock

        stock = get_stock(self.sheet.stock_id())
        data = render_calibration_page(stock, self.sheet.offset.offset())
        title = self.tr("Calibration page")
        printable = Printable(
            ("calibration-now",),
            CALIBRATION,
            title,
            "",
            1,
            stock.page_size,
            lambda progress, cancelled: Rendered(data, ""),
        )
        return self._print(printable, data, None)

    def edit_templates(self) -> None:
        from oneonone_desktop.views.printing.template_editor import TemplateEditor

        editor = TemplateEditor(self, self.sheet.template_id(), self.sheet.card_stock_id())
        editor.exec()
        self.sheet.reload_templates(editor.chosen_id())
        self.schedule_preview()
