"""The fast path for clean daily logs: typed pyarrow parsing plus whole-column checks.

A clean log (the common case: a coach's roster of multi-year logs) is parsed once,
typed, and accepted when every column-wide check passes. Anything unusual (a bad
cell, a future date, odd spacing) returns None, and the caller falls back to the
exact path in ``rows.py``, which finds and words every problem with its line.
Both paths accept the same files and produce the same frame; tests hold them equal.
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from legday.io.rows import MAX_CELL_CHARS, NUMERIC_LIMITS
from legday.model import DAY_COLUMNS, MAX_DAY_DISTANCE, RUN_KINDS, STRENGTH_LEVELS

_TEXT = ("run", "strength", "notes")
_NUMERIC = ("distance", "minutes", "rpe", "strength_minutes", "strength_rpe", "soreness")
_RUN_OK = pa.array(["", *RUN_KINDS])
_STRENGTH_OK = pa.array(["", *STRENGTH_LEVELS])


def fast_days(
    data: bytes, header: list[str], units: str, today: dt.date | None
) -> pd.DataFrame | None:
    """A typed daily frame for a clean comma-separated log, or None to take the exact path."""
    present = [c for c in DAY_COLUMNS if c in header]
    types = {
        c: pa.date32() if c == "date" else pa.string() if c in _TEXT else pa.float64()
        for c in present
    }
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(use_threads=False),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                include_columns=present,
                null_values=[""],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    if table.num_rows == 0:
        return None
    columns: dict[str, object] = {}
    dates = table.column("date")
    if dates.null_count:
        return None
    day_numbers = dates.cast(pa.int32()).to_numpy()
    if today is not None and day_numbers.max() > (today - dt.date(1970, 1, 1)).days:
        return None  # future dates get a warning with their line: the exact path words it
    columns["date"] = day_numbers.astype("datetime64[D]").astype("datetime64[ns]")
    limit = MAX_DAY_DISTANCE[units]
    for name in _NUMERIC:
        if name not in present:
            columns[name] = np.full(table.num_rows, np.nan)
            continue
        values = table.column(name).to_numpy(zero_copy_only=False)
        # "nan" and "inf" parse as floats in pyarrow but are refused by legday
        if (
            np.isinf(values).any()
            or np.count_nonzero(np.isnan(values)) != table.column(name).null_count
        ):
            return None
        low, high = (0.0, limit) if name == "distance" else NUMERIC_LIMITS[name][:2]
        if values.size and (
            np.nanmin(values, initial=low) < low or np.nanmax(values, initial=low) > high
        ):
            return None
        columns[name] = values
    for name, allowed, blank in (("run", _RUN_OK, "rest"), ("strength", _STRENGTH_OK, "none")):
        if name not in present:
            columns[name] = np.full(table.num_rows, blank, dtype=object)
            continue
        text = pc.utf8_lower(table.column(name))
        if not pc.all(pc.is_in(text, value_set=allowed)).as_py():
            return None
        columns[name] = pc.if_else(pc.equal(text, ""), blank, text)
    if "notes" in present:
        notes = table.column("notes")
        if (pc.max(pc.utf8_length(notes)).as_py() or 0) > MAX_CELL_CHARS:
            return None
        columns["notes"] = pc.utf8_trim_whitespace(notes)
    else:
        columns["notes"] = np.full(table.num_rows, "", dtype=object)
    frame = pd.DataFrame({c: _as_series(columns[c], DAY_COLUMNS[c]) for c in DAY_COLUMNS})
    if _double_days_too_long(frame, limit):
        return None
    if np.all(day_numbers[1:] >= day_numbers[:-1]):
        return frame
    order = np.argsort(day_numbers, kind="stable")
    return frame.iloc[order].reset_index(drop=True)


def _as_series(values: object, dtype: str) -> pd.Series:
    """Each column built once in its final dtype: a frame-wide astype costs more than the read."""
    if isinstance(values, pa.ChunkedArray):
        return values.to_pandas()
    return pd.Series(values, dtype=dtype)


def _double_days_too_long(frame: pd.DataFrame, limit: float) -> bool:
    dates = frame["date"].to_numpy()
    if len(np.unique(dates)) == len(dates):
        return False
    return bool((frame.groupby("date")["distance"].sum() > limit).any())
