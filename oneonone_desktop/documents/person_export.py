"""A readable PDF of everything held about one person (a privacy request), from the record that
services.privacy.person_record gathers: one section per kind of data, one box per row."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from oneonone_desktop.documents import fonts
from oneonone_desktop.documents.ink import INK, MM

MUTED = HexColor("#5b6775")
RULE = HexColor("#c9d1da")
MAX_VALUE = 20_000  # characters of one value shown (the JSON export holds it all)
_HIDDEN = {"supporter_id"}  # the same on every row: the person


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    base = ParagraphStyle("body", fontName=fonts.SANS, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": base,
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.SANS_BOLD, fontSize=18, leading=22, spaceAfter=4
        ),
        "note": ParagraphStyle("note", parent=base, textColor=MUTED, fontSize=9),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=fonts.SANS_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "key": ParagraphStyle("key", parent=base, textColor=MUTED),
    }


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    text = str(value)
    if len(text) > MAX_VALUE:
        text = text[:MAX_VALUE] + " …"
    return escape(text).replace("\n", "<br/>")


def _row_table(row: dict[str, Any], styles: dict[str, ParagraphStyle], width: float) -> Table:
    cells = [
        [Paragraph(escape(key.replace("_", " ")), styles["key"]), Paragraph(shown, styles["body"])]
        for key, value in row.items()
        if key not in _HIDDEN and (shown := _text(value))
    ] or [[Paragraph("(empty)", styles["key"]), ""]]
    table = Table(cells, colWidths=[42 * MM, width - 42 * MM])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def render_person_pdf(record: dict[str, Any], paper: str = "letter") -> bytes:
    """The PDF's bytes for a record from services.privacy.person_record."""
    from oneonone_desktop.services.privacy import TABLE_WORDS

    styles = _styles()
    pagesize = A4 if paper == "a4" else LETTER
    margin = 16 * MM
    width = pagesize[0] - 2 * margin
    about = record["about"]
    story: list[Any] = [
        Paragraph(f"Everything held about {escape(str(about['name']))}", styles["title"]),
        Paragraph(
            f"Exported {escape(str(about['exported_at']))} with {escape(str(about['made_with']))}"
            f" (person number {about['id']}). Every change to what they agreed to is listed, "
            "and every 1:1, answer, commitment, promise and follow-up about them.",
            styles["note"],
        ),
    ]
    if about.get("ladder_stage"):
        story.append(Paragraph(f"Ladder stage: {escape(about['ladder_stage'])}", styles["body"]))
    if about.get("referred_by"):
        story.append(Paragraph(f"Referred by: {escape(about['referred_by'])}", styles["body"]))
    for table, rows in record["tables"].items():
        heading = Paragraph(escape(TABLE_WORDS.get(table, table)), styles["h2"])
        if not rows:
            story.append(KeepTogether([heading, Paragraph("Nothing held.", styles["note"])]))
            continue
        story.append(heading)
        for row in rows:
            story += [_row_table(row, styles, width), Spacer(1, 4)]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"Everything held about {about['name']}",
        author=str(about["made_with"]),
    )
    doc.build(story)
    return out.getvalue()
