"""The 1:1 prep sheet: everything the organizer needs on one page (two at most), A4 or Letter."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from oneonone_desktop.documents.prep_sheet import PrepSheetError, write_prep_sheet
from oneonone_desktop.services import actions, meetings
from oneonone_desktop.services import supporters as people
from oneonone_desktop.services.actions import ActionData

TODAY = dt.date(2030, 3, 4)


def text_of(path: Path) -> str:
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def ana(database) -> int:
    data = people.SupporterData(
        first_name="Ana",
        last_name="García",
        pronouns="she/her",
        how_met="Tenant rally",
        background="Works nights at the hospital.",
        labels={"issue": ["housing"], "skill": ["graphic design"], "interest": ["music"]},
        stage_key="supporter",
    )
    return int(people.create_supporter(data).id)


@pytest.fixture
def rally(database) -> int:
    return actions.create_action(
        ActionData(
            "Tenant rally at City Hall",
            kind="local_action",
            starts_at=dt.datetime(2030, 3, 9, 17),
            labels={"issue": ["housing"]},
        )
    )


def test_sheet_holds_what_we_know_asks_agenda_questions_and_next_steps(ana, rally, tmp_path):
    out = tmp_path / "prep.pdf"
    pages = write_prep_sheet(out, ana, "letter", today=TODAY)
    text = text_of(out)
    assert pages == 1 and len(PdfReader(str(out)).pages) == 1
    for expected in (
        "1:1 prep: Ana García",
        "she/her",
        "Supporter",
        "housing",
        "graphic design",
        "music",
        "Tenant rally",
        "Works nights at the hospital.",
        "Tenant rally at City Hall",
        "cares about housing",
        "Purpose.",
        "Connection.",
        "Wrap-up.",
        "figure out together how they can be involved locally",
        "11c.i.1.",
        "If not, would you like to meet others motivated to do so?",
        "Suggested next steps",
        "Sign up for updates",
        "Commitment and my promises",
    ):
        assert expected in text, expected


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("a4", (595, 842))])
def test_sheet_uses_the_chosen_paper_and_embeds_its_fonts(ana, tmp_path, paper, size):
    out = tmp_path / f"{paper}.pdf"
    write_prep_sheet(out, ana, paper, today=TODAY)
    page = PdfReader(str(out)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size
    fonts = page["/Resources"]["/Font"]
    for key in fonts:
        font = fonts[key].get_object()
        assert "DejaVuSans" in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded


def test_chosen_asks_appear_in_the_chosen_order_with_their_reasons(ana, rally, tmp_path):
    huddle = next(a for a in actions.list_actions(today=TODAY) if a.kind == "huddle")
    out = tmp_path / "prep.pdf"
    write_prep_sheet(out, ana, asks=[huddle.id, rally], today=TODAY)
    text = text_of(out)
    asks = text[text.index("Candidate asks") : text.index("Agenda")]
    assert asks.index("Join our huddle") < asks.index("Tenant rally at City Hall")
    assert "Sign up for updates" not in asks


def test_the_meetings_kind_and_chosen_asks_are_used_when_one_is_scheduled(ana, rally, tmp_path):
    meeting = meetings.schedule(ana, "debrief", dt.datetime(2030, 3, 6, 18), 30, "Café").meeting_id
    meetings.set_candidate_asks(meeting, [rally])
    out = tmp_path / "prep.pdf"
    write_prep_sheet(out, ana, today=TODAY)
    text = text_of(out)
    assert "Debrief after an action: Wed 06 Mar 2030, 18:00, 30 min at Café" in text
    assert "What happened." in text and "Celebrate." in text
    asks = text[text.index("Candidate asks") : text.index("Agenda")]
    assert "Tenant rally at City Hall" in asks and "Join our huddle" not in asks


def test_a_spanish_speaker_gets_the_spanish_questions(database, tmp_path):
    jose = people.create_supporter(people.SupporterData(first_name="José", language="es")).id
    out = tmp_path / "prep.pdf"
    write_prep_sheet(out, jose, "a4", today=TODAY)
    text = text_of(out)
    assert "¿Votó en la elección presidencial de 2016?" in text
    assert "Sí" in text


def test_a_person_with_a_lot_on_record_still_fits_on_two_pages_at_most(database, tmp_path):
    data = people.SupporterData(
        first_name="Lee",
        background="Long story. " * 400,
        labels={"issue": [f"issue {n}" for n in range(30)]},
    )
    lee = people.create_supporter(data).id
    for n in range(40):
        actions.create_action(ActionData(f"Action number {n}", labels={"issue": [f"issue {n}"]}))
    out = tmp_path / "prep.pdf"
    pages = write_prep_sheet(out, lee, asks=[a.id for a in actions.list_actions()], today=TODAY)
    assert pages == len(PdfReader(str(out)).pages) == 2
    assert "…" in text_of(out)  # the background was shortened, not run off the page


def test_an_unknown_person_is_refused_and_no_file_is_written(database, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(PrepSheetError, match="No person with id 999"):
        write_prep_sheet(folder / "prep.pdf", 999)
    assert list(folder.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_as_it_was(ana, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "prep.pdf"
    out.write_bytes(b"old sheet")
    with pytest.raises(PrepSheetError, match="letter or a4"):
        write_prep_sheet(out, ana, "legal")
    with pytest.raises(PrepSheetError, match=r"must end in \.pdf"):
        write_prep_sheet(folder / "prep.png", ana)
    with pytest.raises(PrepSheetError, match="does not exist"):
        write_prep_sheet(folder / "missing" / "prep.pdf", ana)
    assert out.read_bytes() == b"old sheet"
    assert [p.name for p in folder.iterdir()] == ["prep.pdf"]
