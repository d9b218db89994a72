"""Strava's bulk export ``activities.csv`` -> activities (``legday.io.activities``).

Quirks handled, all seen in real exports:

- ``Activity Date`` is UTC, written ``Jan 5, 2024, 7:12:33 AM``; it is converted to
  the chosen IANA zone, so a 23:30 UTC run is logged on the next day in Berlin.
- ``Elapsed Time`` and ``Distance`` appear twice (pandas reads the second ones as
  ``Elapsed Time.1`` and ``Distance.1``). The first ``Distance`` is in the account's
  display unit (km or mi) with swims in metres, and is rounded; the second is always
  metres at full precision, so legday reads the second and falls back to the first
  only when it is blank (its unit learned from rows that have both). Durations are
  seconds in both; ``Moving Time`` is preferred (a run's stops at traffic lights are
  not training), then the second ``Elapsed Time``, then the first.
- Many columns are empty or absent depending on the export's age; only
  ``Activity Date`` and ``Activity Type`` are required.
- ``Perceived Exertion`` (1-10) becomes RPE. ``Relative Effort`` is a heart-rate
  score with no upper bound, not an RPE, so it is not used.
- Newer exports carry ``Competition`` and ``Long Run`` flags (Strava's workout
  type); when true they set the run kind and nothing is inferred.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd

from legday.io.activities import (
    Activities,
    activities_frame,
    categorise,
    column,
    no_activities,
    parse_durations,
    parse_numbers,
    read_export_table,
)

#: Strava activity types (as written in the export, any case) that are runs / leg sessions.
RUN_TYPES = {"run", "trail run", "virtual run", "treadmill", "treadmill run"}
STRENGTH_TYPES = {"weight training", "workout", "crossfit"}

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
#: Newer exports put a narrow no-break space (U+202F) before AM/PM: ``\s`` matches it.
_ENGLISH_DATE = (
    r"^(?P<mon>[A-Za-z]{3})[a-z]*\.?\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4}),?\s+"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2}):(?P<second>\d{2})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)$"
)
_ISO_DATE = (
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[ T]"
    r"(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?:Z|[+-]00:?00)?$"
)
_TRUE = {"true", "1", "1.0", "yes"}


def parse_strava_dates(cells: pd.Series) -> pd.Series:
    """UTC timestamps from ``Jan 5, 2024, 7:12:33 AM`` (or ISO ``2024-01-05 07:12:33``);
    NaT for anything else. Month names are matched by hand so the locale never matters."""
    text = cells.fillna("").str.strip()
    english = text.str.extract(_ENGLISH_DATE)
    iso = text.str.extract(_ISO_DATE)
    hour12 = pd.to_numeric(english["hour"], errors="coerce")
    pm = english["ampm"].str.lower().str.startswith("p")
    hour = (hour12 % 12) + np.where(pm, 12, 0)
    hour = hour.where(hour12.between(1, 12))
    parts = pd.DataFrame(
        {
            "year": english["year"].fillna(iso["year"]),
            "month": english["mon"]
            .str.lower()
            .map(_MONTHS)
            .astype("float64")
            .fillna(pd.to_numeric(iso["month"], errors="coerce")),
            "day": english["day"].fillna(iso["day"]),
            "hour": hour.fillna(pd.to_numeric(iso["hour"], errors="coerce")),
            "minute": english["minute"].fillna(iso["minute"]),
            "second": english["second"].fillna(iso["second"]),
        }
    ).apply(pd.to_numeric, errors="coerce")
    complete = parts.notna().all(axis=1) & parts["year"].between(1900, 2200)
    stamps = pd.to_datetime(parts.where(complete).fillna(1), errors="coerce")
    return stamps.where(complete).astype("datetime64[ns]").dt.tz_localize("UTC")


def read_strava(text: str, shown: str, tz: str, source_units: str) -> Activities:
    """Activities from the text of a Strava activities.csv (``source_units`` unused:
    Strava's metres column needs no guess)."""
    frame, lines, problems = read_export_table(text, shown)
    if frame is None:
        return no_activities("Strava", problems)
    notes: list[str] = []
    col = partial(column, frame)
    utc = parse_strava_dates(col("Activity Date"))
    start = utc.dt.tz_convert(tz).dt.tz_localize(None)
    types = col("Activity Type").str.strip()
    category = categorise(types, RUN_TYPES, STRENGTH_TYPES)
    distance = _distance_m(frame, category, notes)
    minutes = _minutes(frame)
    effort = parse_numbers(col("Perceived Exertion"))
    effort = effort.where(effort.between(0, 10))
    ids = col("Activity ID").str.strip()
    skip = pd.Series("", index=frame.index, dtype="str")
    skip = skip.where(start.notna(), "date not in Strava's 'Jan 5, 2024, 7:12:33 AM' form")
    duplicate = (ids != "") & ids.duplicated()
    skip = skip.where(~duplicate | (skip != ""), "repeated Activity ID")
    notes.append(f"Strava times are UTC; dates are local to {tz}")
    acts = activities_frame(
        line=lines,
        start=start,
        category=category,
        type=types.where(types != "", "Activity"),
        name=col("Activity Name"),
        distance_m=distance,
        minutes=minutes,
        effort=effort,
        race=col("Competition").str.strip().str.lower().isin(_TRUE),
        long=col("Long Run").str.strip().str.lower().isin(_TRUE),
        skip=skip,
    )
    return Activities("Strava", acts, problems, notes)


def _distance_m(frame: pd.DataFrame, category: pd.Series, notes: list[str]) -> pd.Series:
    """Metres from the second Distance; the first (account units) only to fill gaps."""
    first = parse_numbers(column(frame, "Distance"))
    metres = parse_numbers(column(frame, "Distance.1"))
    gaps = metres.isna() & first.notna() & (first > 0)
    if not gaps.any():
        return metres
    both = (category == "run") & metres.notna() & (first > 0)
    ratio = (metres[both] / first[both]).median() if both.any() else np.nan
    if np.isfinite(ratio) and abs(ratio - 1609.344) < abs(ratio - 1000.0):
        factor, unit, how = 1609.344, "mi", "as the other rows show"
    else:
        factor, unit = 1000.0, "km"
        how = "as the other rows show" if np.isfinite(ratio) else "assumed: check them"
    notes.append(
        f"{int(gaps.sum())} distances came from the first Distance column, in {unit} ({how})"
    )
    return metres.fillna(first.where(gaps) * factor)


def _minutes(frame: pd.DataFrame) -> pd.Series:
    def minutes(name: str) -> pd.Series:
        values = parse_durations(column(frame, name))
        return values.where(values > 0)

    moving = minutes("Moving Time")
    return moving.fillna(minutes("Elapsed Time.1")).fillna(minutes("Elapsed Time")).round(2)
