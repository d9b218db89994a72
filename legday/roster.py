"""The roster: one row per athlete, sorted so the athletes who need a coach come first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from legday.flags import SEVERITY_RANK, Review, review
from legday.model import Athlete

#: How far back the roster counts flags.
RECENT_DAYS = 14
#: Sortable status: "act" is worse than "watch", which is worse than "ok" (info flags only).
STATUS = pd.CategoricalDtype(["ok", "watch", "act"], ordered=True)
#: The latest week's columns a roster row carries.
LATEST_COLUMNS: tuple[str, ...] = (
    "week_of",
    "distance",
    "runs",
    "long_run",
    "strength_sessions",
    "heavy_sessions",
    "soreness_avg",
    "ramp_pct",
    "acwr",
    "tsb",
)
ROSTER_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "units",
    "granularity",
    "as_of",
    *LATEST_COLUMNS,
    "next_race",
    "days_to_race",
    "act",
    "watch",
    "info",
    "worst_rule",
    "worst_severity",
    "worst_date",
    "worst_message",
    "status",
    "status_rank",
)


def _row(item: Review) -> dict:
    athlete = item.athlete
    as_of = item.as_of
    row: dict = {
        "id": athlete.id,
        "name": athlete.name,
        "units": athlete.units,
        "granularity": athlete.granularity,
        "as_of": pd.Timestamp(as_of) if as_of else pd.NaT,
    }
    weekly = item.weekly
    latest = weekly.iloc[-1] if len(weekly) else None
    for column in LATEST_COLUMNS:
        row[column] = latest[column] if latest is not None else float("nan")
    if latest is None:
        row["week_of"] = pd.NaT
    race = athlete.profile.next_race(as_of) if as_of else None
    row["next_race"] = race.name if race else ""
    row["days_to_race"] = float((race.date - as_of).days) if race else float("nan")

    since = as_of - dt.timedelta(days=RECENT_DAYS - 1) if as_of else dt.date.min
    recent = [f for f in item.flags if f.date >= since]
    for severity in SEVERITY_RANK:
        row[severity] = sum(f.severity == severity for f in recent)
    worst = max(recent, key=lambda f: (f.rank, f.date), default=None)
    row["worst_rule"] = worst.rule if worst else ""
    row["worst_severity"] = worst.severity if worst else ""
    row["worst_date"] = pd.Timestamp(worst.date) if worst else pd.NaT
    row["worst_message"] = worst.message if worst else ""
    rank = worst.rank if worst else 0
    row["status"] = {2: "act", 1: "watch"}.get(rank, "ok")
    row["status_rank"] = {"act": 2, "watch": 1, "ok": 0}[row["status"]]
    return row


def roster_from_reviews(reviews: Iterable[Review]) -> pd.DataFrame:
    """The roster from reviews already computed (the report and the app reuse theirs)."""
    rows = [_row(r) for r in reviews]
    frame = pd.DataFrame(rows, columns=list(ROSTER_COLUMNS))
    frame["status"] = frame["status"].astype(STATUS)
    for column in ("as_of", "week_of", "worst_date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in ("act", "watch", "info", "status_rank"):
        frame[column] = frame[column].astype("int64")
    for column in ("id", "name", "units", "granularity", "next_race", "worst_rule"):
        frame[column] = frame[column].astype("str")
    for column in ("worst_severity", "worst_message"):
        frame[column] = frame[column].astype("str")
    frame = frame.sort_values(
        ["status_rank", "act", "watch", "name"],
        ascending=[False, False, False, True],
        kind="stable",
    )
    return frame.reset_index(drop=True)


def roster_summary(athletes: Iterable[Athlete], as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per athlete, worst status first (``as_of`` None: each athlete's last day).

    Counts are of flags dated in the ``RECENT_DAYS`` days up to and including as-of.
    """
    return roster_from_reviews(review(a, as_of) for a in athletes)
