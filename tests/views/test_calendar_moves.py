"""Rescheduling from the calendar: by the small dialog, and by dropping on a day or a time."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QMimeData, QPointF, Qt, QTime
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog

from oneonone_desktop.services import tasks
from oneonone_desktop.store.models import Commitment, Meeting, Task
from oneonone_desktop.views.calendar import CalendarFeature, item_actions
from oneonone_desktop.views.calendar.item_actions import MIME_TYPE
from oneonone_desktop.views.calendar.week_canvas import HOUR

NOW = dt.datetime(2026, 3, 10, 10, 0)
TODAY = NOW.date()


@pytest.fixture
def page(window, qtbot):
    feature = window.findChild(CalendarFeature)
    feature.clock = lambda: NOW
    window.show_section("calendar")
    shown = window.section_widget("calendar")
    qtbot.waitExposed(shown)
    return shown


def drop(widget, point: QPointF, key: str) -> QDropEvent:
    """What Qt gives a widget when an item is dropped on it at `point`."""
    data = QMimeData()
    data.setData(MIME_TYPE, key.encode())
    event = QDropEvent(
        point,
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)
    QApplication.processEvents()  # the move is made once the drop has been handled
    return event


def column_point(canvas, day: dt.date, minute: int | None = None) -> QPointF:
    rect = canvas.column_rect((day - canvas.start).days)
    y = rect.center().y() if minute is None else minute * HOUR / 60 + 2
    return QPointF(rect.center().x(), y)


def test_dropping_a_task_on_a_month_day_moves_it(page, qtbot):
    task = tasks.add_task("Call the library", dt.date(2026, 3, 12), due_time=dt.time(17, 0))
    page.set_view("month")
    grid = page.month_view.grid
    qtbot.mouseClick(
        grid,
        Qt.MouseButton.LeftButton,
        pos=grid.cell_rect(_index(grid, dt.date(2026, 3, 12))).center(),
    )
    assert [i.key for i in page.month_view.day_panel.items.values()] == [f"task:{task.id}"]

    event = drop(
        grid,
        QPointF(grid.cell_rect(_index(grid, dt.date(2026, 3, 20))).center()),
        f"task:{task.id}",
    )

    assert event.isAccepted()
    moved = Task.get_by_id(task.id)
    assert moved.due_on == dt.date(2026, 3, 20) and moved.due_time == dt.time(17, 0)
    cells = {c.day: c for c in grid.cells}
    assert cells[dt.date(2026, 3, 20)].total == 1 and cells[dt.date(2026, 3, 12)].total == 0


def _index(grid, day: dt.date) -> int:
    return next(i for i, c in enumerate(grid.cells) if c.day == day)


def test_dropping_a_meeting_on_the_week_grid_moves_it_to_that_day_and_time(page, add_person):
    sid = add_person("Ana", "García")
    meeting = Meeting.create(supporter=sid, scheduled_at=dt.datetime(2026, 3, 11, 18, 0))
    page.set_view("week")
    grid = page.week_view.grid
    target = dt.date(2026, 3, 12)

    drop(grid, column_point(grid, target, 14 * 60), f"meeting:{meeting.id}")

    assert Meeting.get_by_id(meeting.id).scheduled_at == dt.datetime(2026, 3, 12, 14, 0)
    (block,) = grid.blocks
    assert block.item.date == target and block.start == 14 * 60
    assert "Moved to" in page.window().notice_label.text()


def test_a_meeting_dropped_on_another_1_1_is_moved_with_a_warning(page, add_person):
    ana, ben = add_person("Ana"), add_person("Ben")
    Meeting.create(supporter=ana, scheduled_at=dt.datetime(2026, 3, 12, 14, 0))
    moving = Meeting.create(supporter=ben, scheduled_at=dt.datetime(2026, 3, 11, 18, 0))
    page.set_view("week")
    grid = page.week_view.grid
    drop(grid, column_point(grid, dt.date(2026, 3, 12), 14 * 60), f"meeting:{moving.id}")
    assert "overlaps your 1:1 with Ana" in page.window().notice_label.text()


def test_dropping_a_timed_task_on_the_all_day_row_takes_its_time_away(page):
    task = tasks.add_task("Flyers", dt.date(2026, 3, 11), due_time=dt.time(9, 0))
    page.set_view("week")
    row = page.week_view.all_day
    drop(row, column_point(row, dt.date(2026, 3, 13)), f"task:{task.id}")
    moved = Task.get_by_id(task.id)
    assert moved.due_on == dt.date(2026, 3, 13) and moved.due_time is None


def test_dropping_a_later_repeat_moves_the_whole_series(page):
    task = tasks.add_task("Check in", TODAY, rrule="FREQ=WEEKLY;INTERVAL=1")
    page.set_view("week")
    page.go_next()  # next week shows the projected repeat on the 17th
    later = next(b for b in page.week_view.all_day.blocks)
    assert "@" in later.item.key and later.item.date == dt.date(2026, 3, 17)
    row = page.week_view.all_day
    drop(row, column_point(row, dt.date(2026, 3, 19)), later.item.key)
    assert Task.get_by_id(task.id).due_on == TODAY + dt.timedelta(days=2)


def test_a_held_meeting_cannot_be_dragged_away(page, add_person):
    sid = add_person("Ana")
    held = Meeting.create(supporter=sid, status="held", scheduled_at=dt.datetime(2026, 3, 9, 18))
    page.set_view("week")
    grid = page.week_view.grid
    drop(grid, column_point(grid, dt.date(2026, 3, 12), 10 * 60), f"meeting:{held.id}")
    assert Meeting.get_by_id(held.id).scheduled_at == dt.datetime(2026, 3, 9, 18)


def test_reschedule_dialog_moves_a_task_to_a_new_day_and_time(page, qtbot, monkeypatch):
    task = tasks.add_task("Call the library", TODAY)

    def answer(dialog: item_actions.RescheduleDialog) -> int:
        assert not dialog.time.isEnabled()  # "any time" until asked for a time
        dialog.day.setDate(QDate(2026, 3, 18))
        dialog.timed.setChecked(True)
        dialog.time.setTime(QTime(16, 30))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(item_actions.RescheduleDialog, "exec", answer)
    page.set_view("today")
    qtbot.mouseClick(page.today_view.panel.move_button, Qt.MouseButton.LeftButton)

    moved = Task.get_by_id(task.id)
    assert moved.due_on == dt.date(2026, 3, 18) and moved.due_time == dt.time(16, 30)


def test_cancelled_reschedule_changes_nothing(page, qtbot, monkeypatch):
    task = tasks.add_task("Call the library", TODAY)
    monkeypatch.setattr(
        item_actions.RescheduleDialog, "exec", lambda self: QDialog.DialogCode.Rejected
    )
    page.set_view("today")
    qtbot.mouseClick(page.today_view.panel.move_button, Qt.MouseButton.LeftButton)
    assert Task.get_by_id(task.id).due_on == TODAY


def test_rescheduling_a_commitment_moves_its_reminder_along(page, add_person, monkeypatch):
    sid = add_person("Ana")
    commitment = Commitment.create(
        supporter=sid, activity="Phone bank", due_at=dt.datetime(2026, 3, 12, 18, 0)
    )
    reminder = tasks.add_task("Remind Ana", dt.date(2026, 3, 11), kind="commitment_reminder")
    Task.update(commitment=commitment.id).where(Task.id == reminder.id).execute()
    page.set_view("agenda")
    panel = page.agenda_view.panel
    assert panel.select_key(f"commitment:{commitment.id}")

    def answer(dialog: item_actions.RescheduleDialog) -> int:
        dialog.day.setDate(QDate(2026, 3, 15))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(item_actions.RescheduleDialog, "exec", answer)
    panel.move_button.click()

    assert Commitment.get_by_id(commitment.id).due_at == dt.datetime(2026, 3, 15, 18, 0)
    assert Task.get_by_id(reminder.id).due_on == dt.date(2026, 3, 14)
