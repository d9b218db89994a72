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
#: Arrow text columns become pandas' default "str" dtype (DAY_COLUMNS).
_STR = {
    pa.string(): pd.StringDtype(na_value=np.nan),
    pa.large_string(): pd.StringDtype(na_value=np.nan),
}


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
    rows = table.num_rows
    columns: dict[str, pa.Array | pa.ChunkedArray] = {}
    dates = table.column("date")
    if dates.null_count:
        return None
    day_numbers = dates.cast(pa.int32()).to_numpy()
    if today is not None and day_numbers.max() > (today - dt.date(1970, 1, 1)).days:
        return None  # future dates get a warning with their line: the exact path words it
    columns["date"] = dates.cast(pa.timestamp("ns"))
    limit = MAX_DAY_DISTANCE[units]
    distance = None
    for name in _NUMERIC:
        if name not in present:
            columns[name] = pa.nulls(rows, pa.float64())
            continue
        column = table.column(name)
        values = column.to_numpy(zero_copy_only=False)
        # "nan" and "inf" parse as floats in pyarrow but are refused by legday
        if np.isinf(values).any() or np.count_nonzero(np.isnan(values)) != column.null_count:
            return None
        low, high = (0.0, limit) if name == "distance" else NUMERIC_LIMITS[name][:2]
        if np.nanmin(values, initial=low) < low or np.nanmax(values, initial=low) > high:
            return None
        columns[name] = column
        if name == "distance":
            distance = values
    for name, allowed, blank in (("run", _RUN_OK, "rest"), ("strength", _STRENGTH_OK, "none")):
        if name not in present:
            columns[name] = pa.array(np.full(rows, blank, dtype=object), pa.string())
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
        columns["notes"] = pa.array(np.full(rows, "", dtype=object), pa.string())
    in_order = bool(np.all(day_numbers[1:] >= day_numbers[:-1]))
    order = None if in_order else np.argsort(day_numbers, kind="stable")
    if distance is not None and _double_days_too_long(day_numbers, distance, order, limit):
        return None
    frame = pa.table([columns[c] for c in DAY_COLUMNS], names=list(DAY_COLUMNS))
    if order is not None:
        frame = frame.take(order)
    # one conversion for the whole frame, each column already in its final dtype
    return frame.to_pandas(types_mapper=_STR.get)


def _double_days_too_long(
    day_numbers: np.ndarray, distance: np.ndarray, order: np.ndarray | None, limit: float
) -> bool:
    """True when a date's rows add up to near or over the limit: the exact path decides.

    Near the limit (within 1e-6) counts too, so that summing in a different order
    from the exact path's groupby never lets through a total it would refuse.
    """
    if order is not None:
        day_numbers, distance = day_numbers[order], distance[order]
    starts = np.flatnonzero(np.diff(day_numbers))
    if starts.size == day_numbers.size - 1:
        return False  # one row per date
    totals = np.add.reduceat(np.nan_to_num(distance), np.concatenate(([0], starts + 1)))
    return bool((totals > limit - 1e-6).any())
