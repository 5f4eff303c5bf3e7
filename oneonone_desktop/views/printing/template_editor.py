"""The card template editor: the templates (English and Spanish) on the left, the words and
look of the chosen one in the middle, and a live preview on a chosen stock with sample values.

Signals: saved(int) (the template's id, after each save).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.documents.templates import CardTemplate, TemplateError, TemplateOptions
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.printing.choices import ElidedCombo
from oneonone_desktop.views.printing.preview import PdfPreview
from oneonone_desktop.views.printing.template_editor_form import TemplateForm

PREVIEW_DELAY_MS = 300
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


class TemplateEditor(QDialog):
    saved = Signal(int)

    def __init__(
        self, parent: QWidget | None, template_id: int | None = None, stock_id: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self.setWindowTitle(self.tr("Card templates"))
        self._current_id: int | None = None
        self._loading = False
        self.dirty = False

        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.list.setAccessibleName(self.tr("Templates"))
        self.list.setFixedWidth(230)
        self.new_button = QPushButton(self.tr("New"))
        self.duplicate_button = QPushButton(self.tr("Duplicate"))
        self.duplicate_button.setToolTip(
            self.tr("Save what you see as a new template, leaving this one as it was")
        )
        self.delete_button = QPushButton(icon("erase"), self.tr("Delete…"))
        left_buttons = QHBoxLayout()
        left_buttons.setSpacing(4)
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            left_buttons.addWidget(button)
        left = QVBoxLayout()
        heading = QLabel(self.tr("Templates"))
        heading.setObjectName("columnCaption")
        heading.setBuddy(self.list)
        left.addWidget(heading)
        left.addWidget(self.list, 1)
        left.addLayout(left_buttons)

        self.form = TemplateForm()
        self.form.edited.connect(self._edited)

        self.stock = ElidedCombo()
        self.stock.setAccessibleName(self.tr("Preview on"))
        self.back = QCheckBox(self.tr("Show the back"))
        self.preview = PdfPreview()
        self.preview.setMinimumWidth(360)
        stock_row = QHBoxLayout()
        on = QLabel(self.tr("Preview on"))
        on.setBuddy(self.stock)
        stock_row.addWidget(on)
        stock_row.addWidget(self.stock, 1)
        sample = QLabel(self.tr("Made-up sample values, such as María Núñez."))
        sample.setObjectName("filterCaption")
        under = QHBoxLayout()
        under.addWidget(sample, 1)
        under.addWidget(self.back)
        right = QVBoxLayout()
        right.addLayout(stock_row)
        right.addWidget(self.preview, 1)
        right.addLayout(under)

        self.status = QLabel()
        self.status.setObjectName("filterCaption")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left)
        body.addWidget(self.form, 5)
        body.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)
        self.resize(1180, 720)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self._fill_stocks(stock_id)
        self.list.currentItemChanged.connect(self._picked)
        self.stock.currentIndexChanged.connect(self._stock_changed)
        self.back.toggled.connect(self.update_preview)
        self.new_button.clicked.connect(self.new_template)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        self.reload(template_id)

    # --- the list -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        from oneonone_desktop.documents.templates import list_templates

        self.list.blockSignals(True)
        self.list.clear()
        templates = list_templates("card")
        order = [code for code in LANGUAGE_NAMES if any(t.language == code for t in templates)]
        order += sorted({t.language for t in templates} - set(order))
        row = -1
        for code in order:  # a heading per language, its templates by name below
            heading = QListWidgetItem(LANGUAGE_NAMES.get(code, code))
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not to be chosen
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.list.addItem(heading)
            for template in (t for t in templates if t.language == code):
                item = QListWidgetItem(template.name)
                item.setData(Qt.ItemDataRole.UserRole, template.id)
                item.setToolTip(template.name)
                self.list.addItem(item)
                if row < 0 or template.id == select_id:
                    row = self.list.count() - 1
        self.list.blockSignals(False)
        if row >= 0:
            self.list.setCurrentRow(row)
            self._load(self.list.currentItem())
        else:
            self.new_template()

    def chosen_id(self) -> int | None:
        return self._current_id

    def done(self, result: int) -> None:
        """Closing (Close, Escape, the window's ×) with unsaved changes asks about them first."""
        if self.dirty and not self._settle_changes():
            return
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty and not self._settle_changes():
            event.ignore()
            return
        self.dirty = False
        super().closeEvent(event)

    def _picked(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is None or self._loading:
            return
        if not self.dirty:
            self._load(item)
            return
        target = item.data(Qt.ItemDataRole.UserRole)
        if not self._settle_changes():
            self.list.blockSignals(True)
            self.list.setCurrentRow(self.list.row(previous) if previous is not None else -1)
            self.list.blockSignals(False)
            return
        self._set_dirty(False)
        self.reload(target)  # saving may have renamed and re-sorted the list

    def _load(self, item: QListWidgetItem | None) -> None:
        from oneonone_desktop.documents.templates import get_template_by_id

        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return
        template = get_template_by_id(int(item.data(Qt.ItemDataRole.UserRole)))
        self._current_id = template.id
        self._loading = True
        self.form.set_template(template)
        self._loading = False
        self._set_dirty(False)
        self.delete_button.setEnabled(True)
        self.duplicate_button.setEnabled(True)
        self.update_preview()

    def _settle_changes(self) -> bool:
        """Unsaved changes: save or discard them; False when the user cancels."""
        name = self.form.name.text().strip() or self.tr("this template")
        answer = messages.choose(
            self,
            self.tr("Card templates"),
            self.tr("Save your changes to {name}?").format(name=name),
            [self.tr("Save"), self.tr("Don’t save")],
        )
        if answer is None:
            return False
        return self.save() if answer == 0 else True

    # --- editing ------------------------------------------------------------------------------

    def current_template(self) -> CardTemplate:
        return self.form.template(self._current_id)

    def _edited(self) -> None:
        if self._loading:
            return
        self._set_dirty(True)
        self._timer.start()

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty or self._current_id is None)
        self.status.setText(self.tr("Not saved yet") if dirty else "")

    def new_template(self) -> None:
        if self.dirty and not self._settle_changes():
            return
        self._current_id = None
        self._loading = True
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.form.set_template(CardTemplate(name="", body="", options=TemplateOptions()))
        self._loading = False
        self._set_dirty(False)
        self.delete_button.setEnabled(False)
        self.duplicate_button.setEnabled(False)
        self.form.name.setFocus()
        self.update_preview()

    def save(self) -> bool:
        """Save what is shown; problems are shown next to their fields. True when saved."""
        from oneonone_desktop.documents.templates import save_template

        try:
            stored = save_template(self.current_template())
        except TemplateError as exc:
            self.form.show_problems(exc.problems)
            return False
        self.form.show_problems({})
        self._current_id = stored.id
        self._set_dirty(False)
        self.reload(stored.id)
        self.status.setText(self.tr("Saved."))
        if stored.id is not None:
            self.saved.emit(stored.id)
        return True

    def duplicate(self) -> None:
        from oneonone_desktop.documents.templates import list_templates, save_template

        taken = {t.name.lower() for t in list_templates("card")}
        base = self.form.name.text().strip() or self.tr("New card")
        name = self.tr("{name} (copy)").format(name=base)
        number = 2
        while name.lower() in taken:
            name = self.tr("{name} (copy {n})").format(name=base, n=number)
            number += 1
        try:
            stored = save_template(replace(self.current_template(), id=None, name=name))
        except TemplateError as exc:
            self.form.show_problems(exc.problems)
            return
        self._set_dirty(False)
        self.reload(stored.id)
        self.status.setText(self.tr("Saved a copy: {name}.").format(name=name))
        self.form.name.setFocus()
        self.form.name.selectAll()

    def delete(self) -> None:
        from oneonone_desktop.documents.templates import delete_template

        if self._current_id is None:
            return
        name = self.form.name.text().strip()
        if not messages.confirm(
            self,
            self.tr("Delete template"),
            self.tr("Delete the template {name}? This cannot be undone.").format(name=name),
            self.tr("Delete"),
            True,
        ):
            return
        delete_template(self._current_id)
        self._current_id = None
        self._set_dirty(False)
        self.reload()
        self.status.setText(self.tr("Deleted {name}.").format(name=name))

    # --- the preview --------------------------------------------------------------------------

    def _fill_stocks(self, stock_id: str) -> None:
        from oneonone_desktop.documents.stocks import list_stocks

        for stock in list_stocks("card", "postcard", "plain"):
            self.stock.addItem(stock.name, stock.id)
        self.stock.setCurrentIndex(max(self.stock.findData(stock_id), 0))
        self._stock_changed()

    def _stock_changed(self) -> None:
        from oneonone_desktop.documents.stocks import get_stock

        two_sided = get_stock(str(self.stock.currentData())).double_sided
        self.back.setEnabled(two_sided)
        if not two_sided:
            self.back.setChecked(False)
        self.update_preview()

    def update_preview(self) -> None:
        """Draw one sheet of the template as it is now, filled with sample values."""
        from oneonone_desktop.documents.cards import preview_pdf
        from oneonone_desktop.documents.stocks import StockError

        self._timer.stop()
        template = self.current_template()
        if not template.body.strip() and not template.options.heading.strip():
            self.preview.show_message(self.tr("Write the message to see the card."))
            return
        template = _previewable(template)
        try:
            data = preview_pdf(template, str(self.stock.currentData()), back=self.back.isChecked())
        except (StockError, TemplateError) as exc:
            self.preview.show_message(exc.message)
            return
        self.preview.set_pdf(data, self.tr("Sample card"))


def _previewable(template: CardTemplate) -> CardTemplate:
    """A half-typed colour or odd choice must not stop the preview: fall back for those."""
    o = template.options
    defaults = TemplateOptions()
    fixed = replace(
        o,
        accent=o.accent if _is_colour(o.accent) else defaults.accent,
        font=o.font if o.font in ("serif", "sans") else defaults.font,
        align=o.align if o.align in ("left", "center") else defaults.align,
    )
    return replace(template, options=fixed)


def _is_colour(text: str) -> bool:
    return len(text) == 7 and text.startswith("#") and QColor.isValidColorName(text)
