"""The actions catalogue: the chapter's upcoming actions and events (add, edit, archive), and the
guide's suggested next steps. Asks in a 1:1 are drawn from here."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.actions import (
    ACTION_KINDS,
    ActionData,
    ActionInfo,
    create_action,
    get_action,
    list_actions,
    set_archived,
    update_action,
)
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.common import (
    STYLE,
    Clock,
    N,
    TimeField,
    add_error_row,
    add_row,
    date_format,
    fmt_when,
    label,
    make_form,
    pydate,
    qdate,
    show_form_error,
    tr,
)
from oneonone_desktop.views.pickers import label_completer, split_list

ActionRole = int(Qt.ItemDataRole.UserRole) + 1
LABELS = (
    ("issue", N("Issues")),
    ("skill", N("Skills")),
    ("interest", N("Interests")),
    ("tag", N("Tags")),
)


class ActionDialog(QDialog):
    """Add or edit one action; `saved_id` holds its id once saved."""

    def __init__(self, action_id: int | None, clock: Clock, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.action_id = action_id
        self.saved_id: int | None = None
        self.setWindowTitle(tr("New action") if action_id is None else tr("Edit the action"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("e.g. Tenant rally at City Hall"))
        self.kind = QComboBox()
        for key, words in ACTION_KINDS.items():
            self.kind.addItem(tr(words), key)
        self.dated = QCheckBox(tr("It has a &set date and time"))
        self.date = QDateEdit(qdate(clock().date() + dt.timedelta(days=7)))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_format())
        self.time = TimeField(tr("Choose or type a time"))
        self.place = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 3 + 16)
        self.labels: dict[str, QLineEdit] = {}
        self.next_step = QCheckBox(tr("Offer it as one of the guide's suggested &next steps"))
        self.form = make_form()
        add_row(self.form, tr("&Title"), self.title)
        add_row(self.form, tr("&Kind"), self.kind)
        self.form.addRow("", self.dated)
        add_row(self.form, tr("&Date"), self.date)
        add_row(self.form, tr("T&ime"), self.time)
        add_row(self.form, tr("&Place"), self.place)
        add_row(self.form, tr("D&escription"), self.description)
        for kind, words in LABELS:
            edit = QLineEdit()
            edit.setPlaceholderText(tr("who it suits, separated by commas"))
            label_completer(kind, edit)
            add_row(self.form, tr(words), edit)
            self.labels[kind] = edit
        self.form.addRow("", self.next_step)
        self.errors = {
            "title": add_error_row(self.form, self.title),
            "kind": add_error_row(self.form, self.kind),
            "starts_at": add_error_row(self.form, self.time),
            "place": add_error_row(self.form, self.place),
            "description": add_error_row(self.form, self.description),
            "labels": add_error_row(self.form, self.labels["tag"]),
        }
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(label(self.windowTitle(), "pageTitle"))
        layout.addWidget(
            label(tr("Label who it suits: asks are ranked by fit with each person."), "muted")
        )
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.dated.toggled.connect(self._dated)
        if action_id is not None:
            self._load(get_action(action_id))
        else:
            self.dated.setChecked(True)
            self.kind.setCurrentIndex(self.kind.findData("local_action"))
        self._dated(self.dated.isChecked())
        self.resize(600, 600)

    def _dated(self, on: bool) -> None:
        self.date.setEnabled(on)
        self.time.setEnabled(on)

    def _load(self, action: ActionInfo) -> None:
        self.title.setText(action.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(action.kind)))
        self.dated.setChecked(action.starts_at is not None)
        if action.starts_at is not None:
            self.date.setDate(qdate(action.starts_at.date()))
            self.time.set_value(action.starts_at.time())
        self.place.setText(action.place)
        self.description.setPlainText(action.description)
        for kind, edit in self.labels.items():
            edit.setText(", ".join(action.labels.get(kind, ())))
        self.next_step.setChecked(action.is_next_step)

    def save(self) -> None:
        starts_at = None
        if self.dated.isChecked():
            time = self.time.value()
            if time is None:
                show_form_error(
                    self.form,
                    self.errors["starts_at"],
                    tr("Choose or type the time (such as 18:30), or untick the set date."),
                )
                self.time.setFocus()
                return
            starts_at = dt.datetime.combine(pydate(self.date.date()), time)
        data = ActionData(
            title=self.title.text(),
            description=self.description.toPlainText(),
            kind=str(self.kind.currentData()),
            starts_at=starts_at,
            place=self.place.text(),
            is_next_step=self.next_step.isChecked(),
            labels={kind: split_list(edit.text()) for kind, edit in self.labels.items()},
        )
        try:
            if self.action_id is None:
                self.saved_id = create_action(data)
            else:
                update_action(self.action_id, data)
                self.saved_id = self.action_id
        except ValidationError as exc:
            for key, message in self.errors.items():
                show_form_error(self.form, message, exc.problems.get(key, ""))
            return
        self.accept()


class ActionsDialog(QDialog):
    """The catalogue, upcoming first, then the guide's next steps; changes are saved at once."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionsDialog")
        self.setStyleSheet(STYLE)
        self.setWindowTitle(tr("Actions and next steps"))
        self.clock = clock
        self.tree = QTreeWidget()
        self.tree.setObjectName("actionsTree")
        self.tree.setAccessibleName(tr("Actions and next steps"))
        self.tree.setHeaderLabels([tr("Action"), tr("When"), tr("Place"), tr("Suits")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        for column, width in enumerate((360, 170, 170)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.show_all = QCheckBox(tr("Show &past and archived"))
        self.add_button = QPushButton(icon("star"), tr("&Add an action…"))
        self.edit_button = QPushButton(icon("edit"), tr("&Edit…"))
        self.archive_button = QPushButton(icon("archive"), tr("A&rchive"))
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.archive_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.show_all)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(label(tr("Actions and next steps"), "pageTitle"))
        layout.addWidget(
            label(
                tr(
                    "Go into every 1:1 knowing a few actions you might ask them to take. Add "
                    "the chapter's huddles, actions and events here, with who they suit; the "
                    "guide's suggested next steps are always offered too."
                ),
                "muted",
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit)
        self.archive_button.clicked.connect(self._archive)
        self.show_all.toggled.connect(lambda _: self.fill())
        self.tree.itemActivated.connect(lambda *_: self._edit())
        self.tree.currentItemChanged.connect(self._buttons)
        self.fill()
        self.resize(900, 600)

    def fill(self, select: int | None = None) -> None:
        every = self.show_all.isChecked()
        today = self.clock().date()
        found = list_actions(today=today, include_past=every, include_archived=every)
        self.tree.clear()
        groups = (
            (tr("The chapter's actions and events"), [a for a in found if not a.is_next_step]),
            (tr("The guide's suggested next steps"), [a for a in found if a.is_next_step]),
        )
        for title, actions in groups:
            group = QTreeWidgetItem([title])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            if not actions:
                empty = QTreeWidgetItem([tr("None yet: add the next huddle or action.")])
                empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.addChild(empty)
            for action in actions:
                suits = "; ".join(", ".join(names) for names in action.labels.values())
                when = fmt_when(action.starts_at, today) if action.starts_at else tr("any time")
                title_text = action.title + (tr(" (archived)") if action.archived else "")
                item = QTreeWidgetItem([title_text, when, action.place, suits])
                item.setData(0, ActionRole, action)
                item.setToolTip(0, action.description or action.kind_label)
                group.addChild(item)
                if action.id == select:
                    self.tree.setCurrentItem(item)
            group.setExpanded(True)
        self._buttons()

    def _current(self) -> ActionInfo | None:
        item = self.tree.currentItem()
        found = item.data(0, ActionRole) if item is not None else None
        return found if isinstance(found, ActionInfo) else None

    def _buttons(self, *_: object) -> None:
        action = self._current()
        self.edit_button.setEnabled(action is not None)
        self.archive_button.setEnabled(action is not None)
        self.archive_button.setText(
            tr("&Restore") if action is not None and action.archived else tr("A&rchive")
        )

    def _add(self) -> None:
        dialog = ActionDialog(None, self.clock, self)
        if dialog.exec():
            self.fill(dialog.saved_id)

    def _edit(self) -> None:
        action = self._current()
        if action is None:
            return
        dialog = ActionDialog(action.id, self.clock, self)
        if dialog.exec():
            self.fill(action.id)

    def _archive(self) -> None:
        action = self._current()
        if action is None:
            return
        set_archived(action.id, not action.archived)
        self.fill(action.id if self.show_all.isChecked() else None)
