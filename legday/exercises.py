"""The exercise library: what a light or heavy leg session holds in a given block week.

Heavy means loaded (squat, hinge, single-leg work, calf raise, plyometrics once form is
good); light means bodyweight and mobility. Single-leg work starts with the weaker side
(S11) so the stronger side never sets the pace.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS: tuple[str, ...] = ("light", "heavy", "mobility")


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


# name by variation: (base, harder); single-leg flag
_HEAVY: tuple[tuple[str, str, bool], ...] = (
    ("Goblet squat", "Back squat", False),
    ("Romanian deadlift (dumbbells)", "Romanian deadlift (barbell)", False),
    ("Split squat (dumbbells)", "Rear-foot-elevated split squat", True),
    ("Step-up (dumbbells)", "Step-up, higher box, heavier", True),
    ("Single-leg calf raise", "Loaded single-leg calf raise", True),
)
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


def load_cue(week: int, focus: str, backoff: bool = False) -> str:
    if backoff:
        return "back off: lighter weight or bodyweight, stop well short of fatigue (S10)"
    if focus == "maintain":
        return "keep the weight of your last block, 2 sets only: maintain, don't build (S12)"
    if week <= 4:
        return "form first: a weight you could lift 3-4 more times; slow, full range (S9)"
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
) -> tuple[Exercise, ...]:
    """The exercises of one session: ``level`` is light, heavy or mobility (race week, S8)."""
    side = side_first(weaker_side)
    if level == "mobility":
        return (
            Exercise(MOBILITY, 1, None, "10-15 min", "easy range of motion, no load (S8)", None),
        )
    sets = max(1, sets - 1) if backoff else sets
    if level == "light":
        light_sets = max(1, min(sets, 3))
        cue = "bodyweight, smooth and controlled" + ("; back off (S10)" if backoff else "")
        exercises = [
            Exercise(name, light_sets, reps, None, cue, side if single else None, _rule(single))
            for name, reps, single in _LIGHT
        ]
        exercises.append(Exercise(MOBILITY, 1, None, "10 min", "easy range of motion", None))
        return tuple(exercises)
    if level != "heavy":
        raise ValueError(f"unknown session level {level!r}")
    cue = load_cue(week, focus, backoff)
    reps = "8" if week <= 4 and focus != "maintain" else "5-6"
    pick = 1 if variation == "harder" else 0
    exercises = []
    for names in _HEAVY:
        single = names[2]
        exercise_reps = f"{reps} each leg" if single else reps
        if names[0].startswith("Single-leg calf"):
            exercise_reps = "10-12 each leg"
        exercises.append(
            Exercise(
                names[pick], sets, exercise_reps, None, cue, side if single else None, _rule(single)
            )
        )
    if week >= 5 and not backoff:  # plyometrics once form is good
        exercises.append(
            Exercise(
                PLYOMETRICS,
                min(sets, 3),
                None,
                "20 s",
                "quick, quiet contacts; stop when form fades",
                None,
            )
        )
    return tuple(exercises)


def _rule(single_leg: bool) -> str:
    return "S9 S11" if single_leg else "S9"
