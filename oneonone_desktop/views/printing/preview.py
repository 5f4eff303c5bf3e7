"""The print preview: the real PDF pages (QtPdf) with page navigation and zoom, or a PNG image
shown scaled, or a plain message while there is nothing to show yet.

Imported only when a print page is first built: QtPdf costs about 120 ms to load.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QMargins, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.printing.output import load_pdf

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
PAPER_BACKGROUND = "#d9dee4"


class ImageView(QLabel):
    """A PNG scaled to fit, never up beyond its own size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(120, 120)
        self._pixmap = QPixmap()

    def set_image(self, image: QImage) -> None:
        self._pixmap = QPixmap.fromImage(image)
        self._rescale()

    def image_size(self) -> QSize:
        return self._pixmap.size()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._pixmap.isNull():
            self.clear()
            return
        room = self.size().shrunkBy(QMargins(16, 16, 16, 16))
        if room.width() <= 0 or room.height() <= 0:
            return
        scaled = self._pixmap.size().scaled(room, Qt.AspectRatioMode.KeepAspectRatio)
        if scaled.width() > self._pixmap.width():
            scaled = self._pixmap.size()
        self.setPixmap(
            self._pixmap.scaled(
                scaled,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class PdfPreview(QWidget):
    """Shows PDF bytes page by page (set_pdf), a PNG (set_png) or a message (show_message)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self._document: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        self.pdf_data = b""

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName(self.tr("Preview of the pages"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageSpacing(14)
        self.view.setFrameShape(QPdfView.Shape.NoFrame)
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, QColor(PAPER_BACKGROUND))
        self.view.setPalette(palette)
        self.image = ImageView(self)
        self.image.setObjectName("imagePreview")
        self.image.setAccessibleName(self.tr("Preview of the image"))
        self.image.setStyleSheet(f"background: {PAPER_BACKGROUND};")
        self.message = QLabel(self)
        self.message.setObjectName("emptyState")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(32)
        self.message.setStyleSheet(f"background: {PAPER_BACKGROUND};")
        self.pages = QStackedWidget(self)
        for widget in (self.message, self.view, self.image):
            self.pages.addWidget(widget)

        self.previous_button = self._tool("back", self.tr("Previous page"), "PgUp")
        self.next_button = self._tool("forward", self.tr("Next page"), "PgDown")
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.page_label.setMinimumWidth(96)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_out_button = self._tool("zoom-out", self.tr("Zoom out"), "Ctrl+-")
        self.zoom_in_button = self._tool("zoom-in", self.tr("Zoom in"), "Ctrl++")
        self.fit_button = self._tool("fit-page", self.tr("Whole page"), "Ctrl+0")
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(48)
        self.caption = QLabel()
        self.caption.setObjectName("previewCaption")

        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 4)
        bar.setSpacing(2)
        bar.addWidget(self.caption, 1)
        for part in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(part)
        bar.addSpacing(12)
        for part in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            bar.addWidget(part)
        self.toolbar = QWidget()
        self.toolbar.setObjectName("previewBar")
        self.toolbar.setLayout(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.pages, 1)

        self.previous_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit_page)
        self.view.pageNavigator().currentPageChanged.connect(self._update_bar)
        self.view.zoomFactorChanged.connect(self._update_bar)
        self.show_message("")

    def _tool(self, icon_name: str, text: str, keys: str) -> QToolButton:
        """A toolbar button whose key works while the preview has the focus (so Page Up in a
        text box beside it still moves in the text)."""
        from PySide6.QtGui import QKeySequence, QShortcut

        button = QToolButton()
        button.setIcon(icon(icon_name))
        button.setAutoRaise(True)
        sequence = QKeySequence(keys)
        shortcut = QShortcut(sequence, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(button.click)
        native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{text} ({native})")
        button.setAccessibleName(text)
        return button

    # --- what is shown ------------------------------------------------------------------------

    def set_pdf(self, data: bytes, caption: str = "") -> int:
        """Show these PDF pages from the first, whole pages; returns how many pages."""
        document, buffer = load_pdf(data, self)
        old_document, old_buffer = self._document, self._buffer
        self._document, self._buffer = document, buffer
        self.pdf_data = data
        self.view.setDocument(document)
        if old_document is not None:
            old_document.deleteLater()
        if old_buffer is not None:
            old_buffer.close()
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.pages.setCurrentWidget(self.view)
        self.caption.setText(caption)
        self.go_to(0)
        self._update_bar()
        return self.page_count()

    def set_png(self, data: bytes, caption: str = "") -> QSize:
        """Show a PNG image scaled to fit; returns its size in pixels."""
        image = QImage.fromData(data)
        self.image.set_image(image)
        self.pages.setCurrentWidget(self.image)
        self.caption.setText(caption)
        self._update_bar()
        return image.size()

    def show_message(self, text: str) -> None:
        """A plain sentence in place of the pages (what to choose, what went wrong)."""
        self.message.setText(text)
        self.pages.setCurrentWidget(self.message)
        self.caption.setText("")
        self._update_bar()

    def showing_pages(self) -> bool:
        return self.pages.currentWidget() is self.view

    def document(self) -> QPdfDocument | None:
        return self._document

    def page_count(self) -> int:
        return self._document.pageCount() if self._document is not None else 0

    # --- navigation and zoom ------------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if self._document is None or not 0 <= page < self.page_count():
            return
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def zoom(self, factor: float) -> None:
        if not self.showing_pages():
            return
        current = self._effective_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, current * factor)))
        self._update_bar()

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._update_bar()

    def _effective_zoom(self) -> float:
        """The zoom as shown (in FitInView mode Qt keeps zoomFactor at 1: work it out)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self._document is None:
            return self.view.zoomFactor()
        size = self._document.pagePointSize(max(self.current_page(), 0))
        if size.width() <= 0 or size.height() <= 0:
            return 1.0
        dpi = self.view.logicalDpiX() / 72.0
        room = self.view.viewport().size()
        margin = 2 * 6 + self.view.pageSpacing()
        return min(
            (room.width() - margin) / (size.width() * dpi),
            (room.height() - margin) / (size.height() * dpi),
        )

    def _update_bar(self, *_: object) -> None:
        pages = self.page_count() if self.showing_pages() else 0
        page = self.current_page() + 1 if pages else 0
        self.page_label.setText(self.tr("Page {n} of {total}").format(n=page, total=pages))
        self.previous_button.setEnabled(pages > 0 and page > 1)
        self.next_button.setEnabled(pages > 0 and page < pages)
        for widget in (self.page_label, self.previous_button, self.next_button):
            widget.setVisible(pages > 1)
        zooming = self.showing_pages()
        for widget in (self.zoom_in_button, self.zoom_out_button, self.fit_button, self.zoom_label):
            widget.setVisible(zooming)
        if zooming:
            self.zoom_label.setText(f"{self._effective_zoom():.0%}")
