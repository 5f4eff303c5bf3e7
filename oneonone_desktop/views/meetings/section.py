"""The Meetings section: upcoming 1:1s, those in progress (drafts) and past ones, with the
buttons to schedule, start, resume, prepare, move and cancel them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import meetings
from oneonone_desktop.services.meetings import LIST_LIMIT, MeetingInfo
from oneonone_desktop.services.wizard_state import DraftInfo, open_drafts
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.common import STYLE, N, fmt_date, label, tr
from oneonone_desktop.views.meetings.meeting_table import MeetingListModel, MeetingTable

TABS = ("upcoming", "drafts", "past")
EMPTY = {
    "upcoming": (
        "<p style='font-size:large'>{title}</p><p>{about}</p><p>{links}</p>",
        N("No 1:1s scheduled yet."),
        N(
            "A 1:1 is a 30–45 minute conversation, face to face in a quiet place, that ends "
            "with a commitment to act."
        ),
        N(
            "<a href='schedule'>Schedule one</a> (Ctrl+Shift+N) or "
            "<a href='start'>start one now</a> (Ctrl+Shift+M)."
        ),
    ),
    "drafts": (
        "<p style='font-size:large'>{title}</p><p>{about}</p>{links}",
        N("No 1:1 in progress."),
        N(
            "What you write during a 1:1 is saved as you type. If you close the window before "
            "finishing, the 1:1 waits here to be resumed."
        ),
        "",
    ),
    "past": (
        "<p style='font-size:large'>{title}</p><p>{about}</p>{links}",
        N("No 1:1s held yet."),
        N("When you finish a 1:1, it shows here; what you learned is on the person's page."),
        "",
    ),
}


class MeetingsPage(QWidget):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsPage")
        self.setStyleSheet(STYLE)
        self.controller = controller
        today = lambda: controller.clock().date()  # noqa: E731
        self.models = {kind: MeetingListModel(kind, today, self) for kind in TABS}
        names = {"upcoming": tr("Upcoming"), "drafts": tr("In progress"), "past": tr("Past")}
        self.tables = {kind: MeetingTable(self.models[kind], names[kind]) for kind in TABS}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        self.tabs.setDocumentMode(True)
        for kind in TABS:
            self.tabs.addTab(self.tables[kind], names[kind])
        self._names = names
        self.more = QPushButton(tr("Show older 1:1s"))
        self.more.setObjectName("moreMeetings")
        self.more.hide()

        title = label(tr("Meetings"), "pageTitle", wrap=False)
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(title)
        head.addSpacing(16)
        for action in (controller.schedule_action, controller.start_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            head.addWidget(button)
        head.addStretch(1)
        self.open_button = self._button("start", "openMeeting")
        self.prep_button = self._button("print", "prepMeeting", tr("Prep sheet…"))
        self.move_button = self._button("calendar", "moveMeeting", tr("Move…"))
        self.cancel_button = self._button("clear", "cancelMeeting")
        for button in (self.open_button, self.prep_button, self.move_button, self.cancel_button):
            head.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)

        for kind, table in self.tables.items():
            table.selectionModel().selectionChanged.connect(self._update_buttons)
            table.doubleClicked.connect(self._activated)
            table.activated.connect(self._activated)
            table.emptyLinkActivated.connect(self._empty_link)
            fmt, title_text, about, links = EMPTY[kind]
            table.set_empty_message(
                fmt.format(title=tr(title_text), about=tr(about), links=tr(links))
            )
        self.tabs.currentChanged.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.prep_button.clicked.connect(self._prep)
        self.move_button.clicked.connect(self._move)
        self.cancel_button.clicked.connect(self.controller.cancel_selected)
        self.more.clicked.connect(self._more)
        controller.selection = self.selection
        controller.changed.connect(self.refresh)
        self.refresh()

    def _button(self, icon_name: str, name: str, text: str = "") -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    # --- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the three lists again, keeping the selection where possible."""
        now = self.controller.clock()
        kept = self.selection()
        upcoming = meetings.upcoming(now)
        drafts = open_drafts()
        past = meetings.past(now, limit=max(LIST_LIMIT, len(self.models["past"].rows)))
        for kind, rows in (("upcoming", upcoming), ("drafts", drafts), ("past", past)):
            self.models[kind].set_rows(rows)
        self.tabs.setTabText(0, self._names["upcoming"] + f" ({len(upcoming)})")
        self.tabs.setTabText(1, self._names["drafts"] + f" ({len(drafts)})")
        if kept is not None:
            self._reselect(*kept)
        for kind, table in self.tables.items():
            if table.selected_info() is None and self.models[kind].rowCount():
                table.selectRow(0)
        self._update_buttons()

    def _more(self) -> None:
        model = self.models["past"]
        older = meetings.past(self.controller.clock(), offset=len(model.rows))
        model.set_rows([*model.rows, *older])
        self.more.setVisible(len(older) == LIST_LIMIT)

    def _reselect(self, kind: str, info: Any) -> None:
        key = _key(info)
        model = self.models[kind]
        for row, other in enumerate(model.rows):
            if _key(other) == key:
                self.tables[kind].selectRow(row)
                return

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # --- selection ----------------------------------------------------------------------------

    def current_kind(self) -> str:
        return TABS[max(self.tabs.currentIndex(), 0)]

    def selection(self) -> tuple[str, Any] | None:
        kind = self.current_kind()
        info = self.tables[kind].selected_info()
        return (kind, info) if info is not None else None

    def show_list(self, kind: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(kind))
        self.tables[kind].setFocus()
        if self.models[kind].rowCount() and not self.tables[kind].selected_info():
            self.tables[kind].selectRow(0)

    def _update_buttons(self, *_: Any) -> None:
        kind = self.current_kind()
        info = self.tables[kind].selected_info()
        self.more.setVisible(
            kind == "past"
            and len(self.models["past"].rows) % LIST_LIMIT == 0
            and bool(self.models["past"].rows)
        )
        texts = {
            "upcoming": tr("Start this 1:1"),
            "drafts": tr("Resume"),
            "past": tr("Open their page"),
        }
        self.open_button.setText(texts[kind])
        self.open_button.setIcon(icon("person" if kind == "past" else "start"))
        self.open_button.setEnabled(info is not None)
        self.prep_button.setVisible(kind == "upcoming")
        self.prep_button.setEnabled(info is not None)
        self.move_button.setVisible(kind == "upcoming")
        self.move_button.setEnabled(info is not None)
        self.cancel_button.setVisible(kind != "past")
        self.cancel_button.setText(tr("Cancel…") if kind == "upcoming" else tr("Throw away…"))
        self.cancel_button.setEnabled(info is not None)
        self.cancel_button.setToolTip(
            tr("Cancel this 1:1 (it stays in the past list)")
            if kind == "upcoming"
            else tr("Throw away the notes of this unfinished 1:1")
        )

    # --- doing ----------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_selected()

    def open_selected(self) -> None:
        chosen = self.selection()
        if chosen is None:
            return
        kind, info = chosen
        if kind == "upcoming":
            self._start(info)
        elif kind == "drafts":
            self.controller.resume(info.meeting_id)
        else:
            self.controller.window.open_person(info.supporter_id)

    def _start(self, info: MeetingInfo) -> None:
        day = info.scheduled_at.date() if info.scheduled_at else None
        today = self.controller.clock().date()
        if (
            day is not None
            and day != today
            and not messages.confirm(
                self,
                tr("Start the 1:1"),
                tr("Your 1:1 with {name} is planned for {day}. Start it now?").format(
                    name=info.supporter_name, day=fmt_date(day)
                ),
                tr("Start now"),
            )
        ):
            return
        self.controller.start_scheduled(info.id)

    def _prep(self) -> None:
        info = self.tables["upcoming"].selected_info()
        if isinstance(info, MeetingInfo):
            self.controller.prep(info.id)

    def _move(self) -> None:
        info = self.tables["upcoming"].selected_info()
        if isinstance(info, MeetingInfo):
            self.controller.reschedule(info.id)

    def _empty_link(self, link: str) -> None:
        if link == "schedule":
            self.controller.schedule()
        elif link == "start":
            self.controller.start_now()


def _key(info: Any) -> int:
    return int(info.meeting_id if isinstance(info, DraftInfo) else info.id)
