"""The rule book: every coaching rule legday applies, its thresholds and its checks.

Flags (over a log), the planner (over candidate placements of a week), the About page
and docs/rules.md all take their rules from here, so a rule means one thing everywhere.
One grep for a rule id finds its entry in ``RULES``, its thresholds and its check here
(the body's signals, soreness and pain, are checked in ``legday.body``), its flag text
in ``legday.flags``, its planner reason in ``legday.planner.reasons`` and its tests.

The day-level checks work on whole arrays: ``levels`` is a (k, n) array of leg-session
levels (0 none, 1 light, 2 heavy) for k candidate weeks or one logged stretch of n
consecutive days, and ``DayFacts`` says what each of those days is (run kind, races
around it). Each check returns a (k, n) mask of the days that break its rule, so the
same function judges a logged week and all 2,187 placements the planner tries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from legday.model import KEY_RUNS, PRIORITIES

Evidence = Literal["strong", "moderate", "weak", "contested", "n/a"]


@dataclass(frozen=True)
class Rule:
    """One rule: its id, what it says, and how strong the evidence behind it is."""

    id: str
    summary: str
    strength: Evidence
    source: str

    @property
    def evidence(self) -> str:
        """``strength: source``, as flags and the About page show it."""
        return f"{self.strength}: {self.source}"


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.id: rule for rule in rules}


RULES: dict[str, Rule] = _rules(
    # The source article's rules (S1-S13) and the coach's additions (S14, R, L, V, W).
    Rule("S1", "Two leg sessions a week while building strength; never more than two.",
         "weak", "source article (2x a week); Ronnestad 2010 (2x builds, 1x keeps; small "
         "sample, cyclists)"),
    Rule("S2", "One leg session a week keeps strength in race season.",
         "moderate", "Ronnestad 2010 (1x a week kept the gains; small sample, cyclists)"),
    Rule("S3", "No leg session on a rest day.",
         "weak", "source article (rest days stay rest)"),
    Rule("S4", "No leg session the day after a hard run, a long run or a race.",
         "weak", "source article (the day after a key run is recovery)"),
    Rule("S5", "48 h between a heavy leg session and the next key run: no hard run, long "
         "run or race the day after heavy lifting, across the week boundary too.",
         "moderate", "Doma 2013/2014, Marcora 2007, Assumpcao 2013 (heavy lifting impairs "
         "hard running for 24-48 h); source article"),
    Rule("S6", "A leg session goes after an easy run, or hours after a hard run on the "
         "same day (run first); never on a long-run or race day.",
         "moderate", "Robineau 2016 (smaller strength gains with 0 h than 6 h between); "
         "source article"),
    Rule("S7", "Any leg session at least a day before a long run; the day before, light only.",
         "weak", "source article (its sample week)"),
    Rule("S8", "Taper before an A race: from 14 days out one leg session a week at most, "
         "no heavy lifting in the last 10 days, nothing in the last 2.",
         "weak", "convention, no trial (7-10 days; the article says 10); taper: Bosquet 2007"),
    Rule("S9", "An 8-week strength block counted in weeks with a heavy session: weeks 1-4 "
         "form (2 then 3 sets), weeks 5-7 load (up to 4 sets, harder variations), week 8 a "
         "deload (the same weights, half the sets); weeks without heavy work hold it, 3 in a "
         "row resume it two weeks lower, 6 restart it; a session holds at most 16 sets; "
         "weights by double progression from the sets log.",
         "weak", "coaching convention; source article; Bosquet 2013 (strength largely kept "
         "for about 3 weeks without training)"),
    Rule("S10", "Soreness: back off (no heavy session, a set fewer) after a day at 7 or more "
         "in the last 3 days, 2 days at 6 or more in the last 7, soreness rising 3 days in a "
         "row to above 5, or heavy legs with runs harder than usual.",
         "weak", "no validated cut-off; pain-monitoring scale (0-3 fine, 4-5 acceptable, "
         "above 5 too much)"),
    Rule("S11", "Single-leg work starts with the weaker side.", "weak", "coaching convention"),
    Rule("S12", "Off-season builds (heavy, twice a week); race season maintains (once, "
         "fewer sets and exercises, the same intensity).",
         "moderate", "Ronnestad 2010 (small sample)"),
    Rule("S13", "The day after leg work: protein, water, sleep, foam rolling, easy movement.",
         "weak", "general recovery advice"),
    Rule("H1", "Pain is not soreness: pain at 3 or more (0-10) on 2 days of a week, or at 5 "
         "or more once, takes the load off the painful site (no hard or long run, no leg "
         "exercise that loads it) and says to see a physiotherapist if it lasts.",
         "moderate", "Silbernagel 2007 pain-monitoring model (up to 5/10 during activity only "
         "if it settles by the next morning and does not rise week to week)"),
    Rule("H2", "A soreness pattern: soreness of 6 or more after most of the last 5 leg "
         "sessions is a pattern to change (exercise choice, volume), not a week to back off.",
         "weak", "coaching convention (the repeated-bout effect should make DOMS fade)"),
    Rule("S14", "A first block starts light: with no leg work in the last 8 weeks, two "
         "weeks of bodyweight sessions before loaded work.",
         "weak", "convention; repeated-bout effect (new work makes sore, then less so)"),
    Rule("R1", "No hard or long run in the 2 days before any race; the day before an A race "
         "is rest or a short shakeout (under 30 minutes).",
         "weak", "coaching convention; taper keeps intensity until the last days (Bosquet 2007)"),
    Rule("R2", "Recovery by race distance: no hard or long run for about 2 days after a 5K, "
         "4 after a 10K, 7 after a half, 14 after a marathon; after a half or longer, rest or "
         "cross-training the next day, then easy runs only and no heavy legs for a week; the day "
         "after any A race is rest, cross-training or an easy run.",
         "weak", "coaching convention"),
    Rule("R3", "Race priority: A gets the full taper (S8); B a mini-taper (no heavy legs in the "
         "5 days before, nothing in the 2 before, volume cut at most 20%); C is trained through "
         "(no leg session the day before, no heavy legs in the 2 before, no volume cut).",
         "weak", "coaching convention"),
    Rule("P1", "The week after a race is recovery: one light leg session at most.",
         "weak", "coaching convention"),
    Rule("L1", "A week with no logged day is not logged, not a week of rest: volume bases, "
         "ramps and the block count use logged weeks, and a log that stopped more than 7 "
         "days before the planned week is named and planned from conservatively.",
         "n/a", "says what the log can show"),
    Rule("V1", "Next week's distance: the last 4 logged weeks' mean plus 10%.",
         "weak", "convention; Buist 2008 found the 10% rule did not prevent injuries"),
    Rule("V2", "No planned run longer than 1.1 x the longest run of the last 30 days.",
         "moderate", "Frandsen 2025, 5,205 runners (10-30% longer HR 1.64)"),
    Rule("V3", "Taper, race week and recovery cut the distance by the race: an A race's "
         "taper is as long as its distance asks (a 5K about a week, a 10K 7-10 days, a half "
         "10-14 days, a marathon 2-3 weeks), race week keeps one short race-pace session; "
         "recovery weeks are lighter the longer the race.",
         "moderate", "Mujika & Padilla 2003 (tapers of 4-28 days, most often 8-14); Bosquet "
         "2007 (taper: volume cut 41-60%, intensity and frequency kept)"),
    Rule("V4", "No jump: after a logged rise of more than 30% or during a soreness back-off "
         "the distance is held; a rebuild after a race, a recovery or a gap climbs about 14% "
         "a week at most, and no planned week rises more than 30% over the week before or "
         "over two weeks (what M1 flags).",
         "weak", "Nielsen 2014 (HR 1.59, CI crossing 1)"),
    Rule("V5", "Cutback: in a build, a week 20-30% lighter every third or fourth week (after "
         "three build weeks; the log's own lighter weeks count).",
         "weak", "convention most training plans follow"),
    Rule("V6", "Each run's distance starts from your own median for that kind of run over the "
         "last 6 weeks; the volume rules then scale the week.",
         "n/a", "your own log"),
    Rule("W1", "Where the usual week came from: the profile, the log, or a default week.",
         "n/a", "says where the data came from"),
    Rule("W2", "Weekly-totals logs: the days come from the profile's week or a default.",
         "n/a", "says where the data came from"),
    Rule("W3", "Seven or more days in a row without a rest or cross-training day.",
         "weak", "coaching convention"),
    Rule("W4", "Back-to-back key runs: a hard or long run the day after another.",
         "weak", "coaching convention (hard days hard, easy days easy)"),
    Rule("W5", "Leg sessions go only on the days the profile lists (strength: days).",
         "n/a", "the athlete's own availability"),
    Rule("W6", "Doubles: a runner who ran twice a day in the last 4 weeks keeps doing so, as "
         "often a week, on the weekdays doubled most; the second run is easy and each run's "
         "usual distance is per run.", "n/a", "the runner's own log"),
    # Metrics and data notes.
    Rule("M1", "Weekly distance up more than 30% over two weeks.",
         "weak", "Nielsen 2014 (>30% over two weeks, HR 1.59, CI crossing 1); Buist 2008: "
         "the 10% rule did not prevent injuries"),
    Rule("M2", "A single run more than 10% longer than the longest of the previous 30 days.",
         "moderate", "Frandsen 2025, 5,205 runners (10-30% longer HR 1.64; >100% HR 2.28)"),
    Rule("M3", "Acute:chronic ratio above 1.5 (a description, not a forecast).",
         "contested", "Hulin 2016, Gabbett 2016 (team sports); Lolli 2019, Impellizzeri 2020; "
         "Frandsen 2025 found a negative relation in runners"),
    Rule("M4", "Fitness and fatigue start from the first weeks' mean daily load; the first 6 "
         "weeks are calibrating.", "n/a", "Banister model as TrainingPeaks uses it; seeding "
         "is legday's convention"),
    Rule("M5", "A week of identical daily loads shows monotony capped, not blank.",
         "n/a", "Foster 1998 (monotony = mean / SD of daily load)"),
    Rule("D1", "The log has weekly totals only, so the day-level checks cannot run.",
         "strong", "a weekly total cannot show which day a session or run fell on"),
    Rule("D2", "The log's units were assumed (miles): no profile, or none that says units.",
         "n/a", "says what legday assumed and how to change it"),
)  # fmt: skip


def rule(rule_id: str) -> Rule:
    """The rule with this id (a combined id like ``S5/S7`` gives its first part)."""
    return RULES[rule_id.split("/")[0]]


def evidence(rule_id: str) -> str:
    return rule(rule_id).evidence


# ------------------------------------------------------------------------- vocabulary

#: Run kinds from the least to the most demanding: a double day takes the highest.
KIND_ORDER: tuple[str, ...] = ("rest", "cross", "easy", "moderate", "hard", "long", "race")
KIND = {kind: code for code, kind in enumerate(KIND_ORDER)}
LEVEL_ORDER: tuple[str, ...] = ("none", "light", "heavy")
LEVEL = {level: code for code, level in enumerate(LEVEL_ORDER)}
#: Key runs (S4, S5): the runs a leg session must not spoil.
KEY_CODES = np.array([KIND[k] for k in KIND_ORDER if k in KEY_RUNS])
#: Hard or long: the runs R1 and R2 move away from a race.
HARD_OR_LONG = np.array([KIND["hard"], KIND["long"]])

# ------------------------------------------------------------------------- thresholds

MAX_SESSIONS_PER_WEEK = 2  # S1
SESSIONS_TARGET = {"build": 2, "maintain": 1, "taper": 1, "race-week": 1, "recovery": 1}
GAP_DAYS = 14  # S1/S12: a gap this long loses strength
# S8 (A races): the taper window, no heavy lifting, nothing at all; one session per 7 days
TAPER_DAYS = 14
NO_HEAVY_DAYS = 10
NOTHING_DAYS = 2
TAPER_SPACING_DAYS = 7  # at most one session in any 7 days of the taper
# R3: B races (mini-taper) and C races (trained through)
B_NO_HEAVY_DAYS = 5
B_NOTHING_DAYS = 2
B_VOLUME_CUT = 0.20
C_NOTHING_DAYS = 1
C_NO_HEAVY_DAYS = 2
C_VOLUME_SLACK = 0.10  # a C race week keeps its volume within 10%, the race counted
# R1
NO_KEY_RUN_DAYS = 2
SHAKEOUT_MINUTES = 30
RACE_PACE_LATEST = 5  # V3: race week's race-pace session, 3 to this many days before the race
# R2: recovery days (no hard or long run) by race distance in km; a race without a
# distance counts as a half marathon; between the points the days are interpolated.
RECOVERY_POINTS_KM = (5.0, 10.0, 21.1, 42.2, 100.0)
RECOVERY_POINTS_DAYS = (2.0, 4.0, 7.0, 14.0, 28.0)
LONG_RACE_KM = 21.0  # a half or longer: rest the day after, no heavy legs for a week
NO_HEAVY_AFTER_LONG_RACE_DAYS = 7
KM_PER_MILE = 1.609344
# P1: the recovery phase covers a race in the 7 days before the Monday
RECOVERY_WEEK_DAYS = 7
# S9
BLOCK_WEEKS = 8
# S14
FIRST_BLOCK_LOOKBACK_WEEKS = 8
FIRST_BLOCK_LIGHT_WEEKS = 2
# S10: one soreness definition (0-10 scale)
SORENESS_ACCEPTABLE_MAX = 5.0
SORENESS_SEVERE = 7.0  # a day at this or more in the last SEVERE_WINDOW days
SEVERE_WINDOW = 3
SORENESS_HIGH = 6.0  # HIGH_DAYS days at this or more in the last HIGH_WINDOW days
HIGH_DAYS = 2
HIGH_WINDOW = 7
RISING_DAYS = 3  # strictly rising on this many days in a row, ending above ACCEPTABLE_MAX
RISING_WINDOW = 3  # a rise ending in the last 3 days counts
HEAVY_LEGS_WINDOW = 7
RPE_USUAL_DAYS = 42  # the runner's usual RPE per run kind: median over these days
HEAVY_LEGS_WORDS = ("heavy", "sluggish", "dead", "flat", "tired", "wooden")
# H1: PAIN_DAYS days at PAIN_MODERATE or more, or one at PAIN_HIGH, in PAIN_WINDOW days
PAIN_MODERATE = 3.0
PAIN_DAYS = 2
PAIN_HIGH = 5.0
PAIN_WINDOW = 7
# H2: PATTERN_SORENESS in the PATTERN_DAYS after PATTERN_MOST of PATTERN_SESSIONS sessions
PATTERN_SORENESS = 6.0
PATTERN_DAYS = 2
PATTERN_SESSIONS = 5
PATTERN_MOST = 3
# Volume
GROWTH = 1.10  # V1
VOLUME_WEEKS = 4  # V1: the mean of the last logged weeks
LONG_RUN_CAP = 1.10  # V2: x the longest run of the last 30 days
LONG_RUN_WINDOW = 30


@dataclass(frozen=True)
class Taper:
    """V3: an A race of up to ``up_to_km``: the usual distance's share for each week
    before race week (the earliest first) and for race week (the race apart)."""

    up_to_km: float
    name: str
    length: str
    weeks: tuple[float, ...]
    race_week: float


TAPERS: tuple[Taper, ...] = (  # V3: Mujika & Padilla 2003; Bosquet 2007
    Taper(7.5, "5K", "about a week", (), 0.75),
    Taper(15.0, "10K", "7-10 days", (0.90,), 0.65),
    Taper(30.0, "half marathon", "10-14 days", (0.75,), 0.55),
    Taper(float("inf"), "marathon or longer", "2-3 weeks", (0.80, 0.65), 0.45),
)
#: V3: the first recovery week's share after a half or longer, by km (interpolated).
RECOVERY_SHARE_KM, RECOVERY_SHARE = (21.1, 42.2, 100.0), (0.70, 0.50, 0.40)
RAMP_LIMIT = 0.30  # V4, M1
REBOUND_LIMIT = 1 + RAMP_LIMIT  # V4: no week over this x the last (the next can hold it)
REBUILD_GROWTH = (1 + RAMP_LIMIT) ** 0.5  # V4: a rebuild's week; two stay within M1
BACKOFF_VOLUME = 0.90  # V4 during an S10 back-off
CUTBACK_AFTER_RISING = 3  # V5: build weeks in a row before a cutback week
CUTBACK_VOLUME = 0.80  # V5: 20% less; with RAMP_LIMIT the build resumes right after
LIGHTER_WEEK = 0.90  # V5: a logged week this much under the one before is a lighter week
OWN_DISTANCE_WEEKS = 6  # V6
RUN_SCALE_CAP = 1.10  # V6: no run planned more than 10% over its own usual length
DOUBLE_WEEKS = 4  # W6: the weeks a runner's doubles are read from
STALE_DAYS = 7  # L1: the log stopped this long before the planned week
STALE_CUT_PER_WEEK = 0.10  # L1: 10% less per unlogged week...
STALE_FLOOR = 0.50  # ...down to half
STALE_LIGHT_WEEKS = 2  # L1: this many unlogged weeks: leg work light until the log is current
# Weeks and metrics
NO_REST_DAYS = 7  # W3
SPIKE_RATIO = 1.10  # M2
SPIKE_ACT_RATIO = 2.0  # M2: more than 100% longer
SPIKE_WINDOW = 30
ACWR_HIGH = 1.5  # M3
CALIBRATING_WEEKS = 6  # M4
SEED_DAYS = 28  # M4: the first logged days whose mean load seeds CTL, ATL and EWMA
MONOTONY_CAP = 4.0  # M5: shown for a week of identical loads (SD 0)

_FAR = 10**6  # days to a race when there is none


def recovery_days(distance_km: float | None) -> int:
    """R2: days without a hard or long run after a race of this distance."""
    km = 21.1 if distance_km is None or not np.isfinite(distance_km) else distance_km
    days = np.interp(km, RECOVERY_POINTS_KM, RECOVERY_POINTS_DAYS, left=RECOVERY_POINTS_DAYS[0])
    if km > RECOVERY_POINTS_KM[-1]:  # beyond 100 km: a week more per 50 km
        days = RECOVERY_POINTS_DAYS[-1] + 7 * (km - RECOVERY_POINTS_KM[-1]) / 50
    return round(float(days))


def to_km(distance: float | None, units: str) -> float | None:
    if distance is None or not np.isfinite(distance):
        return None
    return distance * KM_PER_MILE if units == "mi" else distance


# --------------------------------------------------------------------------- day facts


@dataclass(frozen=True)
class RaceDay:
    """A race as the day checks see it."""

    day: int  # date.toordinal()
    priority: str  # A | B | C
    distance_km: float | None


def race_days(
    races: Iterable, units: str, logged: Iterable[dt.date | tuple[dt.date, float]] = ()
) -> list[RaceDay]:
    """Profile races (``model.Race``) and days logged as ``race`` that the profile lacks:
    a date, or (date, logged distance) so that recovery follows the distance run (an A
    race; without a distance, a half)."""
    out = {
        r.date.toordinal(): RaceDay(r.date.toordinal(), r.priority, to_km(r.distance, units))
        for r in races
    }
    for entry in logged:
        day, distance = entry if isinstance(entry, tuple) else (entry, None)
        km = to_km(distance, units) if distance else None
        out.setdefault(day.toordinal(), RaceDay(day.toordinal(), "A", km))
    return sorted(out.values(), key=lambda r: r.day)


@dataclass(frozen=True)
class DayFacts:
    """What the checks need to know about each of n consecutive days."""

    first: int  # ordinal of day 0
    kind: np.ndarray  # int codes of KIND_ORDER
    week: np.ndarray  # calendar-week number (Monday start) of each day
    to_race: dict[str, np.ndarray]  # priority or "any" -> days to the next such race after it
    since_race: np.ndarray  # days since the last race before the day (_FAR when none)
    recovering: np.ndarray  # inside a race's R2 recovery days (no hard or long run)
    rest_after_long_race: np.ndarray  # the day after a half or longer
    no_heavy_after_race: np.ndarray  # within a week after a half or longer
    day_after_a_race: np.ndarray  # rest, cross-training or an easy run only (R2)
    before: int  # kind code of the day before day 0
    after: int  # kind code of the day after the last day
    races: tuple[RaceDay, ...] = ()

    @property
    def n(self) -> int:
        return self.kind.size

    @property
    def key(self) -> np.ndarray:
        return np.isin(self.kind, KEY_CODES)

    @property
    def after_key(self) -> np.ndarray:
        """The day before was a key run (S4): the day before day 0 is ``before``."""
        return np.isin(np.concatenate(([self.before], self.kind[:-1])), KEY_CODES)

    @property
    def before_key(self) -> np.ndarray:
        """The next day is a key run (S5)."""
        return np.isin(np.concatenate((self.kind[1:], [self.after])), KEY_CODES)

    def dates(self) -> list[dt.date]:
        return [dt.date.fromordinal(self.first + i) for i in range(self.n)]


def day_facts(
    first: dt.date,
    kinds: Sequence[str] | np.ndarray,
    races: Sequence[RaceDay],
    *,
    before: str | int = "rest",
    after: str | int = "rest",
) -> DayFacts:
    """Facts for the days ``first`` .. ``first + len(kinds) - 1``."""
    kind = np.asarray(
        [KIND[k] for k in kinds] if len(kinds) and isinstance(kinds[0], str) else kinds,
        dtype=np.int64,
    )
    start = first.toordinal()
    days = start + np.arange(kind.size)
    to_race = {
        p: _days_to(days, [r.day for r in races if r.priority == p], strict=True)
        for p in PRIORITIES
    }
    to_race["any"] = _days_to(days, [r.day for r in races], strict=True)
    since_race = _days_to(-days, [-r.day for r in races], strict=True)  # backwards in time
    recovering = np.zeros(kind.size, dtype=bool)
    rest_after = np.zeros(kind.size, dtype=bool)
    no_heavy = np.zeros(kind.size, dtype=bool)
    after_a = np.zeros(kind.size, dtype=bool)
    for race in races:
        since = days - race.day
        after_a |= (since == 1) & (race.priority == "A")
        recovering |= (since >= 1) & (since <= recovery_days(race.distance_km))
        if (race.distance_km if race.distance_km is not None else 21.1) >= LONG_RACE_KM:
            rest_after |= since == 1
            no_heavy |= (since >= 1) & (since <= NO_HEAVY_AFTER_LONG_RACE_DAYS)
    return DayFacts(
        first=start,
        kind=kind,
        week=(days - (start - first.weekday())) // 7,
        to_race=to_race,
        since_race=since_race,
        recovering=recovering,
        rest_after_long_race=rest_after,
        no_heavy_after_race=no_heavy,
        day_after_a_race=after_a,
        before=before if isinstance(before, int) else KIND[before],
        after=after if isinstance(after, int) else KIND[after],
        races=tuple(races),
    )


def _days_to(days: np.ndarray, race_days_: list[int], strict: bool = False) -> np.ndarray:
    """Days from each day to the next race on (or, ``strict``, after) it; _FAR when none."""
    if not race_days_:
        return np.full(days.shape, _FAR, dtype=np.int64)
    ordered = np.unique(np.asarray(race_days_, dtype=np.int64))
    pos = np.searchsorted(ordered, days, side="right" if strict else "left")
    ahead = ordered[np.minimum(pos, ordered.size - 1)]
    return np.where(pos < ordered.size, ahead - days, _FAR)


# ------------------------------------------------------------------ placement checks
# Each takes levels (k, n) and facts, and returns the (k, n) days that break the rule.

Check = Callable[[np.ndarray, DayFacts], np.ndarray]


def s1_more_than_two(levels: np.ndarray, facts: DayFacts) -> np.ndarray:
    """S1: the sessions of a calendar week that holds more than two."""
    lift = levels > 0
    weeks = facts.week - facts.week[0]
    starts = np.flatnonzero(np.r_[True, weeks[1:] != weeks[:-1]])  # each week's first day
    counts = np.add.reduceat(lift.astype(np.int64), starts, axis=-1)  # (k, weeks)
    return lift & (counts[..., weeks] > MAX_SESSIONS_PER_WEEK)


def s3_rest_day(levels: np.ndarray, facts: DayFacts) -> np.ndarray:
    """S3: a session on a rest day."""
    return (levels > 0) & (facts.kind == KIND["rest"])


def s4_after_key_run(levels: np.ndarray, facts: DayFacts) -> np.ndarray:
    """S4: a session the day after a hard run, long run or race."""
    return (levels > 0) & facts.after_key


def s5_heavy_before_key_run(levels: np.ndarray, facts: DayFacts) -> np.ndarray:
    """S5 (and S7 for a long run): a heavy session the day before a key run."""
    return (levels == 2) & facts.before_key


def s6_long_or_race_day(levels: np.ndarray, facts: DayFacts) -> np.ndarray:
    """S6: a session on a long-run or race day."""
    return (levels > 0) & np.isin(facts.kind, [KIND["long"], KIND["race"]])


def s8_taper(levels: np.ndarray, facts: DayFacts) -> np.ndarray:
    """S8 before an A race: nothing in 2 days, no heavy in 10, one session per 7 days in 14."""
    to_a = facts.to_race["A"]
    lift = levels > 0
    late = lift & (to_a >= 1) & (to_a <= NOTHING_DAYS)
    heavy = (levels == 2) & (to_a >= 1) & (to_a <= NO_HEAVY_DAYS)
    crowded = np.zeros_like(lift)
    days = facts.first + np.arange(facts.n)
    last = facts.first + facts.n - 1
    for race in facts.races:  # each A race's 14 days hold one session per 7 days
        if race.priority != "A" or race.day <= facts.first or race.day - TAPER_DAYS > last:
            continue
        window = lift & (race.day - days >= 1) & (race.day - days <= TAPER_DAYS)
        for back in range(1, TAPER_SPACING_DAYS):
            crowded[..., back:] |= window[..., back:] & window[..., :-back]
    return late | heavy | crowded


def r2_heavy_after_long_race(levels: np.ndarray, facts: DayFacts) -> np.ndarray:
    """R2: a heavy session in the week after a half marathon or longer."""
    return (levels == 2) & facts.no_heavy_after_race


def r3_b_and_c_races(levels: np.ndarray, facts: DayFacts) -> np.ndarray:
    """R3: B races get a mini-taper, C races are trained through with a light touch."""
    lift, heavy = levels > 0, levels == 2
    to_b, to_c = facts.to_race["B"], facts.to_race["C"]
    b = (lift & (to_b >= 1) & (to_b <= B_NOTHING_DAYS)) | (
        heavy & (to_b >= 1) & (to_b <= B_NO_HEAVY_DAYS)
    )
    c = (lift & (to_c >= 1) & (to_c <= C_NOTHING_DAYS)) | (
        heavy & (to_c >= 1) & (to_c <= C_NO_HEAVY_DAYS)
    )
    return b | c


def w5_not_a_strength_day(allowed: np.ndarray) -> Check:
    """W5: a session on a day the profile does not list (``allowed``: one bool per day)."""

    def check(levels: np.ndarray, facts: DayFacts) -> np.ndarray:
        return (levels > 0) & ~allowed

    return check


#: The placement rules, in the order reasons name them. A plan never breaks one; a log
#: that does gets a flag.
PLACEMENT_CHECKS: tuple[tuple[str, Check], ...] = (
    ("S3", s3_rest_day),
    ("S4", s4_after_key_run),
    ("S6", s6_long_or_race_day),
    ("S8", s8_taper),
    ("R3", r3_b_and_c_races),
    ("R2", r2_heavy_after_long_race),
    ("S5", s5_heavy_before_key_run),
    ("S1", s1_more_than_two),
)


def broken(levels: np.ndarray, facts: DayFacts, checks=PLACEMENT_CHECKS) -> dict[str, np.ndarray]:
    """Rule id -> the (k, n) days that break it."""
    levels = np.atleast_2d(levels)
    return {rule_id: check(levels, facts) for rule_id, check in checks}


# ------------------------------------------------------------------------ run checks
# Each takes facts (and a plan's or a log's run kinds in them) and returns the n days
# whose run breaks the rule.


def r1_key_run_before_race(facts: DayFacts) -> np.ndarray:
    """R1: a hard or long run in the 2 days before any race."""
    to_any = facts.to_race["any"]
    return np.isin(facts.kind, HARD_OR_LONG) & (to_any >= 1) & (to_any <= NO_KEY_RUN_DAYS)


def r1_day_before_a_race(facts: DayFacts) -> np.ndarray:
    """R1: the day before an A race holds more than rest or a short easy shakeout (a race
    the day before is a race: it stays)."""
    kind = facts.kind
    return (facts.to_race["A"] == 1) & (kind > KIND["easy"]) & (kind != KIND["race"])


def r2_too_soon_after_race(facts: DayFacts) -> np.ndarray:
    """R2: a hard or long run inside a race's recovery days, anything but easy running in
    the week after a half marathon or longer or the day after an A race, or any run the
    day after a half or longer (another race is fixed: it stays)."""
    kind = facts.kind
    hard = np.isin(kind, HARD_OR_LONG) & facts.recovering
    easy_only = facts.no_heavy_after_race | facts.day_after_a_race
    not_easy = easy_only & np.isin(kind, [KIND["moderate"], *HARD_OR_LONG])
    ran = facts.rest_after_long_race & (kind >= KIND["easy"]) & (kind != KIND["race"])
    return hard | not_easy | ran


def s5_key_run_after_heavy(heavy: np.ndarray, facts: DayFacts) -> np.ndarray:
    """S5 seen from the run: a key run the day after a heavy session (``heavy``: n bools)."""
    return facts.key & np.concatenate(([False], heavy[:-1]))


def w3_no_rest(facts: DayFacts) -> np.ndarray:
    """W3: the days that complete a run of NO_REST_DAYS or more without rest or cross."""
    busy = facts.kind >= KIND["easy"]
    return run_length(busy) >= NO_REST_DAYS


def w4_back_to_back(facts: DayFacts) -> np.ndarray:
    """W4: a hard or long run the day after another hard or long run."""
    hard = np.isin(facts.kind, HARD_OR_LONG)
    before = np.isin(np.concatenate(([facts.before], facts.kind[:-1])), HARD_OR_LONG)
    return hard & before


def run_length(mask: np.ndarray) -> np.ndarray:
    """Length of the run of True ending at each position (0 where False)."""
    count = np.cumsum(mask)
    reset = np.maximum.accumulate(np.where(mask, 0, count))
    return count - reset
