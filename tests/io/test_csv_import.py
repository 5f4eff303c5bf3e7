"""Reading CSV files: encodings, delimiters, header guessing, and every kind of bad input."""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from oneonone_desktop.io.csv_export import EXPORT_COLUMNS
from oneonone_desktop.io.csv_import import FIELDS, guess_mapping, read_csv, table_to_records
from oneonone_desktop.io.importing import read_any
from oneonone_desktop.io.problems import ImportFileError, RowProblem

Writer = Callable[..., Path]


def test_cp1252_semicolon_sign_in_sheet_reads_accents_lines_and_spanish_headers(sample):
    table = read_csv(sample("signin_cp1252_semicolon.csv"))
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.headers[3] == "Teléfono"
    records, problems = table_to_records(table, guess_mapping(table.headers))
    assert problems == []
    assert [r.line for r in records] == [2, 3, 5, 7]  # line 6 is empty and skipped
    maria, jose, zoe, renee = (r.data for r in records)
    assert (maria.first_name, maria.last_name, maria.city) == ("María", "Peña", "Tucsón")
    assert maria.labels == {"tag": ["vivienda", "salud"]}
    assert jose.background == "Vino con su hermana.\nQuiere ayudar con la despensa."
    assert jose.labels == {"tag": ["vivienda", "transporte"]}
    assert zoe.last_name == "O'Brien" and zoe.phones == ["+1 520 555 0103"]
    assert renee.emails == ["renee@example.org"] and renee.postal_code == ""


def test_outlook_export_with_bom_maps_its_own_header_names(sample):
    records, problems = read_any(sample("outlook_export.csv"))
    assert problems == []
    ana, bo = (r.data for r in records)
    assert ana.emails == ["ana@example.org", "ana.g@work.example"]
    assert ana.phones == ["520-555-0111"]
    assert (ana.street, ana.region, ana.postal_code) == ("12 Elm St", "AZ", "85701")
    assert ana.labels == {"tag": ["Volunteers", "Housing"]}
    assert ana.background == 'Met at the " town hall "'
    assert bo.phones == ["(520) 555-0112"]


def test_tab_separated_full_name_column_is_split_into_first_and_last(sample):
    table = read_csv(sample("tab_full_name.csv"))
    assert table.delimiter == "\t"
    records, _ = table_to_records(table, guess_mapping(table.headers))
    names = [(r.data.first_name, r.data.last_name) for r in records]
    assert names == [("Lucía", "Fernández"), ("Jane", "Smith")]
    assert records[0].data.labels == {"tag": ["canvass", "host"]}


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["First Name", "Last Name", "E-mail Address", "ZIP", "Mobile Phone", "Tags"],
            ["first_name", "last_name", "email", "postal_code", "mobile", "tags"],
        ),
        (
            ["Nombre", "Apellido", "Correo", "Teléfono"],
            ["first_name", "last_name", "email", "phone"],
        ),
        (
            ["Nombre", "Correo electrónico", "Celular", "Código Postal"],
            ["full_name", "email", "mobile", "postal_code"],
        ),
        (
            ["Name", "Email", "Email 2", "Zip Code", "Cell", "Phone", "Notes"],
            ["full_name", "email", "email2", "postal_code", "mobile", "phone", "notes"],
        ),
        (["Full Name", "Postal Code", "e-mail"], ["full_name", "postal_code", "email"]),
        (["Given Name", "Family Name", "Home Phone"], ["first_name", "last_name", "phone"]),
    ],
)
def test_common_headers_are_guessed(headers, expected):
    assert guess_mapping(headers) == dict(enumerate(expected))


def test_every_export_column_but_created_at_is_guessed_back():
    mapping = guess_mapping(list(EXPORT_COLUMNS))
    unmapped = [c for i, c in enumerate(EXPORT_COLUMNS) if i not in mapping]
    assert unmapped == ["created_at"]
    assert set(mapping.values()) <= set(FIELDS)


def test_a_single_value_field_is_given_to_one_column_only():
    assert guess_mapping(["City", "Town", "First name"]) == {0: "city", 2: "first_name"}


def test_unrecognised_headers_are_left_out():
    assert guess_mapping(["Shirt size", "", "First name"]) == {2: "first_name"}


def test_cells_our_export_escaped_as_formulas_are_read_back_plainly(write_file: Writer):
    path = write_file("s.csv", "First name,Phone,Notes\nAna,'+1 520 555 0101,'=not a formula\n")
    records, problems = read_any(path)
    assert problems == []
    assert records[0].data.phones == ["+1 520 555 0101"]
    assert records[0].data.background == "=not a formula"


def test_line_numbers_count_the_lines_a_quoted_cell_spans(write_file: Writer):
    text = 'First name,Email,Notes\nAna,ana@example.org,"one\ntwo\nthree"\nBob,bob@,\n'
    records, problems = read_any(write_file("sheet.csv", text))
    assert [r.line for r in records] == [2]
    assert problems == [
        RowProblem(problems[0].file, 5, "Email", "'bob@' does not look like an email address.")
    ]
    assert str(problems[0]) == (
        "sheet.csv, line 5, Email: 'bob@' does not look like an email address."
    )


def test_bad_second_email_is_reported_in_its_own_column(write_file: Writer):
    path = write_file("s.csv", "Name,Email,Email 2\nAna,ana@example.org,ana@@\n")
    _, problems = read_any(path)
    assert [(p.line, p.field) for p in problems] == [(2, "Email 2")]


def test_row_without_a_name_is_a_problem_naming_the_name_column(write_file: Writer):
    path = write_file("s.csv", "Vorname,Nachname,Email\n,,lost@example.org\n")
    table = read_csv(path)
    _, problems = table_to_records(table, {0: "first_name", 1: "last_name", 2: "email"})
    assert [(p.line, p.field) for p in problems] == [(2, "Vorname")]
    assert "no name" in problems[0].message


def test_field_longer_than_the_service_limit_is_refused_not_cut(write_file: Writer):
    path = write_file("s.csv", f"First name,City\nAna,{'x' * 201}\n")
    records, problems = read_any(path)
    assert records == []
    assert [(p.line, p.field) for p in problems] == [(2, "City")]
    assert "200" in problems[0].message


def test_tag_longer_than_the_limit_is_a_problem(write_file: Writer):
    records, problems = read_any(write_file("s.csv", f"First name,Tags\nAna,ok;{'t' * 300}\n"))
    assert records == [] and [p.field for p in problems] == ["Tags"]


def test_row_with_more_cells_than_headers_is_a_problem(write_file: Writer):
    path = write_file("s.csv", "First name,Last name\nAna,García,extra\nBo,Chen\n")
    records, problems = read_any(path)
    assert [r.data.first_name for r in records] == ["Bo"]
    assert [(p.line, p.field) for p in problems] == [(2, "column 3")]
    assert "stray comma" in problems[0].message


def test_blank_header_is_named_by_its_column_number(write_file: Writer):
    table = read_csv(write_file("s.csv", "First name,\nAna,not-an-email\n"))
    _, problems = table_to_records(table, {0: "first_name", 1: "email"})
    assert [p.field for p in problems] == ["column 2"]


def test_unclosed_quote_is_refused_naming_its_line(write_file: Writer):
    path = write_file("s.csv", 'First name,Notes\nAna,fine\nBo,"never closed\nCy,more\n')
    with pytest.raises(ImportFileError) as info:
        read_csv(path)
    assert "line 3" in info.value.message and "quote" in info.value.message


@pytest.mark.parametrize("content", [b"", codecs.BOM_UTF8, b" \r\n\r\n  \n"])
def test_empty_file_is_refused(write_file: Writer, content: bytes):
    with pytest.raises(ImportFileError) as info:
        read_csv(write_file("empty.csv", content))
    assert "empty.csv is empty" in info.value.message


def test_header_only_file_gives_no_people_and_no_problems(write_file: Writer):
    assert read_any(write_file("s.csv", "First name,Email\n")) == ([], [])


def test_missing_file_is_refused(tmp_path: Path):
    with pytest.raises(ImportFileError) as info:
        read_csv(tmp_path / "gone.csv")
    assert "There is no file" in info.value.message


def test_binary_file_is_refused_as_not_text(write_file: Writer):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(ImportFileError) as info:
        read_csv(write_file("photo.csv", png))
    assert "does not look like a text file" in info.value.message


def test_binary_file_without_zero_bytes_is_refused_too(write_file: Writer):
    junk = bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13)) * 100
    with pytest.raises(ImportFileError) as info:
        read_csv(write_file("junk.csv", junk))
    assert "does not look like a text file" in info.value.message


def test_file_over_50_mb_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(51 * 1024 * 1024)  # sparse: no disk space used
    with pytest.raises(ImportFileError) as info:
        read_csv(path)
    assert "50 MB" in info.value.message


def test_no_name_column_is_refused_suggesting_the_mapping(write_file: Writer):
    path = write_file("s.csv", "Email,Phone\nana@example.org,5205550101\n")
    with pytest.raises(ImportFileError) as info:
        read_any(path)
    assert "no column looks like a name" in info.value.message
    assert "'Email', 'Phone'" in info.value.message


def test_a_chosen_mapping_overrides_the_guess(write_file: Writer):
    table = read_csv(write_file("s.csv", "Who,Contact\nAna García,ana@example.org\n"))
    assert guess_mapping(table.headers) == {}
    records, problems = table_to_records(table, {0: "full_name", 1: "email"})
    assert problems == []
    assert (records[0].data.last_name, records[0].data.emails) == ("García", ["ana@example.org"])


def test_utf16_file_from_excel_unicode_text_is_read(write_file: Writer):
    text = "First name\tLast name\r\nÅsa\tNiño\r\n"
    table = read_csv(write_file("s.csv", codecs.BOM_UTF16_LE + text.encode("utf-16-le")))
    assert table.delimiter == "\t"
    assert table.rows == [(2, ["Åsa", "Niño"])]


def test_semicolon_file_with_commas_inside_cells_is_split_on_semicolons(write_file: Writer):
    text = (
        "Name;Email;Notes\nGarcía, Ana;ana@example.org;likes cats, dogs\nLee, Bo;bo@example.org;\n"
    )
    table = read_csv(write_file("s.csv", text))
    assert table.delimiter == ";"
    records, _ = table_to_records(table, guess_mapping(table.headers))
    assert [(r.data.first_name, r.data.last_name) for r in records] == [
        ("Ana", "García"),
        ("Bo", "Lee"),
    ]


def test_several_emails_and_phones_in_one_cell_are_split(write_file: Writer):
    path = write_file(
        "s.csv",
        "First name,Email,Phone\n"
        'Ana,"a@example.org; b@example.org","520 555 0101 | 520 555 0102"\n',
    )
    records, _ = read_any(path)
    assert records[0].data.emails == ["a@example.org", "b@example.org"]
    assert records[0].data.phones == ["520 555 0101", "520 555 0102"]


def test_consent_columns_are_read_with_date_and_how(write_file: Writer):
    text = (
        "first_name,consent_email_list,consent_email_list_date,consent_email_list_how,consent_photo\n"
        "Ana,yes,2024-03-01,sign-in sheet,no\n"
        "Bo,sí,,,\n"
    )
    records, problems = read_any(write_file("s.csv", text))
    assert problems == []
    ana, bo = records[0].data.consents, records[1].data.consents
    assert ana["email_list"].granted and ana["email_list"].given_on == dt.date(2024, 3, 1)
    assert ana["email_list"].how == "sign-in sheet"
    assert ana["photo"].granted is False
    assert bo["email_list"].granted and bo["email_list"].how == "imported from s.csv"


def test_unclear_consent_and_bad_consent_date_are_problems(write_file: Writer):
    text = (
        "first_name,consent_photo,consent_email_list,consent_email_list_date\n"
        "Ana,maybe,yes,3/1/24\n"
    )
    _, problems = read_any(write_file("s.csv", text))
    assert sorted(p.field for p in problems) == ["consent_email_list_date", "consent_photo"]


def test_consent_how_over_the_limit_is_a_problem_not_cut(write_file: Writer):
    text = f"first_name,consent_photo,consent_photo_how\nAna,yes,{'h' * 201}\n"
    records, problems = read_any(write_file("s.csv", text))
    assert records == [] and [p.field for p in problems] == ["consent_photo_how"]


def test_non_numeric_id_is_a_problem(write_file: Writer):
    _, problems = read_any(write_file("s.csv", "id,first_name\nabc,Ana\n"))
    assert [(p.line, p.field) for p in problems] == [(2, "id")]


def test_unknown_field_key_in_a_mapping_is_a_programming_error(write_file: Writer):
    table = read_csv(write_file("s.csv", "First name\nAna\n"))
    with pytest.raises(ValueError, match="shoe_size"):
        table_to_records(table, {0: "shoe_size"})
