"""Hevy's workout export -> raw sets (``legday.io.workouts`` checks and lays them out).

One row per set, every field quoted: ``title, start_time, end_time, description,
exercise_title, superset_id, exercise_notes, set_index, set_type, weight_kg`` (or
``weight_lbs``), ``reps, distance_km`` (or ``distance_miles``), ``duration_seconds,
rpe``. Times are the phone's local clock without a zone (``26 Jul 2025, 07:06``);
``set_index`` counts from 0; set types are ``normal``, ``warmup``, ``failure`` and
``dropset``; a bodyweight set has a blank weight; cardio and timed sets carry a
distance or a duration and no reps.
"""

from __future__ import annotations

import pandas as pd

from legday.io.activities import column, read_export_table
from legday.io.workout_sets import RawSets, missing_columns, no_sets, parse_times

#: Hevy's date shapes: the export's own, and ISO for exports other tools rewrote.
TIME_FORMATS = ("%d %b %Y, %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M")
TIME_SHAPE = "26 Jul 2025, 07:06"
SET_TYPES = {"normal": "normal", "warmup": "warmup", "failure": "failure", "dropset": "drop"}
#: Every column of Hevy's export (a renamed one is looked for among the others).
COLUMNS = (
    "title", "start_time", "end_time", "description", "exercise_title", "superset_id",
    "exercise_notes", "set_index", "set_type", "weight_kg", "weight_lbs", "reps",
    "distance_km", "distance_miles", "duration_seconds", "rpe",
)  # fmt: skip
REQUIRED = (
    ("start_time",),
    ("exercise_title",),
    ("set_index",),
    ("set_type",),
    ("reps",),
    ("weight_kg", "weight_lbs"),
)


def read_hevy(text: str, shown: str) -> RawSets:
    """Hevy's rows as raw sets, in the export's weight unit (kg or lb, from the header)."""
    frame, lines, problems = read_export_table(text, shown)
    if frame is None:
        return no_sets("Hevy", problems)
    frame.columns = [str(name).strip().lower() for name in frame.columns]
    weight = next((c for c in ("weight_kg", "weight_lbs") if c in frame.columns), None)
    missing = missing_columns(frame, REQUIRED, shown, "Hevy", COLUMNS)
    if missing is not None:
        return no_sets("Hevy", [*problems, missing])
    kinds = frame["set_type"].str.strip().str.lower()
    raw = pd.DataFrame(
        {
            "line": lines,
            "start": parse_times(frame["start_time"], TIME_FORMATS),
            "time_text": frame["start_time"],
            "workout": column(frame, "title"),
            "exercise": frame["exercise_title"].str.strip(),
            "order": pd.to_numeric(frame["set_index"], errors="coerce"),
            "type": kinds.map(SET_TYPES).fillna(""),
            "type_text": kinds,
            "reps": frame["reps"].str.strip(),
            "weight": frame[weight].str.strip(),
            "unit": "kg" if weight == "weight_kg" else "lb",
            "rpe": column(frame, "rpe").str.strip(),
        }
    )
    return RawSets("Hevy", raw, problems, TIME_SHAPE)
