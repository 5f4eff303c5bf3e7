"""Run every benchmark (bench/bench_*.py, each function bench_*) and print figures against targets.

    python bench/run.py                 all benchmarks
    python bench/run.py search startup  only the modules whose name contains one of these words
    python bench/run.py --people 20000  a smaller list, for a quick look (targets are for 100,000)
    python bench/run.py --json          the results as JSON too

A benchmark function takes no argument, or one (a fresh temporary folder, as a Path), and
returns a dict (or a list of them): {"name": ..., FIGURE: number, "target_" + FIGURE: number,
"details": "..."}; e.g. {"name": "import", "seconds": 0.8, "target_seconds": 1.0}. A figure at
or below its target meets it. A figure of None means "not available yet" (say why in
"details"). Figures without a target are listed in the details. The run always exits 0: this
is a report, not a gate.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PEOPLE_ENV = "ONEONONE_BENCH_PEOPLE"

Result = dict[str, Any]


def load_modules(words: list[str]) -> list[ModuleType]:
    for folder in (str(ROOT), str(BENCH_DIR)):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    modules = []
    for path in sorted(BENCH_DIR.glob("bench_*.py")):
        if words and not any(word in path.stem for word in words):
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def bench_functions(module: ModuleType) -> list[Callable[..., Result | list[Result]]]:
    return [
        getattr(module, name)
        for name in sorted(vars(module))
        if name.startswith("bench_") and callable(getattr(module, name))
    ]


def run_one(function: Callable[..., Result | list[Result]]) -> list[Result]:
    label = f"{function.__module__}.{function.__name__}"
    print(f"running {label} …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        if inspect.signature(function).parameters:
            with tempfile.TemporaryDirectory(prefix="oneonone-bench-") as folder:
                outcome = function(Path(folder))
        else:
            outcome = function()
    except Exception as exc:  # a broken benchmark is reported, the others still run
        traceback.print_exc(file=sys.stderr)
        outcome = {"name": label, "figure": None, "target_figure": None, "details": f"{exc}"}
    results = outcome if isinstance(outcome, list) else [outcome]
    print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return results


def unit_of(key: str) -> str:
    for ending, unit in (("seconds", "s"), ("_s", "s"), ("ms", "ms"), ("mb", "MB"), ("ratio", "×")):
        if key.endswith(ending):
            return unit
    return ""


def number(value: object, unit: str = "") -> str:
    if value is None:
        return "not available"
    if isinstance(value, float):
        text = f"{value:.3g}" if abs(value) < 100 else f"{value:,.0f}"
    else:
        text = f"{value:,}" if isinstance(value, int) else str(value)
    return f"{text} {unit}".strip()


def rows_of(result: Result) -> list[tuple[str, ...]]:
    """Table rows (name, figure, target, figure/target, verdict, details) of one result."""
    name = str(result.get("name", "?"))
    figures = [key for key in result if f"target_{key}" in result]
    others = [
        f"{key} {number(value, unit_of(key))}"
        for key, value in result.items()
        if key not in ("name", "details") and key not in figures and not key.startswith("target_")
    ]
    details = "; ".join([*others, *([str(result["details"])] if result.get("details") else [])])
    if not figures:
        return [(name, "", "", "", "", details)]
    rows = []
    for key in figures:
        figure, target, unit = result[key], result[f"target_{key}"], unit_of(key)
        label = name if len(figures) == 1 else f"{name}: {key}"
        if figure is None or not target:
            rows.append((label, number(figure), number(target, unit), "", "n/a", details))
            continue
        ratio = figure / target
        verdict = "met" if ratio <= 1 else "MISSED"
        limit = f"≤ {number(target, unit)}"
        rows.append((label, number(figure, unit), limit, f"{ratio:.2f}", verdict, details))
    return rows


def table(results: list[Result]) -> str:
    header = ("benchmark", "figure", "target", "figure/target", "verdict", "details")
    rows = [header] + [row for result in results for row in rows_of(result)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = []
    for index, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths) + "  -------")
    return "\n".join(lines)


def machine_load() -> str:
    """The 1-minute load average (how busy the machine was), where the system tells it."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", nargs="*", help="run only modules whose name contains these")
    parser.add_argument("--people", type=int, help="size of the demo list (default 100,000)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = parser.parse_args(argv)
    if args.people:
        os.environ[PEOPLE_ENV] = str(args.people)
    load_before = machine_load()
    results: list[Result] = []
    for module in load_modules(args.words):
        for function in bench_functions(module):
            results.extend(run_one(function))
    when = time.strftime("%Y-%m-%d %H:%M")
    python = sys.version.split()[0]
    print(f"{when}; {os.cpu_count()} cores; Python {python}; load average (1 minute) before")
    print(f"{load_before}, after {machine_load()}. Compare only figures taken in the same run;")
    print("rerun when the machine was busy.\n")
    print(table(results))
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
