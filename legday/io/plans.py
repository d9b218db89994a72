"""Plans a coach saved: ``<data folder>/plans/<athlete>/<week_of>.csv``.

The file is the plan's spreadsheet export (legday.export.plan_to_csv), written with the
log's atomic, conflict-checked save. Compliance reads back the four columns it compares
(date, run, distance, strength); a file that does not read cleanly is reported (file,
line, what) and left out, so a replayed plan stands in for it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from legday.model import RUN_KINDS, STRENGTH_LEVELS, Problem

PLANS_DIR = "plans"
_WEEK_FILE = re.compile(r"\d{4}-\d{2}-\d{2}\.csv\Z")
COLUMNS = ("date", "run", "distance", "strength")
#: An optional column: a day's second run (W6), added to the day's distance.
DOUBLE = "double_distance"
MAX_PLAN_BYTES = 256 * 1024


def plan_path(folder: str | os.PathLike, athlete_id: str, week_of: dt.date) -> Path:
    """Where a plan is saved (the id is a checked athlete id, the name a date)."""
    return Path(folder) / PLANS_DIR / athlete_id / f"{week_of.isoformat()}.csv"


def read_plan(path: Path, week_of: dt.date) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The saved plan's days (date, run, distance, strength), or None and why."""
    shown = str(path)
    try:
        if path.stat().st_size > MAX_PLAN_BYTES:
            return None, [Problem(shown, None, "error", "a saved plan over 256 KB: not read")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, None, "error", f"cannot be read as a plan ({exc})")]
    return read_plan_bytes(data, shown, week_of)


def read_plan_bytes(
    data: bytes, shown: str, week_of: dt.date
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A saved plan's bytes (a file's, a database's) as ``read_plan`` reads them."""
    if len(data) > MAX_PLAN_BYTES:
        return None, [Problem(shown, None, "error", "a saved plan over 256 KB: not read")]
    try:
        text = data.decode("utf-8-sig")
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        return None, [Problem(shown, None, "error", f"cannot be read as a plan ({exc})")]
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        return None, [Problem(shown, 1, "error", f"no {', '.join(missing)} column")]
    days = frame[list(COLUMNS)].copy()
    problems = _check(days, shown, week_of)
    double = frame[DOUBLE] if DOUBLE in frame.columns else pd.Series("", index=frame.index)
    extra = pd.to_numeric(double.replace("", "0"), errors="coerce")
    problems += [
        Problem(shown, int(i) + 2, "error", f"{DOUBLE} '{double.iloc[i][:20]}': not a distance")
        for i in np.flatnonzero((extra.isna() | (extra < 0)).to_numpy())
    ]
    if problems:
        return None, sorted(problems, key=lambda p: p.line or 0)
    days["date"] = pd.to_datetime(days["date"])
    distance = pd.to_numeric(days["distance"].replace("", np.nan))
    # W6: a day's double counts toward its planned distance
    days["distance"] = distance.where(extra == 0, distance.fillna(0) + extra)
    return days.reset_index(drop=True), []


def _check(days: pd.DataFrame, shown: str, week_of: dt.date) -> list[Problem]:
    """Every bad cell at once, with its line (the header is line 1)."""
    dates = pd.to_datetime(days["date"], format="%Y-%m-%d", errors="coerce")
    distance = pd.to_numeric(days["distance"].replace("", np.nan), errors="coerce")
    start, end = pd.Timestamp(week_of), pd.Timestamp(week_of) + pd.Timedelta(days=6)
    outside = dates.isna() | (dates < start) | (dates > end)
    checks = (
        (outside, "date", f"not a day of the week of {week_of}"),
        (~days["run"].isin(RUN_KINDS), "run", f"not one of {', '.join(RUN_KINDS)}"),
        (~days["strength"].isin(STRENGTH_LEVELS), "strength", "not none, light or heavy"),
        ((days["distance"] != "") & (distance.isna() | (distance < 0)), "distance",
         "not a distance"),
    )  # fmt: skip
    problems = [
        Problem(shown, int(i) + 2, "error", f"{column} '{days[column].iloc[i][:20]}': {why}")
        for mask, column, why in checks
        for i in np.flatnonzero(mask.to_numpy())
    ]
    return sorted(problems, key=lambda p: p.line or 0)


def saved_weeks(folder: str | os.PathLike, athlete_id: str) -> list[dt.date]:
    """The weeks this athlete has a saved plan for (file names that are dates)."""
    where = Path(folder) / PLANS_DIR / athlete_id
    try:
        names = [p.name for p in where.iterdir() if p.is_file() and not p.is_symlink()]
    except OSError:
        return []
    weeks = []
    for name in names:
        if _WEEK_FILE.match(name):
            try:
                weeks.append(dt.date.fromisoformat(name[:10]))
            except ValueError:
                continue
    return sorted(weeks)
