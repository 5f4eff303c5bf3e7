"""What the organizer can do with 1:1s, shared by the Meetings menu, section and person page:
schedule, start, resume, prepare, cancel, and the wizard windows that are open.

Signals: changed() after a 1:1 was scheduled, started, finished, cancelled or discarded.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.store.models import Supporter
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.common import Clock, fmt_when, tr
from oneonone_desktop.views.meetings.upkeep import UpkeepMixin

FOLLOWUP_MODULE = "oneonone_desktop.views.followup_dialog"
OFFER_DELAY_MS = 700


class MeetingsController(UpkeepMixin, QObject):
    changed = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.clock: Clock = dt.datetime.now
        self.wizards: dict[int, QWidget] = {}
        # what the Meetings page has selected: returns ("upcoming"|"drafts"|"past", info) or None
        self.selection: Callable[[], tuple[str, Any] | None] = lambda: None
        self.schedule_action = self._action("calendar", tr("&Schedule a 1:1…"), "Ctrl+Shift+N")
        self.start_action = self._action("start", tr("S&tart a 1:1 now…"), "Ctrl+Shift+M")
        self.resume_action = self._action(
            "meeting", tr("&Resume a 1:1 in progress"), "Ctrl+Shift+R"
        )
        self.prep_action = self._action("print", tr("&Prep sheet…"), "Ctrl+Shift+P")
        self.cancel_action = self._action("clear", tr("&Cancel the 1:1…"), "")
        self.profile_action = self._action("story", tr("My &profile and stories…"), "")
        self.catalogue_action = self._action("star", tr("&Actions and next steps…"), "")
        self.question_sets_action = self._action("help", tr("&Question sets…"), "")
        self.agendas_action = self._action("edit", tr("A&gendas…"), "")
        self.schedule_action.triggered.connect(lambda: self.schedule())
        self.start_action.triggered.connect(lambda: self.start_now())
        self.resume_action.triggered.connect(lambda: self.resume())
        self.prep_action.triggered.connect(lambda: self.prep())
        self.cancel_action.triggered.connect(lambda: self.cancel_selected())
        self.profile_action.triggered.connect(lambda: self.open_profile(self.window))
        self.catalogue_action.triggered.connect(self.open_catalogue)
        self.question_sets_action.triggered.connect(self.open_question_sets)
        self.agendas_action.triggered.connect(self.open_agendas)
        window.installEventFilter(self)
        self.changed.connect(self._refresh_person)

    def _action(self, icon_name: str, text: str, keys: str) -> QAction:
        action = QAction(icon(icon_name), text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.window.addAction(action)
        return action

    def menu_actions(self) -> list[QAction | None]:
        return [
            self.schedule_action,
            self.start_action,
            self.resume_action,
            self.prep_action,
            self.cancel_action,
            None,
            self.profile_action,
            self.catalogue_action,
            self.question_sets_action,
            self.agendas_action,
        ]

    def add_person_buttons(self, page: Any) -> None:
        """ "Start a 1:1" and "Schedule a 1:1" on a person's page."""
        start = page.add_action_button("start_meeting", tr("Start a 1:1"), icon("start"))
        start.setToolTip(tr("Resume their 1:1 in progress, start today's, or start one now"))
        page.add_action_button("schedule_meeting", tr("Schedule a 1:1"), icon("calendar"))
        page.actionRequested.connect(self._person_action)

    def _refresh_person(self) -> None:
        """The person's page shows their 1:1s: read it again after a change."""
        page = self.window.person_page()
        if page is not None and page.isVisible():
            page.reload()

    def _person_action(self, key: str, supporter_id: int) -> None:
        if key == "start_meeting":
            self.start_for_person(supporter_id)
        elif key == "schedule_meeting":
            self.schedule(supporter_id)

    # --- who and which ----------------------------------------------------------------------

    def _current_person(self) -> int | None:
        """The person whose page is open, or the one person selected in the list."""
        if self.window.current_section() != "supporters":
            return None
        ids = self.window.current_ids()
        return ids[0] if len(ids) == 1 else None

    def _selected(self, kind: str) -> Any:
        if self.window.current_section() != "meetings":
            return None
        chosen = self.selection()
        return chosen[1] if chosen and chosen[0] == kind else None

    # --- scheduling and starting ----------------------------------------------------------------

    def schedule(self, supporter_id: int | None = None) -> int | None:
        """The schedule dialog; returns the new meeting's id."""
        from oneonone_desktop.services import meetings
        from oneonone_desktop.views.meetings.schedule_dialog import ScheduleDialog

        person = supporter_id if supporter_id is not None else self._current_person()
        dialog = ScheduleDialog(
            self.window.database, supporter_id=person, clock=self.clock, parent=self.window
        )
        if not dialog.exec() or dialog.result_info is None:
            return None
        result = dialog.result_info
        info = meetings.get_meeting(result.meeting_id)
        text = tr("1:1 with {name} scheduled for {when}.").format(
            name=info.supporter_name, when=fmt_when(info.scheduled_at, self.clock().date())
        )
        self.window.show_notice(" ".join([text, *result.warnings]))
        self.changed.emit()
        return result.meeting_id

    def reschedule(self, meeting_id: int) -> None:
        from oneonone_desktop.services import meetings
        from oneonone_desktop.views.meetings.schedule_dialog import ScheduleDialog

        dialog = ScheduleDialog(
            self.window.database,
            meeting=meetings.get_meeting(meeting_id),
            clock=self.clock,
            parent=self.window,
        )
        if dialog.exec() and dialog.result_info is not None:
            self.window.show_notice(" ".join([tr("1:1 moved."), *dialog.result_info.warnings]))
            self.changed.emit()

    def start_now(self, supporter_id: int | None = None) -> QWidget | None:
        """Start a new 1:1 right now (asks who with, the kind and the place)."""

        from oneonone_desktop.views.meetings.schedule_dialog import ScheduleDialog

        person = supporter_id if supporter_id is not None else self._current_person()
        dialog = ScheduleDialog(
            self.window.database,
            supporter_id=person,
            clock=self.clock,
            start_now=True,
            parent=self.window,
        )
        if not dialog.exec() or dialog.started_id is None:
            return None
        self.changed.emit()
        return self.open_wizard(dialog.started_id)

    def start_for_person(self, supporter_id: int) -> QWidget | None:
        """The person page's "Start a 1:1": resume their draft, start today's scheduled 1:1,
        or start a new one."""
        from oneonone_desktop.services import meetings

        for meeting in meetings.for_supporter(supporter_id):
            if meeting.status == "in_progress":
                return self.open_wizard(meeting.id)
        today = self.clock().date()
        for meeting in meetings.for_supporter(supporter_id):
            when = meeting.scheduled_at
            if meeting.status == "scheduled" and when is not None and when.date() == today:
                return self.start_scheduled(meeting.id)
        return self.start_now(supporter_id)

    def start_scheduled(self, meeting_id: int) -> QWidget | None:
        from oneonone_desktop.services import meetings

        try:
            meetings.start_meeting(meeting_id, now=self.clock())
        except ValidationError as exc:
            messages.error(self.window, tr("The 1:1 cannot start"), " ".join(exc.problems.values()))
            return None
        self.changed.emit()
        return self.open_wizard(meeting_id)

    # --- the wizard ---------------------------------------------------------------------------

    def open_wizard(self, meeting_id: int) -> QWidget | None:
        """Show the wizard of a 1:1 under way (raised if it is already open)."""
        from oneonone_desktop.services import meetings
        from oneonone_desktop.services.wizard_state import DraftError, load_draft

        open_one = self.wizards.get(meeting_id)
        if open_one is not None:
            open_one.show()
            open_one.raise_()
            open_one.activateWindow()
            return open_one
        from oneonone_desktop.views.meetings.wizard import WizardWindow

        try:
            state = load_draft(meeting_id)
            info = meetings.get_meeting(meeting_id)
        except DraftError as exc:
            messages.error(self.window, tr("The 1:1 cannot be resumed"), exc.message)
            self.changed.emit()
            return None
        except ValidationError as exc:
            messages.error(
                self.window, tr("The 1:1 cannot be resumed"), " ".join(exc.problems.values())
            )
            return None
        wizard = WizardWindow(
            state, info, clock=self.clock, open_profile=self.open_profile, parent=self.window
        )
        wizard.meetingFinished.connect(self._finished)
        wizard.closed.connect(self._closed)
        self.wizards[meeting_id] = wizard
        wizard.show()
        wizard.raise_()
        wizard.activateWindow()
        return wizard

    def resume(self, meeting_id: int | None = None) -> QWidget | None:
        """Resume the chosen draft, else the only one; with several, show the list."""
        from oneonone_desktop.services.wizard_state import open_drafts

        if meeting_id is None:
            chosen = self._selected("drafts")
            meeting_id = getattr(chosen, "meeting_id", None)
        if meeting_id is None:
            drafts = open_drafts()
            if len(drafts) == 1:
                meeting_id = drafts[0].meeting_id
            else:
                self.window.show_section("meetings")
                self.window.section_widget("meetings").show_list("drafts")
                if not drafts:
                    self.window.show_notice(tr("No 1:1 is in progress."))
                return None
        return self.open_wizard(meeting_id)

    def _finished(self, meeting_id: int, supporter_id: int) -> None:
        self.changed.emit()
        propose = self._followup()
        if propose is not None:
            propose(self.window, meeting_id)
        name = Supporter.get_by_id(supporter_id).display_name
        self.window.supporters.refresh()
        self.window.open_person(supporter_id)
        self.window.show_notice(tr("Your 1:1 with {name} is recorded.").format(name=name))
        self.window.raise_()
        self.window.activateWindow()

    @staticmethod
    def _followup() -> Callable[[QWidget, int], object] | None:
        """The follow-up plan's entry point, when that part of the app is installed."""
        try:
            module = importlib.import_module(FOLLOWUP_MODULE)
        except ModuleNotFoundError as exc:
            if exc.name != FOLLOWUP_MODULE:
                raise
            return None
        return getattr(module, "propose_followup", None)

    def _closed(self, meeting_id: int) -> None:
        wizard = self.wizards.pop(meeting_id, None)
        if wizard is None:
            return
        if getattr(wizard, "outcome", "") == "closed":
            name = wizard.meeting.supporter_name  # type: ignore[attr-defined]
            self.window.show_notice(
                tr(
                    "Your notes with {name} are kept. Resume the 1:1 from Meetings → "
                    "In progress (Ctrl+Shift+R)."
                ).format(name=name)
            )
        wizard.deleteLater()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The main window closing (quitting): save every open wizard's notes and close it.
        if watched is self.window and event.type() == QEvent.Type.Close:
            for wizard in list(self.wizards.values()):
                wizard.close()
        return False

    # --- at start-up --------------------------------------------------------------------------

    def offer_drafts_later(self) -> None:
        """Soon after the list has painted (start-up itself stays as quick as without it)."""
        QTimer.singleShot(OFFER_DELAY_MS, self.offer_drafts)

    def offer_drafts(self) -> None:
        """After the first paint: say there is a 1:1 in progress, with a Resume button."""

        from oneonone_desktop.views.meetings.draft_notice import DraftNotice

        DraftNotice.offer(self)
