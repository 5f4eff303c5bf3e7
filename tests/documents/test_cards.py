"""Thank-you cards: text that fits its card, names in any script, embedded fonts, folded panels
the right way up, back sides aligned with the front, the printer offset, cancel and progress."""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from oneonone_desktop.documents import cards, stocks
from oneonone_desktop.documents.layout import PrintCancelled, TextBlock, fit_blocks, wrap
from oneonone_desktop.documents.merge import UnknownPeople
from oneonone_desktop.documents.stocks import StockError, cell_rects
from oneonone_desktop.documents.templates import CardTemplate, TemplateOptions, save_template
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store.models import Meeting, OrganizerProfile, Task

MM = 72 / 25.4
NAMES = [
    ("María José", "Núñez-Ibáñez"),
    ("Ελένη", "Παπαδοπούλου"),
    ("Олександр", "Шевченко"),
    ("Nguyễn Thị", "Minh Khai"),
    ("Zoë", "Ødegård"),
]
LONG_BODY = " ".join(["Thank you for everything you do for our community, {first_name}."] * 60)


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float
    dx: float  # direction of writing (unit vector)
    dy: float
    width: float


def runs(data: bytes, page: int) -> list[Run]:
    found: list[Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        text = text.strip()
        if not text or font_dict is None:
            return
        a, b, e, f = (
            tm[0] * cm[0] + tm[1] * cm[2],
            tm[0] * cm[1] + tm[1] * cm[3],
            tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
            tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
        )
        font = str(font_dict["/BaseFont"]).split("+")[-1]
        scale = math.hypot(a, b)
        width = pdfmetrics.stringWidth(text, font, font_size) * scale
        found.append(Run(text, e, f, a / scale, b / scale, width))

    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return found


def inside(rect: tuple[float, float, float, float], x: float, y: float, slack: float = 0.6) -> bool:
    rx, ry, rw, rh = rect
    return rx - slack <= x <= rx + rw + slack and ry - slack <= y <= ry + rh + slack


def people(count: int = len(NAMES), **fields: object) -> list[int]:
    ids = []
    for i in range(count):
        first, last = NAMES[i % len(NAMES)]
        data = SupporterData(first_name=first, last_name=last, street=f"{i + 1} Main St")
        data.city, data.region, data.postal_code = "Riverside", "CA", "92501"
        for key, value in fields.items():
            setattr(data, key, value)
        ids.append(int(create_supporter(data).id))
    return ids


def long_template() -> CardTemplate:
    options = TemplateOptions(heading="Dear {full_name},", signature="Love,\n{organizer_name}")
    return save_template(CardTemplate(name="Long", body=LONG_BODY, options=options))


def test_wrapped_lines_fit_the_width_and_a_heading_shrinks_before_it_wraps():
    lines = wrap(
        "Solidarity " * 40 + "Supercalifragilisticexpialidocious" * 3, "DejaVuSerif", 12, 150
    )
    assert all(pdfmetrics.stringWidth(line, "DejaVuSerif", 12) <= 150.01 for line in lines)
    heading = TextBlock(
        "A heading a bit too wide for the box", "DejaVuSans-Bold", 20, shrink_first=True
    )
    fitted = fit_blocks([heading], 300, 200)
    assert len(fitted.lines) == 1 and fitted.lines[0].size < 20
    assert (
        pdfmetrics.stringWidth(fitted.lines[0].text, "DejaVuSans-Bold", fitted.lines[0].size)
        <= 300.01
    )


def test_text_too_long_even_at_the_smallest_size_is_cut_with_an_ellipsis_inside_the_box():
    block = TextBlock("word " * 2000, "DejaVuSerif", 14)
    fitted = fit_blocks([block], 200, 300)
    assert fitted.truncated and fitted.lines[-1].text.endswith("…")
    assert fitted.height <= 300
    assert all(line.size == pytest.approx(14 * 0.45) for line in fitted.lines)


@pytest.mark.parametrize(
    "stock_id", ["avery-8387", "avery-5389", "a6-postcard-a4", "notecard-letter-quarterfold"]
)
def test_a_long_message_never_runs_off_its_card(database, stock_id):
    ids = people(4)
    data = cards.render_cards(ids, stock_id, long_template(), offset=(0, 0))
    stock = stocks.get_stock(stock_id)
    panels = [stocks.message_panel(stock, cell)[0] for cell in cell_rects(stock)]
    found = runs(data, 0)
    assert found
    for run in found:
        end = (run.x + run.dx * run.width, run.y + run.dy * run.width)
        home = [p for p in panels if inside(p, run.x, run.y)]
        assert home, f"{run.text!r} starts outside every card"
        assert inside(home[0], *end), f"{run.text!r} runs off its card"


def test_accented_and_non_latin_names_print_and_can_be_read_back(database, tmp_path):
    ids = people()
    out = tmp_path / "cards.pdf"
    assert cards.write_cards(out, ids, "avery-8387", "Thank you for our 1:1") == len(NAMES)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    for first, _ in NAMES:
        assert f"Dear {first}," in text


def test_every_font_in_the_pdf_is_embedded_truetype(database, tmp_path):
    out = tmp_path / "cards.pdf"
    cards.write_cards(out, people(), "notecard-letter-halffold", "Gracias por sumarte", back=True)
    reader = PdfReader(out)
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen.add(str(font["/BaseFont"]).split("+")[-1])
            assert font["/Subtype"] == "/TrueType"
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert "DejaVuSerif" in seen and not any("Helvetica" in name for name in seen)


@pytest.mark.parametrize(
    ("stock_id", "count", "back", "pages"),
    [
        ("avery-8387", 9, False, 3),
        ("avery-8387", 9, True, 6),
        ("avery-5389", 5, True, 6),
        ("notecard-letter-quarterfold", 3, False, 3),
        ("notecard-a4-halffold", 3, True, 4),
        ("letter", 2, False, 2),
    ],
)
def test_pages_follow_the_stock_grid(database, tmp_path, stock_id, count, back, pages):
    out = tmp_path / "cards.pdf"
    cards.write_cards(out, people(count), stock_id, "Thank you for our 1:1", back=back)
    assert len(PdfReader(out).pages) == pages
    stock = stocks.get_stock(stock_id)
    expected = stocks.page_count(stock, count) * (2 if back else 1)
    assert pages == expected


def test_a_quarter_fold_puts_the_message_upside_down_top_left_and_the_cover_bottom_right(database):
    data = cards.render_cards(
        people(1), "notecard-letter-quarterfold", template("Thank you for our 1:1")
    )
    w, h = stocks.get_stock("notecard-letter-quarterfold").page_size
    found = runs(data, 0)
    greeting = next(r for r in found if r.text.startswith("Dear"))
    assert (greeting.dx, greeting.dy) == (pytest.approx(-1), pytest.approx(0))
    assert greeting.x < w / 2 and greeting.y > h / 2
    cover = next(r for r in found if r.text == "Thank you")
    assert (cover.dx, cover.dy) == (pytest.approx(1), pytest.approx(0))
    assert cover.x > w / 2 and cover.y < h / 2


def template(name: str) -> CardTemplate:
    from oneonone_desktop.documents.templates import get_template

    return get_template(name)


def test_a_half_fold_prints_the_inside_right_and_its_cover_behind_the_left_inside_panel(database):
    data = cards.render_cards(
        people(2), "notecard-letter-halffold", template("Thank you for our 1:1"), back=True
    )
    w, _ = stocks.get_stock("notecard-letter-halffold").page_size
    assert all(r.x >= w / 2 - 0.6 for r in runs(data, 0))
    covers = [r for r in runs(data, 1) if r.text == "Thank you"]
    assert len(covers) == 2 and all(r.x > w / 2 for r in covers)


def test_postcard_backs_mirror_the_columns_so_each_address_backs_its_own_card(database):
    first, second = people(2)
    data = cards.render_cards(
        [first, second], "avery-8387", template("Thank you for our 1:1"), back=True
    )
    stock = stocks.get_stock("avery-8387")
    top_left, top_right, *_ = cell_rects(stock)
    back = runs(data, 1)
    maria = next(r for r in back if r.text.startswith("María José"))
    eleni = next(r for r in back if r.text.startswith("Ελένη"))
    assert inside(stocks.mirrored(stock, top_left), maria.x, maria.y)
    assert inside(top_right, maria.x, maria.y)
    assert inside(top_left, eleni.x, eleni.y)


def test_the_printer_offset_moves_everything_right_and_down(database):
    ids = people(2)
    chosen = template("Thank you for our 1:1")
    plain = runs(cards.render_cards(ids, "avery-8387", chosen, offset=(0, 0)), 0)
    moved = runs(cards.render_cards(ids, "avery-8387", chosen, offset=(3.5, -2)), 0)
    assert len(plain) == len(moved)
    for a, b in zip(plain, moved, strict=True):
        assert b.x - a.x == pytest.approx(3.5 * MM, abs=0.01)
        assert b.y - a.y == pytest.approx(2 * MM, abs=0.01)  # -2 mm down is 2 mm up


def test_skip_leaves_used_cells_empty(database):
    data = cards.render_cards(people(1), "avery-8387", template("Thank you for our 1:1"), skip=3)
    bottom_right = cell_rects(stocks.get_stock("avery-8387"))[3]
    assert all(inside(bottom_right, r.x, r.y) for r in runs(data, 0))


def test_progress_is_reported_and_cancel_writes_nothing(database, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    ids = people(5)
    seen: list[tuple[int, int]] = []
    cards.write_cards(
        tmp_path / "a.pdf",
        ids,
        "avery-8387",
        "Thank you for our 1:1",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(n, 5) for n in range(1, 6)]
    out = tmp_path / "b.pdf"
    with pytest.raises(PrintCancelled):
        cards.write_cards(
            out,
            ids,
            "avery-8387",
            "Thank you for our 1:1",
            cancelled=lambda: len(seen) > 7,
            progress=lambda done, total: seen.append((done, total)),
        )
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "a.pdf"]


def test_wrong_stock_unknown_people_and_one_sided_backs_are_refused_without_a_file(
    database, tmp_path
):
    out = tmp_path / "cards.pdf"
    ids = people(1)
    with pytest.raises(StockError):
        cards.write_cards(out, ids, "avery-5160", "Thank you for our 1:1")
    with pytest.raises(StockError):
        cards.write_cards(
            out, ids, "notecard-letter-quarterfold", "Thank you for our 1:1", back=True
        )
    with pytest.raises(UnknownPeople):
        cards.write_cards(out, [*ids, 999], "avery-8387", "Thank you for our 1:1")
    assert not out.exists()


def test_the_editor_preview_needs_no_database_and_shows_sample_values():
    unsaved = CardTemplate(
        name="Draft",
        body="Thanks for {ask}!",
        language="es",
        options=TemplateOptions(heading="Hola, {preferred_name}:"),
    )
    data = cards.preview_pdf(unsaved, "a6-postcard-a4")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.pages[0].extract_text().count("Hola, Mari:") == 4


def test_preflight_warns_about_blank_fields(database):
    ids = people(3)
    Meeting.create(supporter=ids[0], status="held", scheduled_at=dt.datetime(2026, 3, 4, 19))
    notes = cards.preflight(ids, "Thank you for our 1:1")
    assert "3 of 3 cards have no value for {organizer_name}" in notes[0]  # fill in your profile
    OrganizerProfile.update(name="Sam Rivera", chapter="Riverside").execute()
    notes = cards.preflight(ids, "Thank you for our 1:1")
    assert notes == []  # the shipped templates give every other field a fallback
    save_template(CardTemplate(name="Bare", body="On {meeting_date} you said {issue}."))
    notes = cards.preflight(ids, "Bare")
    assert notes == [
        "2 of 3 cards have no value for {meeting_date}; that spot will be blank.",
        "3 of 3 cards have no value for {issue}; that spot will be blank.",
    ]


def test_thank_you_cards_due_are_found_and_their_tasks_listed(database):
    OrganizerProfile.update(name="Sam").execute()
    a, b, c = people(3)
    day = dt.date(2026, 3, 6)
    Task.create(supporter=a, kind="thank_you", title="Thank", channel="card", due_on=day, uid="1")
    Task.create(supporter=b, kind="thank_you", title="Thank", channel="email", due_on=day, uid="2")
    Task.create(
        supporter=c,
        kind="thank_you",
        title="Thank",
        channel="card",
        due_on=day,
        uid="3",
        status="done",
    )
    Task.create(
        supporter=c,
        kind="thank_you",
        title="Thank",
        channel="",
        due_on=day - dt.timedelta(1),
        uid="4",
    )
    assert cards.thank_you_due() == [c, a]
    assert cards.thank_you_tasks([a, b, c]) == [
        Task.get(Task.uid == "1").id,
        Task.get(Task.uid == "4").id,
    ]


def test_write_cards_refuses_a_missing_folder_before_any_work(database, tmp_path):
    from oneonone_desktop.documents.layout import OutputError

    with pytest.raises(OutputError):
        cards.write_cards(
            tmp_path / "nope" / "c.pdf", people(1), "avery-8387", "Thank you for our 1:1"
        )
    with pytest.raises(OutputError):
        cards.write_cards(tmp_path / "c.png", people(1), "avery-8387", "Thank you for our 1:1")
    assert isinstance(Path(tmp_path), Path)


def test_preflight_warns_about_letters_the_font_cannot_print(database):
    OrganizerProfile.update(name="Sam Rivera", chapter="Riverside").execute()
    fine = people(2)
    chinese = int(create_supporter(SupporterData(first_name="王芳", last_name="Li")).id)
    hebrew = int(create_supporter(SupporterData(first_name="נועה", last_name="Cohen")).id)
    assert cards.preflight(fine, "Thank you for our 1:1") == []
    notes = cards.preflight([*fine, chinese, hebrew], "Thank you for our 1:1")
    assert notes == [
        "2 of 4 cards have letters the card font cannot print (such as Chinese, Japanese, Korean,"
        " Arabic or Hebrew); check those cards or write them by hand."
    ]
