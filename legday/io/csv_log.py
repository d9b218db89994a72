"""Daily logs and weekly totals from CSV: the header decides which one a file is."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from legday.io.fast_days import fast_days, fast_week_totals
from legday.io.rows import ProblemSink, build_days, build_week_totals, clip
from legday.io.text import decode_text
from legday.model import DAY_COLUMNS, WEEK_TOTAL_COLUMNS, Problem

LogKind = Literal["days", "weeks"]

#: Headers of activity exports people drop in by mistake; `legday import` converts them.
_EXPORT_MARKERS = {"activity id", "activity type", "activity date", "activity name"}
_DATE_LIKE = re.compile(r"^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_MAX_FIELD = 1_000_000
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class CsvLog:
    """A parsed CSV log: ``frame`` follows DAY_COLUMNS or WEEK_TOTAL_COLUMNS by ``kind``."""

    kind: LogKind
    frame: pd.DataFrame | None  # None when the file has errors
    problems: list[Problem]


def read_csv_log(data: bytes, path: str, units: str, today: dt.date | None) -> CsvLog:
    text, problems = decode_text(data, path)
    if text is None:
        return CsvLog("days", None, problems)
    sink = ProblemSink(path)
    sink.problems.extend(problems)
    header_line = text.split("\n", 1)[0]
    delimiter = _sniff_delimiter(header_line, sink)
    header = [name.strip().lower() for name in _split_header(header_line, delimiter)]
    kind = _check_header(header, header_line, sink)
    if kind is None:  # not a log at all: row checks would only add noise
        return CsvLog("days", None, sink.finish())
    known = DAY_COLUMNS if kind == "days" else WEEK_TOTAL_COLUMNS
    balanced_quotes = data.count(b'"') % 2 == 0  # pyarrow forgives an unclosed quote; csv does not
    if delimiter == "," and not sink.problems and _pyarrow_safe(data) and balanced_quotes:
        fast = fast_days if kind == "days" else fast_week_totals
        frame = fast(data.removeprefix(_UTF8_BOM), header, units, today)
        if frame is not None:
            return CsvLog(kind, frame, sink.finish())
    raw, lines = _read_rows(data, text, header, delimiter, sink)
    if raw is None:
        return CsvLog(kind, None, sink.finish())
    raw = raw.loc[:, raw.columns.isin(list(known)) & ~raw.columns.duplicated()]
    if raw.empty:
        sink.add(2, "warning", "the file has a header but no rows")
    decimal_comma = delimiter == ";"
    build = build_days if kind == "days" else build_week_totals
    frame = build(raw, lines, sink, units, today, decimal_comma)
    return CsvLog(kind, None if sink.has_errors else frame, sink.finish())


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


def _split_header(header_line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([header_line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return header_line.split(delimiter)


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
    if "date" in header and "week_of" in header:
        sink.add(1, "error", "header has both 'date' and 'week_of'; a log is daily or weekly")
        return None
    kind: LogKind = "weeks" if "week_of" in header else "days"
    known = list(DAY_COLUMNS if kind == "days" else WEEK_TOTAL_COLUMNS)
    required = "date" if kind == "days" else "week_of"
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
    if required not in header:
        close = difflib.get_close_matches(required, unknown, n=1, cutoff=0.5)
        hint = f"; is '{close[0]}' meant to be it?" if close else ""
        sink.add(1, "error", f"missing required column '{required}'{hint}")
        return None
    return kind


def _read_rows(
    data: bytes, text: str, header: list[str], delimiter: str, sink: ProblemSink
) -> tuple[pd.DataFrame | None, np.ndarray]:
    """All cells as text with each row's line number.

    Plain files (no quotes, no blank lines) go through pyarrow, where row i is line
    i + 2; anything else goes through the csv module, which tracks lines exactly.
    """
    body = text.rstrip("\n")
    if '"' not in body and "\n\n" not in body and _pyarrow_safe(data):
        try:
            frame = pd.read_csv(
                io.BytesIO(data),
                engine="pyarrow",
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                header=0,
                names=header,
            )
        except Exception:  # ragged rows and other oddities: the exact path says where
            frame = None
        if frame is not None and len(frame) == body.count("\n"):
            return frame, np.arange(2, len(frame) + 2)
    return _read_rows_exactly(body, header, delimiter, sink)


def _pyarrow_safe(data: bytes) -> bool:
    # pyarrow reads raw bytes: only plain UTF-8 (BOM handled) with \n line ends
    return b"\r" not in data and not data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _read_rows_exactly(
    body: str, header: list[str], delimiter: str, sink: ProblemSink
) -> tuple[pd.DataFrame | None, np.ndarray]:
    width = len(header)
    rows: list[list[str]] = []
    lines: list[int] = []
    csv.field_size_limit(_MAX_FIELD)
    reader = csv.reader(io.StringIO(body), delimiter=delimiter, strict=True)
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if line == 1 or not any(cell.strip() for cell in row):
                continue
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                sink.add(
                    line,
                    "error",
                    f"row has {len(row)} fields but the header has {width}",
                    "too many fields",
                )
                continue
            rows.append((row + [""] * width)[:width])
            lines.append(line)
    except csv.Error as exc:
        if "field larger" in str(exc):
            sink.add(
                start, "error", f"a cell holds over {_MAX_FIELD:,} characters; a damaged file?"
            )
        else:
            sink.add(start, "error", f"cannot read this CSV row: {exc}")
        return None, np.array([], dtype=int)
    frame = pd.DataFrame(rows, columns=header, dtype=str) if rows else None
    if frame is None:
        frame = pd.DataFrame({name: pd.Series(dtype=str) for name in header})
    return frame, np.asarray(lines, dtype=int)
