"""The #WhyWeResist graphic maker in the Print section: sizes, words, consent, community."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from pypdf import PdfReader

from oneonone_desktop.services.supporters import Consent, add_labels, record_consent
from oneonone_desktop.views.printing.feature import SECTION, print_section
from oneonone_desktop.views.printing.graphic_panel import SIZES


@pytest.fixture
def section(window):
    page = print_section(window)
    window.show_section(SECTION)
    page.show_kind("graphic")
    return page


def choose_size(section, pixels=None, paper=None) -> None:
    index = next(i for i, (_, p, px) in enumerate(SIZES) if p == paper and px == pixels)
    section.graphic.size_choice.setCurrentIndex(index)


def wait_rendered(qtbot, section, check) -> None:
    qtbot.waitUntil(lambda: section.rendered() is not None and check(section.rendered()))


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())  # lines wrap wherever the words fit


def test_a_blank_letter_poster_is_one_letter_page(section, qtbot):
    choose_size(section, paper="letter")
    wait_rendered(qtbot, section, lambda r: not r.png)
    assert section.preview.document().pageCount() == 1
    assert section.rendered().result.size == (612.0, 792.0)
    assert section.print_button.isEnabled()
    assert not section.save_png_button.isVisibleTo(section)


def test_words_typed_fill_the_blank(section, qtbot):
    choose_size(section, paper="a4")
    qtbot.keyClicks(section.graphic.own_words, "our clinic must stay open")
    assert section.graphic.own.isChecked()
    wait_rendered(qtbot, section, lambda r: "clinic must stay open" in pdf_text(r.data))


def test_a_person_without_consent_is_left_out_and_the_reason_shown(section, add_person, qtbot):
    person = add_person("Renée", "Okafor")
    choose_size(section, paper="letter")
    section.graphic.use_person(person)
    wait_rendered(qtbot, section, lambda r: bool(r.result.note))
    assert "no permission to mention them" in section.rendered().result.note
    assert "Okafor" not in pdf_text(section.rendered().data)
    assert section.notes.isVisible()
    assert "Renée Okafor has not given permission" in section.notes.text()


def test_a_person_with_consent_appears_with_their_issues(section, add_person, qtbot):
    person = add_person("Renée", "Okafor")
    record_consent(person, "social_mention", Consent(True, dt.date(2025, 3, 1), "at our 1:1"))
    add_labels([person], "issue", ["housing"])
    choose_size(section, paper="letter")
    section.graphic.use_person(person)
    wait_rendered(qtbot, section, lambda r: "Okafor" in pdf_text(r.data))
    assert "housing" in pdf_text(section.rendered().data)
    assert not section.notes.isVisible()


def test_a_social_image_previews_and_saves_a_png_of_the_exact_size(section, qtbot, tmp_path):
    choose_size(section, pixels=(1080, 1350))
    wait_rendered(qtbot, section, lambda r: r.png)
    assert section.preview.image.image_size().width() == 1080
    assert section.save_png_button.isVisibleTo(section)
    assert not section.print_button.isEnabled()
    saved = section.save_png(tmp_path / "post")
    assert saved == tmp_path / "post.png"
    assert Image.open(saved).size == (1080, 1350)
    as_pdf = section.save_pdf(tmp_path / "post.pdf")
    page = PdfReader(str(as_pdf)).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (1080, 1350)


def test_the_community_version_names_the_top_issues_and_no_one(section, add_person, qtbot):
    for first in ("Ana", "Bea", "Cy"):
        add_labels([add_person(first, "Zapata")], "issue", ["transit"])
    choose_size(section, paper="letter")
    section.graphic.community.setChecked(True)
    wait_rendered(qtbot, section, lambda r: "transit" in pdf_text(r.data))
    assert "Zapata" not in pdf_text(section.rendered().data)
