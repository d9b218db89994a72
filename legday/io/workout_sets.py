"""What the Hevy and Strong readers share: raw sets and their cell readers.

A reader (``legday.io.hevy``, ``legday.io.strong``) turns an export's text into *raw
sets*: one row per set, cells still as written, with the line each came from;
``legday.io.workouts`` checks them with the sets log's own spec and lays them out.
This module imports nothing from either side.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from legday.model import Problem

#: A reader's raw sets: column -> dtype.
RAW_COLUMNS: dict[str, str] = {
    "line": "int64",  # the row's line in the export
    "start": "datetime64[ns]",  # the workout's start, the phone's clock; NaT when unreadable
    "time_text": "str",  # the start as written (for messages)
    "workout": "str",  # the workout's title
    "exercise": "str",
    "order": "float64",  # the set's place in its exercise, as the export counts it
    "type": "str",  # normal, warmup, failure, drop; "" when the row is not a set
    "type_text": "str",  # the type as written (for the summary)
    "reps": "str",
    "weight": "str",
    "unit": "str",  # kg or lb; "" when the export does not say
    "rpe": "str",
}


@dataclass(frozen=True)
class RawSets:
    """A reader's output: raw sets plus what it had to say about the file."""

    source: str  # "Hevy" | "Strong"
    frame: pd.DataFrame  # RAW_COLUMNS
    problems: list[Problem] = field(default_factory=list)
    time_shape: str = ""  # how the export writes a start time, for messages
    notes: list[str] = field(default_factory=list)


def no_sets(source: str, problems: list[Problem]) -> RawSets:
    """A reader's answer for a file it could not read as a table of sets."""
    empty = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in RAW_COLUMNS.items()})
    return RawSets(source, empty, problems)


def parse_times(cells: pd.Series, formats: Sequence[str]) -> pd.Series:
    """Naive local times from the first of ``formats`` each cell matches (NaT for none).

    A narrow or plain no-break space (newer phones put one before AM/PM) reads as a space.
    """
    text = cells.fillna("").str.replace("\u202f", " ").str.replace("\xa0", " ").str.strip()
    found = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")
    for shape in formats:
        todo = found.isna() & (text != "")
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=shape, errors="coerce")
        found[todo] = parsed.astype("datetime64[ns]")
    return found


def missing_columns(
    frame: pd.DataFrame,
    required: Sequence[tuple[str, ...]],
    shown: str,
    source: str,
    known: Sequence[str] = (),
) -> Problem | None:
    """One error naming every required column the header lacks (a column renamed says
    what it may have become among the ones the export should not have), or None."""
    have = [name for name in frame.columns if name not in known]
    missing = [names for names in required if not any(n in frame.columns for n in names)]
    if not missing:
        return None
    parts = []
    for names in missing:
        wanted = " or ".join(f"'{name}'" for name in names)
        close = difflib.get_close_matches(names[0], [h for h in have if h], n=1, cutoff=0.5)
        parts.append(wanted + (f" (is '{close[0]}' meant to be it?)" if close else ""))
    return Problem(
        shown,
        1,
        "error",
        f"this {source} export lacks the column{'s' if len(parts) > 1 else ''} "
        f"{', '.join(parts)}: export it again from {source}, unedited",
    )


def near_midnight(starts: pd.Series, minutes: int = 60) -> int:
    """Workouts (distinct start times) within ``minutes`` of midnight."""
    unique = pd.Series(starts.dropna().unique())
    if unique.empty:
        return 0
    of_day = unique.dt.hour * 60 + unique.dt.minute
    return int(np.count_nonzero((of_day < minutes) | (of_day >= 24 * 60 - minutes)))
