"""`oneonone print cards|labels|envelopes|graphic|calibration|stocks|offset`: the printables,
written to PDF or PNG without the window. Unknown stock, template or person: exit 2, no file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from oneonone_desktop.cli.common import CommandError, opened_store

DEFAULT_TEMPLATE = "Thank you for our 1:1"
Parsers = argparse._SubParsersAction  # type: ignore[type-arg]


def register_print(print_kinds: Parsers) -> None:
    cards = print_kinds.add_parser("cards", help="personalised thank-you cards or postcards (PDF)")
    cards.add_argument("--stock", required=True, metavar="ID", help="see: oneonone print stocks")
    cards.add_argument(
        "--template", default=DEFAULT_TEMPLATE, metavar="NAME", help=f"default: {DEFAULT_TEMPLATE}"
    )
    cards.add_argument(
        "--back", action="store_true", help="add a back page after each sheet, for two-sided stock"
    )
    cards.add_argument(
        "--mark-sent",
        action="store_true",
        help="tick these people's open thank-you card tasks (use when you print the file now)",
    )
    _sheet_args(cards)
    _people_args(cards)
    cards.set_defaults(handler=run_cards)

    labels = print_kinds.add_parser("labels", help="address labels for people with an address")
    labels.add_argument("--stock", default="avery-5160", metavar="ID", help="default: avery-5160")
    _sheet_args(labels)
    _people_args(labels)
    labels.set_defaults(handler=run_labels)

    envelopes = print_kinds.add_parser("envelopes", help="addressed envelopes, one per person")
    envelopes.add_argument(
        "--stock", default="envelope-10", metavar="ID", help="default: envelope-10"
    )
    envelopes.add_argument("--out", required=True, metavar="FILE.pdf")
    _offset_arg(envelopes)
    _people_args(envelopes)
    envelopes.set_defaults(handler=run_envelopes)

    graphic = print_kinds.add_parser(
        "graphic", help="a #WhyWeResist poster (PDF) or social image (PNG or PDF)"
    )
    shape = graphic.add_mutually_exclusive_group()
    shape.add_argument("--size", metavar="WxH", help="pixels: 1080x1080, 1080x1350 or 1200x675")
    shape.add_argument("--paper", choices=("letter", "a4", "tabloid"), help="a printable poster")
    graphic.add_argument("--text", default="", metavar="WORDS", help="words to fill the blank")
    whose = graphic.add_mutually_exclusive_group()
    whose.add_argument(
        "--person", type=int, metavar="ID", help="their words and name (only with their consent)"
    )
    whose.add_argument(
        "--community", action="store_true", help="the top issues of everyone (or --tag), no names"
    )
    graphic.add_argument("--tag", metavar="T", help="with --community: only people with this tag")
    graphic.add_argument("--language", default="en", choices=("en", "es"), help="default: en")
    graphic.add_argument("--out", required=True, metavar="FILE.png|FILE.pdf")
    graphic.set_defaults(handler=run_graphic)

    calibration = print_kinds.add_parser(
        "calibration", help="a test page with every cell outlined and rulers, to set the offset"
    )
    calibration.add_argument("--stock", required=True, metavar="ID")
    calibration.add_argument("--out", required=True, metavar="FILE.pdf")
    _offset_arg(calibration)
    calibration.set_defaults(handler=run_calibration)

    stocks = print_kinds.add_parser("stocks", help="list the card, label and envelope stocks")
    stocks.set_defaults(handler=run_list_stocks)

    offset = print_kinds.add_parser(
        "offset", help="show or set how far to move everything printed, for a printer that is off"
    )
    offset.add_argument("--right", type=float, metavar="MM", help="millimetres right (- for left)")
    offset.add_argument("--down", type=float, metavar="MM", help="millimetres down (- for up)")
    offset.set_defaults(handler=run_offset)


def _people_args(parser: argparse.ArgumentParser) -> None:
    who = parser.add_argument_group("who (one or more)")
    who.add_argument("--person", type=int, action="append", default=[], metavar="ID")
    who.add_argument("--tag", metavar="T", help="everyone (not archived) with this tag")
    who.add_argument(
        "--thank-you-due", action="store_true", help="everyone with an open thank-you card task"
    )


def _offset_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--offset", type=_offset, metavar="RIGHT,DOWN", help="mm, instead of the saved offset"
    )


def _sheet_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--skip", type=int, default=0, metavar="N", help="cells already used")
    parser.add_argument("--out", required=True, metavar="FILE.pdf")
    _offset_arg(parser)


def _offset(text: str) -> tuple[float, float]:
    try:
        right, down = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not two numbers like 1.5,-0.5") from None
    return (right, down)


@contextmanager
def _plain_errors() -> Iterator[None]:
    """Turn the documents' known problems into a message and exit code 2 (no file written)."""
    from oneonone_desktop.documents.graphics import GraphicError
    from oneonone_desktop.documents.layout import OutputError
    from oneonone_desktop.documents.merge import UnknownPeople
    from oneonone_desktop.documents.stocks import StockError
    from oneonone_desktop.documents.templates import TemplateError

    try:
        yield
    except (GraphicError, OutputError, UnknownPeople, StockError, TemplateError) as exc:
        raise CommandError(f"{exc.message} Nothing was written.") from exc
    except OSError as exc:
        raise CommandError(f"Could not write the file: {exc.strerror or exc}.") from exc


def _who(args: argparse.Namespace, database: Any) -> list[int]:
    from oneonone_desktop.documents.cards import thank_you_due
    from oneonone_desktop.services.supporter_list import SupporterFilter, all_ids

    if not (args.person or args.tag or args.thank_you_due):
        raise CommandError("Choose who: --person ID (repeatable), --tag T or --thank-you-due.")
    ids = list(args.person)
    if args.tag:
        tagged = all_ids(database, SupporterFilter(tag=args.tag))
        if not tagged:
            raise CommandError(f"No one has the tag '{args.tag}'. Nothing was written.")
        ids += tagged
    if args.thank_you_due:
        due = thank_you_due()
        if not due and not ids:
            raise CommandError("No thank-you cards are due. Nothing was written.")
        ids += due
    return list(dict.fromkeys(ids))


def _progress() -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r{done:,} of {total:,}", end="" if done < total else "\n", file=sys.stderr)

    return show


def run_cards(args: argparse.Namespace) -> int:
    from oneonone_desktop.documents import cards
    from oneonone_desktop.documents.stocks import get_stock, page_count

    with _plain_errors(), opened_store(args) as database:
        stock = get_stock(args.stock)
        ids = _who(args, database)
        for note in cards.preflight(ids, args.template):
            print(f"Note: {note}", file=sys.stderr)
        count = cards.write_cards(
            args.out,
            ids,
            stock.id,
            args.template,
            args.offset,
            _progress(),
            back=args.back,
            skip=args.skip,
        )
        ticked = cards.mark_cards_sent(ids) if args.mark_sent else 0
    sheets = page_count(stock, count, args.skip)
    side = " (each followed by its back page)" if args.back else ""
    print(
        f"Wrote {count:,} card{'s' * (count != 1)} on {sheets:,} sheet{'s' * (sheets != 1)}"
        f"{side} to {args.out}."
    )
    if args.mark_sent:
        print(f"Ticked {ticked:,} thank-you task{'s' * (ticked != 1)} as done.")
    return 0


def run_labels(args: argparse.Namespace) -> int:
    from oneonone_desktop.documents.labels import write_labels

    with _plain_errors(), opened_store(args) as database:
        result = write_labels(
            args.out, _who(args, database), args.stock, args.offset, _progress(), skip=args.skip
        )
    return _mailing_report(result, "label", args.out)


def run_envelopes(args: argparse.Namespace) -> int:
    from oneonone_desktop.documents.labels import write_envelopes

    with _plain_errors(), opened_store(args) as database:
        result = write_envelopes(
            args.out, _who(args, database), args.stock, args.offset, _progress()
        )
    return _mailing_report(result, "envelope", args.out)


def _mailing_report(result: Any, what: str, out: str) -> int:
    if result.skipped:
        ids = ", ".join(str(i) for i in result.skipped)
        print(f"Note: {result.note()} Ids: {ids}.", file=sys.stderr)
    n = result.written
    print(
        f"Wrote {n:,} {what}{'s' * (n != 1)} on {result.pages:,} page"
        f"{'s' * (result.pages != 1)} to {out}."
    )
    return 0


def run_graphic(args: argparse.Namespace) -> int:
    from oneonone_desktop.documents.graphics import parse_size, write_graphic
    from oneonone_desktop.services.supporter_list import SupporterFilter, all_ids

    if args.tag and not args.community:
        raise CommandError("--tag goes with --community (the top issues of the people tagged).")
    with _plain_errors():
        size = parse_size(args.size) if args.size else None
        with opened_store(args) as database:
            group = all_ids(database, SupporterFilter(tag=args.tag)) if args.tag else None
            result = write_graphic(
                args.out,
                paper=args.paper,
                size=size,
                words=args.text,
                supporter_id=args.person,
                community=args.community,
                supporter_ids=group,
                language=args.language,
            )
    if result.note:
        print(f"Note: {result.note}", file=sys.stderr)
    width, height = result.size
    unit = "pixels" if str(args.out).lower().endswith(".png") else "points"
    print(f"Wrote {args.out} ({width:g} × {height:g} {unit}).")
    return 0


def run_calibration(args: argparse.Namespace) -> int:
    from oneonone_desktop.documents.labels import write_calibration_page
    from oneonone_desktop.documents.layout import resolve_offset
    from oneonone_desktop.documents.stocks import get_stock

    with _plain_errors(), opened_store(args):
        stock = get_stock(args.stock)
        offset = resolve_offset(args.offset)
        write_calibration_page(args.out, stock, offset)
    print(
        f"Wrote a test page for {stock.id} to {args.out} (offset {offset[0]:+g} mm right, "
        f"{offset[1]:+g} mm down). Print it at actual size and compare with a sheet."
    )
    return 0


def run_list_stocks(args: argparse.Namespace) -> int:
    from oneonone_desktop.documents.layout import MM
    from oneonone_desktop.documents.stocks import list_stocks

    with _plain_errors():
        stocks = list_stocks()
    width = max(len(s.id) for s in stocks)
    for s in stocks:
        w, h = s.finished_size
        per = f"{s.per_page} per sheet" if s.per_page > 1 else "1 per sheet"
        size = f"{w / MM:.0f}×{h / MM:.0f} mm"
        print(f"{s.id:<{width}}  {s.kind:<8}  {per:<13}  {size:<12}  {s.name}")
    return 0


def run_offset(args: argparse.Namespace) -> int:
    from oneonone_desktop.documents.layout import load_offset, save_offset

    with _plain_errors(), opened_store(args):
        right, down = load_offset()
        if args.right is not None or args.down is not None:
            right = args.right if args.right is not None else right
            down = args.down if args.down is not None else down
            save_offset(right, down)
            print(f"Saved: everything printed moves {right:+g} mm right and {down:+g} mm down.")
        else:
            print(f"Printer offset: {right:+g} mm right, {down:+g} mm down.")
    return 0
