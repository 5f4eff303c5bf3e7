"""Schedule a 1:1 (or move one, or start one right now): person, kind, date, time, length,
place and face to face, with overlaps and past times warned about as they are chosen."""

from __future__ import annotations

import datetime as dt

from peewee import SqliteDatabase
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import meetings
from oneonone_desktop.services.agendas import MAX_MINUTES, SUGGESTED_MINUTES, list_kinds
from oneonone_desktop.services.meetings import MeetingInfo, ScheduleResult
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.views.meetings.common import (
    STYLE,
    Clock,
    TimeField,
    add_error_row,
    add_row,
    box,
    date_format,
    fmt_time,
    label,
    make_form,
    pydate,
    qdate,
    show_form_error,
    tr,
)
from oneonone_desktop.views.pickers import PersonPicker


class ScheduleDialog(QDialog):
    """`result_info` holds the ScheduleResult once scheduled (or moved); in start-now mode,
    `started_id` holds the id of the 1:1 just started."""

    def __init__(
        self,
        database: SqliteDatabase,
        *,
        clock: Clock,
        supporter_id: int | None = None,
        meeting: MeetingInfo | None = None,
        start_now: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleDialog")
        self.setStyleSheet(STYLE)
        self.clock = clock
        self.meeting = meeting
        self.start_now = start_now
        self.result_info: ScheduleResult | None = None
        self.started_id: int | None = None
        self._length_touched = False
        today = clock().date()

        self.person = PersonPicker(database)
        self.person.edit.setPlaceholderText(tr("type a name to find them"))
        self.kind = QComboBox()
        for kind in list_kinds():
            self.kind.addItem(kind.label, kind.key)
            self.kind.setItemData(
                self.kind.count() - 1, kind.default_minutes, Qt.ItemDataRole.UserRole + 1
            )
        self.date = QDateEdit(qdate(today + dt.timedelta(days=1)))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_format())
        self.time = TimeField(tr("Choose or type a time"))
        self.length = QSpinBox()
        self.length.setRange(0, MAX_MINUTES)
        self.length.setSingleStep(5)
        self.length.setSuffix(tr(" min"))
        self.quick = QButtonGroup(self)
        quick_row = QHBoxLayout()
        quick_row.setSpacing(6)
        quick_row.addWidget(self.length)
        for minutes in SUGGESTED_MINUTES:
            button = QPushButton(tr("{n} min").format(n=minutes))
            button.setObjectName(f"length{minutes}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setAccessibleName(tr("{n} minutes").format(n=minutes))
            self.quick.addButton(button, minutes)
            quick_row.addWidget(button)
        quick_row.addStretch(1)
        length_holder = QWidget()
        length_holder.setLayout(quick_row)
        quick_row.setContentsMargins(0, 0, 0, 0)
        self.place = QLineEdit()
        self.place.setPlaceholderText(tr("a quiet place: a café, a library room, their kitchen"))
        self.in_person = QCheckBox(tr("&Face to face"))
        self.in_person.setChecked(True)
        self.in_person.setToolTip(tr("The guide: 1:1s are held in person, in a quiet place."))

        self.form = make_form()
        add_row(self.form, tr("&Person"), self.person)
        self.person.edit.setAccessibleName(tr("Person"))
        add_row(self.form, tr("&Kind"), self.kind)
        add_row(self.form, tr("&Date"), self.date)
        add_row(self.form, tr("&Time"), self.time)
        add_row(self.form, tr("&Length"), length_holder)
        self.length.setAccessibleName(tr("Length in minutes"))
        add_row(self.form, tr("Pl&ace"), self.place)
        self.form.addRow("", self.in_person)
        self.errors = {
            "supporter": add_error_row(self.form, self.person),
            "kind": add_error_row(self.form, self.kind),
            "starts_at": add_error_row(self.form, self.time),
            "minutes": add_error_row(self.form, length_holder),
            "place": add_error_row(self.form, self.place),
        }
        self.warnings = box("warningBox")
        self.warnings.setAccessibleName(tr("Warnings"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(tr("&Schedule"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        self.heading = label("", "pageTitle")
        layout.addWidget(self.heading)
        self.about = label(
            tr("The guide: 30 to 45 minutes, face to face, in a quiet place."), "muted"
        )
        layout.addWidget(self.about)
        layout.addLayout(self.form)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.quick.idClicked.connect(self._quick)
        self.length.valueChanged.connect(self._length_changed)
        self.date.dateChanged.connect(self.update_warnings)
        self.time.currentTextChanged.connect(self.update_warnings)
        self.length.valueChanged.connect(self.update_warnings)
        self._kind_changed()
        self._set_up(supporter_id)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.resize(560, 10)

    def _set_up(self, supporter_id: int | None) -> None:
        if self.meeting is not None:
            m = self.meeting
            self.setWindowTitle(tr("Move the 1:1"))
            self.heading.setText(tr("Move your 1:1 with {name}").format(name=m.supporter_name))
            self.person.set_supporter(m.supporter_id)
            self.person.setEnabled(False)
            self.kind.setCurrentIndex(max(0, self.kind.findData(m.kind_key)))
            self.kind.setEnabled(False)
            if m.scheduled_at is not None:
                self.date.setDate(qdate(m.scheduled_at.date()))
                self.time.set_value(m.scheduled_at.time())
            self.length.setValue(m.duration_minutes)
            self._length_touched = True
            self.place.setText(m.place)
            self.in_person.setChecked(m.in_person)
            self.ok.setText(tr("&Save"))
            self.date.setFocus()
        elif self.start_now:
            self.setWindowTitle(tr("Start a 1:1 now"))
            self.heading.setText(tr("Start a 1:1 now"))
            self.about.setText(tr("The wizard opens with the agenda for this kind of 1:1."))
            for widget in (self.date, self.time, self.length.parentWidget()):
                self.form.setRowVisible(widget, False)
            self.ok.setText(tr("&Start"))
        else:
            self.setWindowTitle(tr("Schedule a 1:1"))
            self.heading.setText(tr("Schedule a 1:1"))
        if self.meeting is None:
            self.person.set_supporter(supporter_id)
            (self.kind if supporter_id is not None else self.person.edit).setFocus()
        self.update_warnings()

    # --- length -----------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        if not self._length_touched:
            minutes = self.kind.currentData(Qt.ItemDataRole.UserRole + 1)
            self.length.blockSignals(True)
            self.length.setValue(int(minutes or 45))
            self.length.blockSignals(False)
            self._sync_quick()

    def _quick(self, minutes: int) -> None:
        self._length_touched = True
        self.length.setValue(minutes)

    def _length_changed(self) -> None:
        self._length_touched = True
        self._sync_quick()

    def _sync_quick(self) -> None:
        for button in self.quick.buttons():
            button.setChecked(self.quick.id(button) == self.length.value())

    # --- warnings -----------------------------------------------------------------------------

    def starts_at(self) -> dt.datetime | None:
        time = self.time.value()
        if time is None:
            return None
        return dt.datetime.combine(pydate(self.date.date()), time)

    def update_warnings(self) -> None:
        """Past time, overlaps and an unusual length, said as they are chosen (still allowed)."""
        start = self.starts_at()
        notes: list[str] = []
        minutes = self.length.value()
        if start is not None and not self.start_now:
            if start < self.clock():
                notes.append(tr("That time has already passed."))
            exclude = self.meeting.id if self.meeting is not None else None
            for other in meetings.conflicts(start, max(minutes, 1), exclude):
                if other.scheduled_at is None:
                    continue
                end = other.scheduled_at + dt.timedelta(minutes=other.duration_minutes)
                notes.append(
                    tr("It overlaps your 1:1 with {name}, {start}–{end}.").format(
                        name=other.supporter_name,
                        start=fmt_time(other.scheduled_at.time()),
                        end=fmt_time(end.time()),
                    )
                )
        if minutes and not 30 <= minutes <= 45 and not self.start_now:
            notes.append(tr("The guide suggests 30 to 45 minutes."))
        self.warnings.setText("<br>".join(f"⚠ {n}" for n in notes))
        self.warnings.setVisible(bool(notes))

    # --- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        problems: dict[str, str] = {}
        if self.person.has_unpicked_text():
            problems["supporter"] = tr("Pick the person from the list that drops down as you type.")
        if not self.start_now and self.time.is_invalid():
            problems["starts_at"] = tr("Type a time such as 18:30 or 6:30 pm.")
        if problems:
            self.show_problems(problems)
            return
        try:
            if self.start_now:
                supporter = self.person.supporter_id()
                if supporter is None:
                    raise ValidationError({"supporter": tr("Choose the person you are meeting.")})
                state = meetings.start_ad_hoc(
                    supporter,
                    str(self.kind.currentData()),
                    place=self.place.text(),
                    in_person=self.in_person.isChecked(),
                    now=self.clock(),
                )
                self.started_id = state.meeting_id
            elif self.meeting is not None:
                start = self.starts_at()
                if start is None:
                    raise ValidationError({"starts_at": tr("Choose the time of the 1:1.")})
                self.result_info = meetings.reschedule(
                    self.meeting.id,
                    start,
                    self.length.value(),
                    self.place.text(),
                    self.in_person.isChecked(),
                    now=self.clock(),
                )
            else:
                self.result_info = meetings.schedule(
                    self.person.supporter_id(),
                    str(self.kind.currentData()),
                    self.starts_at(),
                    self.length.value(),
                    self.place.text(),
                    self.in_person.isChecked(),
                    now=self.clock(),
                )
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.accept()

    def show_problems(self, problems: dict[str, str]) -> None:
        texts = dict(problems)
        for key, message in self.errors.items():
            show_form_error(self.form, message, texts.get(key, ""))
        focus = {
            "supporter": self.person.edit,
            "kind": self.kind,
            "starts_at": self.time,
            "minutes": self.length,
            "place": self.place,
        }
        for key, widget in focus.items():
            if key in texts:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break
