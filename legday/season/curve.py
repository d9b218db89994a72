"""The season curve: each week's type and running distance for the whole horizon, planned
from the logged history before any day is placed.

A week is one of WEEK_TYPES, each with its rule: ``build`` (V1: the 4-week mean plus
10%), ``cutback`` (V5: after three build weeks, the log's own lighter weeks counting),
``hold`` (V4: after a logged jump or during a soreness back-off), ``taper`` and
``race`` (V3: a taper as long as the A race's distance asks; R3: a B race's mini-taper),
``recovery`` (V3: by the race's distance) and ``rebuild`` (V4/M1, L1: back toward the
usual distance after a race, a recovery or a gap in the log, at most REBUILD_GROWTH a
week). No week is ever aimed higher than the ramp limits allow (``Past.ramp_cap``: the
V4 and M1 checks a logged week would get, and REBOUND_LIMIT).

``week_volume`` gives a week its target twice: when the season is planned, from the aims
of the weeks before it (the curve the Planner's strip draws), and when its days are
filled, from what the weeks before it really hold; a week whose days held less than its
aim so lowers the weeks after it, and every number a note states is the days' own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from legday import rules
from legday.model import Race
from legday.season.phases import Phase, week_phases
from legday.words import plural

#: The most weeks one plan covers (``legday plan --weeks``).
MAX_WEEKS = 16
WEEK_TYPES = ("build", "cutback", "hold", "taper", "race", "recovery", "rebuild")
#: The week types that train as usual: the volume base (V1) is their mean.
NORMAL_TYPES = ("build", "hold")
#: The week types a rebuild follows (they end lighter than the usual distance).
LIGHT_TYPES = ("taper", "race", "recovery", "rebuild")


@dataclass(frozen=True)
class Past:
    """The calendar weeks before a week, oldest first, as the curve reads them."""

    total: np.ndarray  # every distance of the week, races included (what V4 and M1 see)
    usable: np.ndarray  # logged and whole: ramps and bases read only these
    normal: np.ndarray  # trained as usual: the volume base (V1)

    def then(self, total: float, usable: bool, normal: bool) -> Past:
        return Past(
            np.append(self.total, total), np.append(self.usable, usable),
            np.append(self.normal, normal),
        )  # fmt: skip

    @property
    def base(self) -> float | None:
        """V1: the mean of the last VOLUME_WEEKS usable, normal weeks."""
        weeks = self.total[self.usable & self.normal][-rules.VOLUME_WEEKS :]
        return float(weeks.mean()) if weeks.size and weeks.mean() > 0 else None

    def base_words(self, base: float) -> str:
        """What ``base`` is, true to the weeks it came from: the last weeks when they
        all trained as usual, else the last such weeks further back."""
        normal = self.usable & self.normal
        recent = normal[-rules.VOLUME_WEEKS :]
        if recent.size == rules.VOLUME_WEEKS and recent.all():
            return f"your {rules.VOLUME_WEEKS}-week mean of {base:.0f}"
        weeks = plural(min(int(normal.sum()), rules.VOLUME_WEEKS), "week")
        return f"your usual {base:.0f} (the mean of your last {weeks} of normal training)"

    @property
    def last(self) -> float | None:
        """Last week's total, when it was logged (or planned) whole."""
        return float(self.total[-1]) if self.usable.size and self.usable[-1] else None

    def log_ramp(self) -> float | None:
        """V4: the last usable week's rise over the mean of the (up to) 3 usable before it."""
        logged = self.total[self.usable]
        if logged.size < 2 or logged[-4:-1].mean() <= 0:
            return None
        return float(logged[-1] / logged[-4:-1].mean() - 1)

    def ramp_cap(self) -> tuple[float, str] | None:
        """The most the next week may total (races included) without a jump V4 or M1
        would flag on a logged week, or REBOUND_LIMIT x last week; and why, in words."""
        limit, ramp = 1 + rules.RAMP_LIMIT, f"{rules.RAMP_LIMIT:.0%}"
        caps = []
        if self.last:
            why = (
                f"at most {rules.REBOUND_LIMIT:g} x last week's {self.last:g} (the week after "
                f"can then hold it without {ramp} over two weeks, M1)"
            )
            caps.append((rules.REBOUND_LIMIT * self.last, why))
        if self.usable.size >= 2 and self.usable[-2] and self.total[-2] > 0:
            before = float(self.total[-2])
            why = f"no more than {ramp} over the {before:g} of the week before last (M1)"
            caps.append((limit * before, why))
        logged = self.total[self.usable][-3:]
        if logged.size and logged.mean() > 0:
            mean = float(logged.mean())
            weeks = f"the last {logged.size} weeks"
            why = f"no more than {ramp} over the mean of {weeks} ({mean:.1f}; V4)"
            caps.append((limit * mean, why))
        return min(caps) if caps else None

    def build_run(self) -> int:
        """Rising weeks since the last lighter one (V5's rhythm, the log's own cutbacks
        counting): a week under LIGHTER_WEEK x the one before, a taper, a race or a gap
        starts the count again; a level week keeps it."""
        run = 0
        previous = None
        for total, usable, normal in zip(self.total, self.usable, self.normal, strict=True):
            if not (usable and normal) or (previous and total < rules.LIGHTER_WEEK * previous):
                run = 0
            elif previous is not None and total > previous:
                run += 1
            previous = total if usable else None
        return run


@dataclass(frozen=True)
class Volume:
    """A week's aim for running (race days apart) and the sentence that explains it.

    ``text`` may hold ``{total}`` (what the final days make), ``{less}`` (that much
    under ``base``, in %), ``{last}`` and ``{cut_last}`` (last week's total, and the cut
    from it in words) and ``{growth}`` (the rise over last week, REBUILD_GROWTH at most, or what
    a race alone takes it to): ``note`` fills them once the days are placed.
    """

    target: float | None
    text: str
    base: float = 0.0
    type: str = "build"
    #: V6: no run longer than this x its usual length. A taper or recovery keeps the
    #: runs and shortens each (Bosquet 2007: volume cut, frequency kept).
    run_cap: float = rules.RUN_SCALE_CAP
    ceiling: float | None = None  # the most the days may make (the ramp cap, races apart)
    floor: float | None = None  # the least they may make (R3: a B race week)
    last: float | None = None

    @property
    def cutback(self) -> bool:
        return self.type == "cutback"

    def note(self, training: float, races: float, short_of: str | None, units: str) -> str:
        """The sentence with the final days' numbers; when the days could not hold the
        aim, why, and the aim it came down from."""
        if self.target is None:
            return self.text
        values = {
            "total": f"{training:g} {units}",
            "less": f"{(1 - training / self.base) * 100:.0f}" if self.base else "0",
            "last": f"{self.last:g}" if self.last else "0",
            "cut_last": self._cut_last(training),
            "growth": self._growth(training + races),
        }
        text = self.text.format_map(values)
        if races:
            text += f" Race day adds {races:g} {units}: {training + races:g} {units} in all."
        if short_of:
            text += f" The aim was about {self.target:.0f}; the days hold less: {short_of}."
        return text

    def _cut_last(self, training: float) -> str:
        last = self.last
        if not last:  # only a cutback says it, and a cutback follows a week
            return ""
        if training <= last:
            return f"{(1 - training / last) * 100:.0f}% under last week's {last:g}"
        return (  # a week of a few units: its runs are already at the shortest
            f"{(training / last - 1) * 100:.0f}% over last week's {last:g}, its runs "
            "no shorter than the shortest run planned"
        )

    def _growth(self, week_total: float) -> str:
        if not self.last:  # last week is not whole: nothing to grow from
            return f"back toward your usual {self.base:.0f}"
        if week_total <= rules.REBUILD_GROWTH * self.last + 0.01:
            return f"at most {rules.REBUILD_GROWTH - 1:.0%} over last week's {self.last:g}"
        over = (week_total / self.last - 1) * 100
        return (
            f"{over:.0f}% over last week's {self.last:g} with the race (a race is not "
            f"growth: the runs besides it are kept short)"
        )


@dataclass(frozen=True)
class SeasonWeek:
    """One week of the season: its phase, its type and what the type is about."""

    week_of: dt.date
    phase: Phase
    type: str  # one of WEEK_TYPES
    race: Race | None = None  # the race a taper, race or recovery week is about
    share: float = 1.0  # of the usual distance (taper, race and recovery weeks)
    number: int = 0  # taper week ``number`` of ``of``; recovery week ``number``
    of: int = 0
    races_in_week: float = 0.0  # the distance of the week's own races
    stale: int = 0  # L1: unlogged weeks before it (the first week only)
    last_logged: dt.date | None = None  # L1: the log's last day
    backoff: bool = False  # S10 (the first week only)
    pain: bool = False  # H1 (the first week only)
    aim: float | None = None  # the curve's running distance, from the aims before it

    @property
    def cutback(self) -> bool:
        return self.type == "cutback"


@dataclass(frozen=True)
class Season:
    weeks: tuple[SeasonWeek, ...]

    def at(self, week_of: dt.date) -> SeasonWeek:
        return next(w for w in self.weeks if w.week_of == week_of)


def taper_of(race: Race, units: str) -> rules.Taper:
    """V3: the taper an A race of this distance gets (no distance: a half)."""
    km = rules.to_km(race.distance, units)
    km = 21.1 if km is None else km
    return next(t for t in rules.TAPERS if km <= t.up_to_km)


def recovery_share(race: Race, units: str) -> float:
    km = rules.to_km(race.distance, units)
    km = 21.1 if km is None else km
    return float(np.interp(km, rules.RECOVERY_SHARE_KM, rules.RECOVERY_SHARE))


def plan_season(
    profile: Any,
    races: Sequence[Race],
    units: str,
    start: dt.date,
    count: int,
    past: Past,
    *,
    stale: int = 0,
    last_logged: dt.date | None = None,
    backoff: bool = False,
    pain: bool = False,
) -> Season:
    """The ``count`` weeks from ``start`` (a Monday): each week's type, from the weeks
    before it, and its aim, from the aims before it."""
    mondays = start.toordinal() + 7 * np.arange(count)
    phases = week_phases(profile, mondays, units, races)
    run = past.build_run()
    previous = "build" if past.normal.size and past.normal[-1] and past.usable[-1] else "rebuild"
    weeks = []
    for k, phase in enumerate(phases):
        week = _week_type(phase, start + dt.timedelta(weeks=k), races, units, past,
                          run=run, previous=previous, first=k == 0, stale=stale,
                          last_logged=last_logged, backoff=backoff, pain=pain)  # fmt: skip
        volume = week_volume(week, past, units)
        weeks.append(replace(week, aim=volume.target))
        past = past.then((volume.target or 0.0) + week.races_in_week, volume.target is not None,
                         week.type in NORMAL_TYPES)  # fmt: skip
        run = run + 1 if week.type == "build" else 0
        previous = week.type
    return Season(tuple(weeks))


def _week_type(
    phase: Phase, monday: dt.date, races: Sequence[Race], units: str, past: Past, *,
    run: int, previous: str, first: bool, stale: int, last_logged: dt.date | None,
    backoff: bool, pain: bool = False,
) -> SeasonWeek:  # fmt: skip
    sunday = monday + dt.timedelta(days=6)
    in_week = sum(r.distance or 0.0 for r in races if monday <= r.date <= sunday)
    week = SeasonWeek(monday, phase, "build", races_in_week=float(in_week))
    if phase.name == "race-week" and phase.race is not None:
        race = phase.race
        share = taper_of(race, units).race_week if race.priority == "A" else 1 - rules.B_VOLUME_CUT
        return replace(week, type="race", race=race, share=share)
    for race in sorted((r for r in races if r.priority == "A" and r.date > sunday),
                       key=lambda r: r.date):  # fmt: skip
        taper = taper_of(race, units)
        ahead = (race.date - dt.timedelta(days=race.date.weekday()) - monday).days // 7
        if 1 <= ahead <= len(taper.weeks):
            number = len(taper.weeks) - ahead + 1
            return replace(week, type="taper", race=race, share=taper.weeks[number - 1],
                           number=number, of=len(taper.weeks))  # fmt: skip
    if phase.name == "recovery" and phase.race is not None:
        share = recovery_share(phase.race, units) if phase.recovery_week <= 1 else 1.0
        return replace(week, type="recovery", race=phase.race, share=share,
                       number=phase.recovery_week)  # fmt: skip
    if first and stale:
        return replace(week, type="rebuild", stale=stale, last_logged=last_logged)
    if first and (backoff or pain):
        return replace(week, type="hold", backoff=backoff, pain=pain)
    if first and (past.log_ramp() or 0.0) > rules.RAMP_LIMIT:
        return replace(week, type="hold")
    if run >= rules.CUTBACK_AFTER_RISING:
        return replace(week, type="cutback")
    base, last = past.base, past.last
    if previous in LIGHT_TYPES and base and last and rules.REBUILD_GROWTH * last < base:
        return replace(week, type="rebuild")
    return week


def refit(week: SeasonWeek, past: Past, previous: str | None) -> SeasonWeek:
    """The season's week against the weeks as planned: a build week after a lighter one
    (``previous``: its type as planned) whose days held less than the curve's aim is a
    rebuild still (V4), not a build held down by the ramp limits."""
    base, last = past.base, past.last
    lighter = previous in LIGHT_TYPES and base and last and rules.REBUILD_GROWTH * last < base
    return replace(week, type="rebuild") if week.type == "build" and lighter else week


def week_volume(week: SeasonWeek, past: Past, units: str) -> Volume:
    """The week's aim from the weeks before it, with its rule and sentence; never more
    than the ramp limits allow (the sentence then says which one held it)."""
    base = past.base
    if base is None:
        return Volume(None, "V1: no logged weeks of running yet: the plan gives run kinds only.")
    volume = _aim(week, past, base, units)
    if volume.target is not None and volume.target < 0:  # a C race longer than the aim
        volume = replace(volume, target=0.0)
    capped = past.ramp_cap()
    if week.type == "race" and week.race is not None and week.race.priority == "B":
        return replace(volume, floor=volume.target)  # R3: at most 20% less, the race counted
    if capped is None or volume.target is None or week.type == "race":
        return volume  # a race week is its taper and the race: the race is not growth
    ceiling = max(capped[0] - week.races_in_week, 0.0)
    if volume.ceiling is not None:  # the growth limit the sentence states
        ceiling = max(min(ceiling, volume.ceiling), 0.0)
    if volume.target > ceiling + 0.01:
        text = f"{volume.text} The ramp limit holds it there: {capped[1]}."
        volume = replace(volume, target=ceiling, text=text)
    floor = None
    if week.races_in_week:  # R3: a C race is trained through: the week keeps its volume
        floor = min((1 - rules.C_VOLUME_SLACK) * (volume.target + week.races_in_week), ceiling)
        floor = max(floor - week.races_in_week, 0.0)
    return replace(volume, ceiling=ceiling, floor=floor)


def _aim(week: SeasonWeek, past: Past, base: float, units: str) -> Volume:
    """The target and sentence of each week type (before the ramp limits)."""
    kind, race, last = week.type, week.race, past.last
    usual = f"your usual {base:.0f}"
    if kind in ("race", "taper", "recovery") and race is not None:
        return _race_aim(week, race, base, last, units)
    if kind == "rebuild" and week.stale:
        share = max(rules.STALE_FLOOR, 1 - rules.STALE_CUT_PER_WEEK * week.stale)
        stopped = f"{week.last_logged:%a %Y-%m-%d}" if week.last_logged else "weeks ago"
        return Volume(base * share, (
            f"L1: the log stops on {stopped} ({plural(week.stale, 'week')} not logged): "
            f"{{total}} of running, your last logged weeks' mean of {base:.0f} less {{less}}%, "
            "then a gradual rebuild until the log is current."
        ), base, kind)  # fmt: skip
    besides = " besides the race" if week.races_in_week else ""
    if kind == "hold" and (week.backoff or week.pain):
        what = "the pain settles (H1)" if week.pain else "soreness settles (S10)"
        return Volume(base * rules.BACKOFF_VOLUME - week.races_in_week, (
            f"V4: held at {{total}} of running{besides}, {{less}}% under "
            f"{past.base_words(base)}, while {what}."
        ), base, kind)  # fmt: skip
    if kind == "hold":
        ramp = past.log_ramp() or 0.0
        return Volume(base - week.races_in_week, (
            f"V4: your last logged week was {ramp:.0%} above the 3 before it: {{total}} of "
            f"running{besides}, held near {past.base_words(base)} (Nielsen 2014: "
            f">{rules.RAMP_LIMIT:.0%} jumps went with more injuries)."
        ), base, kind)  # fmt: skip
    if kind == "cutback" and last:
        return Volume(rules.CUTBACK_VOLUME * last - week.races_in_week, (
            f"V5: a cutback week after {rules.CUTBACK_AFTER_RISING} weeks of building: "
            f"{{total}} of running{besides}, {{cut_last}}, before "
            "building again (a lighter week every third or fourth, a convention)."
        ), base, kind, last=last)  # fmt: skip
    if kind == "rebuild" and last:
        most = max(rules.REBUILD_GROWTH * last - week.races_in_week, 0.0)
        return Volume(min(base - week.races_in_week, most), (
            f"V4: rebuilding toward {usual}: {{total}} of running{besides}, {{growth}}, "
            "so that no two weeks "
            f"rise more than {rules.RAMP_LIMIT:.0%} (M1, Nielsen 2014)."
        ), base, kind, last=last, ceiling=most)  # fmt: skip
    return Volume(base * rules.GROWTH - week.races_in_week, (
        f"V1: {{total}} of running{besides}: {past.base_words(base)} plus "
        f"{rules.GROWTH - 1:.0%}, a convention for gentle growth, not a proven limit "
        "(Buist 2008)."
    ), base, "build" if kind == "build" else kind)  # fmt: skip


def _race_aim(week: SeasonWeek, race: Race, base: float, last: float | None, units: str) -> Volume:
    """V3 and R3: taper, race and recovery weeks, by the race's distance and priority."""
    if week.type == "race" and race.priority == "B":
        target = max(base * week.share - week.races_in_week, 0.0)
        return Volume(target, (
            f"R3: {race.name} is a B race: a mini-taper, the week at most "
            f"{rules.B_VOLUME_CUT:.0%} under your usual {base:.0f} with the race: {{total}} "
            "of running besides it."
        ), base, "race")  # fmt: skip
    if week.type == "recovery":
        if week.number <= 1:
            return Volume(base * week.share, (
                f"V3: recovery week 1 after {race.name}: {{total}} of running, {{less}}% under "
                f"your usual {base:.0f} (the longer the race, the lighter the week after it)."
            ), base, "recovery", run_cap=1.0)  # fmt: skip
        races = week.races_in_week
        most = max(rules.REBUILD_GROWTH * last - races, 0.0) if last else None
        return Volume(min(base - races, most) if most is not None else base - races, (
            f"V3: recovery week {week.number} after {race.name}: {{total}} of running, "
            "{growth} (M1)."
        ), base, "recovery", last=last, ceiling=most)  # fmt: skip
    taper = taper_of(race, units)
    what = "race week" if week.type == "race" else f"taper week {week.number} of {week.of}"
    besides = " besides the race" if week.type == "race" else ""
    return Volume(base * week.share, (
        f"V3: {what} for {race.name}: {{total}} of running{besides}, {{less}}% under your "
        f"usual {base:.0f}; a {taper.name} tapers {taper.length} (Mujika & Padilla 2003; "
        "Bosquet 2007: volume cut 41-60%, intensity and frequency kept)."
    ), base, week.type, run_cap=week.share)  # fmt: skip
