"""The usual week, inferred from the last four weeks of a daily log."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from legday.io import infer_usual_week
from legday.model import RUN_KINDS, WEEKDAYS, days_from_records


def usual_week_reference(days: pd.DataFrame, weeks: int = 4) -> dict[str, str]:
    """The rule in pandas (value_counts per weekday): the oracle for the numpy count."""
    end = days["date"].max()
    start = end - pd.Timedelta(days=7 * weeks - 1)
    recent = days.loc[days["date"] >= start, ["date", "run"]]
    order = {"rest": 0, "cross": 1, "easy": 2, "moderate": 3, "hard": 4, "long": 5, "race": 4}
    recent = recent.assign(
        run=recent["run"].replace("race", "hard"), rank=recent["run"].map(order)
    ).sort_values("rank")
    per_day = recent.drop_duplicates("date", keep="last").set_index("date")["run"]
    per_day = per_day.reindex(pd.date_range(start, end, freq="D"), fill_value="rest")
    overall = per_day.value_counts()
    week = {}
    for number, day in enumerate(WEEKDAYS):
        counts = per_day[per_day.index.day_of_week == number].value_counts()
        if counts.empty:
            week[day] = "rest"
            continue
        best = counts[counts == counts.max()].index
        week[day] = max(best, key=lambda k: overall.get(k, 0))
    return week


@given(
    st.lists(st.tuples(st.integers(0, 45), st.sampled_from(RUN_KINDS)), min_size=1, max_size=60),
    st.integers(0, 6),
    st.sampled_from([4, 4, 1, 2, 6]),
)
def test_usual_week_matches_the_pandas_reference(
    rows: list[tuple[int, str]], shift: int, weeks: int
) -> None:
    start = dt.date(2026, 1, 5) + dt.timedelta(days=shift)
    days = days_from_records(
        [{"date": start + dt.timedelta(days=d), "run": kind} for d, kind in rows]
    )
    assert infer_usual_week(days, weeks) == usual_week_reference(days, weeks)


def test_usual_week_ties_go_to_the_more_common_kind_then_the_first_seen() -> None:
    # 4 weeks from Monday 2026-01-05. Mondays: easy, hard, easy, hard (2-2 tie);
    # Tuesdays: hard x4, so hard is more common overall (6 against 2): Monday is hard.
    # Wednesdays: cross, long, long, cross (2-2, and 2-2 overall): cross was seen first.
    monday = dt.date(2026, 1, 5)
    plan = {
        0: ["easy", "hard", "easy", "hard"],
        1: ["hard"] * 4,
        2: ["cross", "long", "long", "cross"],
    }
    rows = [
        {"date": monday + dt.timedelta(days=7 * w + d), "run": kinds[w]}
        for d, kinds in plan.items()
        for w in range(4)
    ]
    rows.append({"date": monday + dt.timedelta(days=27), "run": "rest"})  # the window's end
    week = infer_usual_week(days_from_records(rows))
    assert (week["mon"], week["tue"], week["wed"], week["thu"]) == ("hard", "hard", "cross", "rest")
