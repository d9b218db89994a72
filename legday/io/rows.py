"""Turn a table of raw text cells into a typed frame, collecting every problem.

One validator for every source of day rows (CSV log, YAML ``days:`` and ``weeks:``)
and one for weekly totals, so a rule is checked the same way wherever a row came
from. Each row carries the line it came from; checks are vectorised over columns and
only the offending rows are visited to write messages.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from legday.model import (
    DAY_COLUMNS,
    MAX_DAY_DISTANCE,
    RUN_KINDS,
    STRENGTH_LEVELS,
    WEEK_TOTAL_COLUMNS,
    Problem,
)

#: Messages per column and kind of problem before the rest are summarised in one line.
MAX_REPEATS = 20
#: Longest cell accepted (a notes field, say); longer is a damaged file, not a note.
MAX_CELL_CHARS = 5000
#: A problem's line, or a function that finds it: a YAML profile's lines come from a
#: node tree composed only when a message is actually written (a clean file never pays).
LineRef = int | None | Callable[[], int | None]

#: Words people write for a run kind or session, offered as suggestions (never applied).
RUN_SYNONYMS = {
    "tempo": "hard",
    "interval": "hard",
    "intervals": "hard",
    "speed": "hard",
    "track": "hard",
    "threshold": "hard",
    "recovery": "easy",
    "jog": "easy",
    "off": "rest",
    "none": "rest",
    "xt": "cross",
    "bike": "cross",
    "swim": "cross",
    "medium": "moderate",
    "steady": "moderate",
}
STRENGTH_SYNONYMS = {
    "no": "none",
    "rest": "none",
    "gym": "heavy",
    "weights": "heavy",
    "lift": "heavy",
    "loaded": "heavy",
    "bodyweight": "light",
    "mobility": "light",
    "yes": "heavy",
}
NUMERIC_LIMITS: dict[str, tuple[float, float, str]] = {
    # column: (low, high, what the high bound means)
    "minutes": (0, 1440, "a day has 1440 minutes"),
    "rpe": (0, 10, "RPE is 0-10"),
    "strength_minutes": (0, 1440, "a day has 1440 minutes"),
    "strength_rpe": (0, 10, "RPE is 0-10"),
    "soreness": (0, 10, "soreness is 0-10"),
}


def suggest(value: str, choices: Sequence[str], synonyms: dict[str, str] | None = None) -> str:
    """' (did you mean 'x'?)' for the nearest choice, or '' when nothing is close."""
    key = value.strip().lower()
    if synonyms and key in synonyms:
        return f" (did you mean '{synonyms[key]}'?)"
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class ProblemSink:
    """Collects problems for one file, summarising long runs of the same complaint."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._counts: dict[tuple[str, str], int] = {}

    def add(self, line: LineRef, severity: str, message: str, group: str = "") -> None:
        key = (severity, group or message)
        seen = self._counts.get(key, 0)
        self._counts[key] = seen + 1
        if seen < MAX_REPEATS:
            if callable(line):
                line = line()
            self.problems.append(Problem(self.path, line, severity, message))  # type: ignore[arg-type]

    def finish(self) -> list[Problem]:
        self.problems.sort(key=lambda p: p.line or 0)
        for (severity, group), count in self._counts.items():
            if count > MAX_REPEATS:
                more = count - MAX_REPEATS
                self.problems.append(
                    Problem(self.path, None, severity, f"... and {more} more like: {group}")  # type: ignore[arg-type]
                )
        return self.problems

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def _blank(cells: pd.Series) -> pd.Series:
    return cells.str.strip() == ""


def _offending(mask: pd.Series, cells: pd.Series, lines: np.ndarray) -> Iterable[tuple[int, str]]:
    for pos in np.flatnonzero(mask.to_numpy()):
        yield int(lines[pos]), str(cells.iloc[pos])


def parse_dates(
    cells: pd.Series, lines: np.ndarray, column: str, sink: ProblemSink, today: dt.date | None
) -> pd.Series:
    """YYYY-MM-DD only: day/month order is never guessed."""
    text = cells.str.strip()
    blank = text == ""
    shaped = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    parsed = pd.to_datetime(text.where(shaped & ~blank), format="%Y-%m-%d", errors="coerce")
    for line, _ in _offending(blank, text, lines):
        sink.add(line, "error", f"{column} is empty", f"empty {column}")
    for line, value in _offending(~blank & ~shaped, text, lines):
        sink.add(
            line,
            "error",
            f"{column} '{clip(value)}' is not a date in YYYY-MM-DD form "
            "(for 5 March 2026 write 2026-03-05)",
            f"{column} not in YYYY-MM-DD form",
        )
    for line, value in _offending(~blank & shaped & parsed.isna(), text, lines):
        sink.add(line, "error", f"{column} '{value}' is not a real calendar day", f"bad {column}")
    if today is not None:
        future = parsed > pd.Timestamp(today)
        for line, value in _offending(future, text, lines):
            sink.add(
                line,
                "warning",
                f"{column} {value} is in the future (today is {today.isoformat()})",
                f"{column} in the future",
            )
    return parsed.astype("datetime64[ns]")


def parse_numbers(
    cells: pd.Series,
    lines: np.ndarray,
    column: str,
    sink: ProblemSink,
    decimal_comma: bool = False,
    low: float = 0.0,
    high: float | None = None,
    high_reason: str = "",
) -> pd.Series:
    """Numbers or blank; NaN, infinity, words and out-of-range values are errors."""
    text = cells.str.strip()
    if decimal_comma:
        text = text.str.replace(",", ".", regex=False)
    blank = text == ""
    values = pd.to_numeric(text.where(~blank), errors="coerce").astype("float64")
    finite = np.isfinite(values.to_numpy())
    bad = ~blank & ~finite
    for line, value in _offending(bad, text, lines):
        sink.add(
            line, "error", f"{column} '{clip(value)}' is not a number", f"{column} not a number"
        )
    values = values.where(~bad)
    for line, value in _offending(values < low, text, lines):
        sink.add(line, "error", f"{column} {value} is negative", f"negative {column}")
    if high is not None:
        for line, value in _offending(values > high, text, lines):
            sink.add(
                line,
                "error",
                f"{column} {value} is impossible ({high_reason})",
                f"impossible {column}",
            )
    return values


def parse_choice(
    cells: pd.Series,
    lines: np.ndarray,
    column: str,
    choices: Sequence[str],
    blank_as: str,
    sink: ProblemSink,
    synonyms: dict[str, str] | None = None,
) -> pd.Series:
    text = cells.str.strip().str.lower()
    text = text.where(text != "", blank_as)
    bad = ~text.isin(choices)
    for line, value in _offending(bad, text, lines):
        sink.add(
            line,
            "error",
            f"{column} '{clip(value)}' is not one of {', '.join(choices)}"
            + suggest(value, choices, synonyms),
            f"unknown {column} value",
        )
    return text


def check_cell_sizes(raw: pd.DataFrame, lines: np.ndarray, sink: ProblemSink) -> pd.DataFrame:
    """Oversized cells are refused once, then blanked so later checks stay quiet."""
    for column in raw.columns:
        too_long = raw[column].str.len() > MAX_CELL_CHARS
        if too_long.any():
            for line, value in _offending(too_long, raw[column], lines):
                sink.add(
                    line,
                    "error",
                    f"{column} holds {len(value):,} characters; legday accepts up to "
                    f"{MAX_CELL_CHARS:,} in a cell",
                    f"oversized {column}",
                )
            raw = raw.assign(**{column: raw[column].where(~too_long, "")})
    return raw


def build_days(
    raw: pd.DataFrame,
    lines: np.ndarray,
    sink: ProblemSink,
    units: str,
    today: dt.date | None,
    decimal_comma: bool = False,
) -> pd.DataFrame:
    """Validate day rows of text (columns: any subset of DAY_COLUMNS) into a typed frame."""
    raw = raw.reindex(columns=list(DAY_COLUMNS), fill_value="")
    raw = check_cell_sizes(raw, lines, sink)
    limit = MAX_DAY_DISTANCE[units]
    out = pd.DataFrame(index=raw.index)
    out["date"] = parse_dates(raw["date"], lines, "date", sink, today)
    out["run"] = parse_choice(raw["run"], lines, "run", RUN_KINDS, "rest", sink, RUN_SYNONYMS)
    out["distance"] = parse_numbers(
        raw["distance"],
        lines,
        "distance",
        sink,
        decimal_comma,
        high=limit,
        high_reason=f"over {limit:g} {units} in a day",
    )
    for column in ("minutes", "rpe"):
        low, high, why = NUMERIC_LIMITS[column]
        out[column] = parse_numbers(raw[column], lines, column, sink, decimal_comma, low, high, why)
    out["strength"] = parse_choice(
        raw["strength"], lines, "strength", STRENGTH_LEVELS, "none", sink, STRENGTH_SYNONYMS
    )
    for column in ("strength_minutes", "strength_rpe", "soreness"):
        low, high, why = NUMERIC_LIMITS[column]
        out[column] = parse_numbers(raw[column], lines, column, sink, decimal_comma, low, high, why)
    out["notes"] = raw["notes"].str.strip()
    _check_day_totals(out, lines, sink, limit, units)
    out = out.astype(DAY_COLUMNS)
    order = np.argsort(out["date"].to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)


def _check_day_totals(
    days: pd.DataFrame, lines: np.ndarray, sink: ProblemSink, limit: float, units: str
) -> None:
    """A double day may be two rows; their sum must still be possible."""
    if not days["date"].duplicated().any():
        return
    totals = days.groupby("date")["distance"].transform("sum")
    over = (totals > limit) & ~(days["distance"] > limit)
    for pos in np.flatnonzero(over.to_numpy()):
        day = days["date"].iloc[pos].date().isoformat()
        sink.add(
            int(lines[pos]),
            "error",
            f"distance on {day} adds up to {totals.iloc[pos]:g} {units} over several rows "
            f"(over {limit:g} {units} in a day is impossible)",
            "impossible daily total",
        )


def build_week_totals(
    raw: pd.DataFrame,
    lines: np.ndarray,
    sink: ProblemSink,
    units: str,
    today: dt.date | None,
    decimal_comma: bool = False,
) -> pd.DataFrame:
    """Validate weekly-totals rows: Monday weeks, no duplicates, possible numbers."""
    raw = raw.reindex(columns=list(WEEK_TOTAL_COLUMNS), fill_value="")
    raw = check_cell_sizes(raw, lines, sink)
    day_limit = MAX_DAY_DISTANCE[units]
    out = pd.DataFrame(index=raw.index)
    out["week_of"] = parse_dates(raw["week_of"], lines, "week_of", sink, today)
    not_monday = out["week_of"].notna() & (out["week_of"].dt.day_of_week != 0)
    for pos in np.flatnonzero(not_monday.to_numpy()):
        day = out["week_of"].iloc[pos]
        monday = (day - pd.Timedelta(days=day.day_of_week)).date().isoformat()
        sink.add(
            int(lines[pos]),
            "error",
            f"week_of {day.date().isoformat()} is a {day.day_name()}, not a Monday "
            f"(that week's Monday is {monday})",
            "week_of not a Monday",
        )
    duplicated = out["week_of"].notna() & out["week_of"].duplicated(keep=False)
    first_line = pd.Series(lines, index=out.index).groupby(out["week_of"]).transform("min")
    for pos in np.flatnonzero((duplicated & (first_line != lines)).to_numpy()):
        sink.add(
            int(lines[pos]),
            "error",
            f"week_of {out['week_of'].iloc[pos].date().isoformat()} appears twice "
            f"(first on line {int(first_line.iloc[pos])})",
            "duplicate week",
        )
    out["distance"] = parse_numbers(
        raw["distance"],
        lines,
        "distance",
        sink,
        decimal_comma,
        high=7 * day_limit,
        high_reason=f"over {7 * day_limit:g} {units} in a week",
    )
    out["long_run"] = parse_numbers(
        raw["long_run"],
        lines,
        "long_run",
        sink,
        decimal_comma,
        high=day_limit,
        high_reason=f"over {day_limit:g} {units} in a day",
    )
    longer = out["long_run"] > out["distance"]
    for pos in np.flatnonzero(longer.to_numpy()):
        sink.add(
            int(lines[pos]),
            "error",
            f"long_run {out['long_run'].iloc[pos]:g} is longer than the week's distance "
            f"{out['distance'].iloc[pos]:g}",
            "long run over weekly distance",
        )
    out["runs"] = parse_numbers(
        raw["runs"], lines, "runs", sink, decimal_comma, high=14, high_reason="over 14 in a week"
    )
    out["strength_sessions"] = parse_numbers(
        raw["strength_sessions"],
        lines,
        "strength_sessions",
        sink,
        decimal_comma,
        high=14,
        high_reason="over 14 in a week",
    )
    out["soreness"] = parse_numbers(
        raw["soreness"], lines, "soreness", sink, decimal_comma, 0, 10, "soreness is 0-10"
    )
    out = out.astype(WEEK_TOTAL_COLUMNS)
    return out.sort_values("week_of", kind="stable").reset_index(drop=True)


def clip(value: str, width: int = 40) -> str:
    """Shorten a quoted value for a message: a 5 MB cell must not become a 5 MB line."""
    return value if len(value) <= width else value[: width - 3] + "..."
