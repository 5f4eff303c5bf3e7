"""The wizard's Connection page: the guiding questions as a form, with their branches, and
quick capture of issues, values, skills, interests, past involvement and common ground."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.agendas import AgendaStep
from oneonone_desktop.services.question_tree import QuestionData
from oneonone_desktop.services.stories import supporter_issues
from oneonone_desktop.services.wizard_state import WizardState
from oneonone_desktop.views.meetings.common import label, make_form, scroll_area, tr
from oneonone_desktop.views.meetings.wizard_pages import StepPage, WizardContext
from oneonone_desktop.views.pickers import label_completer, split_list

INDENT = 28
YES_NO_STYLE = """
QPushButton { padding: 3px 14px; border: 1px solid #b9c3ce; border-radius: 4px;
              background: #ffffff; color: #2b3745; }
QPushButton:checked { background: #d5e2f1; border-color: #1d5fa8; color: #14273d;
                      font-weight: 600; }
QPushButton:focus { border: 2px solid #1d5fa8; }
"""


class QuestionRow(QWidget):
    """One question and the widgets that answer it (written straight into the state).

    Signals: answered(bool) after a change; True when a yes/no changed (branches may move).
    """

    answered = Signal(bool)

    def __init__(self, question: QuestionData, state: WizardState, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.state = state
        self.setObjectName(f"question_{question.id}")
        self.yes: QPushButton | None = None
        self.no: QPushButton | None = None
        self.choice: QComboBox | None = None
        self.text: QLineEdit | QPlainTextEdit | None = None
        name = tr("Question {number}").format(number=question.number)

        number = QLabel(question.label + ("." if question.depth == 0 else ")"))
        number.setObjectName("questionNumber")
        number.setFixedWidth(30)
        number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        number.setStyleSheet("font-weight: 600; color: #3b4a5a; padding-top: 1px;")
        wording = label(question.text)
        wording.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if question.depth == 0:
            wording.setStyleSheet("font-size: 11pt; color: #1f2a36;")
        column = QVBoxLayout()
        column.setSpacing(4)
        column.addWidget(wording)
        if question.hint:
            column.addWidget(label(question.hint, "muted"))
        answers = QHBoxLayout()
        answers.setSpacing(6)
        if question.answer_kind == "yes_no":
            self.yes = self._toggle(tr("Yes"), "yes", name)
            self.no = self._toggle(tr("No"), "no", name)
            answers.addWidget(self.yes)
            answers.addWidget(self.no)
        elif question.answer_kind == "choice":
            self.choice = QComboBox()
            self.choice.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.choice.setMinimumContentsLength(18)
            self.choice.addItem(tr("(not answered)"), "")
            for option in question.options:
                self.choice.addItem(option, option)
            self.choice.setAccessibleName(name)
            self.choice.currentIndexChanged.connect(self._chose)
            answers.addWidget(self.choice)
        if question.answer_kind == "text":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 2 + 18)
            edit.setPlaceholderText(tr("In their words"))
            edit.textChanged.connect(lambda: self._typed(edit.toPlainText()))
            self.text = edit
        else:
            line = QLineEdit()
            line.setPlaceholderText(tr("In their words (optional)"))
            line.textChanged.connect(self._typed)
            self.text = line
        self.text.setAccessibleName(
            name + (": " + tr("their words") if question.answer_kind != "text" else "")
        )
        self.text.setAccessibleDescription(question.text)
        answers.addWidget(self.text, 1)
        column.addLayout(answers)
        row = QHBoxLayout(self)
        row.setContentsMargins(question.depth * INDENT, 4, 0, 6)
        row.setSpacing(8)
        row.addWidget(number)
        row.addLayout(column, 1)

    def _toggle(self, text: str, value: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"q{self.question.id}_{value}")
        button.setCheckable(True)
        button.setAutoDefault(False)
        button.setAccessibleName(f"{name}: {text}")
        button.setAccessibleDescription(self.question.text)
        button.setStyleSheet(YES_NO_STYLE)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda checked: self._said(value if checked else ""))
        return button

    def load(self) -> None:
        parts = self.state.answers.get(self.question.id, {})
        said = parts.get("yes_no", "")
        if self.yes is not None and self.no is not None:
            self.yes.setChecked(said == "yes")
            self.no.setChecked(said == "no")
        if self.choice is not None:
            self.choice.blockSignals(True)
            self.choice.setCurrentIndex(max(0, self.choice.findData(parts.get("choice", ""))))
            self.choice.blockSignals(False)
        if self.text is not None:
            self.text.blockSignals(True)
            if isinstance(self.text, QPlainTextEdit):
                self.text.setPlainText(parts.get("text", ""))
            else:
                self.text.setText(parts.get("text", ""))
            self.text.blockSignals(False)

    def _said(self, value: str) -> None:
        if self.yes is not None and self.no is not None:
            self.yes.setChecked(value == "yes")
            self.no.setChecked(value == "no")
        self.state.set_answer(self.question.id, "yes_no", value)
        self.answered.emit(True)

    def _chose(self) -> None:
        if self.choice is not None:
            self.state.set_answer(self.question.id, "choice", str(self.choice.currentData() or ""))
            self.answered.emit(False)

    def _typed(self, text: str) -> None:
        self.state.set_answer(self.question.id, "text", text if text.strip() else "")
        self.answered.emit(False)

    def first_field(self) -> QWidget | None:
        return self.yes or self.choice or self.text


class ConnectionPage(StepPage):
    """Guiding questions (branches shown as the answers call for them) and quick capture."""

    def __init__(self, step: AgendaStep, ctx: WizardContext, parent: QWidget | None = None):
        super().__init__(step, ctx, parent)
        self.prompts.hide()  # the guide's prompts are the questions themselves
        self.rows: dict[int, QuestionRow] = {}
        questions = QWidget()
        questions.setObjectName("questionList")
        column = QVBoxLayout(questions)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(2)
        for question in self.state.questions:
            row = QuestionRow(question, self.state)
            row.answered.connect(self._answered)
            self.rows[question.id] = row
            column.addWidget(row)
        if not self.rows:
            column.addWidget(
                label(tr("This 1:1 has no guiding questions: use the notes."), "emptyState")
            )
        column.addStretch(1)
        scroll = scroll_area(questions, tr("Guiding questions"))
        scroll.setObjectName("questionScroll")
        self.questions_area = scroll

        side = QVBoxLayout()
        side.setSpacing(6)
        side.addWidget(label(tr("Quick capture"), "sectionCaption"))
        known = supporter_issues(ctx.meeting.supporter_id)
        if known:
            side.addWidget(
                label(tr("Known issues: {issues}").format(issues=", ".join(known)), "muted")
            )
        form = make_form()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(4)
        self.issues = self._line(form, tr("&Issues that resonate"), "issue", tr("housing, schools"))
        self.values = self._line(form, tr("&Values"), "", tr("fairness, family, faith"))
        self.skills = self._line(form, tr("S&kills"), "skill", tr("Spanish, design, driving"))
        self.interests = self._line(form, tr("In&terests"), "interest", tr("canvassing"))
        self.past = self._text(form, tr("&Past involvement"))
        self.common = self._text(form, tr("What you have in co&mmon"))
        side.addLayout(form)
        notes = self.make_notes(lines=3, layout=side)
        side.addWidget(notes, 1)
        panel = QWidget()
        panel.setObjectName("capturePanel")
        panel.setLayout(side)
        panel.setFixedWidth(340)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(scroll, 1)
        columns.addWidget(panel)
        self.body.addLayout(columns, 1)

    def _line(self, form: QFormLayout, text: str, kind: str, example: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(tr("e.g. {example}").format(example=example))
        if kind:
            label_completer(kind, edit)
        caption = QLabel(text)
        caption.setBuddy(edit)
        edit.setAccessibleName(text.replace("&", ""))
        form.addRow(caption, edit)
        edit.textChanged.connect(self.edited)
        return edit

    def _text(self, form: QFormLayout, text: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 16)
        caption = QLabel(text)
        caption.setBuddy(edit)
        edit.setAccessibleName(text.replace("&", ""))
        form.addRow(caption, edit)
        edit.textChanged.connect(self.edited)
        return edit

    def _answered(self, branches: bool) -> None:
        if branches:
            self.update_branches()
        self.edited.emit()

    def update_branches(self) -> None:
        """Show exactly the questions the answers so far call for."""
        shown = {q.id for q in self.state.visible_questions()}
        for question_id, row in self.rows.items():
            row.setVisible(question_id in shown)

    def visible_numbers(self) -> list[str]:
        """The numbers of the questions shown now (for tests and screen readers)."""
        return [row.question.number for row in self.rows.values() if not row.isHidden()]

    def load(self) -> None:
        super().load()
        for row in self.rows.values():
            row.load()
        self.update_branches()
        s = self.state
        for edit, values in (
            (self.issues, s.issues),
            (self.values, s.values),
            (self.skills, s.skills),
            (self.interests, s.interests),
        ):
            edit.setText(", ".join(values))
        self.past.setPlainText(s.past_involvement)
        self.common.setPlainText(s.common_ground)

    def store(self) -> None:
        super().store()
        s = self.state
        s.issues = split_list(self.issues.text())
        s.values = split_list(self.values.text())
        s.skills = split_list(self.skills.text())
        s.interests = split_list(self.interests.text())
        s.past_involvement = self.past.toPlainText()
        s.common_ground = self.common.toPlainText()

    def first_field(self) -> QWidget | None:
        for row in self.rows.values():
            return row.first_field()
        return self.issues
