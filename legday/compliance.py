"""Planned against done: each recent week's plan next to what the log says was done.

The plan of a past week is the one the coach saved (``source: saved``), else legday's
own plan replayed as of the Sunday before that week (``source: replayed``), which is
deterministic: the same log gives the same plan. A week's status puts distance and leg
sessions on an equal footing (docs/metrics.md):

- distance: green within 20% of the planned distance, yellow within 50%, red further;
- leg sessions: green when every planned session was done, yellow when some were,
  red when none of the planned sessions were done (or two more than planned);
- the week takes the worse of the two; a week with nothing logged is red.

Day by day (``day_status``): a day is green when it went as planned (the same run kind,
its distance within 20%, the same leg session), yellow when it changed (another kind
of run, a distance 20-50% off, light instead of heavy, something extra), red when a
planned run or leg session was not done (or the distance was more than 50% off).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from legday import metrics
from legday.io import plans
from legday.model import Athlete, Problem
from legday.planner import Plan, plan_week
from legday.progression import monday

Status = Literal["green", "yellow", "red"]
Source = Literal["saved", "replayed"]
#: The weeks `legday report` compares by default.
DEFAULT_WEEKS = 4
GREEN_BAND = 0.20  # within 20% of the planned distance
YELLOW_BAND = 0.50
EXTRA_SESSIONS_RED = 2  # this many sessions more than planned is not a plan followed
_RANK = {"green": 0, "yellow": 1, "red": 2}
KEY_RUNS = ("hard", "long", "race")


@dataclass(frozen=True)
class PlannedWeek:
    """The parts of a plan that compliance compares, whatever its source."""

    week_of: dt.date
    source: Source
    days: pd.DataFrame  # date, run, distance, strength: one row per planned day

    @classmethod
    def of(cls, plan: Plan, source: Source = "replayed") -> PlannedWeek:
        days = pd.DataFrame(
            {
                "date": pd.to_datetime([d.date for d in plan.days]),
                "run": [d.run for d in plan.days],
                "distance": [d.distance if d.distance is not None else np.nan for d in plan.days],
                "strength": [d.strength for d in plan.days],
            }
        )
        return cls(plan.week_of, source, days)

    @property
    def distance(self) -> float | None:
        runs = self.days.loc[self.days["run"] != "cross", "distance"]
        return float(runs.sum()) if runs.notna().any() else None


@dataclass(frozen=True)
class WeekCompliance:
    week_of: dt.date
    source: Source
    planned_distance: float | None
    done_distance: float
    planned_sessions: int
    done_sessions: int
    planned_heavy: int
    done_heavy: int | None  # None for weekly-totals logs
    key_runs_planned: int
    key_runs_done: int | None
    status: Status
    logged: bool
    days: pd.DataFrame  # day by day: date, planned run/distance/strength, done ones

    def to_dict(self) -> dict:
        """The JSON shape of ``legday report``'s ``compliance`` entries."""
        return {
            "week_of": self.week_of.isoformat(),
            "source": self.source,
            "planned_distance": _round(self.planned_distance),
            "done_distance": _round(self.done_distance),
            "planned_sessions": self.planned_sessions,
            "done_sessions": self.done_sessions,
            "planned_heavy": self.planned_heavy,
            "done_heavy": self.done_heavy,
            "key_runs_planned": self.key_runs_planned,
            "key_runs_done": self.key_runs_done,
            "status": self.status,
        }


def _round(value: float | None) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 1)


def distance_status(planned: float | None, done: float) -> Status:
    if planned is None or planned <= 0:
        return "green"  # a plan without distances: nothing to compare
    miss = abs(done / planned - 1)
    return "green" if miss <= GREEN_BAND else "yellow" if miss <= YELLOW_BAND else "red"


def session_status(planned: int, done: int) -> Status:
    extra = done - planned
    if extra >= EXTRA_SESSIONS_RED or (planned > 0 and done == 0):
        return "red"
    return "green" if extra == 0 else "yellow"


def week_status(
    planned_distance: float | None, done_distance: float, planned: int, done: int, logged: bool
) -> Status:
    """The worse of the distance and the leg-session status; red when nothing was logged."""
    if not logged:
        return "red"
    both = (distance_status(planned_distance, done_distance), session_status(planned, done))
    return max(both, key=_RANK.__getitem__)


def recent_weeks(athlete: Athlete, as_of: dt.date, weeks: int) -> list[dt.date]:
    """The Mondays of the last ``weeks`` whole weeks up to ``as_of`` inside the log."""
    first = athlete.first_date
    if first is None:
        return []
    last = monday(as_of + dt.timedelta(days=1)) - dt.timedelta(days=7)
    mondays = [last - dt.timedelta(weeks=i) for i in range(weeks)][::-1]
    return [m for m in mondays if m + dt.timedelta(days=6) >= first]


def saved_plans(
    folder: str | os.PathLike | None, athlete_id: str, weeks: Iterable[dt.date]
) -> tuple[dict[dt.date, PlannedWeek], list[Problem]]:
    """The plans saved under ``folder/plans/<athlete>/`` for these weeks, and what was
    wrong with any that could not be read (those weeks fall back to a replay)."""
    if folder is None:
        return {}, []
    available = set(plans.saved_weeks(folder, athlete_id))
    found: dict[dt.date, PlannedWeek] = {}
    problems: list[Problem] = []
    for week in weeks:
        if week in available:
            days, wrong = plans.read_plan(plans.plan_path(folder, athlete_id, week), week)
            problems += wrong
            if days is not None:
                found[week] = PlannedWeek(week, "saved", days)
    return found, problems


def compliance(
    athlete: Athlete,
    as_of: dt.date | None = None,
    weeks: int = DEFAULT_WEEKS,
    saved: Mapping[dt.date, PlannedWeek] | None = None,
) -> list[WeekCompliance]:
    """Planned against done for the last ``weeks`` whole weeks up to ``as_of``."""
    as_of = as_of or athlete.last_date
    if as_of is None:
        return []
    table = metrics.weekly_table(athlete, as_of)
    daily = metrics.daily_frame(athlete, as_of) if athlete.week_totals is None else None
    return [
        _compare(_planned(athlete, week_of, saved), table, daily)
        for week_of in recent_weeks(athlete, as_of, weeks)
    ]


def latest_week(
    athlete: Athlete,
    as_of: dt.date | None = None,
    saved: Mapping[dt.date, PlannedWeek] | None = None,
    weekly: pd.DataFrame | None = None,
) -> WeekCompliance | None:
    """The last whole week's planned against done, for a roster of many athletes: the
    same status as ``compliance(athlete, as_of, 1, saved)``, without the day-by-day table
    (``days`` empty, ``key_runs_done`` None). ``weekly``: the weekly table up to
    ``as_of``, when the caller has it. None when nothing is logged."""
    as_of = as_of or athlete.last_date
    weeks = recent_weeks(athlete, as_of, 1) if as_of is not None else []
    if not weeks:
        return None
    table = metrics.weekly_table(athlete, as_of) if weekly is None else weekly
    return _compare(_planned(athlete, weeks[0], saved), table, None, day_by_day=False)


def _planned(
    athlete: Athlete, week_of: dt.date, saved: Mapping[dt.date, PlannedWeek] | None
) -> PlannedWeek:
    """The saved plan of that week, else legday's own plan replayed."""
    return (saved or {}).get(week_of) or PlannedWeek.of(plan_week(athlete, week_of=week_of))


def _compare(
    planned: PlannedWeek, table: pd.DataFrame, daily: pd.DataFrame | None, day_by_day: bool = True
) -> WeekCompliance:
    row = table[table["week_of"] == pd.Timestamp(planned.week_of)]
    done = row.iloc[0] if len(row) else None
    logged = done is not None and done["logged_days"] > 0
    plan = planned.days
    lifts = plan["strength"] != "none"
    done_days = _done_days(daily, planned.week_of)
    done_distance = float(done["distance"]) if logged else 0.0
    done_sessions = int(np.nan_to_num(done["strength_sessions"])) if logged else 0
    heavy = done["heavy_sessions"] if logged else 0.0
    return WeekCompliance(
        week_of=planned.week_of,
        source=planned.source,
        planned_distance=planned.distance,
        done_distance=done_distance,
        planned_sessions=int(lifts.sum()),
        done_sessions=done_sessions,
        planned_heavy=int((plan["strength"] == "heavy").sum()),
        done_heavy=None if heavy != heavy else int(heavy),
        key_runs_planned=int(plan["run"].isin(KEY_RUNS).sum()),
        key_runs_done=None if daily is None else int(done_days["run"].isin(KEY_RUNS).sum()),
        status=week_status(
            planned.distance, done_distance, int(lifts.sum()), done_sessions, logged
        ),
        logged=bool(logged),
        days=_side_by_side(plan, done_days) if day_by_day else pd.DataFrame(),
    )


def _done_days(daily: pd.DataFrame | None, week_of: dt.date) -> pd.DataFrame:
    if daily is None:
        return pd.DataFrame(columns=["date", "run", "distance", "strength", "logged"])
    start = pd.Timestamp(week_of)
    part = daily[(daily["date"] >= start) & (daily["date"] < start + pd.Timedelta(days=7))]
    return part[["date", "run", "distance", "strength", "logged"]]


def _side_by_side(plan: pd.DataFrame, done: pd.DataFrame) -> pd.DataFrame:
    """One row per day: the planned run, distance and session next to the logged ones."""
    merged = plan.merge(done, on="date", how="left", suffixes=("_planned", "_done"))
    merged["run_done"] = merged["run_done"].where(merged["logged"].fillna(False).astype(bool), "")
    merged["strength_done"] = merged["strength_done"].fillna("")
    return merged.drop(columns="logged")


def day_status(days: pd.DataFrame) -> pd.Series:
    """Each day of a ``WeekCompliance.days`` table of a daily log: green, yellow or red
    (module doc); a day not logged is red when something was planned for it."""
    run_done = days["run_done"].fillna("").astype(str)
    planned_run = days["run_planned"].astype(str)
    logged = run_done != ""
    ran_plan = planned_run.ne("rest")
    ran = logged & run_done.ne("rest")
    miss = (days["distance_done"].fillna(0.0) / days["distance_planned"] - 1).abs()
    lift_plan = days["strength_planned"].astype(str)
    lift = days["strength_done"].fillna("").replace("", "none").astype(str)
    red = (ran_plan & ~ran) | ((lift_plan != "none") & (lift == "none"))
    red |= ran_plan & ran & (miss > YELLOW_BAND)
    yellow = (ran & (run_done != planned_run)) | (lift != lift_plan)
    yellow |= ran_plan & ran & (miss > GREEN_BAND)
    status = np.where(red, "red", np.where(yellow, "yellow", "green"))
    return pd.Series(status, index=days.index, dtype=str)


def days_text(days: pd.DataFrame, units: str) -> pd.DataFrame:
    """A ``WeekCompliance.days`` table in words, one row per day: date, planned, done
    ("easy 5 mi + heavy legs", "rest", "not logged") and ``day_status``."""
    return pd.DataFrame(
        {
            "date": days["date"],
            "planned": _day_words(days["run_planned"], days["distance_planned"],
                                  days["strength_planned"], units),
            "done": _day_words(days["run_done"], days["distance_done"], days["strength_done"],
                               units),
            "status": day_status(days),
        }
    )  # fmt: skip


def _day_words(run: pd.Series, distance: pd.Series, strength: pd.Series, units: str) -> list[str]:
    out = []
    for kind, far, lift in zip(run.fillna(""), distance, strength.fillna(""), strict=True):
        if not kind:
            out.append("not logged")
            continue
        words = str(kind)
        if kind not in ("rest", "cross") and far == far and far > 0:
            words += f" {round(far, 1):g} {units}"
        if lift and lift != "none":
            words += f" + {lift} legs"
        out.append(words)
    return out
