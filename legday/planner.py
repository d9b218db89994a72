"""Next week's plan: phase, leg-session placement under rules S1-S13, distances, reasons.

Placement is exhaustive, not greedy: every one of the 3^7 ways to give each day no
session, a light one or a heavy one is checked against the rules at once (numpy), so
whenever any placement reaches the week's target without breaking a rule, the plan
reaches it too. Among the valid placements that reach it, a documented score picks one
(docs/planner.md). ``violations`` is the same rule check for one week, public so tests
and other modules judge a week exactly as the planner does.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from legday import clock
from legday.exercises import Exercise, session
from legday.metrics import weekly_table
from legday.model import KEY_RUNS, WEEKDAYS, Athlete, Race
from legday.progression import Progression, monday, progression_for

__all__ = [
    "PHASES",
    "RULES",
    "Exercise",
    "NextRace",
    "Plan",
    "PlannedDay",
    "default_week",
    "phase_for",
    "plan_roster",
    "plan_week",
    "resolve_dates",
    "violations",
]

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEVELS = ("none", "light", "heavy")
PHASES = ("build", "maintain", "taper", "race-week", "recovery")
#: Rule ids ``violations`` can return, in the order it returns them.
RULES = ("S1", "S3", "S4", "S5", "S6", "S8")

#: Sessions the week aims for (S1 build, S2 maintain, S8 taper and race week, P1 recovery).
TARGET = {"build": 2, "maintain": 1, "taper": 1, "race-week": 1, "recovery": 1}
TARGET_RULE = {"build": "S1", "maintain": "S2", "taper": "S8", "race-week": "S8", "recovery": "P1"}
#: The heaviest level a phase allows: 2 heavy, 1 light (S8: drop the weights 10-14 days out).
MAX_LEVEL = {"build": 2, "maintain": 2, "taper": 1, "race-week": 1, "recovery": 1}

#: Score of a session on a day of this kind (S6: stacked on a hard day run-first keeps the
#: easy days easy; after an easy run next; cross-training and moderate days also work).
DAY_SCORE = {"hard": 3.5, "easy": 3, "cross": 2, "moderate": 1}
HEAVY_SCORE = 10  # prefer loaded sessions when the phase builds or maintains (S12)
ADJACENT_PENALTY = 4  # two sessions on consecutive days leave no recovery between them
BEFORE_LONG_PENALTY = 2  # a light session the day before a long run is allowed (S7), not ideal
BEFORE_HARD_PENALTY = 1
FAR_FROM_RACE = 0.005  # a tie-break only: 2 x 30 days x 0.005 < the smallest other step (0.5)
#: S10: a soreness rise counts once the week's average leaves the "fine" 0-3 band.
SORENESS_RISE_FLOOR = 4.0

#: Distance split across run days by kind (share of the week's distance).
DISTANCE_WEIGHT = {"easy": 1.0, "moderate": 1.3, "hard": 1.1, "long": 2.2}
GROWTH = 1.10  # the "10% rule": a convention, not evidence (Buist 2008)
LONG_RUN_CAP = 1.10  # x the longest run of the last 30 days (Frandsen 2025)
#: Week's distance as a share of the last 4 weeks' mean (Bosquet 2007: cut 41-60% over
#: about 2 weeks keeping intensity; 0.65 then 0.45 averages a 45% cut).
PHASE_VOLUME = {"taper": 0.65, "race-week": 0.45, "recovery": 0.6}
BACKOFF_VOLUME = 0.9
RAMP_LIMIT = 0.30  # >30% over two weeks went with more injuries (Nielsen 2014)

#: Default usual weeks by runs per week (used when neither the profile nor the log gives one).
DEFAULT_WEEKS: dict[int, tuple[str, ...]] = {
    0: ("rest", "easy", "rest", "rest", "easy", "rest", "rest"),
    1: ("rest", "easy", "rest", "rest", "rest", "rest", "rest"),
    2: ("rest", "easy", "rest", "rest", "rest", "long", "rest"),
    3: ("rest", "easy", "rest", "hard", "rest", "long", "rest"),
    4: ("rest", "easy", "easy", "hard", "rest", "long", "rest"),
    5: ("rest", "easy", "moderate", "hard", "easy", "long", "rest"),
    6: ("easy", "easy", "moderate", "hard", "easy", "long", "rest"),
    7: ("easy", "easy", "moderate", "hard", "easy", "long", "easy"),
}
_FAR = 10**6  # "no race ahead" in days

#: Every placement of none/light/heavy over 7 days: (2187, 7), Monday most significant.
PLACEMENTS = np.array(list(itertools.product(range(3), repeat=7)), dtype=np.int8)
_KIND_RANK = {"rest": 0, "cross": 1, "easy": 2, "moderate": 3, "hard": 4, "long": 5, "race": 6}


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class PlannedDay:
    date: dt.date
    weekday: str  # mon .. sun
    run: str  # rest easy moderate hard long race cross
    distance: float | None  # athlete's units; None on rest and cross days
    strength: str  # none light heavy
    exercises: tuple[Exercise, ...]
    why: tuple[str, ...]  # "S4: ..." one sentence per choice, rule id first

    def to_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "weekday": self.weekday,
            "run": self.run,
            "distance": self.distance,
            "strength": self.strength,
            "exercises": [e.to_dict() for e in self.exercises],
            "why": list(self.why),
        }


@dataclass(frozen=True)
class NextRace:
    name: str
    date: dt.date
    days_to_go: int  # from the plan's as-of date
    distance: float | None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "date": self.date.isoformat(),
            "days_to_go": self.days_to_go,
            "distance": self.distance,
        }


@dataclass(frozen=True)
class Plan:
    athlete: str
    name: str
    units: str
    week_of: dt.date
    as_of: dt.date
    phase: str
    next_race: NextRace | None
    progression: Progression
    days: tuple[PlannedDay, ...]
    flags: tuple[str, ...]
    target_sessions: int

    @property
    def sessions(self) -> int:
        return sum(day.strength != "none" for day in self.days)

    def to_dict(self) -> dict:
        """The JSON shape of issue 4 (``legday plan --format json``)."""
        return {
            "athlete": self.athlete,
            "name": self.name,
            "units": self.units,
            "week_of": self.week_of.isoformat(),
            "phase": self.phase,
            "next_race": self.next_race.to_dict() if self.next_race else None,
            "progression": self.progression.to_dict(),
            "days": [day.to_dict() for day in self.days],
            "flags": list(self.flags),
        }


# --------------------------------------------------------------------------- rules


def _day_masks(
    runs: Sequence[str], previous_run: str, next_run: str, days_to_race: np.ndarray
) -> dict[str, np.ndarray]:
    """Per-day facts the rules need, as boolean arrays over the days."""
    before = [previous_run, *runs[:-1]]
    after = [*runs[1:], next_run]
    return {
        "rest": np.array([r == "rest" for r in runs]),
        "after_key": np.array([r in ("hard", "long", "race") for r in before]),
        "before_key": np.array([r in KEY_RUNS for r in after]),
        "long_or_race": np.array([r in ("long", "race") for r in runs]),
        "race_2": days_to_race <= 2,
        "race_10": days_to_race <= 10,
        "race_14": days_to_race <= 14,
        "days_to_race": days_to_race,
    }


def violation_matrix(placements: np.ndarray, masks: Mapping[str, np.ndarray]) -> np.ndarray:
    """(n placements, len(RULES)) booleans: which rule each placement breaks.

    S1 more than 2 sessions; S3 a session on a rest day; S4 a session the day after a
    hard run, long run or race (the week's first day looks at last Sunday); S5 a heavy
    session the day before a key run; S6 a session on a long-run or race day (it goes
    after an easy run or, later the same day, a hard one); S8 any session in the 2 days
    before a race, a heavy one in the 10 days before, more than one in the 14 days before.
    """
    lift = placements > 0
    heavy = placements == 2
    s8 = (
        (lift & masks["race_2"]).any(1)
        | (heavy & masks["race_10"]).any(1)
        | ((lift & masks["race_14"]).sum(1) > 1)
    )
    return np.stack(
        [
            lift.sum(1) > 2,
            (lift & masks["rest"]).any(1),
            (lift & masks["after_key"]).any(1),
            (heavy & masks["before_key"]).any(1),
            (lift & masks["long_or_race"]).any(1),
            s8,
        ],
        axis=1,
    )


def days_to_race(dates: Sequence[dt.date], races: Iterable[dt.date | Race]) -> np.ndarray:
    """Days from each date to the next race on or after it (a large number when none)."""
    race_days = np.array(
        sorted({(r.date if isinstance(r, Race) else r).toordinal() for r in races}), dtype=np.int64
    )
    day = np.array([d.toordinal() for d in dates], dtype=np.int64)
    if race_days.size == 0:
        return np.full(day.shape, _FAR, dtype=np.int64)
    pos = np.searchsorted(race_days, day, side="left")
    ahead = np.where(pos < race_days.size, race_days[np.minimum(pos, race_days.size - 1)], 0)
    return np.where(pos < race_days.size, ahead - day, _FAR)


def _fields(day: Any) -> tuple[dt.date | None, str, str]:
    """(date, run, strength) from a PlannedDay, a mapping, a tuple or a bare run kind."""
    if day is None:
        return None, "rest", "none"
    if isinstance(day, str):
        return None, day, "none"
    if isinstance(day, Mapping):
        date = day.get("date")
        run, strength = day.get("run", "rest"), day.get("strength", "none")
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
) -> list[str]:
    """The rule ids (from RULES) a week of consecutive days breaks; [] when it keeps them all.

    A day is a PlannedDay, a mapping or a tuple with date, run and strength.
    ``previous_day`` (the Sunday before; a day or a bare run kind) matters for S4, and
    ``next_day`` (the Monday after) for S5 on the last day.
    """
    fields = [_fields(d) for d in days]
    if not fields:
        return []
    dates = [f[0] for f in fields]
    runs = [f[1] for f in fields]
    placement = np.array([[LEVELS.index(f[2]) for f in fields]], dtype=np.int8)
    if any(d is None for d in dates):
        dtr = np.full(len(fields), _FAR, dtype=np.int64)
    else:
        dtr = days_to_race(dates, races)
    masks = _day_masks(runs, _fields(previous_day)[1], _fields(next_day)[1], dtr)
    broken = violation_matrix(placement, masks)[0]
    return [rule for rule, hit in zip(RULES, broken, strict=True) if hit]


# --------------------------------------------------------------------------- dates, phase


def resolve_dates(
    athlete: Athlete, as_of: dt.date | None = None, week_of: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """(as_of, week_of): the plan covers the Monday after ``as_of`` unless a week is given.

    ``week_of`` snaps back to its Monday; history is never read past the day before it.
    """
    if week_of is not None:
        start = monday(week_of)
        latest = start - dt.timedelta(days=1)
        if as_of is None:
            as_of = min(latest, athlete.last_date or latest)
        return min(as_of, latest), start
    if as_of is None:
        as_of = athlete.last_date or clock.today()
    return as_of, as_of + dt.timedelta(days=7 - as_of.weekday())


def phase_for(profile: Any, week_of: dt.date) -> tuple[str, Race | None]:
    """The week's phase and the race that decides it (if any).

    race-week: a race in the week; taper: a race 7-14 days after the Monday; recovery:
    a race in the 7 days before it; otherwise build (off-season) or maintain (race season).
    """
    races = sorted(profile.races, key=lambda r: r.date)
    end = week_of + dt.timedelta(days=6)
    for race in races:
        if week_of <= race.date <= end:
            return "race-week", race
    for race in races:
        if end < race.date <= week_of + dt.timedelta(days=14):
            return "taper", race
    for race in reversed(races):
        if week_of - dt.timedelta(days=7) <= race.date < week_of:
            return "recovery", race
    season = profile.season_on(week_of)
    return ("maintain" if season == "race-season" else "build"), None


def default_week(runs_per_week: float | None) -> dict[str, str]:
    """A plain usual week for ``runs_per_week`` runs (5 when unknown: the article's week)."""
    count = 5 if runs_per_week is None or np.isnan(runs_per_week) else round(runs_per_week)
    return dict(zip(WEEKDAYS, DEFAULT_WEEKS[min(max(count, 0), 7)], strict=True))


# --------------------------------------------------------------------------- history


@dataclass(frozen=True)
class _History:
    base: float | None  # mean weekly distance of the last (up to) 4 complete weeks
    last: float | None
    weeks: int
    runs_per_week: float | None
    longest_30: float | None
    ramp: float | None  # last week vs the mean of the 3 before, as a fraction
    last_week_sessions: int


def _weekly(athlete: Athlete, as_of: dt.date) -> pd.DataFrame:
    """legday.metrics' weekly table, complete weeks only (a partial week reads low)."""
    table = weekly_table(athlete, as_of)
    full = table.attrs.get("days_in_week")
    if full is not None and len(full) == len(table):
        table = table[np.asarray(full) >= 7]
    return table


def _history(athlete: Athlete, as_of: dt.date, week_of: dt.date) -> _History:
    table = _weekly(athlete, as_of)
    table = table[table["week_of"] < pd.Timestamp(week_of)].tail(4)
    dist = table["distance"].to_numpy(float)
    base = float(np.nanmean(dist)) if dist.size and np.isfinite(dist).any() else None
    last = float(dist[-1]) if dist.size and np.isfinite(dist[-1]) else None
    runs = table["runs"].to_numpy(float)
    runs_per_week = float(np.nanmedian(runs)) if runs.size and np.isfinite(runs).any() else None
    ramp = None
    if dist.size >= 2 and last is not None:
        before = float(np.nanmean(dist[:-1]))
        ramp = last / before - 1 if before > 0 else None
    start = pd.Timestamp(as_of - dt.timedelta(days=29))
    if athlete.week_totals is not None:
        totals = athlete.week_totals
        recent = totals[
            (totals["week_of"] + pd.Timedelta(days=6) >= start)
            & (totals["week_of"] <= pd.Timestamp(as_of))
        ]
        longest = recent["long_run"].max()
    else:
        recent = _between(athlete.days, start, pd.Timestamp(as_of))
        longest = recent.loc[recent["run"] != "cross", "distance"].max()
    longest_30 = float(longest) if pd.notna(longest) and longest > 0 else None
    sessions = table["strength_sessions"].to_numpy(float)
    last_sessions = int(sessions[-1]) if sessions.size and np.isfinite(sessions[-1]) else 0
    return _History(base, last, len(table), runs_per_week, longest_30, ramp, last_sessions)


def _between(days: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Rows dated start..end (inclusive) of a date-sorted daily frame, by binary search."""
    dates = days["date"].to_numpy()
    lo = np.searchsorted(dates, start.to_datetime64(), side="left")
    hi = np.searchsorted(dates, end.to_datetime64(), side="right")
    return days.iloc[lo:hi]


def soreness_backoff(athlete: Athlete, as_of: dt.date) -> str | None:
    """S10: why the week backs off, or None. Looks at the 7 days ending ``as_of``.

    Back off when soreness reached 6 or more on two days, or rose to an average of 4 or
    more (out of the reference's "fine" 0-3 band) while leg load rose. Weekly totals: an
    average of 6 or more, or such a rise with more sessions.
    """
    end = pd.Timestamp(as_of)
    start = end - pd.Timedelta(days=6)
    if athlete.week_totals is not None:
        totals = athlete.week_totals[athlete.week_totals["week_of"] <= end - pd.Timedelta(days=6)]
        if totals.empty:
            return None
        tail = totals.sort_values("week_of").tail(2)
        now = tail.iloc[-1]
        if pd.notna(now["soreness"]) and now["soreness"] >= 6:
            return f"last week's average soreness was {now['soreness']:g}/10 (6 or more)"
        if len(tail) == 2:
            was = tail.iloc[0]
            if (
                pd.notna(was["soreness"])
                and pd.notna(now["soreness"])
                and now["soreness"] >= SORENESS_RISE_FLOOR
                and now["soreness"] > was["soreness"]
                and now["strength_sessions"] > was["strength_sessions"]
            ):
                return (
                    f"soreness rose ({was['soreness']:g} to {now['soreness']:g}) while leg "
                    f"sessions rose ({was['strength_sessions']:g} to {now['strength_sessions']:g})"
                )
        return None
    window = _between(athlete.days, start - pd.Timedelta(days=7), end)
    if window.empty:
        return None
    this_week = window["date"] >= start
    high = window.loc[this_week & (window["soreness"] >= 6), "date"].nunique()
    if high >= 2:
        return f"soreness reached 6 or more on {high} days last week"
    load = (window["strength_minutes"] * window["strength_rpe"]).fillna(0.0)
    load = load.where(load > 0, (window["strength"] != "none").astype(float))
    now_load, was_load = float(load[this_week].sum()), float(load[~this_week].sum())
    now_sore = window.loc[this_week, "soreness"].mean()
    was_sore = window.loc[~this_week, "soreness"].mean()
    if (
        pd.notna(now_sore)
        and pd.notna(was_sore)
        and now_sore >= SORENESS_RISE_FLOOR
        and now_sore > was_sore
        and now_load > was_load
    ):
        return (
            f"average soreness rose ({was_sore:.1f} to {now_sore:.1f}) while leg load rose "
            f"({was_load:g} to {now_load:g})"
        )
    return None


def _previous_day(
    athlete: Athlete, week_of: dt.date, as_of: dt.date, usual: Mapping[str, str], races: Sequence
) -> tuple[str, str]:
    """(run, strength) of the Sunday before the week: the log's, else the usual week's."""
    sunday = week_of - dt.timedelta(days=1)
    if any(r.date == sunday for r in races):
        return "race", "none"
    if athlete.week_totals is None and sunday <= as_of:
        rows = athlete.days[athlete.days["date"] == pd.Timestamp(sunday)]
        if not rows.empty:
            run = max(rows["run"], key=lambda k: _KIND_RANK.get(k, 0))
            strength = max(rows["strength"], key=LEVELS.index)
            return str(run), str(strength)
    return usual["sun"], "none"


# --------------------------------------------------------------------------- the plan


def _adjust_runs(
    runs: list[str], dates: list[dt.date], races: Sequence[Race], phase: str
) -> tuple[list[str], list[str | None]]:
    """Race days become ``race``; race and recovery weeks soften runs around the race."""
    notes: list[str | None] = [None] * 7
    out = list(runs)
    for i, day in enumerate(dates):
        on = [r for r in races if r.date == day]
        if on:
            out[i], notes[i] = "race", f"S8: race day: {on[0].name}."
            continue
        ahead = [(r.date - day).days for r in races if 0 < (r.date - day).days <= 6]
        behind = [(day - r.date).days for r in races if 0 < (day - r.date).days <= 7]
        if phase == "race-week" and ahead:
            if min(ahead) <= 2 and out[i] in ("hard", "long", "moderate"):
                out[i], notes[i] = "easy", "V3: two days before the race: a short easy run only."
            elif out[i] == "long":
                out[i] = "moderate"
                notes[i] = "V3: race week: the long run shrinks to a moderate one (taper)."
        elif behind and out[i] in ("hard", "long"):
            was = out[i]
            out[i] = "easy"
            notes[i] = f"P1: {min(behind)} days after the race: easy instead of {was}."
    return out, notes


def _usual_week(athlete: Athlete, history: _History) -> tuple[dict[str, str], str | None]:
    profile = athlete.profile
    weekly = athlete.week_totals is not None
    if profile.week is not None:
        given = {day: profile.week.get(day, "rest") for day in WEEKDAYS}
        if profile.week_source == "inferred":
            return given, (
                "W1: no usual week in the profile: it was read from the last 4 weeks of the log."
            )
        if weekly:
            return given, (
                "W2: weekly totals only: distances come from your weekly totals, days from "
                "the usual week in your profile."
            )
        return given, None
    week = default_week(history.runs_per_week)
    runs = sum(k != "rest" for k in week.values())
    source = "weekly totals" if weekly else "log"
    shown = ", ".join(f"{d} {k}" for d, k in week.items())
    why = (
        f"about {history.runs_per_week:g} runs a week in your {source}"
        if history.runs_per_week is not None
        else "no complete week logged yet"
    )
    return week, (
        f"W{2 if weekly else 1}: no usual week given: a default {runs}-run week is used "
        f"({why}): {shown}. Add `week:` to the profile to plan your real days."
    )


def _week_distance(phase: str, history: _History, backoff: bool) -> tuple[float | None, str]:
    if history.base is None or history.base <= 0:
        return None, "V1: no distances in the last 4 weeks: the plan gives run kinds only."
    base = history.base
    if phase in PHASE_VOLUME:
        share = PHASE_VOLUME[phase]
        return base * share, (
            f"V3: {phase}: about {base * share:.0f} of your usual {base:.0f} "
            f"({(1 - share) * 100:.0f}% less; Bosquet 2007: cut 41-60% over 2 weeks, "
            "keep some intensity)."
        )
    if backoff:
        return base * BACKOFF_VOLUME, (
            f"V4: held at {base * BACKOFF_VOLUME:.0f} (10% under your 4-week mean of "
            f"{base:.0f}) while soreness settles (S10)."
        )
    if history.ramp is not None and history.ramp > RAMP_LIMIT:
        return base, (
            f"V4: last week was {history.ramp * 100:.0f}% above the 3 before it: distance "
            f"held at your 4-week mean of {base:.0f} (Nielsen 2014: >30% jumps went with "
            "more injuries)."
        )
    return base * GROWTH, (
        f"V1: about {base * GROWTH:.0f}: your 4-week mean of {base:.0f} plus 10%, a "
        "convention for gentle growth, not a proven limit (Buist 2008)."
    )


def _round_half(value: float) -> float:
    """To the nearest half unit, halves up (Python's round() would round 6.5 to 6)."""
    return max(1.0, float(np.floor(value * 2 + 0.5 + 1e-9)) / 2)  # 1e-9: float noise


def _distances(
    runs: list[str], weekly: float | None, history: _History, races_on: list[Race | None]
) -> tuple[list[float | None], list[str | None]]:
    weights = np.array([DISTANCE_WEIGHT.get(r, 0.0) for r in runs])
    out: list[float | None] = [None] * 7
    notes: list[str | None] = [None] * 7
    for i, race in enumerate(races_on):
        if race is not None:
            out[i] = race.distance
    if weekly is None or weights.sum() == 0:
        return out, notes
    raw = weekly * weights / weights.sum()
    cap = LONG_RUN_CAP * history.longest_30 if history.longest_30 else None
    # the cap rounds down, so rounding never lifts a run over it
    cap_half = max(1.0, float(np.floor(cap * 2 + 1e-9)) / 2) if cap is not None else None
    for i in np.flatnonzero(weights > 0):
        value = _round_half(float(raw[i]))
        if cap_half is not None and value > cap_half:
            value = cap_half
            notes[i] = (
                f"V2: capped at {cap_half:g}, within 1.1 x your longest run of the last "
                f"30 days ({history.longest_30:g}; Frandsen 2025: longer single runs went "
                "with more injuries)."
            )
        out[i] = value
    return out, notes


def _choose(
    runs: list[str], masks: Mapping[str, np.ndarray], target: int, max_level: int
) -> tuple[np.ndarray, int, np.ndarray]:
    """(best placement, sessions it holds, the valid-placement mask)."""
    broken = violation_matrix(PLACEMENTS, masks).any(1)
    valid = ~broken & (PLACEMENTS.max(1) <= max_level)
    lift = PLACEMENTS > 0
    count = lift.sum(1)
    reach = int(min(target, count[valid].max()))
    candidates = np.flatnonzero(valid & (count == reach))
    sub = PLACEMENTS[candidates]
    sub_lift = sub > 0
    day_score = np.array([DAY_SCORE.get(r, 0) for r in runs])
    next_long = np.append(np.array([r == "long" for r in runs[1:]]), False)
    next_hard = np.append(np.array([r == "hard" for r in runs[1:]]), False)
    score = (
        (HEAVY_SCORE if max_level == 2 else 0) * (sub == 2).sum(1)
        + (sub_lift * day_score).sum(1)
        - ADJACENT_PENALTY * (sub_lift[:, 1:] & sub_lift[:, :-1]).sum(1)
        - BEFORE_LONG_PENALTY * (sub_lift & next_long).sum(1)
        - BEFORE_HARD_PENALTY * (sub_lift & next_hard).sum(1)
        # ties: in a taper, the session furthest from the race
        + FAR_FROM_RACE * (sub_lift * np.minimum(masks["days_to_race"], 30)).sum(1)
    )
    return sub[int(np.argmax(score))], reach, valid


def _blocked_reasons(
    runs: list[str], masks: Mapping[str, np.ndarray], i: int, previous_run: str = "rest"
) -> list[str]:
    """Why no session can sit on day ``i`` at all (rule-id sentences)."""
    name = DAY_NAMES
    out = []
    if masks["rest"][i]:
        out.append("S3: rest day: it stays rest.")
    if masks["after_key"][i]:
        before = runs[i - 1] if i else previous_run
        day = f"{name[i - 1]}'s" if i else "last Sunday's"
        what = f"{day} race" if before == "race" else f"{day} {before} run"
        out.append(f"S4: the day after {what}: recovery, no leg work.")
    if masks["long_or_race"][i]:
        out.append(f"S6: {runs[i]} day: the run is the day's work, no lifting.")
    if masks["race_2"][i]:
        out.append("S8: within 2 days of the race: no leg work.")
    return out


def _suggest(
    runs: list[str], previous_run: str, next_run: str, dtr: np.ndarray, target: int, max_level: int
) -> list[str]:
    """Single changes to the usual week that would let the target fit (for the flag)."""
    tries: list[tuple[int, str, list[str]]] = []
    for i, kind in enumerate(runs):
        if kind == "race":
            continue
        if kind == "rest":
            for new, text in (("easy", "run easy"), ("cross", "cross-train")):
                changed = [*runs[:i], new, *runs[i + 1 :]]
                tries.append((0, f"{text} on {DAY_NAMES[i]} instead of resting", changed))
        for j in range(i + 1, 7):
            if runs[j] != kind and runs[j] != "race":
                changed = list(runs)
                changed[i], changed[j] = runs[j], kind
                tries.append(
                    (1, f"swap {DAY_NAMES[i]} ({kind}) and {DAY_NAMES[j]} ({runs[j]})", changed)
                )
        if kind in ("hard", "long", "moderate"):
            changed = [*runs[:i], "easy", *runs[i + 1 :]]
            tries.append((2, f"make {DAY_NAMES[i]}'s {kind} run an easy one", changed))
    fits = []
    for rank, text, changed in tries:
        masks = _day_masks(changed, previous_run, next_run, dtr)
        broken = violation_matrix(PLACEMENTS, masks).any(1)
        valid = ~broken & (PLACEMENTS.max(1) <= max_level)
        if (PLACEMENTS[valid] > 0).sum(1).max() >= target:
            fits.append((rank, text))
    fits.sort(key=lambda t: t[0])
    # at most one idea per day, two in all: easy before cross, rest days before swaps
    seen: set[str] = set()
    ideas = []
    for _, text in fits:
        day = next(name for name in DAY_NAMES if name in text)
        if day not in seen:
            seen.add(day)
            ideas.append(text)
    return ideas[:2]


@dataclass(frozen=True)
class _Week:
    """What the day-by-day reasons need to know about the planned week."""

    phase: str
    runs: list[str]
    masks: Mapping[str, np.ndarray]
    placement: np.ndarray
    reach: int
    target: int
    previous_run: str
    next_run: str
    backoff: str | None

    @property
    def lifted(self) -> list[int]:
        return [i for i in range(7) if self.placement[i] > 0]

    def following(self, i: int) -> tuple[str, str]:
        """(day name, run) of the day after day ``i``."""
        return (DAY_NAMES[i + 1], self.runs[i + 1]) if i < 6 else ("next Monday", self.next_run)


def plan_week(
    athlete: Athlete, as_of: dt.date | None = None, week_of: dt.date | None = None
) -> Plan:
    """Plan the week starting the Monday after ``as_of`` (or the week of ``week_of``)."""
    profile = athlete.profile
    as_of, start = resolve_dates(athlete, as_of, week_of)
    dates = [start + dt.timedelta(days=i) for i in range(7)]
    flags: list[str] = []
    history = _history(athlete, as_of, start)
    usual, week_note = _usual_week(athlete, history)
    if week_note:
        flags.append(week_note)
    phase, _ = phase_for(profile, start)
    races = sorted(profile.races, key=lambda r: r.date)
    runs, run_notes = _adjust_runs([usual[d] for d in WEEKDAYS], dates, races, phase)
    previous_run, previous_strength = _previous_day(athlete, start, as_of, usual, races)
    next_monday = start + dt.timedelta(days=7)
    next_run = "race" if any(r.date == next_monday for r in races) else usual["mon"]
    dtr = days_to_race(dates, races)
    masks = _day_masks(runs, previous_run, next_run, dtr)

    backoff = soreness_backoff(athlete, as_of)
    target = TARGET[phase]
    max_level = 1 if backoff else MAX_LEVEL[phase]
    placement, reach, _valid = _choose(runs, masks, target, max_level)
    week = _Week(phase, runs, masks, placement, reach, target, previous_run, next_run, backoff)
    if backoff:
        flags.append(
            f"S10: {backoff}: this week backs off: no heavy session, one set fewer. "
            "Some soreness after a new block is normal and fades."
        )
    if history.last_week_sessions > 2:
        flags.append(
            f"S1: {history.last_week_sessions} leg sessions last week; the plan keeps to "
            f"{target} (more sessions leave the legs tired for key runs)."
        )
    if previous_strength == "heavy" and runs[0] in KEY_RUNS:
        flags.append(
            f"S5: last Sunday's heavy session comes the day before Monday's {runs[0]} run: "
            "take that run easy or move the session."
        )

    prog = progression_for(athlete, start, profile.season_on(start), as_of)
    if prog.status == "restarted":
        flags.append(f"S9: {prog.note}")

    weekly, volume_note = _week_distance(phase, history, bool(backoff))
    races_on = [next((r for r in races if r.date == d), None) for d in dates]
    distances, distance_notes = _distances(runs, weekly, history, races_on)
    flags.append(volume_note)
    if reach < target:
        flags.append(_shortfall_flag(week, dtr, max_level))
    if max_level == 2:
        flags.extend(_light_flags(week))

    days = tuple(
        _plan_day(week, i, date, distances[i], [run_notes[i], distance_notes[i]], prog, profile)
        for i, date in enumerate(dates)
    )
    broken = violations(days, previous_run, races, next_day=next_run)
    if broken:  # cannot happen with _choose; kept as a tripwire, never a silent bad plan
        raise AssertionError(f"planner broke {broken} for {athlete.id}")

    upcoming = profile.next_race(start)
    next_race = (
        NextRace(upcoming.name, upcoming.date, (upcoming.date - as_of).days, upcoming.distance)
        if upcoming
        else None
    )
    return Plan(
        athlete=athlete.id,
        name=athlete.name,
        units=athlete.units,
        week_of=start,
        as_of=as_of,
        phase=phase,
        next_race=next_race,
        progression=prog,
        days=days,
        flags=tuple(flags),
        target_sessions=target,
    )


def _shortfall_flag(week: _Week, dtr: np.ndarray, max_level: int) -> str:
    """Which rule blocked each day, and (build, maintain) which change would make room."""
    blocked = []
    for i in range(7):
        reasons = _blocked_reasons(week.runs, week.masks, i, week.previous_run)
        if reasons:
            blocked.append(f"{DAY_NAMES[i]} ({reasons[0].split(':')[0]})")
    text = (
        f"{TARGET_RULE[week.phase]}: room for {week.reach} of {week.target} leg sessions this "
        f"week: blocked {', '.join(blocked) if blocked else 'by the session limits'}."
    )
    if week.phase in ("build", "maintain"):
        ideas = _suggest(week.runs, week.previous_run, week.next_run, dtr, week.target, max_level)
        if ideas:
            text += " To fit it: " + " or ".join(ideas) + "."
    return text


def _light_flags(week: _Week) -> list[str]:
    """A session that had to be light because a key run follows (S5, S7 for a long run)."""
    flags = []
    for i in week.lifted:
        if week.placement[i] == 1 and week.masks["before_key"][i]:
            day, following = week.following(i)
            rule = "S5/S7" if following == "long" else "S5"
            flags.append(
                f"{rule}: no day fits this session as heavy without lifting the day before "
                f"{day}'s {following} run: {DAY_NAMES[i]}'s session is light."
            )
    return flags


def _plan_day(
    week: _Week,
    i: int,
    date: dt.date,
    distance: float | None,
    notes: list[str | None],
    prog: Progression,
    profile: Any,
) -> PlannedDay:
    """One day with its run, session, exercises and a rule-tagged reason for each choice."""
    run = week.runs[i]
    level = LEVELS[int(week.placement[i])]
    lifted = week.lifted
    run_note, distance_note = notes
    why: list[str] = []
    if run_note:
        why.append(run_note)
    elif run == "rest":
        why.append("S3: rest day: it stays rest, no leg work.")
    elif run == "cross":
        why.append("W1: usual week: cross-training.")
    else:
        why.append(f"W1: usual week: {run} run.")
    if distance_note:
        why.append(distance_note)
    rule = TARGET_RULE[week.phase]
    exercises: tuple[Exercise, ...] = ()
    if level == "none":
        reasons = _blocked_reasons(week.runs, week.masks, i, week.previous_run)
        if run == "rest" and reasons and reasons[0].startswith("S3"):
            reasons = reasons[1:]
        if reasons:
            why.extend(reasons)
        elif lifted and run != "rest":
            where = (
                f"the week's {len(lifted)} sessions are on better days"
                if len(lifted) > 1
                else "the week's one session is on a better day"
            )
            why.append(f"{rule}: no leg session: {where}.")
        if i and week.placement[i - 1] > 0:
            why.append(
                "S13: the day after leg work: protein, water, sleep; foam roll quads, "
                "hamstrings and calves; keep any run easy."
            )
    else:
        number = lifted.index(i) + 1
        why.append(
            f"{rule}: leg session {number} of {week.reach} ({week.phase}: {week.target} a week)."
        )
        why.append(_placement_reason(run))
        why.append(_level_reason(level, week, i))
        exercises = session(
            "mobility" if week.phase == "race-week" else level,
            prog.week,
            2 if week.phase in ("taper", "recovery") else prog.sets,
            focus=prog.focus,
            variation=prog.variation,
            weaker_side=profile.weaker_side,
            backoff=bool(week.backoff),
        )
        if any(e.side_first for e in exercises):
            side = profile.weaker_side
            why.append(
                f"S11: single-leg work starts with your weaker {side} side."
                if side in ("left", "right")
                else "S11: no weaker side on file: alternate which leg starts."
            )
    return PlannedDay(
        date=date,
        weekday=WEEKDAYS[i],
        run=run,
        distance=None if run in ("rest", "cross") else distance,
        strength=level,
        exercises=exercises,
        why=tuple(why),
    )


def _placement_reason(run: str) -> str:
    if run == "hard":
        return (
            "S6: stacked on the hard day: run first, lift later, 6 h or more apart "
            "(Robineau 2016); hard days hard, easy days easy."
        )
    if run == "easy":
        return "S6: after the easy run (run first, then lift)."
    if run == "moderate":
        return "S6: after the moderate run, a lighter day (run first, then lift)."
    if run == "cross":
        return "S6: with cross-training, a day without a key run."
    return "S6: run first, then lift."


def _level_reason(level: str, week: _Week, i: int) -> str:
    phase = week.phase
    if level == "heavy":
        if phase == "maintain":
            return "S2/S12: race season: one loaded session keeps strength with less volume."
        return "S12: building strength: a loaded (heavy) session."
    if week.backoff:
        return f"S10: light (bodyweight) because {week.backoff}."
    if phase == "race-week":
        return "S8: race week: light mobility at most."
    if phase == "taper":
        return "S8: taper: bodyweight and mobility only, no weights."
    if phase == "recovery":
        return "P1: the week after a race: light work only while the legs recover."
    if week.masks["race_10"][i]:
        return "S8: within 10 days of a race: no heavy lifting."
    if week.masks["before_key"][i]:
        day, following = week.following(i)
        rule = "S5/S7" if following == "long" else "S5"
        return f"{rule}: light because {day}'s {following} run is less than 48 h away."
    return "S12: light: the placement score preferred it here (docs/planner.md)."


def plan_roster(
    athletes: Iterable[Athlete], as_of: dt.date | None = None, week_of: dt.date | None = None
) -> list[Plan]:
    """One plan per athlete (each from its own last logged day unless a date is given)."""
    return [plan_week(athlete, as_of=as_of, week_of=week_of) for athlete in athletes]
