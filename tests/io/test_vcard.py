"""Reading vCard 2.1/3.0/4.0 contacts and writing vCard 3.0."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from oneonone_desktop.io.problems import ImportFileError
from oneonone_desktop.io.vcard import card_text, read_vcards, write_vcards
from oneonone_desktop.io.vcard_lines import fold, logical_lines
from oneonone_desktop.services import supporters as svc
from oneonone_desktop.services.supporters import SupporterData

Writer = Callable[..., Path]


def test_phone_export_21_decodes_quoted_printable_with_soft_breaks_and_charsets(sample):
    records, problems = read_vcards(sample("phone_export_21.vcf"))
    assert problems == []
    maria, renee = (r.data for r in records)
    assert (maria.first_name, maria.last_name) == ("María", "Peña")
    assert maria.background == (
        "Conocí a María en la reunión de vecinos; quiere ayudar con la campaña.\nSegunda línea."
    )
    assert maria.phones == ["+1 520-555-0101", "520-555-0199"]
    assert maria.emails == ["maria.pena@example.org"]
    assert (maria.street, maria.city, maria.postal_code) == ("Calle España 12", "Tucsón", "85701")
    assert (renee.first_name, renee.last_name) == ("Renée", "Müller")  # ISO-8859-1
    assert renee.phones == ["5205550104"]  # the base64 photo around it is skipped
    assert [r.line for r in records] == [1, 12]


def test_address_book_30_unfolds_lines_unescapes_and_reads_groups(sample):
    records, problems = read_vcards(sample("address_book_30.vcf"))
    assert problems == []
    kwame = records[0].data
    assert kwame.preferred_name == "Kay"
    assert kwame.emails == ["kwame@example.org", "k.okafor@work.example"]  # item1.EMAIL too
    assert kwame.country == "United States"  # folded in the middle of a word
    assert (kwame.street, kwame.street2) == ("1 Main St", "Building B, Apt 4")
    assert kwame.background.startswith(
        "Cares about transit, housing; wants to host a house meeting.\nCall after 6."
    )
    assert "Organization: Tucson Transit Riders" in kwame.background
    assert kwame.labels == {"tag": ["Volunteers", "Host, maybe"]}


def test_contacts_40_reads_tel_uri_and_quoted_parameters(sample):
    records, problems = read_vcards(sample("contacts_40.vcf"))
    assert problems == []
    priya = records[0].data
    assert priya.phones == ["+1-520-555-0130"] and priya.language == "en"


def test_fn_alone_is_split_into_first_and_last(write_file: Writer):
    path = write_file("c.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Ana María García\nEND:VCARD\n")
    records, _ = read_vcards(path)
    assert (records[0].data.first_name, records[0].data.last_name) == ("Ana María", "García")


def test_bad_email_is_a_problem_naming_the_line_and_property(write_file: Writer):
    text = "BEGIN:VCARD\nVERSION:3.0\nN:Lee;Bo;;;\nEMAIL:bo@example.org\nEMAIL:bo@\nEND:VCARD\n"
    records, problems = read_vcards(write_file("c.vcf", text))
    assert records == []
    assert [(p.line, p.field) for p in problems] == [(5, "EMAIL")]
    assert str(problems[0]).startswith("c.vcf, line 5, EMAIL: 'bo@'")


def test_card_without_a_name_is_a_problem(write_file: Writer):
    text = "BEGIN:VCARD\nVERSION:3.0\nTEL:5205550101\nEND:VCARD\n"
    _, problems = read_vcards(write_file("c.vcf", text))
    assert [(p.line, p.field) for p in problems] == [(1, "N")]
    assert "no name" in problems[0].message


def test_card_cut_short_is_a_problem(write_file: Writer):
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo\n"
    records, problems = read_vcards(write_file("c.vcf", text))
    assert [r.data.first_name for r in records] == ["Ana"]
    assert [(p.line, p.field) for p in problems] == [(5, "END:VCARD")]


def test_line_without_a_colon_inside_a_card_is_a_problem(write_file: Writer):
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nthis is not a property\nEND:VCARD\n"
    records, problems = read_vcards(write_file("c.vcf", text))
    assert records == [] and [(p.line, p.field) for p in problems] == [(4, "line")]


def test_damaged_base64_note_is_a_problem(write_file: Writer):
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nNOTE;ENCODING=b:***\nEND:VCARD\n"
    _, problems = read_vcards(write_file("c.vcf", text))
    assert [(p.line, p.field) for p in problems] == [(4, "NOTE")]


def test_note_over_the_service_limit_is_a_problem(write_file: Writer):
    text = f"BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nNOTE:{'x' * 100_001}\nEND:VCARD\n"
    records, problems = read_vcards(write_file("c.vcf", text))
    assert records == [] and [(p.line, p.field) for p in problems] == [(4, "NOTE")]


def test_file_without_cards_is_refused(write_file: Writer):
    with pytest.raises(ImportFileError) as info:
        read_vcards(write_file("c.vcf", "just some text\n"))
    assert "no BEGIN:VCARD" in info.value.message


def test_missing_empty_and_binary_vcard_files_are_refused(tmp_path: Path, write_file: Writer):
    for path in (tmp_path / "gone.vcf", write_file("e.vcf", b""), write_file("b.vcf", b"\0\1\2")):
        with pytest.raises(ImportFileError):
            read_vcards(path)


def test_logical_lines_join_folds_and_soft_breaks_and_keep_first_line_numbers():
    text = "A:one\r\n two\r\nNOTE;QUOTED-PRINTABLE:x=\r\ny\r\nB:z"
    assert list(logical_lines(text)) == [
        (1, "A:onetwo"),
        (3, "NOTE;QUOTED-PRINTABLE:xy"),
        (5, "B:z"),
    ]


def test_fold_keeps_lines_within_75_bytes_without_splitting_characters():
    line = "NOTE:" + "ñ" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line


def test_card_text_escapes_special_characters():
    data = SupporterData(first_name="Ana", last_name="García; Ruiz", background="a,b\nc\\d")
    text = card_text(data)
    assert "N:García\\; Ruiz;Ana;;;\r\n" in text
    assert "NOTE:a\\,b\\nc\\\\d\r\n" in text


def test_written_vcards_read_back_to_the_same_people(database, tmp_path: Path):
    people = [
        SupporterData(
            first_name="María José",
            last_name="Peña; Ruiz",
            preferred_name="Majo",
            emails=["mj@example.org", "majo@work.example"],
            phones=["+1 520 555 0101"],
            street="12 Calle España",
            street2="Apt 3",
            city="Tucsón",
            region="AZ",
            postal_code="85701",
            country="USA",
            background="Line one, with comma; and semicolon\nLine two \\ backslash " + "é" * 80,
            labels={"tag": ["host", "canvass, weekends"]},
        ),
        SupporterData(first_name="Bo"),
    ]
    ids = [svc.create_supporter(p).id for p in people]
    path = tmp_path / "out.vcf"
    assert write_vcards(path, [*ids, 9999]) == 2
    records, problems = read_vcards(path)
    assert problems == []
    for record, supporter_id in zip(records, ids, strict=True):
        assert record.data == svc.load_data(supporter_id)
