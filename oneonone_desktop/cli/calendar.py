"""Follow-up and calendar commands: `calendar today|list|plan|done|snooze|skip|export|import` and
`print agenda`. Bad input: a plain message, exit 2, nothing changed."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from oneonone_desktop.cli.common import CommandError, opened_store

Parsers = argparse._SubParsersAction  # type: ignore[type-arg]


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-09") from None


def register(subparsers: Parsers) -> None:
    calendar = subparsers.add_parser(
        "calendar", help="follow-ups and the calendar: today's list, plans, tasks, .ics files"
    )
    jobs = calendar.add_subparsers(dest="calendar_job", metavar="JOB", required=True)

    today = jobs.add_parser("today", help="what is overdue, due today, owed and coming up")
    today.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="as if it were that day")
    today.set_defaults(handler=run_today)

    listing = jobs.add_parser("list", help="the calendar's items, one a line, tab-separated")
    listing.add_argument("--from", dest="start", type=_day, required=True, metavar="YYYY-MM-DD")
    listing.add_argument("--to", dest="end", type=_day, required=True, metavar="YYYY-MM-DD")
    listing.add_argument("--kind", action="append", metavar="K", help="only this kind (repeat)")
    listing.set_defaults(handler=run_list)

    plan = jobs.add_parser("plan", help="the follow-up plan for a held 1:1 (and --accept it)")
    plan.add_argument("--meeting", type=int, required=True, metavar="ID")
    plan.add_argument("--accept", action="store_true", help="store the plan's tasks")
    plan.set_defaults(handler=run_plan)

    for job, words in (("done", "tick a task done"), ("skip", "skip a task, saying why")):
        parser = jobs.add_parser(job, help=words)
        parser.add_argument("task", type=int, metavar="TASK_ID")
        parser.add_argument("--note", default="", metavar="WORDS")
        parser.set_defaults(handler=run_done if job == "done" else run_skip)
    snooze = jobs.add_parser("snooze", help="put a task off until a day")
    snooze.add_argument("task", type=int, metavar="TASK_ID")
    snooze.add_argument("--until", type=_day, required=True, metavar="YYYY-MM-DD")
    snooze.set_defaults(handler=run_snooze)

    export = jobs.add_parser("export", help="write meetings and tasks to an .ics file")
    export.add_argument("file", metavar="FILE.ics")
    export.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="leave out older ones")
    zone = export.add_mutually_exclusive_group()
    zone.add_argument("--floating", action="store_true", help="times without a time zone")
    zone.add_argument("--zone", metavar="NAME", help="e.g. America/New_York (default: this PC's)")
    export.set_defaults(handler=run_export)

    importing = jobs.add_parser("import", help="read events and to-dos from an .ics file")
    importing.add_argument("file", metavar="FILE.ics")
    importing.set_defaults(handler=run_import)


def register_print(print_kinds: Parsers) -> None:
    agenda = print_kinds.add_parser("agenda", help="the week's meetings and tasks, to carry (PDF)")
    agenda.add_argument(
        "--week", type=_day, metavar="YYYY-MM-DD", help="first day (default: this Monday)"
    )
    agenda.add_argument("--out", required=True, metavar="FILE.pdf")
    agenda.add_argument("--paper", choices=("letter", "a4"), default="letter")
    agenda.set_defaults(handler=run_agenda)


def _line(item: object) -> str:
    from oneonone_desktop.services.tasks import CalendarItem

    assert isinstance(item, CalendarItem)
    when = f"{item.date.isoformat()} {item.time:%H:%M}" if item.time else item.date.isoformat()
    flags = ",".join(f for f, on in (("overdue", item.overdue), ("done", item.done)) if on)
    cells = (when, item.kind, item.title, item.person_name, item.key, flags)
    return "\t".join(" ".join(str(cell).split()) for cell in cells)


def run_today(args: argparse.Namespace) -> int:
    from oneonone_desktop.services import tasks

    with opened_store(args):
        today = tasks.today_list(args.date)
    sections = (
        ("Overdue", today.overdue),
        ("Today", today.due_today),
        ("Promises we owe", today.promises_owed),
        ("Their commitments in the next 7 days", today.commitments_soon),
    )
    for title, items in sections:
        print(f"{title} ({len(items)})")
        for item in items:
            print("  " + _line(item))
    return 0


def run_list(args: argparse.Namespace) -> int:
    from oneonone_desktop.services import tasks

    if args.end < args.start:
        raise CommandError("--to is before --from.")
    unknown = sorted(set(args.kind or ()) - set(tasks.ITEM_KINDS))
    if unknown:
        raise CommandError(f"Unknown kind {unknown[0]}; use one of {', '.join(tasks.ITEM_KINDS)}.")
    with opened_store(args):
        for item in tasks.items_between(args.start, args.end, args.kind):
            print(_line(item))
    return 0


def run_plan(args: argparse.Namespace) -> int:
    from oneonone_desktop.services import followup, recurrence

    with opened_store(args):
        try:
            plan = followup.propose_plan(args.meeting)
            stored = followup.accept_plan(args.meeting, plan) if args.accept else []
        except followup.FollowUpError as exc:
            raise CommandError(exc.message) from exc
    for task in plan:
        repeat = f" ({recurrence.describe(task.rrule)})" if task.rrule else ""
        print(f"{task.due_on.isoformat()}\t{task.kind}\t{task.title}{repeat}")
    if args.accept:
        print(f"Stored {len(stored)} follow-up task{'s' if len(stored) != 1 else ''}.")
    return 0


def _task_job(args: argparse.Namespace, job: str) -> int:
    from oneonone_desktop.services import tasks

    with opened_store(args):
        try:
            if job == "done":
                task = tasks.mark_done(args.task, note=args.note)
            elif job == "skip":
                task = tasks.skip(args.task, args.note)
            else:
                task = tasks.snooze(args.task, args.until)
        except tasks.TaskError as exc:
            raise CommandError(exc.message) from exc
    after = f"next on {task.due_on.isoformat()}" if task.status == "open" else task.status
    print(f"Task {task.id}: {after}.")
    return 0


def run_done(args: argparse.Namespace) -> int:
    return _task_job(args, "done")


def run_skip(args: argparse.Namespace) -> int:
    return _task_job(args, "skip")


def run_snooze(args: argparse.Namespace) -> int:
    return _task_job(args, "snooze")


def _ics_path(text: str, must_exist: bool) -> Path:
    path = Path(text).expanduser()
    if path.suffix.lower() != ".ics":
        raise CommandError(f"{path.name}: the file name must end in .ics.")
    if must_exist and not path.is_file():
        raise CommandError(f"There is no file {path}. Nothing was imported.")
    if not must_exist and not path.parent.is_dir():
        raise CommandError(f"There is no folder {path.parent} to write {path.name} in.")
    return path


def run_export(args: argparse.Namespace) -> int:
    from oneonone_desktop.io.icalendar_io import CalendarFileError, export_ics

    path = _ics_path(args.file, must_exist=False)
    zone = None if args.floating else args.zone or "auto"
    with opened_store(args):
        try:
            count = export_ics(path, args.since, zone=zone)
        except CalendarFileError as exc:
            raise CommandError(exc.message) from exc
    print(f"Wrote {count:,} meetings and tasks to {path}.")
    return 0


def import_calendar(path: Path) -> str:
    """Import an .ics file into the open store; the line to print (IMPORTERS uses it too)."""
    from oneonone_desktop.io.icalendar_io import import_ics

    result = import_ics(path)
    lines = [f"{path.name}: {w}" if not w.startswith(path.name) else w for w in result.warnings]
    lines.append(f"Added {result.added:,} and updated {result.updated:,} meetings and tasks.")
    return "\n".join(lines)


def export_calendar(path: Path, supporter_ids: list[int]) -> int:
    """For `oneonone export FILE.ics`: these people's meetings and tasks (and tasks without a
    person); returns how many people the file covers."""
    from oneonone_desktop.io.icalendar_io import export_ics
    from oneonone_desktop.store.models import db

    export_ics(path, supporter_ids=supporter_ids)
    wanted = set(supporter_ids)
    rows = db.execute_sql(
        "SELECT supporter_id FROM task WHERE supporter_id IS NOT NULL"
        " UNION SELECT supporter_id FROM meeting WHERE scheduled_at IS NOT NULL"
    )
    return sum(1 for (sid,) in rows if sid in wanted)


def run_import(args: argparse.Namespace) -> int:
    from oneonone_desktop.io.icalendar_io import CalendarFileError

    path = _ics_path(args.file, must_exist=True)
    with opened_store(args):
        try:
            print(import_calendar(path))
        except CalendarFileError as exc:
            raise CommandError(exc.message) from exc
    return 0


def run_agenda(args: argparse.Namespace) -> int:
    from oneonone_desktop.documents.agenda import AgendaError, write_week_agenda

    today = dt.date.today()
    week = args.week or today - dt.timedelta(days=today.weekday())
    with opened_store(args):
        try:
            count = write_week_agenda(Path(args.out).expanduser(), week, args.paper)
        except AgendaError as exc:
            raise CommandError(exc.message) from exc
    print(f"Wrote the agenda for the week of {week.isoformat()} ({count:,} items) to {args.out}.")
    return 0
