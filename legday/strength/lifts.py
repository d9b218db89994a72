"""Estimated 1RM per main lift: Epley's formula on the heaviest sets a runner logs.

``e1RM = weight x (1 + reps / 30)`` (Epley), from working sets of at most
EPLEY_MAX_REPS reps that carry a weight; the estimate drifts above 10 reps. A main
lift is a movement legday follows (squat, hinge, split squat: ``MAIN_MOVEMENTS``);
for each, the athlete's own exercise of that movement with the most working sets
stands for it (a runner who goblet squats is followed on the goblet squat).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from legday.strength.load import working_leg_sets
from legday.strength.names import MAIN_MOVEMENTS
from legday.strength.thresholds import EPLEY_MAX_REPS


def epley(weight: np.ndarray | float, reps: np.ndarray | float) -> np.ndarray:
    """Epley's estimated 1RM; NaN over EPLEY_MAX_REPS reps or without a weight."""
    weight, reps = np.asarray(weight, float), np.asarray(reps, float)
    with np.errstate(invalid="ignore"):
        usable = (reps >= 1) & (reps <= EPLEY_MAX_REPS) & (weight > 0)
    return np.where(usable, weight * (1.0 + reps / 30.0), np.nan)


def main_lifts(sets: pd.DataFrame | None) -> dict[str, str]:
    """Movement -> the exercise that stands for it (the most working sets; ties go to
    the exercise logged last)."""
    if sets is None or sets.empty:
        return {}
    working = sets.loc[working_leg_sets(sets) & sets["movement"].isin(MAIN_MOVEMENTS)]
    if working.empty:
        return {}
    counts = working.groupby(["movement", "lift"]).agg(n=("date", "size"), last=("date", "max"))
    best = counts.sort_values(["n", "last"]).groupby(level="movement").tail(1)
    return {movement: lift for movement, lift in best.index}


def e1rm_trend(sets: pd.DataFrame | None, as_of: dt.date | None = None) -> pd.DataFrame:
    """Per main lift and session: date, movement, lift, e1rm (the session's best)."""
    columns = {"date": "datetime64[ns]", "movement": "str", "lift": "str", "e1rm": "float64"}
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    if sets is None or sets.empty:
        return empty
    if as_of is not None:
        sets = sets.loc[sets["date"] <= pd.Timestamp(as_of)]
    lifts = main_lifts(sets)
    if not lifts:
        return empty
    chosen = sets["lift"].isin(list(lifts.values())) & working_leg_sets(sets)
    table = sets.loc[chosen, ["date", "movement", "lift"]].assign(
        e1rm=epley(sets.loc[chosen, "weight"], sets.loc[chosen, "reps"])
    )
    table = table.dropna(subset=["e1rm"])
    best = table.groupby(["movement", "lift", "date"], as_index=False)["e1rm"].max()
    rank = best["movement"].map({movement: i for i, movement in enumerate(MAIN_MOVEMENTS)})
    best = best.assign(rank=rank).sort_values(["rank", "date"], kind="stable")
    return best[list(columns)].astype(columns).reset_index(drop=True)


def latest_lifts(sets: pd.DataFrame | None, unit: str, as_of: dt.date | None = None) -> list[dict]:
    """For each main lift: its exercise, the latest estimated 1RM and its date (the
    JSON ``lifts`` of ``legday report``); null where nothing was lifted for it."""
    if sets is not None and as_of is not None:
        sets = sets.loc[sets["date"] <= pd.Timestamp(as_of)]
    trend = e1rm_trend(sets)
    lifts = main_lifts(sets)
    # the trend is in date order within each lift: its last row is the latest
    latest = {row.movement: row for row in trend.groupby("movement").tail(1).itertuples()}
    out = []
    for movement in MAIN_MOVEMENTS:
        last = latest.get(movement)
        out.append(
            {
                "lift": movement,
                "exercise": lifts.get(movement),
                "e1rm": None if last is None else round(float(last.e1rm), 1),
                "date": None if last is None else last.date.date().isoformat(),
                "unit": unit,
            }
        )
    return out
