"""The sets log's column spec and the checks that span a row or several rows.

One row per set: ``date, exercise, set, reps, weight, rir`` (or ``rpe``), and optional
``side``, ``type`` and ``source``. The checks run through ``legday.io.checks`` like the
daily log's, so a sets log in a CSV file and a profile's inline ``sets:`` get the same
messages with their lines. docs/data-format.md documents every value.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from legday.io.checks import NO_DAY, Column, Finding, LogSpec, Rows
from legday.model import MAX_REPS, MAX_SET_WEIGHT, SET_COLUMNS, SET_SIDES, SET_TYPES

SIDE_SYNONYMS = {"l": "left", "r": "right", "lt": "left", "rt": "right"}
TYPE_SYNONYMS = {
    "w": "warmup",
    "warm-up": "warmup",
    "warm up": "warmup",
    "working": "normal",
    "work": "normal",
    "main": "normal",
    "d": "drop",
    "dropset": "drop",
    "drop set": "drop",
    "f": "failure",
    "fail": "failure",
    "amrap": "failure",
}
_EFFORT = "{high:g} is the top of the scale"


def _blank_exercise(rows: Rows) -> list[Finding]:
    """A set names its exercise: a set of nothing cannot count for anything."""
    names = rows.values["exercise"]
    blank = pc.equal(names, "").to_numpy(zero_copy_only=False)
    return [
        Finding(
            blank,
            "error",
            "set with no exercise",
            lambda i: "the set has no exercise: name it (Back squat, Romanian deadlift, ...)",
        )
    ]


def _whole_numbers(rows: Rows) -> list[Finding]:
    """Reps and set numbers are whole and at least 1 (a missed set is left out)."""
    found = []
    for name, what in (("reps", "a logged set has at least 1 rep"), ("set", "sets count from 1")):
        values = rows.numbers(name)
        with np.errstate(invalid="ignore"):
            zero = values == 0
            fraction = np.isfinite(values) & (values != np.round(values))

        def zero_word(i: int, name: str = name, what: str = what) -> str:
            return f"{name} 0: {what} (leave a missed set out, or write what was done)"

        def fraction_word(i: int, name: str = name, values: np.ndarray = values) -> str:
            return f"{name} {values[i]:g} is not a whole number"

        found.append(Finding(zero, "error", f"{name} 0", zero_word))
        found.append(Finding(fraction, "error", f"{name} not whole", fraction_word))
    return found


def _unique_sets(rows: Rows) -> list[Finding]:
    """Each numbered set once: the same date, exercise, set number and side twice is an
    error on every row after the first (a set typed twice, or a log pasted twice)."""
    numbers = rows.numbers("set")
    numbered = np.isfinite(numbers) & (rows.days != NO_DAY)
    if not numbered.any():
        return []
    names = pc.utf8_lower(rows.values["exercise"]).to_numpy(zero_copy_only=False)
    keys = pd.DataFrame(
        {
            "day": rows.days,
            "name": names,
            "set": numbers,
            "side": rows.values["side"].to_numpy(zero_copy_only=False),
        }
    )
    repeat = (keys.duplicated() & numbered).to_numpy()
    if not repeat.any():
        return []
    first_of = (
        keys.reset_index().groupby(list(keys.columns), dropna=False)["index"].transform("min")
    ).to_numpy()
    exercise, side = rows.values["exercise"], rows.values["side"]

    def word(i: int) -> str:
        day = dt.date(1970, 1, 1) + dt.timedelta(days=int(rows.days[i]))
        where = f" ({side[i].as_py()})" if side[i].as_py() else ""
        first_line = rows.lines[int(first_of[i])]
        return (
            f"set {numbers[i]:g} of '{exercise[i].as_py()}' on {day.isoformat()}{where} "
            f"appears twice (first on line {first_line})"
        )

    return [Finding(repeat, "error", "duplicate set", word)]


SET_LOG = LogSpec(
    columns=(
        Column("date", "date", required=True),
        Column("exercise", "text"),
        Column("set", "number", high=50, reason="over {high:g} sets of one exercise in a day"),
        Column("reps", "number", high=MAX_REPS, reason="over {high:g} reps in a set"),
        Column(
            "weight",
            "number",
            high_by_unit=MAX_SET_WEIGHT,
            reason="over {high:g} {units} in one set: no one lifts that",
            hint=" (write the number only, in {units}: the profile's weights unit)",
        ),
        Column("rir", "number", high=10, reason="reps in reserve run 0-10"),
        Column("rpe", "number", high=10, reason=_EFFORT),
        Column("side", "choice", blank="", choices=SET_SIDES, synonyms=SIDE_SYNONYMS),
        Column("type", "choice", blank="normal", choices=SET_TYPES, synonyms=TYPE_SYNONYMS),
        Column("source", "text"),
    ),
    key="date",
    dtypes=SET_COLUMNS,
    rules=(_blank_exercise, _whole_numbers, _unique_sets),
)


def finish_sets(frame: pd.DataFrame) -> pd.DataFrame:
    """A checked sets frame made whole: blank set numbers count on in file order within
    their exercise and day, and reps in reserve come from an RPE where only that was
    logged (RIR = 10 - RPE, the RIR-based RPE scale of Zourdos 2016 and Helms 2016)."""
    frame = frame.copy()
    if frame["set"].isna().any():
        keys = [frame["date"], frame["exercise"].str.lower(), frame["side"]]
        order = frame.groupby(keys, sort=False).cumcount() + 1
        frame["set"] = frame["set"].fillna(order.astype(float))
    frame["rir"] = frame["rir"].fillna(10.0 - frame["rpe"])
    return frame
