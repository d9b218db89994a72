"""Weekly table and daily frame: hand-made logs, expected numbers spelled out."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from legday.metrics import (
    PER_DAY,
    WEEK_COLUMNS,
    daily_frame,
    day_arrays,
    load_basis,
    weekly_table,
)
from legday.model import Athlete, Profile, days_from_records, empty_days
from legday.rules import MONOTONY_CAP


def athlete(records: list[dict], **profile) -> Athlete:
    return Athlete(Profile(id="t", name="Test", **profile), days_from_records(records))


def day(date: str, **fields) -> dict:
    return {"date": date, **fields}


def week(table: pd.DataFrame, monday: str) -> pd.Series:
    rows = table.loc[table["week_of"] == pd.Timestamp(monday)]
    assert len(rows) == 1, f"no single week {monday} in {table['week_of'].tolist()}"
    return rows.iloc[0]


def run_days(start: str, distances: list[float], **fields) -> list[dict]:
    """One row per day from ``start`` with these distances (None: no row that day)."""
    first = pd.Timestamp(start)
    return [
        day(str((first + pd.Timedelta(days=i)).date()), run="easy", distance=d, **fields)
        for i, d in enumerate(distances)
        if d is not None
    ]


# --- the priority columns ------------------------------------------------------------


def test_columns_are_exactly_the_contract():
    table = weekly_table(athlete([day("2026-01-05", run="easy", distance=3.0)]))
    assert tuple(table.columns) == WEEK_COLUMNS
    assert table["week_of"].dtype == "datetime64[ns]"


def test_log_starting_mid_week_double_day_and_longest_day():
    """Wed start: the first week is still keyed by its Monday; a double day sums."""
    a = athlete(
        [
            day("2026-01-07", run="easy", distance=5.0),  # Wednesday
            day("2026-01-08", run="easy", distance=3.0),  # Thursday, double day: 3 + 4
            day("2026-01-08", run="hard", distance=4.0),
            day("2026-01-10", run="long", distance=6.5),
        ]
    )
    first = week(weekly_table(a), "2026-01-05")
    assert first["distance"] == 5 + 3 + 4 + 6.5  # 18.5
    assert first["runs"] == 3  # Wed, Thu (two rows, one day), Sat
    assert first["long_run"] == 7.0  # Thursday's 3 + 4 beats Saturday's 6.5
    assert math.isnan(first["ramp_pct"])  # first week
    daily = daily_frame(a)
    assert daily["date"].iloc[0] == pd.Timestamp("2026-01-07")
    assert len(daily) == 4  # Wed..Sat, one row per calendar day
    assert daily.loc[1, "run"] == "hard"  # the double day keeps its hardest kind
    assert not daily.loc[2, "logged"]  # Friday had no row
    assert daily.loc[2, "distance"] == 0.0


def test_week_without_rows_counts_zero_and_breaks_the_ramp():
    a = athlete(
        [
            *run_days("2026-01-05", [2.0] * 7),  # week 1: 7 x 2 = 14
            day("2026-01-19", run="easy", distance=4.0),  # week 3; week 2 has no rows
            *run_days("2026-01-26", [3.0] * 7),  # week 4: 7 x 3 = 21
        ]
    )
    table = weekly_table(a)
    assert table["week_of"].dt.strftime("%Y-%m-%d").tolist() == [
        "2026-01-05",
        "2026-01-12",
        "2026-01-19",
        "2026-01-26",
    ]
    empty = week(table, "2026-01-12")
    assert (empty["distance"], empty["runs"], empty["long_run"]) == (0, 0, 0)
    assert table["logged_days"].tolist() == [7, 0, 1, 7]  # week 2 was not logged (L1)
    assert math.isnan(empty["ramp_pct"])  # not logged: no ramp for it...
    assert math.isnan(week(table, "2026-01-19")["ramp_pct"])  # ...nor for the week after
    assert week(table, "2026-01-26")["ramp_pct"] == pytest.approx((21 - 4) / 4 * 100)  # 425%


def test_ramp_is_null_after_a_partial_first_week():
    """A Saturday start makes week 1 two days long: a % change against it means nothing."""
    a = athlete(run_days("2026-01-10", [3.0, 3.0] + [3.0] * 7))  # Sat, Sun, then Mon..Sun
    table = weekly_table(a)
    assert table.attrs["days_in_week"].tolist() == [2, 7]
    assert math.isnan(table["ramp_pct"].iloc[1])


def test_ramp_percent_between_full_weeks():
    a = athlete(run_days("2026-02-02", [4.0] * 5 + [None, None] + [5.0] * 5))
    # week 1: 5 x 4 = 20; week 2: 5 x 5 = 25; (25 - 20) / 20 = 25%
    table = weekly_table(a, as_of=dt.date(2026, 2, 15))
    assert table["distance"].tolist() == [20.0, 25.0]
    assert table["ramp_pct"].iloc[1] == pytest.approx(25.0)


def test_strength_counts_and_load():
    a = athlete(
        [
            day("2026-03-02", run="easy", distance=3, strength="light", strength_minutes=20,
                strength_rpe=4),
            day("2026-03-04", strength="heavy", strength_minutes=45, strength_rpe=8),
            day("2026-03-04", strength="light", strength_minutes=15, strength_rpe=3),
            day("2026-03-06", run="hard", distance=5),
        ]
    )  # fmt: skip
    w = week(weekly_table(a), "2026-03-02")
    assert w["strength_sessions"] == 2  # Monday, and Wednesday's double counts once
    assert w["heavy_sessions"] == 1  # Wednesday is heavy (heavy beats light)
    assert w["strength_load"] == 4 * 20 + 8 * 45 + 3 * 15  # 80 + 360 + 45 = 485
    assert w["runs"] == 2  # a lifting-only day is not a run


def test_minutes_and_run_load():
    a = athlete(
        [
            day("2026-03-02", run="easy", distance=3, minutes=30, rpe=3),
            day("2026-03-03", run="hard", distance=5, minutes=40, rpe=8),
            day("2026-03-05", run="cross", distance=10, minutes=50, rpe=5),
        ]
    )
    w = week(weekly_table(a), "2026-03-02")
    assert w["minutes"] == 30 + 40 + 50  # 120: cross-training minutes count
    assert w["run_load"] == 3 * 30 + 8 * 40 + 5 * 50  # 90 + 320 + 250 = 660
    assert w["distance"] == 3 + 5  # 8: a bike's 10 is not running distance
    assert w["runs"] == 2


def test_soreness_never_logged_is_null():
    w = weekly_table(athlete(run_days("2026-03-02", [3.0] * 4))).iloc[0]
    assert math.isnan(w["soreness_avg"]) and math.isnan(w["soreness_max"])


def test_soreness_average_over_logged_days_only():
    a = athlete(
        [
            day("2026-03-02", run="easy", distance=3, soreness=2),
            day("2026-03-03", run="easy", distance=3),  # not logged: not a 0
            day("2026-03-04", run="easy", distance=3, soreness=3),  # double day: 3 and 7 -> 7
            day("2026-03-04", strength="heavy", soreness=7),
            day("2026-03-05", soreness=0),
        ]
    )
    w = weekly_table(a).iloc[0]
    assert w["soreness_avg"] == pytest.approx((2 + 7 + 0) / 3)  # 3.0
    assert w["soreness_max"] == 7


def test_year_boundary_week():
    """Mon 2025-12-29 .. Sun 2026-01-04 is one week."""
    a = athlete(
        [
            day("2025-12-31", run="easy", distance=5.0),
            day("2026-01-02", run="long", distance=6.0),
            day("2026-01-05", run="easy", distance=1.0),
        ]
    )
    table = weekly_table(a)
    assert week(table, "2025-12-29")["distance"] == 5 + 6  # 11
    assert week(table, "2026-01-05")["distance"] == 1


@pytest.mark.parametrize("monday", ["2026-03-23", "2026-10-19", "2026-03-02"])
def test_dst_weeks_have_seven_days(monday):
    """The EU clocks change on Sun 29 March and Sun 25 October 2026; dates are dates."""
    a = athlete(run_days(monday, [1.0] * 8))  # Mon..Sun plus the next Monday
    table = weekly_table(a)
    assert table.attrs["days_in_week"].tolist() == [7, 1]
    assert table["distance"].tolist() == [7.0, 1.0]  # 7 x 1, then 1
    assert table["week_of"].iloc[1] == pd.Timestamp(monday) + pd.Timedelta(days=7)


def test_as_of_cuts_and_extends():
    a = athlete(run_days("2026-03-02", [1.0] * 14))
    cut = weekly_table(a, as_of=dt.date(2026, 3, 4))  # Mon..Wed of week 1
    assert cut["distance"].tolist() == [3.0]
    longer = weekly_table(a, as_of=dt.date(2026, 3, 24))  # two empty days-without-rows weeks
    assert longer["distance"].tolist() == [7.0, 7.0, 0.0, 0.0]
    assert len(daily_frame(a, as_of=dt.date(2026, 3, 24))) == 23  # 2 Mar .. 24 Mar


def test_empty_athlete_gives_empty_table():
    a = Athlete(Profile(id="e", name="Empty"), empty_days())
    assert weekly_table(a).empty
    assert tuple(weekly_table(a).columns) == WEEK_COLUMNS
    assert daily_frame(a).empty


# --- load metrics ----------------------------------------------------------------------


def test_acwr_rolling_with_missing_days_as_zero():
    # Days 0..20 (three weeks from Mon 2 Feb): a 2.0 run every other day, 11 rows = 22;
    # days 21..27: 3.0 a day = 21. Acute 21; chronic 22 + 21 = 43, / 4 = 10.75.
    first = [2.0 if i % 2 == 0 else None for i in range(21)]
    a = athlete(run_days("2026-02-02", first + [3.0] * 7))
    table = weekly_table(a)
    assert table["acwr"].iloc[:3].isna().all()  # fewer than 28 days of history
    assert table["acwr"].iloc[3] == pytest.approx(21 / 10.75)  # 1.953


def test_acwr_ewma_is_seeded_and_reads_one_on_a_flat_month():
    # Constant 2.0 a day for 28 days, seeded at the first 28 days' mean (2.0): both
    # averages stay at 2.0, so the EWMA ratio reads 1.0, as the rolling one does.
    a = athlete(run_days("2026-02-02", [2.0] * 28))
    table = weekly_table(a)
    assert table["acwr_ewma"].iloc[3] == pytest.approx(1.0)
    assert table["acwr"].iloc[3] == pytest.approx(14 / (56 / 4))  # 1.0 on a flat month


def test_acwr_ewma_closed_form_after_a_step():
    # 28 days at 2.0 (seed 2.0), then 7 days at 4.0: from e = 2, seven steps towards 4
    # give e = 4 - 2 (1 - l)^7. l7 = 2/8 = 0.25, l28 = 2/29:
    # (4 - 2 x 0.75^7) / (4 - 2 x (27/29)^7) = 3.733 / 2.788 = 1.339
    a = athlete(run_days("2026-02-02", [2.0] * 28 + [4.0] * 7))
    expected = (4 - 2 * 0.75**7) / (4 - 2 * (27 / 29) ** 7)
    assert weekly_table(a)["acwr_ewma"].iloc[4] == pytest.approx(expected)


def test_monotony_and_strain_on_srpe():
    a = athlete(
        [
            day("2026-03-02", run="easy", distance=5, minutes=60, rpe=5),  # 300
            day("2026-03-04", run="easy", distance=5, minutes=60, rpe=5),  # 300
            day("2026-03-06", run="hard", distance=5, minutes=50, rpe=6,   # 300
                strength="heavy", strength_minutes=30, strength_rpe=6),    # + 180 = 480
            day("2026-03-08", soreness=2),                                 # 0
        ]
    )  # fmt: skip
    # loads [300, 0, 300, 0, 480, 0, 0]: sum 1080, mean 154.29,
    # sample SD sqrt(243771.43 / 6) = 201.57; monotony 154.29 / 201.57 = 0.7654
    w = weekly_table(a).iloc[0]
    assert weekly_table(a).attrs["load_basis"] == "srpe"
    assert w["monotony"] == pytest.approx((1080 / 7) / math.sqrt(243771.4285714 / 6))
    assert w["strain"] == pytest.approx(1080 * 0.76543786)


def test_monotony_null_for_partial_and_flat_weeks():
    a = athlete(run_days("2026-03-04", [3.0] * 12))  # Wed start, 5 days in week 1
    table = weekly_table(a)
    assert table.attrs["load_basis"] == "distance"  # no RPE anywhere
    assert math.isnan(table["monotony"].iloc[0])  # partial week
    # 7 x 3.0: SD 0, the most monotonous week there is: shown capped, and said so (M5)
    assert table["monotony"].iloc[1] == MONOTONY_CAP
    assert table["monotony_capped"].tolist() == [False, True]
    assert table["strain"].iloc[1] == pytest.approx(21 * MONOTONY_CAP)


def test_ctl_atl_tsb_on_distance_fallback():
    # 14 days of 5.0, then 7 of 10.0; seeded at the first 28 days' mean:
    # (14 x 5 + 7 x 10) / 21 = 6.667. Day 13: CTL = 5 + 1.667 (41/42)^14,
    # ATL = 5 + 1.667 (6/7)^14.
    a = athlete(run_days("2026-03-02", [5.0] * 14 + [10.0] * 7))
    assert load_basis(a) == "distance"
    seed = (14 * 5 + 7 * 10) / 21
    second = weekly_table(a).iloc[1]
    ctl = 5 + (seed - 5) * (41 / 42) ** 14  # 6.19
    atl = 5 + (seed - 5) * (6 / 7) ** 14  # 5.19
    assert second["ctl"] == pytest.approx(ctl)
    assert second["atl"] == pytest.approx(atl)
    assert second["tsb"] == pytest.approx(ctl - atl)
    assert second["tsb_pct"] == pytest.approx((ctl - atl) / ctl * 100)


def test_steady_training_keeps_form_near_zero_and_calibrates_six_weeks():
    """Ten identical weeks: fitness and fatigue start where the athlete is, so form
    hovers near 0 instead of -200 (the issue's example) and the first 6 weeks say so."""
    week_days = [4.0, 0.0, 6.0, 4.0, 0.0, 5.0, 12.0]
    a = athlete(run_days("2026-01-05", week_days * 10, minutes=45, rpe=5))  # loads 225 a run day
    table = weekly_table(a)
    assert table["calibrating"].tolist() == [True] * 6 + [False] * 4
    assert table["tsb"].abs().max() < 0.25 * table["ctl"].min()
    assert table["ctl"].max() / table["ctl"].min() < 1.1  # steady, not "rising" 5x
    # the EWMA ratio no longer warms up from zero: it is the same every week (read on a
    # Sunday, after the long run, it sits above the rolling ratio, which reads 1.0)
    ratios = table["acwr_ewma"].dropna()
    assert ratios.max() - ratios.min() < 0.02
    assert table["acwr"].dropna().round(6).eq(1.0).all()


# --- weekly totals -------------------------------------------------------------------


def test_weekly_totals_fill_what_they_can():
    totals = pd.DataFrame(
        {
            "week_of": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-26", "2026-02-02"]),
            "distance": [20.0, 30.0, 40.0, 50.0],
            "long_run": [8.0, 10.0, 12.0, 14.0],
            "runs": [4.0, 5.0, 5.0, 5.0],
            "strength_sessions": [2.0, 2.0, 1.0, 0.0],
            "soreness": [3.0, np.nan, 4.0, 2.5],
        }
    )
    a = Athlete(Profile(id="w", name="Weeks", units="km"), empty_days(), week_totals=totals)
    table = weekly_table(a)
    assert tuple(table.columns) == WEEK_COLUMNS
    assert len(table) == 5  # 19 Jan is missing: a week of 0
    assert week(table, "2026-01-19")["distance"] == 0
    assert week(table, "2026-01-12")["ramp_pct"] == pytest.approx(50.0)  # (30 - 20) / 20
    assert math.isnan(week(table, "2026-01-26")["ramp_pct"])  # previous week 0
    assert math.isnan(table["acwr"].iloc[2])  # only 3 weeks of history
    assert week(table, "2026-02-02")["acwr"] == pytest.approx(50 / ((30 + 0 + 40 + 50) / 4))
    assert week(table, "2026-01-26")["soreness_avg"] == 4.0
    for column in ("minutes", "heavy_sessions", "monotony", "ctl", "acwr_ewma", "soreness_max"):
        assert table[column].isna().all(), column


# --- properties ----------------------------------------------------------------------

_day_rows = st.lists(
    st.tuples(
        st.integers(0, 120),  # day offset from the start
        st.sampled_from(["rest", "easy", "moderate", "hard", "long", "race", "cross"]),
        st.one_of(st.none(), st.floats(0, 40, allow_nan=False)),
        st.sampled_from(["none", "light", "heavy"]),
        st.one_of(st.none(), st.integers(0, 10)),
    ),
    min_size=1,
    max_size=60,
)


def _from_tuples(rows, start="2025-12-10") -> list[dict]:
    first = pd.Timestamp(start)
    return [
        day(str((first + pd.Timedelta(days=o)).date()), run=k, distance=d, strength=s,
            soreness=sore, minutes=30, rpe=5)
        for o, k, d, s, sore in rows
    ]  # fmt: skip


@given(_day_rows)
def test_weekly_distance_is_the_sum_of_the_days(rows):
    a = athlete(_from_tuples(rows))
    table = weekly_table(a)
    running = a.days.loc[a.days["run"] != "cross", "distance"].fillna(0).sum()
    assert table["distance"].sum() == pytest.approx(running)
    assert daily_frame(a)["distance"].sum() == pytest.approx(running)
    # each week's distance is the sum of its days in the daily frame
    daily = daily_frame(a)
    by_week = daily.groupby(daily["date"].dt.to_period("W-SUN").dt.start_time)["distance"].sum()
    assert np.allclose(table.set_index("week_of")["distance"], by_week)


@given(_day_rows, st.integers(0, 120))
def test_adding_a_rest_day_changes_nothing(rows, offset):
    records = _from_tuples(rows)
    first = min(pd.Timestamp(r["date"]) for r in records)
    last = max(pd.Timestamp(r["date"]) for r in records)
    # a rest row in a week that already has a row: only that week's count of logged days
    # may change (a rest row in an unlogged week would make it a logged week, L1)
    anchor = pd.Timestamp(records[offset % len(records)]["date"])
    rest_date = anchor - pd.Timedelta(days=anchor.weekday()) + pd.Timedelta(days=offset % 7)
    rest_date = min(max(rest_date, first), last)
    before = weekly_table(athlete(records))
    after = weekly_table(athlete([*records, day(str(rest_date.date()), run="rest")]))
    pd.testing.assert_frame_equal(
        before.drop(columns="logged_days"), after.drop(columns="logged_days")
    )
    assert (after["logged_days"] - before["logged_days"]).isin([0, 1]).all()


def test_unsorted_days_are_sorted_first():
    records = run_days("2026-03-02", [1.0, 2.0, 3.0])
    a = Athlete(Profile(id="u", name="U"), days_from_records(records).iloc[::-1])
    assert daily_frame(a)["distance"].tolist() == [1.0, 2.0, 3.0]
    assert weekly_table(a)["long_run"].iloc[0] == 3.0


def test_monotony_of_equal_days_is_capped_not_huge():
    # 7 x 333.3: SD 0 exactly (sum-of-squares rounding would leave a variance of ~1e-10
    # and a monotony of ~7.6e7): shown at the cap, marked as capped
    records = run_days("2026-03-02", [5.0] * 7, minutes=333.3, rpe=1)
    first = weekly_table(athlete(records)).iloc[0]
    assert (first["monotony"], first["monotony_capped"]) == (MONOTONY_CAP, True)


def test_day_arrays_cut_to_an_earlier_day_are_the_arrays_of_that_day():
    """``until`` gives what reading the log up to that day gives, the load basis too:
    effort logged only after the cut leaves the earlier days on distance."""
    records = [day(f"2026-03-{d:02d}", run="easy", distance=5.0) for d in range(2, 12)]
    records += [day("2026-03-12", run="hard", distance=6.0, rpe=8, minutes=40)]
    person = athlete(records)
    full = day_arrays(person)
    for cut in ("2026-03-01", "2026-03-02", "2026-03-08", "2026-03-11", "2026-03-12"):
        expected = day_arrays(person, dt.date.fromisoformat(cut))
        got = full.until(dt.date.fromisoformat(cut))
        if expected is None:
            assert got is None
            continue
        assert got.load_basis == expected.load_basis
        for name in PER_DAY:
            np.testing.assert_array_equal(getattr(got, name), getattr(expected, name), name)
    assert full.until(dt.date(2026, 3, 11)).load_basis == "distance"  # the RPE comes on the 12th
