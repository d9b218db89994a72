"""How far each run goes (V2, V6): the week's aim (legday.season: V1, V3, V4, V5, L1)
filled into its days, then reconciled.

Each run starts from the runner's own median for its kind and the week is scaled toward
its aim; no run goes over 1.1 x the longest run of the last 30 days (V2) nor, with the
runner's own distances, over its cap from its usual length (V6); what a capped run
cannot take goes to the others. Distances are rounded to half a unit and the week never
totals more than its ceiling (the ramp limits).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from legday import rules
from legday.model import Race
from legday.planner.history import History
from legday.season import Volume

#: When the runner has no runs of a kind to start from: shares relative to an easy run.
DEFAULT_SHARE = {"easy": 1.0, "moderate": 1.3, "hard": 1.1, "long": 2.2}
#: A 30-minute shakeout when no easy pace is logged (R1).
SHAKEOUT_DISTANCE = {"mi": 3.0, "km": 5.0}


@dataclass(frozen=True)
class Fill:
    """What the final days make: the stated totals come from here, never from the aim."""

    training: float  # every planned run but races
    races: float  # race days
    short_of: str | None = None  # why the days hold less than the aim (None: they hold it)

    @property
    def planned(self) -> float:
        return self.training + self.races


def run_distances(
    kinds: list[str],
    volume: Volume,
    history: History,
    races: list[Race | None],
    shakeout: list[bool],
    units: str,
    week_of,
    doubles: dict[int, float] | None = None,
) -> tuple[list[float | None], list[float | None], list[str | None], Fill | None]:
    """Each day's distance and its double's (W6; None without one), where a rule shaped a
    day why (V2, R1), and what the days make.

    Fill, then reconcile: each run starts from its own usual length, all are scaled
    together toward the aim, and a run that reaches its cap (V2, V6) stops there while
    the others take what it cannot; when every run is at its cap the days hold less than
    the aim and ``Fill.short_of`` says why. Slots 0-6 are the days' runs, 7-13 their
    doubles.
    """
    out: list[float | None] = [r.distance if r is not None else None for r in races] + [None] * 7
    notes: list[str | None] = [None] * 7
    runs = [i for i, k in enumerate(kinds) if k in DEFAULT_SHARE and races[i] is None]
    runs += [7 + i for i in sorted(doubles or {}) if i in runs]
    race_total = float(sum(r.distance or 0.0 for r in races if r is not None))
    if volume.target is None:
        return out[:7], out[7:], notes, None
    if not runs:
        return out[:7], out[7:], notes, Fill(0.0, race_total, "no running day is left")
    start, own = _starting_distances(kinds, history)
    start += [(doubles or {}).get(i, 0.0) for i in range(7)]
    easy_pace = history.easy_pace()
    shake = rules.SHAKEOUT_MINUTES / easy_pace if easy_pace else SHAKEOUT_DISTANCE[units]
    fixed = {i: _round_down(min(start[i] or 0.0, shake)) for i in runs if i < 7 and shakeout[i]}
    free = [i for i in runs if i not in fixed]
    longest = history.longest_run(week_of)
    v2_cap = _round_down(rules.LONG_RUN_CAP * longest) if longest else None
    # V6: runs keep their own shape: a week that lost a long run to a race is not made
    # up by stretching the others more than run_cap over their usual length
    caps = {i: min(start[i] * volume.run_cap if own else np.inf, v2_cap or np.inf) for i in free}
    values = _water_fill(
        np.array([start[i] for i in free]), np.array([caps[i] for i in free]),
        max(volume.target - sum(fixed.values()), 0.0),
    )  # fmt: skip
    ideal = dict(zip(free, values.tolist(), strict=True))
    capped = [i for i, v in ideal.items() if v2_cap is not None and v >= v2_cap - 1e-9
             and caps[i] == v2_cap]  # fmt: skip
    for i, value in ideal.items():
        out[i] = v2_cap if i in capped else _round_half(value)
    for i, value in fixed.items():  # R1: the shakeout is the shortest run of its week
        out[i] = min([value, *(out[j] for j in free)])
    if volume.ceiling is not None:
        _trim(out, ideal, runs, volume.ceiling)
    if volume.floor is not None:
        _pad(out, ideal, runs, volume.floor, v2_cap)
    for i in capped:  # said of the days the cap still shapes once the week is reconciled
        if out[i] == v2_cap:
            notes[i % 7] = (
                f"V2: capped at {v2_cap:g}, within 1.1 x your longest run of the last 30 days "
                f"({longest:g}; Frandsen 2025: longer single runs went with more injuries)."
            )
    held = float(values.sum()) + sum(fixed.values())
    at_v2 = v2_cap is not None and any(caps[i] == v2_cap for i in free)
    short = (
        _short_of(volume, v2_cap if at_v2 else None, own) if held < volume.target - 0.05 else None
    )
    return out[:7], out[7:], notes, Fill(float(sum(out[i] for i in runs)), race_total, short)


def _trim(out: list, ideal: dict[int, float], runs: list[int], ceiling: float) -> None:
    """Half a unit off the most rounded-up run at a time until the days make no more than
    ``ceiling`` (the ramp limit: rounding never lifts a week over it)."""
    while sum(out[i] for i in runs) > ceiling + 1e-9:
        can = [i for i in ideal if out[i] > 1.0]
        if not can:
            return
        i = max(can, key=lambda j: (out[j] - ideal[j], out[j]))
        out[i] -= 0.5


def _pad(
    out: list, ideal: dict[int, float], runs: list[int], floor: float, v2_cap: float | None
) -> None:
    """Half a unit onto the most rounded-down run at a time until the days make at least
    ``floor`` (rounding never takes a B race week past its 20%), never over V2."""
    while sum(out[i] for i in runs) < floor - 1e-9:
        can = [i for i in ideal if v2_cap is None or out[i] + 0.5 <= v2_cap]
        if not can:
            return
        i = max(can, key=lambda j: (ideal[j] - out[j], -out[j]))
        out[i] += 0.5


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
