"""What a session sees, decided without streamlit: the athletes that loaded, every
problem of the files, and the As of inside the athlete's log.

app_pages/_session.py builds a session's view with these (tests/test_session_view.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from legday.io import LoadResult
from legday.model import Athlete


def log_range(athlete: Athlete) -> tuple[dt.date | None, dt.date | None]:
    """First and last day the athlete's log covers (weekly logs: Monday to Sunday)."""
    return athlete.first_date, athlete.last_date


def athletes_of(results: Iterable[LoadResult]) -> list[Athlete]:
    """The athletes that loaded, in roster order."""
    return [r.athlete for r in results if r.athlete is not None]


def problems_frame(results: Iterable[LoadResult]) -> pd.DataFrame:
    """Every problem of every file as (file, line, severity, message) rows."""
    rows = [
        {"file": p.path, "line": p.line, "severity": p.severity, "message": p.message}
        for r in results
        for p in r.problems
    ]
    frame = pd.DataFrame.from_records(rows, columns=["file", "line", "severity", "message"])
    frame["line"] = frame["line"].astype("Int64")
    return frame


def default_as_of(athlete: Athlete | None, today: dt.date) -> dt.date:
    """The athlete's last logged day, else today (an empty log still gets a plan)."""
    if athlete is not None and athlete.last_date is not None:
        return athlete.last_date
    return today


def settle_as_of(
    value: object,
    athlete: Athlete | None,
    today: dt.date,
    previous_default: dt.date | None = None,
) -> dt.date:
    """The As of to use on this run, always inside the athlete's log range.

    A session's As of outlives the log it was picked on (an edit kept in the session,
    a check-in, a save, an upload, a new day): a value that was the latest logged day
    (``previous_default``) follows the latest day, any other value is clamped into the
    log's current range, and anything that is not a date becomes the default.
    """
    default = default_as_of(athlete, today)
    if not isinstance(value, dt.date) or value == previous_default:
        return default
    if isinstance(value, dt.datetime):
        value = value.date()
    first, last = log_range(athlete) if athlete is not None else (None, None)
    return min(max(value, first or default), last or default)
