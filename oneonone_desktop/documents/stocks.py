"""The stock catalogue (resources/stocks.json): load and check it, and place cells on the page."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from oneonone_desktop.resources import resource_path

Rect = tuple[float, float, float, float]
"""(x, y, width, height) in PDF points, y measured up from the bottom edge of the page."""

KINDS = ("card", "postcard", "label", "envelope", "poster", "plain")
FOLDS = ("half", "quarter")
UNITS = {"in": 72.0, "mm": 72.0 / 25.4, "pt": 1.0}
PAGE_SIZES = {  # width, height in points, portrait
    "letter": (612.0, 792.0),
    "a4": (210 * 72.0 / 25.4, 297 * 72.0 / 25.4),
    "tabloid": (792.0, 1224.0),
}
FIT_TOLERANCE = 0.5  # points: rounding in published templates
CATALOGUE_FILE = "stocks.json"


class StockError(ValueError):
    """A stock that is unknown or badly described; `message` says which and why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownStock(StockError):
    def __init__(self, stock_id: str, known: list[str]) -> None:
        super().__init__(
            f"There is no stock called '{stock_id}'. Known stocks: {', '.join(known)}."
        )
        self.stock_id = stock_id


@dataclass(frozen=True)
class Stock:
    """One sheet layout. Every length is in points; cells are numbered in reading order."""

    id: str
    name: str
    kind: str
    page_width: float
    page_height: float
    cols: int
    rows: int
    cell_width: float
    cell_height: float
    margin_top: float
    margin_left: float
    gap_x: float
    gap_y: float
    fold: str | None
    double_sided: bool
    source: str = ""

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    @property
    def page_size(self) -> tuple[float, float]:
        return (self.page_width, self.page_height)

    @property
    def finished_size(self) -> tuple[float, float]:
        """Width and height of one finished card or label (after folding), in points."""
        if self.fold == "half":
            return (self.cell_width / 2, self.cell_height)
        if self.fold == "quarter":
            return (self.cell_width / 2, self.cell_height / 2)
        return (self.cell_width, self.cell_height)


def cell_rects(stock: Stock) -> list[Rect]:
    """The cells of one page, left to right then top to bottom, as (x, y, w, h) in points."""
    rects = []
    for row in range(stock.rows):
        top = stock.margin_top + row * (stock.cell_height + stock.gap_y)
        y = stock.page_height - top - stock.cell_height
        for col in range(stock.cols):
            x = stock.margin_left + col * (stock.cell_width + stock.gap_x)
            rects.append((x, y, stock.cell_width, stock.cell_height))
    return rects


def mirrored(stock: Stock, rect: Rect) -> Rect:
    """Where `rect` lands on the back of a portrait sheet printed two-sided, flipped on its long
    edge (the usual duplex setting): left and right swap, top and bottom stay."""
    x, y, w, h = rect
    return (stock.page_width - x - w, y, w, h)


def page_count(stock: Stock, items: int, skip: int = 0) -> int:
    """Sheets needed for `items` cells, starting after `skip` cells already used on sheet one."""
    if items <= 0:
        return 0
    return math.ceil((items + skip) / stock.per_page)


# --- folded cards -------------------------------------------------------------------------


def message_panel(stock: Stock, cell: Rect) -> tuple[Rect, int]:
    """Where the message goes in a cell, and how far to turn it (degrees).

    Half fold: the right half of the inside. Quarter fold (one side of the sheet, folded top
    half back, then left half back): the top-left quarter, upside down, becomes the inside right.
    """
    x, y, w, h = cell
    if stock.fold == "half":
        return ((x + w / 2, y, w / 2, h), 0)
    if stock.fold == "quarter":
        return ((x, y + h / 2, w / 2, h / 2), 180)
    return (cell, 0)


def cover_panels(stock: Stock, cell: Rect, back_page: bool) -> tuple[Rect, Rect] | None:
    """(front cover, back cover) of a folded card: for a quarter fold on the same page as the
    message, for a half fold on the back page (where `cell` is already mirrored)."""
    x, y, w, h = cell
    if stock.fold == "quarter" and not back_page:
        return ((x + w / 2, y, w / 2, h / 2), (x, y, w / 2, h / 2))
    if stock.fold == "half" and back_page:
        return ((x + w / 2, y, w / 2, h), (x, y, w / 2, h))
    return None


# --- the catalogue --------------------------------------------------------------------------


def parse_stocks(text: str, source_name: str = CATALOGUE_FILE) -> dict[str, Stock]:
    """Read and check a catalogue; raises StockError naming the file, line and field."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"this is not valid JSON ({exc.msg})"
        raise StockError(f"{source_name}, line {exc.lineno}: {problem}.") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("stocks"), list):
        raise StockError(f"{source_name}, line 1: expected an object with a 'stocks' list.")
    found: dict[str, Stock] = {}
    for index, entry in enumerate(raw["stocks"]):
        where = _Where(source_name, text, entry, index)
        stock = _parse_one(entry, where)
        if stock.id in found:
            raise StockError(where.say("id", f"the id '{stock.id}' is used twice"))
        found[stock.id] = stock
    return found


def load_stocks(path: Path | None = None) -> dict[str, Stock]:
    """The catalogue by id: the shipped one, or the file at `path`."""
    if path is None:
        return dict(_shipped())
    return parse_stocks(Path(path).read_text(encoding="utf-8"), Path(path).name)


@cache
def _shipped() -> dict[str, Stock]:
    return load_stocks(resource_path(CATALOGUE_FILE))


def get_stock(stock_id: str) -> Stock:
    """The shipped stock with this id; raises UnknownStock listing the known ids."""
    stocks = _shipped()
    stock = stocks.get(stock_id.strip().lower())
    if stock is None:
        raise UnknownStock(stock_id, sorted(stocks))
    return stock


def list_stocks(*kinds: str) -> list[Stock]:
    """Shipped stocks in catalogue order, only of these kinds when any are given."""
    return [s for s in _shipped().values() if not kinds or s.kind in kinds]


def require_kind(stock: Stock, kinds: tuple[str, ...], what: str) -> None:
    """Refuse a stock of the wrong kind (labels for cards, …), naming the stocks that fit."""
    if stock.kind not in kinds:
        fitting = ", ".join(s.id for s in list_stocks(*kinds))
        raise StockError(
            f"'{stock.id}' is a {stock.kind} stock and cannot take {what}."
            f" Choose one of: {fitting}."
        )


class _Where:
    """Names the file, line and stock of a problem in the catalogue."""

    def __init__(self, source: str, text: str, entry: object, index: int) -> None:
        self.source = source
        stock_id = entry.get("id") if isinstance(entry, dict) else None
        self.label = f"stock '{stock_id}'" if isinstance(stock_id, str) else f"stock #{index + 1}"
        self.line = 1
        if isinstance(stock_id, str):
            needle = json.dumps(stock_id, ensure_ascii=False)
            at = text.find(needle)
            if at >= 0:
                self.line = text.count("\n", 0, at) + 1

    def say(self, field: str, problem: str) -> str:
        return f"{self.source}, line {self.line} ({self.label}), field '{field}': {problem}."


def _number(value: object, where: _Where, field: str, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise StockError(where.say(field, "expected a number"))
    if value < 0 or (positive and value == 0):
        raise StockError(
            where.say(field, "must be more than 0" if positive else "cannot be below 0")
        )
    return float(value)


def _count(value: object, where: _Where, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise StockError(where.say(field, "expected a whole number from 1 to 100"))
    return value


def _text(
    entry: Mapping[str, Any], where: _Where, field: str, choices: tuple[str, ...] = ()
) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise StockError(where.say(field, "expected some text"))
    if choices and value not in choices:
        raise StockError(where.say(field, f"'{value}' is not one of {', '.join(choices)}"))
    return value.strip()


def _part(entry: Mapping[str, Any], where: _Where, field: str) -> Mapping[str, Any]:
    value = entry.get(field)
    if not isinstance(value, dict):
        raise StockError(where.say(field, "expected an object"))
    return value


def _parse_one(entry: object, where: _Where) -> Stock:
    if not isinstance(entry, dict):
        raise StockError(where.say("(stock)", "expected an object"))
    stock_id = _text(entry, where, "id")
    if stock_id != stock_id.lower() or " " in stock_id:
        raise StockError(where.say("id", "use lower-case letters, digits and dashes"))
    unit = UNITS.get(_text(entry, where, "unit", tuple(UNITS)), 1.0)
    page = entry.get("page")
    if isinstance(page, str) and page in PAGE_SIZES:
        page_w, page_h = PAGE_SIZES[page]
    elif isinstance(page, list) and len(page) == 2:
        page_w = _number(page[0], where, "page", positive=True) * unit
        page_h = _number(page[1], where, "page", positive=True) * unit
    else:
        raise StockError(where.say("page", f"expected {', '.join(PAGE_SIZES)} or [width, height]"))
    orientation = _text(entry, where, "orientation", ("portrait", "landscape"))
    short, long = sorted((page_w, page_h))
    page_w, page_h = (long, short) if orientation == "landscape" else (short, long)
    grid, cell = _part(entry, where, "grid"), _part(entry, where, "cell")
    margins, gaps = _part(entry, where, "margins"), _part(entry, where, "gaps")
    fold = entry.get("fold")
    if fold is not None and fold not in FOLDS:
        raise StockError(where.say("fold", f"expected null or one of {', '.join(FOLDS)}"))
    double_sided = entry.get("double_sided", False)
    if not isinstance(double_sided, bool):
        raise StockError(where.say("double_sided", "expected true or false"))
    stock = Stock(
        id=stock_id,
        name=_text(entry, where, "name"),
        kind=_text(entry, where, "kind", KINDS),
        page_width=page_w,
        page_height=page_h,
        cols=_count(grid.get("cols"), where, "grid.cols"),
        rows=_count(grid.get("rows"), where, "grid.rows"),
        cell_width=_number(cell.get("width"), where, "cell.width", positive=True) * unit,
        cell_height=_number(cell.get("height"), where, "cell.height", positive=True) * unit,
        margin_top=_number(margins.get("top"), where, "margins.top", positive=False) * unit,
        margin_left=_number(margins.get("left"), where, "margins.left", positive=False) * unit,
        gap_x=_number(gaps.get("x"), where, "gaps.x", positive=False) * unit,
        gap_y=_number(gaps.get("y"), where, "gaps.y", positive=False) * unit,
        fold=fold,
        double_sided=double_sided,
        source=str(entry.get("source", "")),
    )
    _check_fits(stock, where)
    return stock


def _check_fits(stock: Stock, where: _Where) -> None:
    used_w = stock.margin_left + stock.cols * stock.cell_width + (stock.cols - 1) * stock.gap_x
    used_h = stock.margin_top + stock.rows * stock.cell_height + (stock.rows - 1) * stock.gap_y
    if used_w > stock.page_width + FIT_TOLERANCE:
        over = (used_w - stock.page_width) / UNITS["mm"]
        raise StockError(where.say("cell.width", f"the cells run {over:.1f} mm off the right edge"))
    if used_h > stock.page_height + FIT_TOLERANCE:
        over = (used_h - stock.page_height) / UNITS["mm"]
        raise StockError(where.say("cell.height", f"the cells run {over:.1f} mm off the bottom"))
