"""One planned week: runs, sessions, distances and the reasons, from a History."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from legday import rules
from legday.exercises import Exercise, session
from legday.model import WEEKDAYS, Athlete, Race
from legday.planner import care, distances, placement, reasons
from legday.planner.history import History
from legday.planner.notes import week_notes
from legday.planner.runs import WeekRuns, plan_runs
from legday.planner.usual import usual_week
from legday.planner.values import Double, NextRace, Plan, PlannedDay
from legday.progression import Progression, progression_for
from legday.season import Phase, SeasonWeek, refit, week_volume
from legday.strength.prescribe import with_weights
from legday.words import SORENESS_SIGNALS, SORENESS_WINDOWS


@dataclass(frozen=True)
class Week:
    """Everything the day-by-day reasons need about the week being planned."""

    athlete: Athlete
    week_of: dt.date
    phase: Phase
    runs: WeekRuns
    ctx: placement.Context
    choice: placement.Choice
    target: int
    max_level: int
    backoff: str | None
    progression: Progression
    near: dict[int, dict[str, tuple]]  # day -> priority -> (race, days to it)
    previous_run: str
    next_run: str
    previous_level: int
    stale_weeks: int  # L1: whole weeks since the log stopped
    history: History | None = None  # pain (H1) and the soreness pattern (H2) read from it

    @property
    def lifted(self) -> list[int]:
        return [i for i in range(7) if self.choice.placement[i] > 0]

    def neighbours(self, i: int) -> reasons.Neighbours:
        return reasons.Neighbours(
            i, self.runs.kinds, self.previous_run, self.next_run, self.near,
            self.athlete.profile.strength_days,
            tuple(self.lifted),
        )  # fmt: skip


def _races(athlete: Athlete, history: History) -> tuple[list[rules.RaceDay], dict[int, Race]]:
    """Profile races plus the races only the log holds, with the distance run."""
    races = (*athlete.profile.races, *history.log_races)
    return rules.race_days(races, athlete.units), {r.date.toordinal(): r for r in races}


def _near_races(facts: rules.DayFacts, named: dict[int, Race]) -> dict[int, dict[str, tuple]]:
    """For each planned day and race priority (A, B, C), the next such race within the
    taper window: (name, days to it)."""
    out: dict[int, dict[str, tuple]] = {}
    for i in range(7):
        day = facts.first + 7 + i
        for priority in rules.PRIORITIES:
            days = int(facts.to_race[priority][placement.WEEK][i])
            if days <= rules.TAPER_DAYS:
                race = named.get(day + days)
                out.setdefault(i, {})[priority] = (race.name if race else "the race", days)
    return out


def _allowed(athlete: Athlete) -> np.ndarray | None:
    days = athlete.profile.strength_days
    return np.array([d in days for d in WEEKDAYS]) if days else None


def soreness_backoff(history: History) -> str | None:
    """S10: why the week backs off, in words, or None (the rule book's one definition);
    the scores shown are those of the window the signal names."""
    signals = history.soreness()
    for name, words in SORENESS_SIGNALS.items():
        if signals.get(name):
            seen = (
                history.recent_soreness(SORENESS_WINDOWS[name]) if name in SORENESS_WINDOWS else []
            )
            shown = f" ({', '.join(f'{s:g}' for s in seen)})" if seen else ""
            return f"soreness showed {words}{shown}"
    return None


def plan_one(athlete: Athlete, history: History, season_week: SeasonWeek, as_of: dt.date) -> Plan:
    """Plan the season's week ``season_week`` from ``history`` (the weeks before it as
    logged, or as planned)."""
    profile = athlete.profile
    week_of, phase = season_week.week_of, season_week.phase
    usual, usual_note = usual_week(athlete, history, week_of)
    races, named = _races(athlete, history)
    before_kinds, before_levels = history.before_week(week_of, usual)
    runs = plan_runs([usual[d] for d in WEEKDAYS], week_of, races, named, phase, before_levels)
    care.ease_runs(runs, history.pain)
    next_monday = (week_of + dt.timedelta(days=7)).toordinal()
    next_run = "race" if any(r.day == next_monday for r in races) else usual["mon"]
    kinds = [rules.KIND_ORDER[k] for k in before_kinds] + runs.kinds + [next_run]
    facts = rules.day_facts(week_of - dt.timedelta(days=7), kinds, races)
    ctx = placement.context(facts, before_levels, _allowed(athlete))
    backoff = soreness_backoff(history)
    heavy = history.weeks.heavy if athlete.granularity == "days" else None
    prog = progression_for(
        *history.sessions_by_week(), week_of, profile.block_start,
        profile.after_block, heavy,
    )  # fmt: skip
    stale = history.unlogged_weeks(week_of)
    light = backoff or prog.light_only or stale >= rules.STALE_LIGHT_WEEKS
    max_level = 1 if light else phase.max_level
    choice = placement.choose(ctx, runs.kinds, phase.target, max_level)
    week = Week(
        athlete, week_of, phase, runs, ctx, choice, phase.target, max_level, backoff, prog,
        _near_races(facts, named), rules.KIND_ORDER[before_kinds[-1]], next_run,
        before_levels[-1], stale, history,
    )  # fmt: skip
    past = history.past(week_of)
    volume = week_volume(refit(season_week, past, history.last_type), past, athlete.units)
    race_on = [named.get(week_of.toordinal() + i) for i in range(7)]
    doubles = _doubles(history.doubles(), runs, facts, season_week.type)
    dist, double, dist_notes, fill = distances.run_distances(
        runs.kinds, volume, history, race_on, runs.shakeout, athlete.units, week_of, doubles
    )
    days = tuple(_day(week, i, dist[i], dist_notes[i], double[i]) for i in range(7))
    broken = placement.violations_in(ctx, choice.placement)
    if broken:  # cannot happen with choose(); a tripwire, never a silent bad plan
        raise AssertionError(f"planner broke {broken} for {athlete.id}")
    stated = (
        volume.note(fill.training, fill.races, fill.short_of, athlete.units) if fill
        else volume.note(0.0, 0.0, None, athlete.units)
    )  # fmt: skip
    flags = week_notes(week, history, usual_note, stated, volume)
    flags += care.care_notes(history.pain, history.pain_before, history.pattern)
    return _plan(athlete, week, as_of, days, flags, volume)


def _plan(athlete, week: Week, as_of, days, flags, volume) -> Plan:
    upcoming = athlete.profile.next_race(week.week_of)
    week_as_of = week.week_of - dt.timedelta(days=1)  # each week counts from its own Sunday
    next_race = (
        NextRace(upcoming.name, upcoming.date, (upcoming.date - week_as_of).days,
                 upcoming.distance, upcoming.priority)
        if upcoming else None
    )  # fmt: skip
    return Plan(
        athlete=athlete.id,
        name=athlete.name,
        units=athlete.units,
        week_of=week.week_of,
        as_of=as_of,
        phase=week.phase.name,
        next_race=next_race,
        progression=week.progression,
        days=days,
        flags=tuple(flags),
        target_sessions=week.target,
        target_distance=volume.target,
        strength_days=athlete.profile.strength_days,
        equipment=athlete.profile.equipment,
        cutback=volume.cutback,
        week_type=volume.type,
    )


def _doubles(
    usual: dict[int, float], runs: WeekRuns, facts: rules.DayFacts, week_type: str
) -> dict[int, float]:
    """W6: the days that keep the runner's doubles: a day whose run is easy, moderate or
    hard, in a week that trains as usual (no taper, race or recovery week), not inside a
    race's recovery days nor in the 2 days before a race."""
    if week_type in ("taper", "race", "recovery"):
        return {}
    to_race = facts.to_race["any"][placement.WEEK]
    recovering = facts.recovering[placement.WEEK]
    return {
        i: distance for i, distance in usual.items()
        if runs.kinds[i] in ("easy", "moderate", "hard") and not runs.shakeout[i]
        and not recovering[i] and to_race[i] > rules.NO_KEY_RUN_DAYS
    }  # fmt: skip


def _day(
    week: Week, i: int, distance: float | None, distance_note: str | None,
    double: float | None = None,
) -> PlannedDay:  # fmt: skip
    run = week.runs.kinds[i]
    level = rules.LEVEL_ORDER[int(week.choice.placement[i])]
    why = [reasons.run_reason(run, week.runs.notes[i])]
    if distance_note:
        why.append(distance_note)
    if double is not None:
        why.append(reasons.double_reason(double, week.athlete.units))
    exercises: tuple[Exercise, ...] = ()
    if level == "none":
        why.extend(_no_session_reasons(week, i))
    else:
        why.extend(_session_reasons(week, i, level))
        exercises, cared = care.adapt_session(
            _exercises(week, level), week.history.pain if week.history else None,
            week.history.pattern if week.history else None,
        )  # fmt: skip
        why.extend(cared)
        if any(e.side_first for e in exercises):
            side = week.athlete.profile.weaker_side
            why.append(
                f"S11: single-leg work starts with your weaker {side} side."
                if side in ("left", "right")
                else "S11: no weaker side on file: alternate which leg starts."
            )
    return PlannedDay(
        date=week.week_of + dt.timedelta(days=i),
        weekday=WEEKDAYS[i],
        run=run,
        distance=None if run in ("rest", "cross") else distance,
        strength=level,
        exercises=exercises,
        why=tuple(why),
        double=Double("easy", double) if double is not None else None,
    )


def _no_session_reasons(week: Week, i: int) -> list[str]:
    """Why no session: the rule that blocks the day (the first in the rule book's order;
    "the week is full" only when nothing else does), and S13 after a lifting day."""
    out = []
    if week.runs.kinds[i] != "rest":  # a rest day's own reason already says S3
        blocking = placement.blockers(week.ctx, week.choice, i, 1)
        other = [r for r in blocking if r != "S1"]
        if other:
            out.append(reasons.blocked_reason(other[0], week.neighbours(i)))
        elif week.lifted:
            count = len(week.lifted)
            where = (
                f"the week's {count} sessions are on better days"
                if count > 1
                else "the week's one session is on a better day"
            )
            out.append(f"{week.phase.target_rule}: no leg session: {where}.")
    previous = week.choice.placement[i - 1] if i else week.previous_level
    if previous > 0:
        out.append(reasons.after_lifting_reason(week.runs.kinds[i]))
    return out


def _session_reasons(week: Week, i: int, level: str) -> list[str]:
    number = week.lifted.index(i) + 1
    out = [
        reasons.session_reason(
            week.phase.target_rule, number, week.choice.reach, week.phase.name, week.target
        ),
        reasons.placement_reason(week.runs.kinds[i]),
    ]
    if level == "heavy":
        out.append(reasons.heavy_reason(week.phase.name, week.phase.name == "maintain"))
        return out
    blocked = None
    if week.max_level == 2:
        rule_ids = placement.blockers(week.ctx, week.choice, i, 2)
        if rule_ids:
            blocked = reasons.blocked_reason(rule_ids[0], week.neighbours(i), heavy_only=True)
    out.append(
        reasons.light_reason(
            week.phase.name,
            week.backoff,
            week.progression.light_only,
            blocked,
            week.stale_weeks >= rules.STALE_LIGHT_WEEKS,
            after_race="race" in week.runs.kinds[:i],
        )
    )
    return out


def _exercises(week: Week, level: str) -> tuple[Exercise, ...]:
    """The session's exercises, with weights from the sets log (legday.strength.prescribe)."""
    prog = week.progression
    profile = week.athlete.profile
    exercises = session(
        "mobility" if week.phase.name == "race-week" and level == "light" else level,
        prog.week,
        2 if week.phase.name in ("taper", "recovery") else prog.sets,
        focus=prog.focus,
        variation=prog.variation,
        weaker_side=profile.weaker_side,
        backoff=bool(week.backoff),
        maintain=week.phase.name == "maintain" or prog.focus == "maintain",
        equipment=profile.equipment,
        carried=prog.carried,
    )
    planned = week.history.planned_lifts if week.history is not None else None
    return with_weights(
        exercises, week.athlete.sets, week.week_of, profile.weight_unit,
        prog.focus == "deload", planned,
    )  # fmt: skip
