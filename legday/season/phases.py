"""Which phase a week is in, from the races around it and their priority (S8, R3, P1):
what the leg sessions of the week may be. How far the week runs is the season curve's
(legday.season.curve), which reads these phases.

- race-week: an A or B race inside the week (an A race wins over a B race);
- taper: an A race 7-14 days after the Monday (B races get no taper week, R3);
- recovery: the Monday falls inside the recovery days of an A or B race of a half
  marathon or longer (R2: 7 days after a half, 14 after a marathon), so a marathon is
  followed by two recovery weeks and a 5K by none;
- otherwise build (off-season) or maintain (race season). C races never change the
  phase: they are trained through (R3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from legday import rules
from legday.model import Race

PHASES = ("build", "maintain", "taper", "race-week", "recovery")
#: The rule behind each phase's session target.
TARGET_RULE = {"build": "S1", "maintain": "S2", "taper": "S8", "race-week": "S8", "recovery": "P1"}
#: The heaviest session a phase allows (2 heavy, 1 light): no weights in a taper (S8).
MAX_LEVEL = {"build": 2, "maintain": 2, "taper": 1, "race-week": 1, "recovery": 1}


@dataclass(frozen=True)
class Phase:
    name: str
    race: Race | None = None  # the race that decides it
    recovery_week: int = 0  # 1, 2, ... after a long race

    @property
    def priority(self) -> str | None:
        return self.race.priority if self.race else None

    @property
    def target(self) -> int:
        return rules.SESSIONS_TARGET[self.name]

    @property
    def target_rule(self) -> str:
        return "R3" if self.name == "race-week" and self.priority == "B" else TARGET_RULE[self.name]

    @property
    def max_level(self) -> int:
        if self.name == "race-week" and self.priority == "B":
            return 2  # heavy early in the week; R3 keeps the 5 days before the race clear
        return MAX_LEVEL[self.name]

    @property
    def normal(self) -> bool:
        """A week that trains as usual: the volume base is made of these."""
        return self.name in ("build", "maintain")


def _km(race: Race, units: str) -> float:
    km = rules.to_km(race.distance, units)
    return 21.1 if km is None else km


def week_phases(
    profile: Any, mondays: np.ndarray, units: str, races: Sequence[Race] | None = None
) -> list[Phase]:
    """The phase of every week starting on ``mondays`` (ordinals), one pass per race
    (``races``: the profile's by default; the planner adds the races only the log holds).

    Race week wins over taper, taper over recovery; an A race over a B race.
    """
    n = mondays.size
    names = np.full(n, "", dtype=object)
    deciding: list[Race | None] = [None] * n
    recovery_week = np.zeros(n, dtype=np.int64)

    def claim(hit: np.ndarray, name: str, race: Race, week: np.ndarray | None = None) -> None:
        free = hit & (names == "")
        names[free] = name
        for i in np.flatnonzero(free).tolist():
            deciding[i] = race
            if week is not None:
                recovery_week[i] = week[i]

    races = sorted(profile.races if races is None else races, key=lambda r: (r.priority, r.date))
    for race in races:
        day = race.date.toordinal()
        if race.priority in "AB":
            claim((mondays <= day) & (day <= mondays + 6), "race-week", race)
    for race in races:
        day = race.date.toordinal()
        if race.priority == "A":
            claim((mondays + 6 < day) & (day <= mondays + 14), "taper", race)
    for race in races:
        day, km = race.date.toordinal(), _km(race, units)
        if race.priority in "AB" and km >= rules.LONG_RACE_KM:
            after = mondays - day
            hit = (after > 0) & (after <= rules.recovery_days(km))
            claim(hit, "recovery", race, (after - 1) // 7 + 1)
    return [
        Phase(
            names[i] or _season_phase(profile, mondays[i]),
            deciding[i],
            int(recovery_week[i]),
        )
        for i in range(n)
    ]


def _season_phase(profile: Any, monday: int) -> str:
    """build in the off-season, maintain in race season (model.Profile.season_on)."""
    season = profile.season_on(dt.date.fromordinal(int(monday)))
    return "maintain" if season == "race-season" else "build"


def phase_for(profile: Any, week_of: dt.date, units: str | None = None) -> Phase:
    """The phase of the week starting ``week_of`` (a Monday)."""
    return week_phases(profile, np.array([week_of.toordinal()]), units or profile.units)[0]
