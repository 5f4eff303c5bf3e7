"""Agendas per kind of 1:1: the steps' titles, what each page shows and its prompts, in order;
saved with Save, and a shipped kind can be put back as it came."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.agendas import (
    MAX_MINUTES,
    PAGES,
    AgendaStep,
    get_kind,
    list_kinds,
    reset_kind,
    update_kind,
)
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.common import (
    STYLE,
    add_row,
    box,
    error_label,
    label,
    make_form,
    show_error,
    tr,
)


def _key_for(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "step"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


class AgendaDialog(QDialog):
    """`steps` is the working copy of the chosen kind's agenda (saved with Save)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaDialog")
        self.setStyleSheet(STYLE)
        self.setWindowTitle(tr("Agendas"))
        self.steps: list[AgendaStep] = []
        self._dirty = False
        self._kind_key = ""
        self.kind = QComboBox()
        self.kind.setAccessibleName(tr("Kind of 1:1"))
        for kind in list_kinds():
            self.kind.addItem(kind.label, kind.key)
        self.name = QLineEdit()
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setSuffix(tr(" min"))
        self.kind.setMaximumWidth(420)
        self.name.setMaximumWidth(420)
        self.minutes.setMaximumWidth(120)
        top = make_form()
        add_row(top, tr("&Kind of 1:1"), self.kind)
        add_row(top, tr("&Name"), self.name)
        add_row(top, tr("Usual &length"), self.minutes)

        self.list = QListWidget()
        self.list.setObjectName("agendaSteps")
        self.list.setAccessibleName(tr("Steps"))
        self.list.setFixedWidth(250)
        self.title = QLineEdit()
        self.page = QComboBox()
        for key, words in PAGES.items():
            self.page.addItem(tr(words), key)
        self.prompts = QPlainTextEdit()
        self.prompts.setTabChangesFocus(True)
        self.prompts.setPlaceholderText(tr("What to say or ask at this step, one a line"))
        step_form = make_form()
        add_row(step_form, tr("Step &title"), self.title)
        add_row(step_form, tr("The page &shows"), self.page)
        add_row(step_form, tr("&Prompts"), self.prompts)
        order = QHBoxLayout()
        self.add_button = self._button("star", tr("&Add a step"), order)
        self.up_button = self._button("up", tr("Move &up"), order)
        self.down_button = self._button("down", tr("Move d&own"), order)
        self.remove_button = self._button("erase", tr("&Remove"), order)
        order.addStretch(1)
        editor = QVBoxLayout()
        editor.addLayout(step_form, 1)
        editor.addLayout(order)
        middle = QHBoxLayout()
        middle.addWidget(self.list)
        middle.addLayout(editor, 1)

        self.error = error_label()
        self.reset_button = QPushButton(icon("undo"), tr("Put &back the shipped agenda…"))
        self.reset_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        note = box("infoBox")
        note.setText(
            tr(
                "A 1:1 already under way keeps the agenda it started with; changes apply to the "
                "next ones."
            )
        )
        note.show()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(label(tr("Agendas"), "pageTitle"))
        layout.addWidget(note)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.list.currentRowChanged.connect(self._show_step)
        self.title.textEdited.connect(self._edited)
        self.page.currentIndexChanged.connect(self._edited)
        self.prompts.textChanged.connect(self._edited)
        self.name.textEdited.connect(lambda _: self._mark())
        self.minutes.valueChanged.connect(lambda _: self._mark())
        self.add_button.clicked.connect(self._add)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.reset_button.clicked.connect(self._reset)
        self._load(str(self.kind.currentData()))
        self.resize(860, 600)

    def _button(self, icon_name: str, text: str, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setAutoDefault(False)
        layout.addWidget(button)
        return button

    # --- loading --------------------------------------------------------------------------

    def _load(self, key: str, row: int = 0) -> None:
        kind = get_kind(key)
        self._kind_key = key
        self.steps = list(kind.steps)
        self.name.setText(kind.label)
        self.minutes.blockSignals(True)
        self.minutes.setValue(kind.default_minutes)
        self.minutes.blockSignals(False)
        self._fill(row)
        self._dirty = False
        show_error(self.error, "")

    def _fill(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for number, step in enumerate(self.steps, start=1):
            self.list.addItem(f"{number}.  {step.title}")
        self.list.blockSignals(False)
        if self.steps:
            self.list.setCurrentRow(max(0, min(row, len(self.steps) - 1)))
        self._show_step(self.list.currentRow())

    def _show_step(self, row: int) -> None:
        has = 0 <= row < len(self.steps)
        for widget in (self.title, self.page, self.prompts, self.remove_button):
            widget.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.steps) - 1)
        for widget in (self.title, self.page, self.prompts):
            widget.blockSignals(True)
        if has:
            step = self.steps[row]
            self.title.setText(step.title)
            self.page.setCurrentIndex(max(0, self.page.findData(step.page)))
            self.prompts.setPlainText("\n".join(step.prompts))
        else:
            self.title.clear()
            self.prompts.clear()
        for widget in (self.title, self.page, self.prompts):
            widget.blockSignals(False)

    def _kind_changed(self) -> None:
        key = str(self.kind.currentData())
        if key == self._kind_key:
            return
        if self._dirty:
            answer = messages.choose(
                self,
                tr("Agendas"),
                tr("Save the changes to the agenda of ‘{name}’?").format(name=self.name.text()),
                [tr("Save"), tr("Throw them away")],
            )
            if answer is None or (answer == 0 and not self.save(keep_kind=True)):
                self.kind.blockSignals(True)
                self.kind.setCurrentIndex(self.kind.findData(self._kind_key))
                self.kind.blockSignals(False)
                return
        self._load(key)

    # --- editing --------------------------------------------------------------------------

    def _mark(self) -> None:
        self._dirty = True

    def _edited(self, *_: object) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.steps):
            return
        old = self.steps[row]
        prompts = tuple(p.strip() for p in self.prompts.toPlainText().splitlines() if p.strip())
        self.steps[row] = AgendaStep(
            old.key, self.title.text(), str(self.page.currentData()), prompts
        )
        item = self.list.item(row)
        if item is not None:
            item.setText(f"{row + 1}.  {self.title.text()}")
        self._mark()

    def _add(self) -> None:
        row = self.list.currentRow() + 1
        title = tr("New step")
        key = _key_for(title, {s.key for s in self.steps})
        self.steps.insert(row, AgendaStep(key, title, "notes", ()))
        self._fill(row)
        self._mark()
        self.title.setFocus()
        self.title.selectAll()

    def _move(self, offset: int) -> None:
        row = self.list.currentRow()
        there = row + offset
        if 0 <= row < len(self.steps) and 0 <= there < len(self.steps):
            self.steps[row], self.steps[there] = self.steps[there], self.steps[row]
            self._fill(there)
            self._mark()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.steps):
            del self.steps[row]
            self._fill(row)
            self._mark()

    def _reset(self) -> None:
        if not messages.confirm(
            self,
            tr("Put back the shipped agenda"),
            tr(
                "Put back the agenda of ‘{name}’ as it came with the app? Your changes to it "
                "are lost."
            ).format(name=self.name.text()),
            tr("Put it back"),
            destructive=True,
        ):
            return
        try:
            reset_kind(self._kind_key)
        except ValidationError as exc:
            show_error(self.error, " ".join(exc.problems.values()))
            return
        self._load(self._kind_key)
        self.kind.setItemText(self.kind.currentIndex(), self.name.text())

    def save(self, keep_kind: bool = False) -> bool:
        try:
            update_kind(
                self._kind_key,
                self.steps,
                label=self.name.text(),
                default_minutes=self.minutes.value(),
            )
        except ValidationError as exc:
            show_error(self.error, " ".join(exc.problems.values()))
            return False
        self._dirty = False
        show_error(self.error, "")
        index = self.kind.findData(self._kind_key)
        self.kind.setItemText(index, self.name.text().strip())
        return True

    def reject(self) -> None:
        if self._dirty:
            answer = messages.choose(
                self,
                tr("Agendas"),
                tr("Save the changes to the agenda of ‘{name}’?").format(name=self.name.text()),
                [tr("Save"), tr("Throw them away")],
            )
            if answer is None or (answer == 0 and not self.save()):
                return
        super().reject()
