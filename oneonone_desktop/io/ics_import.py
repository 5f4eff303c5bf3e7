"""The work behind icalendar_io.import_ics: read and check the file (with line numbers), turn its
events and to-dos into plain records, then store them, merged by UID, in one transaction."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from oneonone_desktop.io.icalendar_io import (
    ALL_DAY_ALARM_HOUR,
    DETAILS_MARK,
    KIND_PROPERTY,
    CalendarFileError,
    IcsImportResult,
    meeting_uid,
)
from oneonone_desktop.services import recurrence
from oneonone_desktop.services.normalize import normalize_email
from oneonone_desktop.store.models import (
    Meeting,
    OrganizerProfile,
    SupporterEmail,
    Task,
    db,
    utcnow,
)

MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT = 100_000
_NAME = re.compile(r"^[A-Za-z0-9-]+(?=[;:])")
_NOTHING = "Nothing was imported."
_UID_NAMESPACE = uuid.UUID("a3f0c4de-4c7e-4d0e-9a41-54cbb1f1e0c2")


@dataclass
class Record:
    """One event or to-do, in the organizer's local wall-clock time."""

    component: str  # VEVENT or VTODO
    line: int
    uid: str
    title: str
    notes: str
    place: str
    start: dt.date | dt.datetime  # a date: all day
    minutes: int | None
    rrule: str | None
    exdates: list[dt.date]
    status: str  # open, done, skipped or cancelled
    completed_at: dt.datetime | None  # naive UTC
    emails: list[str] = field(default_factory=list)
    our_kind: str | None = None  # X-ONEONONE-KIND: the file is one of our exports
    reminder_minutes: int | None = None


def read_text(path: Path) -> tuple[str, list[str]]:
    """The file's text (and warnings); CalendarFileError for a missing, huge or foreign file."""
    name, warnings = path.name, []
    try:
        if not path.is_file():
            raise CalendarFileError(path, f"There is no file {path}. {_NOTHING}")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CalendarFileError(
                path, f"{name} is {size / 1024 / 1024:.0f} MB; calendar files over 20 MB are not "
                f"imported (an export of a whole calendar is far smaller). {_NOTHING}",
            )  # fmt: skip
        data = path.read_bytes()
    except OSError as exc:
        raise CalendarFileError(path, f"{name} cannot be read ({exc.strerror or exc}).") from exc
    if b"\x00" in data[:4096]:
        raise CalendarFileError(path, f"{name} is not a calendar file (it is not text). {_NOTHING}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"{name}, line {line}: not UTF-8 text; read as Windows-1252.")
    if not text.lstrip()[:15].upper().startswith("BEGIN:VCALENDAR"):
        raise CalendarFileError(
            path, f"{name} is not a calendar file: it should start with BEGIN:VCALENDAR. {_NOTHING}"
        )
    return text, warnings


def _unfolded(text: str) -> list[tuple[int, str]]:
    """(line number where it starts, text) of each content line, folded lines joined."""
    found: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if line[:1] in (" ", "\t") and found:
            found[-1] = (found[-1][0], found[-1][1] + line[1:])
        elif line.strip():
            found.append((number, line))
    return found


def check_structure(path: Path, text: str) -> dict[str, list[int]]:
    """Every content line well-formed, every BEGIN closed by its END, or CalendarFileError with
    the line. Returns, per component name, the line where each one begins (in file order)."""
    stack: list[tuple[str, int]] = []
    begins: dict[str, list[int]] = {}
    for number, line in _unfolded(text):
        match = _NAME.match(line)
        if match is None or ":" not in line:
            shown = line if len(line) <= 40 else line[:40] + "…"
            raise CalendarFileError(
                path, f"{path.name}, line {number}: '{shown}' is not a calendar line. {_NOTHING}"
            )
        word, value = match.group(0).upper(), line.split(":", 1)[1].strip().upper()
        if word == "BEGIN":
            stack.append((value, number))
            begins.setdefault(value, []).append(number)
        elif word == "END":
            if not stack or stack[-1][0] != value:
                opened = f"BEGIN:{stack[-1][0]} (line {stack[-1][1]})" if stack else "nothing"
                raise CalendarFileError(
                    path, f"{path.name}, line {number}: END:{value} does not close {opened}. "
                    f"{_NOTHING}",
                )  # fmt: skip
            stack.pop()
    if stack:
        kind, number = stack[-1]
        raise CalendarFileError(
            path, f"{path.name}, line {number}: BEGIN:{kind} is never closed (is the file cut "
            f"short?). {_NOTHING}",
        )  # fmt: skip
    return begins


def _list(value: Any) -> list[Any]:
    return [] if value is None else list(value) if isinstance(value, list) else [value]


def _local(value: dt.date | dt.datetime, zone: ZoneInfo | None) -> dt.date | dt.datetime:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return value
    local = value.astimezone(zone) if zone is not None else value.astimezone()
    return local.replace(tzinfo=None)


def _rule(
    component: Any, start: Any, zone: ZoneInfo | None, where: str, warn: list[str]
) -> str | None:
    rules = _list(component.get("RRULE"))
    if not rules:
        return None
    if len(rules) > 1:
        warn.append(f"{where}: only the first of its repeat rules was imported.")
    parts = []
    for piece in rules[0].to_ical().decode().split(";"):
        key, _, value = piece.partition("=")
        if key.upper() == "UNTIL" and value.upper().endswith("Z") and "T" in value.upper():
            utc = dt.datetime.strptime(value.upper(), "%Y%m%dT%H%M%SZ").replace(
                tzinfo=dt.timezone.utc
            )
            value = recurrence.format_until(_local(utc, zone))  # type: ignore[arg-type]
        elif key.upper() == "UNTIL" and "T" in value and getattr(start, "tzinfo", None):
            until = dt.datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=start.tzinfo)
            value = recurrence.format_until(_local(until, zone))  # type: ignore[arg-type]
        parts.append(f"{key}={value}")
    try:
        return recurrence.check_rule(";".join(parts))
    except recurrence.RecurrenceError as exc:
        warn.append(f"{where}: {exc.message} Only its first time was imported.")
        return None


def _reminder(component: Any, all_day: bool) -> int | None:
    for alarm in component.walk("VALARM"):
        trigger = alarm.get("TRIGGER")
        value = getattr(trigger, "dt", None)
        if isinstance(value, dt.timedelta):
            minutes = int(-value.total_seconds() // 60)
            return minutes + ALL_DAY_ALARM_HOUR * 60 if all_day else minutes
    return None


def _emails(component: Any) -> list[str]:
    organizer = str(component.get("ORGANIZER") or "").lower().removeprefix("mailto:")
    found = []
    for attendee in _list(component.get("ATTENDEE")):
        text = str(attendee).strip()
        if text.lower().startswith("mailto:"):
            address = normalize_email(text[7:])
            if address and address != organizer:
                found.append(address)
    return found


def _record(
    path: Path, component: Any, line: int, zone: ZoneInfo | None, warn: list[str]
) -> Record | None:
    kind = component.name
    where = f"{path.name}, line {line}"
    if component.errors:
        prop, message = component.errors[0]
        raise CalendarFileError(
            path, f"{where}: {prop or 'a line'} in this {kind} is not valid ({message}). {_NOTHING}"
        )
    twice = [n for n in ("DTSTART", "DUE", "DTEND", "DURATION", "COMPLETED")
             if isinstance(component.get(n), list)]  # fmt: skip
    if twice:
        raise CalendarFileError(path, f"{where}: {twice[0]} appears twice in this {kind}.")
    start_prop = component.get("DTSTART") if kind == "VEVENT" else (
        component.get("DUE") or component.get("DTSTART"))  # fmt: skip
    raw_start = getattr(start_prop, "dt", None)
    if raw_start is None and kind == "VEVENT":
        warn.append(f"{where}: an event without a start date was left out.")
        return None
    if (
        start_prop is not None
        and "TZID" in start_prop.params
        and getattr(raw_start, "tzinfo", 1) is None
    ):
        warn.append(
            f"{where}: unknown time zone '{start_prop.params['TZID']}'; read as local time."
        )
    start = _local(raw_start, zone) if raw_start is not None else dt.date.today()
    minutes = None
    end = getattr(component.get("DTEND"), "dt", None)
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        minutes = max(0, int((_local(end, zone) - start).total_seconds() // 60))  # type: ignore[operator]
    elif isinstance(getattr(component.get("DURATION"), "dt", None), dt.timedelta):
        minutes = int(component.get("DURATION").dt.total_seconds() // 60)
    status = str(component.get("STATUS") or "").upper()
    completed = getattr(component.get("COMPLETED"), "dt", None)
    if isinstance(completed, dt.datetime) and completed.tzinfo is not None:
        completed = completed.astimezone(dt.timezone.utc).replace(tzinfo=None)
    exdates = [_local(d.dt, zone) for prop in _list(component.get("EXDATE")) for d in prop.dts]
    uid = str(component.get("UID") or "").strip()
    title = " ".join(str(component.get("SUMMARY") or "").split())[:255] or "(no title)"
    if not uid:  # a stable stand-in, so that importing the same file again merges
        uid = f"{uuid.uuid5(_UID_NAMESPACE, f'{kind}|{title}|{raw_start}')}"
    our_kind = str(component.get(KIND_PROPERTY) or "") or None
    notes = str(component.get("DESCRIPTION") or "")
    if our_kind is not None:  # our own export: drop the person block it added to the notes
        notes = notes[: notes.index(DETAILS_MARK)] if notes.startswith(DETAILS_MARK) else notes
        notes = notes.split(f"\n\n{DETAILS_MARK}")[0]
    return Record(
        component=kind, line=line, uid=uid[:255], title=title,
        notes=notes[:MAX_TEXT],
        place=" ".join(str(component.get("LOCATION") or "").split())[:255], start=start,
        minutes=minutes, rrule=_rule(component, raw_start, zone, where, warn),
        exdates=[d.date() if isinstance(d, dt.datetime) else d for d in exdates],
        status="cancelled" if status == "CANCELLED" else
        "done" if status == "COMPLETED" or completed else "open",
        completed_at=completed if isinstance(completed, dt.datetime) else None,
        emails=_emails(component), our_kind=our_kind,
        reminder_minutes=_reminder(component, not isinstance(start, dt.datetime)),
    )  # fmt: skip


def parse(
    path: Path, text: str, begins: dict[str, list[int]], zone: ZoneInfo | None, warn: list[str]
) -> list[Record]:
    """The file's events and to-dos as records, in file order; CalendarFileError if unreadable."""
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise CalendarFileError(
            path, f"{path.name} cannot be read as a calendar ({exc}). {_NOTHING}"
        ) from exc
    records: list[Record] = []
    overrides = 0
    seen = {"VEVENT": 0, "VTODO": 0}
    for calendar in calendars:
        for component in calendar.walk():
            if component.name not in seen:
                continue
            lines = begins.get(component.name, [])
            line = lines[seen[component.name]] if seen[component.name] < len(lines) else 0
            seen[component.name] += 1
            if component.get("RECURRENCE-ID") is not None:
                overrides += 1
                continue
            record = _record(path, component, line, zone, warn)
            if record is not None:
                records.append(record)
    if overrides:
        warn.append(f"{path.name}: {overrides} changed single occurrence(s) of repeating items "
                    "were left out; the series themselves were imported.")  # fmt: skip
    return records


def _supporter_for(emails: list[str], organizer: str) -> int | None:
    wanted = [e for e in emails if e != organizer]
    if not wanted:
        return None
    hit = (
        SupporterEmail.select(SupporterEmail.supporter)
        .where(SupporterEmail.address_norm.in_(wanted))
        .order_by(SupporterEmail.supporter)
        .first()
    )
    return int(hit.supporter_id) if hit is not None else None


def _task_values(record: Record, today: dt.date) -> dict[str, Any]:
    """Task fields from a record; another app's repeating item starts at its next occurrence."""
    start = record.start
    day = start.date() if isinstance(start, dt.datetime) else start
    rule, status = record.rrule, record.status
    if rule and record.our_kind is None:
        rebased = recurrence.rebase(rule, day, today, exdates=set(record.exdates))
        if rebased is None:
            rule = None  # the series is over: keep its first date, as done
            status = "done" if status == "open" else status
        else:
            rule, day = rebased
    values: dict[str, Any] = {
        "title": record.title,
        "notes": "\n".join(
            p for p in (record.notes, f"Where: {record.place}" * bool(record.place)) if p
        ),
        "due_on": day,
        "due_time": start.time() if isinstance(start, dt.datetime) else None,
        "rrule": rule,
        "exdates": recurrence.format_exdates([d for d in record.exdates if d > day])
        if rule
        else "",
    }
    if record.reminder_minutes is not None:
        values["reminder_minutes"] = max(-43_200, min(43_200, record.reminder_minutes))
    if record.our_kind in Task.KINDS:
        values["kind"] = record.our_kind
    if status in ("done", "cancelled"):
        values["status"] = "done" if status == "done" else "skipped"
        values["completed_at"] = record.completed_at  # None: "now", decided when stored
    return values


def _update_meeting(meeting: Meeting, record: Record) -> None:
    if meeting.status == "scheduled" and isinstance(record.start, dt.datetime):
        meeting.scheduled_at = record.start
        meeting.duration_minutes = record.minutes or meeting.duration_minutes
        meeting.place = record.place or meeting.place
    if record.status == "cancelled" and meeting.status == "scheduled":
        meeting.status = "cancelled"
    meeting.updated_at = utcnow()
    meeting.save()


def _update_task(task: Task, values: dict[str, Any], supporter_id: int | None) -> None:
    if task.status == "snoozed" and values["due_on"] == task.snoozed_until and not task.rrule:
        values.pop("due_on")  # our own export shows a snoozed task on its new day
    if "status" not in values and task.status in ("done", "skipped") and not values["rrule"]:
        values.pop("completed_at", None)  # done here: a to-do still open in the file stays done
    if values.get("status") == task.status and task.completed_at is not None:
        # The file repeats what we know (a cancelled to-do carries no completion time): keep
        # ours, so importing our own export again changes nothing.
        values["completed_at"] = values.get("completed_at") or task.completed_at
    elif "status" in values and values.get("completed_at") is None:
        values["completed_at"] = utcnow()
    for name, value in values.items():
        setattr(task, name, value)
    if task.supporter_id is None and supporter_id is not None:
        task.supporter = supporter_id
    task.save()


def store(records: list[Record], today: dt.date) -> IcsImportResult:
    """Add or update (by UID) a meeting or a task for each record, all in one transaction."""
    result = IcsImportResult()
    with db.atomic():
        profile = OrganizerProfile.select().first()
        organizer = normalize_email(profile.email) if profile is not None else ""
        derived = {
            meeting_uid(mid, created): mid
            for mid, created in db.execute_sql("SELECT id, created_at FROM meeting").fetchall()
        }
        done: set[str] = set()
        for record in records:
            if record.uid in done:
                continue  # the same item twice in one file: the first one counts
            done.add(record.uid)
            supporter_id = _supporter_for(record.emails, organizer)
            meeting = Meeting.get_or_none(Meeting.ical_uid == record.uid)
            if meeting is None and record.uid in derived:
                meeting = Meeting.get_or_none(Meeting.id == derived[record.uid])
            task = Task.get_or_none(Task.uid == record.uid) if meeting is None else None
            if meeting is not None:
                _update_meeting(meeting, record)
                result.updated += 1
            elif task is not None:
                _update_task(task, _task_values(record, today), supporter_id)
                result.updated += 1
            elif (
                record.component == "VEVENT" and supporter_id is not None and not record.rrule
                and isinstance(record.start, dt.datetime)
            ):  # fmt: skip
                Meeting.create(
                    supporter=supporter_id, scheduled_at=record.start, place=record.place,
                    duration_minutes=record.minutes or 45, ical_uid=record.uid,
                    status="cancelled" if record.status == "cancelled" else "scheduled",
                    notes="\n".join(p for p in (record.title, record.notes) if p)[:MAX_TEXT],
                )  # fmt: skip
                result.added += 1
            else:
                values = _task_values(record, today)
                if "status" in values and values["completed_at"] is None:
                    values["completed_at"] = utcnow()
                Task.create(uid=record.uid, supporter=supporter_id, **values)
                result.added += 1
    return result
