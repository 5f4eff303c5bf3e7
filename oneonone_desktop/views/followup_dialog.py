"""The follow-up plan after a 1:1: the proposed tasks as editable rows, stored on accept.

Call `propose_followup(parent, meeting_id)`; it returns True when the organizer accepted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import followup, recurrence
from oneonone_desktop.services.followup import FollowUpError, ProposedTask
from oneonone_desktop.services.supporters import ValidationError, has_consent
from oneonone_desktop.store.models import Meeting, Supporter, Task
from oneonone_desktop.views import messages
from oneonone_desktop.views.calendar.words import (
    CHANNEL_WORDS,
    SHORT_KIND_WORDS,
    day_text,
    kind_word,
    pydate,
    qdate,
    time_text,
    tr,
)

REPEAT_CHOICES: tuple[str | None, ...] = (
    None,
    "FREQ=WEEKLY;INTERVAL=1",
    "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=WEEKLY;INTERVAL=3",
    "FREQ=WEEKLY;INTERVAL=4",
    "FREQ=WEEKLY;INTERVAL=6",
    "FREQ=WEEKLY;INTERVAL=8",
    "FREQ=MONTHLY;INTERVAL=1",
    "FREQ=MONTHLY;INTERVAL=3",
)
TIME_CHOICES = tuple(dt.time(h, m) for h in range(7, 22) for m in (0, 30))
_COLUMNS = ("", "Kind", "What to do", "When", "Time", "How", "Repeats")


def left_out_for_consent(supporter_id: int) -> list[str]:
    """What the plan leaves out because the person has not said yes (or we cannot reach them)."""
    person = Supporter.get_by_id(supporter_id)
    found = []
    if not has_consent(supporter_id, "email_list"):
        found.append(tr("Adding them to the email list: they have not said yes to it."))
    elif person.emails.count() == 0:
        found.append(tr("The email list: they said yes, but there is no email address on file."))
    if not has_consent(supporter_id, "phone_text"):
        found.append(tr("Adding them to the text list: they have not said yes to it."))
    elif person.phones.count() == 0:
        found.append(tr("The text list: they said yes, but there is no phone number on file."))
    if not has_consent(supporter_id, "social_mention"):
        found.append(
            tr(
                "Social networks and a #WhyWeResist post about them: they have not said yes "
                "to being mentioned."
            )
        )
    return found


class _Row:
    """The widgets of one proposed task."""

    def __init__(self, dialog: FollowUpDialog, number: int, proposal: ProposedTask) -> None:
        self.proposal = proposal
        label = tr("Task {n}").format(n=number)
        self.keep = QCheckBox()
        self.keep.setChecked(True)
        self.keep.setAccessibleName(tr("{task}: keep").format(task=label))
        self.keep.setToolTip(tr("Untick to leave this one out"))
        self.kind = QComboBox()
        for index, kind in enumerate(Task.KINDS):
            self.kind.addItem(tr(SHORT_KIND_WORDS.get(kind, kind)), kind)
            self.kind.setItemData(index, kind_word(kind), Qt.ItemDataRole.ToolTipRole)
        self.kind.setCurrentIndex(max(0, self.kind.findData(proposal.kind)))
        self.kind.setToolTip(kind_word(proposal.kind))
        self.kind.currentIndexChanged.connect(
            lambda i: self.kind.setToolTip(kind_word(self.kind.itemData(i)))
        )
        self.title = QLineEdit(proposal.title)
        self.title.setMinimumWidth(220)
        self.title.setToolTip(proposal.title)
        self.title.setCursorPosition(0)
        self.due = QDateEdit(qdate(proposal.due_on))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("ddd d MMM yyyy")
        self.time = QComboBox()
        self.time.addItem(tr("Any time"), "")
        for clock in TIME_CHOICES:  # data: "19:30" (a time would come back as a QTime)
            self.time.addItem(time_text(clock), f"{clock:%H:%M}")
        wanted = f"{proposal.due_time:%H:%M}" if proposal.due_time else ""
        if self.time.findData(wanted) < 0:
            self.time.addItem(time_text(proposal.due_time), wanted)
        self.time.setCurrentIndex(max(0, self.time.findData(wanted)))
        self.channel = QComboBox()
        for key, text in CHANNEL_WORDS.items():
            self.channel.addItem(tr(text), key)
        if self.channel.findData(proposal.channel) < 0:
            self.channel.addItem(proposal.channel, proposal.channel)
        self.channel.setCurrentIndex(max(0, self.channel.findData(proposal.channel)))
        self.repeat = QComboBox()
        for rule in REPEAT_CHOICES:
            self.repeat.addItem(repeat_words(rule), rule)
        if proposal.rrule and self.repeat.findData(proposal.rrule) < 0:
            self.repeat.addItem(repeat_words(proposal.rrule), proposal.rrule)
        self.repeat.setCurrentIndex(max(0, self.repeat.findData(proposal.rrule)))
        self.notes = QLabel(proposal.notes)
        self.notes.setObjectName("taskNotes")
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(proposal.notes))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        names = ("kind", "title", "due date", "time", "how", "repeats")
        for widget, name in zip(self.editors, names, strict=True):
            widget.setAccessibleName(f"{label}: {tr(name)}")
        self.keep.toggled.connect(self._kept)
        self.keep.toggled.connect(dialog.update_count)

    @property
    def editors(self) -> tuple[QWidget, ...]:
        return (self.kind, self.title, self.due, self.time, self.channel, self.repeat)

    def _kept(self, kept: bool) -> None:
        for widget in (*self.editors, self.notes):
            widget.setEnabled(kept)

    def edited(self) -> ProposedTask:
        """The proposal with what the organizer changed."""
        return dataclasses.replace(
            self.proposal,
            kind=self.kind.currentData(),
            title=self.title.text().strip(),
            due_on=pydate(self.due.date()),
            due_time=dt.time.fromisoformat(clock) if (clock := self.time.currentData()) else None,
            channel=self.channel.currentData(),
            rrule=self.repeat.currentData(),
        )


def repeat_words(rule: str | None) -> str:
    """ "Does not repeat", or the rule in plain words ("every 4 weeks")."""
    if not rule:
        return tr("Does not repeat")
    return tr(recurrence.describe(rule))


class FollowUpDialog(QDialog):
    """The proposed plan for one held 1:1; `stored` holds the tasks once accepted.

    Raises FollowUpError when no plan can be made (the meeting is gone or not held).
    """

    def __init__(
        self, meeting_id: int, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        self.meeting_id = meeting_id
        self.today = today or dt.date.today()
        self.stored: list[Task] = []
        plan = followup.propose_plan(meeting_id, today=self.today)
        meeting = Meeting.get_by_id(meeting_id)
        person = Supporter.get_by_id(meeting.supporter_id)
        self.setWindowTitle(tr("Follow-up plan for {name}").format(name=person.display_name))

        title = QLabel(tr("Follow up with {name}").format(name=person.display_name))
        title.setObjectName("titleLabel")
        held = day_text(followup.held_on(meeting), "dddd d MMMM")
        intro = QLabel(
            tr(
                "Your 1:1 on {day}. Here is the follow-up the guide suggests: untick what "
                "you will not do, and change any title, day or time."
            ).format(day=held)
        )
        intro.setWordWrap(True)
        intro.setObjectName("personSubtitle")

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(2)
        for column, heading in enumerate(_COLUMNS):
            label = QLabel(tr(heading) if heading else "")
            label.setObjectName("columnCaption")
            self.grid.addWidget(label, 0, column)
        self.grid.setColumnStretch(2, 1)
        self.rows: list[_Row] = []
        for proposal in plan:
            self._add_row(proposal)
        holder = QWidget()
        holder.setObjectName("planRows")
        outer = QVBoxLayout(holder)
        outer.setContentsMargins(0, 0, 8, 0)
        outer.addLayout(self.grid)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        scroll.viewport().setAutoFillBackground(False)

        add = QPushButton(tr("Add another task"))
        add.setObjectName("addTask")
        add.clicked.connect(self.add_blank)
        left_out = left_out_for_consent(person.id)
        self.left_out = QLabel(
            "<b>"
            + tr("Left out, for lack of permission:")
            + "</b><br>"
            + "<br>".join("• " + text for text in left_out)
        )
        self.left_out.setObjectName("leftOut")
        self.left_out.setWordWrap(True)
        self.left_out.setVisible(bool(left_out))
        self.general_error = QLabel()
        self.general_error.setObjectName("fieldError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton(
            tr("Add to my calendar"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setDefault(True)
        later = buttons.addButton(tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setToolTip(tr("Close without adding any task"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(add)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        layout.addWidget(self.left_out)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setStyleSheet(_STYLE)
        self.resize(1100, min(640, 250 + 48 * len(self.rows)))
        self.update_count()
        self.accept_button.setFocus()

    def _add_row(self, proposal: ProposedTask) -> _Row:
        row = _Row(self, len(self.rows) + 1, proposal)
        line = 1 + 2 * len(self.rows)
        self.grid.addWidget(row.keep, line, 0)
        for column, widget in enumerate(row.editors, start=1):
            self.grid.addWidget(widget, line, column)
        below = QVBoxLayout()
        below.setContentsMargins(4, 0, 0, 8)
        below.setSpacing(0)
        below.addWidget(row.notes)
        below.addWidget(row.error)
        self.grid.addLayout(below, line + 1, 2, 1, len(_COLUMNS) - 2)
        self.rows.append(row)
        return row

    def add_blank(self) -> None:
        """A new row for a task of the organizer's own."""
        row = self._add_row(ProposedTask("other", "", self.today + dt.timedelta(days=7), key=""))
        row.title.setPlaceholderText(tr("What will you do?"))
        row.title.setFocus()
        self.update_count()

    def kept_rows(self) -> list[_Row]:
        return [row for row in self.rows if row.keep.isChecked()]

    def update_count(self) -> None:
        n = len(self.kept_rows())
        self.accept_button.setEnabled(n > 0)
        self.accept_button.setText(
            tr("Add 1 task to my calendar")
            if n == 1
            else tr("Add {n} tasks to my calendar").format(n=n)
        )

    def save(self) -> None:
        """Store the ticked rows (all or nothing) and close; show the problems otherwise."""
        for row in self.rows:
            row.error.hide()
        self.general_error.hide()
        kept = self.kept_rows()
        try:
            self.stored = followup.accept_plan(self.meeting_id, [row.edited() for row in kept])
        except ValidationError as exc:
            self._show_problems(kept, exc.problems)
            return
        except FollowUpError as exc:
            self.general_error.setText(exc.message)
            self.general_error.show()
            return
        self.accept()

    def _show_problems(self, kept: list[_Row], problems: dict[str, str]) -> None:
        first: QWidget | None = None
        for key, text in problems.items():
            parts = key.split(".")
            if len(parts) == 3 and parts[0] == "tasks" and parts[1].isdigit():
                row = kept[int(parts[1])]
                number = self.rows.index(row) + 1
                row.error.setText(text.replace(f"Task {int(parts[1]) + 1}:", f"Task {number}:"))
                row.error.show()
                first = first or (row.title if parts[2] == "title" else row.repeat)
            else:
                self.general_error.setText(text)
                self.general_error.show()
        if first is not None:
            first.setFocus()


def propose_followup(parent: QWidget | None, meeting_id: int) -> bool:
    """Show the proposed follow-up for a held 1:1 and store what the organizer keeps.

    Returns True when accepted (the tasks are stored), False when closed or impossible
    (then the organizer was told why in plain words).
    """
    try:
        dialog = FollowUpDialog(meeting_id, parent)
    except FollowUpError as exc:
        messages.error(parent, tr("Follow-up plan"), exc.message)
        return False
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if accepted and parent is not None:  # the calendar's badge counts the new tasks now
        feature = parent.window().findChild(QObject, "calendarFeature")
        if feature is not None:
            feature.recount()  # type: ignore[attr-defined]
    return accepted


_STYLE = """
#taskNotes { color: #5b6775; }
#leftOut {
    background: #f3f5f8; border: 1px solid #d9dee4; border-radius: 4px; padding: 8px 10px;
    color: #3b4a5a;
}
#planRows { background: transparent; }
"""
