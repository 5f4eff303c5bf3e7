"""Supporter commands: `demo`, `import FILE`, `export FILE` and `list`, over io/ and services/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import DatabaseError, OperationalError, SqliteDatabase

from oneonone_desktop.cli.calendar import export_calendar, import_calendar
from oneonone_desktop.cli.common import EXIT_USAGE, CommandError, opened_store
from oneonone_desktop.paths import database_path, resolve_data_dir
from oneonone_desktop.store.errors import DatabaseLocked, DatabaseReadOnly

# An importer runs a whole import into the open store and returns the line to print. It raises
# io.importing.ImportRefused (the row-by-row report is printed, nothing is changed) or
# io.problems.ImportFileError. Add an entry here to import another kind of file (.ics, ...).
Importer = Callable[[Path], str]
# An exporter writes these people to the file (atomically) and returns how many it wrote.
Exporter = Callable[[Path, list[int]], int]


def _import_people(path: Path) -> str:
    """Import people from a CSV or vCard file: duplicates merged, all or nothing."""
    from oneonone_desktop.io import importing

    records, problems = importing.read_any(path)
    plan = importing.plan_import(records, problems)
    if plan.problems:
        raise importing.ImportRefused(plan.problems)
    result = importing.apply_import(plan)
    people = "person" if result.added == 1 else "people"
    merged = f"merged {result.merged:,} with people already in the list"
    return f"Added {result.added:,} {people}, {merged}."


def _export_people(path: Path, supporter_ids: list[int]) -> int:
    from oneonone_desktop.io import importing

    return int(importing.export_any(path, supporter_ids))


IMPORTERS: dict[str, Importer] = {
    ".csv": _import_people,
    ".vcf": _import_people,
    ".vcard": _import_people,
    ".ics": import_calendar,
}
EXPORTERS: dict[str, Exporter] = {
    ".csv": _export_people,
    ".vcf": _export_people,
    ".vcard": _export_people,
    ".ics": export_calendar,
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="fill the list with made-up people to try the app (the same people for the same seed)",
    )
    demo.add_argument(
        "--people", type=_people_count, required=True, metavar="N", help="how many people to add"
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="default: 1")
    demo.add_argument(
        "--force", action="store_true", help="add them even though the list already has people"
    )
    demo.set_defaults(handler=run_demo)

    kinds = ", ".join(sorted(IMPORTERS))
    importing = subparsers.add_parser(
        "import",
        help=f"add what a file holds ({kinds}); a person already in the list is merged, "
        "not doubled; a file with problems changes nothing",
    )
    importing.add_argument("file", metavar="FILE")
    importing.set_defaults(handler=run_import)

    exporting = subparsers.add_parser(
        "export",
        help=f"write the people in the list, or their meetings and tasks, to a file "
        f"({', '.join(sorted(EXPORTERS))})",
    )
    exporting.add_argument("file", metavar="FILE")
    exporting.add_argument("--tag", metavar="T", help="only the people with this tag")
    exporting.add_argument("--include-archived", action="store_true", help="archived people too")
    exporting.set_defaults(handler=run_export)

    listing = subparsers.add_parser(
        "list", help="print id, name, city and stage, one person a line, separated by tabs"
    )
    listing.add_argument("--search", metavar="Q", default="", help="as typed in the search box")
    listing.add_argument("--limit", type=_people_count, metavar="N", help="at most N people")
    listing.set_defaults(handler=run_list)


def _people_count(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of people (1 or more)")
    return value


@contextmanager
def _store_errors(args: argparse.Namespace) -> Iterator[None]:
    """Turn a database that becomes busy or unwritable mid-command into a plain message."""
    try:
        yield
    except (OperationalError, DatabaseError) as exc:
        path = database_path(resolve_data_dir(getattr(args, "data_dir", None)))
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise CommandError(DatabaseLocked(path).message + " Nothing was changed.") from exc
        if "readonly" in text or "read-only" in text or "disk" in text or "full" in text:
            raise CommandError(DatabaseReadOnly(path).message + " Nothing was changed.") from exc
        raise


def run_demo(args: argparse.Namespace) -> int:
    from oneonone_desktop.services import demo

    def progress(done: int, total: int) -> None:
        print(f"\rMaking demo people: {done:,} of {total:,}", end="", file=sys.stderr)

    show = progress if sys.stderr.isatty() else None
    with _store_errors(args), opened_store(args) as database:
        try:
            added = demo.generate(database, args.people, args.seed, show, force=args.force)
        except demo.DemoRefused as exc:
            raise CommandError(exc.message) from exc
        finally:
            if show:
                print(file=sys.stderr)
    print(f"Added {added:,} demo {'person' if added == 1 else 'people'} (seed {args.seed}).")
    return 0


def _kind_of(path: Path, known: dict[str, object], verb: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in known:
        kinds = ", ".join(sorted(known))
        raise CommandError(f"Cannot {verb} {path.name}: use a file ending in {kinds}.")
    return suffix


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    importer = IMPORTERS[_kind_of(path, dict(IMPORTERS), "import")]
    if not path.is_file():
        raise CommandError(f"There is no file {path}. Nothing was imported.")
    from oneonone_desktop.io.importing import ImportRefused
    from oneonone_desktop.io.problems import ImportFileError

    with _store_errors(args), opened_store(args):
        try:
            summary = importer(path)
        except ImportRefused as exc:
            for problem in exc.problems:
                print(str(problem), file=sys.stderr)
            count = len(exc.problems)
            print(
                f"oneonone: {path.name} has {count:,} problem{'s' if count != 1 else ''} "
                "(listed above); nothing was imported. Correct the file and try again.",
                file=sys.stderr,
            )
            return EXIT_USAGE
        except ImportFileError as exc:
            raise CommandError(exc.message) from exc
    print(summary)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from oneonone_desktop.io.problems import ImportFileError
    from oneonone_desktop.services.supporter_list import SupporterFilter, all_ids
    from oneonone_desktop.services.supporters import sharing_note

    path = Path(args.file).expanduser()
    exporter = EXPORTERS[_kind_of(path, dict(EXPORTERS), "export to")]
    if not path.parent.is_dir():
        raise CommandError(f"There is no folder {path.parent} to write {path.name} in.")
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give a file name ending in {path.suffix}.")
    with _store_errors(args), opened_store(args) as database:
        ids = all_ids(database, SupporterFilter(tag=args.tag))
        if args.include_archived:
            ids += all_ids(database, SupporterFilter(tag=args.tag, archived=True))
        try:
            written = exporter(path, ids)
        except ImportFileError as exc:  # ExportFileError is a kind of it
            raise CommandError(exc.message) from exc
        warning = "" if path.suffix.lower() == ".ics" else sharing_note(ids)
    note = f" (no one has the tag '{args.tag}')" if args.tag and not ids else ""
    if path.suffix.lower() == ".ics":
        print(f"Exported the calendar of {written:,} {_people(written)} to {path}{note}.")
    else:
        print(f"Exported {written:,} {_people(written)} to {path}{note}.")
        if warning:
            print(warning, file=sys.stderr)
    return 0


def _people(count: int) -> str:
    return "person" if count == 1 else "people"


def run_list(args: argparse.Namespace) -> int:
    with _store_errors(args), opened_store(args) as database:
        for row in _rows(database, args.search, args.limit):
            print("\t".join(_cell(value) for value in row))
    return 0


def _rows(database: SqliteDatabase, search: str, limit: int | None) -> list[tuple[object, ...]]:
    from oneonone_desktop.services.supporter_list import SupporterFilter, fetch_page

    # SQLite reads LIMIT -1 as "no limit".
    rows = fetch_page(database, SupporterFilter(search=search), 0, limit or -1)
    return [(row.id, row.name, row.city, row.stage) for row in rows]


def _cell(value: object) -> str:
    return " ".join(str(value).split("\t")).replace("\n", " ").replace("\r", " ")
