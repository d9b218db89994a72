"""The strength benchmarks: a Hevy import of five years of sets, against the raw read.

    python -m bench.strength            # 50,000 Hevy rows, 5 runs each
    python -m bench.strength --rows 20000 --repeat 3

1. import: ``legday.io.workouts.import_workouts`` of a synthetic Hevy export (the
   layout of tests/samples/imports/make_strength_samples.py), against
   ``pyarrow.csv.read_csv`` of the same bytes (the floor: parsing alone). Target: under
   2 s for 50,000 rows.
2. into: ``legday.io.into.plan_into`` of the same export into an athlete whose sets log
   already holds it (read the log, import, merge, write the text): the repeat import a
   runner does every month.
3. review: ``legday.flags.review`` (the weekly table and every flag) of the demo's
   marathoner with those sets merged, against the same athlete without a sets log (the
   same days): what the weekly table's strength load adds. Target: under 20%.

Medians of ``--repeat`` runs; figures go in docs/performance.md. Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.csv as pacsv

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from dataclasses import replace  # noqa: E402

from legday.demo import DEMO_DIR  # noqa: E402
from legday.flags import review  # noqa: E402
from legday.io import load_athlete  # noqa: E402
from legday.io.into import apply, plan_into  # noqa: E402
from legday.io.workouts import import_workouts  # noqa: E402
from tests.samples.imports.make_strength_samples import hevy_csv, many_workouts  # noqa: E402


def median_s(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def export_bytes(rows: int) -> bytes:
    text = hevy_csv(many_workouts(rows))
    header, *lines = text.split("\n")
    return ("\n".join([header, *lines[:rows]]) + "\n").encode()


def run(rows: int, repeat: int) -> dict:
    data = export_bytes(rows)
    found = import_workouts(data, "hevy.csv", "kg")
    assert found.ok, found.problems[:3]
    raw = median_s(lambda: pacsv.read_csv(io.BytesIO(data)), repeat)
    imported = median_s(lambda: import_workouts(data, "hevy.csv", "kg"), repeat)
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "ana.yaml"
        profile.write_text("name: Ana\n")
        first = plan_into(data, "hevy.csv", load_athlete(profile))
        apply(first)
        loaded = load_athlete(profile)
        into = median_s(lambda: plan_into(data, "hevy.csv", loaded), repeat)
        load = median_s(lambda: load_athlete(profile), repeat)
        with_sets, without = review_pair(data, Path(folder), repeat)
    return {
        "rows": rows,
        "megabytes": round(len(data) / 1024 / 1024, 1),
        "sets": len(found.sets),
        "pyarrow_read_s": round(raw, 3),
        "import_s": round(imported, 3),
        "import_ratio": round(imported / raw, 1),
        "into_again_s": round(into, 3),
        "load_athlete_s": round(load, 3),
        "review_without_sets_s": round(without, 4),
        "review_with_sets_s": round(with_sets, 4),
        "review_ratio": round(with_sets / without, 3),
    }


def review_pair(data: bytes, folder: Path, repeat: int) -> tuple[float, float]:
    """The review of the demo's marathoner with the export merged in, and without sets."""
    for name in ("dan-marathon.yaml", "logs"):
        source = DEMO_DIR / "athletes" / name
        target = folder / name
        if source.is_dir():
            target.mkdir(exist_ok=True)
            (target / "dan-marathon.csv").write_bytes((source / "dan-marathon.csv").read_bytes())
        else:
            target.write_bytes(source.read_bytes())
    profile = folder / "dan-marathon.yaml"
    apply(plan_into(data, "hevy.csv", load_athlete(profile)))
    athlete = load_athlete(profile).athlete
    plain = replace(athlete, sets=None)
    return (
        median_s(lambda: review(athlete), repeat * 3),
        median_s(lambda: review(plain), repeat * 3),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    for key, value in run(args.rows, args.repeat).items():
        print(f"{key:16} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
