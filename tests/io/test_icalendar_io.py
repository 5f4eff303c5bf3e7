""".ics export read back by icalendar and by a line check; imports from Google-, Apple- and
Outlook-like files; re-import merges by UID; bad files refused with nothing half-imported."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from oneonone_desktop.io.icalendar_io import CalendarFileError, export_ics, import_ics
from oneonone_desktop.services import tasks
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store.models import Meeting, OrganizerProfile, Task

DATA = Path(__file__).parent / "data"
NEW_YORK = ZoneInfo("America/New_York")
TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def ana(database) -> int:
    data = SupporterData(
        first_name="Ana", last_name="García", emails=["ana@example.org"], phones=["555-010-2000"]
    )
    return int(create_supporter(data).id)


@pytest.fixture
def planned(ana) -> dict[str, int]:
    """A meeting, a timed task with a reminder, a recurring check-in, a done and a skipped task."""
    meeting = Meeting.create(
        supporter=ana, scheduled_at=dt.datetime(2026, 3, 12, 19, 0), place="Library, room 2"
    )
    thanks = tasks.add_task(
        "Thank Ana", dt.date(2026, 3, 14), kind="thank_you", supporter_id=ana,
        due_time=dt.time(10, 0), reminder_minutes=15, notes="Handwritten card",
    )  # fmt: skip
    check_in = tasks.add_task(
        "Check-in call with Ana", dt.date(2026, 3, 20), kind="check_in", supporter_id=ana,
        rrule="FREQ=WEEKLY;INTERVAL=4", reminder_minutes=0,
    )  # fmt: skip
    Task.update(exdates="2026-04-17").where(Task.id == check_in.id).execute()
    done = tasks.add_task("Order flyers", dt.date(2026, 3, 9))
    tasks.mark_done(done.id)
    skipped = tasks.add_task("Drop by the clinic", dt.date(2026, 3, 11))
    tasks.skip(skipped.id, "Closed that week")
    return {"meeting": meeting.id, "thanks": thanks.id, "check_in": check_in.id}


def lines_of(path: Path) -> list[bytes]:
    data = path.read_bytes()
    assert data.endswith(b"\r\n")
    raw = data[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in raw), "bare LF or CR"
    return raw


def test_export_passes_an_independent_line_check(planned, tmp_path):
    out = tmp_path / "calendar.ics"
    export_ics(out, zone="America/New_York")
    raw = lines_of(out)
    assert max(len(line) for line in raw) <= 75
    depth, names = [], []
    for line in raw:
        if line[:1] in (b" ", b"\t"):
            continue
        name, _, value = line.decode().partition(":")
        names.append(name.split(";")[0])
        if name == "BEGIN":
            depth.append(value)
        elif name == "END":
            assert depth.pop() == value
    assert depth == []
    assert names[:1] == ["BEGIN"] and "PRODID" in names and "VERSION" in names
    assert names.count("UID") == 5


def test_export_is_read_back_by_icalendar_with_zone_alarms_and_rules(planned, tmp_path):
    out = tmp_path / "calendar.ics"
    assert export_ics(out, zone="America/New_York") == 5
    calendar = Calendar.from_ical(out.read_bytes())
    assert calendar.get("PRODID").startswith("-//oneonone-desktop//")
    assert [tz.get("TZID") for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2026, 3, 12, 19, 0, tzinfo=NEW_YORK)
    assert start.astimezone(dt.timezone.utc).hour == 23  # EDT: after the March change
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=45)
    assert str(event.get("SUMMARY")) == "1:1 with Ana García"
    assert str(event.get("LOCATION")) == "Library, room 2"
    assert "555-010-2000" in str(event.get("DESCRIPTION"))
    assert "ana@example.org" not in out.read_text(encoding="utf-8")  # no more than needed
    todos = {str(t.get("SUMMARY")): t for t in calendar.walk("VTODO")}
    thanks = todos["Thank Ana"]
    assert thanks.decoded("DUE") == dt.datetime(2026, 3, 14, 10, 0, tzinfo=NEW_YORK)
    assert thanks.walk("VALARM")[0].get("TRIGGER").dt == dt.timedelta(minutes=-15)
    check_in = todos["Check-in call with Ana"]
    assert check_in.get("RRULE").to_ical() == b"FREQ=WEEKLY;INTERVAL=4"
    assert check_in.decoded("DUE") == dt.date(2026, 3, 20)
    assert [d.dt for d in check_in.get("EXDATE").dts] == [dt.date(2026, 4, 17)]
    assert check_in.walk("VALARM")[0].get("TRIGGER").dt == dt.timedelta(hours=9)
    assert str(todos["Order flyers"].get("STATUS")) == "COMPLETED"
    assert "COMPLETED" in todos["Order flyers"]
    assert str(todos["Drop by the clinic"].get("STATUS")) == "CANCELLED"


def test_uids_are_stable_across_exports(planned, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export_ics(first)
    export_ics(second)

    def uids(path: Path) -> list[str]:
        calendar = Calendar.from_ical(path.read_bytes())
        return sorted(str(c.get("UID")) for c in calendar.walk() if c.name in ("VEVENT", "VTODO"))

    assert uids(first) == uids(second)
    assert Task.get_by_id(planned["thanks"]).uid in uids(first)


def test_floating_export_has_no_time_zone(planned, tmp_path):
    out = tmp_path / "floating.ics"
    export_ics(out, zone=None)
    text = out.read_bytes().decode()
    assert "TZID" not in text and "VTIMEZONE" not in text
    assert "DTSTART:20260312T190000\r\n" in text


def test_since_leaves_out_past_meetings_and_finished_tasks(planned, tmp_path):
    out = tmp_path / "since.ics"
    assert export_ics(out, since=dt.date(2026, 3, 13)) == 2  # the open tasks only
    assert "Order flyers" not in out.read_text(encoding="utf-8")


def test_export_to_a_missing_folder_is_a_plain_error(planned, tmp_path):
    with pytest.raises(CalendarFileError) as info:
        export_ics(tmp_path / "nowhere" / "calendar.ics")
    assert "calendar.ics" in info.value.message


def snapshot() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    task_rows = Task.select().order_by(Task.id).tuples()
    meeting_rows = Meeting.select(
        Meeting.id, Meeting.scheduled_at, Meeting.place, Meeting.status, Meeting.notes
    ).tuples()
    return list(task_rows), list(meeting_rows)


def test_round_trip_merges_everything_and_changes_nothing(planned, tmp_path):
    tasks.snooze(planned["thanks"], dt.date(2026, 3, 16))
    out = tmp_path / "calendar.ics"
    count = export_ics(out, zone="America/New_York")
    before = snapshot()
    result = import_ics(out, zone="America/New_York", today=TODAY)
    assert (result.added, result.updated, result.warnings) == (0, count, [])
    assert snapshot() == before


def test_google_like_file_gives_a_meeting_a_series_and_an_all_day_task(ana):
    OrganizerProfile.update(email="sam.rivera@example.org").execute()
    result = import_ics(DATA / "google_like.ics", zone="America/New_York", today=TODAY)
    assert (result.added, result.updated) == (3, 0)
    assert any("changed single occurrence" in w for w in result.warnings)
    meeting = Meeting.get(Meeting.supporter == ana)
    assert meeting.scheduled_at == dt.datetime(2026, 3, 17, 13, 0)  # 10:00 in Los Angeles
    assert meeting.duration_minutes == 45 and meeting.status == "scheduled"
    assert meeting.place == "Back to the Grind, 3575 University Ave, Riverside, CA 92501, USA"
    assert "Coffee with Ana" in meeting.notes and "housing campaign" in meeting.notes
    huddle = Task.get(Task.title == "Weekly huddle")
    assert huddle.kind == "other" and huddle.supporter_id is None
    assert huddle.rrule == "FREQ=WEEKLY;BYDAY=MO"
    # The next Monday after 10 March is the 16th, cancelled (EXDATE): the series starts on 23rd.
    assert huddle.due_on == dt.date(2026, 3, 23) and huddle.due_time == dt.time(22, 0)
    union = Task.get(Task.title == "Tenants' union meeting")
    assert union.due_on == dt.date(2026, 3, 28) and union.due_time is None


def test_reimporting_the_same_file_updates_instead_of_doubling(ana):
    import_ics(DATA / "google_like.ics", zone="America/New_York", today=TODAY)
    counts = (Meeting.select().count(), Task.select().count())
    again = import_ics(DATA / "google_like.ics", zone="America/New_York", today=TODAY)
    assert (again.added, again.updated) == (0, 3)
    assert (Meeting.select().count(), Task.select().count()) == counts


def test_apple_like_reminders_keep_times_alarms_and_completion(database):
    result = import_ics(DATA / "apple_like.ics", zone="America/New_York", today=TODAY)
    assert (result.added, result.updated) == (3, 0)
    flyers = Task.get(Task.title == "Drop off flyers at the laundromat")
    assert (flyers.due_on, flyers.due_time) == (dt.date(2026, 3, 12), dt.time(13, 0))
    assert flyers.reminder_minutes == 15 and flyers.status == "open"
    printer = Task.get(Task.title == "Call the print shop")
    assert printer.status == "done" and printer.completed_at == dt.datetime(2026, 3, 4, 16, 30)
    deposit = Task.get(Task.title == "Pay the room deposit")
    assert deposit.rrule == "FREQ=MONTHLY;BYMONTHDAY=1" and deposit.due_on == dt.date(2026, 4, 1)


def test_outlook_like_windows_zone_until_in_utc_exdate_and_tab_folding(ana):
    result = import_ics(DATA / "outlook_like.ics", zone="America/New_York", today=TODAY)
    assert (result.added, result.updated, result.warnings) == (2, 0, [])
    bank = Task.get(Task.title == "Phone bank")
    assert (bank.due_on, bank.due_time) == (TODAY, dt.time(18, 0))
    assert bank.rrule == "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;WKST=SU;UNTIL=20260331T180000"
    assert bank.exdates == "2026-03-17"
    assert bank.reminder_minutes == 15
    assert "Bring a charger." in bank.notes and "Where: Union hall" in bank.notes
    window = tasks.items_between(TODAY, dt.date(2026, 4, 30), ["other"], today=TODAY)
    shown = [i.date.day for i in window]
    assert shown == [10, 24, 31]
    meeting = Meeting.get(Meeting.supporter == ana)
    assert (
        meeting.scheduled_at == dt.datetime(2026, 3, 19, 17, 30) and meeting.place == "Café Sevilla"
    )


def test_line_feeds_only_are_read_too(ana, tmp_path):
    copy = tmp_path / "lf.ics"
    copy.write_bytes((DATA / "outlook_like.ics").read_bytes().replace(b"\r\n", b"\n"))
    assert import_ics(copy, zone="America/New_York", today=TODAY).added == 2


def test_unknown_time_zone_is_read_as_local_time_with_a_warning(database):
    result = import_ics(DATA / "unknown_zone.ics", zone="America/New_York", today=TODAY)
    assert result.added == 1
    assert any("Mars/Olympus_Mons" in w for w in result.warnings)
    task = Task.get(Task.title == "Call the rover team")
    assert (task.due_on, task.due_time) == (dt.date(2026, 3, 18), dt.time(9, 0))


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bad_line.ics", "line 13: 'THIS LINE HAS NO COLON' is not a calendar line"),
        ("bad_nesting.ics", "line 9: END:VTODO does not close BEGIN:VEVENT (line 4)"),
        ("bad_cut_short.ics", "line 4: BEGIN:VTODO is never closed"),
        ("bad_value.ics", "line 10: DTSTART in this VEVENT is not valid"),
        ("not_a_calendar.ics", "not a calendar file"),
    ],
)
def test_bad_files_are_refused_naming_file_and_line_with_nothing_imported(ana, name, words):
    with pytest.raises(CalendarFileError) as info:
        import_ics(DATA / name, today=TODAY)
    assert name in info.value.message and words in info.value.message
    assert "Nothing was imported" in info.value.message
    assert Task.select().count() == 0 and Meeting.select().count() == 0


def test_a_huge_file_is_refused_before_reading(database, tmp_path):
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as stream:
        stream.write(b"BEGIN:VCALENDAR\r\n")
        stream.truncate(21 * 1024 * 1024)  # sparse: no need to write 21 MB
    with pytest.raises(CalendarFileError) as info:
        import_ics(huge)
    assert "huge.ics" in info.value.message and "20 MB" in info.value.message


def test_a_missing_file_is_a_plain_error(database, tmp_path):
    with pytest.raises(CalendarFileError) as info:
        import_ics(tmp_path / "gone.ics")
    assert "gone.ics" in info.value.message


def test_a_failure_while_storing_rolls_everything_back(ana, tmp_path, monkeypatch):
    from oneonone_desktop.io import ics_import

    real = ics_import._task_values
    calls = []

    def failing(record, today):
        calls.append(record.uid)
        if len(calls) == 2:
            raise RuntimeError("disk trouble")
        return real(record, today)

    monkeypatch.setattr(ics_import, "_task_values", failing)
    shutil.copy(DATA / "apple_like.ics", tmp_path / "apple.ics")
    with pytest.raises(RuntimeError):
        import_ics(tmp_path / "apple.ics", today=TODAY)
    assert Task.select().count() == 0
