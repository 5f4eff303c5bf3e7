"""CSV export: id first, UTF-8 with BOM, formulas defused, and a faithful round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from oneonone_desktop.io.csv_export import EXPORT_COLUMNS, escape_formula, write_csv
from oneonone_desktop.io.importing import apply_import, plan_import, read_any
from oneonone_desktop.io.problems import ExportFileError
from oneonone_desktop.paths import backup_dir, database_path
from oneonone_desktop.services import supporters as svc
from oneonone_desktop.services.supporters import Consent, SupporterData
from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.models import Supporter


def rich_person(**overrides: object) -> SupporterData:
    data = SupporterData(
        first_name="Ana",
        last_name="García",
        preferred_name="Anita",
        pronouns="she/her",
        language="es",
        street="12 Elm St",
        street2="Apt 4",
        city="Tucsón",
        region="AZ",
        postal_code="85701",
        country="USA",
        how_met="library town hall",
        background="Cares about rent.\nHas a car.",
        emails=["ana@example.org", "ana@work.example"],
        phones=["+1 (520) 555-0101", "520 555 0102"],
        labels={
            "tag": ["host", "volunteer"],
            "issue": ["housing"],
            "skill": ["Spanish"],
            "interest": ["gardening"],
        },
        stage_key="member",
        consents={
            "email_list": Consent(True, dt.date(2024, 3, 1), "sign-in sheet"),
            "photo": Consent(False, None, "asked at the door"),
        },
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def read_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_export_starts_with_id_and_has_one_row_per_person_in_order(database, tmp_path):
    first = svc.create_supporter(rich_person())
    second = svc.create_supporter(SupporterData(first_name="Bo"))
    path = tmp_path / "people.csv"
    assert write_csv(path, [second.id, first.id, 12345]) == 2
    rows = read_rows(path)
    assert rows[0] == list(EXPORT_COLUMNS) and rows[0][0] == "id"
    assert [r[0] for r in rows[1:]] == [str(second.id), str(first.id)]
    ana = dict(zip(rows[0], rows[2], strict=True))
    assert ana["emails"] == "ana@example.org; ana@work.example"
    assert ana["stage"] == "Member" and ana["city"] == "Tucsón"
    assert ana["consent_email_list"] == "yes" and ana["consent_email_list_date"] == "2024-03-01"
    assert ana["consent_photo"] == "no" and ana["consent_share_chapter"] == ""
    assert ana["created_at"]
    assert b"\r\n" in path.read_bytes()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_a_spreadsheet_would_run_are_prefixed_with_a_quote(start):
    assert escape_formula(f"{start}SUM(A1)") == f"'{start}SUM(A1)"
    assert escape_formula("plain =") == "plain ="


def test_exported_formula_like_text_is_escaped_in_the_file(database, tmp_path):
    svc.create_supporter(SupporterData(first_name='=HYPERLINK("x")', how_met="@event"))
    path = tmp_path / "p.csv"
    write_csv(path, [s.id for s in Supporter.select()])
    row = dict(zip(*read_rows(path), strict=True))
    assert row["first_name"] == '\'=HYPERLINK("x")' and row["how_met"] == "'@event"
    assert row["phones"] == ""


def test_export_to_a_missing_folder_is_a_plain_error(database, tmp_path):
    with pytest.raises(ExportFileError) as info:
        write_csv(tmp_path / "nowhere" / "p.csv", [])
    assert "cannot be written" in info.value.message


def test_exported_csv_reimports_into_a_fresh_database_as_the_same_people(
    database, tmp_path, data_dir
):
    people = [
        rich_person(),
        rich_person(
            first_name="-Zed",
            last_name="O'Neil",
            emails=["zed@example.org"],
            phones=["+44 20 7946 0958"],
            consents={},
            labels={},
        ),
        SupporterData(first_name="Bo", background='quote " and, comma'),
    ]
    stored = [svc.load_data(svc.create_supporter(p).id) for p in people]
    path = tmp_path / "people.csv"
    write_csv(path, [s.id for s in Supporter.select().order_by(Supporter.id)])
    close_database(database)
    other = data_dir.parent / "other"
    fresh = open_database(database_path(other), backup_dir=backup_dir(other))
    try:
        records, problems = read_any(path)
        assert problems == []
        result = apply_import(plan_import(records, problems))
        assert (result.added, result.merged) == (3, 0)
        ids = [s.id for s in Supporter.select().order_by(Supporter.id)]
        assert [svc.load_data(i) for i in ids] == stored
    finally:
        close_database(fresh)


def test_exported_csv_reimported_is_merged_not_doubled(database, tmp_path, snapshot):
    svc.create_supporter(rich_person())
    svc.create_supporter(SupporterData(first_name="Bo"))  # no email or phone: found by id
    path = tmp_path / "people.csv"
    write_csv(path, [s.id for s in Supporter.select()])
    before = snapshot()
    records, problems = read_any(path)
    plan = plan_import(records, problems)
    assert (len(plan.to_add), len(plan.to_merge)) == (0, 2)
    result = apply_import(plan)
    assert (result.added, result.merged, result.unchanged) == (0, 2, 2)
    assert snapshot() == before
