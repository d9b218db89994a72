"""The exercise library: what a leg session holds in a given block week and setting.

Heavy means loaded work (squat, hinge, single-leg work, calf raise, plyometrics once
form is good); light means bodyweight and mobility; race week is mobility only. The
profile's ``strength: equipment`` picks the variants: ``gym`` (barbell and machines
allowed), ``home`` (dumbbells, bands and a step) or ``none`` (bodyweight only, where
slower tempo and harder variations stand in for weight). Single-leg work starts with
the weaker side (S11). A maintenance session (race season, S12) keeps the intensity
with fewer exercises and sets than the build session of the same block week.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "sets": self.sets,
            "reps": self.reps,
            "time": self.time,
            "load": self.load,
            "side_first": self.side_first,
        }


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


def side_first(weaker_side: str) -> str:
    """S11: the weaker side goes first; without one, alternate which side leads."""
    return weaker_side if weaker_side in ("left", "right") else "either"


def load_cue(week: int, focus: str, backoff: bool = False, equipment: str = "gym") -> str:
    if backoff:
        return "back off: lighter weight or bodyweight, stop well short of fatigue (S10)"
    if focus == "maintain":
        return "keep the weight of your last block, fewer sets: maintain, don't build (S12)"
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
) -> tuple[Exercise, ...]:
    """The exercises of one session: ``level`` is light, heavy or mobility (race week)."""
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
    return _heavy(week, sets, focus, variation, side, backoff, maintain, equipment)


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
) -> tuple[Exercise, ...]:
    movements = _HEAVY[:MAINTAIN_EXERCISES] if maintain else _HEAVY
    if maintain:  # S12: the same intensity, less volume
        sets, focus, variation = max(2, sets - 1), "maintain", "harder" if week >= 5 else variation
    cue = load_cue(week, focus, backoff, equipment)
    reps = "8" if week <= 4 and focus != "maintain" else "5-6"
    pick = 1 if variation == "harder" else 0
    exercises = []
    for move in movements:
        name = move.variants[equipment][pick]
        single = move.single_leg or name.startswith(("Single-leg", "Pistol"))
        count = move.reps or reps
        exercise_reps = f"{count} each leg" if single else count
        exercises.append(
            Exercise(name, sets, exercise_reps, None, cue, side if single else None, _rule(single))
        )
    if week >= 5 and not backoff and not maintain:  # plyometrics once form is good
        exercises.append(
            Exercise(
                PLYOMETRICS, min(sets, 3), None, "20 s",
                "quick, quiet contacts; stop when form fades", None,
            )
        )  # fmt: skip
    return tuple(exercises)


def _rule(single_leg: bool) -> str:
    return "S9 S11" if single_leg else "S9"
