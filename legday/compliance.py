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
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Protocol

import numpy as np
import pandas as pd

from legday import metrics, planner, rules
from legday.io import plans
from legday.model import KEY_RUNS as KEY_RUN_KINDS
from legday.model import Athlete, Problem
from legday.planner import Plan
from legday.progression import monday

Status = Literal["green", "yellow", "red"]
Source = Literal["saved", "replayed"]
#: The weeks `legday report` compares by default.
DEFAULT_WEEKS = 4
GREEN_BAND = 0.20  # within 20% of the planned distance
YELLOW_BAND = 0.50
EXTRA_SESSIONS_RED = 2  # this many sessions more than planned is not a plan followed
_RANK = {"green": 0, "yellow": 1, "red": 2}
KEY_RUNS = tuple(k for k in rules.KIND_ORDER if k in KEY_RUN_KINDS)  # hard, long, race


@dataclass(frozen=True)
class PlannedWeek:
    """The parts of a plan that compliance compares, whatever its source: one entry per
    planned day (tuples, not a frame: a roster compares hundreds of weeks)."""

    week_of: dt.date
    source: Source
    dates: tuple[dt.date, ...]
    runs: tuple[str, ...]
    distances: tuple[float | None, ...]  # None: no distance planned
    sessions: tuple[str, ...]  # none, light or heavy

    @classmethod
    def of(cls, plan: Plan, source: Source = "replayed") -> PlannedWeek:
        return cls(
            plan.week_of,
            source,
            tuple(d.date for d in plan.days),
            tuple(d.run for d in plan.days),
            tuple(d.distance for d in plan.days),
            tuple(d.strength for d in plan.days),
        )

    @classmethod
    def from_frame(cls, week_of: dt.date, source: Source, days: pd.DataFrame) -> PlannedWeek:
        """From a table of date, run, distance and strength (a saved plan's columns)."""
        return cls(
            week_of,
            source,
            tuple(pd.Timestamp(d).date() for d in days["date"]),
            tuple(str(r) for r in days["run"]),
            tuple(None if d != d else float(d) for d in days["distance"].to_numpy(float)),
            tuple(str(s) for s in days["strength"]),
        )

    @property
    def days(self) -> pd.DataFrame:
        """The planned days as a table: date, run, distance, strength."""
        return pd.DataFrame(
            {
                "date": pd.to_datetime(list(self.dates)),
                "run": list(self.runs),
                "distance": [np.nan if d is None else d for d in self.distances],
                "strength": list(self.sessions),
            }
        )

    @property
    def distance(self) -> float | None:
        """The planned running distance (cross-training left out); None without any."""
        given = [d for r, d in zip(self.runs, self.distances, strict=True)
                 if r != "cross" and d is not None]  # fmt: skip
        return float(sum(given)) if given else None

    def to_text(self) -> str:
        """The days as JSON (dates, runs, distances, sessions), as a replay cache keeps them."""
        dates = [d.isoformat() for d in self.dates]
        return json.dumps([dates, self.runs, self.distances, self.sessions])

    @classmethod
    def from_text(cls, week_of: dt.date, text: str) -> PlannedWeek:
        """A replayed week read back from ``to_text``."""
        dates, runs, distances, sessions = json.loads(text)
        days = tuple(dt.date.fromisoformat(d) for d in dates)
        return cls(week_of, "replayed", days, tuple(runs), tuple(distances), tuple(sessions))


class ReplayCache(Protocol):
    """Where replayed plans are kept between calls (legday.store): key -> ``to_text``.
    A cache that cannot be read or written behaves as an empty one."""

    def get_many(self, keys: Sequence[str]) -> dict[str, str]: ...

    def put_many(self, entries: Mapping[str, str]) -> None: ...


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
                found[week] = PlannedWeek.from_frame(week, "saved", days)
    return found, problems


class PlanStore(Protocol):
    """What holds saved plans besides a folder (legday.store's ``Store``)."""

    def saved_plans(
        self, athlete_id: str, weeks: Sequence[dt.date]
    ) -> tuple[dict[dt.date, PlannedWeek], list[Problem]]: ...


def saved_plans_in(
    where: str | os.PathLike | PlanStore | None, athlete_id: str, weeks: Sequence[dt.date]
) -> tuple[dict[dt.date, PlannedWeek], list[Problem]]:
    """``saved_plans`` of a folder, or of a store (a database holds its plans itself)."""
    if where is not None and hasattr(where, "saved_plans"):
        return where.saved_plans(athlete_id, weeks)
    return saved_plans(where, athlete_id, weeks)


def compliance(
    athlete: Athlete,
    as_of: dt.date | None = None,
    weeks: int = DEFAULT_WEEKS,
    saved: Mapping[dt.date, PlannedWeek] | None = None,
    replays: ReplayCache | None = None,
    weekly: pd.DataFrame | None = None,
    day_by_day: bool = True,
    arrays: metrics.DayArrays | None = None,
) -> list[WeekCompliance]:
    """Planned against done for the last ``weeks`` whole weeks up to ``as_of``.

    ``replays`` keeps legday's replayed plans between calls (``replayed``); ``weekly``
    and ``arrays``: the weekly table and day arrays up to ``as_of``, when the caller has
    them (a review does); ``day_by_day`` False leaves each week's ``days`` empty."""
    as_of = as_of or athlete.last_date
    if as_of is None:
        return []
    done = _Done.of(athlete, as_of, weekly, arrays=arrays)
    mondays = recent_weeks(athlete, as_of, weeks)
    plans = planned_weeks(athlete, mondays, saved, replays, done.arrays)
    return [_compare(plans[week_of], done, day_by_day) for week_of in mondays]


def latest_week(
    athlete: Athlete,
    as_of: dt.date | None = None,
    saved: Mapping[dt.date, PlannedWeek] | None = None,
    weekly: pd.DataFrame | None = None,
    replays: ReplayCache | None = None,
    arrays: metrics.DayArrays | None = None,
) -> WeekCompliance | None:
    """The last whole week's planned against done, for a roster of many athletes: the
    same status as ``compliance(athlete, as_of, 1, saved)``, without the day-by-day table
    (``days`` empty, ``key_runs_done`` None). ``weekly`` and ``arrays``: the weekly
    table and day arrays up to ``as_of``, when the caller has them (a review does). None
    when nothing is logged."""
    as_of = as_of or athlete.last_date
    weeks = recent_weeks(athlete, as_of, 1) if as_of is not None else []
    if not weeks:
        return None
    if weekly is None and athlete.week_totals is None:
        weekly = metrics.weekly_table(athlete, as_of)
    done = _Done.of(athlete, as_of, weekly, with_days=False)
    plans = planned_weeks(athlete, weeks, saved, replays, arrays)
    return _compare(plans[weeks[0]], done, day_by_day=False)


def planned_weeks(
    athlete: Athlete,
    mondays: Sequence[dt.date],
    saved: Mapping[dt.date, PlannedWeek] | None = None,
    replays: ReplayCache | None = None,
    arrays: metrics.DayArrays | None = None,
) -> dict[dt.date, PlannedWeek]:
    """The plan of each week: the saved one, else legday's own plan replayed."""
    found = {week: plan for week in mondays if (plan := (saved or {}).get(week)) is not None}
    missing = [week for week in mondays if week not in found]
    return found | replayed(athlete, missing, replays, arrays)


def replayed(
    athlete: Athlete,
    mondays: Sequence[dt.date],
    replays: ReplayCache | None = None,
    arrays: metrics.DayArrays | None = None,
) -> dict[dt.date, PlannedWeek]:
    """legday's plan of each week as made the day before it began (``planner.replay``).

    Such a plan depends on the profile and the log up to that day only, so ``replays``
    keeps it under a key of exactly those (and of legday's code): a plan is computed
    once and found again until that part of the log, the profile or legday changes.
    ``arrays``: the athlete's day arrays up to the last of those days or later."""
    if not mondays:
        return {}
    days = _replay_days(athlete, mondays)
    if arrays is None and athlete.week_totals is None:
        arrays = metrics.day_arrays(athlete, max(days))
    keys = dict(zip(mondays, replay_keys(athlete, mondays, arrays), strict=True))
    kept = replays.get_many(list(keys.values())) if replays is not None else {}
    out = {week: PlannedWeek.from_text(week, kept[k]) for week, k in keys.items() if k in kept}
    missing = [week for week in mondays if week not in out]
    for plan in planner.replay(athlete, missing, arrays):
        out[plan.week_of] = PlannedWeek.of(plan)
    if replays is not None and missing:
        replays.put_many({keys[week]: out[week].to_text() for week in missing})
    return out


def _replay_days(athlete: Athlete, mondays: Sequence[dt.date]) -> list[dt.date]:
    """The day each week's plan is made as of: ``planner.resolve_dates(athlete,
    week_of=monday)``, the Sunday before or the last logged day if that is earlier."""
    last = athlete.last_date
    sundays = [monday(week_of) - dt.timedelta(days=1) for week_of in mondays]
    return [min(sunday, last) if last is not None else sunday for sunday in sundays]


def replay_keys(
    athlete: Athlete, mondays: Sequence[dt.date], arrays: metrics.DayArrays | None = None
) -> list[str]:
    """One key per week for its replayed plan: a digest of legday's code, the profile
    (without its path) and the log up to the day the plan is made as of, as the planner
    reads it (every day array of a daily log; the weekly totals' rows; the sets)."""
    profile = repr(replace(athlete.profile, path="")).encode()
    if athlete.week_totals is None and arrays is None:
        arrays = metrics.day_arrays(athlete, max(_replay_days(athlete, mondays)))
    totals, sets = athlete.week_totals, athlete.sets
    keys = []
    for as_of in _replay_days(athlete, mondays):
        digest = hashlib.blake2b(digest_size=20)
        for part in (code_digest(), profile, athlete.granularity.encode(), as_of.isoformat()):
            digest.update(part if isinstance(part, bytes) else part.encode())
        if totals is not None:
            rows = totals[totals["week_of"] <= pd.Timestamp(as_of)]
            digest.update(pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes())
        elif (part := arrays.until(as_of) if arrays is not None else None) is not None:
            digest.update(str(part.start).encode())
            for name in metrics.PER_DAY:
                digest.update(np.ascontiguousarray(getattr(part, name)).tobytes())
        if sets is not None:
            rows = sets[sets["date"] <= pd.Timestamp(as_of)]
            digest.update(pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes())
        keys.append(digest.hexdigest())
    return keys


@functools.cache
def code_digest() -> bytes:
    """legday's own source: a replayed plan is only as good as the planner that made it."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.digest()


@dataclass(frozen=True)
class _Done:
    """What the log says was done up to the as-of day: the weekly table's columns that
    compliance reads, and the day arrays (None for weekly totals)."""

    week_of: np.ndarray  # datetime64[D] per week
    distance: np.ndarray
    sessions: np.ndarray
    heavy: np.ndarray
    logged_days: np.ndarray
    arrays: metrics.DayArrays | None

    @classmethod
    def of(
        cls,
        athlete: Athlete,
        as_of: dt.date,
        weekly: pd.DataFrame | None = None,
        with_days: bool = True,
        arrays: metrics.DayArrays | None = None,
    ) -> _Done:
        daily = athlete.week_totals is None and (with_days or weekly is None)
        if daily and arrays is None:
            arrays = metrics.day_arrays(athlete, as_of)
        if weekly is None:
            weekly = (
                metrics.weekly_from_days(arrays) if daily else metrics.weekly_table(athlete, as_of)
            )
        return cls(
            weekly["week_of"].to_numpy("datetime64[D]"),
            weekly["distance"].to_numpy(float),
            weekly["strength_sessions"].to_numpy(float),
            weekly["heavy_sessions"].to_numpy(float),
            weekly["logged_days"].to_numpy(float),
            arrays if with_days else None,
        )


def _compare(planned: PlannedWeek, done: _Done, day_by_day: bool = True) -> WeekCompliance:
    hit = np.flatnonzero(done.week_of == np.datetime64(planned.week_of))
    row = int(hit[0]) if hit.size else None
    logged = row is not None and done.logged_days[row] > 0
    sessions = sum(level != "none" for level in planned.sessions)
    done_distance = float(done.distance[row]) if logged else 0.0
    done_sessions = int(np.nan_to_num(done.sessions[row])) if logged else 0
    heavy = done.heavy[row] if logged else 0.0
    planned_distance = planned.distance
    return WeekCompliance(
        week_of=planned.week_of,
        source=planned.source,
        planned_distance=planned_distance,
        done_distance=done_distance,
        planned_sessions=sessions,
        done_sessions=done_sessions,
        planned_heavy=sum(level == "heavy" for level in planned.sessions),
        done_heavy=None if heavy != heavy else int(heavy),
        key_runs_planned=sum(run in KEY_RUNS for run in planned.runs),
        key_runs_done=None if done.arrays is None else _key_runs(done.arrays, planned.week_of),
        status=week_status(planned_distance, done_distance, sessions, done_sessions, logged),
        logged=bool(logged),
        days=_side_by_side(planned, done.arrays) if day_by_day else _NO_DAYS,
    )


#: The ``days`` of a week compared without its days (one frame: building one is slow).
_NO_DAYS = pd.DataFrame()
_KEY_CODES = np.array([rules.KIND[kind] for kind in KEY_RUNS])


def _key_runs(arrays: metrics.DayArrays, week_of: dt.date) -> int:
    """Key runs logged in the week of ``week_of`` (inside the log's days)."""
    first = int((np.datetime64(week_of) - arrays.start).astype(np.int64))
    week = arrays.kind[max(first, 0) : max(first + 7, 0)]
    return int(np.isin(week, _KEY_CODES).sum())


_KIND_NAMES = np.asarray(rules.KIND_ORDER, dtype=object)
_LEVEL_NAMES = np.asarray(rules.LEVEL_ORDER, dtype=object)


def _side_by_side(plan: PlannedWeek, arrays: metrics.DayArrays | None) -> pd.DataFrame:
    """One row per planned day: the planned run, distance and session next to the logged
    ones. A day outside the log has "", NaN and ""; a day inside it with no row has ""
    for its run, 0 distance and "none" for its session."""
    size = len(plan.dates)
    dates = np.array(plan.dates, dtype="datetime64[D]")
    run_done = np.full(size, "", dtype=object)
    distance_done = np.full(size, np.nan)
    strength_done = np.full(size, "", dtype=object)
    if arrays is not None:
        at = (dates - arrays.start).astype(np.int64)
        inside = (at >= 0) & (at < arrays.n)
        pos = np.where(inside, at, 0)
        logged = inside & arrays.logged[pos]
        run_done = np.where(logged, _KIND_NAMES[arrays.kind[pos]], run_done)
        distance_done = np.where(inside, arrays.distance[pos], distance_done)
        strength_done = np.where(inside, _LEVEL_NAMES[arrays.level[pos]], strength_done)
    return pd.DataFrame(
        {
            "date": dates.astype("datetime64[s]"),
            "run_planned": np.array(plan.runs, dtype=object),
            "distance_planned": np.array([np.nan if d is None else d for d in plan.distances]),
            "strength_planned": np.array(plan.sessions, dtype=object),
            "run_done": run_done,
            "distance_done": distance_done,
            "strength_done": strength_done,
        }
    ).astype({name: "str" for name in _TEXT_COLUMNS})


_TEXT_COLUMNS = ("run_planned", "strength_planned", "run_done", "strength_done")


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
