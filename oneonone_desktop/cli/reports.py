"""`oneonone report`: the report back on the 1:1s (PDF or CSV) for a period, anonymous unless
--include-personal. Bad dates or an unknown file type: a plain message, exit 2, nothing written."""

from __future__ import annotations

import argparse
from pathlib import Path

from oneonone_desktop.cli.common import CommandError, opened_store

Parsers = argparse._SubParsersAction  # type: ignore[type-arg]
KINDS = (".pdf", ".csv")


def register(subparsers: Parsers) -> None:
    report = subparsers.add_parser(
        "report",
        help="write the report back on your 1:1s (PDF with charts, or CSV): what people said, "
        "why they resist, commitments and follow-up; anonymous unless --include-personal",
    )
    report.add_argument("--out", required=True, metavar="FILE.pdf|FILE.csv")
    report.add_argument(
        "--since", metavar="YYYY-MM-DD", help="first day (default: three months before --until)"
    )
    report.add_argument("--until", metavar="YYYY-MM-DD", help="last day (default: today)")
    report.add_argument(
        "--include-personal",
        action="store_true",
        help="add names to the quotes and ladder moves and show counts under 5 "
        "(keep such a report within the chapter)",
    )
    report.add_argument(
        "--paper", choices=("letter", "a4"), default="letter", help="PDF paper (default: letter)"
    )
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from oneonone_desktop.io.problems import ExportFileError
    from oneonone_desktop.services.report_data import PeriodError, parse_period
    from oneonone_desktop.services.report_survey import build_report

    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in KINDS:
        raise CommandError(
            f"{out.name}: the file name must end in .pdf (to print or send) or .csv "
            "(for a spreadsheet). Nothing was written."
        )
    try:
        period = parse_period(args.since, args.until)
    except PeriodError as exc:
        raise CommandError(f"{exc.message} Nothing was written.") from exc
    with opened_store(args) as database:
        report = build_report(database, period, include_personal=args.include_personal)
        try:
            if kind == ".pdf":
                from oneonone_desktop.documents.report_pdf import write_report_pdf

                pages = write_report_pdf(out, report, args.paper)
                size = f"{pages} page{'s' if pages != 1 else ''}"
            else:
                from oneonone_desktop.io.report_csv import write_report_csv

                rows = write_report_csv(out, report)
                size = f"{rows} rows"
        except ExportFileError as exc:
            raise CommandError(exc.message) from exc
    privacy = "with names" if report.include_personal else "anonymous, counts under 5 hidden"
    print(f"Wrote {out} ({size}; {period.describe()}; {privacy}).")
    return 0
