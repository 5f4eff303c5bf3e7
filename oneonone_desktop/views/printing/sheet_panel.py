"""The choices for sheet printables (thank-you cards, address labels, envelopes, the
calibration page): who, which template, which stock, back side, used cells, printer offset.

Signals: changed() (a choice changed: preview again), editTemplatesRequested(),
calibrateRequested().
"""

from __future__ import annotations

from peewee import SqliteDatabase
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.printing.choices import ElidedCombo, OffsetBox, PeopleChooser
from oneonone_desktop.views.printing.printable import (
    Printable,
    calibration_work,
    cards_work,
    labels_work,
)

CARDS, LABELS, ENVELOPES, CALIBRATION = "cards", "labels", "envelopes", "calibration"
STOCK_KINDS = {
    CARDS: ("card", "postcard", "plain"),
    LABELS: ("label",),
    ENVELOPES: ("envelope",),
    CALIBRATION: (),
}
DEFAULT_STOCK = {
    CARDS: "avery-8387",
    LABELS: "avery-5160",
    ENVELOPES: "envelope-10",
    CALIBRATION: "avery-5160",
}
DEFAULT_TEMPLATE = "Thank you for our 1:1"
LANGUAGES = {"en": "English", "es": "Español"}


class SheetPanel(QWidget):
    changed = Signal()
    editTemplatesRequested = Signal()
    calibrateRequested = Signal()

    def __init__(
        self, database: SqliteDatabase, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.kind = CARDS

        self.people = PeopleChooser(database)
        self.who_box = _group(self.tr("Who"), self.people)

        self.template = ElidedCombo()
        self.template.setAccessibleName(self.tr("Card template"))
        self.edit_templates = QPushButton(icon("template"), self.tr("Edit templates…"))
        self.edit_templates.setObjectName("editTemplatesButton")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.template, 1)
        row.addWidget(self.edit_templates)
        holder = QWidget()
        holder.setLayout(row)
        self.card_box = _group(self.tr("Message"), holder)

        self.stock = ElidedCombo()
        self.stock.setAccessibleName(self.tr("Card, label or envelope stock"))
        self.stock_info = QLabel()
        self.stock_info.setObjectName("filterCaption")
        self.stock_info.setWordWrap(True)
        self.back = QCheckBox(self.tr("Also print the back of each sheet (two-sided)"))
        self.skip = QSpinBox()
        self.skip.setAccessibleName(self.tr("Used places to skip on the first sheet"))
        self.skip_label = QLabel(self.tr("Already used on the first sheet:"))
        self.skip_label.setBuddy(self.skip)
        skip_row = QHBoxLayout()
        skip_row.setContentsMargins(0, 0, 0, 0)
        skip_row.addWidget(self.skip_label)
        skip_row.addWidget(self.skip)
        skip_row.addStretch(1)
        self.skip_holder = QWidget()
        self.skip_holder.setLayout(skip_row)
        stock_layout = QVBoxLayout()
        stock_layout.setContentsMargins(0, 0, 0, 0)
        stock_layout.setSpacing(6)
        for widget in (self.stock, self.stock_info, self.back, self.skip_holder):
            stock_layout.addWidget(widget)
        stock_holder = QWidget()
        stock_holder.setLayout(stock_layout)
        self.stock_box = _group(self.tr("Stock"), stock_holder)

        self.offset = OffsetBox()
        self.offset_box = _group(self.tr("Printer offset"), self.offset)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for box in (self.who_box, self.card_box, self.stock_box, self.offset_box):
            layout.addWidget(box)
        layout.addStretch(1)

        self.people.changed.connect(self.changed)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.stock.currentIndexChanged.connect(self._stock_changed)
        self.back.toggled.connect(self._remember_and_change)
        self.skip.valueChanged.connect(self.changed)
        self.offset.changed.connect(self.changed)
        self.offset.calibrateRequested.connect(self.calibrateRequested)
        self.edit_templates.clicked.connect(self.editTemplatesRequested)
        self.reload_templates()
        self.set_kind(CARDS)

    # --- kinds, stocks and templates ----------------------------------------------------------

    def set_kind(self, kind: str) -> None:
        """Show the choices that matter for cards, labels, envelopes or the calibration page."""
        from oneonone_desktop.documents.stocks import list_stocks

        self.kind = kind
        self.who_box.setVisible(kind != CALIBRATION)
        self.offset.set_calibrating(kind == CALIBRATION)
        self.card_box.setVisible(kind == CARDS)
        self.stock_box.setTitle(
            self.tr("Sheet to test") if kind == CALIBRATION else self.tr("Stock")
        )
        wanted = str(self._settings.value(f"print/stock/{kind}", DEFAULT_STOCK[kind]))
        self.stock.blockSignals(True)
        self.stock.clear()
        for stock in list_stocks(*STOCK_KINDS[kind]):
            self.stock.addItem(stock.name, stock.id)
        found = self.stock.findData(wanted)
        self.stock.setCurrentIndex(max(found, 0))
        self.stock.blockSignals(False)
        self._stock_changed(remember=False)

    def reload_templates(self, keep_id: int | None = None) -> None:
        """Read the card templates again (after editing them), keeping the one chosen."""
        from oneonone_desktop.documents.templates import list_templates

        current = keep_id if keep_id is not None else self.template.currentData()
        wanted = current if current is not None else self._settings.value("print/template", "")
        self.template.blockSignals(True)
        self.template.clear()
        for template in list_templates("card"):
            language = LANGUAGES.get(template.language, template.language)
            self.template.addItem(f"{template.name} · {language}", template.id)
        index = self.template.findData(wanted) if isinstance(wanted, int) else -1
        if index < 0:
            index = max(self.template.findText(DEFAULT_TEMPLATE, Qt.MatchFlag.MatchStartsWith), 0)
        self.template.setCurrentIndex(index)
        self.template.blockSignals(False)
        self.changed.emit()

    def card_stock_id(self) -> str:
        """The stock chosen for cards (also while labels or envelopes are shown)."""
        if self.kind == CARDS:
            return self.stock_id()
        return str(self._settings.value(f"print/stock/{CARDS}", DEFAULT_STOCK[CARDS]))

    def stock_id(self) -> str:
        return str(self.stock.currentData() or DEFAULT_STOCK[self.kind])

    def choose_stock(self, stock_id: str) -> None:
        index = self.stock.findData(stock_id)
        if index >= 0:
            self.stock.setCurrentIndex(index)

    def choose_template(self, name: str) -> None:
        index = self.template.findText(name + " · ", Qt.MatchFlag.MatchStartsWith)
        if index >= 0:
            self.template.setCurrentIndex(index)

    def template_id(self) -> int | None:
        value = self.template.currentData()
        return int(value) if value is not None else None

    def _template_changed(self) -> None:
        template_id = self.template_id()
        if template_id is not None:
            self._settings.setValue("print/template", template_id)
        self.changed.emit()

    def _stock_changed(self, *_: object, remember: bool = True) -> None:
        from oneonone_desktop.documents.layout import MM
        from oneonone_desktop.documents.stocks import get_stock

        stock = get_stock(self.stock_id())
        if remember:
            self._settings.setValue(f"print/stock/{self.kind}", stock.id)
        width, height = stock.finished_size
        per = (
            self.tr("{n} per sheet").format(n=stock.per_page)
            if stock.per_page > 1
            else self.tr("1 per sheet")
        )
        fold = {"half": self.tr("folded once"), "quarter": self.tr("folded twice")}.get(
            stock.fold or "", ""
        )
        size = self.tr("{w:.0f} × {h:.0f} mm").format(w=width / MM, h=height / MM)
        self.stock_info.setText(" · ".join(p for p in (per, size, fold) if p))
        two_sided = self.kind == CARDS and stock.double_sided
        self.back.blockSignals(True)
        self.back.setVisible(two_sided)
        self.back.setChecked(
            two_sided and self._settings.value("print/back", False) in (True, "true")
        )
        self.back.blockSignals(False)
        used = self.kind in (CARDS, LABELS) and stock.per_page > 1
        self.skip_holder.setVisible(used)
        self.skip.setRange(0, max(stock.per_page - 1, 0))
        self.skip_label.setText(
            self.tr("Labels already used on the first sheet:")
            if self.kind == LABELS
            else self.tr("Cards already used on the first sheet:")
        )
        self.changed.emit()

    def _remember_and_change(self, checked: bool) -> None:
        self._settings.setValue("print/back", checked)
        self.changed.emit()

    # --- what to render -----------------------------------------------------------------------

    def calibration_printable(self) -> Printable:
        """The test page of the chosen stock, with the offset as it is set now."""
        from oneonone_desktop.documents.stocks import get_stock

        stock = get_stock(self.stock_id())
        offset = self.offset.offset()
        return Printable(
            (CALIBRATION, stock.id, offset),
            CALIBRATION,
            self.tr("Calibration page"),
            f"calibration-{stock.id}",
            1,
            stock.page_size,
            calibration_work(stock.id, offset),
        )

    def printable(self) -> Printable | str:
        """The current choices, or a sentence saying what is still missing."""
        from oneonone_desktop.documents.stocks import get_stock
        from oneonone_desktop.documents.templates import TemplateError, get_template_by_id

        stock = get_stock(self.stock_id())
        offset = self.offset.offset()
        if self.kind == CALIBRATION:
            return self.calibration_printable()
        ids = tuple(self.people.ids())
        if not ids:
            return self.people.empty_reason()
        skip = self.skip.value() if self.skip_holder.isVisibleTo(self) else 0
        if self.kind == CARDS:
            template_id = self.template_id()
            if template_id is None:
                return self.tr("There is no card template yet. Use Edit templates… to write one.")
            try:
                template = get_template_by_id(template_id)
            except TemplateError:
                return self.tr("That template was deleted. Choose another one.")
            back = self.back.isVisibleTo(self) and self.back.isChecked()
            return Printable(
                (CARDS, ids, stock.id, template, offset, back, skip),
                CARDS,
                self.tr("Thank-you cards"),
                "thank-you-cards",
                len(ids),
                stock.page_size,
                cards_work(ids, stock.id, template, offset, back, skip),
                ids,
            )
        envelopes = self.kind == ENVELOPES
        return Printable(
            (self.kind, ids, stock.id, offset, skip),
            self.kind,
            self.tr("Envelopes") if envelopes else self.tr("Address labels"),
            "envelopes" if envelopes else "address-labels",
            len(ids),
            stock.page_size,
            labels_work(ids, stock.id, offset, skip, envelopes),
            ids,
        )


def _group(title: str, content: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(10, 8, 10, 10)
    layout.addWidget(content)
    return box
