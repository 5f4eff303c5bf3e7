"""The Calendar menu: Today, export to a phone calendar, import a calendar file, print the week."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from oneonone_desktop.services import tasks
from oneonone_desktop.store.models import Task
from oneonone_desktop.views.calendar import CalendarFeature, files

NOW = dt.datetime(2026, 3, 10, 10, 0)
TODAY = NOW.date()

GOOD_ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example//Phone//EN
BEGIN:VTODO
UID:abc-123@example.org
SUMMARY:Pick up the banner
DUE;VALUE=DATE:20260312
END:VTODO
END:VCALENDAR
"""


@pytest.fixture
def feature(window) -> CalendarFeature:
    found = window.findChild(CalendarFeature)
    found.clock = lambda: NOW
    return found


def answer_save(monkeypatch, path: Path | None) -> None:
    monkeypatch.setattr(files, "ask_save_path", lambda parent, title, suggested, kinds: path)


def answer_open(monkeypatch, path: Path | None) -> None:
    monkeypatch.setattr(files, "ask_open_path", lambda parent, title, kinds: path)


def test_today_action_shows_the_today_view(window, feature, qtbot):
    feature.today_action.trigger()
    assert window.current_section() == "calendar"
    assert feature.page().view == "today"
    assert feature.today_action.shortcut().toString() == "Ctrl+Shift+T"


def test_export_writes_an_ics_file_and_explains_how_to_use_it(
    window, feature, tmp_path, monkeypatch, no_dialogs
):
    tasks.add_task("Thank Ana", TODAY + dt.timedelta(days=1), kind="thank_you")
    target = tmp_path / "for-my-phone"  # no ending: .ics is added
    answer_save(monkeypatch, target)

    feature.export_action.trigger()

    written = tmp_path / "for-my-phone.ics"
    text = written.read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in text and "SUMMARY:Thank Ana" in text
    assert no_dialogs and no_dialogs[0][0] == "info" and "phone" in no_dialogs[0][1]
    assert window.notice_label.text() == "Exported 1 item to for-my-phone.ics."


def test_cancelling_the_export_writes_nothing(feature, tmp_path, monkeypatch, no_dialogs):
    answer_save(monkeypatch, None)
    feature.export_action.trigger()
    assert list(tmp_path.glob("*.ics")) == [] and no_dialogs == []


def test_import_reads_a_calendar_file_and_sums_it_up(
    window, feature, tmp_path, monkeypatch, no_dialogs
):
    source = tmp_path / "phone.ics"
    source.write_text(GOOD_ICS, encoding="utf-8")
    answer_open(monkeypatch, source)

    feature.import_action.trigger()

    assert [t.title for t in Task.select()] == ["Pick up the banner"]
    assert no_dialogs[0] == ("info", "From phone.ics: 1 added, 0 updated.")
    feature.import_action.trigger()  # again: merged by UID
    assert Task.select().count() == 1
    assert no_dialogs[1] == ("info", "From phone.ics: 0 added, 1 updated.")


def test_a_bad_calendar_file_is_refused_in_plain_words(feature, tmp_path, monkeypatch, no_dialogs):
    source = tmp_path / "broken.ics"
    source.write_text("BEGIN:VCALENDAR\nBEGIN:VTODO\nSUMMARY:half\n", encoding="utf-8")
    answer_open(monkeypatch, source)

    feature.import_action.trigger()

    assert Task.select().count() == 0
    kind, text = no_dialogs[0]
    assert kind == "error" and "broken.ics" in text and "Nothing was imported." in text


def test_print_week_saves_the_agenda_pdf_and_opens_it(
    window, feature, tmp_path, monkeypatch, no_dialogs
):
    tasks.add_task("Call Ben", TODAY)
    answer_save(monkeypatch, tmp_path / "agenda.pdf")
    opened: list[Path] = []
    monkeypatch.setattr(files, "open_file", lambda path: opened.append(path) or True)

    feature.print_action.trigger()

    assert opened == [tmp_path / "agenda.pdf"]
    assert (tmp_path / "agenda.pdf").read_bytes().startswith(b"%PDF")
    assert "agenda.pdf" in window.notice_label.text() and no_dialogs == []


def test_print_week_follows_the_week_shown(window, feature, tmp_path, monkeypatch):
    seen: list[dt.date] = []

    def fake_print(parent, week_start, today):
        seen.append(week_start)
        return ""

    monkeypatch.setattr(files, "print_week", fake_print)
    page = feature.page()
    window.show_section("calendar")
    page.set_view("week")
    page.go_next()
    feature.print_action.trigger()
    assert seen and seen[0] > TODAY and (seen[0] - TODAY).days <= 7
