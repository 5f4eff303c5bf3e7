"""Generated iCalendar files never crash an import: stored whole, or refused naming the file."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone_desktop.io.icalendar_io import CalendarFileError, import_ics

FUZZ = settings(
    max_examples=int(150 * float(os.environ.get("ONEONONE_FUZZ_SCALE", "1"))),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WHEN = st.sampled_from(
    ["20260312T190000", "20260312T190000Z", "20260312", "2026-03-12", "20261340T250000",
     "", "T190000", "20260229T000000", "99991231T235959Z", "00010101"]
)  # fmt: skip
PARAMS = st.sampled_from(
    ["", ";VALUE=DATE", ";TZID=America/Phoenix", ";TZID=Mars/Olympus", ";TZID=\"Quoted Zone\"",
     ";VALUE=DATE-TIME", ";X-JUNK=1", ";TZID="]
)  # fmt: skip
TEXT = st.text(alphabet=st.sampled_from([*'aé ,;:\\"n\t', "\u2028", "😀", "x"]), max_size=20)
RULE = st.sampled_from(
    ["FREQ=WEEKLY", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=DAILY;COUNT=3", "FREQ=YEARLY;UNTIL=20270101",
     "FREQ=SECONDLY", "FREQ=WEEKLY;INTERVAL=0", "NONSENSE", "FREQ=WEEKLY;UNTIL=bad", ""]
)  # fmt: skip

OTHER_NAMES = ["SUMMARY", "DESCRIPTION", "LOCATION", "UID", "STATUS", "ATTENDEE", "DURATION",
               "X-ONEONONE-KIND", "PRIORITY"]  # fmt: skip
OTHER_VALUES = ["PT30M", "P1D", "-PT5M", "mailto:a@b.org", "COMPLETED", "CANCELLED", "thank_you"]


@st.composite
def property_line(draw: st.DrawFn) -> list[str]:
    name = draw(
        st.sampled_from(["DTSTART", "DTEND", "DUE", "COMPLETED", "EXDATE", "RECURRENCE-ID"])
    )
    choice = draw(st.integers(0, 9))
    if choice < 6:
        return [f"{name}{draw(PARAMS)}:{draw(WHEN)}"]
    if choice < 8:
        return [f"RRULE:{draw(RULE)}"]
    other = draw(st.sampled_from(OTHER_NAMES))
    value = draw(st.one_of(TEXT, st.sampled_from(OTHER_VALUES)))
    return [f"{other}:{value}"]


@st.composite
def component(draw: st.DrawFn) -> list[str]:
    kind = draw(st.sampled_from(["VEVENT", "VTODO", "VJOURNAL", "VALARM"]))
    lines = [f"BEGIN:{kind}", f"UID:{draw(st.integers(0, 5))}@fuzz"]
    for props in draw(st.lists(property_line(), max_size=7)):
        lines += props
    if draw(st.integers(0, 5)) == 0:
        lines += ["BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "END:VALARM"]
    if draw(st.integers(0, 9)):  # now and then left open
        lines.append(f"END:{kind}")
    return lines


@st.composite
def calendars(draw: st.DrawFn) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN"]
    for part in draw(st.lists(component(), max_size=4)):
        lines += part
    if draw(st.integers(0, 6)):
        lines.append("END:VCALENDAR")
    if draw(st.integers(0, 4)) == 0:  # a long line folded at a random place
        at = draw(st.integers(1, len(lines) - 1))
        lines[at] = lines[at][:5] + "\r\n " + lines[at][5:]
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    return newline.join(lines).encode(draw(st.sampled_from(["utf-8", "cp1252"])), "replace")


def _counts(database) -> tuple[int, int]:
    meetings = database.execute_sql("SELECT COUNT(*) FROM meeting").fetchone()[0]
    return meetings, database.execute_sql("SELECT COUNT(*) FROM task").fetchone()[0]


@FUZZ
@given(content=calendars())
def test_generated_calendars_are_stored_whole_or_refused_with_the_file_named(
    database, tmp_path: Path, content: bytes
):
    path = tmp_path / "fuzz.ics"
    path.write_bytes(content)
    before = _counts(database)
    try:
        result = import_ics(path, zone="America/Phoenix")
    except CalendarFileError as exc:
        assert exc.message.startswith(path.name) or str(path) in exc.message, exc.message
        assert _counts(database) == before
        return
    assert all(isinstance(w, str) and w for w in result.warnings)
