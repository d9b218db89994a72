"""The benchmark roster logs a positive distance on every run day (rest days blank)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from bench.generate import write_roster
from legday.io import load_folder

END = dt.date(2026, 11, 22)
RUNS = ("easy", "moderate", "hard", "long", "race")


def test_every_run_day_has_a_positive_distance_and_rest_days_none(tmp_path: Path) -> None:
    # 20 athletes x 3 years: before the fix, athlete after athlete logged 0.0 on run
    # days (a cumulative cutback shrank the weekly volume towards nothing)
    summary = write_roster(tmp_path, athletes=20, years=3, end=END)
    assert set(summary["forms"]) == {"csv", "weekly", "days", "weeks", "bare"}
    results = load_folder(tmp_path, END)
    days = pd.concat([r.athlete.days for r in results if not r.athlete.days.empty])
    ran = days[days["run"].isin(RUNS)]
    assert len(ran) > 10_000  # 3 years of 3-7 runs a week for most of 20 athletes
    assert ran["distance"].min() >= 1.0  # at least 1 mi (or km) on a run day
    assert days.loc[days["run"] == "rest", "distance"].isna().all()  # rest: blank


def test_distance_grows_slowly_rather_than_fading(tmp_path: Path) -> None:
    write_roster(tmp_path, athletes=10, years=3, end=END)
    for result in load_folder(tmp_path, END):
        days = result.athlete.days
        if days.empty:
            continue
        ran = days[days["run"].isin(RUNS[:4])]
        first = ran[ran["date"] < ran["date"].min() + pd.Timedelta(days=182)]["distance"].median()
        last = ran[ran["date"] > ran["date"].max() - pd.Timedelta(days=182)]["distance"].median()
        # growth of 0-3% a block of 4 weeks: the last half year is never below 60% of the
        # first (a break or taper can lower a median, but not to a fraction of it)
        assert last >= 0.6 * first, (result.path, first, last)
