"""The 1:1 meetings feature: the Meetings section, menu and person-page buttons, the schedule
and prep dialogs, the wizard, and the organizer's profile, actions, questions and agendas.

`install(window)` plugs it into the main window (listed in FEATURE_MODULES); heavy modules are
imported only when first used.
"""

from __future__ import annotations

from typing import Any


def install(window: Any) -> None:
    """Add the Meetings section (built on first visit), the Meetings menu, the "Start a 1:1" and
    "Schedule a 1:1" buttons on each person's page, and the offer to resume a 1:1 in progress."""
    from oneonone_desktop.views.icons import icon
    from oneonone_desktop.views.meetings.common import tr
    from oneonone_desktop.views.meetings.controller import MeetingsController

    controller = MeetingsController(window)
    window.meetings_controller = controller

    def build() -> Any:
        from oneonone_desktop.views.meetings.section import MeetingsPage

        return MeetingsPage(controller)

    window.add_lazy_section("meetings", tr("Meetings"), icon("meeting"), build)
    menu = window.menu("meetings")
    for action in controller.menu_actions():
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    window.person_page_hooks.append(controller.add_person_buttons)
    window.listPainted.connect(controller.offer_drafts_later)
