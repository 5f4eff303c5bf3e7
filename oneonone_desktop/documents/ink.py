"""The house look shared by every printed page: paper sizes, millimetres, and the ink colours."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

PAPERS = {"letter": LETTER, "a4": A4}
MM = 72.0 / 25.4
INK = HexColor("#222222")  # body text: near-black, kinder to cheap printers than pure black
SOFT = HexColor("#6b6b6b")  # secondary text
RULE = HexColor("#c8c8c8")  # lines and boxes


def build_pdf(
    story: list[Any],
    pagesize: tuple[float, float],
    *,
    margin: float,
    title: str,
    author: str,
    footer: str,
) -> tuple[bytes, int]:
    """Lay `story` out in one full-width frame per page, with `footer` and the page number.

    Returns the PDF bytes and the page count.
    """
    from oneonone_desktop import APP_DISPLAY_NAME
    from oneonone_desktop.documents import fonts

    width, height = pagesize
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
        bottomMargin=margin, title=title, author=author, creator=APP_DISPLAY_NAME,
        initialFontName=fonts.SANS,
    )  # fmt: skip

    def on_page(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.SANS, 7)
        canvas.setFillColor(SOFT)
        canvas.drawString(margin, margin - 12, footer)
        canvas.drawRightString(width - margin, margin - 12, f"page {document.page}")
        canvas.restoreState()

    frame = Frame(margin, margin, width - 2 * margin, height - 2 * margin, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(story)
    return buffer.getvalue(), int(doc.page)
