"""Address labels and envelopes: one per person with an address (the others skipped and
reported), text inside each label, recipient centred, the return address, the calibration page
and the saved printer offset."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from oneonone_desktop.documents import labels, layout, stocks
from oneonone_desktop.documents.layout import OutputError
from oneonone_desktop.documents.stocks import StockError, cell_rects
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store.models import OrganizerProfile

MM = 72 / 25.4


def person(first: str, last: str, street: str = "12 Elm St", **fields: str) -> int:
    data = SupporterData(first_name=first, last_name=last, street=street, city="Riverside")
    data.region, data.postal_code = "CA", "92501"
    for key, value in fields.items():
        setattr(data, key, value)
    return int(create_supporter(data).id)


def positions(path: object, page: int = 0) -> list[tuple[str, float, float, float]]:
    """(text, x, y, width) of every line on a page (no rotation on labels and envelopes)."""
    found: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and font_dict is not None:
            font = str(font_dict["/BaseFont"]).split("+")[-1]
            width = pdfmetrics.stringWidth(text.strip(), font, font_size)
            found.append((text.strip(), tm[4] + cm[4], tm[5] + cm[5], width))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)  # type: ignore[arg-type]
    return found


def test_addresses_are_written_the_local_way():
    us = labels.format_address("Ana Lee", "1 Main St", "Apt 2", "Tucson", "AZ", "85701", "")
    assert us == ["Ana Lee", "1 Main St", "Apt 2", "Tucson, AZ 85701"]
    fr = labels.format_address("Zoë Roy", "3 rue Haute", "", "Lyon", "", "69001", "France")
    assert fr == ["Zoë Roy", "3 rue Haute", "69001 Lyon", "FRANCE"]
    assert labels.format_address("No One", "", "", "Lyon", "", "", "") is None
    assert labels.format_address("No One", "1 Main St", "", "", "", "", "") is None


def test_thirty_one_people_fill_two_sheets_of_5160_and_people_without_address_are_skipped(
    database, tmp_path
):
    ids = [person(f"Person{i}", "Núñez") for i in range(31)]
    homeless = person("Nadia", "Nowhere", street="")
    out = tmp_path / "labels.pdf"
    result = labels.write_labels(out, [*ids, homeless], "avery-5160")
    assert (result.written, result.pages, result.skipped) == (31, 2, [homeless])
    assert "Skipped 1 person" in result.note()
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Person30 Núñez" in text and "Nadia" not in text
    assert len(reader.pages) == 2


@pytest.mark.parametrize("stock_id", ["avery-5160", "avery-l7160"])
def test_every_line_stays_inside_its_label(database, tmp_path, stock_id):
    long_street = "12345 Martin Luther King Junior Memorial Boulevard Northeast, Building 7"
    ids = [person("Bartholomew-Alexandrovich", "Featherstonehaugh", street=long_street)]
    ids += [person("Ελένη", "Παπαδοπούλου", street2="Apartment 4B")]
    out = tmp_path / "labels.pdf"
    labels.write_labels(out, ids, stock_id)
    cells = cell_rects(stocks.get_stock(stock_id))
    found = positions(out)
    assert len(found) >= 7
    for text, x, y, width in found:
        cell = next(c for c in cells if c[0] <= x <= c[0] + c[2] and c[1] <= y <= c[1] + c[3])
        assert x + width <= cell[0] + cell[2] + 0.1, text


def test_skip_starts_after_the_labels_already_used(database, tmp_path):
    out = tmp_path / "labels.pdf"
    labels.write_labels(out, [person("Ana", "Lee")], "avery-5160", skip=4)
    (_, x, y, _), *_ = positions(out)
    fifth = cell_rects(stocks.get_stock("avery-5160"))[4]
    assert fifth[0] <= x <= fifth[0] + fifth[2] and fifth[1] <= y <= fifth[1] + fifth[3]


def test_envelopes_centre_the_recipient_and_put_the_return_address_top_left(database, tmp_path):
    OrganizerProfile.update(name="Sam Rivera", chapter="Riverside Chapter").execute()
    ids = [person("Ana", "Lee"), person("Olu", "Ade"), person("No", "Address", street="")]
    out = tmp_path / "envelopes.pdf"
    result = labels.write_envelopes(out, ids, "envelope-10")
    assert (result.written, result.pages, len(result.skipped)) == (2, 2, 1)
    width, height = stocks.get_stock("envelope-10").page_size
    found = positions(out)
    sender = [f for f in found if f[0] in ("Sam Rivera", "Riverside Chapter")]
    assert len(sender) == 2 and all(x < width * 0.2 and y > height * 0.7 for _, x, y, _ in sender)
    recipient = [f for f in found if f not in sender]
    left = min(x for _, x, _, _ in recipient)
    right = max(x + w for _, x, _, w in recipient)
    assert (left + right) / 2 == pytest.approx(width / 2, abs=1)


def test_a_saved_return_address_replaces_the_organizer_line(database):
    OrganizerProfile.update(name="Sam Rivera", chapter="Riverside Chapter").execute()
    assert labels.return_address_lines() == ["Sam Rivera", "Riverside Chapter"]
    labels.save_return_address(["Riverside Chapter", "PO Box 12", " ", "Riverside, CA 92502"])
    assert labels.return_address_lines() == [
        "Riverside Chapter",
        "PO Box 12",
        "Riverside, CA 92502",
    ]
    with pytest.raises(ValueError):
        labels.save_return_address([f"line {i}" for i in range(7)])


def test_labels_and_envelopes_refuse_the_wrong_stock(database, tmp_path):
    ids = [person("Ana", "Lee")]
    with pytest.raises(StockError):
        labels.write_labels(tmp_path / "a.pdf", ids, "envelope-10")
    with pytest.raises(StockError):
        labels.write_envelopes(tmp_path / "a.pdf", ids, "avery-5160")
    assert not (tmp_path / "a.pdf").exists()


def test_the_calibration_page_outlines_and_numbers_every_cell_with_rulers(database, tmp_path):
    out = tmp_path / "calibration.pdf"
    labels.write_calibration_page(out, "avery-5160", offset=(1.5, -1))
    text = PdfReader(out).pages[0].extract_text()
    numbers = {int(t) for t in text.split() if t.isdigit()}
    assert set(range(1, 31)) <= numbers  # cell numbers (and ruler marks)
    assert "+1.5 mm right, -1.0 mm down" in text
    assert len(PdfReader(out).pages) == 1


def test_the_printer_offset_is_saved_checked_and_applied(database, tmp_path):
    assert layout.load_offset() == (0.0, 0.0)
    layout.save_offset(1.25, -0.5)
    assert layout.load_offset() == (1.25, -0.5)
    with pytest.raises(OutputError):
        layout.save_offset(25, 0)
    assert layout.load_offset() == (1.25, -0.5)
    ids = [person("Ana", "Lee")]
    labels.write_labels(tmp_path / "saved.pdf", ids, "avery-5160")
    labels.write_labels(tmp_path / "zero.pdf", ids, "avery-5160", offset=(0, 0))
    (_, x1, y1, _), *_ = positions(tmp_path / "saved.pdf")
    (_, x0, y0, _), *_ = positions(tmp_path / "zero.pdf")
    assert (x1 - x0, y1 - y0) == (pytest.approx(1.25 * MM), pytest.approx(0.5 * MM))


def test_a_label_run_can_be_cancelled_and_writes_nothing(database, tmp_path):
    ids = [person(f"P{i}", "Lee") for i in range(3)]
    out = tmp_path / "labels.pdf"
    with pytest.raises(layout.PrintCancelled):
        labels.write_labels(out, ids, "avery-5160", cancelled=lambda: True)
    assert not out.exists()


def test_previews_get_the_same_pdf_without_a_file(database, tmp_path):
    ids = [person("Ana", "Lee"), person("Olu", "Ade")]
    result = labels.render_labels(ids, "avery-l7160", offset=(0, 0))
    assert result.written == 2 and result.data.startswith(b"%PDF")
    envelopes = labels.render_envelopes(ids, "envelope-dl", offset=(0, 0))
    assert envelopes.pages == 2 and len(PdfReader(io.BytesIO(envelopes.data)).pages) == 2
    page = labels.render_calibration_page("a6-postcard-a4", offset=(0, 0))
    assert len(PdfReader(io.BytesIO(page)).pages) == 1
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]
