"""Who to print for (the people chosen in the list, everyone with a thank-you due, a tag, one
person), the printer offset, and a combo box for long stock names, as small widgets the print
section lays out.

Signals: PeopleChooser.changed(), OffsetBox.changed() (after the offset was saved),
OffsetBox.calibrateRequested().
"""

from __future__ import annotations

from peewee import SqliteDatabase
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.store.models import Label
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.pickers import PersonPicker
from oneonone_desktop.views.wording import people_count

SELECTED, DUE, TAG, PERSON = "selected", "due", "tag", "person"


class ElidedCombo(QComboBox):
    """Long choices are shortened in the middle, so the end of a stock's name (its Avery
    number) stays in sight; the list that drops down is as wide as the longest name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.currentTextChanged.connect(self.setToolTip)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideMiddle, field.width() - 4
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def showPopup(self) -> None:
        view = self.view()
        view.setMinimumWidth(max(self.width(), view.sizeHintForColumn(0) + 32))
        super().showPopup()


class PeopleChooser(QWidget):
    """Four ways to say who gets a card, label or envelope."""

    changed = Signal()

    def __init__(self, database: SqliteDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._chosen: list[int] = []
        self._due: list[int] | None = None
        self.selected = QRadioButton()
        self.due = QRadioButton()
        self.tagged = QRadioButton(self.tr("Everyone tagged"))
        self.one = QRadioButton(self.tr("One person"))
        self.tag = QComboBox()
        self.tag.setAccessibleName(self.tr("Tag"))
        self.tag.setMinimumContentsLength(12)
        self.person = PersonPicker(database)
        self.person.edit.setPlaceholderText(self.tr("type a name to find them"))
        self.person.edit.setAccessibleName(self.tr("Person"))
        self.count = QLabel()
        self.count.setObjectName("filterCaption")
        self.group = QButtonGroup(self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        for row, (key, button) in enumerate(
            ((SELECTED, self.selected), (DUE, self.due), (TAG, self.tagged), (PERSON, self.one))
        ):
            button.setProperty("mode", key)
            self.group.addButton(button)
            grid.addWidget(button, row, 0, 1, 2 if key in (SELECTED, DUE) else 1)
        grid.addWidget(self.tag, 2, 1)
        grid.addWidget(self.person, 3, 1)
        grid.addWidget(self.count, 4, 0, 1, 2)
        self.group.buttonToggled.connect(self._toggled)
        self.tag.currentIndexChanged.connect(self._pick_tag)
        self.person.chosen.connect(self._pick_person)
        self.reload()
        self.due.setChecked(True)

    # --- choosing -----------------------------------------------------------------------------

    def set_list_selection(self, ids: list[int]) -> None:
        """The people chosen in the Supporters list now (the choice stays as it is)."""
        self._chosen = list(dict.fromkeys(ids))
        self._label_selected()
        self._update_count()

    def use_people(self, ids: list[int]) -> None:
        """Print for these people (the list's selection), chosen now."""
        self._chosen = list(dict.fromkeys(ids))
        self._label_selected()
        if len(self._chosen) == 1:
            self.person.set_supporter(self._chosen[0])
            self.one.setChecked(True)
        else:
            self.selected.setChecked(True)
        self._update_count()
        self.changed.emit()

    def use_person(self, supporter_id: int) -> None:
        self.person.set_supporter(supporter_id)
        self.one.setChecked(True)
        self._update_count()
        self.changed.emit()

    def use_thank_you_due(self) -> None:
        self.due.setChecked(True)
        self.changed.emit()

    def reload(self) -> None:
        """Read the tags and the thank-yous due again (people may have changed)."""
        from oneonone_desktop.documents.cards import thank_you_due

        self._due = thank_you_due()
        self.due.setText(
            self.tr("Everyone with a thank-you card due ({n})").format(n=f"{len(self._due):,}")
        )
        current = self.tag.currentText()
        self.tag.blockSignals(True)
        self.tag.clear()
        names = [
            row.name
            for row in Label.select(Label.name)
            .where(Label.kind == "tag")
            .order_by(Label.name.collate("NOCASE"))
        ]
        self.tag.addItems(names)
        if current in names:
            self.tag.setCurrentText(current)
        self.tag.blockSignals(False)
        self.tagged.setEnabled(bool(names))
        self._label_selected()
        self._update_count()

    def mode(self) -> str:
        button = self.group.checkedButton()
        return str(button.property("mode")) if button is not None else DUE

    def ids(self) -> list[int]:
        """The people chosen now, each once."""
        mode = self.mode()
        if mode == SELECTED:
            return list(self._chosen)
        if mode == DUE:
            if self._due is None:
                self.reload()
            return list(self._due or [])
        if mode == TAG:
            from oneonone_desktop.services.supporter_list import SupporterFilter, all_ids

            tag = self.tag.currentText()
            return all_ids(self._database, SupporterFilter(tag=tag)) if tag else []
        chosen = self.person.supporter_id()
        return [chosen] if chosen is not None else []

    def empty_reason(self) -> str:
        """Why nobody is chosen, as a hint of what to do."""
        mode = self.mode()
        if mode == SELECTED:
            return self.tr("Select people in the Supporters list first, or choose another way.")
        if mode == DUE:
            return self.tr("No thank-you cards are due. Choose people another way.")
        if mode == TAG:
            return self.tr("No one has this tag.")
        return self.tr("Type a name and pick the person from the list.")

    # --- inside -------------------------------------------------------------------------------

    def _label_selected(self) -> None:
        n = len(self._chosen)
        self.selected.setText(
            self.tr("The people chosen in the list ({n})").format(n=f"{n:,}")
            if n
            else self.tr("The people chosen in the list (none yet)")
        )
        self.selected.setEnabled(n > 0 or self.selected.isChecked())

    def _toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        if button is self.one and self.person.supporter_id() is None:
            self.person.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_count()
        self.changed.emit()

    def _pick_tag(self) -> None:
        if not self.tagged.isChecked():
            self.tagged.setChecked(True)
            return
        self._update_count()
        self.changed.emit()

    def _pick_person(self, _supporter_id: object) -> None:
        if not self.one.isChecked():
            self.one.setChecked(True)  # picking someone makes "One person" the choice
            return
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        n = len(self.ids())
        self.count.setText(self.tr("{people} chosen").format(people=people_count(n)))


class OffsetBox(QWidget):
    """The printer offset in millimetres (saved as it changes) and a calibration page button."""

    changed = Signal()
    calibrateRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from oneonone_desktop.documents.layout import MAX_OFFSET_MM, load_offset

        right, down = load_offset()
        self.right = self._spin(right, MAX_OFFSET_MM, self.tr("Move right by"))
        self.down = self._spin(down, MAX_OFFSET_MM, self.tr("Move down by"))
        self.calibrate = QPushButton(icon("calibrate"), self.tr("Print a calibration page…"))
        self.calibrate.setObjectName("calibrateButton")
        self.calibrate.clicked.connect(self.calibrateRequested)
        self.hint = QLabel()
        self.hint.setObjectName("filterCaption")
        self.hint.setWordWrap(True)
        self.set_calibrating(False)
        row = QHBoxLayout()
        row.setSpacing(6)
        for text, spin in ((self.tr("Right"), self.right), (self.tr("Down"), self.down)):
            label = QLabel(text)
            label.setBuddy(spin)
            row.addWidget(label)
            row.addWidget(spin)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.calibrate, 0, Qt.AlignmentFlag.AlignLeft)
        self.right.valueChanged.connect(self._save)
        self.down.valueChanged.connect(self._save)

    def _spin(self, value: float, limit: float, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(-limit, limit)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(" mm")
        spin.setValue(value)
        spin.setAccessibleName(name)
        spin.setKeyboardTracking(False)
        return spin

    def set_calibrating(self, calibrating: bool) -> None:
        """On the calibration page itself, say how to read it rather than to print it."""
        self.calibrate.setVisible(not calibrating)
        self.hint.setText(
            self.tr(
                "Print this page at actual size and hold it against a sheet of the stock, up "
                "to the light. If the boxes sit 2 mm too far right, enter −2 for Right; the "
                "preview moves as you type. Everything you print moves with it."
            )
            if calibrating
            else self.tr(
                "If your printer puts everything a little off, print a calibration page, "
                "measure, and move the print here (minus: left or up)."
            )
        )

    def offset(self) -> tuple[float, float]:
        return (self.right.value(), self.down.value())

    def _save(self) -> None:
        from oneonone_desktop.documents.layout import save_offset

        save_offset(*self.offset())
        self.changed.emit()
