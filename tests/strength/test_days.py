"""The day's leg session from its sets where the daily log leaves it blank."""

from __future__ import annotations

import numpy as np
import pandas as pd

from legday.model import days_from_records
from legday.strength.days import FROM_SETS, fill_days, sessions
from legday.strength.names import resolve


def sets_of(rows: list[tuple]) -> pd.DataFrame:
    """(date, exercise, weight, rir, type) rows as a resolved sets frame."""
    frame = pd.DataFrame(rows, columns=["date", "exercise", "weight", "rir", "type"])
    frame["date"] = pd.to_datetime(frame["date"])
    return resolve(frame.astype({"weight": float, "rir": float}))


SETS = sets_of(
    [
        ("2026-11-16", "Squat (Barbell)", 40, np.nan, "warmup"),
        ("2026-11-16", "Squat (Barbell)", 60, 2, "normal"),
        ("2026-11-16", "Squat (Barbell)", 60, 1, "normal"),
        ("2026-11-16", "Bench Press (Barbell)", 50, 2, "normal"),  # not leg: no minutes
        ("2026-11-17", "Walking lunge", np.nan, 4, "normal"),  # bodyweight only
        ("2026-11-18", "Bench Press (Barbell)", 50, 2, "normal"),  # upper body only
        ("2026-11-19", "Squat (Barbell)", 40, 3, "warmup"),  # warm-ups only: no session
    ]
)


def test_sessions_from_sets() -> None:
    found = sessions(SETS)
    assert found["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-11-16", "2026-11-17"]
    assert found["level"].tolist() == ["heavy", "light"]
    # three leg sets (the warm-up too) x 3 min = 9; one set = 3
    assert found["minutes"].tolist() == [9.0, 3.0]
    # working leg sets RPE 10 - 2 = 8 and 10 - 1 = 9: mean 8.5; a lunge at RIR 4 is RPE 6
    assert found["rpe"].tolist() == [8.5, 6.0]


def test_blank_days_are_filled_and_a_stated_level_wins_with_a_warning() -> None:
    days = days_from_records(
        [
            {"date": "2026-11-16", "run": "easy", "distance": 8},
            {"date": "2026-11-16", "run": "easy", "distance": 3},  # a double: lift after
            {"date": "2026-11-17", "run": "easy", "strength": "heavy", "strength_minutes": 30},
        ]
    )
    filled, warnings = fill_days(days, SETS)
    assert filled["strength"].tolist() == ["none", "heavy", "heavy"]
    assert filled["strength_minutes"].tolist()[1:] == [9.0, 30.0]  # 30 typed: kept
    assert filled["strength_rpe"].tolist()[1:] == [8.5, 6.0]  # blank: from the sets
    assert warnings == [
        "2026-11-17: the daily log says heavy, the sets log has only bodyweight leg sets "
        "(light); the daily log wins"
    ]


def test_a_day_with_sets_and_no_row_gets_one() -> None:
    days = days_from_records([{"date": "2026-11-16", "run": "easy", "distance": 8}])
    filled, _ = fill_days(days, SETS)
    assert filled["date"].dt.strftime("%d").tolist() == ["16", "17"]
    new = filled.iloc[1]
    assert (new["run"], new["strength"], new["notes"]) == ("rest", "light", FROM_SETS)


def test_no_leg_sets_leave_the_days_alone() -> None:
    days = days_from_records([{"date": "2026-11-18", "run": "easy", "distance": 8}])
    filled, warnings = fill_days(days, SETS[SETS["date"] == "2026-11-18"])
    assert filled is days and warnings == []
