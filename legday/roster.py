"""The roster: one row per athlete, sorted so the athletes who need a coach come first.

``roster_summary`` is the report's table; ``roster_table`` adds what the dashboard's
Roster page shows besides: the coming week's phase and strength-block week, the
distance trend, leg sessions and the latest soreness. ``compliance_table`` is the
page's planned-against-done column, apart because it also depends on the saved plans.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from legday import clock, compliance, planner
from legday.flags import SEVERITY_RANK, Review, review
from legday.model import Athlete

#: How far back the roster counts flags and leg sessions (days, as of included).
RECENT_DAYS = 14
#: Weeks of distance the dashboard's trend column shows.
TREND_WEEKS = 8
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
#: Columns ``roster_table`` adds to ``ROSTER_COLUMNS``.
TABLE_COLUMNS: tuple[str, ...] = (
    "phase",
    "block_week",
    "distance_trend",
    "leg_sessions_14d",
    "latest_soreness",
    "worst",
)


def review_row(item: Review) -> dict:
    """One athlete's ``ROSTER_COLUMNS`` row from their review."""
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
    return roster_from_rows([review_row(r) for r in reviews])


def roster_from_rows(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """``ROSTER_COLUMNS`` rows as the roster's typed table, worst first."""
    frame = pd.DataFrame.from_records(list(rows), columns=list(ROSTER_COLUMNS))
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

    Counts are of flags dated in the ``RECENT_DAYS`` days up to and including as-of; a
    log that stopped more than a week before today gets an L1 flag (legday.clock).
    """
    today = clock.today()
    return roster_from_reviews(review(a, as_of, today) for a in athletes)


# ------------------------------------------------------------------ the dashboard's table


def roster_table(athletes: Iterable[Athlete]) -> pd.DataFrame:
    """The roster (each athlete at their last logged day, worst first) with
    ``TABLE_COLUMNS``: the coming week's phase and block week ("3/8"), the last
    ``TREND_WEEKS`` weeks of distance, days with a leg session and the latest soreness
    in the last ``RECENT_DAYS`` days, and the worst flag in words ("S5: heavy legs...").
    """
    today = clock.today()
    return table_from_rows([table_row(review(a, today=today)) for a in athletes])


def table_row(item: Review) -> dict[str, Any]:
    """One athlete's row of ``roster_table`` (``ROSTER_COLUMNS`` and the extras but the
    worst flag in words), from their review: what a stored summary keeps."""
    position = planned_position(item.athlete, item.as_of, item.weekly) if item.as_of else None
    return {**review_row(item), **_extras(item, position)}


def table_from_rows(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """``roster_table`` from ``table_row``s (computed now, or stored as summaries)."""
    return _joined(roster_from_rows(rows), rows)


def planned_position(
    athlete: Athlete, as_of: dt.date | None, weekly: pd.DataFrame | None = None
) -> tuple[str, int]:
    """The coming week's phase and strength-block week (``planner.position``: the same
    rules as a plan, without placing the sessions)."""
    return planner.position(athlete, as_of, weekly)


def _extras(item: Review, position: tuple[str, int] | None) -> dict[str, Any]:
    athlete, as_of, weekly = item.athlete, item.as_of, item.weekly
    trend = weekly["distance"].tail(TREND_WEEKS).fillna(0.0).round(1).tolist()
    return {
        "id": athlete.id,
        "phase": position[0] if position else "",
        "block_week": f"{position[1]}/8" if position else "",
        "distance_trend": trend,
        "leg_sessions_14d": _leg_sessions(athlete, weekly, as_of),
        "latest_soreness": _latest_soreness(athlete, weekly, as_of),
    }


def _joined(base: pd.DataFrame, extras: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The roster's rows, in their order, with the extras joined on id and the worst
    flag in words."""
    columns = ["id", *TABLE_COLUMNS[:-1]]
    frame = base.merge(
        pd.DataFrame.from_records(list(extras), columns=columns), on="id", how="left", sort=False
    )
    rule = frame["worst_rule"].fillna("").astype(str)
    message = frame["worst_message"].fillna("").astype(str)
    frame["worst"] = (rule + ": " + message).where(rule != "", "")
    frame["leg_sessions_14d"] = frame["leg_sessions_14d"].astype("Int64")
    frame["latest_soreness"] = frame["latest_soreness"].astype("float64")
    frame["days_to_race"] = frame["days_to_race"].astype("Int64")
    return frame


def _leg_sessions(athlete: Athlete, weekly: pd.DataFrame, as_of: dt.date | None) -> int | None:
    """Days with a leg session in the last RECENT_DAYS days; weekly logs: the last two
    weeks."""
    if athlete.week_totals is not None:
        value = weekly["strength_sessions"].tail(2).sum(min_count=1)
        return None if pd.isna(value) else int(value)
    days = athlete.days
    if days.empty or as_of is None:
        return None
    end = pd.Timestamp(as_of)
    window = days[(days["date"] > end - pd.Timedelta(days=RECENT_DAYS)) & (days["date"] <= end)]
    return int(window.loc[window["strength"] != "none", "date"].nunique())


def _latest_soreness(athlete: Athlete, weekly: pd.DataFrame, as_of: dt.date | None) -> float | None:
    if athlete.week_totals is not None:
        values = weekly["soreness_avg"].dropna()
        return float(values.iloc[-1]) if not values.empty else None
    days = athlete.days
    if as_of is not None:
        days = days[days["date"] <= pd.Timestamp(as_of)]
    values = days["soreness"].dropna()
    return float(values.iloc[-1]) if not values.empty else None


# ------------------------------------------------------------ planned against done


#: Columns of ``compliance_table``.
COMPLIANCE_COLUMNS: tuple[str, ...] = (
    "id",
    "plan_status",
    "plan_logged",
    "plan_week",
    "plan_source",
)


def compliance_table(
    athletes: Iterable[Athlete],
    folder: str | os.PathLike | compliance.PlanStore | None = None,
    replays: compliance.ReplayCache | None = None,
) -> pd.DataFrame:
    """Each athlete's last whole week, planned against done, as of their last logged
    day: its status (green, yellow, red; "" when there is no whole week to compare),
    whether anything was logged, its Monday and the plan's source (saved in ``folder``'s
    ``plans/`` or a store's plans, else replayed). A saved plan that does not read is
    left out here (the athlete's review lists its problems). ``replays`` keeps the
    replayed plans (legday.compliance.replayed)."""
    rows = []
    for athlete in athletes:
        saved, _ = compliance.saved_plans_in(folder, athlete.id, compliance_weeks(athlete))
        rows.append(compliance_row(athlete, saved, replays))
    return compliance_frame(rows)


def compliance_weeks(athlete: Athlete) -> list[dt.date]:
    """The Monday of the athlete's last whole week (none for an empty log): the saved
    plan ``compliance_row`` needs."""
    as_of = athlete.last_date
    return compliance.recent_weeks(athlete, as_of, 1) if as_of else []


def compliance_row(
    athlete: Athlete,
    saved: Mapping[dt.date, compliance.PlannedWeek],
    replays: compliance.ReplayCache | None = None,
    item: Review | None = None,
) -> dict[str, Any]:
    """One athlete's row of ``compliance_table``, with the saved plans of
    ``compliance_weeks`` (wherever the store keeps them); ``item``: the athlete's review
    as of their last day, whose weekly table and day arrays it reuses."""
    weeks = compliance_weeks(athlete)
    last = athlete.last_date
    reuse = item is not None and item.as_of == last
    weekly, arrays = (item.weekly, item.arrays) if reuse else (None, None)
    entry = compliance.latest_week(athlete, last, saved, weekly, replays, arrays) if weeks else None
    return {
        "id": athlete.id,
        "plan_status": entry.status if entry else "",
        "plan_logged": bool(entry.logged) if entry else False,
        "plan_week": pd.Timestamp(entry.week_of) if entry else pd.NaT,
        "plan_source": entry.source if entry else "",
    }


def compliance_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """``compliance_row``s as the typed table."""
    frame = pd.DataFrame.from_records(list(rows), columns=list(COMPLIANCE_COLUMNS))
    frame["plan_week"] = pd.to_datetime(frame["plan_week"]).astype("datetime64[ns]")
    frame["plan_logged"] = frame["plan_logged"].astype(bool)
    return frame.astype({"id": "str", "plan_status": "str", "plan_source": "str"})
