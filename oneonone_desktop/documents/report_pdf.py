"""The survey report as a PDF to send to the chapter: key figures, charts (1:1s per week,
commitments, top issues), the tables of answers, issues, commitments by action, ladder moves and
follow-up, and "why our community resists" in people's own words. Fonts embedded, A4 or Letter.

Anonymous unless the report includes names (see services.report_survey): a chart that would
show a count from 1 to 4 leaves that bar out and says so, like the tables write "fewer than 5".
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.documents import fonts
from oneonone_desktop.documents.ink import INK, MM, PAPERS, RULE, SOFT, build_pdf
from oneonone_desktop.documents.report_charts import (
    ISSUE_BARS,
    commitment_chart,
    hidden,
    issue_chart,
    weekly_chart,
)
from oneonone_desktop.io.atomic import atomic_write_bytes
from oneonone_desktop.io.problems import ExportFileError
from oneonone_desktop.services.report_data import day_text
from oneonone_desktop.services.report_survey import (
    LEARNED_SOURCE,
    SurveyReport,
    followup_rows,
    ladder_rows,
    summary_rows,
)

MARGIN = 14 * MM
SHADE = HexColor("#f1f3f6")
QUOTE_LIMIT = 60
FONT = ("FONT", (0, 0), (-1, -1), fonts.SANS)  # else a table selects Helvetica, unembedded


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.SANS, fontSize=9, leading=12, textColor=INK)
    bold = fonts.SANS_BOLD
    return {
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=17, leading=21),
        "sub": ParagraphStyle("sub", base, textColor=SOFT, spaceAfter=2),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10.5, textColor=SOFT),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=bold,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "cell": base,
        "figure": ParagraphStyle("figure", base, fontName=bold, fontSize=15, leading=18),
        "question": ParagraphStyle(
            "question", base, fontSize=8.5, textColor=SOFT, spaceBefore=6, spaceAfter=3
        ),
        "quote": ParagraphStyle(
            "quote", base, fontSize=9.5, leading=13, leftIndent=10, spaceAfter=1.5
        ),
        "source": ParagraphStyle(
            "source", base, fontSize=7.5, leading=10, textColor=SOFT, leftIndent=10
        ),
    }


def _table(rows: list[list[object]], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1 if header else 0)
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle([*commands, FONT]))
    return table


def _cells(texts: list[str], st: ParagraphStyle) -> list[object]:
    return [Paragraph(escape(t).replace("\n", "<br/>"), st) for t in texts]


def _two_columns(rows: list[tuple[str, str]], st: ParagraphStyle, inner: float) -> Table:
    return _table([_cells([w, v], st) for w, v in rows], [inner * 0.7, inner * 0.3], False)


def _of(n: int, out_of: int) -> str:
    return f"{n:,} of {out_of:,}" if out_of else "none due"


def _figures(report: SurveyReport, st: dict[str, ParagraphStyle], inner: float) -> Table:
    dash, asks = report.dashboard, report.dashboard.asks
    parts = [asks.kept, asks.missed, asks.pending, asks.not_yet]
    tiles = [
        (f"{dash.held:,}", "1:1s held"),
        (report.total(asks.made, parts), "asks made"),
        (report.count(asks.kept), "commitments kept"),
        (_of(dash.promises.on_time, dash.promises.due), "promises kept on time"),
        (report.count(len(dash.moves)), "people moved up the ladder"),
        (_of(dash.thanked_in_time, dash.thanks_due), "thanked within two days"),
    ]
    cells = [
        [Paragraph(escape(v), st["figure"]), Paragraph(escape(w), st["note"])] for v, w in tiles
    ]
    table = Table([cells[:3], cells[3:]], colWidths=[inner / 3] * 3, hAlign="LEFT")
    white = Color(1, 1, 1)
    table.setStyle(
        TableStyle(
            [
                FONT,
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEAFTER", (0, 0), (1, -1), 3, white),
                ("LINEBELOW", (0, 0), (-1, 0), 3, white),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _charts(report: SurveyReport, st: dict[str, ParagraphStyle], inner: float) -> list[object]:
    half = (inner - 16) / 2
    asks, themes = report.dashboard.asks, report.themes
    not_drawn = "Not drawn: some of these counts are under 5, which this report does not show."
    left = commitment_chart(report, half) or Paragraph(
        not_drawn if asks.made else "No asks in this period.", st["note"]
    )
    chart = issue_chart(report, half)
    right: list[object] = [
        chart
        or Paragraph(
            "Each issue was raised by fewer than 5 people; they are in the table “Issues raised”."
            if themes
            else "No issues noted in these 1:1s.",
            st["note"],
        )
    ]
    small = [i for i in themes if hidden(report, [i.people])]
    if chart is not None and (small or len(themes) > ISSUE_BARS):
        right.append(Paragraph("Every issue raised is in the table “Issues raised”.", st["note"]))
    heads = [
        Paragraph("<b>Commitments</b>", st["cell"]),
        Paragraph("<b>Top issues</b>", st["cell"]),
    ]
    pair = Table([heads, [left, right]], colWidths=[half + 16, half], hAlign="LEFT")
    pair.setStyle(
        TableStyle(
            [FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        )
    )
    flow: list[object] = [
        Paragraph("<b>1:1s held per week</b> (each week named by its Monday)", st["cell"]),
        weekly_chart(report, inner),
        Spacer(1, 8),
        pair,
    ]
    return flow


def _answers(report: SurveyReport, st: dict[str, ParagraphStyle], inner: float) -> list[object]:
    if not report.answers:
        return [Paragraph("No answers to the guiding questions were noted.", st["note"])]
    rows: list[list[object]] = [_cells(["Question", "Answers", "Answered"], st["cell"])]
    for a in report.answers:
        question = f"{a.number}. {a.question}" if a.number else a.question
        join = " · " if a.kind == "yes_no" else "\n"
        counts = join.join(f"{word}: {report.count(n)}" for word, n in a.counts) or "in their words"
        answered = report.total(a.answered, [n for _, n in a.counts])
        rows.append(_cells([question, counts, answered], st["cell"]))
    return [_table(rows, [inner * 0.52, inner * 0.33, inner * 0.15])]


def _quotes(report: SurveyReport, st: dict[str, ParagraphStyle]) -> list[object]:
    if not report.quotes:
        return [
            Paragraph(
                "Nothing noted from people who agreed to share with the chapter in this period.",
                st["note"],
            )
        ]
    flow: list[object] = []
    source = None
    for quote in report.quotes[:QUOTE_LIMIT]:
        said = [Paragraph(f"“{escape(quote.text)}”", st["quote"])]
        who = " · ".join(p for p in (quote.name, day_text(quote.on) if quote.on else "") if p)
        if who:
            said.append(Paragraph(escape(who), st["source"]))
        if quote.source != source:
            source = quote.source
            heading = "What the organizer learned" if source == LEARNED_SOURCE else source
            said.insert(0, Paragraph(f"<b>{escape(heading)}</b>", st["question"]))
        flow.append(KeepTogether(said))
    if len(report.quotes) > QUOTE_LIMIT:
        more = len(report.quotes) - QUOTE_LIMIT
        flow.append(Paragraph(f"… and {more:,} more in the CSV export of this report.", st["note"]))
    return flow


def _issues_and_asks(
    report: SurveyReport, styles: dict[str, ParagraphStyle], inner: float
) -> list[object]:
    st = styles["cell"]
    flow: list[object] = []
    if report.themes:
        rows = [_cells(["Issue", "People", "Since the period before"], st)]
        rows += [
            _cells([i.name, report.count(i.people), report.change(i)], st) for i in report.themes
        ]
        flow.append(_table(rows, [inner * 0.5, inner * 0.2, inner * 0.3]))
    else:
        flow.append(Paragraph("No issues noted in these 1:1s.", styles["note"]))
    flow.append(Paragraph("Commitments by action", styles["h2"]))
    if not report.by_action:
        return [*flow, Paragraph("No asks in this period.", styles["note"])]
    rows = [_cells(["Action", "Asked", "Kept", "Missed", "To come", "Not yet"], st)]
    for title, a in report.by_action:
        parts = [a.kept, a.missed, a.pending, a.not_yet]
        rows.append(
            _cells([title, report.total(a.made, parts), *[report.count(n) for n in parts]], st)
        )
    return [*flow, _table(rows, [inner * 0.3] + [inner * 0.14] * 5)]


def _ladder(report: SurveyReport, st: dict[str, ParagraphStyle], inner: float) -> list[object]:
    moves = ladder_rows(report)
    if not moves:
        return []
    rows = [_cells(["From → to", "People"], st["cell"])] + [
        _cells([m, n], st["cell"]) for m, n in moves
    ]
    flow: list[object] = [
        Paragraph("Moved up the ladder", st["h2"]),
        _table(rows, [inner * 0.7, inner * 0.3]),
    ]
    if report.include_personal:
        rows = [_cells(["Who", "Moved", "On"], st["cell"])]
        rows += [
            _cells(
                [m.name, f"{m.from_label or 'No stage'} → {m.to_label}", day_text(m.on)], st["cell"]
            )
            for m in report.dashboard.moves
        ]
        flow += [Spacer(1, 6), _table(rows, [inner * 0.4, inner * 0.4, inner * 0.2])]
    return flow


def _story(report: SurveyReport, st: dict[str, ParagraphStyle], inner: float) -> list[object]:
    chapter = report.chapter or "Our chapter"
    made = f"made {day_text(report.today)}" + (
        f" by {report.organizer}" if report.organizer else ""
    )
    privacy = (
        "Names are included: keep this report within the chapter."
        if report.include_personal
        else "Anonymous: no names, emails, phones or addresses; counts about supporters under 5 "
        "are written “fewer than 5”. Quotes only from people who agreed to share with the chapter."
    )
    return [
        Paragraph("Report back: what we learned from our 1:1s", st["title"]),
        Paragraph(escape(f"{chapter} · {report.period.describe()} · {made}"), st["sub"]),
        Paragraph(escape(privacy), st["note"]),
        Spacer(1, 8),
        _figures(report, st, inner),
        Spacer(1, 10),
        *_charts(report, st, inner),
        CondPageBreak(140),
        Paragraph("The figures", st["h2"]),
        _two_columns(summary_rows(report), st["cell"], inner),
        Paragraph("Answers to the guiding questions", st["h2"]),
        *_answers(report, st, inner),
        Paragraph("Issues raised", st["h2"]),
        *_issues_and_asks(report, st, inner),
        *_ladder(report, st, inner),
        Paragraph("Follow-up", st["h2"]),
        _two_columns(followup_rows(report), st["cell"], inner),
        Paragraph("Why our community resists, in their own words", st["h2"]),
        *_quotes(report, st),
    ]


def build_report_pdf(report: SurveyReport, paper: str = "letter") -> tuple[bytes, int]:
    """The report as PDF bytes, and its number of pages."""
    if paper not in PAPERS:
        raise ValueError(f"Paper must be letter or a4, not '{paper}'.")
    fonts.register_fonts()
    st = _styles()
    width, height = PAPERS[paper]
    inner = width - 2 * MARGIN
    footer = f"{report.chapter or APP_DISPLAY_NAME} · report back · {report.period.describe()}"
    return build_pdf(
        _story(report, st, inner), (width, height), margin=MARGIN,
        title=f"Report back {report.period.since} to {report.period.until}",
        author=report.organizer or report.chapter or APP_DISPLAY_NAME, footer=footer,
    )  # fmt: skip


def write_report_pdf(path: Path | str, report: SurveyReport, paper: str = "letter") -> int:
    """Write the report PDF atomically; returns its number of pages.

    Raises ExportFileError (nothing written) when the file cannot be written.
    """
    target = Path(path)
    data, pages = build_report_pdf(report, paper)
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ExportFileError(
            target, f"{target} cannot be written ({exc.strerror or exc}). No report was saved."
        ) from exc
    return pages
