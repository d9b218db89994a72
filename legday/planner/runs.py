"""The week's runs: the usual week, moved around races and heavy lifting.

In order, each step keeping the reason of the rule that changed a day:
race days become ``race``; R2 softens the days after a race (by its distance); R1
clears the 2 days before any race of hard and long runs and makes the day before an A
race a shakeout; an A race week shrinks its long run (V3); S5 turns a key run on the
Monday after a heavy Sunday into an easy one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from legday import rules
from legday.model import Race
from legday.planner.reasons import days_after, days_before
from legday.season import Phase
from legday.words import DAY_NAMES


@dataclass(frozen=True)
class WeekRuns:
    kinds: list[str]
    notes: list[str | None]  # the rule that changed the day, if any
    shakeout: list[bool]  # R1: the day before an A race


def plan_runs(
    usual: list[str],
    week_of: dt.date,
    races: list[rules.RaceDay],
    named: dict[int, Race],
    phase: Phase,
    before_levels: list[int],
) -> WeekRuns:
    kinds = list(usual)
    notes: list[str | None] = [None] * 7
    days = [week_of.toordinal() + i for i in range(7)]
    for i, day in enumerate(days):
        race = named.get(day)
        if race is not None or any(r.day == day for r in races):
            kinds[i] = "race"
            notes[i] = _race_day(race)

    def facts() -> rules.DayFacts:
        return rules.day_facts(week_of, kinds, races)

    _after_races(kinds, notes, facts(), races, named)
    shakeout = _before_races(kinds, notes, facts(), named)
    _keep_long_run(kinds, notes, usual, facts(), named)
    if phase.name == "race-week" and phase.priority == "A":
        to_race = facts().to_race["A"]
        for i in range(7):
            if kinds[i] == "long" and to_race[i] < rules.TAPER_DAYS:
                kinds[i] = "moderate"
                notes[i] = "V3: race week: the long run shrinks to a moderate one (taper)."
        _race_pace(kinds, notes, facts())
        to_race = facts().to_race["A"]
        for i in range(7):  # the days around the race-pace session are easy
            if kinds[i] == "moderate" and 1 <= to_race[i] <= rules.NO_KEY_RUN_DAYS + 1:
                kinds[i] = "easy"
                notes[i] = (
                    "V3: race week: an easy run instead of the moderate one, this close to "
                    "the race."
                )
    key = kinds[0] in ("hard", "long")
    if before_levels and before_levels[-1] == 2 and key:
        notes[0] = (
            f"S5: last Sunday's heavy session is less than 48 h before: an easy run instead "
            f"of the {kinds[0]} one."
        )
        kinds[0] = "easy"
    return WeekRuns(kinds, notes, shakeout)


RACE_PACE = (
    "V3: race week: one short session at race pace (a few minutes in all, say 3-4 x 2-3 "
    "minutes with easy running between) keeps the legs sharp; the rest of the week is easy."
)


def _race_pace(kinds: list[str], notes: list[str | None], facts: rules.DayFacts) -> None:
    """V3: an A race week keeps one short race-pace session, 3 to RACE_PACE_LATEST days
    before the race: the latest hard run there (another hard run that week becomes easy),
    or else an easy or moderate run there becomes it."""
    to_a, to_any = facts.to_race["A"], facts.to_race["any"]
    window = [
        i for i in range(7)
        if rules.NO_KEY_RUN_DAYS < to_a[i] <= rules.RACE_PACE_LATEST
        and to_any[i] > rules.NO_KEY_RUN_DAYS and not facts.recovering[i]
    ]  # fmt: skip
    hard = [i for i in window if kinds[i] == "hard"]
    if hard:
        chosen = hard[-1]
    else:
        around = ["rest", *kinds, "rest"]  # W4: no key run the day before or after it
        free = [
            i for i in window
            if kinds[i] in ("easy", "moderate") and notes[i] is None
            and not {around[i], around[i + 2]} & {"hard", "long"}
        ]  # fmt: skip
        if not free:
            return
        chosen = free[-1]
        kinds[chosen] = "hard"
    notes[chosen] = RACE_PACE
    for i in range(7):
        if kinds[i] == "hard" and i != chosen and to_a[i] > rules.NO_KEY_RUN_DAYS and to_a[i] < 7:
            kinds[i] = "easy"
            notes[i] = "V3: race week: the race-pace session is its one hard run; this one is easy."


def _race_day(race: Race | None) -> str:
    if race is None:
        return "R1: race day (logged as a race)."
    priority = race.priority
    rule = "S8" if priority == "A" else "R3"
    return f"{rule}: race day: {race.name} ({priority} race)."


def _after_races(
    kinds: list[str],
    notes: list[str | None],
    facts: rules.DayFacts,
    races: list[rules.RaceDay],
    named: dict[int, Race],
) -> None:
    """R2: inside a race's recovery days hard and long runs become easy; the day after a
    half marathon or longer is rest."""
    for i in np.flatnonzero(rules.r2_too_soon_after_race(facts)).tolist():
        if notes[i] is not None:
            continue
        since = int(facts.since_race[i])
        race = _race_on(facts.first + i - since, named)
        if facts.rest_after_long_race[i]:
            notes[i] = f"R2: the day after {race}: rest or cross-training, no run."
            kinds[i] = "rest"
            continue
        if facts.day_after_a_race[i]:
            notes[i] = (
                f"R2: the day after {race}: rest, cross-training or an easy run, not the "
                f"{kinds[i]} one."
            )
            kinds[i] = "easy"
            continue
        notes[i] = (
            f"R2: {days_after(since, race)}, inside its recovery days: an easy run instead of "
            f"the {kinds[i]} one."
        )
        kinds[i] = "easy"


def _before_races(
    kinds: list[str], notes: list[str | None], facts: rules.DayFacts, named: dict[int, Race]
) -> list[bool]:
    """R1: no hard or long run in the 2 days before a race; the day before an A race is a
    shakeout (or rest)."""
    shakeout = [False] * 7
    close = rules.r1_key_run_before_race(facts)
    for i in range(7):
        if kinds[i] == "race":
            continue
        to_a = int(facts.to_race["A"][i])
        to_any = int(facts.to_race["any"][i])
        race = _race_on(facts.first + i + to_any, named)
        if to_a == 1 and kinds[i] not in ("rest", "cross"):
            was = kinds[i]
            kinds[i], shakeout[i] = "easy", True
            notes[i] = (
                f"R1: the day before {race}: a short shakeout, under "
                f"{rules.SHAKEOUT_MINUTES} minutes"
                + (f", instead of the {was} run." if was != "easy" else ".")
            )
        elif close[i]:
            notes[i] = (
                f"R1: {days_before(to_any, race)}: an easy run instead of the {kinds[i]} one."
            )
            kinds[i] = "easy"
    return shakeout


def _keep_long_run(
    kinds: list[str], notes: list[str | None], usual: list[str], facts: rules.DayFacts,
    named: dict[int, Race],
) -> None:  # fmt: skip
    """R3: a C race is trained through: when R1 or R2 took the week's long run, it moves
    to the nearest day they allow (an easy or moderate day, no key run beside it)."""
    week = [named.get(facts.first + i) for i in range(7)]
    c_races = [r for r in week if r is not None and r.priority == "C"]
    lost = [i for i in range(7) if usual[i] == "long" and kinds[i] != "long"]
    if not c_races or not lost or "long" in kinds:
        return
    to_race, around = facts.to_race["any"], ["rest", *kinds, "rest"]
    free = [
        j for j in range(7)
        if kinds[j] in ("easy", "moderate") and notes[j] is None
        and to_race[j] > rules.NO_KEY_RUN_DAYS and not facts.recovering[j]
        and not {around[j], around[j + 2]} & {"hard", "long", "race"}
    ]  # fmt: skip
    if not free:
        return
    j = min(free, key=lambda d: (abs(d - lost[0]), d))
    kinds[j] = "long"
    notes[j] = (
        f"R3: {c_races[0].name} is a C race, trained through: the long run moves here from "
        f"{DAY_NAMES[lost[0]]} (R1 and R2 keep it off the days around the race)."
    )


def _race_on(day: int, named: dict[int, Race]) -> str:
    race = named.get(day)
    return race.name if race is not None else "the race"
