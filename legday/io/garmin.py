"""Garmin Connect's ``Activities.csv`` (Activities list -> Export CSV) -> activities.

Quirks handled:

- ``Date`` is the activity's local start time, ``2024-01-05 07:12:33``: no time-zone
  conversion. Other date shapes (a spreadsheet re-save turns it into ``1/5/2024``)
  are skipped with a message, never guessed (day/month order is ambiguous).
- ``Distance`` is in the unit Garmin Connect displays (km or mi) and the file does
  not say which: the caller passes it (default: the log's units). Swims are in
  metres or yards, but legday keeps no distance for cross-training anyway.
- Numbers carry thousands separators (``"1,020"``) and ``--`` for missing. Exports
  from decimal-comma locales write ``"5,48"``: detected from values with one, two or
  four-plus digits after the comma, which a thousands separator never has.
- ``Time`` (timer time, ``01:02:03`` or ``00:28:10.5``) is the duration, then
  ``Moving Time``, then ``Elapsed Time``. Old exports name it ``Activity Time``.
- The CSV has no perceived effort, so run kinds come from titles and the week's
  distances only; ``Track Running`` counts as hard.
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from legday.io.activities import (
    METRES_PER,
    Activities,
    activities_frame,
    column,
    no_activities,
    parse_durations,
    parse_numbers,
    read_export_table,
)

_DATE = r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$"
_DECIMAL_COMMA = r"^-?\d+,(?:\d{1,2}|\d{4,})$"


def garmin_category(types: pd.Series) -> pd.Series:
    """run: any type with 'running' or ending in 'run' (Running, Treadmill Running,
    Trail Running, Track Running, Virtual Run ...); strength: 'Strength Training';
    everything else (Cycling, Pool Swim, HIIT, Cardio, Walking ...) cross-training."""
    key = types.fillna("").str.strip().str.lower()
    is_run = key.str.contains("running", regex=False) | key.str.fullmatch(r"(?:.* )?run")
    is_lift = key.str.contains("strength", regex=False)
    out = pd.Series("cross", index=types.index, dtype="str")
    return out.where(~is_lift, "strength").where(~is_run, "run")


def parse_garmin_dates(cells: pd.Series) -> pd.Series:
    """Local timestamps from ``2024-01-05 07:12:33`` (seconds or time optional)."""
    parts = cells.fillna("").str.strip().str.extract(_DATE).apply(pd.to_numeric, errors="coerce")
    parts.columns = ["year", "month", "day", "hour", "minute", "second"]
    shaped = parts[["year", "month", "day"]].notna().all(axis=1) & parts["year"].between(1900, 2200)
    parts = parts.fillna({"hour": 0, "minute": 0, "second": 0}).where(shaped).fillna(1)
    return pd.to_datetime(parts, errors="coerce").where(shaped).astype("datetime64[ns]")


def read_garmin(text: str, shown: str, tz: str, source_units: str) -> Activities:
    """Activities from the text of a Garmin Activities.csv; distances in ``source_units``."""
    frame, lines, problems = read_export_table(text, shown)
    if frame is None:
        return no_activities("Garmin", problems)
    col = partial(column, frame)
    decimal_comma = bool(
        pd.concat([col("Distance"), col("Aerobic TE")]).str.strip().str.match(_DECIMAL_COMMA).any()
    )
    start = parse_garmin_dates(col("Date"))
    types = col("Activity Type").str.strip()
    distance = parse_numbers(col("Distance"), decimal_comma) * METRES_PER[source_units]
    minutes = pd.Series(float("nan"), index=frame.index)
    for name in ("Time", "Activity Time", "Moving Time", "Elapsed Time"):
        found = parse_durations(col(name))
        minutes = minutes.fillna(found.where(found > 0))
    title = col("Title").str.strip()
    key = start.astype("str") + "|" + types + "|" + title + "|" + col("Distance")
    skip = pd.Series("", index=frame.index, dtype="str")
    skip = skip.where(start.notna(), "date not in Garmin's '2024-01-05 07:12:33' form")
    skip = skip.where(~key.duplicated() | (skip != ""), "listed twice")
    notes = [
        "Garmin dates are local already (the time-zone choice is not used)",
        f"Garmin distances read as {source_units} (the file does not say; choose the unit "
        "Garmin Connect shows you)",
    ]
    if decimal_comma:
        notes.append("numbers use decimal commas (5,48 = 5.48)")
    acts = activities_frame(
        line=lines,
        start=start,
        category=garmin_category(types),
        type=types.where(types != "", "Activity"),
        name=title,
        distance_m=distance,
        minutes=minutes.round(2),
        effort=float("nan"),
        race=False,
        long=False,
        skip=skip,
    )
    return Activities("Garmin", acts, problems, notes)
