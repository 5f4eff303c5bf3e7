"""Generated CSV and vCard text never crashes an import: it is stored fully or refused."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone_desktop.io.importing import ImportRefused, apply_import, plan_import, read_any
from oneonone_desktop.io.problems import ImportFileError

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADERS = [
    "First name",
    "Last name",
    "Name",
    "Email",
    "Phone",
    "Tags",
    "Notes",
    "ZIP",
    "Stage",
    "id",
    "consent_photo",
    "Nombre",
    "Correo",
    "",
]
CELL_TEXT = st.text(
    alphabet=st.sampled_from([*"aZé ñ@.-+='0123456789,;\t\"\n\r|\\:", "ä", "\u2028", "x"]),
    max_size=12,
)
CELL = st.one_of(
    CELL_TEXT,
    st.sampled_from(
        ["ana@example.org", "bo@", "520 555 0101", "yes", "no", "member", "12", "x" * 250]
    ),
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    if draw(st.integers(0, 3)):  # mostly with a name column, so rows get read too
        headers.insert(draw(st.integers(0, len(headers))), "First name")
    rows = draw(st.lists(st.lists(CELL, max_size=len(headers) + 1), max_size=8))

    def cell(text: str) -> str:
        if draw(st.booleans()):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(headers)] + [delimiter.join(cell(c) for c in row) for row in rows]
    text = draw(st.sampled_from(["\r\n", "\n"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, errors="replace")


VCARD_LINE = st.one_of(
    st.sampled_from(
        [
            "BEGIN:VCARD",
            "END:VCARD",
            "VERSION:2.1",
            "VERSION:3.0",
            "VERSION:4.0",
            "N:García;Ana;;;",
            "FN:Bo Chen",
            "EMAIL:bo@example.org",
            "EMAIL:bo@",
            "TEL;CELL:520-555-0101",
            "TEL:call me",
            "item1.EMAIL;type=pref:a@example.org",
            "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 con le=",
            "che =E9",
            "NOTE:a\\, b\\; c\\nd",
            " folded",
            "ADR;HOME:;;1 Main St;Tucson;AZ;85701;USA",
            "CATEGORIES:a,b\\,c",
            "NICKNAME:Kay",
            "PHOTO;ENCODING=BASE64:AAAA",
            "NOTE;ENCODING=b:@@",
            "junk without colon",
            "",
            'X-CUSTOM;"quoted:param"=1:v',
        ]
    ),
    st.builds(
        lambda name, value: f"{name}:{value}",
        st.sampled_from(["FN", "N", "EMAIL", "TEL", "NOTE", "ADR", "LANG"]),
        CELL_TEXT,
    ),
)


@st.composite
def vcard_files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(VCARD_LINE, max_size=20))
    if draw(st.integers(0, 3)):
        lines = ["BEGIN:VCARD", "FN:Ana", *lines, "END:VCARD"]
    text = draw(st.sampled_from(["\r\n", "\n"])).join(lines)
    return text.encode(draw(st.sampled_from(["utf-8", "cp1252"])), errors="replace")


def check_import(path: Path, snapshot) -> None:
    """The property both file kinds must keep."""
    try:
        records, problems = read_any(path)
    except ImportFileError as exc:
        assert path.name in exc.message
        return
    for problem in problems:
        assert problem.file == path and problem.line >= 1
        assert problem.field and problem.message
        assert str(problem).startswith(f"{path.name}, line {problem.line}, ")
    plan = plan_import(records, problems)
    before = snapshot()
    try:
        result = apply_import(plan)
    except ImportRefused as exc:
        assert exc.problems and all(p.line >= 1 and p.field for p in exc.problems)
        assert snapshot() == before
        return
    assert not plan.problems
    assert (result.added, result.merged) == (len(plan.to_add), len(plan.to_merge))


@FUZZ
@given(content=csv_files())
def test_generated_csv_imports_fully_or_is_refused_with_row_problems(
    database, tmp_path: Path, snapshot, content: bytes
):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(content)
    check_import(path, snapshot)


@FUZZ
@given(content=vcard_files())
def test_generated_vcards_import_fully_or_are_refused_with_row_problems(
    database, tmp_path: Path, snapshot, content: bytes
):
    path = tmp_path / "fuzz.vcf"
    path.write_bytes(content)
    check_import(path, snapshot)


@FUZZ
@given(content=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_either_reader(tmp_path: Path, content: bytes):
    for name in ("bytes.csv", "bytes.vcf"):
        path = tmp_path / name
        path.write_bytes(content)
        try:
            _, problems = read_any(path)
        except ImportFileError as exc:
            assert name in exc.message
            continue
        assert all(p.file == path and p.line >= 1 for p in problems)
