"""The app on a SQLite store against the same athletes in a data folder, in one run.

For the demo-sized roster (data/athletes: seven athletes), each page's first load
(Streamlit's caches emptied: the roster read, every table computed) and a rerun (the
caches warm: what a click costs; the median of ``RERUNS``) under Streamlit's AppTest,
the folder and the database timed by turns (folder, database, folder, ...) so that a
busy machine slows both alike. The figure is the database's median over the folder's (the baseline).

    python -m bench.store_pages [--rounds 7] [--pages roster,log]

Prints a markdown table for docs/performance.md. Measures, never asserts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.run import _silence_streamlit
from legday.commands import db as db_command

REPO = Path(__file__).resolve().parents[1]
PAGES = {name: f"app_pages/{name}.py" for name in ("roster", "review", "planner", "log")}
#: Reruns a visit times; their median is its rerun (one alone often holds the full
#: garbage collection the first load's allocations leave for later, ~100 ms here).
RERUNS = 5


def _configure(kind: str, folder: Path, url: str) -> None:
    os.environ.pop("LEGDAY_DATA_DIR", None)
    os.environ.pop("LEGDAY_DATABASE_URL", None)
    if kind == "folder":
        os.environ["LEGDAY_DATA_DIR"] = str(folder)
    else:
        os.environ["LEGDAY_DATABASE_URL"] = url


def _visit(kind: str, folder: Path, url: str, page: str) -> tuple[float, float]:
    """(first load, rerun) seconds of ``page`` on the ``kind`` store."""
    _configure(kind, folder, url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["athlete"] = "dan-marathon"
    started = time.perf_counter()
    at.run()
    if page != "roster":
        at.switch_page(PAGES[page])
        at.run()
    first = time.perf_counter() - started
    assert not at.exception, [e.value for e in at.exception]
    reruns = []
    for _ in range(RERUNS):
        started = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - started)
    return first, statistics.median(reruns)


def measure(rounds: int, pages: list[str]) -> dict[str, dict[str, list[float]]]:
    """Every (page, kind, first|rerun) timing of ``rounds`` rounds after one warm-up."""
    _silence_streamlit()
    saved_argv, saved_env = sys.argv, dict(os.environ)
    sys.argv = ["app.py"]
    root = Path(tempfile.mkdtemp(prefix="legday-bench-store-"))
    folder = shutil.copytree(REPO / "data" / "athletes", root / "athletes")
    url = f"sqlite:///{root / 'legday.db'}"
    if db_command.init(url) or db_command.load(url, folder, "bench"):
        raise SystemExit("legday db init/load failed")
    found: dict[str, dict[str, list[float]]] = {}
    try:
        for number in range(rounds + 1):
            for page in pages:
                for kind in ("folder", "database"):
                    first, rerun = _visit(kind, folder, url, page)
                    if number:  # round 0 warms Python's imports and the replay caches
                        found.setdefault(f"{page} {kind}", {"first": [], "rerun": []})
                        found[f"{page} {kind}"]["first"].append(first)
                        found[f"{page} {kind}"]["rerun"].append(rerun)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_env)
    return found


def table(found: dict[str, dict[str, list[float]]], pages: list[str]) -> str:
    median: Callable[[list[float]], float] = statistics.median
    lines = [
        "| page | first load: folder | database | ratio | rerun: folder | database | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for page in pages:
        folder, database = found[f"{page} folder"], found[f"{page} database"]
        cells = [page]
        for part in ("first", "rerun"):
            a, b = median(folder[part]), median(database[part])
            cells += [f"{a * 1000:.0f} ms", f"{b * 1000:.0f} ms", f"{b / a:.2f}x"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pages", default="roster,log")
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    load = os.getloadavg()
    found = measure(args.rounds, pages)
    print(table(found, pages))
    after = os.getloadavg()
    print(f"\n{args.rounds} rounds; load average {load[0]:.1f} at start, {after[0]:.1f} at end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
