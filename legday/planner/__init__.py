"""Plans: the next week (or the next N weeks) of runs and leg sessions, with reasons.

``plan_week`` plans one week, ``plan_weeks`` several in a row: the season first (each
week's phase, type and distance: legday.season), then each week's days, each planned as
if the weeks before it were done as planned. The modules: ``history`` (what the log
says), ``runs`` (the usual week around races), ``placement`` (where the sessions go,
under the rule book's checks), ``distances`` (how far each run goes, reconciled with
the week's aim), ``reasons`` and ``notes`` (the sentences), ``week`` (one week put
together).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from legday import clock, metrics, rules
from legday.exercises import Exercise
from legday.model import Athlete, Race
from legday.planner.history import History, history_of, log_races
from legday.planner.usual import default_week, usual_week
from legday.planner.values import NextRace, Plan, PlannedDay
from legday.planner.week import plan_one
from legday.progression import monday, progression_for
from legday.season import (
    MAX_WEEKS,
    NORMAL_TYPES,
    PHASES,
    Phase,
    Season,
    phase_for,
    plan_season,
    week_phases,
)

__all__ = [
    "MAX_WEEKS",
    "PHASES",
    "RULES",
    "Exercise",
    "NextRace",
    "Phase",
    "Plan",
    "PlannedDay",
    "default_week",
    "phase_for",
    "plan_week",
    "plan_weeks",
    "plan_with_season",
    "position",
    "replay",
    "resolve_dates",
    "violations",
]

#: Rule ids ``violations`` can return, in the order it returns them.
RULES = ("S1", "S3", "S4", "S5", "S6", "S8", "R1", "R2", "R3")


def resolve_dates(
    athlete: Athlete, as_of: dt.date | None = None, week_of: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """(as_of, week_of): the plan covers the Monday after ``as_of`` unless a week is given.

    ``week_of`` snaps back to its Monday; history is never read past the day before it.
    Without either date: the week after the last logged day, or, when the log stopped
    more than a week before today, the week that holds today (L1: a runner back from a
    break is planned from now, not from a week in the past).
    """
    if week_of is not None:
        start = monday(week_of)
        latest = start - dt.timedelta(days=1)
        if as_of is None:
            as_of = min(latest, athlete.last_date or latest)
        return min(as_of, latest), start
    if as_of is None:
        today = clock.today()
        last = athlete.last_date
        if last is None or (today - last).days > rules.STALE_DAYS:
            start = monday(today)
            return start - dt.timedelta(days=1), start
        as_of = last
    return as_of, as_of + dt.timedelta(days=7 - as_of.weekday())


def plan_week(
    athlete: Athlete, as_of: dt.date | None = None, week_of: dt.date | None = None
) -> Plan:
    """Plan the week starting the Monday after ``as_of`` (or the week of ``week_of``)."""
    return plan_weeks(athlete, as_of, week_of, 1)[0]


def plan_weeks(
    athlete: Athlete,
    as_of: dt.date | None = None,
    week_of: dt.date | None = None,
    weeks: int = 1,
) -> list[Plan]:
    """``weeks`` consecutive weeks from the first planned one; each week is planned as if
    the weeks before it were done as planned (rules hold across every week boundary)."""
    return plan_with_season(athlete, as_of, week_of, weeks, whole=False)[1]


def plan_with_season(
    athlete: Athlete,
    as_of: dt.date | None = None,
    week_of: dt.date | None = None,
    weeks: int = 1,
    whole: bool = True,
) -> tuple[Season, list[Plan]]:
    """The season first (each week's type and aim, from the log), then its first
    ``weeks`` weeks filled day by day; each week's target is taken again from the weeks
    before it as planned, so what a week's days could not hold lowers the weeks after.
    The season runs through the next A race and its recovery unless ``whole`` is False
    (then only the weeks planned: a week's type never depends on the weeks after it)."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be 1-{MAX_WEEKS}, not {weeks}")
    as_of, start = resolve_dates(athlete, as_of, week_of)
    history = _history(athlete, as_of, start, _normal_weeks(athlete, as_of))
    season = _season(athlete, history, start, weeks, whole)
    plans = []
    for number in range(weeks):
        week = season.weeks[number]
        plan = plan_one(athlete, history, week, as_of)
        plans.append(plan)
        history = history.after(plan, normal=week.type in NORMAL_TYPES, cutback=week.cutback)
    return season, plans


def _season(athlete: Athlete, history: History, start: dt.date, weeks: int, whole: bool) -> Season:
    """The season from ``start``: at least ``weeks`` weeks and, when ``whole``, through
    the next A race and its recovery (up to MAX_WEEKS)."""
    races = athlete.profile.races
    horizon = weeks
    ahead = [r for r in races if r.priority == "A" and r.date >= start]
    if ahead and whole:
        race = min(ahead, key=lambda r: r.date)
        km = rules.to_km(race.distance, athlete.units)
        through = (race.date + dt.timedelta(days=rules.recovery_days(km)) - start).days // 7 + 1
        horizon = max(weeks, min(through, MAX_WEEKS))
    return plan_season(
        athlete.profile, (*races, *history.log_races), athlete.units, start, horizon,
        history.past(start),
        stale=history.unlogged_weeks(start), last_logged=history.last_logged,
        backoff=any(history.soreness().values()), pain=history.pain is not None,
    )  # fmt: skip


def replay(
    athlete: Athlete, mondays: Sequence[dt.date], arrays: metrics.DayArrays | None = None
) -> list[Plan]:
    """``plan_week(athlete, week_of=monday)`` for each of ``mondays``: the plan legday
    would have made for each week the day before it began (planned against done compares
    a week with it). The log is read once for all of them; ``arrays``: the athlete's day
    arrays up to the last of those days or later, when the caller has them."""
    dates = [resolve_dates(athlete, None, monday_of) for monday_of in mondays]
    if not dates:
        return []
    latest = max(as_of for as_of, _ in dates)
    if arrays is None and athlete.week_totals is None:
        arrays = metrics.day_arrays(athlete, latest)
    normal = _normal_weeks(athlete, latest)
    first = _first_monday(athlete)
    plans = []
    for as_of, start in dates:
        weeks = None if normal is None or first is None else normal[: _week_count(first, as_of)]
        history = _history(athlete, as_of, start, weeks, arrays)
        week = _season(athlete, history, start, 1, whole=False).weeks[0]
        plans.append(plan_one(athlete, history, week, as_of))
    return plans


def _history(
    athlete: Athlete,
    as_of: dt.date,
    start: dt.date,
    normal: np.ndarray | None,
    arrays: metrics.DayArrays | None = None,
) -> History:
    """The log up to ``as_of``, its last days completed by the usual week up to ``start``."""
    history = history_of(athlete, as_of, normal, arrays)
    return history.completed_by(usual_week(athlete, history, start)[0])


def position(
    athlete: Athlete, as_of: dt.date | None = None, weekly: pd.DataFrame | None = None
) -> tuple[str, int]:
    """The coming week's phase and strength-block week, as ``plan_week`` finds them, without
    placing anything (the roster needs only these two). ``weekly``: the athlete's weekly
    table up to ``as_of``, when the caller has it."""
    as_of, start = resolve_dates(athlete, as_of)
    table = metrics.weekly_table(athlete, as_of) if weekly is None else weekly
    mondays = metrics.day_ordinals(table["week_of"])
    prog = progression_for(
        mondays,
        np.nan_to_num(table["strength_sessions"].to_numpy(float)),
        table["logged_days"].to_numpy(float) > 0,
        start,
        athlete.profile.block_start,
        athlete.profile.after_block,
        table["heavy_sessions"].to_numpy(float),
    )
    return phase_for(athlete.profile, start).name, prog.week


def _first_monday(athlete: Athlete) -> dt.date | None:
    """The Monday of the first logged week; None without a log."""
    if athlete.week_totals is not None:
        first = athlete.week_totals["week_of"].min()
    elif not athlete.days.empty:
        first = athlete.days["date"].min()
    else:
        return None
    return monday(first.date())


def _week_count(first: dt.date, as_of: dt.date) -> int:
    """Calendar weeks from the Monday ``first`` to the week holding ``as_of``."""
    return max((monday(as_of) - first).days // 7 + 1, 0)


def _normal_weeks(athlete: Athlete, as_of: dt.date) -> np.ndarray | None:
    """Which logged weeks trained as usual (build or maintain): the volume base."""
    start = _first_monday(athlete)
    if start is None:
        return None
    mondays = start.toordinal() + 7 * np.arange(_week_count(start, as_of))
    races = (*athlete.profile.races, *log_races(athlete, as_of))
    return np.array([p.normal for p in week_phases(athlete.profile, mondays, athlete.units, races)])


# ------------------------------------------------------------------------ violations


def _fields(day: Any) -> tuple[dt.date | None, str, str]:
    """(date, run, strength) from a PlannedDay, a mapping, a tuple or a bare run kind."""
    if day is None:
        return None, "rest", "none"
    if isinstance(day, str):
        return None, day, "none"
    if isinstance(day, Mapping):
        date, run, strength = day.get("date"), day.get("run", "rest"), day.get("strength", "none")
    elif isinstance(day, tuple | list):
        date, run = day[0], day[1]
        strength = day[2] if len(day) > 2 else "none"
    else:
        date, run, strength = day.date, day.run, day.strength
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    elif isinstance(date, pd.Timestamp | dt.datetime):
        date = date.date()
    return date, str(run), str(strength)


def violations(
    days: Sequence[Any],
    previous_day: Any = None,
    races: Iterable[dt.date | Race] = (),
    *,
    next_day: Any = None,
    units: str = "mi",
) -> list[str]:
    """The rule ids (from RULES) a run of consecutive days breaks; [] when it keeps them.

    A day is a PlannedDay, a mapping or a tuple with date, run and strength (dates are
    needed for the race rules). ``previous_day`` (the day before: a day or a bare run
    kind) matters for S4 and S5 across the week boundary, ``next_day`` for S5 on the
    last day. The checks are the rule book's, as the planner and the flags use them.
    """
    fields = [_fields(d) for d in days]
    if not fields:
        return []
    first = fields[0][0] or dt.date(2000, 1, 3)
    _, before_run, before_level = _fields(previous_day)
    kinds = [before_run] + [f[1] for f in fields] + [_fields(next_day)[1]]
    levels = np.array([[rules.LEVEL[before_level]] + [rules.LEVEL[f[2]] for f in fields] + [0]])
    race_list = [r if isinstance(r, Race) else Race("race", r) for r in races]
    facts = rules.day_facts(first - dt.timedelta(days=1), kinds, rules.race_days(race_list, units))
    week = slice(1, len(fields) + 1)
    hits = {r: m[0, week].any() for r, m in rules.broken(levels, facts).items()}
    hits["S5"] = hits["S5"] or bool(rules.s5_key_run_after_heavy(levels[0] == 2, facts)[week].any())
    hits["R1"] = bool(
        (rules.r1_key_run_before_race(facts) | rules.r1_day_before_a_race(facts))[week].any()
    )
    hits["R2"] = bool(rules.r2_too_soon_after_race(facts)[week].any()) or hits["R2"]
    return [r for r in RULES if hits.get(r)]
