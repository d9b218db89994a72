"""Text cells -> a typed frame, every check a vectorised mask, every message from a mask.

A log format is a ``LogSpec``: one ``Column`` per field (its kind, bounds, blank value
and why a value is impossible) plus the rules that span rows (a double day's total,
Monday weeks, a week listed twice, a long run within its week). ``check_table`` runs
the same code on every source of rows (a CSV file, a profile's ``days:`` or
``weeks:``), clean or not: each check returns a mask of the rows it refuses, and
only the masked rows are visited to write their messages (file, line, what is
wrong), every problem of the file at once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from legday.io.problems import ProblemSink, RowLines, clip, suggest
from legday.model import MAX_DAY_DISTANCE, Severity, weekday_of

#: Longest cell accepted (a notes field, say); longer is a damaged file, not a note.
MAX_CELL_CHARS = 5000
#: What a number looks like (ASCII digits; ``nan`` and ``inf`` are not numbers here).
NUMBER = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: Days since 1970 that pandas' datetime64[ns] can hold (1677-09-22 .. 2262-04-11).
_DAY_RANGE = (-106_751, 106_751)
#: A row's day number when its date is blank or wrong.
NO_DAY = np.iinfo(np.int64).min
#: pandas' default "str" dtype (model.DAY_COLUMNS), built from Arrow text as it is.
_STR = pd.StringDtype(na_value=np.nan)


@dataclass(frozen=True)
class Column:
    """One field of a log: how its text becomes a value, and which values are possible."""

    name: str
    kind: Literal["date", "number", "choice", "text"]
    high: float | None = None  # numbers: the largest possible value (the low is 0)
    high_days: int = 0  # numbers: or this many days' MAX_DAY_DISTANCE in the athlete's units
    reason: str = ""  # why more than ``high`` is impossible ({high:g} and {units} filled in)
    blank: str = ""  # choices: what a blank cell means
    choices: tuple[str, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)  # suggested, never applied
    required: bool = False  # dates: a blank cell is an error
    high_by_unit: Mapping[str, float] | None = None  # numbers: the largest value per unit
    hint: str = ""  # numbers: added to "is not a number" ({units} filled in)

    def bound(self, units: str) -> float | None:
        if self.high_by_unit is not None:
            return self.high_by_unit.get(units)
        return self.high_days * MAX_DAY_DISTANCE[units] if self.high_days else self.high


@dataclass(frozen=True)
class Finding:
    """Rows that break one check, and how to word the message for one of them."""

    mask: np.ndarray
    severity: Severity
    group: str  # the summary line's words when the file has many
    word: Callable[[int], str]


@dataclass(frozen=True)
class Rows:
    """Typed values of a checked table, by column name (days since 1970 for dates)."""

    values: dict[str, pa.Array]
    days: np.ndarray  # the spec's key date, as days since 1970 (NO_DAY where not a date)
    units: str
    lines: RowLines

    def numbers(self, name: str) -> np.ndarray:
        return self.values[name].to_numpy(zero_copy_only=False)


Rule = Callable[[Rows], list[Finding]]


@dataclass(frozen=True)
class LogSpec:
    """A log format: its columns, its key date, the frame's dtypes and the row rules."""

    columns: tuple[Column, ...]
    key: str
    dtypes: Mapping[str, str]
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Checked:
    """What ``check_table`` found: a typed frame (None when a row has an error)."""

    frame: pd.DataFrame | None
    bad_rows: np.ndarray  # rows with an error


def check_table(
    cells: Mapping[str, pa.Array],
    rows: int,
    lines: RowLines,
    spec: LogSpec,
    sink: ProblemSink,
    units: str,
    today: dt.date | None,
    decimal_comma: bool = False,
) -> Checked:
    """Check text cells (null or "" when blank; any subset of the spec's columns)."""
    values, findings = _convert(cells, rows, spec, units, today, decimal_comma)
    days = _day_numbers(values[spec.key])
    checked = Rows(values, days, units, lines)
    for rule in spec.rules:
        findings += rule(checked)
    bad = np.zeros(rows, dtype=bool)
    for finding in findings:
        if finding.mask.any():
            positions = np.flatnonzero(finding.mask)
            sink.add_rows(positions, lines, finding.severity, finding.group, finding.word)
            if finding.severity == "error":
                bad |= finding.mask
    frame = None if bad.any() else _frame(values, days, spec)
    return Checked(frame, bad)


def _convert(
    cells: Mapping[str, pa.Array],
    rows: int,
    spec: LogSpec,
    units: str,
    today: dt.date | None,
    decimal_comma: bool,
) -> tuple[dict[str, pa.Array], list[Finding]]:
    """Each column's typed values and the findings of its cells."""
    findings: list[Finding] = []
    texts: dict[str, pa.Array] = {}
    sized = _longest(cells) <= MAX_CELL_CHARS
    for column in spec.columns:
        if column.name in cells or column.required:
            text = cells.get(column.name, pa.nulls(rows, pa.string()))
            if column.kind == "number" and decimal_comma:
                text = pc.replace_substring(text, ",", ".")
            if not sized:
                text, too_long = _sized(column, text)
                findings += too_long
            texts[column.name] = text
    numbers = [c for c in spec.columns if c.kind == "number" and c.name in texts]
    values, found_in = _numbers(numbers, texts, units)
    for (
        column
    ) in spec.columns:  # the findings in column order: a line's messages read left to right
        if column.name not in texts:
            values[column.name] = _missing(column, rows)
        elif column.kind != "number":
            convert = _CONVERT[column.kind]
            values[column.name], found_in[column.name] = convert(column, texts[column.name], today)
        findings += found_in.get(column.name, [])
    return values, findings


def _numbers(
    columns: list[Column], texts: dict[str, pa.Array], units: str
) -> tuple[dict[str, pa.Array], dict[str, list[Finding]]]:
    """The number columns, checked together when every cell is a number or blank (one
    cast and one set of masks for all), else one by one (``read_numbers``)."""
    if not columns:
        return {}, {}
    lengths = [len(texts[column.name]) for column in columns]
    try:
        joined = pa.concat_arrays([texts[column.name] for column in columns])
        together = pc.cast(joined, pa.float64())
    except pa.ArrowInvalid:  # a word or a space somewhere
        together = None
    numbers = together.to_numpy(zero_copy_only=False) if together is not None else None
    if numbers is None or np.count_nonzero(~np.isfinite(numbers)) != together.null_count:
        results = {column.name: _number(column, texts[column.name], units) for column in columns}
        return (
            {name: value for name, (value, _) in results.items()},
            {name: found for name, (_, found) in results.items()},
        )
    highs = [column.bound(units) for column in columns]
    limit = np.repeat([np.inf if high is None else high for high in highs], lengths)
    negative, over = numbers < 0, numbers > limit  # NaN (blank) compares False
    values: dict[str, pa.Array] = {}
    findings: dict[str, list[Finding]] = {}
    start = 0
    for column, length, high in zip(columns, lengths, highs, strict=True):
        part = slice(start, start + length)
        values[column.name] = together.slice(start, length)
        if negative[part].any() or over[part].any():
            no_words = np.zeros(length, dtype=bool)
            text = texts[column.name]
            findings[column.name] = _number_findings(
                column, text, no_words, negative[part], over[part], high, units
            )
        start += length
    return values, findings


def _day_numbers(dates: pa.Array) -> np.ndarray:
    """Days since 1970 (NaT, a blank or wrong date, is NO_DAY as an integer)."""
    return dates.to_numpy(zero_copy_only=False).astype("datetime64[D]").astype(np.int64)


def _missing(column: Column, rows: int) -> pa.Array:
    if column.kind == "number":
        return pa.nulls(rows, pa.float64())
    if column.kind == "date":
        return pa.nulls(rows, pa.date32())
    return pa.array(np.full(rows, column.blank, dtype=object), pa.string())


def _longest(cells: Mapping[str, pa.Array]) -> int:
    """The longest cell's size in bytes (at least its length in characters)."""
    arrays = [array for array in cells.values() if len(array)]
    if not arrays:
        return 0
    return pc.max(pc.binary_length(pa.concat_arrays(arrays))).as_py() or 0


def _sized(column: Column, cells: pa.Array) -> tuple[pa.Array, list[Finding]]:
    """Oversized cells are refused once, then blanked so later checks stay quiet."""
    lengths = pc.fill_null(pc.utf8_length(cells), 0).to_numpy(zero_copy_only=False)
    too_long = lengths > MAX_CELL_CHARS
    if not too_long.any():
        return cells, []
    finding = Finding(
        too_long,
        "error",
        f"oversized {column.name}",
        lambda i: (
            f"{column.name} holds {lengths[i]:,} characters; legday accepts up to "
            f"{MAX_CELL_CHARS:,} in a cell"
        ),
    )
    return pc.if_else(pa.array(too_long), None, cells), [finding]


def _blank(text: pa.Array) -> np.ndarray:
    """Null or only spaces."""
    blank = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(text), ""), True)
    return blank.to_numpy(zero_copy_only=False)


def _date(column: Column, cells: pa.Array, today: dt.date | None) -> tuple[pa.Array, list[Finding]]:
    """YYYY-MM-DD only (DATE): day/month order is never guessed.

    The column is cast in one go; only when that fails is each cell matched against
    DATE, and a date of that shape that is not a calendar day (2026-02-30) is found
    cell by cell. Arrow's cast accepts exactly the calendar days of that shape.
    """
    text = cells
    try:
        values = pc.cast(cells, pa.date32())
        blank = shaped = None  # every cell is blank (null) or a date
    except pa.ArrowInvalid:
        text = pc.utf8_trim_whitespace(cells)
        blank = _blank(text)
        shaped = pc.fill_null(pc.match_substring_regex(text, DATE), False).to_numpy(
            zero_copy_only=False
        )
        values = _dates_one_by_one(pc.if_else(pa.array(shaped), text, None))
    days = _day_numbers(values)
    known = days != NO_DAY
    if blank is None:
        blank, shaped = ~known, known
    real = known & (days >= _DAY_RANGE[0]) & (days <= _DAY_RANGE[1])
    if not real[known].all():
        values = pc.if_else(pa.array(real), values, None)
    return values, _date_findings(
        column.name, column.required, text, blank, shaped, real, days, today
    )


def _dates_one_by_one(candidates: pa.Array) -> pa.Array:
    parsed = pd.to_datetime(candidates.to_pandas(), format="%Y-%m-%d", errors="coerce")
    return pa.array(parsed.to_numpy(dtype="datetime64[D]"), pa.date32(), from_pandas=True)


def _date_findings(
    name: str,
    required: bool,
    text: pa.Array,
    blank: np.ndarray,
    shaped: np.ndarray,
    real: np.ndarray,
    days: np.ndarray,
    today: dt.date | None,
) -> list[Finding]:
    at = text.__getitem__
    found = [
        Finding(
            ~blank & ~shaped,
            "error",
            f"{name} not in YYYY-MM-DD form",
            lambda i: (
                f"{name} '{clip(at(i).as_py())}' is not a date in YYYY-MM-DD form "
                "(for 5 March 2026 write 2026-03-05)"
            ),
        ),
        Finding(
            shaped & ~real,
            "error",
            f"bad {name}",
            lambda i: f"{name} '{at(i).as_py()}' is not a real calendar day",
        ),
    ]
    if required:
        found.insert(0, Finding(blank, "error", f"empty {name}", lambda i: f"{name} is empty"))
    if today is not None:
        future = real & (days > (today - dt.date(1970, 1, 1)).days)
        found.append(
            Finding(
                future,
                "warning",
                f"{name} in the future",
                lambda i: f"{name} {at(i).as_py()} is in the future (today is {today.isoformat()})",
            )
        )
    return found


def read_numbers(cells: pa.Array) -> tuple[pa.Array, pa.Array, np.ndarray, np.ndarray]:
    """Text cells (null when empty) read as numbers: the one rule for every number read.

    A number matches NUMBER and is finite. Returns the values (null where blank or
    not a number), the text they were read from (spaces trimmed when any cell has
    them), and the masks of blank cells and of cells that are not numbers.

    The cells are cast in one go; only when that fails (a word, a space) is each cell
    matched against NUMBER. Arrow's cast accepts exactly NUMBER plus the words for
    NaN and infinity, which the finite check refuses: one result either way.
    """
    text = cells
    try:
        values = pc.cast(cells, pa.float64())
        numbers = values.to_numpy(zero_copy_only=False)
        blank = None  # every non-null cell is a number (perhaps NaN or infinite)
    except pa.ArrowInvalid:
        text = pc.utf8_trim_whitespace(cells)
        shaped = pc.match_substring_regex(text, NUMBER)
        values = pc.cast(pc.if_else(shaped, text, None), pa.float64())
        numbers = values.to_numpy(zero_copy_only=False)
        blank = _blank(text)
    finite = np.isfinite(numbers)
    if blank is None:
        clean = np.count_nonzero(~finite) == values.null_count
        blank = ~finite if clean else values.is_null().to_numpy(zero_copy_only=False)
    bad = ~blank & ~finite
    if bad.any():
        values = pc.if_else(pa.array(bad), None, values)
    return values, text, blank, bad


def _number(column: Column, text: pa.Array, units: str) -> tuple[pa.Array, list[Finding]]:
    """Numbers or blank; NaN, infinity, words and out-of-range values are errors."""
    values, text, _, bad = read_numbers(text)
    numbers = values.to_numpy(zero_copy_only=False)
    high = column.bound(units)
    negative = numbers < 0  # NaN (blank, or not a number) compares False
    over = numbers > high if high is not None else np.zeros(len(numbers), bool)
    return values, _number_findings(column, text, bad, negative, over, high, units)


def _number_findings(
    column: Column,
    text: pa.Array,
    bad: np.ndarray,
    negative: np.ndarray,
    over: np.ndarray,
    high: float | None,
    units: str,
) -> list[Finding]:
    name, at = column.name, text.__getitem__
    reason = column.reason.format(high=high, units=units)
    hint = column.hint.format(units=units)
    return [
        Finding(
            bad,
            "error",
            f"{name} not a number",
            lambda i: f"{name} '{clip(at(i).as_py())}' is not a number{hint}",
        ),
        Finding(
            negative, "error", f"negative {name}", lambda i: f"{name} {at(i).as_py()} is negative"
        ),
        Finding(
            over,
            "error",
            f"impossible {name}",
            lambda i: f"{name} {at(i).as_py()} is impossible ({reason})",
        ),
    ]


def _choice(
    column: Column, cells: pa.Array, today: dt.date | None
) -> tuple[pa.Array, list[Finding]]:
    """One of the column's words, any case; blank is the column's blank value."""
    allowed = _allowed(column.choices)
    text = cells
    known = pc.is_in(text, value_set=allowed)
    if known.false_count:  # a value to lower-case and trim, or an unknown one
        text = pc.utf8_lower(pc.utf8_trim_whitespace(cells))
        text = pc.if_else(pc.equal(text, ""), None, text)
        known = pc.is_in(text, value_set=allowed)
    ok = known.to_numpy(zero_copy_only=False)
    values = pc.coalesce(text, pa.scalar(column.blank))
    name, choices, synonyms, at = column.name, column.choices, column.synonyms, text.__getitem__

    def word(i: int) -> str:
        value = at(i).as_py()
        listed = ", ".join(choices)
        return f"{name} '{clip(value)}' is not one of {listed}" + suggest(value, choices, synonyms)

    return values, [Finding(~ok, "error", f"unknown {name} value", word)]


@functools.cache
def _allowed(choices: tuple[str, ...]) -> pa.Array:
    return pa.array([None, *choices], pa.string())  # null: a blank cell


def _text(column: Column, cells: pa.Array, today: dt.date | None) -> tuple[pa.Array, list[Finding]]:
    return pc.coalesce(pc.utf8_trim_whitespace(cells), pa.scalar("")), []


_CONVERT = {"date": _date, "choice": _choice, "text": _text}


def _frame(values: dict[str, pa.Array], days: np.ndarray, spec: LogSpec) -> pd.DataFrame:
    """The frame in the spec's dtypes, sorted by the key date (stable: file order)."""
    order = None
    if days.size > 1 and not np.all(days[1:] >= days[:-1]):
        order = np.argsort(days, kind="stable")
    columns: dict[str, Any] = {}
    for name, dtype in spec.dtypes.items():
        array = values[name] if order is None else values[name].take(order)
        if dtype == "str":
            columns[name] = _STR.__from_arrow__(array)
        elif dtype.startswith("datetime64"):
            columns[name] = array.to_numpy(zero_copy_only=False).astype(dtype)
        else:
            columns[name] = array.to_numpy(zero_copy_only=False, writable=True)
    return pd.DataFrame(columns, copy=False)


# --------------------------------------------------------------------------- row rules


def double_days(rows: Rows) -> list[Finding]:
    """A day logged on several rows (a double day) must still add up to a possible day."""
    limit = MAX_DAY_DISTANCE[rows.units]
    days = rows.days
    known = days != NO_DAY
    if np.all(days[1:] > days[:-1]) or np.unique(days[known]).size == np.count_nonzero(known):
        return []  # one row per day (a log in date order says so without sorting)
    distance = np.nan_to_num(rows.numbers("distance"))
    order = np.argsort(days, kind="stable")
    starts = np.concatenate(([0], np.flatnonzero(np.diff(days[order])) + 1))
    sums = np.add.reduceat(distance[order], starts)
    totals = np.empty(len(days))
    totals[order] = np.repeat(sums, np.diff(np.append(starts, len(days))))
    over = known & (totals > limit) & ~(distance > limit)
    units = rows.units

    def word(i: int) -> str:
        day = dt.date(1970, 1, 1) + dt.timedelta(days=int(days[i]))
        return (
            f"distance on {day.isoformat()} adds up to {totals[i]:g} {units} over several rows "
            f"(over {limit:g} {units} in a day is impossible)"
        )

    return [Finding(over, "error", "impossible daily total", word)]


def monday_weeks(rows: Rows) -> list[Finding]:
    """A week is named by its Monday."""
    days = rows.days
    weekday = weekday_of(days)

    def word(i: int) -> str:
        day = dt.date(1970, 1, 1) + dt.timedelta(days=int(days[i]))
        monday = day - dt.timedelta(days=int(weekday[i]))
        return (
            f"week_of {day.isoformat()} is a {day:%A}, not a Monday "
            f"(that week's Monday is {monday.isoformat()})"
        )

    return [Finding((days != NO_DAY) & (weekday != 0), "error", "week_of not a Monday", word)]


def unique_weeks(rows: Rows) -> list[Finding]:
    """Each week once: a repeat is an error on every row after the first."""
    days = rows.days
    known = days != NO_DAY
    _, first = np.unique(days, return_index=True)
    repeat = known.copy()
    repeat[first] = False
    first_of = dict(zip(days[first].tolist(), first.tolist(), strict=True))

    def word(i: int) -> str:
        day = dt.date(1970, 1, 1) + dt.timedelta(days=int(days[i]))
        first_line = rows.lines[first_of[int(days[i])]]
        return f"week_of {day.isoformat()} appears twice (first on line {first_line})"

    return [Finding(repeat, "error", "duplicate week", word)]


def long_run_within_week(rows: Rows) -> list[Finding]:
    """The week's longest run cannot be longer than the whole week."""
    long_run, distance = rows.numbers("long_run"), rows.numbers("distance")
    with np.errstate(invalid="ignore"):
        longer = long_run > distance  # NaN (not logged) compares False

    def word(i: int) -> str:
        return f"long_run {long_run[i]:g} is longer than the week's distance {distance[i]:g}"

    return [Finding(longer, "error", "long run over weekly distance", word)]
