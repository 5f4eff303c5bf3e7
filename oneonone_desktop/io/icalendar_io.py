"""iCalendar (.ics): meetings and tasks out to a phone's calendar, events and to-dos in from others.

Export: meetings as VEVENT, tasks as VTODO (DUE, STATUS, RRULE and EXDATE for repeating ones,
VALARM for reminders), stable UIDs (task.uid; a meeting's UID derived from its id and creation
time), times with the TZID of the computer's zone and its VTIMEZONE ("auto"), of a named zone,
or floating (zone=None: the phone shows the same wall-clock time wherever it is). A recurring
to-do carries DTSTART equal to its DUE, as Apple Reminders writes them.

Import (all or nothing, merged by UID on re-import): a timed, single VEVENT whose ATTENDEE email
belongs to a supporter becomes a scheduled meeting; every other event or to-do becomes a task
(kind "other" unless the file is one of ours), linked to the person when an attendee matches.
Times are turned into the organizer's local wall-clock time. A repeating item from another app
starts from its next occurrence (not years overdue). A time zone that cannot be found is read
as local time, with a warning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from oneonone_desktop import __version__
from oneonone_desktop.io.atomic import atomic_write_bytes
from oneonone_desktop.io.problems import ImportFileError
from oneonone_desktop.services import recurrence
from oneonone_desktop.services.calendar_items import KIND_LABELS, contact_details, person_name
from oneonone_desktop.services.tasks import UID_DOMAIN
from oneonone_desktop.store.models import db, utcnow

PRODID = f"-//oneonone-desktop//oneonone-desktop {__version__}//EN"
KIND_PROPERTY = "X-ONEONONE-KIND"
MEETING_ALARM_MINUTES = 30
DETAILS_MARK = "With: "
ALL_DAY_ALARM_HOUR = 9  # an all-day task's reminder_minutes count back from 9:00 that day
_MEETING_NAMESPACE = uuid.UUID("0b6b1f7e-2c55-4a4e-8f0e-6d1f8e2b9a10")

__all__ = ["CalendarFileError", "IcsImportResult", "export_ics", "import_ics", "meeting_uid"]


class CalendarFileError(ImportFileError):
    """A calendar file that cannot be read or written; `message` names the file (and line)."""


@dataclass
class IcsImportResult:
    added: int = 0
    updated: int = 0
    warnings: list[str] = field(default_factory=list)


def local_zone_name() -> str | None:
    """The computer's IANA time zone (TZ, /etc/localtime, /etc/timezone), or None if unknown."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        link = os.readlink("/etc/localtime")
        candidates.append(link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else "")
    except OSError:
        pass
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name and _zone(name) is not None:
            return name
    return None


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _export_zone(zone: str | None) -> ZoneInfo | None:
    if zone is None:
        return None
    name = local_zone_name() if zone == "auto" else zone
    if name is None:
        return None  # the computer does not say: floating times are still right on the phone
    found = _zone(name)
    if found is None:
        raise ValueError(f"Unknown time zone '{name}'.")
    return found


def meeting_uid(meeting_id: int, created_at: object) -> str:
    """A meeting's stable UID: the same on every export, different in every database."""
    return f"{uuid.uuid5(_MEETING_NAMESPACE, f'{meeting_id}|{created_at}')}@{UID_DOMAIN}"


def _moment(value: dt.datetime, zone: ZoneInfo | None) -> dt.datetime:
    return value.replace(tzinfo=zone) if zone is not None else value


def _details(name: str, phone: str, notes: str = "") -> str:
    """DESCRIPTION: the notes, then who and their phone (what a phone calendar needs; no more).
    The person block starts with DETAILS_MARK, so that reading our own file back drops it."""
    person = f"{DETAILS_MARK}{name}" + (f"\nPhone: {phone}" if phone else "") if name else ""
    return "\n\n".join(part for part in (notes.strip(), person) if part)


def _alarm(text: str, trigger: dt.timedelta) -> Any:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger, parameters={"RELATED": "END"})
    return alarm


def _events(since: dt.date | None, zone: ZoneInfo | None, people: set[int] | None) -> list[Any]:
    from icalendar import Event

    rows = db.execute_sql(
        "SELECT m.id, m.created_at, m.ical_uid, m.scheduled_at, m.duration_minutes, m.place,"
        " m.status, m.supporter_id, s.preferred_name, s.first_name, s.last_name FROM meeting m"
        " JOIN supporter s ON s.id = m.supporter_id WHERE m.scheduled_at >= ?"
        " ORDER BY m.scheduled_at",
        [(since or dt.date.min).isoformat()],
    ).fetchall()
    rows = [row for row in rows if people is None or row[7] in people]
    contacts = contact_details([row[7] for row in rows])
    now = utcnow().replace(tzinfo=dt.timezone.utc)
    events = []
    for mid, created, ical_uid, at, minutes, place, status, sid, pref, first, last in rows:
        start = _moment(dt.datetime.fromisoformat(str(at)), zone)
        name = person_name(pref, first, last)
        event = Event()
        event.add("uid", ical_uid or meeting_uid(mid, created))
        event.add("dtstamp", now)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=minutes or 45))
        event.add("summary", f"1:1 with {name}")
        if place:
            event.add("location", place)
        event.add("description", _details(name, contacts.get(sid, ("", ""))[0]))
        event.add("status", "CANCELLED" if status == "cancelled" else "CONFIRMED")
        event.add(KIND_PROPERTY, "meeting")
        if status == "scheduled":
            reminder = dt.timedelta(minutes=-MEETING_ALARM_MINUTES)
            event.add_component(_alarm(f"1:1 with {name}", reminder))
        events.append(event)
    return events


_TODO_STATUS = {"done": "COMPLETED", "skipped": "CANCELLED"}


def _todos(since: dt.date | None, zone: ZoneInfo | None, people: set[int] | None) -> list[Any]:
    from icalendar import Todo, vRecur

    rows = db.execute_sql(
        "SELECT t.uid, t.kind, t.title, t.notes, t.due_on, t.due_time, t.rrule, t.exdates,"
        " t.status, t.snoozed_until, t.completed_at, t.reminder_minutes, t.supporter_id,"
        " s.preferred_name, s.first_name, s.last_name FROM task t"
        " LEFT JOIN supporter s ON s.id = t.supporter_id"
        " WHERE t.status IN ('open', 'snoozed') OR t.due_on >= ? ORDER BY t.due_on, t.id",
        [(since or dt.date.min).isoformat()],
    ).fetchall()
    rows = [row for row in rows if people is None or row[12] is None or row[12] in people]
    contacts = contact_details([row[12] for row in rows if row[12] is not None])
    now = utcnow().replace(tzinfo=dt.timezone.utc)
    todos = []
    for row in rows:
        uid, kind, title, notes, due_on, due_time, rule, exdates, status = row[:9]
        snoozed, completed, reminder, sid, pref, first, last = row[9:]
        day = dt.date.fromisoformat(str(snoozed if status == "snoozed" and not rule and snoozed
                                        else due_on))  # fmt: skip
        due: dt.date | dt.datetime = day
        if due_time:
            due = _moment(dt.datetime.combine(day, dt.time.fromisoformat(str(due_time))), zone)
        name = person_name(pref, first, last)
        todo = Todo()
        todo.add("uid", uid)
        todo.add("dtstamp", now)
        todo.add("summary", title)
        todo.add("description", _details(name, contacts.get(sid, ("", ""))[0], notes))
        if rule:
            todo.add("dtstart", due)
            todo.add("rrule", vRecur.from_ical(rule))
            skipped = recurrence.parse_exdates(exdates)
            if skipped:
                todo.add("exdate", skipped if not due_time else [
                    _moment(dt.datetime.combine(d, due.timetz()), zone)  # type: ignore[union-attr]
                    for d in skipped
                ])  # fmt: skip
        todo.add("due", due)
        todo.add("status", _TODO_STATUS.get(status, "NEEDS-ACTION"))
        if status == "done" and completed:
            done_at = dt.datetime.fromisoformat(str(completed)).replace(tzinfo=dt.timezone.utc)
            todo.add("completed", done_at)
        todo.add("categories", [KIND_LABELS.get(kind, "Other")])
        todo.add(KIND_PROPERTY, kind)
        if reminder is not None and status in ("open", "snoozed"):
            base = dt.timedelta(0) if due_time else dt.timedelta(hours=ALL_DAY_ALARM_HOUR)
            todo.add_component(_alarm(title, base - dt.timedelta(minutes=int(reminder))))
        todos.append(todo)
    return todos


def build_calendar(
    since: dt.date | None = None,
    *,
    zone: str | None = "auto",
    supporter_ids: list[int] | None = None,
) -> Any:
    """The icalendar.Calendar export_ics writes (see the module's docstring)."""
    from icalendar import Calendar

    tz = _export_zone(zone)
    people = set(supporter_ids) if supporter_ids is not None else None
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "1:1 follow-ups")
    for component in _events(since, tz, people) + _todos(since, tz, people):
        calendar.add_component(component)
    if tz is not None:
        calendar.add_missing_timezones()
    return calendar


def export_ics(
    path: Path,
    since: dt.date | None = None,
    *,
    zone: str | None = "auto",
    supporter_ids: list[int] | None = None,
) -> int:
    """Write meetings (from `since` on) and tasks (open ones whatever their date, the others from
    `since` on) to `path`, atomically; returns how many. `supporter_ids` keeps only those people
    (and tasks without a person). Raises CalendarFileError in plain words."""
    path = Path(path)
    try:
        calendar = build_calendar(since, zone=zone, supporter_ids=supporter_ids)
    except ValueError as exc:
        raise CalendarFileError(path, f"Cannot write {path.name}: {exc}") from exc
    try:
        atomic_write_bytes(path, calendar.to_ical())
    except OSError as exc:
        raise CalendarFileError(path, f"Cannot write {path.name}: {exc.strerror or exc}.") from exc
    return len(calendar.subcomponents) - len(calendar.walk("VTIMEZONE"))


def import_ics(
    path: Path, *, zone: str | None = "auto", today: dt.date | None = None
) -> IcsImportResult:
    """Read events and to-dos from `path` into meetings and tasks, all or nothing.

    Raises CalendarFileError naming the file (and the line when known) for a file that is
    missing, too big, not a calendar or malformed; nothing is changed then.
    """
    from oneonone_desktop.io import ics_import

    path = Path(path)
    text, warnings = ics_import.read_text(path)
    lines = ics_import.check_structure(path, text)
    local = _zone(local_zone_name() or "") if zone == "auto" else (_zone(zone) if zone else None)
    records = ics_import.parse(path, text, lines, local, warnings)
    result = ics_import.store(records, today or dt.date.today())
    result.warnings = warnings + result.warnings
    return result
