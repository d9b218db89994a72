"""What the Strava and Garmin readers share: the activities table and its cell readers.

A reader (``legday.io.strava``, ``legday.io.garmin``) turns an export's text into
*activities* (one row per activity, ``ACTIVITY_COLUMNS``); ``legday.io.imports``
turns activities into day rows. This module imports nothing from either side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from legday.io.checks import read_numbers
from legday.io.csv_text import read_table
from legday.model import Problem

METRES_PER: dict[str, float] = {"mi": 1609.344, "km": 1000.0}

#: What a reader hands over: one row per activity.
ACTIVITY_COLUMNS: dict[str, str] = {
    "line": "int64",  # line in the source file (for messages)
    "start": "datetime64[ns]",  # local start time, naive
    "category": "str",  # run | strength | cross
    "type": "str",  # the export's activity type, as written
    "name": "str",
    "distance_m": "float64",  # NaN when unknown
    "minutes": "float64",
    "effort": "float64",  # RPE 0-10 when the export has one
    "race": "bool",  # the export itself marks it a race (Strava "Competition")
    "long": "bool",  # the export itself marks it a long run (Strava "Long Run")
    "skip": "str",  # "" to keep, else the reason it is skipped
}
_STR = pd.StringDtype(na_value=np.nan)


@dataclass(frozen=True)
class Activities:
    """A reader's output: activities plus what it had to say about the file."""

    source: str  # "Strava" | "Garmin"
    frame: pd.DataFrame  # ACTIVITY_COLUMNS
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said once in the summary


def activities_frame(**columns) -> pd.DataFrame:
    """Assemble a reader's activities with the documented dtypes."""
    frame = pd.DataFrame(columns)
    return frame[list(ACTIVITY_COLUMNS)].astype(ACTIVITY_COLUMNS)


def no_activities(source: str, problems: list[Problem]) -> Activities:
    """A reader's answer for a file it could not read as a table."""
    empty = activities_frame(**{name: [] for name in ACTIVITY_COLUMNS})
    return Activities(source, empty, problems)


def read_export_table(
    text: str, shown: str, delimiter: str = ","
) -> tuple[pd.DataFrame | None, np.ndarray, list[Problem]]:
    """All cells as text ("" when empty), repeated names as ``Distance``, ``Distance.1``,
    and each row's line. A last row cut short (a truncated download) is dropped with a
    warning; a row with more fields than the header makes the file unreadable."""
    table = read_table(text, delimiter)
    if table.error is not None:
        return None, np.empty(0, np.int64), [_unreadable(shown, table.error)]
    width = len(table.header)
    keep = np.ones(table.rows, dtype=bool)
    problems: list[Problem] = []
    last = table.rows - 1
    short_last = any(r.position == last and r.fields < width for r in table.odd_rows)
    cut = table.open_quote_line is not None or (short_last and not text.endswith("\n"))
    if cut and table.rows:
        keep[last] = False
        problems.append(
            Problem(
                shown,
                int(table.lines()[last]),
                "warning",
                "the file ends in the middle of a row (download cut short?); "
                "that last row was skipped",
            )
        )
    for row in table.odd_rows:
        if row.extra_text and keep[row.position]:
            line = int(table.lines()[row.position])
            reason = f"line {line} has {row.fields} fields, the header {width}"
            return None, np.empty(0, np.int64), [*problems, _unreadable(shown, reason)]
    rows = np.flatnonzero(keep)
    columns = {
        name: pc.fill_null(column, "").take(rows).to_pandas(types_mapper={pa.string(): _STR}.get)
        for name, column in zip(_unique_names(table.header), table.columns, strict=True)
    }
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
    return frame, table.lines()[rows].astype(np.int64), problems


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """The export's column ``name`` as text, or blanks when this export has none."""
    if name in frame.columns:
        return frame[name]
    return pd.Series("", index=frame.index, dtype="str")


def _unreadable(shown: str, reason: str) -> Problem:
    return Problem(shown, None, "error", f"cannot read as CSV: {reason[:160]}")


def _unique_names(names: list[str]) -> list[str]:
    """Stripped names, a repeat getting ``.1``, ``.2`` as pandas does for exact repeats."""
    unique: list[str] = []
    for column in names:
        name = base = str(column).strip()
        n = 0
        while name in unique:
            n += 1
            name = f"{base}.{n}"
        unique.append(name)
    return unique


def parse_numbers(cells: pd.Series, decimal_comma: bool = False) -> pd.Series:
    """'1,234.5' -> 1234.5 ('1.234,5' with decimal commas); '--' and blanks -> NaN.

    Past the separators, a number is what a log's number is (``checks.read_numbers``).
    """
    text = cells.fillna("").str.strip().str.strip('"')
    if decimal_comma:
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    text = text.where(~text.isin(["", "--", "-"]))
    values, _, _, _ = read_numbers(pa.array(text, pa.string(), from_pandas=True))
    return pd.Series(values.to_numpy(zero_copy_only=False), index=cells.index, dtype="float64")


def parse_durations(cells: pd.Series) -> pd.Series:
    """Minutes from '01:02:03', '1:02:03.4', '31:40' (m:s) or plain seconds ('3723')."""
    text = cells.fillna("").str.strip()
    parts = text.str.extract(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")
    clock = (
        pd.to_numeric(parts[0], errors="coerce").fillna(0) * 60
        + pd.to_numeric(parts[1], errors="coerce")
        + pd.to_numeric(parts[2], errors="coerce") / 60
    )
    seconds = parse_numbers(text.where(parts[1].isna(), "")) / 60
    return clock.where(parts[1].notna(), seconds).astype("float64")


def categorise(types: pd.Series, runs: set[str], strength: set[str]) -> pd.Series:
    """run / strength / cross from an export's activity type (case-insensitive)."""
    key = types.fillna("").str.strip().str.lower()
    out = pd.Series("cross", index=types.index, dtype="str")
    out = out.where(~key.isin(strength), "strength")
    return out.where(~key.isin(runs), "run")
