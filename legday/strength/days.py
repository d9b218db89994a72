"""The day's leg session from its sets, where the daily log leaves it blank.

A day with leg sets (warm-ups aside) had a leg session: ``heavy`` when any of them
carried a weight, ``light`` when all were bodyweight. Its minutes are SET_MINUTES a
set (warm-ups included) and its effort the mean RPE of the working leg sets (10 -
RIR), where the log gives RIR or RPE. The daily log wins: a level it states is kept
(with a warning when the sets say another), and so are its minutes and RPE; blank
cells are filled, and a day with sets but no row gets a row of its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from legday.model import DAY_COLUMNS
from legday.strength.thresholds import RPE_TOP, SET_MINUTES

#: The note of a day row the sets log made.
FROM_SETS = "leg session from the sets log"
_LEVEL_RANK = {"none": 0, "light": 1, "heavy": 2}


def sessions(sets: pd.DataFrame) -> pd.DataFrame:
    """One row per day with leg work: date, level, minutes, rpe (NaN when no effort)."""
    leg = sets.loc[sets["leg"]]
    working = leg["type"] != "warmup"
    if not working.any():
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "level": [],
                             "minutes": [], "rpe": []})  # fmt: skip
    loaded = working & (leg["weight"].fillna(0.0) > 0)
    effort = (RPE_TOP - leg["rir"]).where(working)
    by_day = pd.DataFrame(
        {
            "date": leg["date"],
            "working": working,
            "loaded": loaded,
            "sets": 1.0,
            "effort": effort,
        }
    ).groupby("date", sort=True)
    table = by_day.agg(
        working=("working", "sum"),
        loaded=("loaded", "sum"),
        sets=("sets", "sum"),
        rpe=("effort", "mean"),
    )
    table = table[table["working"] > 0]
    return pd.DataFrame(
        {
            "date": table.index,
            "level": np.where(table["loaded"] > 0, "heavy", "light"),
            "minutes": table["sets"].to_numpy() * SET_MINUTES,
            "rpe": table["rpe"].round(1).to_numpy(),
        }
    ).reset_index(drop=True)


def fill_days(days: pd.DataFrame, sets: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The daily log with each day's leg session filled in from ``sets`` where it is blank,
    and one sentence per day whose stated level the sets contradict."""
    found = sessions(sets)
    if found.empty:
        return days, []
    days = days.reset_index(drop=True)
    rank = days["strength"].map(_LEVEL_RANK).fillna(0).to_numpy()
    stated = pd.Series(rank, index=days.index).groupby(days["date"]).max()
    on = found.set_index("date")
    said = stated.reindex(on.index)
    derived = on["level"].map(_LEVEL_RANK)
    disagree = said.notna() & (said > 0) & (said != derived)
    warnings = [
        f"{day:%Y-%m-%d}: the daily log says {_level(said[day])}, the sets log has "
        f"{'loaded' if on.at[day, 'level'] == 'heavy' else 'only bodyweight'} leg sets "
        f"({on.at[day, 'level']}); the daily log wins"
        for day in on.index[disagree.to_numpy()]
    ]
    days = _fill_rows(days, on, said)
    missing = on.index[said.isna().to_numpy()]
    if len(missing):
        days = pd.concat([days, _new_rows(on.loc[missing])], ignore_index=True)
        days = days.sort_values("date", kind="stable").reset_index(drop=True)
    return days.astype(DAY_COLUMNS), warnings


def _level(rank: float) -> str:
    return next(level for level, code in _LEVEL_RANK.items() if code == rank)


def _fill_rows(days: pd.DataFrame, on: pd.DataFrame, said: pd.Series) -> pd.DataFrame:
    """Days that have rows: the session goes on the row that states one, else the day's
    last row (the lift after the run); blank minutes and RPE come from the sets."""
    listed = said.notna()
    if not listed.any():
        return days
    dates = on.index[listed.to_numpy()]
    in_days = days["date"].isin(dates)
    lifts = days["strength"] != "none"
    has_lift = lifts.groupby(days["date"]).transform("any")
    last = ~days["date"].duplicated(keep="last")
    lift_rows = days.index[lifts.to_numpy()]
    first_lift = pd.Series(False, index=days.index)
    first_lift[lift_rows[~days.loc[lift_rows, "date"].duplicated().to_numpy()]] = True
    target = in_days & ((has_lift & first_lift) | (~has_lift & last))
    rows = days.index[target]
    session = on.loc[days.loc[rows, "date"]]
    days = days.copy()
    blank = days.loc[rows, "strength"] == "none"
    days.loc[rows[blank.to_numpy()], "strength"] = session["level"].to_numpy()[blank.to_numpy()]
    for column, value in (("strength_minutes", "minutes"), ("strength_rpe", "rpe")):
        current = days.loc[rows, column]
        days.loc[rows, column] = current.fillna(pd.Series(session[value].to_numpy(), index=rows))
    return days


def _new_rows(on: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": on.index,
            "run": "rest",
            "distance": np.nan,
            "minutes": np.nan,
            "rpe": np.nan,
            "strength": on["level"].to_numpy(),
            "strength_minutes": on["minutes"].to_numpy(),
            "strength_rpe": on["rpe"].to_numpy(),
            "soreness": np.nan,
            "notes": FROM_SETS,
        }
    )
