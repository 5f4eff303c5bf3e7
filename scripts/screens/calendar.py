"""Calendar screens: today, month, week, agenda, and the follow-up plan after a 1:1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any


def shoot(window: Any, database: Any, out: Path, helpers: Any) -> list[Path]:
    from oneonone_desktop.services import tasks
    from oneonone_desktop.store.models import Commitment, Meeting
    from oneonone_desktop.views.calendar import CalendarFeature
    from oneonone_desktop.views.followup_dialog import FollowUpDialog

    day = helpers.demo_day
    now = dt.datetime.combine(day, dt.time(10, 30))
    feature = window.findChild(CalendarFeature)
    feature.clock = lambda: now
    reminders = feature.start_reminders()
    reminders.timer.stop()  # the clock is fixed: one count for the pictures
    reminders.update_badge()  # it may have counted with the real clock before
    window.clear_notice()
    window.show_section("calendar")
    page = feature.page()
    written = []

    page.anchor = day
    page.set_view("today")
    written.append(helpers.save(window, out / "calendar-today.png"))

    # The month, with its busiest day from today on chosen.
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    summaries = tasks.day_summaries(day, last, today=day)
    busiest = max(summaries, key=lambda d: (summaries[d].total, -d.toordinal()), default=day)
    page.anchor = busiest
    page.set_view("month")
    page.month_view.grid.setFocus()
    written.append(helpers.save(window, out / "calendar-month.png"))

    page.anchor = day
    page.set_view("week")
    page.week_view.scroll_to_hour(9)
    written.append(helpers.save(window, out / "calendar-week.png"))

    page.anchor = day
    page.set_view("agenda")
    written.append(helpers.save(window, out / "calendar-agenda.png"))

    held = (
        Meeting.select()
        .join(Commitment, on=(Commitment.meeting == Meeting.id))
        .where(Meeting.status == "held")
        .order_by(Meeting.scheduled_at.desc())
        .first()
    )
    page.set_view("today")
    if held is not None:
        dialog = FollowUpDialog(held.id, window, today=day)
        written.append(helpers.over(window, dialog, out / "followup-plan.png"))
    return written
