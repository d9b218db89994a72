"""The daily check-in: soreness, how the legs feel, today's session RPE."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from legday.checkin import add_checkin
from legday.model import DAY_COLUMNS, days_from_records


@pytest.fixture
def log() -> pd.DataFrame:
    return days_from_records(
        [
            {"date": "2024-01-01", "run": "easy", "distance": 5.0, "minutes": 45.0},
            {
                "date": "2024-01-02",
                "run": "easy",
                "distance": 4.0,
                "strength": "heavy",
                "strength_minutes": 45.0,
                "notes": "imported from Strava: Run",
            },
            {"date": "2024-01-03", "run": "hard", "distance": 6.0, "soreness": 2.0},
            {"date": "2024-01-03", "run": "easy", "distance": 3.0, "soreness": 2.0},
            {"date": "2024-01-05", "run": "long", "distance": 12.0},
        ]
    )


def test_soreness_on_an_existing_day(log):
    out = add_checkin(log, "2024-01-02", 4, "heavy quads", rpe=7)
    row = out.iloc[1]
    assert (row["soreness"], row["strength_rpe"]) == (4.0, 7.0)
    assert row["notes"] == "imported from Strava: Run; legs: heavy quads"
    assert pd.isna(row["rpe"])  # the RPE went to the leg session, not the run


def test_other_rows_untouched_and_input_not_modified(log):
    before = log.copy()
    out = add_checkin(log, dt.date(2024, 1, 2), 4)
    pd.testing.assert_frame_equal(log, before)
    pd.testing.assert_frame_equal(out.drop(index=1), before.drop(index=1))
    assert list(out.dtypes.astype(str)) == [
        str(pd.Series(dtype=t).dtype) for t in DAY_COLUMNS.values()
    ]


def test_new_day_gets_a_rest_row_in_date_order(log):
    out = add_checkin(log, "2024-01-04", 6, "stiff")
    assert len(out) == len(log) + 1
    assert out["date"].is_monotonic_increasing
    new = out[out["date"] == pd.Timestamp("2024-01-04")].iloc[0]
    assert (new["run"], new["strength"], new["soreness"], new["notes"]) == (
        "rest",
        "none",
        6.0,
        "legs: stiff",
    )


def test_second_checkin_replaces_the_first(log):
    once = add_checkin(log, "2024-01-04", 6, "stiff")
    twice = add_checkin(once, "2024-01-04", 3, "better")
    assert len(twice) == len(once)
    new = twice[twice["date"] == pd.Timestamp("2024-01-04")].iloc[0]
    assert (new["soreness"], new["notes"]) == (3.0, "legs: better")


def test_double_day_gets_one_consistent_soreness(log):
    """Both 3 Jan rows held soreness 2: a check-in of 5 sets both, never 5 and 2."""
    out = add_checkin(log, "2024-01-03", 5, rpe=8)
    jan3 = out[out["date"] == pd.Timestamp("2024-01-03")]
    assert jan3["soreness"].tolist() == [5.0, 5.0]
    assert jan3["rpe"].tolist()[1] == 8.0  # no leg session: the day's last run


def test_rpe_without_a_session_is_refused(log):
    with pytest.raises(ValueError, match="no session"):
        add_checkin(log, "2024-01-04", 2, rpe=5)


@pytest.mark.parametrize(
    ("soreness", "rpe"), [(11, None), (-1, None), (3, 10.5), (float("nan"), None)]
)
def test_out_of_range_values_are_refused(log, soreness, rpe):
    with pytest.raises(ValueError, match="0-10"):
        add_checkin(log, "2024-01-01", soreness, rpe=rpe)


def test_bad_date_is_refused(log):
    with pytest.raises(ValueError, match="not a date"):
        add_checkin(log, "next tuesday", 3)


def test_blank_feel_removes_an_earlier_feel(log):
    out = add_checkin(add_checkin(log, "2024-01-02", 4, "sore"), "2024-01-02", 2)
    assert out.iloc[1]["notes"] == "imported from Strava: Run"


def test_checkin_on_an_empty_log():
    empty = days_from_records([])
    out = add_checkin(empty, "2024-01-01", 1)
    assert len(out) == 1 and out["soreness"].iloc[0] == 1.0
