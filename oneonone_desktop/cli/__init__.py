"""The command line: `oneonone` alone starts the window; subcommands run headless jobs."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from oneonone_desktop import APP_DISPLAY_NAME, __version__
from oneonone_desktop.cli.common import EXIT_USAGE, CommandError

# Each module has `register(subparsers)` adding its subcommands (with a `handler=` default),
# and may have `register_print(print_subparsers)` adding kinds of `oneonone print KIND`.
COMMAND_MODULES: tuple[str, ...] = (
    "oneonone_desktop.cli.supporters",
    "oneonone_desktop.cli.printing",
    "oneonone_desktop.cli.meetings",
    "oneonone_desktop.cli.calendar",
    "oneonone_desktop.cli.reports",
    "oneonone_desktop.cli.safety",
)


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder holding the data (default: your user data folder, or $ONEONONE_DATA_DIR); "
        "use a folder on a USB stick for a portable copy",
    )
    parser.add_argument(
        "--quit-after-startup",
        action="store_true",
        help="open the window, wait until the supporter list has painted, then quit (for checks)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oneonone",
        description=f"{APP_DISPLAY_NAME}: plan, hold and follow up one-on-one meetings, offline. "
        "Without a command, the app's window opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    printing = subparsers.add_parser(
        "print", help="make printable PDFs and images (cards, labels, prep sheets, agendas, …)"
    )
    printing.add_argument(
        "--list-stocks",
        action="store_true",
        help="list the card, label and envelope stocks (the same as: oneonone print stocks)",
    )
    printing.set_defaults(handler=_print_without_kind)
    print_kinds = printing.add_subparsers(dest="print_kind", metavar="KIND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "register"):
            module.register(subparsers)
        if hasattr(module, "register_print"):
            module.register_print(print_kinds)
    return parser


def _print_without_kind(args: argparse.Namespace) -> int:
    """`oneonone print` without a KIND: --list-stocks, or say what to choose."""
    if args.list_stocks:
        from oneonone_desktop.cli.printing import run_list_stocks

        return run_list_stocks(args)
    raise CommandError("Choose what to print: oneonone print KIND (see: oneonone print --help).")


def _gui_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """The global options when `argv` asks for nothing but the window, else None.

    Opening the window then imports no command module (they cost start-up time).
    """
    quick = argparse.ArgumentParser(add_help=False)
    _add_global_options(quick)
    try:
        args, rest = quick.parse_known_args(argv)
    except SystemExit:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _gui_only(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    if getattr(args, "command", None) is None:
        from oneonone_desktop.app import run_gui

        return run_gui(data_dir=args.data_dir, quit_after_startup=args.quit_after_startup)
    try:
        return int(args.handler(args) or 0)
    except CommandError as exc:
        print(f"oneonone: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("oneonone: interrupted; nothing was changed.", file=sys.stderr)
        return EXIT_USAGE
