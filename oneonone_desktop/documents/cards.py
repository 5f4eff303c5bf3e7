"""Personalised thank-you cards and postcards on a stock's grid: the message on the right panel
of folded cards (upside down where a quarter fold needs it), an optional back side aligned with
the front, and text that always stays inside its card."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from oneonone_desktop.documents import labels
from oneonone_desktop.documents.layout import (
    CancelFn,
    ProgressFn,
    SheetWriter,
    TextBlock,
    check_output,
    color,
    draw_fitted,
    fit_blocks,
    inset,
    resolve_offset,
    rotated,
    step,
    unprintable,
)
from oneonone_desktop.documents.merge import (
    empty_fields,
    merge_values_many,
    render,
    sample_values,
    used_fields,
)
from oneonone_desktop.documents.stocks import (
    Rect,
    Stock,
    StockError,
    cell_rects,
    cover_panels,
    get_stock,
    list_stocks,
    message_panel,
    mirrored,
)
from oneonone_desktop.documents.templates import CardTemplate, TemplateOptions, get_template
from oneonone_desktop.io.atomic import atomic_write_bytes
from oneonone_desktop.store.models import db

CARD_KINDS = ("card", "postcard", "plain")
FACES = {
    "serif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
    "sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"),
}
INK = "#222222"
GREY = "#6b6b6b"


@dataclass(frozen=True)
class CardText:
    """One person's card, merged: every text ready to print."""

    heading: str
    body: str
    signature: str
    cover: str
    back: str


def merge_card(template: CardTemplate, values: Mapping[str, str]) -> CardText:
    o = template.options
    return CardText(
        heading=render(o.heading, values),
        body=render(template.body, values),
        signature=render(o.signature, values),
        cover=render(o.cover, values),
        back=render(o.back, values),
    )


def _base(rect: Rect) -> float:
    return min(rect[2], rect[3])


# --- drawing one card -----------------------------------------------------------------------


def message_blocks(text: CardText, options: TemplateOptions, base: float) -> list[TextBlock]:
    regular, bold, italic = FACES.get(options.font, FACES["serif"])
    align = options.align
    body_size = base * 0.047
    blocks = [
        TextBlock(text.heading, bold, base * 0.06, align, 1.25, 0, options.accent, True),
    ]
    for index, paragraph in enumerate(p for p in text.body.split("\n\n") if p.strip()):
        gap = body_size * (1.0 if index == 0 else 0.6)
        blocks.append(TextBlock(paragraph.strip(), regular, body_size, align, 1.35, gap, INK))
    blocks.append(TextBlock(text.signature, italic, body_size, align, 1.3, body_size * 1.1, INK))
    return blocks


def draw_message(
    canvas: Canvas, panel: Rect, degrees: int, text: CardText, o: TemplateOptions
) -> None:
    with rotated(canvas, panel, degrees) as local:
        base = _base(local)
        box = inset(local, base * 0.09)
        fitted = fit_blocks(message_blocks(text, o, base), box[2], box[3])
        draw_fitted(canvas, fitted, box, "middle")


def draw_covers(
    canvas: Canvas, covers: tuple[Rect, Rect], text: CardText, o: TemplateOptions
) -> None:
    front, back = covers
    base = _base(front)
    if text.cover.strip():
        box = inset(front, base * 0.12)
        block = TextBlock(text.cover, FACES["serif"][1], base * 0.11, "center", 1.2, 0, o.accent)
        fitted = fit_blocks([block], box[2], box[3])
        draw_fitted(canvas, fitted, box, "middle")
        x, y, w, h = front
        canvas.setStrokeColor(color(o.accent))
        canvas.setLineWidth(max(0.6, base * 0.004))
        rule_y = y + h / 2 - fitted.height / 2 - base * 0.05
        canvas.line(x + w * 0.4, rule_y, x + w * 0.6, rule_y)
    if text.back.strip():
        box = inset(back, base * 0.1)
        block = TextBlock(text.back, FACES["sans"][0], base * 0.032, "center", 1.3, 0, GREY)
        box = (box[0], box[1], box[2], base * 0.2)
        draw_fitted(canvas, fit_blocks([block], box[2], box[3]), box, "bottom")


# --- whole batches --------------------------------------------------------------------------


def write_cards(
    path: Path | str,
    supporter_ids: Sequence[int],
    stock_id: str,
    template_name: str,
    offset: tuple[float, float] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    *,
    back: bool = False,
    skip: int = 0,
) -> int:
    """Write one personalised card per person to a PDF; returns how many cards.

    `offset`: printer correction in mm (right, down); None uses the saved one. `back`: add a
    back page after each sheet (cover of half-fold cards, address side of postcards), aligned
    for two-sided printing. `skip`: cells already used on the first sheet. Raises StockError,
    UnknownTemplate, UnknownPeople, OutputError or PrintCancelled; the file is then untouched.
    """
    target = check_output(path, (".pdf",))
    template = get_template(template_name)
    data = render_cards(
        supporter_ids, stock_id, template, offset, progress, cancelled, back=back, skip=skip
    )
    atomic_write_bytes(target, data)
    return len(list(dict.fromkeys(supporter_ids)))


def render_cards(
    supporter_ids: Sequence[int],
    stock_id: str,
    template: CardTemplate,
    offset: tuple[float, float] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    *,
    back: bool = False,
    skip: int = 0,
) -> bytes:
    """The cards as PDF bytes (what write_cards saves; a preview can show them directly)."""
    stock = _card_stock(stock_id, back)
    ids = list(dict.fromkeys(int(i) for i in supporter_ids))
    values = merge_values_many(ids, template.language)
    addresses = labels.address_lines_many(ids) if back and stock.fold is None else {}
    people = [(values[i], addresses.get(i)) for i in ids]
    return _render(stock, template, people, resolve_offset(offset), progress, cancelled, back, skip)


def preview_pdf(
    template: CardTemplate,
    stock_id: str,
    values: Mapping[str, str] | None = None,
    *,
    back: bool = False,
) -> bytes:
    """One sheet of an (unsaved) template filled with `values` (sample values by default), for
    the template editor's live preview. No database needed; no printer offset."""
    stock = _card_stock(stock_id, back)
    filled = dict(values) if values is not None else sample_values(template.language)
    recipient = [filled.get("full_name", ""), "123 Main Street", "Riverside, CA 92501"]
    people = [(filled, recipient)] * stock.per_page
    return _render(stock, template, people, (0.0, 0.0), None, None, back, 0, sender=[])


def _card_stock(stock_id: str, back: bool) -> Stock:
    stock = get_stock(stock_id)
    if stock.kind not in CARD_KINDS:
        fitting = ", ".join(s.id for s in list_stocks(*CARD_KINDS))
        raise StockError(
            f"'{stock.id}' is a {stock.kind} stock, not a card. Choose one of: {fitting}."
        )
    if back and not stock.double_sided:
        raise StockError(f"'{stock.id}' is printed on one side only; leave out the back side.")
    return stock


def _render(
    stock: Stock,
    template: CardTemplate,
    people: Sequence[tuple[Mapping[str, str], Sequence[str] | None]],
    offset_mm: tuple[float, float],
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
    back: bool,
    skip: int,
    sender: Sequence[str] | None = None,
) -> bytes:
    if not 0 <= skip < stock.per_page:
        raise StockError(
            f"'{stock.id}' has {stock.per_page} cells a sheet; skip 0 to {stock.per_page - 1}."
        )
    sender = labels.return_address_lines() if sender is None and back else (sender or [])
    writer = SheetWriter(stock, offset_mm, f"Cards: {template.name}")
    cells = cell_rects(stock)
    total = len(people)
    slots = [None] * skip + list(range(total))
    done = 0
    for start in range(0, len(slots), stock.per_page):
        page = slots[start : start + stock.per_page]
        canvas = writer.start_page()
        texts: dict[int, CardText] = {}
        for cell, index in zip(cells, page, strict=False):
            if index is None:
                continue
            text = texts[index] = merge_card(template, people[index][0])
            panel, degrees = message_panel(stock, cell)
            draw_message(canvas, panel, degrees, text, template.options)
            covers = cover_panels(stock, cell, back_page=False)
            if covers:
                draw_covers(canvas, covers, text, template.options)
            done += 1
            step(done, total, progress, cancelled)
        if back:
            canvas = writer.start_page()
            for cell, index in zip(cells, page, strict=False):
                if index is not None:
                    _draw_back(
                        canvas,
                        stock,
                        mirrored(stock, cell),
                        texts[index],
                        people[index],
                        sender,
                        template,
                    )
    return writer.finish()


def _draw_back(
    canvas: Canvas,
    stock: Stock,
    cell: Rect,
    text: CardText,
    person: tuple[Mapping[str, str], Sequence[str] | None],
    sender: Sequence[str],
    template: CardTemplate,
) -> None:
    covers = cover_panels(stock, cell, back_page=True)
    if covers:
        draw_covers(canvas, covers, text, template.options)
    elif stock.kind == "postcard":
        recipient = person[1] or [person[0].get("full_name", "")]
        labels.draw_address_side(canvas, cell, recipient, sender, text.back)


def preflight(supporter_ids: Sequence[int], template_name: str) -> list[str]:
    """Plain notes to show before printing: people whose card would have an empty field."""
    template = get_template(template_name)
    ids = list(dict.fromkeys(int(i) for i in supporter_ids))
    values = merge_values_many(ids, template.language)
    texts = "\n".join(template.texts().values())
    regular = FACES.get(template.options.font, FACES["serif"])[0]
    missing: dict[str, int] = {}
    odd = 0
    for sid in ids:
        for name in empty_fields(texts, values[sid]):
            missing[name] = missing.get(name, 0) + 1
        odd += bool(unprintable(render(texts, values[sid]), regular))
    blank = "that spot will be blank"
    notes = [
        f"{missing[name]} of {len(ids)} cards have no value for {{{name}}}; {blank}."
        for name in used_fields(texts)
        if name in missing
    ]
    if odd:
        notes.append(
            f"{odd} of {len(ids)} cards have letters the card font cannot print (such as Chinese,"
            " Japanese, Korean, Arabic or Hebrew); check those cards or write them by hand."
        )
    return notes


_DUE_SQL = (
    "SELECT t.supporter_id, t.id FROM task t JOIN supporter s ON s.id = t.supporter_id"
    " WHERE t.kind = 'thank_you' AND t.status IN ('open', 'snoozed') AND t.channel IN ('card', '')"
)


def thank_you_due() -> list[int]:
    """People (not archived) with an open thank-you task to do by card, the most overdue first."""
    rows = db.execute_sql(
        _DUE_SQL + " AND s.archived_at IS NULL GROUP BY t.supporter_id"
        " ORDER BY MIN(t.due_on), t.supporter_id"
    )
    return [sid for sid, _ in rows]


def thank_you_tasks(supporter_ids: Sequence[int]) -> list[int]:
    """Ids of the open thank-you card tasks of these people: tick them (services.tasks.mark_done)
    once their cards are printed."""
    ids = list(dict.fromkeys(int(i) for i in supporter_ids))
    found: list[int] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute_sql(_DUE_SQL + f" AND t.supporter_id IN ({marks}) ORDER BY t.id", chunk)
        found += [task_id for _, task_id in rows]
    return found


def mark_cards_sent(supporter_ids: Sequence[int]) -> int:
    """Tick the open thank-you card tasks of these people (their cards went out); returns how
    many. Call it once the cards are printed, not when a preview is made."""
    from oneonone_desktop.services.tasks import mark_done

    task_ids = thank_you_tasks(supporter_ids)
    with db.atomic():
        for task_id in task_ids:
            mark_done(task_id, note="Thank-you card printed.")
    return len(task_ids)
