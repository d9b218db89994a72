"""Report the weekly training table and coach flags for an athlete file or a folder.

PATH is an athlete file (YAML profile or CSV log) or a folder of them; without PATH, the
database of --db or LEGDAY_DATABASE_URL (a roster, as a folder is). Each athlete is
reported up to its last logged day unless --as-of says otherwise. JSON for one athlete:
{"athlete", "name", "units", "as_of", "load_basis", "weeks": [...], "lifts": [...],
"flags": [...], "compliance": [...]} (planned against done, the last --compliance-weeks
weeks; lifts: each main lift's latest estimated 1RM, from the sets log); for a
folder: {"athletes": [...], "roster": [...]}. Dates are YYYY-MM-DD, missing numbers null,
numbers rounded to 2 decimals. Text shows the last --weeks weeks (default 12, 0 for all)
and their flags, worst first. Files with errors are reported on stderr, the other
athletes are still reported, and the exit code is then 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
import pandas as pd

from legday import clock
from legday.commands.common import (
    add_db_argument,
    add_jobs_argument,
    for_each_athlete,
    open_source,
)
from legday.compliance import (
    DEFAULT_WEEKS,
    WeekCompliance,
    compliance,
    recent_weeks,
)
from legday.flags import Flag, Review, review, worst_first
from legday.metrics import WEEK_COLUMNS
from legday.roster import ROSTER_COLUMNS, review_row, roster_from_rows
from legday.strength.lifts import latest_lifts
from legday.words import units_note

FORMATS = ("text", "json")
#: Week columns that count things: shown as whole numbers.
COUNT_COLUMNS = frozenset({"runs", "strength_sessions", "heavy_sessions", "leg_sets"})
DEFAULT_TEXT_WEEKS = 12


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def _weeks(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of weeks")
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="an athlete file or a folder of them"
    )
    add_db_argument(parser)
    parser.add_argument(
        "--as-of", type=_date, metavar="DATE", help="report up to DATE (YYYY-MM-DD)"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--weeks",
        type=_weeks,
        default=DEFAULT_TEXT_WEEKS,
        metavar="N",
        help=f"text: the last N weeks and their flags (default {DEFAULT_TEXT_WEEKS}; 0: all)",
    )
    add_jobs_argument(parser, "review the athletes of a roster")
    parser.add_argument(
        "--compliance-weeks",
        type=_weeks,
        default=DEFAULT_WEEKS,
        metavar="N",
        help=f"planned against done for the last N weeks (default {DEFAULT_WEEKS}; 0: none)",
    )


# --- JSON -----------------------------------------------------------------------------


def _value(value: object, count: bool = False) -> object:
    """A JSON-safe value: dates as YYYY-MM-DD, NaN/NaT as null, floats to 2 decimals."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        if count and value.is_integer():
            return int(value)
        rounded = round(value, 2)
        return 0.0 if rounded == 0 else rounded  # no "-0.0"
    if isinstance(value, bool | int | str):
        return value
    return str(value)


def _numbers(values: np.ndarray, count: bool) -> list:
    """``_value`` of every float in ``values``, computed on the whole column: NaN and
    infinities None, whole counts as ints, the rest rounded to 2 decimals (0.0, not -0.0).

    numpy's rounding (scale, round half to even, unscale) gives Python's ``round`` except
    where the scaled value sits within a hair of a half; those few cells go to ``round``.
    """
    finite = np.isfinite(values)
    safe = np.where(finite, values, 0.0)
    scaled = safe * 100.0
    rounded = np.round(scaled) / 100.0
    near_half = np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6
    for i in np.flatnonzero(near_half & finite).tolist():
        rounded[i] = round(float(safe[i]), 2)
    cells = np.where(rounded == 0, 0.0, rounded).astype(object)
    if count:
        whole = finite & (np.trunc(safe) == safe)
        cells[whole] = safe[whole].astype(np.int64).astype(object)
    cells[~finite] = None
    return cells.tolist()


def _column(series: pd.Series, count: bool) -> list:
    """A column's ``_value`` of every cell, read by kind of column rather than by cell."""
    kind = series.dtype.kind
    if kind == "M":
        return [None if pd.isna(v) else v for v in series.dt.strftime("%Y-%m-%d").tolist()]
    if kind == "f":
        return _numbers(series.to_numpy(float), count)
    if kind in "biu":
        return series.tolist()
    return [_value(v, count) for v in series.tolist()]


def week_rows(weekly: pd.DataFrame) -> list[dict]:
    """The weekly table as JSON rows with the WEEK_COLUMNS names, and the weight unit of
    ``leg_volume_load``."""
    unit = weekly.attrs.get("weight_unit", "kg")
    plain = weekly.copy(deep=False)
    plain.attrs = {}  # a column of a frame with attrs deep-copies them on every access
    columns = [_column(plain[c], c in COUNT_COLUMNS) for c in WEEK_COLUMNS]
    return [
        {**dict(zip(WEEK_COLUMNS, cells, strict=True)), "weight_unit": unit}
        for cells in zip(*columns, strict=True)
    ]


@dataclass(frozen=True)
class Report:
    """One athlete's review and planned-against-done weeks."""

    review: Review
    compliance: list[WeekCompliance]


@dataclass(frozen=True)
class Done:
    """One athlete reported, as it comes back from a worker process: their part of the
    output (JSON object or text), their roster row and what to say on stderr."""

    part: Any
    row: dict
    notes: list[str]


def athlete_json(report: Report) -> dict:
    """One athlete's report as the JSON contract says (plus as_of, load_basis, compliance)."""
    item = report.review
    athlete = item.athlete
    return {
        "athlete": athlete.id,
        "name": athlete.name,
        "units": athlete.units,
        "units_assumed": athlete.profile.units_assumed,
        "as_of": _value(item.as_of),
        "load_basis": item.weekly.attrs.get("load_basis", "distance"),
        "weeks": week_rows(item.weekly),
        "lifts": latest_lifts(athlete.sets, athlete.profile.weight_unit, item.as_of),
        "flags": [f.to_dict() for f in item.flags],
        "compliance": [week.to_dict() for week in report.compliance],
    }


def roster_rows(roster: pd.DataFrame) -> list[dict]:
    counts = {"act", "watch", "info", "status_rank", *COUNT_COLUMNS}
    return [
        {c: _value(row[c], c in counts) for c in ROSTER_COLUMNS}
        for row in roster.to_dict("records")
    ]


def render_json(done: list[Done], folder: bool) -> bytes:
    """The JSON document, indented by two spaces, as UTF-8 (orjson: a roster's report
    holds millions of values, which the standard library indents in Python)."""
    if folder:
        doc: dict = {
            "athletes": [d.part for d in done],
            "roster": roster_rows(roster_from_rows([d.row for d in done])),
        }
    else:
        doc = done[0].part
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


# --- text -----------------------------------------------------------------------------

#: (column, header, decimals) for the text table.
TEXT_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("distance", "dist", 1),
    ("runs", "runs", 0),
    ("long_run", "long", 1),
    ("strength_sessions", "legs", 0),
    ("heavy_sessions", "heavy", 0),
    ("soreness_avg", "sore", 1),
    ("soreness_max", "s.max", 0),
    ("pain_max", "pain", 0),
    ("ramp_pct", "ramp%", 0),
    ("acwr", "acwr", 2),
    ("monotony", "mono", 2),
    ("ctl", "ctl", 0),
    ("tsb", "tsb", 0),
)
SEVERITY_LABEL = {"act": "ACT  ", "watch": "WATCH", "info": "info "}


def _cell(value: float, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{decimals}f}"


def weeks_text(weekly: pd.DataFrame) -> list[str]:
    headers = ["week_of"] + [h for _, h, _ in TEXT_COLUMNS]
    rows = [
        [f"{row['week_of']:%Y-%m-%d}"] + [_cell(row[c], d) for c, _, d in TEXT_COLUMNS]
        for row in weekly.to_dict("records")
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(  # noqa: E731
        cell.ljust(w) if i == 0 else cell.rjust(w)
        for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
    )
    return [line(headers), *(line(r) for r in rows)]


def flags_text(flags: list[Flag]) -> list[str]:
    out = []
    for f in worst_first(flags):
        out.append(f"  {SEVERITY_LABEL[f.severity]} {f.date.isoformat()}  {f.rule:<6} {f.message}")
        out.append(f"  {'':5} {'':10}  {'':6} evidence {f.evidence}")
    return out


def compliance_text(weeks: list[WeekCompliance]) -> list[str]:
    """A line per week: planned against done, and its status."""
    if not weeks:
        return []
    lines = ["", "planned against done (legday's plan replayed, or the one saved):"]
    for w in weeks:
        planned = "-" if w.planned_distance is None else f"{w.planned_distance:.1f}"
        lines.append(
            f"  {w.week_of.isoformat()}  {w.status:<6}  distance {w.done_distance:.1f} of "
            f"{planned}, leg sessions {w.done_sessions} of {w.planned_sessions}  ({w.source})"
        )
    return lines


def athlete_text(report: Report, weeks: int) -> str:
    item = report.review
    athlete = item.athlete
    weekly = item.weekly
    shown = weekly.tail(weeks) if weeks else weekly
    as_of = item.as_of.isoformat() if item.as_of else "-"
    basis = weekly.attrs.get("load_basis", "distance")
    if athlete.granularity == "weeks":
        about = "weekly totals log: numbers that need days are shown as -"
    else:
        about = f"load metrics (mono, ctl, tsb) on {'RPE x minutes' if basis == 'srpe' else basis}"
    lines = [f"{athlete.name} ({athlete.id}), {athlete.units}, as of {as_of}", about]
    assumed = units_note(athlete.profile)
    lines += [assumed, ""] if assumed else [""]
    if weekly.empty:
        lines.append("no logged days up to this date")
        return "\n".join(lines)
    if len(shown) < len(weekly):
        lines.append(f"last {len(shown)} of {len(weekly)} weeks (--weeks 0 shows all)")
    lines += weeks_text(shown)
    first_shown = shown["week_of"].iloc[0].date()
    flags = [f for f in item.flags if f.date >= first_shown]
    older = len(item.flags) - len(flags)
    lines.append("")
    title = f"flags, worst first: {len(flags)}"
    if older:
        title += f" ({older} earlier not shown)"
    lines.append(title)
    lines += flags_text(flags) if flags else ["  none"]
    lines += compliance_text(report.compliance)
    return "\n".join(lines)


def roster_text(roster: pd.DataFrame) -> str:
    headers = ["status", "athlete", "units", "week_of", "dist", "legs", "race", "act", "watch"]
    headers.append("worst")
    rows = []
    for row in roster.to_dict("records"):
        week = "-" if pd.isna(row["week_of"]) else f"{row['week_of']:%Y-%m-%d}"
        worst = f"{row['worst_rule']} {row['worst_message']}".strip() or "-"
        rows.append(
            [
                str(row["status"]),
                str(row["id"]),
                str(row["units"]),
                week,
                _cell(row["distance"], 1),
                _cell(row["strength_sessions"], 0),
                "-" if pd.isna(row["days_to_race"]) else f"{row['days_to_race']:.0f}d",
                str(row["act"]),
                str(row["watch"]),
                worst if len(worst) <= 70 else worst[:67] + "...",
            ]
        )
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join(["roster, flags in the last 14 days", line(headers), *(line(r) for r in rows)])


def render_text(done: list[Done], folder: bool) -> str:
    parts = [d.part for d in done]
    if folder:
        parts.insert(0, roster_text(roster_from_rows([d.row for d in done])))
    return ("\n\n" + "-" * 72 + "\n\n").join(parts) + "\n"


# --- command ----------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    source = open_source(args.path, args.db)
    if source is None:
        return 2
    store, results, folder = source
    today = clock.today()

    def report(athlete) -> Done:
        item = review(athlete, args.as_of, today)
        as_of = item.as_of or athlete.last_date
        weeks = recent_weeks(athlete, as_of, args.compliance_weeks) if as_of else []
        saved, problems = store.saved_plans(athlete.id, weeks)
        same = item.as_of == as_of  # the review's tables are the ones compliance reads
        found = compliance(
            athlete, as_of, args.compliance_weeks, saved, store.replays,
            item.weekly if same else None, day_by_day=False, arrays=item.arrays if same else None,
        )  # fmt: skip
        one = Report(item, found)
        part = athlete_json(one) if args.format == "json" else athlete_text(one, args.weeks)
        notes = [f"{p} (the replayed plan is used instead)" for p in problems]
        return Done(part, review_row(item), notes)

    done, failed = for_each_athlete(
        results, report, "report", max(1, args.jobs), getattr(store, "dispose", None)
    )
    for one in done:
        for note in one.notes:
            print(note, file=sys.stderr)
    if done or folder:
        if args.format == "json":
            sys.stdout.flush()
            sys.stdout.buffer.write(render_json(done, folder))
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(render_text(done, folder))
    if folder:
        print(
            f"{len(done)} athlete(s) reported, {failed} athlete file(s) with errors",
            file=sys.stderr,
        )
    return 1 if failed else 0
