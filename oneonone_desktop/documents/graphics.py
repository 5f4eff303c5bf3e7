"""#WhyWeResist fill-in-the-blank posters (PDF) and social images (PNG or PDF): blank lines for
handwriting, a person's words (only with their social-media consent) or the community's top
issues (no names). One layout, drawn by reportlab for PDF and by Pillow for PNG."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from oneonone_desktop.documents.layout import (
    ASCENT,
    Fitted,
    SheetWriter,
    TextBlock,
    check_output,
    color,
    fit_blocks,
    resolve_offset,
    text_width,
)
from oneonone_desktop.documents.merge import issues_of, join_list, organizer, top_issues
from oneonone_desktop.documents.stocks import Stock, get_stock
from oneonone_desktop.io.atomic import atomic_write_bytes
from oneonone_desktop.resources import resource_path
from oneonone_desktop.store.models import db

HASHTAG = "#WhyWeResist"
PAPERS = ("letter", "a4", "tabloid")
SOCIAL_SIZES = ((1080, 1080), (1080, 1350), (1200, 675))
MIN_PIXELS, MAX_PIXELS = 200, 4000
WORDS = {
    "en": (
        "I resist because",
        "Our community resists because",
        "{issues} matter to me.",
        "Let's talk: why we resist",
    ),
    "es": (
        "Resisto porque",
        "Nuestra comunidad resiste porque",
        "me importan {issues}.",
        "Hablemos: por qué resistimos",
    ),
}
BOLD, SERIF_ITALIC, SANS = "DejaVuSans-Bold", "DejaVuSerif-Italic", "DejaVuSans"


class GraphicError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class GraphicText:
    """What a graphic says. An empty `fill` draws blank lines for handwriting."""

    headline: str
    fill: list[str] = field(default_factory=list)
    name: str = ""
    footer: str = ""
    hashtag: str = HASHTAG


@dataclass(frozen=True)
class GraphicResult:
    path: Path | None  # None from render_graphic
    size: tuple[float, float]  # pixels for PNG, points for PDF
    note: str = ""  # why a person's words or name were left out; '' when nothing was
    data: bytes = field(default=b"", repr=False)  # the file's bytes (render_graphic only)


@dataclass(frozen=True)
class Theme:
    background: str
    ink: str
    accent: str
    rule: str


PRINT = Theme("#ffffff", "#2b1a3d", "#5b2a86", "#8c80a3")
SOCIAL = Theme("#5b2a86", "#ffffff", "#f2c14e", "#d9c9ee")


def _words(language: str) -> tuple[str, str, str, str]:
    return WORDS.get(language.strip().lower()[:2], WORDS["en"])


def _footer(language: str) -> str:
    chapter = organizer()[1]
    return " · ".join(p for p in (chapter, _words(language)[3]) if p)


# --- what the graphic says ------------------------------------------------------------------


def blank_text(language: str = "en", words: str = "") -> GraphicText:
    """Blank lines to fill in by hand, or the organizer's own `words` (no person named)."""
    fill = [words.strip()] if words.strip() else []
    return GraphicText(_words(language)[0], fill, "", _footer(language))


def person_text(
    supporter_id: int, words: str = "", language: str = "en"
) -> tuple[GraphicText, str]:
    """A person's words (given, or the issues recorded for them) and name, only if their
    social_mention consent is recorded; otherwise blank lines and a note saying why."""
    from oneonone_desktop.services.supporters import has_consent

    row = db.execute_sql(
        "SELECT first_name, preferred_name, last_name FROM supporter WHERE id = ?", (supporter_id,)
    ).fetchone()
    if row is None:
        raise GraphicError(f"There is no person with id {supporter_id}.")
    if not has_consent(supporter_id, "social_mention"):
        note = (
            f"Person {supporter_id} was left out: no permission to mention them on social media"
            " is recorded. The graphic has blank lines instead."
        )
        return blank_text(language), note
    headline, _, issue_sentence, _ = _words(language)
    if not words.strip():
        issues = issues_of([supporter_id], "?").get(supporter_id, [])
        if issues:
            words = issue_sentence.replace("{issues}", join_list(issues, language))
    first, preferred, last = row
    name = " ".join(p for p in (preferred or first, last) if p)
    fill = [words.strip()] if words.strip() else []
    return GraphicText(headline, fill, f"— {name}", _footer(language)), ""


def community_text(
    supporter_ids: Sequence[int] | None = None, top: int = 5, language: str = "en"
) -> GraphicText:
    """The community's top issues, no names; blank lines when none are recorded yet."""
    issues = [name for name, _ in top_issues(supporter_ids, top)]
    return GraphicText(_words(language)[1], issues, "", _footer(language))


# --- one layout, two painters ---------------------------------------------------------------

Op = tuple[Any, ...]  # ("rect", x, y, w, h, colour) | ("line", x1, y1, x2, y2, width, colour)
# | ("text", x, baseline, text, font, size, colour, align); y measured down from the top


def scene(text: GraphicText, width: float, height: float, theme: Theme) -> list[Op]:
    """Everything to draw, in top-down coordinates of the given size."""
    short = min(width, height)
    margin = short * 0.08
    inner = width - 2 * margin
    ops: list[Op] = [("rect", 0, 0, width, height, theme.background)]
    y = margin
    tag_size = min(short * 0.11, inner / max(text_width(text.hashtag, BOLD, 1), 1))
    y += ASCENT * tag_size
    ops.append(("text", margin, y, text.hashtag, BOLD, tag_size, theme.accent, "left"))
    y += short * 0.05
    ops.append(("rect", margin, y, short * 0.16, short * 0.012, theme.accent))
    head = fit_blocks(
        [TextBlock(text.headline, BOLD, short * 0.075, "left", 1.2, 0, theme.ink, True)],
        inner,
        short * 0.25,
    )
    y += short * 0.06
    ops += _text_ops(head, margin, y)
    y += head.height + short * 0.04
    footer_size = short * 0.03
    bottom = height - margin - footer_size * 1.6
    if text.footer:
        ops.append(
            ("text", margin, height - margin, text.footer, SANS, footer_size, theme.ink, "left")
        )
    area = bottom - y
    if text.fill or text.name:
        blocks = [
            TextBlock(line, SERIF_ITALIC, short * 0.085, "left", 1.25, short * 0.02, theme.ink)
            for line in text.fill
        ]
        if text.name:
            blocks.append(
                TextBlock(
                    text.name, BOLD, short * 0.05, "left", 1.3, short * 0.04, theme.accent, True
                )
            )
        fitted = fit_blocks(blocks, inner, area, min_scale=0.3)
        ops += _text_ops(fitted, margin, y + (area - fitted.height) / 2)
    else:
        rows = max(2, min(6, int(area / (short * 0.12))))
        pitch = area / rows
        for row in range(1, rows + 1):
            line_y = y + pitch * row - pitch * 0.15
            ops.append(
                (
                    "line",
                    margin,
                    line_y,
                    width - margin,
                    line_y,
                    max(1.0, short * 0.003),
                    theme.rule,
                )
            )
    return ops


def _text_ops(fitted: Fitted, left: float, top: float) -> list[Op]:
    return [
        ("text", left, top + line.baseline, line.text, line.font, line.size, line.color, line.align)
        for line in fitted.lines
    ]


def paint_pdf(canvas: Any, ops: Sequence[Op], height: float) -> None:
    for op in ops:
        kind = op[0]
        if kind == "rect":
            _, x, y, w, h, fill = op
            canvas.setFillColor(color(fill))
            canvas.rect(x, height - y - h, w, h, stroke=0, fill=1)
        elif kind == "line":
            _, x1, y1, x2, y2, width, ink = op
            canvas.setStrokeColor(color(ink))
            canvas.setLineWidth(width)
            canvas.line(x1, height - y1, x2, height - y2)
        else:
            _, x, baseline, words, font, size, ink, _align = op
            canvas.setFillColor(color(ink))
            canvas.setFont(font, size)
            canvas.drawString(x, height - baseline, words)


@cache
def _pil_font(face: str, size: float) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(resource_path("fonts", f"{face}.ttf")), size)


def paint_png(ops: Sequence[Op], width: int, height: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for op in ops:
        kind = op[0]
        if kind == "rect":
            _, x, y, w, h, fill = op
            draw.rectangle((x, y, x + w - 1, y + h - 1), fill=fill)
        elif kind == "line":
            _, x1, y1, x2, y2, line_width, ink = op
            draw.line(((x1, y1), (x2, y2)), fill=ink, width=max(1, round(line_width)))
        else:
            _, x, baseline, words, font, size, ink, _align = op
            draw.text(
                (x, baseline), words, font=_pil_font(font, round(size, 1)), fill=ink, anchor="ls"
            )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


# --- files ----------------------------------------------------------------------------------


def parse_size(text: str) -> tuple[int, int]:
    """'1080x1080' -> (1080, 1080), checked to be a sensible pixel size."""
    try:
        w_text, h_text = text.lower().replace("×", "x").split("x")
        size = (int(w_text), int(h_text))
    except ValueError:
        raise GraphicError(f"'{text}' is not a size like 1080x1080.") from None
    if not all(MIN_PIXELS <= v <= MAX_PIXELS for v in size):
        raise GraphicError(f"Sizes go from {MIN_PIXELS} to {MAX_PIXELS} pixels a side.")
    return size


def write_graphic(
    path: Path | str,
    *,
    paper: str | None = None,
    size: tuple[int, int] | None = None,
    words: str = "",
    supporter_id: int | None = None,
    community: bool = False,
    supporter_ids: Sequence[int] | None = None,
    language: str = "en",
    offset: tuple[float, float] | None = None,
) -> GraphicResult:
    """Write a poster (`paper`: letter, a4, tabloid; PDF) or a social image (`size` in pixels;
    PNG or PDF, by the file name). See render_graphic for the content."""
    target = check_output(path, (".png", ".pdf"))
    result = render_graphic(
        target.suffix.lower().lstrip("."),
        paper=paper,
        size=size,
        words=words,
        supporter_id=supporter_id,
        community=community,
        supporter_ids=supporter_ids,
        language=language,
        offset=offset,
    )
    atomic_write_bytes(target, result.data)
    return replace(result, path=target, data=b"")


def render_graphic(
    fmt: str = "pdf",
    *,
    paper: str | None = None,
    size: tuple[int, int] | None = None,
    words: str = "",
    supporter_id: int | None = None,
    community: bool = False,
    supporter_ids: Sequence[int] | None = None,
    language: str = "en",
    offset: tuple[float, float] | None = None,
) -> GraphicResult:
    """The graphic as `fmt` ('pdf' or 'png') bytes in `result.data`. Content: the `community`'s
    top issues (of `supporter_ids`, or everyone), a person's words and name (only with their
    consent; otherwise blank lines and `result.note` says why), or blank lines / the organizer's
    own `words`. Without paper or size: a Letter poster (PDF) or a 1080×1080 image (PNG)."""
    png = fmt == "png"
    if fmt not in ("pdf", "png"):
        raise GraphicError(f"Graphics are saved as PDF or PNG, not {fmt}.")
    if paper is not None and size is not None:
        raise GraphicError("Choose a paper or a size, not both.")
    if paper is not None and paper not in PAPERS:
        raise GraphicError(f"Posters come in {', '.join(PAPERS)}; got '{paper}'.")
    if png and paper is not None:
        raise GraphicError("A poster is saved as PDF; use a size like 1080x1080 for a PNG.")
    if paper is None and size is None:
        size = SOCIAL_SIZES[0] if png else None
        paper = None if png else "letter"
    note = ""
    if community:
        text = community_text(supporter_ids, language=language)
    elif supporter_id is not None:
        text, note = person_text(supporter_id, words, language)
    else:
        text = blank_text(language, words)
    if size is not None:
        width, height = size
        ops = scene(text, width, height, SOCIAL)
        page = _page_stock(width, height)
        data = paint_png(ops, width, height) if png else _pdf(ops, page, (0, 0))
        return GraphicResult(None, (width, height), note, data)
    stock = get_stock(paper or "letter")
    ops = scene(text, stock.page_width, stock.page_height, PRINT)
    return GraphicResult(None, stock.page_size, note, _pdf(ops, stock, resolve_offset(offset)))


def _page_stock(width: float, height: float) -> Stock:
    return Stock(
        f"{width}x{height}",
        "Social image",
        "poster",
        width,
        height,
        1,
        1,
        width,
        height,
        0,
        0,
        0,
        0,
        None,
        False,
        "",
    )


def _pdf(ops: Sequence[Op], stock: Stock, offset_mm: tuple[float, float]) -> bytes:
    writer = SheetWriter(stock, offset_mm, HASHTAG)
    paint_pdf(writer.start_page(), ops, stock.page_height)
    return writer.finish()
