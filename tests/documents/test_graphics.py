"""#WhyWeResist graphics: exact social sizes, poster papers, a person's words and name only with
their social-media consent, and the community's issues without names."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from pypdf import PdfReader

from oneonone_desktop.documents import graphics
from oneonone_desktop.documents.graphics import GraphicError
from oneonone_desktop.services.supporters import (
    Consent,
    SupporterData,
    create_supporter,
    record_consent,
)
from oneonone_desktop.store.models import Answer, Meeting, OrganizerProfile

IN = 72.0


def person(first: str, last: str, issues: list[str], consent: bool | None = None) -> int:
    sid = int(
        create_supporter(
            SupporterData(first_name=first, last_name=last, labels={"issue": issues})
        ).id
    )
    if consent is not None:
        record_consent(sid, "social_mention", Consent(consent, dt.date(2026, 3, 1), "1:1"))
    return sid


def pdf_text(path: object) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", graphics.SOCIAL_SIZES)
def test_social_images_are_exactly_the_size_asked(database, tmp_path, size):
    out = tmp_path / "social.png"
    result = graphics.write_graphic(out, size=size)
    with Image.open(out) as image:
        assert image.size == size and image.format == "PNG"
    assert result.size == size and result.note == ""


@pytest.mark.parametrize(
    ("paper", "inches"), [("letter", (8.5, 11)), ("a4", (8.27, 11.69)), ("tabloid", (11, 17))]
)
def test_posters_come_on_the_paper_asked(database, tmp_path, paper, inches):
    out = tmp_path / "poster.pdf"
    graphics.write_graphic(out, paper=paper, offset=(0, 0))
    box = PdfReader(out).pages[0].mediabox
    assert (float(box.width) / IN, float(box.height) / IN) == (
        pytest.approx(inches[0], abs=0.01),
        pytest.approx(inches[1], abs=0.01),
    )
    assert "I resist because" in pdf_text(out) and "#WhyWeResist" in pdf_text(out)


def test_a_person_without_social_media_consent_is_left_out_and_told_why(database, tmp_path):
    sid = person("Ximena", "Quispe", ["housing"])
    out = tmp_path / "graphic.pdf"
    result = graphics.write_graphic(out, size=(1080, 1080), supporter_id=sid, words="My words")
    text = pdf_text(out)
    assert "Ximena" not in text and "Quispe" not in text and "My words" not in text
    assert "housing" not in text
    assert "no permission to mention them on social media" in result.note
    assert "Ximena" not in result.note  # the note itself names no one


def test_a_withdrawn_consent_counts_as_none(database, tmp_path):
    sid = person("Ximena", "Quispe", ["housing"], consent=True)
    record_consent(sid, "social_mention", Consent(False))
    result = graphics.write_graphic(tmp_path / "g.pdf", paper="letter", supporter_id=sid)
    assert result.note and "Ximena" not in pdf_text(tmp_path / "g.pdf")


def test_with_consent_their_issues_and_name_fill_the_blank(database, tmp_path):
    sid = person("Ximena", "Quispe", ["housing", "clean water"], consent=True)
    out = tmp_path / "graphic.pdf"
    result = graphics.write_graphic(out, size=(1080, 1350), supporter_id=sid)
    text = " ".join(pdf_text(out).split())
    assert result.note == ""
    assert "housing and clean water matter to me." in text and "— Ximena Quispe" in text
    spanish = tmp_path / "es.pdf"
    graphics.write_graphic(spanish, paper="a4", supporter_id=sid, language="es")
    assert "Resisto porque" in pdf_text(spanish)


def test_the_community_version_counts_labels_and_meeting_answers_but_names_no_one(
    database, tmp_path
):
    OrganizerProfile.update(chapter="Riverside Chapter").execute()
    a = person("Ana", "Lee", ["housing", "transit"])
    person("Olu", "Ade", ["housing"])
    c = person("Kim", "Ng", [])
    person("Zed", "Old", ["climate"])
    meeting = Meeting.create(supporter=c, status="held")
    Answer.create(meeting=meeting, question_text="Which issues?", answer="Transit, and Housing.")
    assert graphics.top_issues() == [("housing", 3), ("transit", 2), ("climate", 1)]
    assert graphics.top_issues([a, c]) == [("housing", 2), ("transit", 2)]
    out = tmp_path / "community.png"
    graphics.write_graphic(out, community=True)
    pdf = tmp_path / "community.pdf"
    graphics.write_graphic(pdf, paper="tabloid", community=True)
    text = pdf_text(pdf)
    assert "Our community resists because" in text and "housing" in text
    assert "Riverside Chapter" in text
    for name in ("Ana", "Lee", "Olu", "Kim", "Zed"):
        assert name not in text


def test_blank_lines_are_drawn_for_handwriting_and_own_words_fill_them(database, tmp_path):
    ops = graphics.scene(graphics.GraphicText("I resist because"), 1080, 1080, graphics.SOCIAL)
    assert sum(op[0] == "line" for op in ops) >= 3
    filled = graphics.scene(
        graphics.GraphicText("I resist because", ["our kids deserve clean air"]),
        1080,
        1080,
        graphics.SOCIAL,
    )
    assert not any(op[0] == "line" for op in filled)
    texts = [op for op in filled if op[0] == "text"]
    assert all(0 <= op[1] < 1080 for op in texts)


def test_every_text_of_a_graphic_stays_inside_the_image(database):
    text = graphics.GraphicText(
        "I resist because", ["word " * 400], "— Bartholomew-Alexandrovich Featherstonehaugh"
    )
    for width, height in graphics.SOCIAL_SIZES:
        for op in graphics.scene(text, width, height, graphics.SOCIAL):
            if op[0] == "text":
                _, x, baseline, words, font, size, *_ = op
                from reportlab.pdfbase.pdfmetrics import stringWidth

                assert x + stringWidth(words, font, size) <= width - 0.08 * min(width, height) + 1
                assert baseline <= height


def test_bad_sizes_and_mixed_choices_are_refused(database, tmp_path):
    with pytest.raises(GraphicError):
        graphics.parse_size("big")
    with pytest.raises(GraphicError):
        graphics.parse_size("10x10")
    assert graphics.parse_size("1080×1350") == (1080, 1350)
    with pytest.raises(GraphicError):
        graphics.write_graphic(tmp_path / "p.png", paper="letter")
    with pytest.raises(GraphicError):
        graphics.write_graphic(tmp_path / "p.pdf", paper="legal")
    with pytest.raises(GraphicError):
        graphics.write_graphic(tmp_path / "p.pdf", supporter_id=4242)
    assert not (tmp_path / "p.png").exists() and not (tmp_path / "p.pdf").exists()


def test_a_preview_gets_the_bytes_without_a_file(database):
    result = graphics.render_graphic("png", size=(1080, 1350))
    with Image.open(io.BytesIO(result.data)) as image:
        assert image.size == (1080, 1350)
    assert result.path is None
    poster = graphics.render_graphic("pdf", paper="a4", offset=(0, 0))
    assert poster.data.startswith(b"%PDF") and poster.size == pytest.approx(
        (595.28, 841.89), abs=0.01
    )
