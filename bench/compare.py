"""Benchmarks 1-3 for two checkouts, side by side, in one run.

    python -m bench.compare BEFORE_DIR [AFTER_DIR] --roster DIR [--rounds 2]

Runs ``python -m bench.run --only load,report,plan --app-dir DIR`` for each checkout
in turn (before, after, before, after, ...), so that a machine that gets busier
during the run slows both alike, then prints one table: each benchmark's median and
ratio to its own baseline (measured in the same ``bench.run``), before and after.
AFTER_DIR defaults to this checkout. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from bench.run import REPO, RESULTS

#: (label, path in the results JSON to the value, to the ratio, or None)
ROWS = (
    ("1 load + validate", ("load", "value_s"), ("load", "ratio")),
    ("2 report cold", ("report", "cold", "value_s"), ("report", "cold", "ratio")),
    (
        "2 report cold, the command's path",
        ("report", "command", "value_s"),
        ("report", "command", "ratio"),
    ),
    (
        "2 roster page table cold",
        ("report", "app_cold", "value_s"),
        ("report", "app_cold", "ratio"),
    ),
    (
        "2 legday report, empty replay cache",
        ("report", "cli_cold", "value_s"),
        ("report", "cli_cold", "ratio"),
    ),
    (
        "2 legday report, replays kept",
        ("report", "cli_warm", "value_s"),
        ("report", "cli_warm", "ratio"),
    ),
    ("2 report warm (app cache)", ("report", "warm", "value_s"), None),
    ("3 one plan", ("plan", "value_s"), ("plan", "ratio")),
    ("3 all 200 plans", ("plan", "all_athletes_s"), None),
    ("3 plan of 16 weeks", ("plan", "weeks_s"), ("plan", "weeks_ratio")),
)


def _run(app_dir: Path, roster: Path, label: str) -> dict:
    before = set(RESULTS.glob("*.json"))
    command = [sys.executable, "-m", "bench.run", "--only", "load,report,plan",
               "--roster", str(roster), "--app-dir", str(app_dir), "--label", label]  # fmt: skip
    subprocess.run(command, cwd=REPO, check=True)
    (made,) = set(RESULTS.glob("*.json")) - before
    return json.loads(made.read_text())


def _get(results: dict, path: tuple[str, ...] | None) -> float | None:
    value: object = results
    for key in path or ():
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, int | float) and path else None


def _cell(runs: list[dict], value: tuple, ratio: tuple | None) -> str:
    values = [v for v in (_get(r, value) for r in runs) if v is not None]
    if not values:
        return "-"
    seconds = statistics.median(values)
    text = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
    ratios = [v for v in (_get(r, ratio) for r in runs) if v is not None]
    return f"{text} ({statistics.median(ratios):.2f}x)" if ratios else text


def table(before: list[dict], after: list[dict]) -> str:
    lines = ["| benchmark | before | after |", "|---|---|---|"]
    for label, value, ratio in ROWS:
        lines.append(f"| {label} | {_cell(before, value, ratio)} | {_cell(after, value, ratio)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the older checkout (a folder with legday/)")
    parser.add_argument("after", type=Path, nargs="?", default=REPO, help="default: this one")
    parser.add_argument("--roster", type=Path, required=True, help="a generated roster folder")
    parser.add_argument("--rounds", type=int, default=1, help="before/after pairs (default 1)")
    args = parser.parse_args(argv)
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    for number in range(args.rounds):
        for side in ("before", "after"):
            where = getattr(args, side).resolve()
            runs[side].append(_run(where, args.roster, f"compare {side} {number + 1}"))
    print(table(runs["before"], runs["after"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
