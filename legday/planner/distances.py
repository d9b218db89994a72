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
    target: float | None  # the week's running distance, race days excluded
    note: str  # one sentence, rule id first
    cutback: bool = False
    #: V6: no run longer than this x its usual length. A taper or recovery keeps the
    #: runs and shortens each (Bosquet 2007: volume cut, frequency kept).
    run_cap: float = rules.RUN_SCALE_CAP


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
            f"not logged): about {base * share:.0f}, your last logged weeks' mean of "
            f"{base:.0f} less {(1 - share) * 100:.0f}%, with no growth until the log is current."
        ))  # fmt: skip
    phased = _phase_volume(phase, base)
    if phased is not None:
        return phased
    if backoff:
        return Volume(base * rules.BACKOFF_VOLUME, (
            f"V4: held at {base * rules.BACKOFF_VOLUME:.0f} (10% under your 4-week mean of "
            f"{base:.0f}) while soreness settles (S10)."
        ))  # fmt: skip
    logged = history.logged_distances(week_of)
    ramp = _ramp(logged)
    if ramp is not None and ramp > rules.RAMP_LIMIT:
        return Volume(base, (
            f"V4: your last logged week was {ramp * 100:.0f}% above the 3 before it: distance "
            f"held at your 4-week mean of {base:.0f} (Nielsen 2014: >30% jumps went with "
            "more injuries)."
        ))  # fmt: skip
    if _rising(logged) >= rules.CUTBACK_AFTER_RISING:
        last = float(logged[-1])
        return Volume(last * rules.CUTBACK_VOLUME, (
            f"V5: three weeks of rising distance: a cutback week of about "
            f"{last * rules.CUTBACK_VOLUME:.0f}, 25% under last week's {last:.0f}, before "
            "building again."
        ), cutback=True)  # fmt: skip
    previous = history.last_week(week_of)
    if previous is not None and not previous["normal"] and not previous["cutback"]:
        return Volume(base, (
            f"V1: back to your usual {base:.0f} after the race weeks; growth resumes next week."
        ))  # fmt: skip
    return Volume(base * rules.GROWTH, (
        f"V1: about {base * rules.GROWTH:.0f}: your 4-week mean of {base:.0f} plus 10%, a "
        "convention for gentle growth, not a proven limit (Buist 2008)."
    ))  # fmt: skip


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
        why = "a B race gets a mini-taper: at most 20% less"
    elif phase.name == "recovery":
        why = f"recovery week {phase.recovery_week} after the race"
    else:
        why = "Bosquet 2007: cut 41-60% over 2 weeks, keep some intensity"
    return Volume(base * share, (
        f"{rule}: {what}: about {base * share:.0f} of your usual {base:.0f} "
        f"({(1 - share) * 100:.0f}% less; {why})."
    ), run_cap=share)  # fmt: skip


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
) -> tuple[list[float | None], list[str | None]]:
    """Each day's distance and, where a rule shaped it, why (V2, R1)."""
    out: list[float | None] = [r.distance if r is not None else None for r in races]
    notes: list[str | None] = [None] * 7
    runs = [i for i, k in enumerate(kinds) if k in DEFAULT_SHARE and races[i] is None]
    target = volume.target
    if target is None or not runs:
        return out, notes
    start, own = _starting_distances(kinds, history)
    easy_pace = history.easy_pace()
    shake = rules.SHAKEOUT_MINUTES / easy_pace if easy_pace else SHAKEOUT_DISTANCE[units]
    fixed = {i: _round_down(min(start[i] or 0.0, shake)) for i in runs if shakeout[i]}
    free = [i for i in runs if i not in fixed]
    # V6: runs keep their own shape: a week that lost a long run to a race is not made
    # up by stretching the others more than RUN_SCALE_CAP over their usual length
    scale = max(target - sum(fixed.values()), 0.0) / max(sum(start[i] for i in free), 1e-9)
    if own:  # real distances, not default shares
        scale = min(scale, volume.run_cap)
    longest = history.longest_run(week_of)
    cap = _round_down(rules.LONG_RUN_CAP * longest) if longest else None
    for i in runs:
        value = fixed[i] if i in fixed else _round_half(start[i] * scale)
        if cap is not None and value > cap:
            value = cap
            notes[i] = (
                f"V2: capped at {cap:g}, within 1.1 x your longest run of the last 30 days "
                f"({longest:g}; Frandsen 2025: longer single runs went with more injuries)."
            )
        out[i] = value
    return out, notes


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
