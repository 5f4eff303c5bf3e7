"""The stock catalogue: every stock fits its page, cell positions match the published templates,
page counts, and a badly described stock is refused naming the file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oneonone_desktop.documents import stocks
from oneonone_desktop.documents.stocks import StockError, UnknownStock, cell_rects, page_count
from oneonone_desktop.resources import resource_path

IN = 72.0
MM = 72.0 / 25.4
LETTER = (8.5 * IN, 11 * IN)
A4 = (210 * MM, 297 * MM)
REQUIRED = (
    "notecard-letter-quarterfold",
    "notecard-letter-halffold",
    "notecard-a4-quarterfold",
    "avery-8387",
    "avery-3380",
    "avery-5389",
    "a6-postcard-a4",
    "avery-5160",
    "avery-l7160",
    "envelope-10",
    "envelope-a2",
    "letter",
    "a4",
    "tabloid",
)


def approx(value: float) -> object:
    return pytest.approx(value, abs=0.01)


def test_the_catalogue_has_every_stock_the_issue_names():
    catalogue = stocks.load_stocks()
    assert set(REQUIRED) <= set(catalogue)
    assert all(s.source for s in catalogue.values()), "each stock says where its numbers come from"


@pytest.mark.parametrize("stock_id", sorted(stocks.load_stocks()))
def test_every_cell_of_every_stock_lies_on_its_page_without_overlapping(stock_id):
    stock = stocks.get_stock(stock_id)
    rects = cell_rects(stock)
    assert len(rects) == stock.cols * stock.rows == stock.per_page
    for x, y, w, h in rects:
        assert x >= -0.01 and y >= -0.51
        assert x + w <= stock.page_width + 0.51 and y + h <= stock.page_height + 0.01
    for i, (ax, ay, aw, ah) in enumerate(rects):
        for bx, by, bw, bh in rects[i + 1 :]:
            overlap_x = min(ax + aw, bx + bw) - max(ax, bx)
            overlap_y = min(ay + ah, by + bh) - max(ay, by)
            assert overlap_x <= 0.01 or overlap_y <= 0.01


def test_avery_5160_cells_sit_where_the_avery_template_puts_them():
    stock = stocks.get_stock("avery-5160")
    rects = cell_rects(stock)
    assert stock.page_size == (approx(LETTER[0]), approx(LETTER[1]))
    assert len(rects) == 30
    x, y, w, h = rects[0]
    assert (w, h) == (approx(2.625 * IN), approx(1 * IN))
    assert x == approx(0.1875 * IN)
    assert y + h == approx(LETTER[1] - 0.5 * IN)  # top margin 0.5 in
    assert rects[1][0] - rects[0][0] == approx(2.75 * IN)  # horizontal pitch
    assert rects[0][1] - rects[3][1] == approx(1 * IN)  # vertical pitch, row after row
    last = rects[-1]
    assert last[0] + last[2] == approx(LETTER[0] - 0.1875 * IN)  # symmetric side margins
    assert last[1] == approx(0.5 * IN)  # bottom margin 0.5 in


def test_avery_l7160_has_21_labels_of_63_5_by_38_1_mm_centred_on_a4():
    stock = stocks.get_stock("avery-l7160")
    rects = cell_rects(stock)
    assert len(rects) == 21 and (stock.cols, stock.rows) == (3, 7)
    x, y, w, h = rects[0]
    assert (w, h) == (approx(63.5 * MM), approx(38.1 * MM))
    assert rects[1][0] - x == approx(66.04 * MM)
    right_margin = A4[0] - (rects[2][0] + rects[2][2])
    assert right_margin == pytest.approx(x, abs=0.1)
    assert rects[-1][1] == pytest.approx(A4[1] - (y + h), abs=0.1)  # top and bottom equal


@pytest.mark.parametrize("stock_id", ["avery-8387", "avery-3380"])
def test_quarter_letter_postcards_tile_the_sheet_four_up(stock_id):
    rects = cell_rects(stocks.get_stock(stock_id))
    assert [(round(x / IN, 3), round(y / IN, 3)) for x, y, _, _ in rects] == [
        (0, 5.5),
        (4.25, 5.5),
        (0, 0),
        (4.25, 0),
    ]
    assert all((w, h) == (approx(4.25 * IN), approx(5.5 * IN)) for _, _, w, h in rects)


def test_avery_5389_has_two_4_by_6_cards_1_25_in_from_the_corner():
    rects = cell_rects(stocks.get_stock("avery-5389"))
    assert len(rects) == 2
    (x1, y1, w, h), (x2, y2, _, _) = rects
    assert (w, h) == (approx(6 * IN), approx(4 * IN))
    assert x1 == x2 == approx(1.25 * IN)
    assert y1 + h == approx(LETTER[1] - 1.25 * IN)
    assert y1 - y2 == approx(4.5 * IN)


def test_a6_postcards_are_four_a6_cards_on_a4():
    stock = stocks.get_stock("a6-postcard-a4")
    assert stock.page_size == (approx(A4[0]), approx(A4[1]))
    assert stock.per_page == 4
    assert stock.finished_size == (approx(105 * MM), approx(148 * MM))


@pytest.mark.parametrize(
    ("stock_id", "fold", "card_in"),
    [
        ("notecard-letter-quarterfold", "quarter", (4.25, 5.5)),
        ("notecard-letter-halffold", "half", (4.25, 5.5)),
        ("notecard-a4-quarterfold", "quarter", (105 / 25.4, 148.5 / 25.4)),
    ],
)
def test_folded_note_cards_fold_to_the_advertised_card_size(stock_id, fold, card_in):
    stock = stocks.get_stock(stock_id)
    assert stock.fold == fold
    w, h = stock.finished_size
    assert (w / IN, h / IN) == (approx(card_in[0]), approx(card_in[1]))


@pytest.mark.parametrize(
    ("stock_id", "size_in"), [("envelope-10", (9.5, 4.125)), ("envelope-a2", (5.75, 4.375))]
)
def test_envelopes_are_pages_of_their_own_size_printed_lengthways(stock_id, size_in):
    stock = stocks.get_stock(stock_id)
    assert stock.kind == "envelope"
    assert (stock.page_width / IN, stock.page_height / IN) == (
        approx(size_in[0]),
        approx(size_in[1]),
    )


def test_page_count_fills_whole_sheets_and_counts_used_cells():
    labels = stocks.get_stock("avery-5160")
    assert page_count(labels, 0) == 0
    assert page_count(labels, 1) == 1
    assert page_count(labels, 30) == 1
    assert page_count(labels, 31) == 2
    assert page_count(labels, 28, skip=3) == 2
    assert page_count(stocks.get_stock("avery-5389"), 5) == 3


def test_the_back_of_a_cell_is_its_mirror_across_the_sheet():
    stock = stocks.get_stock("avery-8387")
    first, second, *_ = cell_rects(stock)
    assert stocks.mirrored(stock, first) == pytest.approx(second)


def test_an_unknown_stock_is_refused_listing_the_known_ones():
    with pytest.raises(UnknownStock) as caught:
        stocks.get_stock("avery-9999")
    assert "avery-9999" in caught.value.message and "avery-5160" in caught.value.message


def test_a_stock_of_the_wrong_kind_is_refused_naming_the_right_ones():
    with pytest.raises(StockError) as caught:
        stocks.require_kind(stocks.get_stock("avery-5160"), ("envelope",), "envelopes")
    assert "envelope-10" in caught.value.message


def shipped_with(change: dict[str, object], index: int = 0) -> str:
    raw = json.loads(resource_path("stocks.json").read_text(encoding="utf-8"))
    raw["stocks"][index].update(change)
    return json.dumps(raw, indent=2, ensure_ascii=False)


def test_cells_running_off_the_page_are_refused_naming_file_line_and_field():
    text = shipped_with({"cell": {"width": 9, "height": 11}})
    with pytest.raises(StockError) as caught:
        stocks.parse_stocks(text, "stocks.json")
    message = caught.value.message
    line = text[: text.index('"notecard-letter-quarterfold"')].count("\n") + 1
    assert message.startswith(f"stocks.json, line {line} (stock 'notecard-letter-quarterfold')")
    assert "cell.width" in message and "right edge" in message


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"fold": "triple"}, "fold"),
        ({"kind": "napkin"}, "kind"),
        ({"grid": {"cols": 0, "rows": 1}}, "grid.cols"),
        ({"margins": {"top": -1, "left": 0}}, "margins.top"),
        ({"page": "legal"}, "page"),
        ({"id": "avery-5160"}, "id"),
    ],
)
def test_each_bad_field_is_named(change, field):
    with pytest.raises(StockError) as caught:
        stocks.parse_stocks(shipped_with(change))
    assert f"field '{field}'" in caught.value.message


def test_broken_json_names_the_line(tmp_path: Path):
    bad = tmp_path / "stocks.json"
    bad.write_text('{\n  "stocks": [\n    {"id": "x",}\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(StockError) as caught:
        stocks.load_stocks(bad)
    assert caught.value.message.startswith("stocks.json, line 3:")
