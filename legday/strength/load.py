"""Strength load in numbers: hard leg sets and leg volume load, per session and week.

A *working* leg set is a set of a leg exercise that is not a warm-up. It counts for
the leg volume load (reps x weight, in the profile's weights unit: sets x reps x
weight summed set by set) and, when it is hard, for the leg sets: at most
HARD_SET_RIR reps in reserve (Zourdos 2016, Helms 2016). A working set with no RIR
or RPE logged is taken as hard (most runners log no effort; a working set is taken
at face value). Warm-ups and upper-body sets count for neither; a bodyweight set is a
leg set with no volume load.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from legday.strength.thresholds import HARD_SET_RIR


def working_leg_sets(sets: pd.DataFrame) -> np.ndarray:
    """Leg sets that are not warm-ups."""
    warmup = (sets["type"] == "warmup").to_numpy(bool)  # Arrow's compare, not a loop
    return sets["leg"].to_numpy(bool) & ~warmup


def hard_sets(sets: pd.DataFrame, working: np.ndarray | None = None) -> np.ndarray:
    """Working leg sets at HARD_SET_RIR reps in reserve or fewer (or no effort logged)."""
    rir = sets["rir"].to_numpy(float)
    with np.errstate(invalid="ignore"):
        hard = ~(rir > HARD_SET_RIR)  # NaN (not logged) compares False: hard
    return (working_leg_sets(sets) if working is None else working) & hard


def volume_load(sets: pd.DataFrame, working: np.ndarray | None = None) -> np.ndarray:
    """Each set's reps x weight when it is a working leg set, else 0."""
    load = np.nan_to_num(sets["reps"].to_numpy(float)) * np.nan_to_num(
        sets["weight"].to_numpy(float)
    )
    return np.where(working_leg_sets(sets) if working is None else working, load, 0.0)


def by_day(sets: pd.DataFrame) -> pd.DataFrame:
    """Per day with sets: leg_sets (hard) and leg_volume_load."""
    table = pd.DataFrame(
        {
            "date": sets["date"].to_numpy(),
            "leg_sets": hard_sets(sets).astype(float),
            "leg_volume_load": volume_load(sets),
        }
    )
    return table.groupby("date", sort=True).sum()


#: Columns ``with_load`` adds to a resolved sets frame (once, when the athlete loads).
LOAD_COLUMNS: dict[str, str] = {"hard": "bool", "volume_load": "float64"}


def with_load(sets: pd.DataFrame) -> pd.DataFrame:
    """The sets with each set's ``hard`` and ``volume_load``, so that every weekly table
    of the athlete sums two columns instead of judging 50,000 sets again."""
    working = working_leg_sets(sets)
    return sets.assign(hard=hard_sets(sets, working), volume_load=volume_load(sets, working))


def by_week(sets: pd.DataFrame | None, mondays: np.ndarray) -> dict[str, np.ndarray]:
    """leg_sets and leg_volume_load for each week starting on ``mondays`` (datetime64[D]);
    NaN for every week when there is no sets log (not logged, not zero)."""
    n = len(mondays)
    if sets is None or n == 0:
        nan = np.full(n, np.nan)
        return {"leg_sets": nan, "leg_volume_load": nan.copy()}
    days = sets["date"].to_numpy("datetime64[D]").astype(np.int64)
    week = (days - mondays[0].astype(np.int64)) // 7  # the weeks are consecutive Mondays
    inside = (week >= 0) & (week < n)
    week = week[inside]
    if "hard" not in sets:
        sets = with_load(sets)
    hard = sets["hard"].to_numpy(float)[inside]
    return {
        "leg_sets": np.bincount(week, hard, minlength=n),
        "leg_volume_load": np.bincount(week, sets["volume_load"].to_numpy()[inside], minlength=n),
    }
