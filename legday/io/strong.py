"""Strong's workout export -> raw sets (``legday.io.workouts`` checks and lays them out).

Two layouts, both seen in real exports:

- the comma layout: ``Date, Workout Name, Duration, Exercise Name, Set Order, Weight,
  Reps, Distance, Seconds, Notes, Workout Notes, RPE``, dates on a 12-hour clock
  (``2025-07-22 6:05:00 PM``, newer phones with a narrow no-break space before PM) and
  no weight unit (the app's setting, so the profile's ``weights`` is taken);
- the older semicolon layout with ``Weight Unit`` and ``Distance Unit`` columns and
  24-hour dates (``2025-07-22 18:05:00``).

``Set Order`` is the set number, or ``W`` (warm-up), ``D`` (drop set), ``F``
(failure); rows of anything else (``Rest Timer``, notes) are not sets.
"""

from __future__ import annotations

import pandas as pd

from legday.io.activities import column, read_export_table
from legday.io.workout_sets import RawSets, missing_columns, no_sets, parse_times

TIME_FORMATS = (
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)
TIME_SHAPE = "2025-07-22 6:05:00 PM"
ORDER_TYPES = {"w": "warmup", "d": "drop", "f": "failure"}
#: Every column of Strong's two layouts (a renamed one is looked for among the others).
COLUMNS = (
    "date", "workout name", "duration", "exercise name", "set order", "weight", "weight unit",
    "reps", "rpe", "distance", "distance unit", "seconds", "notes", "workout notes",
    "workout duration",
)  # fmt: skip
REQUIRED = (("date",), ("exercise name",), ("set order",), ("weight",), ("reps",))
UNITS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}


def read_strong(text: str, shown: str, delimiter: str = ",") -> RawSets:
    """Strong's rows as raw sets; the weight unit from ``Weight Unit`` where there is one."""
    frame, lines, problems = read_export_table(text, shown, delimiter)
    if frame is None:
        return no_sets("Strong", problems)
    frame.columns = [str(name).strip().lower() for name in frame.columns]
    missing = missing_columns(frame, REQUIRED, shown, "Strong", COLUMNS)
    if missing is not None:
        return no_sets("Strong", [*problems, missing])
    order = frame["set order"].str.strip().str.lower()
    number = pd.to_numeric(order, errors="coerce")
    kind = order.map(ORDER_TYPES).fillna("")
    kind = kind.where(number.isna(), "normal")
    unit = column(frame, "weight unit").str.strip().str.lower().map(UNITS).fillna("")
    weight, reps, rpe = (column(frame, c).str.strip() for c in ("weight", "reps", "rpe"))
    if delimiter == ";":  # a European phone writes decimal commas (62,5)
        weight, reps, rpe = (c.str.replace(",", ".", regex=False) for c in (weight, reps, rpe))
    raw = pd.DataFrame(
        {
            "line": lines,
            "start": parse_times(frame["date"], TIME_FORMATS),
            "time_text": frame["date"],
            "workout": column(frame, "workout name"),
            "exercise": frame["exercise name"].str.strip(),
            "order": number,  # NaN for W, D and F rows: they repeat by design
            "type": kind,
            "type_text": order,
            "reps": reps,
            "weight": weight,
            "unit": unit,
            "rpe": rpe,
        }
    )
    return RawSets("Strong", raw, problems, TIME_SHAPE)
