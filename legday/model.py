"""The shared vocabulary: rule-free value types every other module passes around.

Data flows one way (files -> Athlete -> tables and flags -> plan -> pictures and
exports); everything downstream takes these values and never reaches back into files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: Kinds a usual week (profile ``week:``) may hold.
WEEK_RUN_KINDS: tuple[str, ...] = ("rest", "easy", "moderate", "hard", "long", "cross")
#: Kinds a logged or planned day may hold (a race is a day, never a weekly habit).
RUN_KINDS: tuple[str, ...] = (*WEEK_RUN_KINDS, "race")
#: Key runs: a heavy leg session must not come the day before one (S5).
KEY_RUNS: frozenset[str] = frozenset({"hard", "long", "race"})
STRENGTH_LEVELS: tuple[str, ...] = ("none", "light", "heavy")
UNITS: tuple[str, ...] = ("mi", "km")
SEASONS: tuple[str, ...] = ("off-season", "race-season")
SIDES: tuple[str, ...] = ("left", "right", "none")
#: A race's priority: A = full taper, B = mini-taper, C = trained through.
PRIORITIES: tuple[str, ...] = ("A", "B", "C")
#: What a leg session may use: gym = barbell and machines, home = dumbbells, bands
#: and a step, none = bodyweight only.
EQUIPMENT: tuple[str, ...] = ("gym", "home", "none")
#: What follows week 8 of the strength block: keep the gains, or start a new block.
AFTER_BLOCK: tuple[str, ...] = ("maintain", "new")
#: Units a sets log's weights are in (profile ``weights:``; default kg).
WEIGHT_UNITS: tuple[str, ...] = ("kg", "lb")
#: What a logged set was: a warm-up counts for no load.
SET_TYPES: tuple[str, ...] = ("normal", "warmup", "failure", "drop")
#: The side of a single-leg set (blank: both legs, or both sides in one set).
SET_SIDES: tuple[str, ...] = ("left", "right")


def weekday_of(days_since_1970):
    """Monday 0 .. Sunday 6 of day numbers counted from 1970-01-01 (a Thursday, so 3);
    works on a number or a numpy array of them."""
    return (days_since_1970 + 3) % 7


#: A day over this distance is impossible, not just big (in the athlete's units).
MAX_DAY_DISTANCE: dict[str, float] = {"mi": 150.0, "km": 240.0}
#: A set over this weight is impossible, not just heavy (the heaviest squats ever
#: lifted are under 500 kg), by weight unit.
MAX_SET_WEIGHT: dict[str, float] = {"kg": 500.0, "lb": 1100.0}
#: A set over this many reps is a typing slip (a set of 50 calf raises is real).
MAX_REPS = 100
#: Files above this size are refused before parsing.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Without a ``season:``, a race within this many days means race season.
RACE_SEASON_DAYS = 84

#: The daily frame every loader returns: column -> dtype. Documented in docs/data-format.md.
DAY_COLUMNS: dict[str, str] = {
    "date": "datetime64[ns]",
    "run": "str",  # one of RUN_KINDS; a blank log cell is "rest"
    "distance": "float64",  # athlete's units; NaN when not logged
    "minutes": "float64",
    "rpe": "float64",  # 0-10
    "strength": "str",  # one of STRENGTH_LEVELS; blank is "none"
    "strength_minutes": "float64",
    "strength_rpe": "float64",  # 0-10
    "soreness": "float64",  # 0-10, legs, that morning
    "notes": "str",  # "" when blank
    "pain": "float64",  # 0-10: localised pain (not soreness); NaN when not logged (H1)
    "pain_site": "str",  # one of PAIN_SITES; "" when blank
}
#: Daily columns a log may leave out and a saved log writes only once one holds a value.
OPTIONAL_DAY_COLUMNS: tuple[str, ...] = ("pain", "pain_site")
#: Where a runner's pain is (H1): the sites the exercise library says each exercise loads.
PAIN_SITES: tuple[str, ...] = (
    "knee", "shin", "calf", "achilles", "foot", "hamstring", "hip", "back", "other",
)  # fmt: skip

#: The weekly-totals frame (athletes who only log weeks).
WEEK_TOTAL_COLUMNS: dict[str, str] = {
    "week_of": "datetime64[ns]",  # a Monday
    "distance": "float64",
    "long_run": "float64",
    "runs": "float64",
    "strength_sessions": "float64",
    "soreness": "float64",  # the week's average
}

#: The sets frame (``Athlete.sets``) as the sets log gives it: one row per set.
#: Documented in docs/data-format.md.
SET_COLUMNS: dict[str, str] = {
    "date": "datetime64[ns]",
    "exercise": "str",  # as written in the log or the export
    "set": "float64",  # 1, 2, ... within the exercise that day; NaN: numbered by order
    "reps": "float64",
    "weight": "float64",  # in the profile's weights unit; NaN or 0: bodyweight
    "rir": "float64",  # reps in reserve, 0-10 (10 - rpe when only an RPE was logged)
    "rpe": "float64",  # 0-10
    "side": "str",  # "" (both legs), left or right
    "type": "str",  # one of SET_TYPES; blank is normal
    "source": "str",  # "" typed by hand, else the app it was imported from (hevy, strong)
}

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, printed as ``path:line: severity: message``."""

    path: str
    line: int | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Race:
    name: str
    date: dt.date
    distance: float | None = None  # athlete's units
    priority: str = "A"  # one of PRIORITIES


@dataclass(frozen=True)
class Profile:
    """An athlete's settings. ``week`` is always filled when days were logged:
    ``week_source`` says whether it came from the profile or was inferred."""

    id: str
    name: str
    units: str = "mi"
    #: D2: the log's units were not given (no profile, or one without ``units:``)
    units_assumed: bool = False
    week: dict[str, str] | None = None  # WEEKDAYS -> WEEK_RUN_KINDS
    week_source: Literal["profile", "inferred", "missing"] = "missing"
    season: str | None = None  # None: decided from race dates (see season_on)
    races: tuple[Race, ...] = ()
    block_start: dt.date | None = None
    weaker_side: str = "none"
    path: str = ""
    strength_days: tuple[str, ...] | None = None  # WEEKDAYS leg sessions may go on; None: any
    equipment: str = "gym"  # one of EQUIPMENT
    after_block: str = "new"  # one of AFTER_BLOCK
    weight_unit: str = "kg"  # one of WEIGHT_UNITS (the profile's ``weights:``)

    def season_on(self, as_of: dt.date) -> str:
        """The declared season, else race season when a race is within 12 weeks."""
        if self.season:
            return self.season
        horizon = as_of + dt.timedelta(days=RACE_SEASON_DAYS)
        if any(as_of <= race.date <= horizon for race in self.races):
            return "race-season"
        return "off-season"

    def next_race(self, as_of: dt.date) -> Race | None:
        upcoming = [r for r in self.races if r.date >= as_of]
        return min(upcoming, key=lambda r: r.date) if upcoming else None


@dataclass(frozen=True)
class Athlete:
    """One athlete ready for metrics and planning.

    ``days`` has exactly DAY_COLUMNS, sorted by date (several rows per date for a
    double day). Athletes who log weekly totals have an empty ``days`` and a
    ``week_totals`` frame with WEEK_TOTAL_COLUMNS instead. ``sets``, when the athlete
    logs sets (``strength_log:`` or ``sets:``), has SET_COLUMNS plus what
    ``legday.strength.names`` adds (the exercise it resolves to, leg or not); ``days``
    then holds the sessions the sets fill in, and ``log_days`` the log as written.
    """

    profile: Profile
    days: pd.DataFrame
    week_totals: pd.DataFrame | None = None
    notes: tuple[str, ...] = field(default=())
    sets: pd.DataFrame | None = None
    log_days: pd.DataFrame | None = None  # the daily log as written, when sets filled ``days``

    @property
    def written_days(self) -> pd.DataFrame:
        """The daily log as the runner wrote it (what an edit or a check-in saves): the
        sessions the sets log filled in are not written back."""
        return self.days if self.log_days is None else self.log_days

    @property
    def id(self) -> str:
        return self.profile.id

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def units(self) -> str:
        return self.profile.units

    @property
    def granularity(self) -> Literal["days", "weeks"]:
        return "weeks" if self.week_totals is not None else "days"

    @property
    def first_date(self) -> dt.date | None:
        """The first day the log covers (a weekly log: its first week's Monday)."""
        if self.week_totals is not None:
            return None if self.week_totals.empty else self.week_totals["week_of"].min().date()
        return None if self.days.empty else self.days["date"].min().date()

    @property
    def last_date(self) -> dt.date | None:
        """The last day the log covers (a weekly log covers its last week's Sunday)."""
        if self.week_totals is not None:
            if self.week_totals.empty:
                return None
            return (self.week_totals["week_of"].max() + pd.Timedelta(days=6)).date()
        if self.days.empty:
            return None
        return self.days["date"].max().date()


def empty_days() -> pd.DataFrame:
    """A zero-row frame with the documented daily columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in DAY_COLUMNS.items()})


def days_from_records(records: list[dict]) -> pd.DataFrame:
    """Build a valid daily frame from trusted rows (tests, importers, the planner).

    Missing fields take the loader's blanks: rest, none, NaN, "". Untrusted input
    goes through ``legday.io`` validation instead.
    """
    frame = pd.DataFrame.from_records(records, columns=list(DAY_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"]).dt.normalize()
    for column, blank in (("run", "rest"), ("strength", "none"), ("notes", ""), ("pain_site", "")):
        text = frame[column].astype(object)
        frame[column] = text.where(text.notna() & (text != ""), blank)
    frame = frame.astype(DAY_COLUMNS)
    return frame.sort_values("date", kind="stable").reset_index(drop=True)
