"""Coach flags: the few things in a log that need attention, each with its reason.

Every flag names a rule of ``legday.rules`` (its id, its evidence), the numbers that
raised it and how urgent it is. Flags describe the log; none of them predicts injury.
Each rule has one small function (``days.DAY_FLAGS``, ``weeks.WEEK_FLAGS``) that asks
the rule book's check which days break the rule and words a sentence for each.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from legday import metrics, rules
from legday.flags.days import DAY_FLAGS, LogView
from legday.flags.values import (
    SEVERITY_RANK,
    Flag,
    FlagSeverity,
    Review,
    day_label,
    flag,
    plural,
)
from legday.flags.weeks import TOTALS_FLAGS, WEEK_FLAGS, WeekView
from legday.metrics import DayArrays
from legday.model import Athlete

__all__ = [
    "DAY_FLAGS",
    "SEVERITY_RANK",
    "TOTALS_FLAGS",
    "WEEK_FLAGS",
    "Flag",
    "FlagSeverity",
    "Review",
    "athlete_flags",
    "flags_frame",
    "review",
    "worst_first",
]


def _races(athlete: Athlete, arr: DayArrays) -> list[rules.RaceDay]:
    """The profile's races and the races only the log holds, with their logged distance."""
    logged = [
        ((arr.start + np.timedelta64(int(i), "D")).astype(object), float(arr.distance[i]))
        for i in np.flatnonzero(arr.kind == rules.KIND["race"])
    ]
    return rules.race_days(athlete.profile.races, athlete.units, logged)


def log_view(athlete: Athlete, arr: DayArrays, weekly: pd.DataFrame) -> LogView:
    facts = rules.day_facts(arr.first, arr.kind, _races(athlete, arr))
    return LogView(athlete, arr, facts, weekly)


def stale_flag(athlete: Athlete, today: dt.date) -> Flag | None:
    """L1: the log stopped more than STALE_DAYS days before today (dated its last day)."""
    last = athlete.last_date
    if last is None or (today - last).days <= rules.STALE_DAYS:
        return None
    gap = (today - last).days
    return flag(last, "L1", "watch",
                f"The log stops on {day_label(last)}, {plural(gap, 'day')} before today "
                f"({today.isoformat()}): nothing logged since, so the weeks after are not "
                "logged, not rest; plans start from the logged weeks, conservatively.")  # fmt: skip


def review(athlete: Athlete, as_of: dt.date | None = None, today: dt.date | None = None) -> Review:
    """Weekly table and flags up to ``as_of`` (default: the last logged day). With
    ``today``, a log that stopped more than a week before it gets an L1 flag."""
    if as_of is not None and type(as_of) is not dt.date:
        as_of = pd.Timestamp(as_of).date()
    if athlete.week_totals is not None:
        weekly = metrics.weekly_table(athlete, as_of)
        flags = _weekly_log_flags(athlete, weekly, as_of)
        as_of = as_of or athlete.last_date
    else:
        arr = metrics.day_arrays(athlete, as_of)
        weekly = metrics.with_strength(metrics.weekly_from_days(arr), athlete)
        if arr is None:
            return Review(athlete, as_of or athlete.last_date, weekly, [])
        as_of = as_of or arr.date[-1].astype(object)
        view = log_view(athlete, arr, weekly)
        flags = [f for rule_flags in DAY_FLAGS for f in rule_flags(view)]
        weeks = WeekView(athlete, weekly)
        flags += [f for rule_flags in WEEK_FLAGS for f in rule_flags(weeks)]
    stale = stale_flag(athlete, today) if today is not None and as_of == athlete.last_date else None
    found = _sort(flags + ([stale] if stale else []))
    return Review(athlete, as_of, weekly, found, arr if athlete.week_totals is None else None)


def _weekly_log_flags(athlete: Athlete, weekly: pd.DataFrame, as_of: dt.date | None) -> list[Flag]:
    if weekly.empty:
        return []
    view = WeekView(athlete, weekly)
    flags = [f for rule_flags in (*WEEK_FLAGS, *TOTALS_FLAGS) for f in rule_flags(view)]
    last = view.ends[-1]
    day = min(as_of, last) if as_of else last
    flags.append(
        flag(day, "D1", "info",
             "This log has weekly totals only: the day-level checks (S3, S4, S5, S8, "
             "soreness S10 by day, single-run spikes M2) need a daily log.")
    )  # fmt: skip
    return flags


def _sort(flags: list[Flag]) -> list[Flag]:
    """By date, and on one date the worst first."""
    return sorted(flags, key=lambda f: (f.date, -f.rank, f.rule))


def athlete_flags(athlete: Athlete, as_of: dt.date | None = None) -> list[Flag]:
    """The athlete's flags up to ``as_of``, by date (worst first within a day)."""
    return review(athlete, as_of).flags


FLAG_COLUMNS: tuple[str, ...] = ("date", "rule", "severity", "message", "evidence")


def flags_frame(flags: list[Flag]) -> pd.DataFrame:
    """Flags as a table (``date`` as datetime64, ``severity`` an ordered categorical)."""
    return pd.DataFrame(
        {
            "date": pd.to_datetime([f.date for f in flags]).as_unit("ns")
            if flags
            else pd.Series(dtype="datetime64[ns]"),
            "rule": pd.Series([f.rule for f in flags], dtype="str"),
            "severity": pd.Categorical(
                [f.severity for f in flags], categories=list(SEVERITY_RANK), ordered=True
            ),
            "message": pd.Series([f.message for f in flags], dtype="str"),
            "evidence": pd.Series([f.evidence for f in flags], dtype="str"),
        }
    )


def worst_first(flags: list[Flag]) -> list[Flag]:
    """Most urgent first, then newest first: the order a coach reads them in."""
    return sorted(flags, key=lambda f: (-f.rank, -f.date.toordinal(), f.rule))
