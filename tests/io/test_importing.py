"""Planning and applying imports: duplicates merged never doubled, and all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from oneonone_desktop.io.importing import (
    ImportRefused,
    apply_import,
    export_any,
    plan_import,
    read_any,
)
from oneonone_desktop.io.problems import ExportFileError, ImportFileError
from oneonone_desktop.io.records import ImportRecord
from oneonone_desktop.services import supporters as svc
from oneonone_desktop.services.supporter_list import SupporterFilter, all_ids
from oneonone_desktop.services.supporters import Consent, SupporterData
from oneonone_desktop.store.models import Label, Supporter

Writer = Callable[..., Path]


def run(path: Path):
    records, problems = read_any(path)
    return apply_import(plan_import(records, problems))


def test_rows_of_the_same_person_in_one_file_become_one_person(database, write_file: Writer):
    text = (
        "First name,Last name,Email,Phone,Tags\n"
        "Ana,García,ana@example.org,,housing\n"
        "Bo,Chen,bo@example.org,520 555 0102,\n"
        "Ana,,ANA@Example.org,(520) 555-0101,transit\n"
        "Anita,,,+1 520.555.0101,\n"
    )
    records, problems = read_any(write_file("s.csv", text))
    plan = plan_import(records, problems)
    assert [(r.line, r.merged_lines) for r in plan.to_add] == [(2, [4, 5]), (3, [])]
    result = apply_import(plan)
    assert (result.added, result.merged) == (2, 0)
    ana = svc.load_data(Supporter.get(Supporter.first_name == "Ana").id)
    assert ana.last_name == "García"
    assert ana.emails == ["ana@example.org"]
    assert ana.phones == ["(520) 555-0101"]
    assert ana.labels == {"tag": ["housing", "transit"]}


def test_stored_people_are_found_by_email_or_phone_and_filled_in(database, write_file: Writer):
    ana = svc.create_supporter(
        SupporterData(first_name="Ana", city="Tucson", emails=["ana@example.org"])
    )
    bo = svc.create_supporter(SupporterData(first_name="Bo", phones=["520-555-0102"]))
    text = (
        "First name,Last name,Email,Phone,City,Tags\n"
        "Ana,García,ANA@example.org,,Phoenix,host\n"
        "Robert,Chen,bo@example.org,(520) 555 0102,,\n"
    )
    records, problems = read_any(write_file("s.csv", text))
    plan = plan_import(records, problems)
    assert [sid for sid, _ in plan.to_merge] == [ana.id, bo.id] and plan.to_add == []
    result = apply_import(plan)
    assert (result.added, result.merged, result.unchanged) == (0, 2, 0)
    merged = svc.load_data(ana.id)
    assert (merged.last_name, merged.city) == ("García", "Tucson")  # stored values win
    assert merged.labels == {"tag": ["host"]}
    bo_now = svc.load_data(bo.id)
    assert bo_now.first_name == "Bo" and bo_now.emails == ["bo@example.org"]
    assert Supporter.select().count() == 2


def test_two_rows_matching_one_stored_person_merge_once(database, write_file: Writer):
    ana = svc.create_supporter(
        SupporterData(first_name="Ana", emails=["ana@example.org"], phones=["5205550101"])
    )
    text = "Name,Email,Phone\nAna García,ana@example.org,\nA. García,,520 555 0101\n"
    records, problems = read_any(write_file("s.csv", text))
    plan = plan_import(records, problems)
    assert len(plan.to_merge) == 1 and plan.to_merge[0][0] == ana.id
    assert plan.to_merge[0][1].merged_lines == [3]


def test_an_id_from_another_database_with_another_name_is_not_trusted(database, write_file: Writer):
    stored = svc.create_supporter(SupporterData(first_name="Ana"))
    path = write_file("s.csv", f"id,first_name\n{stored.id},Bo\n")
    result = run(path)
    assert (result.added, result.merged) == (1, 0)


def test_ladder_stage_is_matched_by_key_or_label_in_any_case(database, write_file: Writer):
    text = "First name,Stage\nAna,Leader / organizer\nBo,ACTIVE\nCy,\n"
    run(write_file("s.csv", text))
    stages = {s.first_name: svc.load_data(s.id).stage_key for s in Supporter.select()}
    assert stages == {"Ana": "leader", "Bo": "active", "Cy": None}


def test_unknown_ladder_stage_is_a_problem_and_nothing_is_stored(database, write_file: Writer):
    records, problems = read_any(write_file("s.csv", "First name,Stage\nAna,Champion\n"))
    plan = plan_import(records, problems)
    assert [(p.line, p.field) for p in plan.problems] == [(2, "ladder stage")]
    with pytest.raises(ImportRefused):
        apply_import(plan)
    assert Supporter.select().count() == 0


def test_bad_row_at_line_9000_leaves_the_database_exactly_as_before(
    database, write_file: Writer, snapshot
):
    svc.create_supporter(SupporterData(first_name="Existing", emails=["keep@example.org"]))
    lines = ["First name,Email,Tags"]
    lines += [f"Person{i},p{i}@example.org,new tag" for i in range(2, 9000)]
    lines.append("Broken,broken@,x")
    lines.append("Keep,KEEP@example.org,changed")
    path = write_file("big.csv", "\n".join(lines) + "\n")
    before = snapshot()
    records, problems = read_any(path)
    plan = plan_import(records, problems)
    assert [(p.line, p.field) for p in plan.problems] == [(9000, "Email")]
    with pytest.raises(ImportRefused) as info:
        apply_import(plan)
    assert "big.csv, line 9000, Email: 'broken@'" in str(info.value)
    assert "Nothing was imported" in info.value.message
    assert snapshot() == before


def test_a_problem_found_while_applying_rolls_back_everything(database, snapshot):
    long_text = "a" * 60_000
    stored = svc.create_supporter(
        SupporterData(first_name="Ana", emails=["ana@example.org"], background=long_text)
    )
    before = snapshot()
    new = ImportRecord(2, SupporterData(first_name="New", emails=["new@example.org"]))
    same = ImportRecord(
        3, SupporterData(first_name="Ana", emails=["ana@example.org"], background="b" * 60_000)
    )
    plan = plan_import([new, same], [])
    assert plan.to_merge[0][0] == stored.id
    with pytest.raises(ImportRefused) as info:
        apply_import(plan)  # the merged notes would pass the 100,000-character limit
    assert [(p.line, p.field) for p in info.value.problems] == [(3, "notes")]
    assert snapshot() == before


def test_records_changed_after_planning_are_checked_again(database, snapshot):
    plan = plan_import([ImportRecord(2, SupporterData(first_name="Ana"))], [])
    plan.to_add[0].data.emails = ["not an email"]
    before = snapshot()
    with pytest.raises(ImportRefused) as info:
        apply_import(plan)
    assert [p.field for p in info.value.problems] == ["email"]
    assert snapshot() == before


def test_person_erased_after_planning_is_added_back(database):
    stored = svc.create_supporter(SupporterData(first_name="Ana", emails=["a@example.org"]))
    plan = plan_import(
        [ImportRecord(2, SupporterData(first_name="Ana", emails=["a@example.org"]))], []
    )
    svc.erase([stored.id])
    result = apply_import(plan)
    assert (result.added, result.merged) == (1, 0)
    assert Supporter.select().count() == 1


def test_progress_is_reported_from_zero_to_the_total(database, write_file: Writer):
    existing = svc.create_supporter(SupporterData(first_name="Zed", emails=["zed@example.org"]))
    rows = "\n".join(f"P{i},p{i}@example.org" for i in range(2500))
    path = write_file("s.csv", f"First name,Email\n{rows}\nZed,zed@example.org\n")
    calls: list[tuple[int, int]] = []
    records, problems = read_any(path)
    apply_import(plan_import(records, problems), lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 2501) and calls[-1] == (2501, 2501)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert existing.id in all_ids(database, SupporterFilter())


def test_imported_people_are_stored_like_the_services_store_them(database):
    data = SupporterData(
        first_name="Ana",
        last_name="García",
        emails=["Ana@Example.org"],
        phones=["+1 (520) 555-0101"],
        labels={"tag": ["Housing"], "skill": ["Spanish"]},
        stage_key="member",
        consents={"email_list": Consent(True, dt.date(2024, 3, 1), "sheet")},
    )
    apply_import(plan_import([ImportRecord(2, data)], []))
    stored = Supporter.get()
    assert svc.load_data(stored.id) == data
    assert svc.find_duplicate(["ana@example.org"], []) == stored.id
    assert stored.created_at is not None and stored.updated_at is not None


def test_consent_without_a_date_is_dated_today_as_the_services_do(database):
    data = SupporterData(first_name="Ana", consents={"photo": Consent(True)})
    apply_import(plan_import([ImportRecord(2, data)], []))
    consent = svc.current_consents(Supporter.get().id)["photo"]
    assert consent.granted and consent.given_on == dt.date.today()


def test_imported_labels_reuse_stored_labels_ignoring_case(database):
    svc.create_supporter(SupporterData(first_name="Old", labels={"tag": ["Housing"]}))
    apply_import(
        plan_import(
            [ImportRecord(2, SupporterData(first_name="New", labels={"tag": ["housing"]}))], []
        )
    )
    assert [label.name for label in Label.select().where(Label.kind == "tag")] == ["Housing"]


def test_imported_people_are_found_by_search(database, write_file: Writer):
    run(write_file("s.csv", "First name,Last name,Email\nAna,Peña,ana@example.org\n"))
    assert len(all_ids(database, SupporterFilter(search="pena"))) == 1
    assert len(all_ids(database, SupporterFilter(search="ana@exa"))) == 1


def test_read_any_picks_the_reader_by_extension(sample, tmp_path: Path):
    assert len(read_any(sample("contacts_40.vcf"))[0]) == 1
    upper = tmp_path / "PHONE.VCF"
    upper.write_bytes(sample("contacts_40.vcf").read_bytes())
    assert len(read_any(upper)[0]) == 1
    with pytest.raises(ImportFileError) as info:
        read_any(tmp_path / "people.xlsx")
    assert "Save As" in info.value.message


def test_export_any_writes_csv_or_vcard_and_refuses_other_names(database, tmp_path: Path):
    ids = [svc.create_supporter(SupporterData(first_name="Ana")).id]
    assert export_any(tmp_path / "p.csv", ids) == 1
    assert export_any(tmp_path / "p.vcf", ids) == 1
    assert (tmp_path / "p.vcf").read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    with pytest.raises(ExportFileError):
        export_any(tmp_path / "p.txt", ids)


def test_refusal_message_lists_at_most_100_problems(database, write_file: Writer):
    rows = "\n".join(f"P{i},bad@" for i in range(150))
    records, problems = read_any(write_file("s.csv", f"First name,Email\n{rows}\n"))
    with pytest.raises(ImportRefused) as info:
        apply_import(plan_import(records, problems))
    assert len(info.value.problems) == 150
    assert "150 problems" in info.value.message and "and 50 more" in info.value.message


def test_importing_the_same_vcard_twice_merges_everyone(database, sample, snapshot):
    path = sample("phone_export_21.vcf")
    first = run(path)
    before = snapshot()
    second = run(path)
    assert (first.added, second.added, second.merged, second.unchanged) == (2, 0, 2, 2)
    assert snapshot() == before
