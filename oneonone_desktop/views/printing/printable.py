"""What the print section asks the documents for: a `Printable` (the choices, frozen, with the
work that renders them on a worker thread) and the `Rendered` pages with plain notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
NAMES_SHOWN = 6


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


@dataclass(frozen=True)
class Rendered:
    """Pages ready to show, print or save. `data` is a PDF, or a PNG when `png`."""

    data: bytes
    caption: str
    notes: list[str] = field(default_factory=list)
    png: bool = False
    result: Any = None  # what the documents returned (MailingResult, GraphicResult, …)


@dataclass(frozen=True)
class Printable:
    """One set of choices. `key` tells two sets apart; `work(progress, cancelled)` renders."""

    key: tuple[Any, ...]
    kind: str  # cards, labels, envelopes, calibration, graphic
    title: str  # the document's name, for the print queue and dialogs
    file_stem: str  # suggested file name, without the ending
    items: int  # how many cards, labels, … (big batches show a progress dialog)
    page_size: tuple[float, float]  # points, for the printer
    work: Callable[[ProgressFn, CancelFn], Rendered] = field(compare=False)
    ids: tuple[int, ...] = ()
    png: bool = False  # a social image: preview and save as PNG, not printed
    can_print: bool = True
    pdf_work: Callable[[ProgressFn, CancelFn], Rendered] | None = field(
        default=None, compare=False
    )  # the same as a PDF, when `work` makes a PNG


def names_of(ids: Sequence[int]) -> str:
    """'Ana García, Tom Nguyen and 3 more' (display names, in the given order)."""
    from oneonone_desktop.store.models import Supporter

    shown = list(ids[:NAMES_SHOWN])
    found = {p.id: p.display_name for p in Supporter.select().where(Supporter.id.in_(shown))}
    names = [found.get(i, "?") for i in shown]
    rest = len(ids) - len(shown)
    if rest > 0:
        return _tr("{names} and {n} more").format(names=", ".join(names), n=f"{rest:,}")
    if len(names) > 1:
        return _tr("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
    return names[0] if names else ""


def no_address_note(skipped: Sequence[int]) -> str:
    if not skipped:
        return ""
    if len(skipped) == 1:
        text = _tr("1 person has no postal address and was left out: {names}.")
    else:
        text = _tr("{n} people have no postal address and were left out: {names}.")
    return text.format(n=f"{len(skipped):,}", names=names_of(skipped))


def sheets(n: int) -> str:
    return _tr("1 sheet") if n == 1 else _tr("{n} sheets").format(n=f"{n:,}")


def cards_work(
    ids: Sequence[int],
    stock_id: str,
    template: Any,
    offset: tuple[float, float],
    back: bool,
    skip: int,
) -> Callable[[ProgressFn, CancelFn], Rendered]:
    def work(progress: ProgressFn, cancelled: CancelFn) -> Rendered:
        from oneonone_desktop.documents import cards
        from oneonone_desktop.documents.stocks import get_stock, page_count

        data = cards.render_cards(
            ids, stock_id, template, offset, progress, cancelled, back=back, skip=skip
        )
        notes = cards.preflight(ids, template.name)
        n = page_count(get_stock(stock_id), len(ids), skip)
        many = _tr("1 card") if len(ids) == 1 else _tr("{n} cards").format(n=f"{len(ids):,}")
        caption = _tr("{cards} on {sheets}").format(cards=many, sheets=sheets(n))
        if back:
            caption += " · " + _tr("each sheet followed by its back")
        return Rendered(data, caption, notes)

    return work


def labels_work(
    ids: Sequence[int], stock_id: str, offset: tuple[float, float], skip: int, envelopes: bool
) -> Callable[[ProgressFn, CancelFn], Rendered]:
    def work(progress: ProgressFn, cancelled: CancelFn) -> Rendered:
        from oneonone_desktop.documents import labels

        if envelopes:
            result = labels.render_envelopes(ids, stock_id, offset, progress, cancelled)
            what = _tr("1 envelope") if result.written == 1 else _tr("{n} envelopes")
        else:
            result = labels.render_labels(ids, stock_id, offset, progress, cancelled, skip=skip)
            what = _tr("1 label") if result.written == 1 else _tr("{n} labels")
        notes = [no_address_note(result.skipped)] if result.skipped else []
        what = what.format(n=f"{result.written:,}")
        caption = (
            what
            if envelopes
            else _tr("{what} on {sheets}").format(what=what, sheets=sheets(result.pages))
        )
        return Rendered(result.data, caption, notes, result=result)

    return work


def calibration_work(
    stock_id: str, offset: tuple[float, float]
) -> Callable[[ProgressFn, CancelFn], Rendered]:
    def work(progress: ProgressFn, cancelled: CancelFn) -> Rendered:
        from oneonone_desktop.documents.labels import render_calibration_page

        data = render_calibration_page(stock_id, offset)
        caption = _tr("Test page, moved {right:+g} mm right and {down:+g} mm down").format(
            right=offset[0], down=offset[1]
        )
        return Rendered(data, caption)

    return work
