"""Screens of the 1:1 feature: the Meetings lists, scheduling with an overlap, the prep sheet,
the profile, the catalogue, question sets, agendas, and every step of the wizard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

WIDTH, HEIGHT = 1280, 800


def shoot(window: Any, database: Any, out: Path, helpers: SimpleNamespace) -> list[Path]:
    from oneonone_desktop.store.models import Supporter

    controller = window.meetings_controller
    day = helpers.demo_day
    clock = {"now": dt.datetime.combine(day, dt.time(14, 5))}
    controller.clock = lambda: clock["now"]
    rosa = Supporter.get(Supporter.first_name == "Rosa", Supporter.last_name == "Delgado").id
    written = _lists(window, controller, out, helpers)
    written += _dialogs(window, database, controller, rosa, out, helpers)
    written += _wizard(window, controller, rosa, clock, out, helpers)
    written += _planning(window, controller, clock, out, helpers)
    controller.clock = dt.datetime.now
    return written


def _lists(window: Any, controller: Any, out: Path, helpers: SimpleNamespace) -> list[Path]:
    window.show_section("meetings")
    page = window.section_widget("meetings")
    page.refresh()
    page.show_list("upcoming")
    written = [helpers.save(window, out / "meetings.png")]
    page.show_list("drafts")
    written.append(helpers.save(window, out / "meetings-in-progress.png"))
    page.show_list("past")
    written.append(helpers.save(window, out / "meetings-past.png"))
    page.show_list("upcoming")
    return written


def _dialogs(
    window: Any, database: Any, controller: Any, rosa: int, out: Path, helpers: SimpleNamespace
) -> list[Path]:
    from PySide6.QtCore import Qt

    from oneonone_desktop.services import meetings
    from oneonone_desktop.views.meetings.actions_dialog import ActionDialog, ActionsDialog
    from oneonone_desktop.views.meetings.agenda_dialog import AgendaDialog
    from oneonone_desktop.views.meetings.prep_dialog import PrepDialog
    from oneonone_desktop.views.meetings.profile_dialog import ProfileDialog
    from oneonone_desktop.views.meetings.question_sets_dialog import QuestionSetsDialog
    from oneonone_desktop.views.meetings.schedule_dialog import ScheduleDialog

    written = []
    busy = meetings.upcoming(controller.clock())[0]
    assert busy.scheduled_at is not None
    dialog = ScheduleDialog(database, clock=controller.clock, supporter_id=rosa, parent=window)
    dialog.date.setDate(busy.scheduled_at.date())
    dialog.time.set_value((busy.scheduled_at + dt.timedelta(minutes=15)).time())
    dialog.place.setText("Café Rivera, back room")
    written.append(helpers.over(window, dialog, out / "meetings-schedule-conflict.png"))

    now_dialog = ScheduleDialog(
        database, clock=controller.clock, supporter_id=rosa, start_now=True, parent=window
    )
    written.append(helpers.over(window, now_dialog, out / "meetings-start-now.png"))

    start = dt.datetime.combine(helpers.demo_day + dt.timedelta(days=3), dt.time(18, 0))
    result = meetings.schedule(
        rosa, "introductory", start, 45, "Café Rivera", now=controller.clock()
    )
    prep = PrepDialog(
        rosa, meetings.get_meeting(result.meeting_id), controller.clock, window.settings, window
    )
    for row in (0, 2):
        item = prep.asks.item(row)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked)
    written.append(helpers.over(window, prep, out / "meetings-prep.png"))
    meetings.cancel(result.meeting_id)

    written.append(helpers.over(window, ProfileDialog(window), out / "meetings-profile.png"))
    written.append(
        helpers.over(window, ProfileDialog(window, "stories"), out / "meetings-profile-stories.png")
    )
    written.append(
        helpers.over(window, ActionsDialog(controller.clock, window), out / "meetings-actions.png")
    )
    editor = ActionDialog(None, controller.clock, window)
    editor.title.setText("Tenant rally at City Hall")
    editor.time.set_value(dt.time(17, 0))
    editor.place.setText("City Hall steps")
    editor.labels["issue"].setText("housing")
    written.append(helpers.over(window, editor, out / "meetings-action-editor.png"))
    sets = QuestionSetsDialog(window)
    _select_question(sets, "11c")
    written.append(helpers.over(window, sets, out / "meetings-question-sets.png"))
    agendas = AgendaDialog(window)
    agendas.kind.setCurrentIndex(agendas.kind.findData("planning"))
    agendas.list.setCurrentRow(2)
    written.append(helpers.over(window, agendas, out / "meetings-agendas.png"))
    agendas._dirty = False
    return written


def _select_question(dialog: Any, number: str) -> None:
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from oneonone_desktop.views.meetings.question_sets_dialog import QuestionRole

    found = QTreeWidgetItemIterator(dialog.tree)
    while found.value():
        item = found.value()
        question = item.data(0, QuestionRole)
        if question is not None and question.number == number:
            dialog.tree.setCurrentItem(item)
            dialog.tree.scrollToItem(item)
            return
        found += 1


def _wizard(
    window: Any, controller: Any, rosa: int, clock: dict, out: Path, helpers: SimpleNamespace
) -> list[Path]:
    from PySide6.QtCore import QDate, Qt

    from oneonone_desktop.services import meetings

    day = helpers.demo_day
    clock["now"] = dt.datetime.combine(day, dt.time(18, 0))
    scheduled = meetings.schedule(rosa, "introductory", clock["now"], 45, "Café Rivera")
    clock["now"] = dt.datetime.combine(day, dt.time(18, 2))
    wizard = controller.start_scheduled(scheduled.meeting_id)
    wizard.resize(WIDTH, HEIGHT)
    written = []

    def shot(name: str, minute: int) -> None:
        clock["now"] = dt.datetime.combine(day, dt.time(18, minute))
        wizard.update_timer()
        wizard.save_now()
        written.append(helpers.save(wizard, out / name))

    purpose = wizard.current_page()
    purpose.explained.setChecked(True)
    shot("wizard-1-purpose.png", 3)

    wizard.go_next()
    connection = wizard.current_page()
    answers = {1: "no", 2: "yes", 5: "no", 6: "yes"}
    for question in connection.state.questions:
        if question.depth == 0 and int(question.label) in answers:
            row = connection.rows[question.id]
            (row.yes if answers[int(question.label)] == "yes" else row.no).click()
    first_sub = next(q for q in connection.state.visible_questions() if q.number == "6a")
    connection.rows[first_sub.id].text.setPlainText("A rally to keep the Eastside clinic open")
    connection.issues.setText("health care, housing")
    connection.values.setText("family, fairness")
    connection.past.setPlainText("Canvassed once in 2018; liked talking to neighbours.")
    connection.common.setPlainText("Both have kids at Longfellow Elementary.")
    connection.notes.setPlainText("Works nights at the county hospital: weekends suit her best.")
    connection.questions_area.verticalScrollBar().setValue(connection.rows[first_sub.id].y() - 260)
    shot("wizard-2-connection.png", 14)

    wizard.go_next()
    story = wizard.current_page()
    story.stories.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    shot("wizard-3-story.png", 22)

    wizard.go_next()
    shot("wizard-4-strategy.png", 27)

    wizard.go_next()
    ask = wizard.current_page()
    ask.asks.setCurrentRow(0)
    ask.use_selected()
    ask.goal.setText("Bring two friends from the hospital")
    ask.add_promise.click()
    promise = ask.promises[-1]
    promise.text.setText("Send her the clinic fact sheet")
    promise.due.setDate(QDate(day.year, day.month, day.day).addDays(2))
    shot("wizard-5-ask.png", 36)

    wizard.go_next()
    wrapup = wizard.current_page()
    wrapup.learned.setPlainText(
        "Cares most about keeping the Eastside clinic open; her mother depends on it. "
        "Weekends work; nights do not."
    )
    wrapup.consents["social_mention"].setChecked(True)
    shot("wizard-6-wrapup.png", 44)

    ask.goal.clear()
    ask.time.set_value(None)
    wizard.finish()
    shot("wizard-refused-finish.png", 49)
    wizard.go_to_key("ask")
    shot("wizard-refused-ask.png", 50)
    wizard.close()
    return written


def _planning(
    window: Any, controller: Any, clock: dict, out: Path, helpers: SimpleNamespace
) -> list[Path]:
    from oneonone_desktop.services import meetings
    from oneonone_desktop.store.models import Supporter

    clock["now"] = dt.datetime.combine(helpers.demo_day, dt.time(10, 0))
    person = Supporter.select().where(Supporter.first_name == "Carmen").first() or (
        Supporter.select().order_by(Supporter.id).first()
    )
    state = meetings.start_ad_hoc(
        person.id, "planning", place="Riverside Library, room B", now=clock["now"]
    )
    wizard = controller.open_wizard(state.meeting_id)
    wizard.resize(WIDTH, HEIGHT)
    wizard.go_to_key("plan")
    page = wizard.current_page()
    page.notes.setPlainText(
        "Goal: 40 sign-ups for the clinic petition by March 29.\n"
        "Steps: print clipboards (Sat), two canvass shifts (Sun 10–1 and Tue 5–7), "
        "count on Wednesday's huddle.\n"
        "Involve: Aisha (Spanish), Tom (driver)."
    )
    clock["now"] = dt.datetime.combine(helpers.demo_day, dt.time(10, 18))
    wizard.update_timer()
    wizard.save_now()
    written = [helpers.save(wizard, out / "wizard-planning-plan.png")]
    wizard.close()
    return written
