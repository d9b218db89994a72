"""Exercise names -> what legday knows about them: the lift, its movement, leg or not.

A name from a sets log or an export ("Squat (Barbell)", "Bulgarian Split Squat",
"Romanian Deadlift (Dumbbell)") resolves through ``ALIASES`` to one of the lifts
legday knows, each with its movement (squat, hinge, split squat, ...). The planner's
exercise library names (legday.exercises) resolve the same way, so a planned "Back
squat" finds the sets logged as "Squat (Barbell)". A name legday does not know is
kept as written and classified leg / not leg by its words (``LEG_WORDS``); one
message lists those names so the runner can check them.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

#: Movements whose estimated 1RM legday follows (the main lifts).
MAIN_MOVEMENTS: tuple[str, ...] = ("squat", "hinge", "split squat")
#: Every movement a leg exercise belongs to, in the order a session runs them after the
#: warm-up: plyometrics first, the main lifts, then accessories and calves.
MOVEMENTS: tuple[str, ...] = (
    "plyometrics",
    "squat",
    "hinge",
    "split squat",
    "step-up",
    "lunge",
    "hip",
    "knee",
    "calf raise",
    "leg",
)

#: lift -> (movement, what it loads: barbell, dumbbell, machine or bodyweight, aliases).
#: Aliases are compared normalised (``normal_name``): case, spaces, hyphens and plurals
#: do not matter. The lift's own name is always an alias.
LIFTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Back squat": ("squat", "barbell", (
        "squat (barbell)", "barbell squat", "back squat (barbell)", "high bar squat",
        "low bar squat", "squat", "back squat")),
    "Front squat": ("squat", "barbell", ("front squat (barbell)", "barbell front squat")),
    "Goblet squat": ("squat", "dumbbell", (
        "goblet squat (dumbbell)", "goblet squat (kettlebell)", "dumbbell goblet squat",
        "kettlebell goblet squat")),
    "Dumbbell front squat": ("squat", "dumbbell", (
        "front squat (dumbbell)", "dumbbell squat", "squat (dumbbell)",
        "dumbbell front squat, 3 s down")),
    "Box squat": ("squat", "barbell", ("box squat (barbell)",)),
    "Bodyweight squat": ("squat", "bodyweight", (
        "squat (bodyweight)", "air squat", "bodyweight squat, 3 s down")),
    "Pistol squat": ("squat", "bodyweight", ("pistol squat to a box", "single leg squat")),
    "Leg press": ("squat", "machine", ("leg press (machine)", "leg press horizontal (machine)")),
    "Hack squat": ("squat", "machine", ("hack squat (machine)",)),
    "Romanian deadlift (barbell)": ("hinge", "barbell", (
        "romanian deadlift", "rdl", "barbell romanian deadlift", "stiff leg deadlift (barbell)",
        "stiff leg deadlift", "romanian deadlift (barbell)")),
    "Romanian deadlift (dumbbell)": ("hinge", "dumbbell", (
        "dumbbell romanian deadlift", "dumbbell rdl", "romanian deadlift (dumbbells)",
        "stiff leg deadlift (dumbbell)")),
    "Deadlift": ("hinge", "barbell", (
        "deadlift (barbell)", "conventional deadlift", "sumo deadlift (barbell)",
        "sumo deadlift")),
    "Trap bar deadlift": ("hinge", "barbell", ("trap bar deadlift (trap bar)", "hex bar deadlift")),
    "Single-leg Romanian deadlift": ("hinge", "dumbbell", (
        "single leg romanian deadlift (dumbbell)", "single leg romanian deadlift",
        "single leg rdl", "single-leg romanian deadlift (dumbbell)")),
    "Good morning": ("hinge", "barbell", ("good morning (barbell)",)),
    "Hip hinge with a band": ("hinge", "bodyweight", ("hip hinge with a band or broomstick",)),
    "Split squat (dumbbell)": ("split squat", "dumbbell", (
        "split squat", "split squat (dumbbells)", "dumbbell split squat",
        "split squat, 3 s down", "split squat (barbell)")),
    "Bulgarian split squat": ("split squat", "dumbbell", (
        "bulgarian split squat (dumbbell)", "rear foot elevated split squat",
        "rear-foot-elevated split squat", "rear-foot-elevated split squat (dumbbells)",
        "rear-foot-elevated split squat, bodyweight", "bulgarian split squat (barbell)")),
    "Lunge (dumbbell)": ("lunge", "dumbbell", (
        "lunge", "dumbbell lunge", "reverse lunge (dumbbell)", "reverse lunge",
        "lunge (barbell)", "forward lunge")),
    "Walking lunge": ("lunge", "dumbbell", ("walking lunge (dumbbell)", "walking lunges")),
    "Step-up": ("step-up", "dumbbell", (
        "step up", "step up (dumbbell)", "dumbbell step up", "box step up",
        "step-up (dumbbells)", "step-up, higher box, heavier", "step-up onto a step (dumbbells)",
        "step-up, higher step, heavier", "step-up onto a step",
        "step-up, higher step, slow lowering")),
    "Hip thrust": ("hip", "barbell", (
        "hip thrust (barbell)", "barbell hip thrust", "hip thrust (machine)")),
    "Glute bridge": ("hip", "bodyweight", ("glute bridge (barbell)", "bridge")),
    "Leg curl": ("knee", "machine", (
        "lying leg curl (machine)", "seated leg curl (machine)", "leg curl (machine)",
        "hamstring curl")),
    "Nordic curl": ("knee", "bodyweight", ("nordic hamstring curl", "nordic curls")),
    "Leg extension": ("knee", "machine", ("leg extension (machine)",)),
    "Single-leg calf raise": ("calf raise", "dumbbell", (
        "single leg standing calf raise", "single leg calf raise", "calf raise (single leg)",
        "loaded single-leg calf raise", "single-leg calf raise, dumbbell in hand",
        "single-leg calf raise on a step", "single-leg calf raise, 3 s down",
        "single leg standing calf raise (dumbbell)")),
    "Standing calf raise": ("calf raise", "machine", (
        "standing calf raise (dumbbell)", "standing calf raise (machine)",
        "standing calf raise (barbell)", "calf raise", "standing calf raise (smith machine)",
        "calf press (machine)", "calf press on leg press")),
    "Seated calf raise": ("calf raise", "machine", ("seated calf raise (machine)",)),
    "Box jump": ("plyometrics", "bodyweight", ("box jumps", "jump squat", "squat jump")),
    "Pogo hops": ("plyometrics", "bodyweight", (
        "pogo jumps", "hops", "bounds", "a-skips", "skips",
        "plyometrics: pogo hops, a-skips, short bounds")),
    "Wall sit": ("squat", "bodyweight", ("wall sit (isometric)",)),
}  # fmt: skip

#: Common upper-body and trunk lifts: known, and not leg work (no warning for them).
NOT_LEG_LIFTS: dict[str, tuple[str, ...]] = {
    "Bench press": (
        "bench press (barbell)", "bench press (dumbbell)", "incline bench press (barbell)",
        "incline bench press (dumbbell)"),
    "Overhead press": (
        "overhead press (barbell)", "overhead press (dumbbell)", "shoulder press (dumbbell)",
        "seated overhead press (dumbbell)", "strict military press (barbell)"),
    "Pull-up": (
        "pull up", "chin up", "pull up (assisted)", "pull up (weighted)",
        "lat pulldown (cable)", "lat pulldown (machine)"),
    "Row": (
        "bent over row (barbell)", "dumbbell row", "seated cable row - v grip (cable)",
        "seated row (machine)", "chest supported incline row (dumbbell)"),
    "Push-up": ("push up",),
    "Arms": (
        "bicep curl (dumbbell)", "bicep curl (barbell)", "hammer curl (dumbbell)",
        "triceps pushdown", "triceps extension (cable)", "skullcrusher (barbell)",
        "lateral raise (dumbbell)", "face pull (cable)"),
    "Trunk": (
        "plank", "crunch", "cable crunch", "hanging leg raise", "russian twist", "ab wheel",
        "side plank", "dead bug"),
}  # fmt: skip
#: Words that make an unknown exercise a leg exercise (any case, whole words)...
LEG_WORDS: tuple[str, ...] = (
    "squat", "lunge", "deadlift", "rdl", "leg", "legs", "calf", "calves", "step up",
    "hip thrust", "glute", "glutes", "hamstring", "quad", "quads", "jump", "hop", "hops",
    "bound", "bounds", "split", "pistol", "sled", "adductor", "abductor", "good morning",
    "bridge", "nordic", "wall sit", "skater", "thigh", "knee", "ankle", "tibialis",
)  # fmt: skip
#: ... unless one of these says it is not (a hanging leg raise trains the trunk).
NOT_LEG_WORDS: tuple[str, ...] = (
    "leg raise", "knee raise", "knee tuck", "crunch", "leg pull in", "v up",
)  # fmt: skip
#: Columns ``resolve`` adds to a sets frame.
RESOLVED_COLUMNS: dict[str, str] = {
    "lift": "str",  # the lift legday knows, or the name as written when it knows none
    "movement": "str",  # one of MOVEMENTS, or "" for an exercise that is not leg work
    "leg": "bool",
    "known": "bool",  # the name is one of ALIASES
}


def normal_name(name: str) -> str:
    """Case, hyphens, spaces and plural s's do not matter: 'Step-Ups' is 'step up'."""
    text = re.sub(r"[\s\-_]+", " ", str(name).strip().lower())
    return re.sub(r"\b(\w+?[a-rt-z])s\b", r"\1", text)


def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    named = [(lift, aliases) for lift, (_, _, aliases) in LIFTS.items()]
    for lift, aliases in [*named, *NOT_LEG_LIFTS.items()]:
        for alias in (lift, *aliases):
            table.setdefault(normal_name(alias), lift)
    return table


#: normalised alias -> lift
ALIASES: dict[str, str] = _aliases()
_LEG = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, LEG_WORDS)) + r")(?!\w)")
_NOT_LEG = re.compile("|".join(map(re.escape, NOT_LEG_WORDS)))


def lift_of(name: str) -> str | None:
    """The lift a name resolves to, or None when legday does not know it."""
    return ALIASES.get(normal_name(name))


def movement_of(lift: str | None) -> str:
    """The movement of a known lift ("" for None)."""
    return LIFTS[lift][0] if lift in LIFTS else ""


def is_leg_name(name: str) -> bool:
    """The keyword map: leg words make it leg work, unless a not-leg phrase says otherwise."""
    text = str(name).lower()
    return bool(_LEG.search(text)) and not _NOT_LEG.search(text)


def resolve(sets: pd.DataFrame) -> pd.DataFrame:
    """The sets frame with RESOLVED_COLUMNS added: each distinct name is looked up once."""
    names = sets["exercise"].astype(str)
    unique, codes = np.unique(names.to_numpy(dtype=object), return_inverse=True)
    lifts = [lift_of(name) for name in unique]
    known = np.array([lift is not None for lift in lifts], dtype=bool)
    movement = np.array([movement_of(lift) for lift in lifts], dtype=object)
    leg = np.where(
        known,
        movement != "",  # a known lift that is not leg work has no movement
        np.array([is_leg_name(name) for name in unique], dtype=bool),
    ).astype(bool)
    movement = np.where(~known & leg, "leg", movement)
    lift = np.array(
        [lift if lift is not None else str(name) for lift, name in zip(lifts, unique, strict=True)],
        dtype=object,
    )
    out = sets.copy()
    out["lift"] = pd.array(lift[codes] if len(unique) else [], dtype="str")
    out["movement"] = pd.array(movement[codes] if len(unique) else [], dtype="str")
    out["leg"] = leg[codes] if len(unique) else np.zeros(0, bool)
    out["known"] = known[codes] if len(unique) else np.zeros(0, bool)
    return out


def unknown_names_message(sets: pd.DataFrame, limit: int = 12) -> str | None:
    """One sentence listing the names legday does not know and how each was classified."""
    unknown = sets.loc[~sets["known"], ["exercise", "leg"]].drop_duplicates("exercise")
    if unknown.empty:
        return None
    listed = [
        f"'{name}' ({'leg' if leg else 'not leg'})" for name, leg in unknown.itertuples(index=False)
    ]
    more = f" and {len(listed) - limit} more" if len(listed) > limit else ""
    count = len(listed)
    return (
        f"{count} exercise name{'s' if count != 1 else ''} legday does not know, kept as "
        f"written and classified by their words: {', '.join(listed[:limit])}{more}; "
        "leg exercises count toward leg sets and volume"
    )
