"""Import people all-or-nothing: read any file, plan (new or same person), then apply at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from oneonone_desktop.io import bulk
from oneonone_desktop.io.csv_export import write_csv
from oneonone_desktop.io.csv_import import guess_mapping, read_csv, table_to_records
from oneonone_desktop.io.loading import load_many
from oneonone_desktop.io.matching import group_duplicates
from oneonone_desktop.io.problems import ExportFileError, ImportFileError, RowProblem
from oneonone_desktop.io.records import ImportRecord, data_problems
from oneonone_desktop.io.vcard import read_vcards, write_vcards
from oneonone_desktop.services import search_index
from oneonone_desktop.services.supporters import ValidationError, merge_into, update_supporter
from oneonone_desktop.store.models import LadderStage, db

CSV_SUFFIXES = (".csv",)
VCARD_SUFFIXES = (".vcf", ".vcard")
MAX_LISTED_PROBLEMS = 100
_FRIENDLY = {
    "first_name": "name",
    "last_name": "last name",
    "emails": "email",
    "phones": "phone",
    "background": "notes",
    "stage_key": "ladder stage",
}


@dataclass
class ImportPlan:
    """What an import would do. `records` are the readable rows; `to_add` and `to_merge` hold
    one record per person (rows describing the same person folded together, see
    ImportRecord.merged_lines); `to_merge` pairs a stored supporter's id with what the file
    adds to them. Any `problems` make the import refuse to run."""

    records: list[ImportRecord]
    to_add: list[ImportRecord] = field(default_factory=list)
    to_merge: list[tuple[int, ImportRecord]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


@dataclass
class ImportResult:
    """How many people were added, and how many stored people the file matched (`merged`;
    of those, `unchanged` already held everything the file had)."""

    added: int
    merged: int
    unchanged: int = 0


class ImportRefused(Exception):
    """The import was not run (nothing stored) because of these problems."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        listed = [f"  {p}" for p in self.problems[:MAX_LISTED_PROBLEMS]]
        if count > MAX_LISTED_PROBLEMS:
            listed.append(f"  … and {count - MAX_LISTED_PROBLEMS:,} more.")
        noun = "problem" if count == 1 else "problems"
        self.message = (
            f"Nothing was imported: the file has {count:,} {noun} to fix first.\n"
            + "\n".join(listed)
        )
        super().__init__(self.message)


def read_any(
    path: Path, mapping: dict[int, str] | None = None
) -> tuple[list[ImportRecord], list[RowProblem]]:
    """Read a .csv (columns guessed when `mapping` is None) or .vcf/.vcard file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        table = read_csv(path)
        return table_to_records(table, guess_mapping(table.headers) if mapping is None else mapping)
    if suffix in VCARD_SUFFIXES:
        return read_vcards(path)
    raise ImportFileError(
        path,
        f"{path.name} cannot be imported: only CSV files (.csv, which any spreadsheet can save) "
        "and contact cards (.vcf) can be. In your spreadsheet, use Save As and choose CSV.",
    )


def export_any(path: Path, supporter_ids: list[int]) -> int:
    """Export to .csv or .vcf (by the file name's ending); returns how many people."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return write_csv(path, supporter_ids)
    if suffix in VCARD_SUFFIXES:
        return write_vcards(path, supporter_ids)
    raise ExportFileError(
        path, f"{path.name}: choose a file name ending in .csv (spreadsheet) or .vcf (contacts)."
    )


def _stage_keys() -> dict[str, str]:
    """Stage key or label, case-folded -> stage key."""
    table: dict[str, str] = {}
    for stage in LadderStage.select(LadderStage.key, LadderStage.label):
        table.setdefault(stage.key.casefold(), stage.key)
        table.setdefault(stage.label.casefold(), stage.key)
    return table


def _stage_problem(record: ImportRecord, stage: str, known: set[str]) -> RowProblem:
    steps = ", ".join(sorted(known))
    return RowProblem(
        record.where,
        record.line,
        "ladder stage",
        f"'{stage[:40]}' is not a step of the ladder ({steps}).",
    )


def _check(record: ImportRecord, known: set[str]) -> list[RowProblem]:
    """The services' rules (and the import's limits) applied to one record."""
    problems = [
        RowProblem(record.where, record.line, _FRIENDLY.get(attribute, attribute), message)
        for attribute, message in data_problems(record.data).items()
    ]
    stage = record.data.stage_key
    if stage and stage not in known:
        problems.append(_stage_problem(record, stage, known))
    return problems


def plan_import(records: list[ImportRecord], problems: list[RowProblem]) -> ImportPlan:
    """Decide, for every record, whether it is a new person or one already stored.

    Duplicates (same email ignoring case, same phone number, or the same `id` from an export
    of this app with the same name) are merged, with stored people and within the file.
    The records are expected as the readers give them (cleaned and checked row by row);
    here the ladder stage is resolved (key or label, any case) and merged rows are checked.
    apply_import checks every record again.
    """
    plan = ImportPlan(records=list(records), problems=list(problems))
    stages = _stage_keys()
    known = set(stages.values())
    ready: list[ImportRecord] = []
    for record in records:
        stage = record.data.stage_key
        if stage and stage not in known:
            key = stages.get(stage.strip().casefold())
            if key is None:
                plan.problems.append(_stage_problem(record, stage, known))
                continue
            record = replace(record, data=replace(record.data, stage_key=key))
        ready.append(record)
    for existing_id, group in group_duplicates(ready):
        merged = group[0]
        if len(group) > 1:
            data = merged.data
            for other in group[1:]:
                data = merge_into(data, other.data)
            lines = [line for r in group for line in [r.line, *r.merged_lines]]
            lines.remove(merged.line)
            merged = ImportRecord(merged.line, data, merged.source_id, sorted(lines), merged.file)
            found = _check(merged, known)
            if found:
                plan.problems.extend(found)
                continue
        if existing_id is None:
            plan.to_add.append(merged)
        else:
            plan.to_merge.append((existing_id, merged))
    plan.problems.sort(key=lambda p: (str(p.file), p.line))
    return plan


def apply_import(
    plan: ImportPlan, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Store the plan in one transaction; raises ImportRefused (nothing stored) on any problem.

    `progress(done, total)` is called as people are stored.
    """
    if plan.problems:
        raise ImportRefused(plan.problems)
    known = set(_stage_keys().values())
    problems = [
        p
        for record in [*plan.to_add, *(r for _, r in plan.to_merge)]
        for p in _check(record, known)
    ]
    if problems:
        raise ImportRefused(problems)
    total = len(plan.to_add) + len(plan.to_merge)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    with db.atomic():
        stored = load_many([sid for sid, _ in plan.to_merge])
        gone = [record for sid, record in plan.to_merge if sid not in stored]
        new_ids = bulk.add_supporters([r.data for r in [*plan.to_add, *gone]], tick)
        search_index.reindex(db, new_ids)
        unchanged = 0
        for sid, record in plan.to_merge:
            if sid not in stored:
                continue
            before = stored[sid].data.cleaned()
            after = merge_into(stored[sid].data, record.data)
            if after == before:
                unchanged += 1
            else:
                try:
                    update_supporter(sid, after)
                    stored[sid].data = after  # a second entry for the same person builds on it
                except ValidationError as exc:
                    problems += [
                        RowProblem(record.where, record.line, _FRIENDLY.get(k, k), v)
                        for k, v in exc.problems.items()
                    ]
            tick(1)
        if problems:
            raise ImportRefused(problems)
    return ImportResult(
        added=len(new_ids), merged=len(plan.to_merge) - len(gone), unchanged=unchanged
    )
