"""Daily logs, weekly totals and sets logs from CSV: the header decides which one a file is."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from legday.io.checks import check_table
from legday.io.columns import DAY_LOG, WEEK_LOG
from legday.io.csv_text import CsvTable, read_table
from legday.io.problems import ProblemSink, clip
from legday.io.set_checks import SET_LOG, finish_sets
from legday.io.text import decode_text
from legday.model import DAY_COLUMNS, SET_COLUMNS, WEEK_TOTAL_COLUMNS, Problem

LogKind = Literal["days", "weeks", "sets"]

#: Headers of activity exports people drop in by mistake; `legday import` converts them.
_EXPORT_MARKERS = {"activity id", "activity type", "activity date", "activity name"}
#: Headers of Hevy and Strong workout exports; `legday import --into` merges them.
_SETS_EXPORT_MARKERS = {"exercise_title", "set_index", "exercise name", "set order"}
_SPECS = {"days": DAY_LOG, "weeks": WEEK_LOG, "sets": SET_LOG}
_KNOWN = {"days": DAY_COLUMNS, "weeks": WEEK_TOTAL_COLUMNS, "sets": SET_COLUMNS}
_REQUIRED = {"days": ("date",), "weeks": ("week_of",), "sets": ("date", "exercise")}
_DATE_LIKE = re.compile(r"^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


@dataclass(frozen=True)
class CsvLog:
    """A parsed CSV log: ``frame`` follows DAY_COLUMNS, WEEK_TOTAL_COLUMNS or SET_COLUMNS
    by ``kind``."""

    kind: LogKind
    frame: pd.DataFrame | None  # None when the file has errors
    problems: list[Problem]


def read_csv_log(
    data: bytes, path: str, units: str, today: dt.date | None, weight_unit: str = "kg"
) -> CsvLog:
    """A daily log, weekly totals or a sets log, checked: every problem with its line, all
    at once. ``units`` are distances', ``weight_unit`` a sets log's weights'."""
    text, problems = decode_text(data, path)
    if text is None:
        return CsvLog("days", None, problems)
    sink = ProblemSink(path)
    sink.extend(problems)
    header_line = text.split("\n", 1)[0]
    delimiter = _sniff_delimiter(header_line, sink)
    table = read_table(text, delimiter)
    if table.error is not None:
        sink.add(table.open_quote_line or 1, "error", f"cannot read this CSV: {table.error}")
        return CsvLog("days", None, sink.finish())
    header = [name.strip().lower() for name in table.header]
    kind = _check_header(header, header_line, sink)
    if kind is None:  # not a log at all: row checks would only add noise
        return CsvLog("days", None, sink.finish())
    if table.open_quote_line is not None:
        sink.add(
            table.open_quote_line,
            "error",
            'cannot read this CSV row: the quote (") that opens on this line never closes',
        )
        return CsvLog(kind, None, sink.finish())
    spec = _SPECS[kind]
    if not table.rows:
        sink.add(2, "warning", "the file has a header but no rows")
    keep = _rows_that_fit(table, sink)
    cells = {}
    for name, column in zip(header, table.columns, strict=True):
        if name in spec.dtypes and name not in cells:  # a repeated column: the first one
            cells[name] = column if keep is None else column.take(keep)
    rows = table.rows if keep is None else len(keep)
    lines = _Lines(table, keep)
    measure = weight_unit if kind == "sets" else units
    checked = check_table(cells, rows, lines, spec, sink, measure, today, delimiter == ";")
    frame = None if sink.has_errors else checked.frame
    if kind == "sets" and frame is not None:
        frame = finish_sets(frame)
    return CsvLog(kind, frame, sink.finish())


class _Lines:
    """The line of each checked row, looked up in the table only for rows with a message."""

    def __init__(self, table: CsvTable, keep: np.ndarray | None) -> None:
        self.table = table
        self.keep = keep

    def __getitem__(self, position: int) -> int:
        row = position if self.keep is None else self.keep[position]
        return int(self.table.lines()[row])


def _rows_that_fit(table: CsvTable, sink: ProblemSink) -> np.ndarray | None:
    """Rows to check: all (None), or all but those with text past the header's width.

    A short row is padded with blank cells and a long one's empty extra cells are
    dropped (a spreadsheet's trailing commas); text beyond the header is an error.
    """
    too_long = [row for row in table.odd_rows if row.extra_text]
    if not too_long:
        return None
    width = len(table.header)
    for row in too_long:
        sink.add(
            int(table.lines()[row.position]),
            "error",
            f"row has {row.fields} fields but the header has {width}",
            "too many fields",
        )
    keep = np.ones(table.rows, dtype=bool)
    keep[[row.position for row in too_long]] = False
    return np.flatnonzero(keep)


def _sniff_delimiter(header_line: str, sink: ProblemSink) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])
    if counts[delimiter] == 0 or delimiter == ",":
        return ","
    name = "semicolons" if delimiter == ";" else "tabs"
    note = " and decimal commas (5,2 = 5.2)" if delimiter == ";" else ""
    sink.add(
        1,
        "warning",
        f"columns are separated by {name} (a spreadsheet export); read them as such{note}",
    )
    return delimiter


def _is_sets(header: list[str]) -> bool:
    """A sets log names its exercises, or has reps and weights without runs."""
    return "exercise" in header or ("run" not in header and bool({"reps", "weight"} & set(header)))


def _check_header(header: list[str], header_line: str, sink: ProblemSink) -> LogKind | None:
    """Decide daily vs weekly and report every header problem at once.

    None means the rows cannot be read at all; other header errors still let the
    rows be checked, so one run shows everything that is wrong.
    """
    if _DATE_LIKE.match(header_line):
        sink.add(
            1,
            "error",
            "the first line looks like data, not a header; add a header line such as "
            "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes",
        )
        return None
    if _EXPORT_MARKERS & set(header):
        sink.add(
            1,
            "error",
            "this is an activity export (Strava or Garmin), not a legday log; convert it with "
            "`python -m legday import FILE`",
        )
        return None
    if _SETS_EXPORT_MARKERS & set(header):
        sink.add(
            1,
            "error",
            "this is a workout export (Hevy or Strong), not a legday log; merge it into an "
            "athlete with `python -m legday import FILE --into PROFILE`",
        )
        return None
    if "date" in header and "week_of" in header:
        sink.add(1, "error", "header has both 'date' and 'week_of'; a log is daily or weekly")
        return None
    kind: LogKind = "weeks" if "week_of" in header else "sets" if _is_sets(header) else "days"
    known = list(_KNOWN[kind])
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            sink.add(1, "error", f"column '{name}' appears twice in the header")
        seen.add(name)
    unknown = [n for n in header if n not in known]
    missing = [n for n in known if n not in header]
    for name in unknown:
        if not name:
            continue
        close = difflib.get_close_matches(name, missing, n=1, cutoff=0.7)
        if close:
            sink.add(1, "error", f"unknown column '{clip(name)}': did you mean '{close[0]}'?")
        else:
            sink.add(
                1,
                "warning",
                f"unknown column '{clip(name)}' is ignored (legday reads: {', '.join(known)})",
                "unknown column",
            )
    missing_required = [name for name in _REQUIRED[kind] if name not in header]
    for required in missing_required:
        close = difflib.get_close_matches(required, unknown, n=1, cutoff=0.5)
        hint = f"; is '{close[0]}' meant to be it?" if close else ""
        sink.add(1, "error", f"missing required column '{required}'{hint}")
    return None if missing_required else kind
