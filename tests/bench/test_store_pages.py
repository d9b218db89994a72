"""bench/store_pages.py runs (one round of one page on each store) and prints its
table; it measures, so nothing here looks at a time."""

from __future__ import annotations

import os

from bench import store_pages


def test_one_round_times_both_stores_and_prints_the_ratio() -> None:
    before = {k: os.environ.get(k) for k in ("LEGDAY_DATA_DIR", "LEGDAY_DATABASE_URL")}
    found = store_pages.measure(1, ["roster"])
    assert {k: os.environ.get(k) for k in before} == before  # the suite's own, put back
    assert sorted(found) == ["roster database", "roster folder"]
    assert all(len(v["first"]) == len(v["rerun"]) == 1 for v in found.values())
    lines = store_pages.table(found, ["roster"]).splitlines()
    assert lines[0].startswith("| page | first load: folder | database | ratio |")
    assert lines[2].startswith("| roster | ") and lines[2].count("x |") == 2


def test_the_table_is_the_database_over_the_folder() -> None:
    found = {
        "log folder": {"first": [0.4, 0.5, 0.6], "rerun": [0.05]},
        "log database": {"first": [0.5, 0.6, 0.7], "rerun": [0.1]},
    }
    assert store_pages.table(found, ["log"]).splitlines()[2] == (
        "| log | 500 ms | 600 ms | 1.20x | 50 ms | 100 ms | 2.00x |"
    )
