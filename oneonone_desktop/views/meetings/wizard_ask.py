"""The wizard's Ask page: asks ranked by fit (with the reasons), the commitment or "not yet",
and the organizer's own promises with their dates."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.agendas import AgendaStep
from oneonone_desktop.services.asks import rank_asks
from oneonone_desktop.services.wizard_state import PromiseDraft
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.ask_list import AskList
from oneonone_desktop.views.meetings.common import (
    DateField,
    N,
    TimeField,
    add_error_row,
    add_row,
    box,
    error_label,
    label,
    make_form,
    scroll_area,
    show_error,
    show_form_error,
    tr,
)
from oneonone_desktop.views.meetings.wizard_pages import StepPage, WizardContext

BAD_TIME = N("Type a time such as 18:30 or 6:30 pm, or choose one from the list.")


class PromiseRow(QWidget):
    """One promise: what, and by when; a button removes it."""

    def __init__(self, number: int, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("e.g. send the clinic fact sheet"))
        self.due = DateField(tr("Choose when"), ctx.clock().date())
        self.remove = QPushButton(icon("clear"), "")
        self.remove.setAutoDefault(False)
        self.remove.setFlat(True)
        self.error = error_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.due)
        row.addWidget(self.remove)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.error)
        self.renumber(number)

    def renumber(self, number: int) -> None:
        self.number = number
        self.text.setAccessibleName(tr("Promise {n}: what you will do").format(n=number))
        self.due.setAccessibleName(tr("Promise {n}: by when").format(n=number))
        self.remove.setAccessibleName(tr("Remove promise {n}").format(n=number))
        self.remove.setToolTip(tr("Remove this promise"))

    def value(self) -> PromiseDraft:
        return PromiseDraft(self.text.text(), self.due.value())


class AskPage(StepPage):
    """The ask: pick from the ranked asks or type an activity; date, time and goal; or not yet."""

    def __init__(self, step: AgendaStep, ctx: WizardContext, parent: QWidget | None = None):
        super().__init__(step, ctx, parent)
        today = ctx.clock().date()
        self._action_title = ""
        content = QWidget()
        content.setObjectName("askContent")
        page = QVBoxLayout(content)
        page.setContentsMargins(0, 0, 8, 0)
        page.setSpacing(8)
        self.problem = box("problemBox")
        page.addWidget(self.problem)

        page.addWidget(
            label(
                tr("Asks that fit {name}, best first").format(name=ctx.meeting.supporter_name),
                "sectionCaption",
                wrap=False,
            )
        )
        self.asks = AskList(tr("Asks, best fit first"))
        self.asks.setObjectName("rankedAsks")
        self.asks.setMinimumHeight(150)
        self.asks.setIconSize(QSize(16, 16))
        self.asks.setMaximumHeight(205)
        page.addWidget(self.asks)
        use_row = QHBoxLayout()
        self.use = QPushButton(icon("check"), tr("&Use this ask"))
        self.use.setAutoDefault(False)
        self.use.setToolTip(tr("Fill the commitment with the chosen ask (or double-click it)"))
        use_row.addWidget(self.use)
        use_row.addWidget(label(tr("or type the activity yourself below."), "muted", wrap=False), 1)
        page.addLayout(use_row)

        columns = QHBoxLayout()
        columns.setSpacing(28)
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(label(tr("Their commitment"), "sectionCaption", wrap=False))
        self.form = make_form()
        self.activity = QLineEdit()
        self.activity.setObjectName("askActivity")
        self.activity.setPlaceholderText(tr("what they will do"))
        self.date = DateField(tr("Choose a date"), today)
        self.date.setObjectName("askDate")
        self.time = TimeField(tr("Choose or type a time"))
        self.time.setObjectName("askTime")
        self.goal = QLineEdit()
        self.goal.setObjectName("askGoal")
        self.goal.setPlaceholderText(tr("what success looks like, e.g. bring 3 friends"))
        add_row(self.form, tr("&Activity"), self.activity)
        add_row(self.form, tr("&Date"), self.date)
        add_row(self.form, tr("T&ime"), self.time)
        add_row(self.form, tr("&Goal"), self.goal)
        self.not_yet = QCheckBox(tr("Not &yet: they are not ready to commit"))
        self.not_yet.setObjectName("askNotYet")
        self.form.addRow("", self.not_yet)
        self.reason = QLineEdit()
        self.reason.setObjectName("askNotYetReason")
        self.reason.setPlaceholderText(tr("e.g. busy until exams end"))
        self.again = DateField(tr("Choose a date"), today)
        self.again.setObjectName("askAgainOn")
        add_row(self.form, tr("&Why not yet"), self.reason)
        add_row(self.form, tr("As&k again on"), self.again)
        self.errors = {
            key: add_error_row(self.form, widget)
            for key, widget in (
                ("ask.activity", self.activity),
                ("ask.date", self.date),
                ("ask.time", self.time),
                ("ask.goal", self.goal),
                ("ask.not_yet_reason", self.reason),
                ("ask.ask_again_on", self.again),
            )
        }
        left.addLayout(self.form)
        left.addStretch(1)
        columns.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(label(tr("What you promised them"), "sectionCaption", wrap=False))
        right.addWidget(
            label(
                tr("Keep a list of what you promise; keeping it builds trust."), "muted", wrap=False
            )
        )
        self.promise_box = QVBoxLayout()
        self.promise_box.setSpacing(6)
        right.addLayout(self.promise_box)
        self.add_promise = QPushButton(icon("promise"), tr("Add a &promise"))
        self.add_promise.setObjectName("addPromise")
        self.add_promise.setAutoDefault(False)
        add_row_layout = QHBoxLayout()
        add_row_layout.addWidget(self.add_promise)
        add_row_layout.addStretch(1)
        right.addLayout(add_row_layout)
        right.addStretch(1)
        columns.addLayout(right, 2)
        page.addLayout(columns)
        self.promises: list[PromiseRow] = []

        notes = self.make_notes(lines=3, layout=page)
        page.addWidget(notes, 1)
        scroll = scroll_area(content, tr("The ask"))
        self.body.addWidget(scroll, 1)

        self.asks.itemActivated.connect(lambda *_: self.use_selected())
        self.use.clicked.connect(self.use_selected)
        self.add_promise.clicked.connect(lambda: self._new_promise(focus=True))
        self.not_yet.toggled.connect(self._not_yet_changed)
        for edit in (self.activity, self.goal, self.reason):
            edit.textChanged.connect(self.edited)
        self.activity.textEdited.connect(self._activity_typed)
        for field in (self.date, self.again):
            field.dateChanged.connect(self.edited)
        self.time.currentTextChanged.connect(self.edited)
        self.not_yet.toggled.connect(self.edited)
        self._not_yet_changed(False)

    # --- the ranked asks ----------------------------------------------------------------------

    def entered(self) -> None:
        s = self.state
        extra = {"issue": s.issues, "skill": s.skills, "interest": s.interests}
        ranked = rank_asks(
            self.ctx.meeting.supporter_id,
            self.ctx.clock().date(),
            extra=extra,
            chosen=s.candidate_ask_ids,
        )
        self.asks.fill(ranked, self.ctx.clock().date())
        for row in range(self.asks.count()):
            if self.asks.ranked(row).action.id == s.ask.action_id:
                self.asks.item(row).setIcon(icon("check"))
        self.use.setEnabled(self.asks.count() > 0)

    def use_selected(self) -> None:
        """Fill the commitment from the chosen ask (its title, and its date and time if set)."""
        ranked = self.asks.current_ranked()
        if ranked is None:
            return
        action = ranked.action
        self.not_yet.setChecked(False)
        self.state.ask.action_id = action.id
        self._action_title = action.title
        self.activity.setText(action.title)
        if action.starts_at is not None:
            self.date.set_value(action.starts_at.date())
            self.time.set_value(action.starts_at.time())
        for row in range(self.asks.count()):
            chosen = self.asks.item(row) is self.asks.currentItem()
            self.asks.item(row).setIcon(icon("check") if chosen else QIcon())
        self.goal.setFocus()
        self.edited.emit()

    def _activity_typed(self, text: str) -> None:
        if self._action_title and not text.strip().startswith(self._action_title[:12]):
            self.state.ask.action_id = None  # typed another activity: no longer that action
            self._action_title = ""

    def _not_yet_changed(self, on: bool) -> None:
        for widget in (self.activity, self.date, self.time, self.goal):
            widget.setEnabled(not on)
        self.form.setRowVisible(self.reason, on)
        self.form.setRowVisible(self.again, on)
        if on and self.isVisible():
            self.reason.setFocus()

    # --- promises -------------------------------------------------------------------------

    def _new_promise(self, focus: bool = False) -> PromiseRow:
        row = PromiseRow(len(self.promises) + 1, self.ctx)
        row.text.textChanged.connect(self.edited)
        row.due.dateChanged.connect(self.edited)
        row.remove.clicked.connect(lambda: self._remove_promise(row))
        self.promises.append(row)
        self.promise_box.addWidget(row)
        if focus:
            row.text.setFocus()
            self.edited.emit()
        return row

    def _remove_promise(self, row: PromiseRow) -> None:
        index = self.promises.index(row)
        self.promises.remove(row)
        row.hide()
        row.deleteLater()
        for number, other in enumerate(self.promises, start=1):
            other.renumber(number)
        target = self.promises[min(index, len(self.promises) - 1)] if self.promises else None
        (target.text if target else self.add_promise).setFocus()
        self.edited.emit()

    # --- state ----------------------------------------------------------------------------

    def load(self) -> None:
        super().load()
        ask = self.state.ask
        self.activity.setText(ask.activity)
        self.date.set_value(ask.date)
        self.time.set_value(ask.time)
        self.goal.setText(ask.goal)
        self.not_yet.setChecked(ask.not_yet)
        self.reason.setText(ask.not_yet_reason)
        self.again.set_value(ask.ask_again_on)
        self._not_yet_changed(ask.not_yet)
        self._action_title = ""
        if ask.action_id is not None:
            self._action_title = ask.activity
        for promise in self.state.promises:
            row = self._new_promise()
            row.text.setText(promise.text)
            row.due.set_value(promise.due_on)
        self.entered()

    def store(self) -> None:
        super().store()
        ask = self.state.ask
        ask.activity = self.activity.text()
        ask.date = self.date.value()
        ask.time = self.time.value()
        ask.goal = self.goal.text()
        ask.not_yet = self.not_yet.isChecked()
        ask.not_yet_reason = self.reason.text()
        ask.ask_again_on = self.again.value()
        self.state.promises = [row.value() for row in self.promises]

    def local_problems(self) -> dict[str, str]:
        """What the screen can tell before the rules run: a typed time that is not a time."""
        if not self.not_yet.isChecked() and self.time.is_invalid():
            return {"ask.time": tr(BAD_TIME)}
        return {}

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, message in self.errors.items():
            show_form_error(self.form, message, problems.get(key, ""))
        general = problems.get("ask", "")
        self.problem.setText(general)
        self.problem.setVisible(bool(general))
        for row in self.promises:
            n = row.number - 1
            text = " ".join(
                problems[k] for k in (f"promises.{n}.text", f"promises.{n}.due_on") if k in problems
            )
            show_error(row.error, text)

    def first_problem_field(self, problems: dict[str, str]) -> QWidget | None:
        order = [
            ("ask", self.activity),
            ("ask.activity", self.activity),
            ("ask.date", self.date),
            ("ask.time", self.time),
            ("ask.goal", self.goal),
            ("ask.not_yet_reason", self.reason),
            ("ask.ask_again_on", self.again),
        ]
        for key, widget in order:
            if key in problems:
                return self.reason if key == "ask" and self.not_yet.isChecked() else widget
        for row in self.promises:
            if any(k.startswith(f"promises.{row.number - 1}.") for k in problems):
                return row.text
        return None

    def first_field(self) -> QWidget | None:
        return self.asks if self.asks.count() else self.activity
