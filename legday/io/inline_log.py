"""A profile's log written inline: ``days:`` (one mapping per row) or ``weeks:``, and
its sets: ``sets:`` (one mapping per set).

The rows become text cells, as a CSV's would be, and go through the same column
spec and checks as a CSV log (``legday.io.checks``); only the lines differ: each
row's line is looked up in the YAML node tree, and only for rows with a message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pyarrow as pa

from legday.io.checks import check_table
from legday.io.columns import DAY_LOG, WEEK_KEYS
from legday.io.problems import ProblemSink
from legday.io.set_checks import SET_LOG, finish_sets
from legday.io.yaml_text import Lines, RowLines, check_keys
from legday.model import DAY_COLUMNS, SET_COLUMNS, WEEKDAYS

_DAY_FIELDS = tuple(DAY_COLUMNS)
_SET_FIELDS = tuple(SET_COLUMNS)
_WEEKDAY_FIELDS = tuple(c for c in DAY_COLUMNS if c != "date")

Row = dict[str, str]
Path = tuple[str | int, ...]


def read_days(
    items: Any, units: str, lines: Lines, sink: ProblemSink, today: dt.date | None
) -> pd.DataFrame | None:
    """``days:`` -> the daily frame (None when a row has an error)."""
    if isinstance(items, list) and items and all(_is_weekday(item) for item in items):
        sink.add(
            lines.of("days"),
            "error",
            "days: is the log (a list of day rows); to name the days leg sessions may go, "
            "write strength: {days: [mon, thu]}",
        )
        return None
    entries = _mappings(
        items, "days", "day rows ({date, run, ...})", "{date, run, ...}", lines, sink
    )
    if entries is None:
        return None
    rows: list[Row] = []
    for i, item in entries:
        check_keys(item, _DAY_FIELDS, lines, ("days", i), sink, "day")
        rows.append(_cells(item, _DAY_FIELDS, lines, ("days", i), sink))
    paths: list[Path] = [("days", i) for i, _ in entries]
    return _checked_days(rows, paths, units, lines, sink, today)


def read_weeks(
    items: Any, units: str, lines: Lines, sink: ProblemSink, today: dt.date | None
) -> pd.DataFrame | None:
    """``weeks:`` -> the daily frame: each week is keyed by its Monday, days by weekday."""
    example = "{week_of, mon, ...}"
    entries = _mappings(items, "weeks", "{week_of, mon, ..., sun}", example, lines, sink)
    if entries is None:
        return None
    weeks: list[tuple[int, dict]] = []
    for i, week in entries:
        check_keys(week, ("week_of", *WEEKDAYS), lines, ("weeks", i), sink, "week")
        if week.get("week_of") is None:
            sink.add(lines.of("weeks", i), "error", "week has no week_of (its Monday)")
        else:
            weeks.append((i, week))
    mondays = _mondays(weeks, lines, sink)
    rows: list[Row] = []
    paths: list[Path] = []
    for (i, week), monday in zip(weeks, mondays, strict=True):
        if monday is None:
            continue  # its week_of is wrong: the message says so, the days would only add noise
        for offset, day in enumerate(WEEKDAYS):
            row = _weekday_row(week.get(day), lines, ("weeks", i, day), sink)
            if row is not None:
                row["date"] = (monday + dt.timedelta(days=offset)).isoformat()
                rows.append(row)
                paths.append(("weeks", i, day))
    return _checked_days(rows, paths, units, lines, sink, today)


def read_sets(
    items: Any, weight_unit: str, lines: Lines, sink: ProblemSink, today: dt.date | None
) -> pd.DataFrame | None:
    """``sets:`` -> the sets frame (None when a set has an error)."""
    example = "{date, exercise, set, reps, weight, rir}"
    entries = _mappings(items, "sets", f"sets ({example})", example, lines, sink)
    if entries is None:
        return None
    rows: list[Row] = []
    for i, item in entries:
        check_keys(item, _SET_FIELDS, lines, ("sets", i), sink, "set")
        rows.append(_cells(item, _SET_FIELDS, lines, ("sets", i), sink))
    present = {key for row in rows for key in row}
    cells = {
        name: pa.array([row.get(name) or None for row in rows], pa.string())
        for name in SET_COLUMNS
        if name in present
    }
    row_lines = RowLines(lines, [("sets", i) for i, _ in entries])
    checked = check_table(cells, len(rows), row_lines, SET_LOG, sink, weight_unit, today)
    return None if checked.frame is None else finish_sets(checked.frame)


def _is_weekday(item: Any) -> bool:
    return isinstance(item, str) and item.strip().lower() in WEEKDAYS


def _mappings(
    items: Any, key: str, listed: str, entry: str, lines: Lines, sink: ProblemSink
) -> list[tuple[int, dict]] | None:
    """The entries of a ``days:`` or ``weeks:`` list that are mappings, by position;
    an error for the list that is not one, and for each entry that is not a mapping."""
    if not isinstance(items, list):
        sink.add(lines.of(key), "error", f"{key}: must be a list of {listed}")
        return None
    entries = []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            entries.append((i, item))
        else:
            sink.add(lines.of(key, i), "error", f"each entry of {key}: must be a mapping {entry}")
    return entries


def _mondays(
    weeks: list[tuple[int, dict]], lines: Lines, sink: ProblemSink
) -> list[dt.date | None]:
    """Each week's Monday, checked like a weekly log's week_of (None where it is wrong)."""
    if not weeks:
        return []
    texts = [_cell(week["week_of"])[0] or None for _, week in weeks]
    cells = {"week_of": pa.array(texts, pa.string())}
    row_lines = RowLines(lines, [("weeks", i, "week_of") for i, _ in weeks])
    checked = check_table(cells, len(weeks), row_lines, WEEK_KEYS, sink, "mi", None)
    return [
        None if bad else dt.date.fromisoformat(cells["week_of"][pos].as_py().strip())
        for pos, bad in enumerate(checked.bad_rows)
    ]


def _weekday_row(value: Any, lines: Lines, where: Path, sink: ProblemSink) -> Row | None:
    """A weekday's entry: a run kind (``tue: easy``) or a mapping of the CSV fields."""
    if value is None:
        return None
    if isinstance(value, dict):
        check_keys(value, _WEEKDAY_FIELDS, lines, where, sink, "day")
        return _cells(value, _WEEKDAY_FIELDS, lines, where, sink)
    if isinstance(value, list):
        sink.add(
            lines.of(*where), "error", f"{where[-1]}: must be a run kind or a mapping, not a list"
        )
        return None
    return {"run": _cell(value)[0]}


def _cells(
    item: dict, fields: tuple[str, ...], lines: Lines, where: Path, sink: ProblemSink
) -> Row:
    row = {}
    for key in fields:
        if key in item:
            text, scalar = _cell(item[key])
            if not scalar:
                message = f"{key}: must be a single value, not a list"
                sink.add(lines.of(*where, key), "error", message)
            row[key] = text
    return row


def _cell(value: Any) -> tuple[str, bool]:
    """A YAML scalar as the text a CSV cell would hold; False when it is not a scalar."""
    if value is None:
        return "", True
    if isinstance(value, (dict, list)):
        return "", False
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), True
    if isinstance(value, dt.date):
        return value.isoformat(), True
    return str(value), True


def _checked_days(
    rows: list[Row],
    paths: list[Path],
    units: str,
    lines: Lines,
    sink: ProblemSink,
    today: dt.date | None,
) -> pd.DataFrame | None:
    present = {key for row in rows for key in row}
    cells = {
        name: pa.array([row.get(name) or None for row in rows], pa.string())
        for name in DAY_COLUMNS
        if name in present
    }
    checked = check_table(cells, len(rows), RowLines(lines, paths), DAY_LOG, sink, units, today)
    return checked.frame
