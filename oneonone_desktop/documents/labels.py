"""Address labels and envelopes (people without a postal address are skipped and reported), the
return address, and the calibration page that shows how far a printer is off."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from oneonone_desktop.documents.layout import (
    MM,
    CancelFn,
    ProgressFn,
    SheetWriter,
    TextBlock,
    check_output,
    color,
    common_size,
    draw_fitted,
    fit_blocks,
    inset,
    resolve_offset,
    rotated,
    step,
    text_width,
)
from oneonone_desktop.documents.merge import UnknownPeople, organizer
from oneonone_desktop.documents.stocks import (
    Rect,
    Stock,
    StockError,
    cell_rects,
    get_stock,
    require_kind,
)
from oneonone_desktop.io.atomic import atomic_write_bytes
from oneonone_desktop.store.models import db

RETURN_ADDRESS_KEY = "print.return_address"
CITY_FIRST = {
    "",
    "us",
    "usa",
    "u.s.",
    "u.s.a.",
    "united states",
    "united states of america",
    "ca",
    "canada",
    "au",
    "australia",
}
"""Countries written 'City, Region Postcode'; elsewhere 'Postcode City'. No country line for
the first group either (the organizer is mailing at home)."""
_CHUNK = 500
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@dataclass
class MailingResult:
    """What a label or envelope run did. `skipped`: ids of people without a postal address."""

    written: int
    pages: int
    skipped: list[int] = field(default_factory=list)
    data: bytes = field(default=b"", repr=False)  # the PDF, for a preview (render_* only)

    def note(self) -> str:
        """A plain sentence about the people left out ('' when nobody was)."""
        if not self.skipped:
            return ""
        n = len(self.skipped)
        people = "person has" if n == 1 else "people have"
        return f"Skipped {n} {people} no postal address (street and city or postcode)."


# --- addresses ------------------------------------------------------------------------------


def format_address(
    name: str, street: str, street2: str, city: str, region: str, postal: str, country: str
) -> list[str] | None:
    """The lines of a postal address, or None when there is no street or no city/postcode."""
    street, street2, city = street.strip(), street2.strip(), city.strip()
    region, postal, country = region.strip(), postal.strip(), country.strip()
    if not street or not (city or postal):
        return None
    lines = [name.strip(), street]
    if street2:
        lines.append(street2)
    if country.lower() in CITY_FIRST:
        place = ", ".join(p for p in (city, " ".join(p for p in (region, postal) if p)) if p)
        lines.append(place)
    else:
        lines.append(" ".join(p for p in (postal, city) if p))
        if region:
            lines.append(region)
        lines.append(country.upper())
    return [line for line in lines if line]


def address_lines_many(supporter_ids: Sequence[int]) -> dict[int, list[str] | None]:
    """Each person's address lines (None without an address), one query per 500 people.
    Raises UnknownPeople when an id is not in the database."""
    ids = list(dict.fromkeys(int(i) for i in supporter_ids))
    found: dict[int, list[str] | None] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in db.execute_sql(
            "SELECT id, first_name, preferred_name, last_name, street, street2, city, region,"
            f" postal_code, country FROM supporter WHERE id IN ({marks})",
            chunk,
        ):
            sid, first, preferred, last, *place = row
            name = " ".join(p for p in (first or preferred, last) if p)
            found[sid] = format_address(name, *place)
    missing = [i for i in ids if i not in found]
    if missing:
        raise UnknownPeople(missing)
    return found


def return_address_lines() -> list[str]:
    """The sender block: the saved return address, or the organizer's name and chapter."""
    row = db.execute_sql(
        "SELECT value FROM setting WHERE key = ?", (RETURN_ADDRESS_KEY,)
    ).fetchone()
    if row:
        try:
            lines = json.loads(row[0])
            if isinstance(lines, list) and all(isinstance(x, str) for x in lines):
                return [x for x in lines if x.strip()]
        except ValueError:
            pass
    return [part for part in organizer() if part]


def save_return_address(lines: Sequence[str]) -> None:
    """Remember the return address printed on envelopes and postcards (at most 6 lines)."""
    cleaned = [line.strip() for line in lines if line.strip()]
    if len(cleaned) > 6:
        raise ValueError("A return address has at most 6 lines.")
    db.execute_sql(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        (RETURN_ADDRESS_KEY, json.dumps(cleaned, ensure_ascii=False)),
    )


# --- labels and envelopes -------------------------------------------------------------------


def _address_blocks(lines: Sequence[str], size: float, width: float) -> list[TextBlock]:
    """Name in bold, then the address, all at one size that fits the width if it can."""
    fonts = [BOLD if i == 0 else FONT for i in range(len(lines))]
    size = common_size(list(zip(lines, fonts, strict=True)), size, width, size * 0.55)
    return [
        TextBlock(line, font, size, "left", 1.2, 0, "#111111")
        for line, font in zip(lines, fonts, strict=True)
    ]


def _people(supporter_ids: Sequence[int]) -> tuple[list[list[str]], list[int]]:
    addresses = address_lines_many(supporter_ids)
    printable = [lines for lines in addresses.values() if lines]
    skipped = [sid for sid, lines in addresses.items() if not lines]
    return printable, skipped


def write_labels(
    path: Path | str,
    supporter_ids: Sequence[int],
    stock_id: str = "avery-5160",
    offset: tuple[float, float] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    *,
    skip: int = 0,
) -> MailingResult:
    """One address label per person with an address; `skip` leaves used labels on sheet one.
    `offset`: printer correction in mm (right, down); None uses the saved one."""
    target = check_output(path, (".pdf",))
    result = render_labels(supporter_ids, stock_id, offset, progress, cancelled, skip=skip)
    atomic_write_bytes(target, result.data)
    return replace(result, data=b"")


def render_labels(
    supporter_ids: Sequence[int],
    stock_id: str = "avery-5160",
    offset: tuple[float, float] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    *,
    skip: int = 0,
) -> MailingResult:
    """The labels as a PDF in `result.data`, for a preview (write_labels saves them)."""
    stock = get_stock(stock_id)
    require_kind(stock, ("label",), "address labels")
    if not 0 <= skip < stock.per_page:
        raise StockError(
            f"'{stock.id}' has {stock.per_page} labels a sheet; skip 0 to {stock.per_page - 1}."
        )
    people, skipped = _people(supporter_ids)
    writer = SheetWriter(stock, resolve_offset(offset), "Address labels")
    cells = cell_rects(stock)
    slots: list[list[str] | None] = [None] * skip + list(people)
    size = min(11.0, stock.cell_height * 0.14)
    done = 0
    for start in range(0, len(slots), stock.per_page):
        canvas = writer.start_page()
        for cell, lines in zip(cells, slots[start : start + stock.per_page], strict=False):
            if lines is None:
                continue
            box = inset(cell, max(6.0, cell[2] * 0.05), max(4.0, cell[3] * 0.08))
            fitted = fit_blocks(_address_blocks(lines, size, box[2]), box[2], box[3], 0.55)
            draw_fitted(canvas, fitted, box, "middle")
            done += 1
            step(done, len(people), progress, cancelled)
    data = writer.finish()
    return MailingResult(len(people), writer.pages, skipped, data)


def write_envelopes(
    path: Path | str,
    supporter_ids: Sequence[int],
    stock_id: str = "envelope-10",
    offset: tuple[float, float] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> MailingResult:
    """One envelope per person with an address: return address top left, recipient centred."""
    target = check_output(path, (".pdf",))
    result = render_envelopes(supporter_ids, stock_id, offset, progress, cancelled)
    atomic_write_bytes(target, result.data)
    return replace(result, data=b"")


def render_envelopes(
    supporter_ids: Sequence[int],
    stock_id: str = "envelope-10",
    offset: tuple[float, float] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> MailingResult:
    """The envelopes as a PDF in `result.data`, for a preview (write_envelopes saves them)."""
    stock = get_stock(stock_id)
    require_kind(stock, ("envelope",), "envelopes")
    people, skipped = _people(supporter_ids)
    sender = return_address_lines()
    writer = SheetWriter(stock, resolve_offset(offset), "Envelopes")
    (cell,) = cell_rects(stock)
    x, y, w, h = cell
    base = min(w, h)
    for done, lines in enumerate(people, start=1):
        canvas = writer.start_page()
        if sender:
            box = (x + 0.35 * 72, y + h * 0.55, w * 0.42, h * 0.45 - 0.35 * 72)
            blocks = [
                TextBlock(s, FONT, base * 0.032, "left", 1.25, 0, "#333333", True) for s in sender
            ]
            draw_fitted(canvas, fit_blocks(blocks, box[2], box[3], 0.6), box, "top")
        box_w, box_h = w * 0.5, h * 0.42
        fitted = fit_blocks(_address_blocks(lines, base * 0.05, box_w), box_w, box_h, 0.5)
        widest = max(text_width(line.text, line.font, line.size) for line in fitted.lines)
        left = x + (w - widest) / 2
        bottom = y + h * 0.42 - box_h / 2
        draw_fitted(canvas, fitted, (left, bottom, widest, box_h), "middle")
        step(done, len(people), progress, cancelled)
    data = writer.finish()
    return MailingResult(len(people), writer.pages, skipped, data)


# --- the address side of a postcard -------------------------------------------------------


def draw_address_side(
    canvas: Canvas, cell: Rect, recipient: Sequence[str], sender: Sequence[str], note: str
) -> None:
    """A postcard's back: return address top left, stamp box top right, recipient on the right
    half; turned to landscape when the card is portrait."""
    degrees = 90 if cell[3] > cell[2] else 0
    with rotated(canvas, cell, degrees) as local:
        x, y, w, h = local
        base = min(w, h)
        pad = base * 0.1
        canvas.setStrokeColor(color("#b0b0b0"))
        canvas.setLineWidth(0.5)
        canvas.line(x + w * 0.5, y + h * 0.14, x + w * 0.5, y + h * 0.86)
        stamp_w, stamp_h = base * 0.22, base * 0.26
        canvas.rect(x + w - pad - stamp_w, y + h - pad - stamp_h, stamp_w, stamp_h)
        sender_box = (x + pad, y + h * 0.62, w * 0.5 - pad * 1.5, h * 0.38 - pad)
        _lines(canvas, sender, sender_box, base * 0.034, "#6b6b6b", "top")
        if note.strip() and note.strip() not in sender:
            note_box = (x + pad, y + pad, w * 0.5 - pad * 1.5, h * 0.3)
            _lines(
                canvas, [note], note_box, base * 0.036, "#6b6b6b", "bottom", "DejaVuSerif-Italic"
            )
        to_box = (x + w * 0.5 + pad * 0.6, y + pad, w * 0.5 - pad * 1.6, h * 0.62 - pad)
        _lines(canvas, recipient, to_box, base * 0.05, "#222222", "middle")


def _lines(
    canvas: Canvas,
    lines: Sequence[str],
    box: Rect,
    size: float,
    ink: str,
    valign: str,
    font: str = "DejaVuSans",
) -> None:
    kept = [line for line in lines if line]
    size = common_size([(line, font) for line in kept], size, box[2], size * 0.6)
    blocks = [TextBlock(line, font, size, "left", 1.25, 0, ink) for line in kept]
    if blocks:
        draw_fitted(canvas, fit_blocks(blocks, box[2], box[3], min_scale=0.7), box, valign)


# --- calibration ----------------------------------------------------------------------------


def write_calibration_page(
    path: Path | str, stock: Stock | str, offset: tuple[float, float] | None = None
) -> None:
    """A test page: every cell outlined and numbered, fold lines dashed, and rulers in mm
    measured from the paper's left and top edges, printed with the current offset."""
    target = check_output(path, (".pdf",))
    atomic_write_bytes(target, render_calibration_page(stock, offset))


def render_calibration_page(stock: Stock | str, offset: tuple[float, float] | None = None) -> bytes:
    """The calibration page as PDF bytes, for a preview."""
    stock = get_stock(stock) if isinstance(stock, str) else stock
    offset_mm = resolve_offset(offset)
    writer = SheetWriter(stock, offset_mm, f"Calibration: {stock.name}")
    canvas = writer.start_page()
    canvas.setLineWidth(0.5)
    for number, (x, y, w, h) in enumerate(cell_rects(stock), start=1):
        canvas.setStrokeColor(color("#1f6f78"))
        canvas.setDash()
        canvas.rect(x, y, w, h)
        canvas.setFillColor(color("#1f6f78"))
        canvas.setFont(FONT, 7)
        canvas.drawString(x + 3, y + h - 9, str(number))
        canvas.setStrokeColor(color("#b5462b"))
        canvas.setDash(3, 3)
        if stock.fold in ("half", "quarter"):
            canvas.line(x + w / 2, y, x + w / 2, y + h)
        if stock.fold == "quarter":
            canvas.line(x, y + h / 2, x + w, y + h / 2)
    canvas.setDash()
    _rulers(canvas, stock)
    _instructions(canvas, stock, offset_mm)
    return writer.finish()


def _rulers(canvas: Canvas, stock: Stock) -> None:
    width, height = stock.page_size
    at = 25 * MM
    canvas.setStrokeColor(color("#000000"))
    canvas.setFillColor(color("#000000"))
    canvas.setFont(FONT, 6)
    canvas.line(0, height - at, width, height - at)
    canvas.line(at, 0, at, height)
    for mm in range(int(width / MM) + 1):
        tick = 4 if mm % 10 == 0 else (2.5 if mm % 5 == 0 else 1.2)
        canvas.line(mm * MM, height - at, mm * MM, height - at - tick * MM)
        if mm % 10 == 0 and mm:
            canvas.drawCentredString(mm * MM, height - at - 7 * MM, str(mm))
    for mm in range(int(height / MM) + 1):
        tick = 4 if mm % 10 == 0 else (2.5 if mm % 5 == 0 else 1.2)
        canvas.line(at, height - mm * MM, at + tick * MM, height - mm * MM)
        if mm % 10 == 0 and mm:
            canvas.drawString(at + 5 * MM, height - mm * MM - 2, str(mm))


def _instructions(canvas: Canvas, stock: Stock, offset_mm: tuple[float, float]) -> None:
    width, height = stock.page_size
    lines = [
        f"Test page for {stock.name}",
        "Print at 100% (actual size), not 'fit to page'.",
        "Hold it against a sheet of the stock, up to the light: the boxes should sit on the cards.",
        "Rulers: mm from the paper's left edge (top ruler) and top edge (left ruler).",
        "If the 50 mm mark lands at 52 mm, the printer is 2 mm off: enter -2 as the offset.",
        f"Offset now: {offset_mm[0]:+.1f} mm right, {offset_mm[1]:+.1f} mm down.",
    ]
    box_w, box_h = min(width * 0.62, 120 * MM), min(height * 0.3, 45 * MM)
    box = ((width - box_w) / 2 + 12 * MM, (height - box_h) / 2, box_w, box_h)
    canvas.setFillColor(color("#ffffff"))
    canvas.rect(*box, stroke=0, fill=1)
    blocks = [TextBlock(lines[0], BOLD, 10, "left", 1.3, 0, "#111111")]
    blocks += [TextBlock(line, FONT, 8.5, "left", 1.3, 3, "#333333") for line in lines[1:]]
    draw_fitted(canvas, fit_blocks(blocks, box[2] - 8, box[3] - 8, 0.4), inset(box, 4), "middle")
