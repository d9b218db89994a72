"""The coach's season: the curve of weeks ahead (``curve``: each week's type and
distance, planned before any day; ``phases``: what each week's leg sessions may be), and
the Planner page's tables and sentences: the weeks to the next A race, the strength block
at a glance, the days and equipment a plan was made for. No streamlit here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from legday import metrics, progression, rules
from legday.model import WEEKDAYS, Profile, Race
from legday.progression import BLOCK_WEEKS, MAINTAIN_PRESCRIPTION, PRESCRIPTION, monday
from legday.rules import recovery_days
from legday.season.curve import (
    MAX_WEEKS,
    NORMAL_TYPES,
    WEEK_TYPES,
    Past,
    Season,
    SeasonWeek,
    Volume,
    plan_season,
    refit,
    week_volume,
)
from legday.season.phases import PHASES, Phase, phase_for, week_phases
from legday.words import DAY_SHORT, equipment_words

if TYPE_CHECKING:
    from legday.planner import Plan

__all__ = [
    "BLOCK_COLUMNS",
    "MAX_WEEKS",
    "NORMAL_TYPES",
    "PHASES",
    "SEASON_COLUMNS",
    "WEEK_TYPES",
    "Past",
    "Phase",
    "Season",
    "SeasonWeek",
    "Volume",
    "after_block_text",
    "block_table",
    "next_a_race",
    "phase_for",
    "plan_season",
    "refit",
    "season_table",
    "season_weeks",
    "strength_setup",
    "week_phases",
    "week_volume",
    "weeks_to",
]

#: The season strip's length when no A race is planned.
DEFAULT_WEEKS = 8
SEASON_COLUMNS = (
    "week_of",
    "phase",
    "distance",
    "cutback",
    "sessions",
    "heavy",
    "light",
    "block_week",
    "focus",
    "sets",
    "race",
    "week_type",  # the season curve's: build, cutback, hold, taper, race, recovery, rebuild
    "aim",  # the curve's running distance for the week, planned before its days
)
BLOCK_COLUMNS = (
    "week_of",
    "when",  # done | now | ahead
    "block_week",  # 1-8; <NA> for a week without a session or a maintenance week
    "logged",
    "consistent",  # a week with a leg session (S9); <NA> for now and ahead
    "sessions",
    "heavy",
    "light",
    "soreness",
    "focus",
    "sets",
)


def next_a_race(profile: Profile, week_of: dt.date) -> Race | None:
    """The first A race on or after ``week_of`` (the first planned Monday)."""
    races = [r for r in profile.races if r.priority == "A" and r.date >= week_of]
    return min(races, key=lambda r: r.date, default=None)


def weeks_to(race: Race | dt.date, week_of: dt.date) -> int:
    """Weeks from ``week_of``'s week up to and including the race's (or the day's) week
    (1: this week)."""
    day = race if isinstance(race, dt.date) else race.date
    return (monday(day) - monday(week_of)).days // 7 + 1


def season_weeks(profile: Profile, week_of: dt.date) -> int:
    """How many weeks the season strip shows: through the next A race and its recovery
    days (R2), or DEFAULT_WEEKS without one; never more than the planner's MAX_WEEKS."""
    race = next_a_race(profile, week_of)
    if race is None:
        return DEFAULT_WEEKS
    recovered = race.date + dt.timedelta(
        days=recovery_days(rules.to_km(race.distance, profile.units))
    )
    return min(weeks_to(recovered, week_of), MAX_WEEKS)


def season_table(
    plans: Sequence[Plan], races: Iterable[Race] = (), curve: Season | None = None
) -> pd.DataFrame:
    """One row per planned week: phase, planned distance (the days' sum), cutback, leg
    sessions (heavy and light), block week, focus and sets, the name of a race that week
    ("" if none), the season's week type and, with ``curve``, its aim."""
    races = list(races)
    aims = {w.week_of: w.aim for w in curve.weeks} if curve is not None else {}
    rows = []
    for plan in plans:
        end = plan.week_of + dt.timedelta(days=6)
        race = next((r.name for r in races if plan.week_of <= r.date <= end), "")
        prog = plan.progression
        rows.append(
            {
                "week_of": pd.Timestamp(plan.week_of),
                "phase": plan.phase,
                "distance": round(plan.distance, 1),
                "cutback": plan.cutback,
                "sessions": plan.sessions,
                "heavy": plan.heavy_sessions,
                "light": plan.sessions - plan.heavy_sessions,
                "block_week": prog.week,
                "focus": prog.focus,
                "sets": prog.sets,
                "race": race,
                "week_type": plan.week_type,
                "aim": aims.get(plan.week_of, np.nan) if aims else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=list(SEASON_COLUMNS))


# ------------------------------------------------------------------------- the block


def block_table(
    weekly: pd.DataFrame,
    plan: Plan,
    block_start: dt.date | None = None,
) -> pd.DataFrame:
    """The current block week by week: the weeks done in it (consistent or not, sessions
    light and heavy, soreness, the block week each counted as), the planned week
    (``now``) and the block weeks still ahead, each with its prescription (focus, sets).

    ``weekly`` is the athlete's weekly table up to the plan's as-of date and ``plan`` the
    coming week's plan: its progression is where the athlete stands (legday.progression
    counts the block from the same weekly sessions). After week 8 with ``after_block:
    maintain`` the last 8 consistent weeks are shown, then the maintenance week.
    """
    prog = plan.progression
    maintain = prog.focus == "maintain"
    done = _done_weeks(weekly, plan.week_of, block_start, prog, maintain)
    now = {
        "week_of": pd.Timestamp(plan.week_of),
        "when": "now",
        "block_week": pd.NA if maintain else prog.week,
        "logged": False,
        "consistent": pd.NA,
        "sessions": float(plan.sessions),
        "heavy": float(plan.heavy_sessions),
        "light": float(plan.sessions - plan.heavy_sessions),
        "soreness": np.nan,
        "focus": prog.focus,
        "sets": prog.sets,
    }
    ahead = []
    if not maintain:
        for number in range(prog.week + 1, BLOCK_WEEKS + 1):
            focus, sets, _ = PRESCRIPTION[number]
            week = plan.week_of + dt.timedelta(weeks=number - prog.week)
            ahead.append(
                {"week_of": pd.Timestamp(week), "when": "ahead", "block_week": number,
                 "logged": False, "consistent": pd.NA, "sessions": np.nan, "heavy": np.nan,
                 "light": np.nan, "soreness": np.nan, "focus": focus, "sets": sets}
            )  # fmt: skip
    frame = pd.DataFrame([*done, now, *ahead], columns=list(BLOCK_COLUMNS))
    frame["block_week"] = frame["block_week"].astype("Int64")
    frame["consistent"] = frame["consistent"].astype("boolean")
    frame["logged"] = frame["logged"].astype(bool)
    for column in ("sessions", "heavy", "light", "soreness"):
        frame[column] = frame[column].astype(float)
    frame["sets"] = frame["sets"].astype(int)
    return frame


def _done_weeks(
    weekly: pd.DataFrame,
    week_of: dt.date,
    block_start: dt.date | None,
    prog: progression.Progression,
    maintain: bool,
) -> list[dict]:
    """The calendar weeks of the current block before ``week_of``: from the week that
    counted as its first consistent week (of this round of 8) to the last week."""
    shown = min(prog.consistent_weeks, BLOCK_WEEKS) if maintain else prog.week - 1
    if shown <= 0 or weekly.empty:
        return []
    mondays = metrics.day_ordinals(weekly["week_of"])
    before = mondays < week_of.toordinal()
    sessions = np.nan_to_num(weekly["strength_sessions"].to_numpy(float))
    heavy = weekly["heavy_sessions"].to_numpy(float)
    logged = weekly["logged_days"].to_numpy(float) > 0
    weeks = progression.block_weeks(
        mondays[before], sessions[before], logged[before], week_of - dt.timedelta(days=7),
        block_start, heavy[before],
    )  # fmt: skip
    hits = np.flatnonzero(weeks.consistent)
    if hits.size < shown:
        return []
    by_monday = weekly.assign(_ordinal=mondays).set_index("_ordinal")
    rows = []
    for i in range(int(hits[-shown]), weeks.monday.size):
        rows.append(_done_row(weeks, i, by_monday, maintain))
    return rows


def _done_row(
    weeks: progression.BlockWeeks, i: int, by_monday: pd.DataFrame, maintain: bool
) -> dict:
    ordinal = int(weeks.monday[i])
    row = by_monday.loc[ordinal] if ordinal in by_monday.index else None
    consistent = bool(weeks.consistent[i])
    count = int(weeks.count[i])
    number = (count - 1) % BLOCK_WEEKS + 1 if consistent else None
    if consistent and maintain and count > BLOCK_WEEKS:
        number = None
    focus, sets, _ = MAINTAIN_PRESCRIPTION if number is None else PRESCRIPTION[number]
    sessions = float(weeks.sessions[i])
    heavy = np.nan if row is None else float(row["heavy_sessions"])
    return {
        "week_of": pd.Timestamp(dt.date.fromordinal(ordinal)),
        "when": "done",
        "block_week": pd.NA if number is None else number,
        "logged": row is not None and float(row["logged_days"]) > 0,
        "consistent": consistent,
        "sessions": sessions,
        "heavy": heavy,
        "light": sessions - heavy if np.isfinite(heavy) else np.nan,
        "soreness": np.nan if row is None else float(row["soreness_avg"]),
        "focus": focus if consistent else "",
        "sets": sets if consistent else 0,
    }


def after_block_text(after_block: str) -> str:
    """What follows week 8, from the profile's ``strength: after_block``."""
    if after_block == "maintain":
        return (
            "After week 8: maintain. The profile's strength: after_block is maintain, so "
            f"the block's load is held with {MAINTAIN_PRESCRIPTION[1]} sets a week (S12)."
        )
    return (
        "After week 8: a new block starts at week 1. The profile's strength: after_block "
        "is new (the default); set it to maintain to hold the block's strength instead."
    )


# ----------------------------------------------------------------- days and equipment


def strength_setup(plan: Plan) -> str:
    """Which days and which equipment the plan's leg sessions were planned for."""
    kit = equipment_words(plan.equipment)
    if plan.strength_days:
        days = [DAY_SHORT.get(d, d) for d in WEEKDAYS if d in plan.strength_days]
        listed = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1]
        return (
            f"Planned for leg sessions on {listed} only (the profile's strength days), with {kit}."
        )
    return f"Planned for leg sessions on any day the rules allow, with {kit}."
