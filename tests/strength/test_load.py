"""Hard leg sets, leg volume load and Epley's estimate, worked by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from legday.strength.lifts import e1rm_trend, epley, latest_lifts, main_lifts
from legday.strength.load import by_day, by_week, hard_sets
from legday.strength.names import resolve


def sets_of(rows: list[tuple]) -> pd.DataFrame:
    """(date, exercise, reps, weight, rir, type) rows as a resolved sets frame."""
    frame = pd.DataFrame(rows, columns=["date", "exercise", "reps", "weight", "rir", "type"])
    frame["date"] = pd.to_datetime(frame["date"])
    return resolve(frame.astype({"reps": float, "weight": float, "rir": float}))


SETS = sets_of(
    [
        ("2026-11-16", "Squat (Barbell)", 8, 40, np.nan, "warmup"),  # neither
        ("2026-11-16", "Squat (Barbell)", 5, 60, 2, "normal"),  # hard
        ("2026-11-16", "Squat (Barbell)", 5, 60, 4, "normal"),  # volume, not hard
        ("2026-11-16", "Romanian Deadlift (Dumbbell)", 8, 20, np.nan, "normal"),  # no RIR: hard
        ("2026-11-16", "Bench Press (Barbell)", 8, 50, 1, "normal"),  # upper: neither
        ("2026-11-19", "Walking lunge", 10, np.nan, 0, "failure"),  # hard, bodyweight
        ("2026-11-23", "Squat (Barbell)", 3, 70, 1, "normal"),  # next week
    ]
)


def test_hard_sets_are_working_leg_sets_at_rir_3_or_less() -> None:
    assert hard_sets(SETS).tolist() == [False, True, False, True, False, True, True]


def test_by_day() -> None:
    table = by_day(SETS)
    # 16 Nov: 2 hard sets; volume 5 x 60 + 5 x 60 + 8 x 20 = 300 + 300 + 160 = 760
    assert table.loc["2026-11-16"].tolist() == [2.0, 760.0]
    # 19 Nov: a bodyweight failure set: a leg set with no volume
    assert table.loc["2026-11-19"].tolist() == [1.0, 0.0]


def test_by_week_on_mondays_and_nothing_without_a_sets_log() -> None:
    mondays = np.array(["2026-11-09", "2026-11-16", "2026-11-23"], dtype="datetime64[D]")
    weeks = by_week(SETS, mondays)
    assert weeks["leg_sets"].tolist() == [0.0, 3.0, 1.0]
    assert weeks["leg_volume_load"].tolist() == [0.0, 760.0, 210.0]  # 3 x 70
    assert np.isnan(by_week(None, mondays)["leg_sets"]).all()


@pytest.mark.parametrize(
    ("weight", "reps", "expected"),
    [
        (60, 5, 70.0),  # 60 x (1 + 5/30) = 60 x 7/6 = 70
        (100, 3, 110.0),  # 100 x 1.1
        (90, 10, 120.0),  # 90 x (1 + 10/30) = 90 x 4/3 = 120
        (80, 12, np.nan),  # over 10 reps: no estimate
        (0, 5, np.nan),  # bodyweight: no estimate
    ],
)
def test_epley(weight: float, reps: float, expected: float) -> None:
    np.testing.assert_allclose(epley(weight, reps), expected)


def test_main_lifts_and_their_latest_estimates() -> None:
    assert main_lifts(SETS) == {"squat": "Back squat", "hinge": "Romanian deadlift (dumbbell)"}
    trend = e1rm_trend(SETS)
    # squat: 16 Nov best of 60 x 7/6 = 70 (twice); 23 Nov 70 x 1.1 = 77
    squat = trend[trend["movement"] == "squat"]
    np.testing.assert_allclose(squat["e1rm"], [70.0, 77.0])
    lifts = latest_lifts(SETS, "kg", dt.date(2026, 11, 20))
    assert lifts[0] == {
        "lift": "squat", "exercise": "Back squat", "e1rm": 70.0, "date": "2026-11-16",
        "unit": "kg",
    }  # fmt: skip
    # RDL 20 x (1 + 8/30) = 25.33
    assert (lifts[1]["e1rm"], lifts[2]["e1rm"]) == (25.3, None)
