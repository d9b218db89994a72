"""Prescribed weights: each planned lift's weight from the runner's own last session.

Double progression (a convention, coaching reference section 5), on the last session
of the lift before the planned week, its working sets at their heaviest weight:

- a break of BREAK_WEEKS weeks or more: BREAK_DROP lighter (LONG_BREAK_DROP after
  LONG_BREAK_WEEKS), rounded down;
- a set at failure (RIR 0, or a failure set): hold the weight;
- a set under the bottom of the rep range: hold;
- every set at the top of the range, with PROGRESS_RIR or more in reserve (or no effort
  logged): the smallest step up (LOAD_STEPS: 2.5 kg / 5 lb on a bar, 2 kg / 5 lb a
  dumbbell, 5 kg / 10 lb a machine);
- otherwise hold, and add reps.

A deload week keeps the weight. Weights are rounded to what the runner can load (the
kit's step). Without logged sets of the lift, the exercise stays as it was.

A plan of several weeks reads each week's weights after the weeks before it done as
planned (``planned_lasts``): a prescribed session counts at its weight with the bottom
of its rep range, so the next week holds that weight (how many reps the runner will
reach is not known yet) and no planned week counts as a break from the lift. The
``last`` an exercise shows is always the last logged session.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from legday.exercises import Exercise
from legday.strength.load import working_leg_sets
from legday.strength.names import LIFTS, lift_of
from legday.strength.thresholds import (
    BREAK_DROP,
    BREAK_WEEKS,
    LOAD_STEPS,
    LONG_BREAK_DROP,
    LONG_BREAK_WEEKS,
    PROGRESS_RIR,
)

_RANGE = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")


@dataclass(frozen=True)
class Last:
    """The last session of a lift: its day, top weight, reps and least RIR at it."""

    date: dt.date
    weight: float
    reps: tuple[float, ...]
    rir: float | None
    failed: bool  # a set at that weight was a failure set


@dataclass(frozen=True)
class Step:
    """The next weight and the rule that gave it, in words."""

    weight: float
    why: str


def rep_range(reps: str | None) -> tuple[int, int] | None:
    """'5-6' -> (5, 6), '8 each leg' -> (8, 8); None when it says no reps."""
    found = _RANGE.search(reps or "")
    if not found:
        return None
    low = int(found.group(1))
    return low, int(found.group(2) or low)


def step_of(lift: str, unit: str) -> float | None:
    """The smallest load step of a lift's kit, or None for bodyweight work."""
    kit = LIFTS[lift][1] if lift in LIFTS else None
    return LOAD_STEPS[kit][unit] if kit in LOAD_STEPS else None


def last_session(sets: pd.DataFrame, lift: str, before: dt.date) -> Last | None:
    """The last session before ``before`` with loaded working sets of ``lift``."""
    dates = sets["date"].to_numpy("datetime64[D]")
    weights = sets["weight"].to_numpy(float)
    chosen = (
        (sets["lift"] == lift).to_numpy(bool)
        & working_leg_sets(sets)
        & (dates < np.datetime64(before, "D"))
        & (weights > 0)
        & (sets["type"] != "drop").to_numpy(bool)
    )
    rows = np.flatnonzero(chosen)
    if rows.size == 0:
        return None
    last_day = dates[rows].max()
    rows = rows[dates[rows] == last_day]
    top = float(weights[rows].max())
    rows = rows[weights[rows] == top]
    rir = sets["rir"].to_numpy(float)[rows]
    reps = np.nan_to_num(sets["reps"].to_numpy(float)[rows])
    return Last(
        last_day.astype(dt.date),
        top,
        tuple(float(r) for r in reps),
        None if np.isnan(rir).all() else float(np.nanmin(rir)),
        bool((sets["type"].to_numpy(object)[rows] == "failure").any()),
    )


def planned_lasts(days: Sequence[Any]) -> dict[str, Last]:
    """Each loaded lift's last session in a planned week's days, done as planned: the
    prescribed weight, every set at the bottom of the rep range."""
    lasts: dict[str, Last] = {}
    for day in sorted(days, key=lambda d: d.date):
        for exercise in day.exercises:
            lift, reps = lift_of(exercise.name), rep_range(exercise.reps)
            if exercise.weight is not None and lift is not None and reps is not None:
                done = (float(reps[0]),) * exercise.sets
                lasts[lift] = Last(day.date, exercise.weight, done, None, False)
    return lasts


def next_weight(last: Last, low: int, high: int, step: float, week_of: dt.date, unit: str) -> Step:
    """The double progression rule (see the module's docstring) on one last session."""
    weeks_off = (week_of - last.date).days // 7
    if weeks_off >= BREAK_WEEKS:
        drop = LONG_BREAK_DROP if weeks_off >= LONG_BREAK_WEEKS else BREAK_DROP
        weight = math.floor(last.weight * (1 - drop) / step) * step
        return Step(weight, f"{weeks_off} weeks since this lift: {drop:.0%} lighter")
    if last.failed or last.rir == 0:
        return Step(_round(last.weight, step), "a set went to failure: hold the weight")
    if min(last.reps) < low:
        return Step(_round(last.weight, step), f"a set missed {low} reps: hold the weight")
    eased = last.rir is None or last.rir >= PROGRESS_RIR
    if min(last.reps) >= high and eased:
        effort = "" if last.rir is None else f" at RIR {PROGRESS_RIR:g} or more"
        return Step(
            _round(last.weight, step) + step,
            f"every set reached {high}{effort}: +{step:g} {unit}",
        )
    return Step(_round(last.weight, step), f"hold the weight until every set reaches {high}")


def _round(weight: float, step: float) -> float:
    """To the nearest weight the kit can make."""
    return round(weight / step) * step


def with_weights(
    exercises: tuple[Exercise, ...],
    sets: pd.DataFrame | None,
    week_of: dt.date,
    unit: str,
    deload: bool = False,
    planned: Mapping[str, Last] | None = None,
) -> tuple[Exercise, ...]:
    """The session's exercises, each loaded lift with its weight from the sets log and,
    in a plan of several weeks, the sessions the weeks before prescribed (``planned``)."""
    if sets is None or sets.empty:
        return exercises
    return tuple(_weighted(e, sets, week_of, unit, deload, planned or {}) for e in exercises)


def _weighted(
    exercise: Exercise,
    sets: pd.DataFrame,
    week_of: dt.date,
    unit: str,
    deload: bool,
    planned: Mapping[str, Last],
) -> Exercise:
    lift = lift_of(exercise.name)
    reps = rep_range(exercise.reps)
    step = step_of(lift, unit) if lift else None
    if lift is None or reps is None or step is None:
        return exercise
    logged = last_session(sets, lift, week_of)
    if logged is None:
        return exercise
    last = planned.get(lift, logged)
    if not logged.date < last.date < week_of:
        last = logged
    rule = next_weight(last, *reps, step, week_of, unit)
    weight, why = rule.weight, rule.why
    if deload:
        weight, why = _round(last.weight, step), "deload week: the same weight, fewer sets"
    if last is not logged:  # an earlier week of this plan holds the lift
        why = f"as planned on {last.date:%a %d %b} at {last.weight:g} {unit}: {why}"
    weight = max(weight, step)
    return replace(
        exercise,
        weight=float(weight),
        weight_unit=unit,
        last={
            "date": logged.date.isoformat(),
            "weight": logged.weight,
            "reps": [int(r) if float(r).is_integer() else r for r in logged.reps],
            "rir": logged.rir,
        },
        load=f"double progression: {why} (S9)",
    )
