"""The Meetings controller's upkeep: the prep sheet, cancelling a 1:1, throwing a draft away,
and the dialogs for the profile, the actions catalogue, question sets and agendas."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.views import messages
from oneonone_desktop.views.meetings.common import Clock, fmt_when, tr

if TYPE_CHECKING:
    from oneonone_desktop.services.meetings import MeetingInfo


class UpkeepMixin:
    """Mixed into MeetingsController (which provides window, clock, wizards, changed and
    _selected/_current_person)."""

    window: Any
    clock: Clock
    wizards: dict[int, QWidget]
    changed: Any

    def _selected(self, kind: str) -> Any: ...  # provided by the controller

    def _current_person(self) -> int | None: ...  # provided by the controller

    def prep(self, meeting_id: int | None = None, supporter_id: int | None = None) -> None:
        """The prep sheet dialog for a scheduled 1:1, or for a person."""
        from oneonone_desktop.services import meetings
        from oneonone_desktop.services.meetings import MeetingInfo
        from oneonone_desktop.views.meetings.prep_dialog import PrepDialog

        info = meetings.get_meeting(meeting_id) if meeting_id is not None else None
        if info is None and supporter_id is None:
            chosen = self._selected("upcoming")
            info = chosen if isinstance(chosen, MeetingInfo) else None
        if info is None and supporter_id is None:
            supporter_id = self._current_person()
            info = _next_meeting(supporter_id, self.clock()) if supporter_id else None
        if info is None and supporter_id is None:
            messages.info(
                self.window,
                tr("Prep sheet"),
                tr(
                    "Choose an upcoming 1:1 in Meetings, or open a person's page, then ask for "
                    "the prep sheet again."
                ),
            )
            return
        person = info.supporter_id if info is not None else supporter_id
        assert person is not None
        PrepDialog(person, info, self.clock, self.window.settings, self.window).exec()
        self.changed.emit()

    def cancel_selected(self) -> None:
        from oneonone_desktop.services.meetings import MeetingInfo

        chosen = self._selected("upcoming")
        if isinstance(chosen, MeetingInfo):
            self.cancel(chosen.id)
            return
        draft = self._selected("drafts")
        if draft is not None:
            self.discard(draft.meeting_id)
            return
        messages.info(
            self.window, tr("Cancel a 1:1"), tr("Choose an upcoming 1:1 in Meetings first.")
        )

    def cancel(self, meeting_id: int) -> bool:
        from oneonone_desktop.services import meetings

        info = meetings.get_meeting(meeting_id)
        when = fmt_when(info.scheduled_at, self.clock().date())
        if not messages.confirm(
            self.window,
            tr("Cancel the 1:1"),
            tr(
                "Cancel your 1:1 with {name} ({when})? It stays in the past list, marked cancelled."
            ).format(name=info.supporter_name, when=when),
            tr("Cancel the 1:1"),
            destructive=True,
        ):
            return False
        try:
            meetings.cancel(meeting_id)
        except ValidationError as exc:
            messages.error(self.window, tr("Cancel the 1:1"), " ".join(exc.problems.values()))
            return False
        self.window.show_notice(tr("1:1 with {name} cancelled.").format(name=info.supporter_name))
        self.changed.emit()
        return True

    def discard(self, meeting_id: int) -> bool:
        from oneonone_desktop.services import meetings
        from oneonone_desktop.services.wizard_state import discard_draft

        info = meetings.get_meeting(meeting_id)
        if not messages.confirm(
            self.window,
            tr("Throw away the notes"),
            tr(
                "Throw away the notes of your unfinished 1:1 with {name}? A scheduled 1:1 goes "
                "back to the upcoming list; one started on the spot is removed."
            ).format(name=info.supporter_name),
            tr("Throw away"),
            destructive=True,
        ):
            return False
        wizard = self.wizards.pop(meeting_id, None)
        if wizard is not None:
            wizard.outcome = "discarded"  # type: ignore[attr-defined]
            wizard._done = True  # type: ignore[attr-defined]
            wizard.close()
        discard_draft(meeting_id)
        self.changed.emit()
        return True

    # --- settings dialogs ---------------------------------------------------------------------

    def open_profile(self, parent: QWidget, tab: str = "") -> None:

        from oneonone_desktop.views.meetings.profile_dialog import ProfileDialog

        ProfileDialog(parent, tab).exec()

    def open_catalogue(self) -> None:

        from oneonone_desktop.views.meetings.actions_dialog import ActionsDialog

        ActionsDialog(self.clock, self.window).exec()

    def open_question_sets(self) -> None:

        from oneonone_desktop.views.meetings.question_sets_dialog import QuestionSetsDialog

        QuestionSetsDialog(self.window).exec()

    def open_agendas(self) -> None:

        from oneonone_desktop.views.meetings.agenda_dialog import AgendaDialog

        AgendaDialog(self.window).exec()


def _next_meeting(supporter_id: int, now: dt.datetime) -> MeetingInfo | None:
    from oneonone_desktop.services import meetings

    found = [
        m
        for m in meetings.for_supporter(supporter_id)
        if m.status == "scheduled" and m.scheduled_at is not None and m.scheduled_at >= now
    ]
    return min(found, key=lambda m: m.scheduled_at or now) if found else None
