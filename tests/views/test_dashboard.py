"""The Reports section: the period changes the figures, people in the lists open their page,
the export dialog writes the chosen file and keeps names out unless asked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette

from oneonone_desktop.store.models import Commitment, Meeting, Supporter, Task
from oneonone_desktop.views.reports import ReportsFeature, export_dialog
from oneonone_desktop.views.reports.charts import WeeklyBars
from oneonone_desktop.views.reports.export_dialog import ExportReportDialog

TODAY = dt.date(2025, 3, 14)


def held(person: int, day: dt.date) -> Meeting:
    start = dt.datetime.combine(day, dt.time(18, 0))
    return Meeting.create(supporter=person, status="held", scheduled_at=start, ended_at=start)


@pytest.fixture
def feature(window) -> ReportsFeature:
    found = window.findChild(ReportsFeature)
    found.today = lambda: TODAY
    return found


@pytest.fixture
def page(window, feature, qtbot):
    window.show_section("reports")
    shown = feature.page()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def met(add_person) -> dict[str, int]:
    """Rosa met 3 March (not thanked since); Tom met 10 January and thanked the next day."""
    rosa, tom = add_person("Rosa", "Delgado"), add_person("Tom", "Nguyen")
    rosa_meeting = held(rosa, dt.date(2025, 3, 3))
    Commitment.create(supporter=rosa, meeting=rosa_meeting, activity="Rally", status="kept")
    held(tom, dt.date(2025, 1, 10))
    Task.create(
        supporter=tom,
        kind="thank_you",
        title="Thank Tom",
        due_on=dt.date(2025, 1, 11),
        status="done",
        completed_at=dt.datetime(2025, 1, 11, 12),
        uid="thank-tom",
    )
    Supporter.update(last_contact_at=dt.datetime(2025, 1, 11, 12)).where(
        Supporter.id == tom
    ).execute()
    return {"rosa": rosa, "tom": tom}


def test_reports_is_a_section_and_file_menu_offers_the_export(window, feature):
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    assert "reports" in keys
    file_actions = window.menu("file").actions()
    assert feature.export_action in file_actions
    quit_at = next(i for i, a in enumerate(file_actions) if a.menuRole() == a.MenuRole.QuitRole)
    assert file_actions.index(feature.export_action) < quit_at


def test_choosing_a_longer_period_with_the_keyboard_changes_the_figures(met, page, qtbot):
    page.set_period("4w")
    assert page.span_label.text() == "15 Feb 2025 – 14 Mar 2025"
    assert page.tiles["held"].value.text() == "1"
    assert page.tiles["asks"].value.text() == "1"
    assert page.tiles["thanks"].value.text() == "0 of 1"
    page.period_combo.setFocus()
    qtbot.keyClick(page.period_combo, Qt.Key.Key_Down)  # Last 3 months
    assert page.period_combo.currentData() == "3m"
    assert page.tiles["held"].value.text() == "2"
    assert page.tiles["thanks"].value.text() == "1 of 2"
    assert sum(n for _, n in page.weekly_chart.weeks) == 2


def test_custom_dates_show_only_their_days(met, page):
    page.set_period("custom", dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert page.since_edit.isVisible() and not page.span_label.isVisible()
    assert page.tiles["held"].value.text() == "1"
    page.until_edit.setDate(page.until_edit.date().addDays(-25))  # to 6 January
    assert page.tiles["held"].value.text() == "0"
    assert page.weekly_chart.accessibleDescription().startswith("0 1:1s held")


def test_clicking_someone_not_thanked_opens_their_page(met, window, page, qtbot):
    page.set_period("3m")
    item = page.not_thanked_list.item(0)
    assert item.text().startswith("Rosa Delgado — met 3 Mar · not thanked yet")
    rect = page.not_thanked_list.visualItemRect(item)
    qtbot.mouseClick(page.not_thanked_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_section() == "supporters"
    assert window.person_page().supporter_id == met["rosa"]


def test_people_not_contacted_follow_the_weeks_chosen(met, page, qtbot):
    page.quiet_weeks.setValue(4)
    assert [page.quiet_list.item(i).text() for i in range(page.quiet_list.count())] == [
        "Tom Nguyen — last contact 11 Jan"
    ]
    page.quiet_weeks.setValue(10)
    assert page.quiet_list.item(0).text() == "Everyone you met was contacted recently."
    assert not page.quiet_list.item(0).flags() & Qt.ItemFlag.ItemIsEnabled


def test_an_empty_period_says_so_and_its_placeholders_open_nothing(window, page, qtbot):
    page.set_period("4w")
    assert page.tiles["held"].value.text() == "0"
    assert page.tiles["promises"].value.text() == "–"  # not "0 of 0"
    assert page.tiles["promises"].detail.text() == "none due in this period"
    assert page.not_thanked_list.item(0).text() == "Everyone was thanked in time."
    rect = page.not_thanked_list.visualItemRect(page.not_thanked_list.item(0))
    qtbot.mouseClick(page.not_thanked_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_section() == "reports"


def test_coming_back_to_the_section_shows_what_changed_meanwhile(met, window, page, add_person):
    page.set_period("4w")
    window.show_section("supporters")
    held(add_person("Ana", "García"), dt.date(2025, 3, 12))
    window.show_section("reports")
    assert page.tiles["held"].value.text() == "2"


def test_export_writes_an_anonymous_csv_unless_names_are_ticked(
    met, page, qtbot, tmp_path, monkeypatch
):
    target = tmp_path / "report.csv"
    asked: list[str] = []
    monkeypatch.setattr(
        export_dialog, "choose_path", lambda parent, path, kind: asked.append(kind) or target
    )
    dialog = ExportReportDialog(page.database, page.period(), TODAY, page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.include_names.isChecked()
    assert "no names, emails, phones or addresses" in dialog.names_help.text()
    qtbot.mouseClick(dialog.csv, Qt.MouseButton.LeftButton)
    assert not dialog.paper.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["csv"] and dialog.result() == dialog.DialogCode.Accepted
    text = target.read_text(encoding="utf-8-sig")
    assert "Rosa" not in text and text.splitlines()[0] == "section,item,detail,value"
    assert "Saved the report to report.csv" in dialog.done_text and "anonymous" in dialog.done_text

    dialog = ExportReportDialog(page.database, page.period(), TODAY, page)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.include_names
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert "Keep such a report within the chapter" in dialog.names_help.text()
    assert dialog.suggested_path().name.endswith("-with-names.pdf")
    target = tmp_path / "named.pdf"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF") and "with names" in dialog.done_text


def test_a_report_that_cannot_be_saved_says_why_and_keeps_the_dialog_open(
    page, qtbot, tmp_path, monkeypatch, no_dialogs
):
    target = tmp_path / "missing" / "report.pdf"
    monkeypatch.setattr(export_dialog, "choose_path", lambda parent, path, kind: target)
    dialog = ExportReportDialog(page.database, page.period(), TODAY, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert no_dialogs and "cannot be written" in no_dialogs[0][1]
    assert dialog.isVisible() and not dialog.done_text


def test_the_export_button_tells_the_window_what_was_saved(window, page, qtbot, monkeypatch):
    def saved(self) -> int:
        self.done_text = "Saved the report to r.pdf (1 page, anonymous)."
        return 1

    monkeypatch.setattr(ExportReportDialog, "exec", saved)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert window.notice_label.text() == "Saved the report to r.pdf (1 page, anonymous)."


def test_charts_take_their_colours_from_the_palette_so_dark_themes_read(qtbot):
    chart = WeeklyBars()
    qtbot.addWidget(chart)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
    chart.setPalette(dark)
    assert chart.ink().lightness() > 200
    assert chart.muted().lightness() > chart.grid().lightness() > 30
    chart.set_weeks([(dt.date(2025, 3, 3), 2), (dt.date(2025, 3, 10), 0)])
    chart.resize(300, 160)
    image = chart.grab().toImage()  # paints without trouble
    assert not image.isNull()
