"""How far to run: the week's distance (V1, V3, V4, V5, L1) and each run's share (V2, V6).

The week starts from the mean of the last logged, complete, normal weeks (build or
maintain, not taper or recovery: a taper is cut from training volume, not from the
last taper week). Each run starts from the runner's own median for its kind, and the
week is scaled to the target; no run goes over 1.1 x the longest run of the last 30
days; distances are rounded to half a unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from legday import rules
from legday.model import Race
from legday.planner.history import History
from legday.planner.phase import Phase
from legday.planner.reasons import plural

#: When the runner has no runs of a kind to start from: shares relative to an easy run.
DEFAULT_SHARE = {"easy": 1.0, "moderate": 1.3, "hard": 1.1, "long": 2.2}
#: A 30-minute shakeout when no easy pace is logged (R1).
SHAKEOUT_DISTANCE = {"mi": 3.0, "km": 5.0}


@dataclass(frozen=True)
class Volume:
    """The week's aim for running (race days excluded) and the sentence that explains it.

    ``text`` holds ``{total}`` (the distance the final days make) and may hold ``{less}``
    (how much under ``base`` that is, in %): the note is written once the days are
    placed, so every number it states is the days' own (docs/planner.md, reconciliation).
    """

    target: float | None  # the aim; the days may hold less (their caps), never it silently
    text: str  # rule id first; formatted by ``note``
    base: float = 0.0
    cutback: bool = False
    #: V6: no run longer than this x its usual length. A taper or recovery keeps the
    #: runs and shortens each (Bosquet 2007: volume cut, frequency kept).
    run_cap: float = rules.RUN_SCALE_CAP

    def note(self, fill: Fill | None, units: str) -> str:
        """The sentence with the final days' numbers; when the days could not hold the
        aim, why, and the aim it came down from."""
        if self.target is None or fill is None:
            return self.text
        total = fill.training
        less = (1 - total / self.base) * 100 if self.base > 0 else 0.0
        text = self.text.format(total=f"{total:g} {units}", less=f"{less:.0f}")
        if fill.races:
            text += f" Race day adds {fill.races:g} {units}: {fill.planned:g} {units} in all."
        if fill.short_of:
            text += f" The aim was about {self.target:.0f}; the days hold less: {fill.short_of}."
        return text


@dataclass(frozen=True)
class Fill:
    """What the final days make: the stated totals come from here, never from the aim."""

    training: float  # every planned run but races
    races: float  # race days
    short_of: str | None = None  # why the days hold less than the aim (None: they hold it)

    @property
    def planned(self) -> float:
        return self.training + self.races


def week_volume(phase: Phase, history: History, week_of, backoff: bool) -> Volume:
    """The week's distance and the rule that set it."""
    base_weeks = history.base_distances(week_of)
    if base_weeks.size == 0 or base_weeks.mean() <= 0:
        return Volume(None, "V1: no logged weeks of running yet: the plan gives run kinds only.")
    base = float(base_weeks.mean())
    stale = history.unlogged_weeks(week_of)
    if stale:
        share = max(rules.STALE_FLOOR, 1 - rules.STALE_CUT_PER_WEEK * stale)
        return Volume(base * share, (
            f"L1: the log stops on {history.last_logged:%a %Y-%m-%d} ({plural(stale, 'week')} "
            f"not logged): {{total}} of running, your last logged weeks' mean of {base:.0f} "
            "less {less}%, with no growth until the log is current."
        ), base)  # fmt: skip
    phased = _phase_volume(phase, base)
    if phased is not None:
        return phased
    if backoff:
        return Volume(base * rules.BACKOFF_VOLUME, (
            f"V4: held at {{total}} of running ({{less}}% under your 4-week mean of "
            f"{base:.0f}) while soreness settles (S10)."
        ), base)  # fmt: skip
    logged = history.logged_distances(week_of)
    ramp = _ramp(logged)
    if ramp is not None and ramp > rules.RAMP_LIMIT:
        return Volume(base, (
            f"V4: your last logged week was {ramp * 100:.0f}% above the 3 before it: "
            f"{{total}} of running, held near your 4-week mean of {base:.0f} (Nielsen 2014: "
            ">30% jumps went with more injuries)."
        ), base)  # fmt: skip
    if _rising(logged) >= rules.CUTBACK_AFTER_RISING:
        last = float(logged[-1])
        return Volume(last * rules.CUTBACK_VOLUME, (
            f"V5: three weeks of rising distance: a cutback week of {{total}} of running, "
            f"about {(1 - rules.CUTBACK_VOLUME) * 100:.0f}% under last week's {last:g}, "
            "before building again."
        ), base, cutback=True)  # fmt: skip
    previous = history.last_week(week_of)
    if previous is not None and not previous["normal"] and not previous["cutback"]:
        return Volume(base, (
            f"V1: {{total}} of running, back near your usual {base:.0f} after the race "
            "weeks; growth resumes next week."
        ), base)  # fmt: skip
    return Volume(base * rules.GROWTH, (
        f"V1: {{total}} of running: your 4-week mean of {base:.0f} plus "
        f"{(rules.GROWTH - 1) * 100:.0f}%, a convention for gentle growth, not a proven "
        "limit (Buist 2008)."
    ), base)  # fmt: skip


def _phase_volume(phase: Phase, base: float) -> Volume | None:
    """V3 (A races), R3 (B races) and the recovery weeks after a long race."""
    if phase.name == "race-week" and phase.priority == "B":
        share = 1 - rules.B_VOLUME_CUT
        rule = "R3"
    elif phase.name == "recovery":
        share = rules.PHASE_VOLUME["recovery"] if phase.recovery_week <= 1 else 0.8
        rule = "V3"
    elif phase.name in rules.PHASE_VOLUME:
        share = rules.PHASE_VOLUME[phase.name]
        rule = "V3"
    else:
        return None
    what = {"taper": "taper", "race-week": "race week", "recovery": "recovery"}[phase.name]
    if rule == "R3":
        why = f"a B race gets a mini-taper: at most {rules.B_VOLUME_CUT * 100:.0f}% less"
    elif phase.name == "recovery":
        why = f"recovery week {phase.recovery_week} after the race"
    else:
        why = "Bosquet 2007: cut 41-60% over 2 weeks, keep some intensity"
    return Volume(base * share, (
        f"{rule}: {what}: {{total}} of running against your usual {base:.0f} "
        f"({{less}}% less; {why})."
    ), base, run_cap=share)  # fmt: skip


def _ramp(logged: np.ndarray) -> float | None:
    """The last logged week against the mean of the 3 logged before it."""
    if logged.size < 2:
        return None
    before = float(logged[-4:-1].mean())
    return float(logged[-1]) / before - 1 if before > 0 else None


def _rising(logged: np.ndarray) -> int:
    """Week-on-week rises in a row ending at the last logged week."""
    count = 0
    for later, earlier in zip(logged[::-1], logged[::-1][1:], strict=False):
        if later > earlier:
            count += 1
        else:
            break
    return count


def run_distances(
    kinds: list[str],
    volume: Volume,
    history: History,
    races: list[Race | None],
    shakeout: list[bool],
    units: str,
    week_of,
) -> tuple[list[float | None], list[str | None], Fill | None]:
    """Each day's distance, where a rule shaped it why (V2, R1), and what the days make.

    Fill, then reconcile: each run starts from its own usual length, all are scaled
    together toward the aim, and a run that reaches its cap (V2, V6) stops there while
    the others take what it cannot; when every run is at its cap the days hold less than
    the aim and ``Fill.short_of`` says why.
    """
    out: list[float | None] = [r.distance if r is not None else None for r in races]
    notes: list[str | None] = [None] * 7
    runs = [i for i, k in enumerate(kinds) if k in DEFAULT_SHARE and races[i] is None]
    race_total = float(sum(r.distance or 0.0 for r in races if r is not None))
    target = volume.target
    if target is None:
        return out, notes, None
    if not runs:
        return out, notes, Fill(0.0, race_total, "no running day is left in the week")
    start, own = _starting_distances(kinds, history)
    easy_pace = history.easy_pace()
    shake = rules.SHAKEOUT_MINUTES / easy_pace if easy_pace else SHAKEOUT_DISTANCE[units]
    fixed = {i: _round_down(min(start[i] or 0.0, shake)) for i in runs if shakeout[i]}
    free = [i for i in runs if i not in fixed]
    longest = history.longest_run(week_of)
    v2_cap = _round_down(rules.LONG_RUN_CAP * longest) if longest else None
    # V6: runs keep their own shape: a week that lost a long run to a race is not made
    # up by stretching the others more than run_cap over their usual length
    caps = {i: start[i] * volume.run_cap if own else np.inf for i in free}
    if v2_cap is not None:
        caps = {i: min(c, v2_cap) for i, c in caps.items()}
    values = _water_fill(
        np.array([start[i] for i in free]), np.array([caps[i] for i in free]),
        max(target - sum(fixed.values()), 0.0),
    )  # fmt: skip
    for i, value in zip(free, values.tolist(), strict=True):
        out[i] = _round_half(value)
        if v2_cap is not None and value >= v2_cap - 1e-9 and caps[i] == v2_cap:
            out[i] = v2_cap
            notes[i] = (
                f"V2: capped at {v2_cap:g}, within 1.1 x your longest run of the last 30 days "
                f"({longest:g}; Frandsen 2025: longer single runs went with more injuries)."
            )
    for i, value in fixed.items():
        out[i] = value
    training = float(sum(out[i] for i in runs))
    held = float(values.sum()) + sum(fixed.values())
    short = _short_of(volume, v2_cap, own) if held < target - 0.05 else None
    return out, notes, Fill(training, race_total, short)


def _water_fill(starts: np.ndarray, caps: np.ndarray, target: float) -> np.ndarray:
    """starts x s, each at most its cap, with s chosen so the sum meets ``target`` (or
    every run reaches its cap): what a capped run cannot take goes to the others."""
    if starts.size == 0 or starts.sum() <= 0:
        return np.zeros(starts.size)
    if caps.sum() <= target:  # every run at its cap (an infinite cap never is)
        return caps.copy()
    # the sum is piecewise linear and rising in s: its breakpoints are caps / starts
    lo, hi = 0.0, target / starts.sum()
    while np.minimum(starts * hi, caps).sum() < target:
        hi *= 2
    for _ in range(60):
        mid = (lo + hi) / 2
        if np.minimum(starts * mid, caps).sum() < target:
            lo = mid
        else:
            hi = mid
    return np.minimum(starts * hi, caps)


def _short_of(volume: Volume, v2_cap: float | None, own: bool) -> str:
    """Why the days cannot hold the aim: the caps every run has reached."""
    parts = []
    if own:
        parts.append(
            f"each run is kept within {volume.run_cap:.0%} of its usual length (V6)"
            if volume.run_cap <= 1
            else f"no run goes more than {volume.run_cap - 1:.0%} over its usual length (V6)"
        )
    if v2_cap is not None:
        parts.append(f"none over {v2_cap:g}, 1.1 x your longest run of the last 30 days (V2)")
    return " and ".join(parts) or "the week has too few running days"


def _starting_distances(kinds: list[str], history: History) -> tuple[list[float], bool]:
    """V6: the runner's own median per kind; a kind never run starts from the easy
    median times its default share. Without any own runs (weekly totals): the default
    shares alone, and False."""
    own = history.own_distances()
    easy = own.get("easy")
    if easy is None and own:
        kind, value = next(iter(own.items()))
        easy = value / DEFAULT_SHARE[kind]
    starts = [
        own.get(k, (easy or 1.0) * DEFAULT_SHARE[k]) if k in DEFAULT_SHARE else 0.0 for k in kinds
    ]
    return starts, bool(own)


def _round_half(value: float) -> float:
    """To the nearest half unit, halves up (Python's round() would round 6.5 to 6)."""
    return max(1.0, float(np.floor(value * 2 + 0.5 + 1e-9)) / 2)  # 1e-9: float noise


def _round_down(value: float) -> float:
    """Down to a half unit, so rounding never lifts a run over the V2 cap."""
    return max(1.0, float(np.floor(value * 2 + 1e-9)) / 2)
