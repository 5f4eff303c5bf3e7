"""1:1 commands: `meetings` (list upcoming, past or unfinished ones), `schedule`, and
`print prep` (the prep sheet PDF). Bad input: a plain message, exit 2, nothing changed."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from oneonone_desktop.cli.common import CommandError, opened_store

Parsers = argparse._SubParsersAction  # type: ignore[type-arg]


def register(subparsers: Parsers) -> None:
    listing = subparsers.add_parser(
        "meetings", help="list 1:1s, one a line, separated by tabs (default: upcoming)"
    )
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--upcoming", action="store_true", help="scheduled ones still to come")
    which.add_argument("--past", action="store_true", help="held, cancelled or gone by")
    which.add_argument("--drafts", action="store_true", help="started and not finished")
    listing.add_argument("--limit", type=_count, default=500, metavar="N", help="default: 500")
    listing.set_defaults(handler=run_meetings)

    schedule = subparsers.add_parser(
        "schedule", help="schedule a 1:1 (warns about a past time or an overlap)"
    )
    schedule.add_argument("--person", type=int, required=True, metavar="ID")
    schedule.add_argument("--at", type=_when, required=True, metavar='"YYYY-MM-DD HH:MM"')
    schedule.add_argument(
        "--minutes", type=int, metavar="N", help="length (default: the kind's, 45; 30-45 suggested)"
    )
    schedule.add_argument("--place", default="", metavar="P", help="a quiet place to meet")
    schedule.add_argument(
        "--kind", default="introductory", metavar="K", help="default: introductory"
    )
    schedule.add_argument("--not-in-person", action="store_true", help="by phone or video")
    schedule.set_defaults(handler=run_schedule)


def register_print(print_kinds: Parsers) -> None:
    prep = print_kinds.add_parser(
        "prep", help="the 1:1 prep sheet for a person: what we know, asks, agenda, questions"
    )
    prep.add_argument("--person", type=int, required=True, metavar="ID")
    prep.add_argument("--out", required=True, metavar="FILE.pdf")
    prep.add_argument("--paper", choices=("letter", "a4"), default="letter")
    prep.add_argument("--kind", metavar="K", help="agenda of this kind (default: the next 1:1's)")
    prep.add_argument(
        "--ask", type=int, action="append", metavar="ACTION_ID", help="a candidate ask (repeat)"
    )
    prep.set_defaults(handler=run_prep)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number (1 or more)")
    return value


def _when(text: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date and time like \"2030-03-05 18:30\""
        ) from None


def _problems(problems: dict[str, str], outcome: str = "Nothing was changed.") -> str:
    return " ".join([*problems.values(), outcome])


def run_meetings(args: argparse.Namespace) -> int:
    from oneonone_desktop.services import meetings

    with opened_store(args):
        if args.past:
            found, empty = meetings.past(limit=args.limit), "No past 1:1s."
        elif args.drafts:
            found, empty = meetings.drafts()[: args.limit], "No unfinished 1:1s."
        else:
            found, empty = meetings.upcoming(limit=args.limit), "No upcoming 1:1s."
    if not found:
        print(empty, file=sys.stderr)
    for m in found:
        when = f"{m.scheduled_at:%Y-%m-%d %H:%M}" if m.scheduled_at else ""
        where = m.place if m.in_person else (m.place or "not in person")
        fields = [str(m.id), when, f"{m.duration_minutes} min", m.kind_key, m.supporter_name]
        print("\t".join([*fields, where, m.status]))
    return 0


def run_schedule(args: argparse.Namespace) -> int:
    from oneonone_desktop.services import meetings
    from oneonone_desktop.services.supporters import ValidationError

    with opened_store(args):
        try:
            result = meetings.schedule(
                args.person,
                args.kind,
                args.at,
                args.minutes,
                args.place,
                in_person=not args.not_in_person,
            )
        except ValidationError as exc:
            raise CommandError(_problems(exc.problems)) from exc
        info = meetings.get_meeting(result.meeting_id)
    print(f"Scheduled 1:1 {info.id} on {info.scheduled_at:%Y-%m-%d %H:%M} ({info.kind_label}).")
    for warning in result.warnings:
        print(f"Note: {warning}", file=sys.stderr)
    return 0


def run_prep(args: argparse.Namespace) -> int:
    from oneonone_desktop.documents.prep_sheet import PrepSheetError, write_prep_sheet
    from oneonone_desktop.services.supporters import ValidationError

    with opened_store(args):
        try:
            pages = write_prep_sheet(
                args.out, args.person, args.paper, args.ask, kind_key=args.kind
            )
        except PrepSheetError as exc:
            raise CommandError(exc.message + " No file was written.") from exc
        except ValidationError as exc:
            raise CommandError(_problems(exc.problems, "No file was written.")) from exc
    print(f"Wrote {args.out} ({pages} page{'s' if pages > 1 else ''}).")
    return 0
