"""The plan as values: what ``legday plan`` prints and the pages draw."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from legday.exercises import Exercise
from legday.progression import Progression


@dataclass(frozen=True)
class Double:
    """W6: a day's second run (always easy)."""

    run: str
    distance: float | None

    def to_dict(self) -> dict:
        return {"run": self.run, "distance": self.distance}


@dataclass(frozen=True)
class PlannedDay:
    date: dt.date
    weekday: str  # mon .. sun
    run: str  # rest easy moderate hard long race cross
    distance: float | None  # athlete's units; None on rest and cross days
    strength: str  # none light heavy
    exercises: tuple[Exercise, ...]
    why: tuple[str, ...]  # "S4: ..." one sentence per choice, rule id first
    double: Double | None = None  # W6: a second run that day

    @property
    def total(self) -> float:
        """Every distance of the day: its run and its double."""
        if self.run == "cross":
            return 0.0
        return (self.distance or 0.0) + ((self.double.distance or 0.0) if self.double else 0.0)

    def to_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "weekday": self.weekday,
            "run": self.run,
            "distance": self.distance,
            "strength": self.strength,
            "exercises": [e.to_dict() for e in self.exercises],
            "why": list(self.why),
            "double": self.double.to_dict() if self.double else None,
        }


@dataclass(frozen=True)
class NextRace:
    name: str
    date: dt.date
    days_to_go: int  # from the week's own as-of: the Sunday before its Monday
    distance: float | None
    priority: str = "A"

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "date": self.date.isoformat(),
            "days_to_go": self.days_to_go,
            "distance": self.distance,
            "priority": self.priority,
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
    target_distance: float | None = None  # the week's aim for running (the days may hold less)
    strength_days: tuple[str, ...] | None = None  # None: any day
    equipment: str = "gym"
    cutback: bool = False  # V5: a lighter week after three build weeks
    week_type: str = "build"  # the season's: legday.season.WEEK_TYPES

    @property
    def sessions(self) -> int:
        return sum(day.strength != "none" for day in self.days)

    @property
    def heavy_sessions(self) -> int:
        return sum(day.strength == "heavy" for day in self.days)

    @property
    def distance(self) -> float:
        """The week's planned running distance: every distance in the days, doubles and
        races included (``planned_distance``)."""
        return float(sum(d.total for d in self.days))

    @property
    def training_distance(self) -> float:
        """The same without race days (``training_distance``)."""
        return float(sum(d.total for d in self.days if d.run != "race"))

    def to_dict(self) -> dict:
        """The JSON shape of ``legday plan --format json`` (docs/planner.md)."""
        return {
            "athlete": self.athlete,
            "name": self.name,
            "units": self.units,
            "week_of": self.week_of.isoformat(),
            "as_of": self.as_of.isoformat(),
            "phase": self.phase,
            "next_race": self.next_race.to_dict() if self.next_race else None,
            "progression": self.progression.to_dict(),
            "days": [day.to_dict() for day in self.days],
            "flags": list(self.flags),
            "target_sessions": self.target_sessions,
            "planned_distance": round(self.distance, 1),
            "strength_days": list(self.strength_days) if self.strength_days else None,
            "equipment": self.equipment,
            "cutback": self.cutback,
            "training_distance": round(self.training_distance, 1),
            "week_type": self.week_type,
        }
