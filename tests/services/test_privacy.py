"""Privacy requests: everything held about a person comes out, and erasure leaves no bytes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from oneonone_desktop.paths import database_path
from oneonone_desktop.services import privacy
from oneonone_desktop.services.supporters import (
    Consent,
    SupporterData,
    create_supporter,
    record_consent,
)
from oneonone_desktop.store.models import (
    Answer,
    Commitment,
    Meeting,
    Promise,
    StageChange,
    Supporter,
    Task,
    Touch,
)

SECRET_WORDS = ("Xanthippe", "Wolfenbarger", "plum-orchard-strike", "zx81tortoise")


@pytest.fixture
def person(database) -> int:
    """A person with a row in every table that can hold something about them."""
    first, last, note, answer_words = SECRET_WORDS
    supporter = create_supporter(
        SupporterData(
            first_name=first,
            last_name=last,
            emails=[f"{first.lower()}@example.org"],
            phones=["520 555 0199"],
            background=f"Talked about the {note}.",
            labels={"tag": ["tenants"], "issue": ["housing"]},
            consents={"email_list": Consent(True, dt.date(2025, 1, 5), "said yes during 1:1")},
        )
    )
    record_consent(supporter.id, "email_list", Consent(False, None, "asked by text"))
    meeting = Meeting.create(supporter=supporter, status="held", notes=f"{first} on the {note}")
    Answer.create(meeting=meeting, question_text="What matters?", answer=answer_words)
    commitment = Commitment.create(supporter=supporter, meeting=meeting, activity="Canvass")
    promise = Promise.create(supporter=supporter, text=f"Send {first} the flyer")
    Task.create(supporter=supporter, title=f"Thank {first}", due_on=dt.date(2025, 2, 1), uid="t1")
    Task.create(commitment=commitment, title="Remind", due_on=dt.date(2025, 2, 2), uid="t2")
    Task.create(promise=promise, title="Flyer", due_on=dt.date(2025, 2, 3), uid="t3")
    Touch.create(supporter=supporter, kind="call", note=f"{last} called back")
    StageChange.create(supporter=supporter, meeting=meeting, from_position=0, to_position=1)
    return int(supporter.id)


def test_json_export_holds_every_table_about_the_person(database, person, tmp_path: Path):
    out = privacy.export_person(database, person, tmp_path / "them.json")
    record = json.loads(out.read_text(encoding="utf-8"))
    tables = record["tables"]
    assert record["about"]["name"] == "Xanthippe Wolfenbarger"
    assert set(tables) == set(privacy.TABLE_WORDS)
    assert all(tables[name] for name in tables), [n for n in tables if not tables[n]]
    assert [c["granted"] for c in tables["consent_record"]] == [1, 0]
    assert tables["consent_record"][1]["how"] == "asked by text"
    assert {t["uid"] for t in tables["task"]} == {"t1", "t2", "t3"}
    assert tables["answer"][0]["answer"] == SECRET_WORDS[3]


def test_pdf_export_is_readable_and_names_the_person(database, person, tmp_path: Path):
    out = privacy.export_person(database, person, tmp_path / "them.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Everything held about Xanthippe Wolfenbarger" in text
    assert "said yes during 1:1" in text and "asked by text" in text


def test_export_refuses_an_unknown_file_ending_and_an_unknown_person(database, person, tmp_path):
    with pytest.raises(ValueError, match=r"\.json or \.pdf"):
        privacy.export_person(database, person, tmp_path / "them.txt")
    with pytest.raises(privacy.PersonNotFound):
        privacy.export_person(database, 999_999, tmp_path / "x.json")
    assert not list(tmp_path.glob("*.json"))


def test_erasure_leaves_no_bytes_of_the_person_in_the_data_file_or_its_log(
    database, person, data_dir
):
    path = database_path(data_dir)
    privacy.fold_log(database)
    raw = path.read_bytes()
    assert all(word.encode() in raw for word in SECRET_WORDS)  # the check can fail
    result = privacy.erase_person(database, person)
    assert result.name == "Xanthippe Wolfenbarger" and result.rows["task"] == 3
    wal = path.with_name(path.name + "-wal")
    for file in (path, wal):
        data = file.read_bytes() if file.exists() else b""
        for word in SECRET_WORDS:
            for form in {word, word.lower()}:
                assert form.encode() not in data, (file.name, form)
    assert Supporter.select().count() == 0
    assert Task.select().count() == 0 and Answer.select().count() == 0
    assert database.execute_sql(
        "SELECT COUNT(*) FROM supporter_fts WHERE supporter_fts MATCH 'xanthippe'"
    ).fetchone() == (0,)


def test_erasing_someone_already_gone_changes_nothing(database):
    with pytest.raises(privacy.PersonNotFound) as info:
        privacy.erase_person(database, 4242)
    assert "4242" in info.value.message


def test_export_covers_every_table_that_holds_rows_about_a_person(database):
    from oneonone_desktop.services.privacy import _ROWS, TABLE_WORDS

    about_people = {
        table
        for table in database.get_tables()
        if any(c.name == "supporter_id" for c in database.get_columns(table))
    }
    exported_as = {"supporter_label": "label"}  # labels are exported by name, not by link row
    covered = {exported_as.get(table, table) for table in about_people}
    assert covered <= set(_ROWS), covered - set(_ROWS)
    assert set(_ROWS) == set(TABLE_WORDS)
