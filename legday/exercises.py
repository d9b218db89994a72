"""The exercise library: what a leg session holds in a given block week and setting.

Heavy means loaded work (squat, hinge, single-leg work, calf raise, plyometrics once
form is good), in the order a session runs it: a warm-up, plyometrics while fresh,
the heavy lifts, then the accessories and calves; and never more than
SESSION_SET_BUDGET sets, since the running is the main work. Light means bodyweight
and mobility; race week is mobility only. The
profile's ``strength: equipment`` picks the variants: ``gym`` (barbell and machines
allowed), ``home`` (dumbbells, bands and a step) or ``none`` (bodyweight only, where
slower tempo and harder variations stand in for weight). Single-leg work starts with
the weaker side (S11). A maintenance session (race season, S12) keeps the intensity
with fewer exercises and sets than the build session of the same block week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from legday.strength.thresholds import SESSION_SET_BUDGET

LEVELS: tuple[str, ...] = ("light", "heavy", "mobility")
EQUIPMENT: tuple[str, ...] = ("gym", "home", "none")
#: The exercises a maintenance session keeps (squat, hinge, single-leg).
MAINTAIN_EXERCISES = 3


@dataclass(frozen=True)
class Exercise:
    """One line of a session. ``reps`` or ``time`` is set; ``side_first`` only for single-leg."""

    name: str
    sets: int
    reps: str | None
    time: str | None
    load: str
    side_first: str | None = None  # left | right | either (single-leg work only)
    rule: str = "S9"
    weight: float | None = None  # from the sets log (legday.strength.prescribe), else None
    weight_unit: str | None = None  # kg | lb, with a weight
    last: dict | None = None  # the last session it comes from: {date, weight, reps, rir}

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "sets": self.sets,
            "reps": self.reps,
            "time": self.time,
            "load": self.load,
            "side_first": self.side_first,
            "weight": self.weight,
            "weight_unit": self.weight_unit,
            "last": self.last,
        }

    def weight_text(self) -> str:
        """'@ 62.5 kg (last 17 Nov: 60 kg x 5, 5, 5, 5, RIR 2)', or '' without a weight."""
        if self.weight is None:
            return ""
        unit = self.weight_unit or ""
        text = f"@ {self.weight:g} {unit}"
        if self.last:
            day = dt.date.fromisoformat(self.last["date"])
            reps = ", ".join(f"{r:g}" for r in self.last["reps"])
            effort = f", RIR {self.last['rir']:g}" if self.last.get("rir") is not None else ""
            text += f" (last {day.day} {day:%b}: {self.last['weight']:g} {unit} x {reps}{effort})"
        return text


@dataclass(frozen=True)
class Movement:
    single_leg: bool
    variants: dict[str, tuple[str, str]]  # equipment -> (base, harder)
    reps: str | None = None  # fixed reps (calf raises), else the block week's


_HEAVY: tuple[Movement, ...] = (
    Movement(False, {
        "gym": ("Goblet squat", "Back squat"),
        "home": ("Goblet squat (dumbbell)", "Dumbbell front squat, 3 s down"),
        "none": ("Bodyweight squat, 3 s down", "Pistol squat to a box"),
    }),
    Movement(False, {
        "gym": ("Romanian deadlift (dumbbells)", "Romanian deadlift (barbell)"),
        "home": ("Romanian deadlift (dumbbells)", "Single-leg Romanian deadlift (dumbbell)"),
        "none": ("Hip hinge with a band or broomstick", "Single-leg Romanian deadlift"),
    }),
    Movement(True, {
        "gym": ("Split squat (dumbbells)", "Rear-foot-elevated split squat"),
        "home": ("Split squat (dumbbells)", "Rear-foot-elevated split squat (dumbbells)"),
        "none": ("Split squat, 3 s down", "Rear-foot-elevated split squat, bodyweight"),
    }),
    Movement(True, {
        "gym": ("Step-up (dumbbells)", "Step-up, higher box, heavier"),
        "home": ("Step-up onto a step (dumbbells)", "Step-up, higher step, heavier"),
        "none": ("Step-up onto a step", "Step-up, higher step, slow lowering"),
    }),
    Movement(True, {
        "gym": ("Single-leg calf raise", "Loaded single-leg calf raise"),
        "home": ("Single-leg calf raise on a step", "Single-leg calf raise, dumbbell in hand"),
        "none": ("Single-leg calf raise on a step", "Single-leg calf raise, 3 s down"),
    }, reps="10-12"),
)  # fmt: skip
_LIGHT: tuple[tuple[str, str, bool], ...] = (
    ("Bodyweight squat", "12-15", False),
    ("Glute bridge", "12-15", False),
    ("Walking lunge", "8-10 each leg", True),
    ("Calf raise", "15-20", False),
)
MOBILITY = "Mobility: hips, ankles, hamstrings (leg swings, ankle rocks, hip openers)"
PLYOMETRICS = "Plyometrics: pogo hops, A-skips, short bounds"
WARM_UP = "Warm-up: easy cardio, leg swings, then two lighter sets of the first lift"
#: The main lifts of a heavy session (the first three movements); the rest accessories.
MAIN_LIFTS = 3


def side_first(weaker_side: str) -> str:
    """S11: the weaker side goes first; without one, alternate which side leads."""
    return weaker_side if weaker_side in ("left", "right") else "either"


def load_cue(
    week: int, focus: str, backoff: bool = False, equipment: str = "gym", carried: bool = False
) -> str:
    if backoff:
        return "back off: lighter weight or bodyweight, stop well short of fatigue (S10)"
    if focus == "maintain":
        return "keep the weight of your last block, fewer sets: maintain, don't build (S12)"
    if focus == "deload":
        return "deload week: the same weights, half the sets; recover before the next block (S9)"
    if carried and week <= 4:
        return "a new block: the last block's weights and variations, the sets build again (S9)"
    if week <= 4:
        return "form first: a weight you could lift 3-4 more times; slow, full range (S9)"
    if equipment == "none":
        return "progress by tempo and range: slower lowering, a harder variation (S9)"
    return "add load: 2.5-5 kg more once every set feels solid; 1-2 reps in reserve (S9)"


def session(
    level: str,
    week: int,
    sets: int,
    *,
    focus: str = "form",
    variation: str = "base",
    weaker_side: str = "none",
    backoff: bool = False,
    maintain: bool = False,
    equipment: str = "gym",
    carried: bool = False,
) -> tuple[Exercise, ...]:
    """The exercises of one session: ``level`` is light, heavy or mobility (race week).
    ``carried``: a new block after a finished one keeps its rep range (S9)."""
    side = side_first(weaker_side)
    if level == "mobility":
        return (
            Exercise(MOBILITY, 1, None, "10-15 min", "easy range of motion, no load (S8)", None),
        )
    sets = max(1, sets - 1) if backoff else sets
    if level == "light":
        return _light(min(sets, 3), side, backoff)
    if level != "heavy":
        raise ValueError(f"unknown session level {level!r}")
    if equipment not in EQUIPMENT:
        raise ValueError(f"unknown equipment {equipment!r}")
    exercises = _heavy(week, sets, focus, variation, side, backoff, maintain, equipment, carried)
    return within_budget(exercises)


def _light(sets: int, side: str, backoff: bool) -> tuple[Exercise, ...]:
    cue = "bodyweight, smooth and controlled" + ("; back off (S10)" if backoff else "")
    exercises = [
        Exercise(name, max(1, sets), reps, None, cue, side if single else None, _rule(single))
        for name, reps, single in _LIGHT
    ]
    exercises.append(Exercise(MOBILITY, 1, None, "10 min", "easy range of motion", None))
    return tuple(exercises)


def _heavy(
    week: int,
    sets: int,
    focus: str,
    variation: str,
    side: str,
    backoff: bool,
    maintain: bool,
    equipment: str,
    carried: bool,
) -> list[Exercise]:
    """Warm-up, plyometrics (once form is good), the main lifts, then the accessories."""
    movements = _HEAVY[:MAINTAIN_EXERCISES] if maintain else _HEAVY
    if maintain:  # S12: the same intensity, less volume
        sets, focus, variation = max(2, sets - 1), "maintain", "harder" if week >= 5 else variation
    cue = load_cue(week, focus, backoff, equipment, carried)
    reps = "8" if week <= 4 and focus != "maintain" and not carried else "5-6"
    pick = 1 if variation == "harder" else 0
    exercises = [Exercise(WARM_UP, 1, None, "5-10 min", "easy; not counted in the sets", None)]
    if week >= 5 and not backoff and not maintain:  # plyometrics once form is good, fresh
        exercises.append(
            Exercise(
                PLYOMETRICS, min(sets, 3), None, "20 s",
                "quick, quiet contacts; stop when form fades", None,
            )
        )  # fmt: skip
    for move in movements:
        name = move.variants[equipment][pick]
        single = move.single_leg or name.startswith(("Single-leg", "Pistol"))
        count = move.reps or reps
        exercise_reps = f"{count} each leg" if single else count
        exercises.append(
            Exercise(name, sets, exercise_reps, None, cue, side if single else None, _rule(single))
        )
    return exercises


def session_sets(exercises) -> int:
    """The sets a session holds: every exercise's but the warm-up's and mobility's."""
    return sum(e.sets for e in exercises if e is not None and e.name not in (WARM_UP, MOBILITY))


def within_budget(exercises: list[Exercise]) -> tuple[Exercise, ...]:
    """A heavy session cut to SESSION_SET_BUDGET sets: accessories and plyometrics to 2
    sets, then the accessories dropped (the step-up first), then the main lifts to 3 sets; the
    warm-up says the count and why."""
    out: list[Exercise | None] = list(exercises)
    lifts = [i for i, e in enumerate(out) if e.reps]
    main, extra = lifts[:MAIN_LIFTS], lifts[MAIN_LIFTS:]
    plyo = [i for i, e in enumerate(out) if e.name == PLYOMETRICS]
    steps = [("trim", i, 2) for i in [*extra, *plyo]]
    steps += [("drop", i, 0) for i in extra]  # the step-up before the calves (Achilles)
    steps += [("trim", i, 3) for i in main]
    for action, i, sets in steps:
        if session_sets(out) <= SESSION_SET_BUDGET:
            break
        if out[i] is not None:
            out[i] = None if action == "drop" else replace(out[i], sets=min(out[i].sets, sets))
    kept = [e for e in out if e is not None]
    total = session_sets(kept)
    warm_up = (
        f"easy; not counted in the sets. The session holds {total} sets: a runner's leg "
        f"session stays within about {SESSION_SET_BUDGET} (8-{SESSION_SET_BUDGET} hard sets, "
        "coaching reference: the running is the main work)"
    )
    return tuple(replace(e, load=warm_up) if e.name == WARM_UP else e for e in kept)


def _rule(single_leg: bool) -> str:
    return "S9 S11" if single_leg else "S9"


# ------------------------------------------------------------------- sites and swaps

#: Which sites an exercise loads (the coaching reference, section 5), by words of its
#: name: the first entry whose words the name holds. The knee- and Achilles-friendly
#: swaps load neither.
SITE_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("mobility", frozenset()),
    ("plyometrics", frozenset({"knee", "achilles", "calf", "shin", "foot", "hamstring"})),
    ("seated calf raise", frozenset({"calf"})),
    ("calf raise", frozenset({"achilles", "calf"})),
    ("box squat to a high box", frozenset()),
    ("wall sit", frozenset()),
    ("split squat", frozenset({"knee", "hip"})),
    ("back squat", frozenset({"knee", "back"})),
    ("squat", frozenset({"knee"})),
    ("lunge", frozenset({"knee", "hip"})),
    ("step-up", frozenset({"knee", "hip"})),
    ("romanian deadlift", frozenset({"hamstring"})),
    ("deadlift", frozenset({"hamstring", "back"})),
    ("hip hinge", frozenset({"hamstring"})),
    ("hip thrust", frozenset({"hip"})),
    ("glute bridge", frozenset()),
)
#: Swaps: (name, reps, time, the movement it stands in for first). Tried for that
#: movement first, then in this order. Knee-friendly: hip thrust, glute bridge,
#: Romanian deadlift, a box squat to a high box, an isometric wall sit;
#: Achilles-friendly: a slow seated calf raise with a hold.
SWAPS: tuple[tuple[str, str | None, str | None, str], ...] = (
    ("Hip thrust", "8-10", None, "squat"),
    ("Single-leg glute bridge", "10 each leg", None, "split squat"),
    ("Romanian deadlift (dumbbells)", "8", None, "deadlift"),
    ("Box squat to a high box", "8", None, "step-up"),
    ("Isometric wall sit", None, "30-45 s", "lunge"),
    ("Seated calf raise, slow, 5 s hold at the top", "10-12", None, "calf raise"),
)


def sites_loaded(name: str) -> frozenset[str]:
    """The sites an exercise loads, from its name (none when no entry matches)."""
    lower = name.lower()
    return next((sites for words, sites in SITE_WORDS if words in lower), frozenset())


def without_sites(
    exercises: tuple[Exercise, ...], sites: frozenset[str]
) -> tuple[tuple[Exercise, ...], list[tuple[str, str | None]]]:
    """The session with every exercise that loads one of ``sites`` swapped for the first
    swap that loads none of them and is not in the session yet (plyometrics are dropped,
    not swapped); and each change as (old name, new name or None when dropped)."""
    kept, changes = [], []
    names = {e.name for e in exercises}
    for exercise in exercises:
        if not sites_loaded(exercise.name) & sites:
            kept.append(exercise)
            continue
        swap = None
        if not exercise.name.startswith(PLYOMETRICS):
            lower = exercise.name.lower()
            fits = [s for s in SWAPS if s[0] not in names and not sites_loaded(s[0]) & sites]
            swap = min(fits, key=lambda s: s[3] not in lower, default=None)
        if swap is None:
            changes.append((exercise.name, None))
            continue
        names.add(swap[0])
        cue = f"in place of {exercise.name.lower()}: spares the {', '.join(sorted(sites))} (H1)"
        kept.append(Exercise(swap[0], exercise.sets, swap[1], swap[2], cue, None, "H1"))
        changes.append((exercise.name, swap[0]))
    return tuple(kept), changes
