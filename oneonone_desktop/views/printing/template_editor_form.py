"""The template editor's form: name, language, heading, message, signature, cover and back
texts, font, alignment and accent colour, a merge-field menu, and problems beside each field.

Signals: edited() on every change a person makes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.documents.templates import CardTemplate, TemplateOptions
from oneonone_desktop.views.printing.template_fields import (
    FieldHighlighter,
    field_menu,
    unknown_note,
)

LANGUAGES = (("en", "English"), ("es", "Español"))
FONTS = (("serif", "Serif (like a letter)"), ("sans", "Sans serif (plain)"))
ALIGNS = (("left", "Left"), ("center", "Centred"))


class FocusWatch(QObject):
    """Remembers which text box had the focus last (where a merge field goes)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.last: QLineEdit | QPlainTextEdit | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit | QPlainTextEdit):
            self.last = watched
        return False


class TemplateForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateForm")
        self.name = QLineEdit()
        self.language = QComboBox()
        for code, text in LANGUAGES:
            self.language.addItem(text, code)
        self.heading = QLineEdit()
        self.heading.setPlaceholderText(self.tr("e.g. Dear {preferred_name},"))
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(150)
        self.setMinimumWidth(440)
        self.signature = QPlainTextEdit()
        self.signature.setTabChangesFocus(True)
        self.signature.setFixedHeight(54)
        self.signature.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.cover = QLineEdit()
        self.cover.setPlaceholderText(self.tr("front of a folded card, e.g. Thank you"))
        self.back = QLineEdit()
        self.back.setPlaceholderText(self.tr("small print on the back, e.g. {chapter}"))
        self.font_choice = QComboBox()
        for code, text in FONTS:
            self.font_choice.addItem(self.tr(text), code)
        self.align = QComboBox()
        for code, text in ALIGNS:
            self.align.addItem(self.tr(text), code)
        self.accent = QLineEdit()
        self.accent.setMaxLength(7)
        self.accent.setFixedWidth(90)
        self.swatch = QToolButton()
        self.swatch.setObjectName("accentSwatch")
        self.insert_field = QToolButton()
        self.insert_field.setText(self.tr("Insert a field"))
        self.insert_field.setObjectName("insertFieldButton")
        self.insert_field.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_field.setMenu(field_menu(self, self.insert))
        self.unknown = QLabel()
        self.unknown.setObjectName("fieldError")
        self.unknown.setWordWrap(True)
        self.unknown.hide()
        self._highlighters = [
            FieldHighlighter(self.body.document()),
            FieldHighlighter(self.signature.document()),
        ]
        self._focus = FocusWatch(self)
        for edit in (self.heading, self.body, self.signature, self.cover, self.back):
            edit.installEventFilter(self._focus)

        names = {
            self.name: "Template name",
            self.language: "Language",
            self.heading: "Heading",
            self.body: "Message",
            self.signature: "Signature",
            self.cover: "Cover",
            self.back: "Back",
            self.font_choice: "Font",
            self.align: "Alignment",
            self.accent: "Accent colour",
            self.swatch: "Choose the accent colour",
        }
        for widget, text in names.items():
            widget.setAccessibleName(self.tr(text))

        self.errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(6)
        form.addRow(self.tr("Name"), self._with_error(self.name, "name"))
        form.addRow(self.tr("Language"), self._with_error(self.language, "language"))
        form.addRow(self.tr("Heading"), self._with_error(self.heading, "heading"))
        message = QVBoxLayout()
        message.setContentsMargins(0, 0, 0, 0)
        message.setSpacing(4)
        message.addWidget(self._with_error(self.body, "body"))
        tools = QHBoxLayout()
        tools.addWidget(self.insert_field)
        tools.addStretch(1)
        message.addLayout(tools)
        message.addWidget(self.unknown)
        holder_body = QWidget()
        holder_body.setLayout(message)
        holder_body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        form.addRow(self.tr("Message"), holder_body)
        form.addRow(self.tr("Signature"), self._with_error(self.signature, "signature"))
        form.addRow(self.tr("Cover"), self._with_error(self.cover, "cover"))
        form.addRow(self.tr("Back"), self._with_error(self.back, "back"))
        form.addRow(self.tr("Font"), self._with_error(self.font_choice, "options.font"))
        form.addRow(self.tr("Alignment"), self._with_error(self.align, "options.align"))
        colour = QHBoxLayout()
        colour.setContentsMargins(0, 0, 0, 0)
        colour.addWidget(self.swatch)
        colour.addWidget(self.accent)
        colour.addStretch(1)
        holder = QWidget()
        holder.setLayout(colour)
        form.addRow(self.tr("Accent colour"), self._with_error(holder, "options.accent"))

        for line in (self.name, self.heading, self.cover, self.back, self.accent):
            line.textEdited.connect(self._changed)
        for box in (self.body, self.signature):
            box.textChanged.connect(self._changed)
        for combo in (self.language, self.font_choice, self.align):
            combo.activated.connect(self._changed)
        self.swatch.clicked.connect(self._pick_colour)

    def _with_error(self, widget: QWidget, key: str) -> QWidget:
        label = QLabel()
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()
        self.errors[key] = label
        self._fields[key] = widget
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(label)
        return box

    # --- in and out ---------------------------------------------------------------------------

    def set_template(self, template: CardTemplate) -> None:
        o = template.options
        self.name.setText(template.name)
        index = self.language.findData(template.language)
        if index < 0:
            self.language.addItem(template.language, template.language)
            index = self.language.count() - 1
        self.language.setCurrentIndex(index)
        self.heading.setText(o.heading)
        self.body.setPlainText(template.body)
        self.signature.setPlainText(o.signature)
        self.cover.setText(o.cover)
        self.back.setText(o.back)
        self.font_choice.setCurrentIndex(max(self.font_choice.findData(o.font), 0))
        self.align.setCurrentIndex(max(self.align.findData(o.align), 0))
        self.accent.setText(o.accent)
        self.show_problems({})
        self._refresh()

    def template(self, template_id: int | None) -> CardTemplate:
        options = TemplateOptions(
            heading=self.heading.text(),
            signature=self.signature.toPlainText(),
            cover=self.cover.text(),
            back=self.back.text(),
            font=str(self.font_choice.currentData()),
            accent=self.accent.text().strip(),
            align=str(self.align.currentData()),
        )
        return CardTemplate(
            name=self.name.text(),
            body=self.body.toPlainText(),
            language=str(self.language.currentData()),
            options=options,
            id=template_id,
        )

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each problem under its field; the first field with one gets the focus."""
        first: QWidget | None = None
        for key, label in self.errors.items():
            text = problems.get(key, "")
            label.setText(text)
            label.setVisible(bool(text))
            if text and first is None:
                first = self._fields[key]
        if first is not None:
            first.setFocus()

    def insert(self, text: str) -> None:
        """Put a merge field where the cursor is (in the last text box used; the message first)."""
        target = self._focus.last or self.body
        if isinstance(target, QPlainTextEdit):
            target.insertPlainText(text)
        else:
            target.insert(text)
            self._changed()
        target.setFocus()

    # --- inside -------------------------------------------------------------------------------

    def _changed(self, *_: object) -> None:
        self._refresh()
        self.edited.emit()

    def _refresh(self) -> None:
        note = unknown_note(list(self.template(None).texts().values()))
        self.unknown.setText(note)
        self.unknown.setVisible(bool(note))
        colour = QColor(self.accent.text().strip())
        pixmap = QPixmap(16, 16)
        pixmap.fill(colour if colour.isValid() else QColor("#ffffff"))
        self.swatch.setIcon(QIcon(pixmap))

    def _pick_colour(self) -> None:
        current = QColor(self.accent.text().strip())
        chosen = QColorDialog.getColor(current if current.isValid() else QColor("#5b2a86"), self)
        if chosen.isValid():
            self.accent.setText(chosen.name())
            self._changed()
