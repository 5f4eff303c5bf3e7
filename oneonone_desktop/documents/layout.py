"""Page mechanics shared by every printable: fitting text in a box (shrink, then wrap, never run
off), drawing it upright or rotated, the printer offset, cancelling a batch, atomic files."""

from __future__ import annotations

import contextlib
import io
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.documents.fonts import register_fonts
from oneonone_desktop.documents.ink import MM
from oneonone_desktop.documents.stocks import Rect, Stock

OFFSET_KEY = "print.offset"
MAX_OFFSET_MM = 20.0
ASCENT, DESCENT = 0.93, 0.24  # DejaVu glyph extents, in ems
ELLIPSIS = "…"

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class PrintCancelled(Exception):
    """The user cancelled a batch; no file was written."""


class OutputError(ValueError):
    """The file cannot be written where asked; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- measuring and wrapping -----------------------------------------------------------------

_UNIT_WIDTHS: dict[tuple[str, str], float] = {}
_CACHE_LIMIT = 200_000
_SNUG = 0.999  # shrink a hair more than the exact fit, so rounding never forces a wrap


def unit_width(text: str, font: str) -> float:
    """Width of `text` at 1 pt in `font` (cached: templates repeat the same words)."""
    key = (font, text)
    width = _UNIT_WIDTHS.get(key)
    if width is None:
        if len(_UNIT_WIDTHS) > _CACHE_LIMIT:
            _UNIT_WIDTHS.clear()
        register_fonts()
        width = pdfmetrics.stringWidth(text, font, 1000) / 1000
        _UNIT_WIDTHS[key] = width
    return width


def text_width(text: str, font: str, size: float) -> float:
    return unit_width(text, font) * size


def common_size(lines: Sequence[tuple[str, str]], size: float, width: float, least: float) -> float:
    """The largest size up to `size` at which every (text, font) line fits `width` unwrapped,
    but not below `least`: lines that belong together (an address) share one size."""
    widest = max((unit_width(text, font) for text, font in lines), default=0.0)
    if widest * size <= width:
        return size
    return max(least, width * _SNUG / widest)


_RIGHT_TO_LEFT = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def unprintable(text: str, font: str) -> str:
    """The characters of `text` that `font` cannot print right: missing from the font (Chinese,
    Japanese, Korean, …) or written right to left (Hebrew, Arabic), which is not laid out."""
    register_fonts()
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    bad = []
    for char in dict.fromkeys(text):
        code = ord(char)
        if char.isspace():
            continue
        if code not in glyphs or any(low <= code <= high for low, high in _RIGHT_TO_LEFT):
            bad.append(char)
    return "".join(bad)


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and text_width(current + char, font, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to `width`; hard line breaks kept; over-long words broken."""
    lines: list[str] = []
    space = unit_width(" ", font) * size
    for paragraph in text.split("\n"):
        words = paragraph.split()
        current: list[str] = []
        current_w = 0.0
        for word in words:
            w = unit_width(word, font) * size
            if w > width:
                if current:
                    lines.append(" ".join(current))
                *done, last = _break_word(word, font, size, width)
                lines.extend(done)
                current, current_w = [last], text_width(last, font, size)
            elif current and current_w + space + w > width:
                lines.append(" ".join(current))
                current, current_w = [word], w
            else:
                current_w += (space if current else 0.0) + w
                current.append(word)
        lines.append(" ".join(current))
    return lines


# --- fitting blocks of text in a box --------------------------------------------------------


@dataclass(frozen=True)
class TextBlock:
    """A run of text in one font. `shrink_first`: a heading or name that shrinks to stay on one
    line (down to the minimum scale) before it wraps. `space_before` is in points at full size."""

    text: str
    font: str
    size: float
    align: str = "left"  # left, center, right
    leading: float = 1.3
    space_before: float = 0.0
    color: str = "#222222"
    shrink_first: bool = False


@dataclass(frozen=True)
class Line:
    text: str
    font: str
    size: float
    color: str
    align: str
    baseline: float  # distance from the top of the fitted box down to this line's baseline


@dataclass(frozen=True)
class Fitted:
    lines: list[Line]
    width: float
    height: float
    scale: float
    truncated: bool


def _lay(blocks: Sequence[TextBlock], width: float, scale: float, min_scale: float) -> Fitted:
    lines: list[Line] = []
    top = 0.0
    for index, block in enumerate(blocks):
        if not block.text.strip():
            continue
        size = block.size * scale
        if block.shrink_first:
            widest = max(text_width(part, block.font, size) for part in block.text.split("\n"))
            if widest > width:
                size = max(size * width * _SNUG / widest, block.size * min_scale)
        if index and lines:
            top += block.space_before * scale
        for text in wrap(block.text, block.font, size, width):
            box = size * block.leading
            baseline = top + (box - (ASCENT + DESCENT) * size) / 2 + ASCENT * size
            lines.append(Line(text, block.font, size, block.color, block.align, baseline))
            top += box
    return Fitted(lines, width, top, scale, False)


def fit_blocks(
    blocks: Sequence[TextBlock], width: float, height: float, min_scale: float = 0.45
) -> Fitted:
    """Lay the blocks out in a width × height box: wrap at full size, shrink everything together
    until it fits, and below `min_scale` cut the text off with an ellipsis (`truncated`)."""
    scale = 1.0
    fitted = _lay(blocks, width, scale, min_scale)
    while fitted.height > height and scale > min_scale:
        ratio = min(0.97, max(0.8, math.sqrt(height / fitted.height)))
        scale = max(min_scale, scale * ratio)
        fitted = _lay(blocks, width, scale, min_scale)
    if fitted.height <= height:
        return fitted
    return _truncate(fitted, height)


def _truncate(fitted: Fitted, height: float) -> Fitted:
    kept: list[Line] = []
    for line in fitted.lines:
        bottom = line.baseline + DESCENT * line.size + line.size * 0.05
        if bottom > height:
            break
        kept.append(line)
    if kept:
        last = kept[-1]
        text = last.text.rstrip() + ELLIPSIS
        while len(text) > 1 and text_width(text, last.font, last.size) > fitted.width:
            text = text[:-2].rstrip() + ELLIPSIS
        kept[-1] = Line(text, last.font, last.size, last.color, last.align, last.baseline)
    used = kept[-1].baseline + DESCENT * kept[-1].size if kept else 0.0
    return Fitted(kept, fitted.width, used, fitted.scale, True)


_COLORS: dict[str, Color] = {}


def color(value: str) -> Color:
    found = _COLORS.get(value)
    if found is None:
        found = _COLORS[value] = HexColor(value)
    return found


def draw_fitted(canvas: Canvas, fitted: Fitted, rect: Rect, valign: str = "middle") -> None:
    """Draw fitted text inside `rect` (x, y, w, h); valign is top, middle or bottom."""
    x, y, w, h = rect
    if valign == "top":
        top = y + h
    elif valign == "bottom":
        top = y + fitted.height
    else:
        top = y + h - (h - fitted.height) / 2
    current: tuple[str, float] | None = None
    current_color = ""
    for line in fitted.lines:
        if (line.font, line.size) != current:
            canvas.setFont(line.font, line.size)
            current = (line.font, line.size)
        if line.color != current_color:
            canvas.setFillColor(color(line.color))
            current_color = line.color
        baseline = top - line.baseline
        if line.align == "center":
            canvas.drawCentredString(x + w / 2, baseline, line.text)
        elif line.align == "right":
            canvas.drawRightString(x + w, baseline, line.text)
        else:
            canvas.drawString(x, baseline, line.text)


@contextlib.contextmanager
def rotated(canvas: Canvas, rect: Rect, degrees: int) -> Iterator[Rect]:
    """Draw inside `rect` turned by 0, 90, 180 or 270 degrees; yields the rect to draw in."""
    if degrees % 360 == 0:
        yield rect
        return
    x, y, w, h = rect
    canvas.saveState()
    canvas.translate(x + w / 2, y + h / 2)
    canvas.rotate(degrees)
    lw, lh = (h, w) if degrees % 180 == 90 else (w, h)
    try:
        yield (-lw / 2, -lh / 2, lw, lh)
    finally:
        canvas.restoreState()


def inset(rect: Rect, pad_x: float, pad_y: float | None = None) -> Rect:
    x, y, w, h = rect
    pad_y = pad_x if pad_y is None else pad_y
    return (x + pad_x, y + pad_y, max(w - 2 * pad_x, 1.0), max(h - 2 * pad_y, 1.0))


# --- the printer offset ---------------------------------------------------------------------


def check_offset(offset_mm: tuple[float, float]) -> tuple[float, float]:
    x, y = (float(v) for v in offset_mm)
    if not (math.isfinite(x) and math.isfinite(y)):
        raise OutputError("The printer offset must be two numbers of millimetres.")
    if abs(x) > MAX_OFFSET_MM or abs(y) > MAX_OFFSET_MM:
        raise OutputError(
            f"A printer offset of more than {MAX_OFFSET_MM:.0f} mm is surely a typo "
            f"(got {x:g} mm right, {y:g} mm down)."
        )
    return (x, y)


def load_offset() -> tuple[float, float]:
    """The saved printer offset in mm: (right, down); (0, 0) when none is saved."""
    from oneonone_desktop.store.models import Setting

    row = Setting.get_or_none(Setting.key == OFFSET_KEY)
    if row is None:
        return (0.0, 0.0)
    try:
        value = json.loads(row.value)
        return check_offset((value["x_mm"], value["y_mm"]))
    except (ValueError, KeyError, TypeError, OutputError):
        return (0.0, 0.0)


def save_offset(x_mm: float, y_mm: float) -> None:
    """Remember how far to move everything printed: x_mm right, y_mm down (negative: left, up)."""
    from oneonone_desktop.store.models import Setting

    x, y = check_offset((x_mm, y_mm))
    value = json.dumps({"x_mm": x, "y_mm": y})
    Setting.insert(key=OFFSET_KEY, value=value).on_conflict_replace().execute()


def resolve_offset(offset_mm: tuple[float, float] | None) -> tuple[float, float]:
    return load_offset() if offset_mm is None else check_offset(offset_mm)


# --- pages, progress, files -----------------------------------------------------------------


class SheetWriter:
    """A PDF in memory, one page per sheet of `stock`, with the printer offset on every page."""

    def __init__(self, stock: Stock, offset_mm: tuple[float, float], title: str) -> None:
        register_fonts()
        self.stock = stock
        self.offset = (offset_mm[0] * MM, -offset_mm[1] * MM)
        self.buffer = io.BytesIO()
        # A shipped font from the start: no unembedded Helvetica in the page resources.
        self.canvas = Canvas(self.buffer, pagesize=stock.page_size, initialFontName="DejaVuSans")
        self.canvas.setTitle(title)
        self.canvas.setCreator(APP_DISPLAY_NAME)
        self.pages = 0
        self._open = False

    def start_page(self) -> Canvas:
        if self._open:
            self.end_page()
        self._open = True
        if self.offset != (0.0, 0.0):
            self.canvas.translate(*self.offset)
        return self.canvas

    def end_page(self) -> None:
        if self._open:
            self.canvas.showPage()
            self.pages += 1
            self._open = False

    def finish(self) -> bytes:
        self.end_page()
        self.canvas.save()
        return self.buffer.getvalue()


def step(done: int, total: int, progress: ProgressFn | None, cancelled: CancelFn | None) -> None:
    """Report progress and stop the batch (PrintCancelled) when the user asked to."""
    if cancelled is not None and cancelled():
        raise PrintCancelled()
    if progress is not None:
        progress(done, total)


def check_output(path: Path | str, suffixes: tuple[str, ...]) -> Path:
    """Refuse, before any work, a file name with the wrong ending or in a missing folder."""
    target = Path(path)
    if target.suffix.lower() not in suffixes:
        raise OutputError(f"{target.name}: the file name must end in {' or '.join(suffixes)}.")
    if not target.parent.is_dir():
        raise OutputError(f"{target}: the folder {target.parent} does not exist.")
    if target.is_dir():
        raise OutputError(f"{target} is a folder; give a file name.")
    return target
