"""Question sets: list, copy, rename, make default and delete sets; edit a set's questions
(wording, how they are answered, the branch they belong to) and their order. Past 1:1s keep the
wording they were asked with, whatever changes here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import question_sets as qs
from oneonone_desktop.services.question_tree import QuestionData
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.common import (
    STYLE,
    N,
    add_row,
    ask_text,
    box,
    error_label,
    label,
    make_form,
    show_error,
    tr,
)

SetRole = int(Qt.ItemDataRole.UserRole) + 1
QuestionRole = int(Qt.ItemDataRole.UserRole) + 2
KIND_WORDS = {"text": N("Words"), "yes_no": N("Yes or no"), "choice": N("A choice")}
SHOW_WORDS = {"": N("Always"), "yes": N("Only after a yes"), "no": N("Only after a no")}


class QuestionSetsDialog(QDialog):
    """Every change is saved at once (there is nothing to cancel)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionSetsDialog")
        self.setStyleSheet(STYLE)
        self.setWindowTitle(tr("Question sets"))
        self.questions: list[QuestionData] = []

        self.sets = QListWidget()
        self.sets.setObjectName("setList")
        self.sets.setAccessibleName(tr("Question sets"))
        self.sets.setWordWrap(True)
        self.sets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sets.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        set_buttons = QGridLayout()
        self.copy_button = self._button("edit", tr("Cop&y…"), set_buttons, 0, 0)
        self.new_button = self._button("star", tr("&New…"), set_buttons, 0, 1)
        self.rename_button = self._button("tag", tr("Rena&me…"), set_buttons, 1, 0)
        self.default_button = self._button("check", tr("Make &default"), set_buttons, 1, 1)
        self.delete_set_button = self._button("erase", tr("De&lete…"), set_buttons, 2, 0)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(label(tr("Sets"), "sectionCaption"))
        left.addWidget(self.sets, 1)
        left.addLayout(set_buttons)
        left_widget = QWidget()
        left_widget.setLayout(left)

        self.note = box("infoBox")
        self.tree = QTreeWidget()
        self.tree.setObjectName("questionTree")
        self.tree.setAccessibleName(tr("Questions"))
        self.tree.setHeaderLabels([tr("Question"), tr("Answered with"), tr("Shows")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        order = QHBoxLayout()
        self.add_button = self._button("star", tr("&Add a question"), order)
        self.sub_button = self._button("star", tr("Add a &sub-question"), order)
        self.up_button = self._button("up", tr("Move &up"), order)
        self.down_button = self._button("down", tr("Move d&own"), order)
        self.remove_button = self._button("erase", tr("&Remove…"), order)
        order.addStretch(1)

        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 2 + 16)
        self.kind = QComboBox()
        for key, words in KIND_WORDS.items():
            self.kind.addItem(tr(words), key)
        self.show_when = QComboBox()
        for key, words in SHOW_WORDS.items():
            self.show_when.addItem(tr(words), key)
        self.options = QPlainTextEdit()
        self.options.setTabChangesFocus(True)
        self.options.setPlaceholderText(tr("one choice a line"))
        self.options.setFixedHeight(self.options.fontMetrics().lineSpacing() * 3 + 16)
        self.hint = QLineEdit()
        self.hint.setPlaceholderText(tr("a note shown under the question (optional)"))
        self.form = make_form()
        add_row(self.form, tr("&Question"), self.text)
        add_row(self.form, tr("Answered &with"), self.kind)
        add_row(self.form, tr("S&hows"), self.show_when)
        add_row(self.form, tr("Cho&ices"), self.options)
        add_row(self.form, tr("No&te"), self.hint)
        self.save_button = QPushButton(icon("check"), tr("Sa&ve the question"))
        self.save_button.setAutoDefault(False)
        self.error = error_label()
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.error, 1)
        save_row.addStretch(0)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.note)
        right.addWidget(self.tree, 1)
        right.addLayout(order)
        right.addLayout(self.form)
        right.addLayout(save_row)
        right_widget = QWidget()
        right_widget.setLayout(right)
        split = QSplitter()
        split.addWidget(left_widget)
        split.addWidget(right_widget)
        split.setSizes([280, 720])
        split.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

        self.sets.currentRowChanged.connect(lambda _: self._show_set())
        self.tree.currentItemChanged.connect(lambda *_: self._show_question())
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.copy_button.clicked.connect(self._copy)
        self.new_button.clicked.connect(self._new)
        self.rename_button.clicked.connect(self._rename)
        self.default_button.clicked.connect(self._make_default)
        self.delete_set_button.clicked.connect(self._delete_set)
        self.add_button.clicked.connect(lambda: self._add(sub=False))
        self.sub_button.clicked.connect(lambda: self._add(sub=True))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.save_button.clicked.connect(self.save_question)
        self.fill_sets()
        self.resize(1000, 680)

    def _button(
        self, icon_name: str, text: str, layout: QHBoxLayout | QGridLayout, *at: int
    ) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setAutoDefault(False)
        if isinstance(layout, QGridLayout):
            layout.addWidget(button, *at)
        else:
            layout.addWidget(button)
        return button

    # --- sets -----------------------------------------------------------------------------

    def fill_sets(self, select: int | None = None) -> None:
        chosen = select if select is not None else self.current_set()
        self.sets.blockSignals(True)
        self.sets.clear()
        for info in qs.list_sets():
            text = f"{info.name} ({info.language})" + (tr(" · default") if info.is_default else "")
            item = QListWidgetItem(text)
            item.setData(SetRole, info)
            item.setToolTip(
                tr("{n} questions; asked in {m} past 1:1s").format(
                    n=info.question_count, m=info.meetings_count
                )
            )
            self.sets.addItem(item)
            if info.id == chosen or (chosen is None and self.sets.count() == 1):
                self.sets.setCurrentItem(item)
        self.sets.blockSignals(False)
        self._show_set()

    def current_set(self) -> int | None:
        item = self.sets.currentItem()
        return item.data(SetRole).id if item is not None else None

    def _show_set(self, select: int | None = None) -> None:
        item = self.sets.currentItem()
        info = item.data(SetRole) if item is not None else None
        words = tr(
            "Past 1:1s keep the exact wording they were asked with. Changes here apply to the "
            "1:1s you start from now on; a 1:1 under way keeps its questions."
        )
        if info is not None and info.meetings_count:
            words += " " + tr("This set was used in {n} 1:1s; they keep their wording.").format(
                n=info.meetings_count
            )
        self.note.setText(words)
        self.note.show()
        self.questions = qs.load_questions(info.id) if info is not None else []
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for question in self.questions:
            row = QTreeWidgetItem(
                [
                    f"{question.label}.  {question.text}",
                    tr(KIND_WORDS.get(question.answer_kind, question.answer_kind)),
                    tr(SHOW_WORDS.get(question.show_when or "", "")),
                ]
            )
            row.setData(0, QuestionRole, question)
            row.setToolTip(0, question.text)
            parent = items.get(question.parent_id) if question.parent_id else None
            if parent is not None:
                parent.addChild(row)
            else:
                self.tree.addTopLevelItem(row)
            items[question.id] = row
            if question.id == select:
                self.tree.setCurrentItem(row)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        for button in (self.rename_button, self.default_button, self.delete_set_button):
            button.setEnabled(info is not None)
        self.default_button.setEnabled(info is not None and not info.is_default)
        self._show_question()

    def _copy(self) -> None:
        item = self.sets.currentItem()
        if item is None:
            return
        name = ask_text(
            self,
            tr("Copy the set"),
            tr("Name of the copy:"),
            tr("{name} (my copy)").format(name=item.data(SetRole).name),
        )
        if name is not None:
            self._try(lambda: self.fill_sets(qs.copy_set(item.data(SetRole).id, name)))

    def _new(self) -> None:
        name = ask_text(self, tr("New question set"), tr("Name of the set:"))
        if name is not None:
            self._try(lambda: self.fill_sets(qs.create_set(name)))

    def _rename(self) -> None:
        set_id = self.current_set()
        item = self.sets.currentItem()
        if set_id is None or item is None:
            return
        name = ask_text(self, tr("Rename the set"), tr("New name:"), item.data(SetRole).name)
        if name is not None:
            self._try(lambda: (qs.rename_set(set_id, name), self.fill_sets(set_id)))

    def _make_default(self) -> None:
        set_id = self.current_set()
        if set_id is not None:
            self._try(lambda: (qs.set_default(set_id), self.fill_sets(set_id)))

    def _delete_set(self) -> None:
        item = self.sets.currentItem()
        if item is None:
            return
        info = item.data(SetRole)
        if messages.confirm(
            self,
            tr("Delete the set"),
            tr(
                "Delete the question set ‘{name}’? Past 1:1s keep their answers and wording."
            ).format(name=info.name),
            tr("Delete"),
            destructive=True,
        ):
            self._try(lambda: (qs.delete_set(info.id), self.fill_sets()))

    def _try(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except ValidationError as exc:
            messages.error(self, tr("Question sets"), " ".join(exc.problems.values()))

    # --- questions ------------------------------------------------------------------------

    def current_question(self) -> QuestionData | None:
        item = self.tree.currentItem()
        return item.data(0, QuestionRole) if item is not None else None

    def _parent_of(self, question: QuestionData) -> QuestionData | None:
        return next((q for q in self.questions if q.id == question.parent_id), None)

    def _siblings(self, question: QuestionData) -> list[QuestionData]:
        return [q for q in self.questions if q.parent_id == question.parent_id]

    def _show_question(self) -> None:
        question = self.current_question()
        editing = question is not None
        for widget in (self.text, self.kind, self.options, self.hint, self.save_button):
            widget.setEnabled(editing)
        for button in (self.sub_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(editing)
        self.add_button.setEnabled(self.current_set() is not None)
        show_error(self.error, "")
        if question is None:
            self.text.clear()
            self.options.clear()
            self.hint.clear()
            self.show_when.setEnabled(False)
            return
        siblings = self._siblings(question)
        self.up_button.setEnabled(siblings.index(question) > 0)
        self.down_button.setEnabled(siblings.index(question) < len(siblings) - 1)
        self.text.setPlainText(question.text)
        self.kind.setCurrentIndex(max(0, self.kind.findData(question.answer_kind)))
        parent = self._parent_of(question)
        self.show_when.setEnabled(parent is not None and parent.answer_kind == "yes_no")
        self.show_when.setCurrentIndex(max(0, self.show_when.findData(question.show_when or "")))
        self.options.setPlainText("\n".join(question.options))
        self.hint.setText(question.hint)
        self._kind_changed()

    def _kind_changed(self) -> None:
        choice = self.kind.currentData() == "choice"
        self.form.setRowVisible(self.options, choice)

    def save_question(self) -> None:
        question = self.current_question()
        if question is None:
            return
        kind = str(self.kind.currentData())
        options = [o for o in self.options.toPlainText().splitlines()] if kind == "choice" else []
        try:
            qs.update_question(
                question.id,
                text=self.text.toPlainText(),
                answer_kind=kind,
                show_when=str(self.show_when.currentData() or "")
                if self.show_when.isEnabled()
                else "",
                options=options,
                hint=self.hint.text(),
            )
        except ValidationError as exc:
            show_error(self.error, " ".join(exc.problems.values()))
            return
        self._show_set(question.id)

    def _add(self, sub: bool) -> None:
        set_id = self.current_set()
        if set_id is None:
            return
        current = self.current_question()
        parent_id = current.id if sub and current else (current.parent_id if current else None)
        position = None
        if current is not None and not sub:
            position = self._siblings(current).index(current) + 1
        try:
            new_id = qs.add_question(
                set_id, tr("New question"), "text", parent_id=parent_id, position=position
            )
        except ValidationError as exc:
            show_error(self.error, " ".join(exc.problems.values()))
            return
        self._show_set(new_id)
        self.text.setFocus()
        self.text.selectAll()

    def _move(self, step: int) -> None:
        question = self.current_question()
        if question is None:
            return
        index = self._siblings(question).index(question)
        self._try(lambda: qs.move_question(question.id, max(0, index + step)))
        self._show_set(question.id)
        self.tree.setFocus()

    def _remove(self) -> None:
        question = self.current_question()
        if question is None:
            return
        has_children = any(q.parent_id == question.id for q in self.questions)
        extra = tr(" and its sub-questions") if has_children else ""
        if messages.confirm(
            self,
            tr("Remove the question"),
            tr("Remove question {number}{extra}? Past 1:1s keep their answers and wording.").format(
                number=question.number, extra=extra
            ),
            tr("Remove"),
            destructive=True,
        ):
            qs.remove_question(question.id)
            self._show_set()
