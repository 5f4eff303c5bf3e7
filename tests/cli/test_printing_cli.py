"""`oneonone print …`: cards, labels, envelopes, graphics, calibration, stocks and the offset;
an unknown stock, template or person exits 2 with a message and writes no file."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image
from pypdf import PdfReader

from oneonone_desktop.cli import main
from oneonone_desktop.documents.stocks import list_stocks
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store.models import Task


@pytest.fixture
def ids(database) -> list[int]:
    made = []
    for first, street in (("Ana", "1 Elm St"), ("Олег", "2 Elm St"), ("Nadia", "")):
        data = SupporterData(first_name=first, last_name="Núñez", street=street, city="Tucson")
        data.labels = {"tag": ["huddle"]}
        made.append(int(create_supporter(data).id))
    return made


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_print_cards_writes_one_card_per_person(ids, out, capsys):
    target = out / "cards.pdf"
    args = ["print", "cards", "--stock", "avery-8387", "--person", str(ids[0])]
    code = main([*args, "--person", str(ids[1]), "--out", str(target)])
    assert code == 0
    assert "Wrote 2 cards on 1 sheet" in capsys.readouterr().out
    text = PdfReader(target).pages[0].extract_text()
    assert "Dear Ana," in text and "Dear Олег," in text


def test_print_cards_by_tag_with_a_spanish_template_and_back_pages(ids, out, capsys):
    target = out / "cards.pdf"
    choice = ["--template", "gracias por sumarte", "--back"]
    code = main(
        [
            "print",
            "cards",
            "--stock",
            "avery-5389",
            "--tag",
            "huddle",
            *choice,
            "--out",
            str(target),
        ]
    )
    assert code == 0
    assert len(PdfReader(target).pages) == 4  # 3 cards: 2 sheets, each with its back
    assert "¡Ana, gracias por estar!" in PdfReader(target).pages[0].extract_text()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--stock", "avery-9999"], "no stock called 'avery-9999'"),
        (["--stock", "avery-8387", "--template", "Nope"], "no template called 'Nope'"),
        (["--stock", "avery-8387", "--person", "4242"], "no person with id 4242"),
        (["--stock", "avery-5160"], "'avery-5160' is a label stock"),
        (["--stock", "avery-8387", "--tag", "nobody"], "No one has the tag 'nobody'"),
    ],
)
def test_unknown_stock_template_or_person_exits_2_and_writes_nothing(
    ids, out, capsys, extra, message
):
    target = out / "cards.pdf"
    code = main(["print", "cards", "--person", str(ids[0]), *extra, "--out", str(target)])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not target.exists() and list(out.iterdir()) == []


def test_choosing_nobody_is_refused(ids, out, capsys):
    assert main(["print", "cards", "--stock", "avery-8387", "--out", str(out / "c.pdf")]) == 2
    assert "Choose who" in capsys.readouterr().err


def test_print_labels_reports_people_without_an_address_by_id(ids, out, capsys):
    target = out / "labels.pdf"
    assert main(["print", "labels", "--tag", "huddle", "--out", str(target)]) == 0
    captured = capsys.readouterr()
    assert "Wrote 2 labels on 1 page" in captured.out
    assert f"Ids: {ids[2]}." in captured.err and "Nadia" not in captured.err


def test_print_envelopes_one_page_each(ids, out):
    target = out / "envelopes.pdf"
    code = main(
        ["print", "envelopes", "--stock", "envelope-a2", *_people(ids), "--out", str(target)]
    )
    assert code == 0
    assert len(PdfReader(target).pages) == 2


def _people(ids: list[int]) -> list[str]:
    return [part for sid in ids for part in ("--person", str(sid))]


def test_print_cards_for_everyone_with_a_thank_you_due(ids, out, capsys):
    Task.create(
        supporter=ids[1],
        kind="thank_you",
        title="Thank",
        channel="card",
        due_on=dt.date.today(),
        uid="t1",
    )
    target = out / "due.pdf"
    code = main(["print", "cards", "--stock", "letter", "--thank-you-due", "--out", str(target)])
    assert code == 0
    assert "Wrote 1 card on 1 sheet" in capsys.readouterr().out
    assert Task.get(Task.uid == "t1").status == "open"  # a file alone ticks nothing
    argv = ["print", "cards", "--stock", "letter", "--thank-you-due", "--mark-sent"]
    assert main([*argv, "--out", str(target)]) == 0
    assert "Ticked 1 thank-you task as done." in capsys.readouterr().out
    assert Task.get(Task.uid == "t1").status == "done"
    assert main([*argv, "--out", str(target)]) == 2  # none due any more


def test_print_graphic_png_at_the_size_asked_and_leaves_out_a_person_without_consent(
    ids, out, capsys
):
    target = out / "g.png"
    code = main(
        ["print", "graphic", "--size", "1200x675", "--person", str(ids[0]), "--out", str(target)]
    )
    assert code == 0
    with Image.open(target) as image:
        assert image.size == (1200, 675)
    captured = capsys.readouterr()
    assert "no permission to mention them" in captured.err and "Ana" not in captured.err


def test_print_graphic_poster_and_bad_sizes(ids, out, capsys):
    poster = out / "poster.pdf"
    assert (
        main(["print", "graphic", "--paper", "tabloid", "--community", "--out", str(poster)]) == 0
    )
    assert float(PdfReader(poster).pages[0].mediabox.height) == pytest.approx(17 * 72)
    assert main(["print", "graphic", "--size", "huge", "--out", str(out / "x.png")]) == 2
    assert main(["print", "graphic", "--paper", "a4", "--out", str(out / "x.png")]) == 2
    assert not (out / "x.png").exists()


def test_print_calibration_and_the_offset_setting(ids, out, capsys):
    assert main(["print", "offset", "--right", "1.5", "--down", "-0.5"]) == 0
    assert main(["print", "offset"]) == 0
    assert "+1.5 mm right, -0.5 mm down" in capsys.readouterr().out
    target = out / "cal.pdf"
    assert main(["print", "calibration", "--stock", "avery-l7160", "--out", str(target)]) == 0
    assert "+1.5 mm right" in PdfReader(target).pages[0].extract_text()
    assert main(["print", "offset", "--right", "40"]) == 2


@pytest.mark.parametrize("argv", [["print", "--list-stocks"], ["print", "stocks"]])
def test_listing_the_stocks(argv, capsys):
    assert main(argv) == 0
    listed = capsys.readouterr().out
    for stock in list_stocks():
        assert stock.id in listed


def test_print_without_a_kind_says_what_to_choose(capsys):
    assert main(["print"]) == 2
    assert "Choose what to print" in capsys.readouterr().err
