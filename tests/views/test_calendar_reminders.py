"""Reminders while the app runs: the badge counts, each item is told once a day, no storms."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.services import tasks
from oneonone_desktop.store.models import Meeting
from oneonone_desktop.views.calendar import CalendarFeature
from oneonone_desktop.views.calendar.reminders import Reminders, message_for

NOW = dt.datetime(2026, 3, 10, 10, 0)
TODAY = NOW.date()


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def reminders(window, clock) -> Reminders:
    feature = window.findChild(CalendarFeature)
    feature.clock = clock
    return feature.start_reminders()


def calendar_entry(window) -> str:
    return next(
        window.nav.item(i).text()
        for i in range(window.nav.count())
        if window.nav.item(i).text().startswith("Calendar")
    )


def test_badge_counts_what_is_due_today_and_overdue(window, clock, add_person):
    sid = add_person("Ana")
    tasks.add_task("Late", TODAY - dt.timedelta(days=4))
    tasks.add_task("Today", TODAY)
    tasks.add_task("Tomorrow", TODAY + dt.timedelta(days=1))
    Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 3, 10, 18, 0))
    feature = window.findChild(CalendarFeature)
    feature.clock = clock

    feature.start_reminders()

    assert calendar_entry(window) == "Calendar (3)"
    assert window.windowTitle() == f"{APP_DISPLAY_NAME} (3 to do)"


def test_badge_goes_away_when_nothing_is_due(reminders, window):
    assert reminders.count == 0
    assert calendar_entry(window) == "Calendar"
    assert window.windowTitle() == APP_DISPLAY_NAME


def test_ticking_done_in_the_calendar_recounts_the_badge(reminders, window, clock):
    task = tasks.add_task("Today", TODAY)
    reminders.update_badge()
    assert calendar_entry(window) == "Calendar (1)"
    window.show_section("calendar")
    page = window.section_widget("calendar")
    page.set_view("today")
    page.actions.done(page.today_view.panel.current_item())
    assert tasks.Task.get_by_id(task.id).status == "done"
    assert calendar_entry(window) == "Calendar"


def test_each_item_is_told_once_a_day(reminders, window, clock):
    tasks.add_task("Thank Ana", TODAY, kind="thank_you")
    told = reminders.check()
    assert [i.title for i in told] == ["Thank Ana"]
    assert "Thank Ana" in window.notice_label.text()  # no tray offscreen: the status bar
    assert reminders.check() == []
    clock.now += dt.timedelta(hours=3)
    assert reminders.check() == []
    clock.now = dt.datetime(2026, 3, 11, 9, 0)  # the next day it is overdue: told again
    assert [i.title for i in reminders.check()] == ["Thank Ana"]


def test_a_timed_item_is_told_shortly_before_its_time(reminders, clock):
    tasks.add_task("Call Ben", TODAY, due_time=dt.time(15, 0))
    assert reminders.check() == []
    clock.now = dt.datetime(2026, 3, 10, 14, 52)
    assert [i.title for i in reminders.check()] == ["Call Ben"]


def test_many_due_items_make_one_notification(reminders, window, monkeypatch):
    for n in range(40):
        tasks.add_task(f"Task {n}", TODAY - dt.timedelta(days=1))
    shown: list[str] = []
    monkeypatch.setattr(window, "show_notice", lambda text, undoable=False: shown.append(text))
    assert len(reminders.check()) == 40
    assert len(shown) == 1
    assert shown[0].startswith("40 things to do, 40 overdue") and "and 37 more" in shown[0]


def test_what_was_told_today_is_remembered_after_a_restart(reminders, window, clock):
    tasks.add_task("Thank Ana", TODAY)
    assert reminders.check()
    again = Reminders(window, lambda: None, clock)
    assert again.check() == []


def test_a_single_item_names_its_person():
    from oneonone_desktop.services.calendar_items import CalendarItem

    item = CalendarItem(
        "commitment:1", "commitment", "commitment", 1, "Phone bank", "Ana García", 1,
        TODAY, dt.time(18, 0), None, "", "pending", False, False, False,
    )  # fmt: skip
    title, text = message_for([item])
    assert text == "Phone bank · Ana García"
    assert title.startswith("Due ")
