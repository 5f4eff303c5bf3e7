"""The Calendar section: moving through months, opening a day, ticking, snoozing, skipping."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from oneonone_desktop.services import tasks
from oneonone_desktop.store.models import Task
from oneonone_desktop.views.calendar import CalendarFeature, item_actions
from oneonone_desktop.views.calendar.words import week_start

NOW = dt.datetime(2026, 3, 10, 10, 0)  # a Tuesday
TODAY = NOW.date()


@pytest.fixture
def page(window, qtbot):
    """The Calendar page, with the clock stopped at NOW."""
    feature = window.findChild(CalendarFeature)
    feature.clock = lambda: NOW
    window.show_section("calendar")
    shown = window.section_widget("calendar")
    qtbot.waitExposed(shown)
    return shown


def titles(panel) -> list[str]:
    return [row.text(panel.columns.index("what")) for row in panel.rows()]


def test_calendar_is_a_section_with_its_menu(window):
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    assert "calendar" in keys
    texts = [a.text() for a in window.menu("calendar").actions()]
    assert "&Today" in texts and "&Export to phone calendar (.ics)…" in texts


def test_page_keys_and_buttons_move_through_the_months(page, qtbot):
    page.set_view("month")
    assert page.range_label.text() == "March 2026"
    page.month_view.grid.setFocus()
    qtbot.keyClick(page.month_view.grid, Qt.Key.Key_PageDown)
    assert page.range_label.text() == "April 2026"
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert page.range_label.text() == "February 2026"
    qtbot.keyClick(page.month_view.grid, Qt.Key.Key_Home)
    assert page.anchor == TODAY and page.range_label.text() == "March 2026"


def test_month_cells_count_each_day_and_mark_overdue(page, add_person):
    sid = add_person("Ana", "García")
    tasks.add_task("Call Ana", TODAY - dt.timedelta(days=2), kind="check_in", supporter_id=sid)
    for n in range(3):
        tasks.add_task(f"Task {n}", dt.date(2026, 3, 20), supporter_id=sid)
    page.set_view("month")
    cells = {cell.day: cell for cell in page.month_view.grid.cells}
    assert cells[dt.date(2026, 3, 20)].groups == [("task", 3)]
    assert cells[dt.date(2026, 3, 8)].late == 1
    assert cells[dt.date(2026, 3, 9)].total == 0
    assert len(page.month_view.grid.cells) == 42


def test_clicking_a_day_lists_its_items_beside_the_month(page, qtbot, add_person):
    sid = add_person("Ana", "García")
    tasks.add_task("Thank Ana", dt.date(2026, 3, 19), kind="thank_you", supporter_id=sid)
    tasks.add_task("Bring flyers", dt.date(2026, 3, 19), due_time=dt.time(9, 30))
    page.set_view("month")
    grid = page.month_view.grid
    index = next(i for i, c in enumerate(grid.cells) if c.day == dt.date(2026, 3, 19))

    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(index).center())

    assert page.anchor == dt.date(2026, 3, 19)
    assert "Thursday 19 March" in page.month_view.day_title.text()
    assert titles(page.month_view.day_panel) == ["Thank Ana", "Bring flyers"]


def test_clicking_a_day_of_the_next_month_turns_the_page(page, qtbot):
    page.set_view("month")
    grid = page.month_view.grid
    index = next(i for i, c in enumerate(grid.cells) if c.day == dt.date(2026, 4, 2))
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(index).center())
    assert page.range_label.text() == "April 2026"


def test_ticking_a_check_in_done_takes_it_off_today_and_moves_it_on(page, qtbot, add_person):
    sid = add_person("Ana", "García")
    task = tasks.add_task(
        "Check-in call with Ana", TODAY, kind="check_in", supporter_id=sid,
        rrule="FREQ=WEEKLY;INTERVAL=4",
    )  # fmt: skip
    page.set_view("today")
    panel = page.today_view.panel
    assert titles(panel) == ["Check-in call with Ana"]
    panel.tree.setFocus()
    panel.tree.setCurrentItem(panel.rows()[0])

    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: titles(panel) == [])
    moved = Task.get_by_id(task.id)
    assert moved.status == "open" and moved.due_on == TODAY + dt.timedelta(weeks=4)
    assert window_notice(page).startswith("Done. Next time:")


def window_notice(page) -> str:
    return page.window().notice_label.text()


def test_done_button_ticks_a_plain_task(page, qtbot):
    task = tasks.add_task("Post the flyer", TODAY)
    page.set_view("today")
    qtbot.mouseClick(page.today_view.panel.done_button, Qt.MouseButton.LeftButton)
    assert Task.get_by_id(task.id).status == "done"
    assert page.today_view.panel.stack.currentWidget() is page.today_view.panel.empty


def test_snooze_to_tomorrow_from_the_button_menu(page):
    task = tasks.add_task("Call the library", TODAY - dt.timedelta(days=1))
    page.set_view("today")
    panel = page.today_view.panel
    menu = panel.snooze_button.menu()
    tomorrow = next(a for a in menu.actions() if a.text().startswith("Tomorrow"))

    tomorrow.trigger()

    snoozed = Task.get_by_id(task.id)
    assert snoozed.status == "snoozed" and snoozed.snoozed_until == TODAY + dt.timedelta(days=1)
    assert titles(panel) == []


def test_snooze_to_a_picked_day(page, monkeypatch):
    task = tasks.add_task("Call the library", TODAY)
    monkeypatch.setattr(item_actions, "ask_date", lambda parent, title, start: dt.date(2026, 4, 1))
    page.set_view("today")
    menu = page.today_view.panel.snooze_button.menu()
    next(a for a in menu.actions() if a.text() == "Pick a day…").trigger()
    assert Task.get_by_id(task.id).snoozed_until == dt.date(2026, 4, 1)


def test_skip_keeps_the_note_saying_why(page, qtbot, monkeypatch):
    task = tasks.add_task("Thank Ben", TODAY, kind="thank_you")
    monkeypatch.setattr(item_actions, "ask_note", lambda parent, title: "Thanked him in person")
    page.set_view("today")
    qtbot.mouseClick(page.today_view.panel.skip_button, Qt.MouseButton.LeftButton)
    skipped = Task.get_by_id(task.id)
    assert skipped.status == "skipped" and skipped.status_note == "Thanked him in person"


def test_cancelling_the_skip_note_changes_nothing(page, qtbot, monkeypatch):
    task = tasks.add_task("Thank Ben", TODAY, kind="thank_you")
    monkeypatch.setattr(item_actions, "ask_note", lambda parent, title: None)
    page.set_view("today")
    qtbot.mouseClick(page.today_view.panel.skip_button, Qt.MouseButton.LeftButton)
    assert Task.get_by_id(task.id).status == "open"


def test_today_lists_overdue_first_and_promises_we_owe(page, add_person):
    from oneonone_desktop.store.models import Promise

    sid = add_person("Ana", "García")
    tasks.add_task("Late one", TODAY - dt.timedelta(days=3), supporter_id=sid)
    tasks.add_task("Today's", TODAY, supporter_id=sid)
    Promise.create(supporter=sid, text="Send the housing report", due_on=TODAY)
    page.set_view("today")
    heads = [
        page.today_view.panel.tree.topLevelItem(i).text(0)
        for i in range(page.today_view.panel.tree.topLevelItemCount())
    ]
    assert heads == ["Overdue", "Due today", "Promises we owe"]
    assert titles(page.today_view.panel) == ["Late one", "Today's", "Send the housing report"]
    assert "1 overdue" in page.hint.text()


def test_filters_hide_a_kind_of_item(page, add_person):
    from oneonone_desktop.store.models import Meeting

    sid = add_person("Ana", "García")
    tasks.add_task("A follow-up", TODAY + dt.timedelta(days=1), supporter_id=sid)
    Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 3, 12, 18, 0))
    page.set_view("agenda")
    assert titles(page.agenda_view.panel) == ["A follow-up", "1:1 with Ana García"]
    page.filters["task"].click()
    assert titles(page.agenda_view.panel) == ["1:1 with Ana García"]


def test_double_click_on_an_item_opens_the_person(page, qtbot, add_person, window):
    sid = add_person("Ana", "García")
    tasks.add_task("Call Ana", TODAY, supporter_id=sid)
    page.set_view("today")
    tree = page.today_view.panel.tree
    row = page.today_view.panel.rows()[0]
    point = tree.visualItemRect(row).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.current_section() == "supporters")
    assert window.person_page().supporter_id == sid


def test_enter_on_an_item_opens_the_person(page, qtbot, add_person, window):
    sid = add_person("Ana", "García")
    tasks.add_task("Call Ana", TODAY, supporter_id=sid)
    page.set_view("today")
    page.today_view.panel.tree.setFocus()
    qtbot.keyClick(page.today_view.panel.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.person_page() is not None)
    assert window.person_page().supporter_id == sid


def test_week_view_puts_timed_items_in_the_grid_and_the_rest_all_day(page):
    tasks.add_task("Untimed", dt.date(2026, 3, 11))
    tasks.add_task("At nine", dt.date(2026, 3, 11), due_time=dt.time(9, 0))
    page.set_view("week")
    week = page.week_view
    assert [b.item.title for b in week.all_day.blocks] == ["Untimed"]
    (block,) = week.grid.blocks
    assert block.item.title == "At nine" and block.start == 9 * 60
    assert week.grid.block_at(QPoint(block.rect.center())) is block
    start = week_start(TODAY)  # Sunday or Monday, by the locale
    assert page.week_view.header.start == start
    assert page.range_label.text().startswith(f"{start.day} – ")


def test_arrow_keys_choose_a_day_and_enter_opens_its_week(page, qtbot):
    tasks.add_task("Thank Ana", TODAY + dt.timedelta(days=8))
    page.set_view("month")
    grid = page.month_view.grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert page.anchor == TODAY + dt.timedelta(days=8)
    assert titles(page.month_view.day_panel) == ["Thank Ana"]
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert page.view == "week"
    assert page.week_view.header.start == week_start(TODAY + dt.timedelta(days=8))


def test_commitments_coming_up_show_their_day(page, add_person):
    from oneonone_desktop.store.models import Commitment
    from oneonone_desktop.views.calendar.words import day_text

    sid = add_person("Ana", "García")
    Commitment.create(supporter=sid, activity="Phone bank", due_at=dt.datetime(2026, 3, 13, 18))
    page.set_view("today")
    panel = page.today_view.panel
    (row,) = panel.rows()
    assert row.parent().text(0) == "Their commitments in the next 7 days"
    when = row.text(panel.columns.index("when"))
    assert when.startswith(day_text(dt.date(2026, 3, 13))) and when != "6:00 PM"
    assert row.text(panel.columns.index("who")) == "Ana García"
