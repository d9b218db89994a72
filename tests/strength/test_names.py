"""Exercise names: the apps' names and the library's resolve to one lift; the rest by words."""

from __future__ import annotations

import pandas as pd
import pytest

from legday import exercises
from legday.strength.names import (
    LIFTS,
    is_leg_name,
    lift_of,
    movement_of,
    resolve,
    unknown_names_message,
)


@pytest.mark.parametrize(
    ("name", "lift"),
    [
        ("Squat (Barbell)", "Back squat"),  # Hevy and Strong
        ("Romanian Deadlift (Dumbbell)", "Romanian deadlift (dumbbell)"),
        ("Romanian deadlift (dumbbells)", "Romanian deadlift (dumbbell)"),  # the library
        ("Bulgarian Split Squat", "Bulgarian split squat"),
        ("Rear-foot-elevated split squat", "Bulgarian split squat"),
        ("  STEP-UPS ", "Step-up"),  # case, hyphens, plurals and spaces do not matter
        ("Single Leg Standing Calf Raise", "Single-leg calf raise"),
        ("Lying Leg Curl (Machine)", "Leg curl"),
    ],
)
def test_names_resolve_to_lifts(name: str, lift: str) -> None:
    assert lift_of(name) == lift


def test_every_loaded_library_exercise_resolves() -> None:
    """Each heavy exercise the planner can prescribe finds its logged sets."""
    for equipment in exercises.EQUIPMENT:
        for variation in ("base", "harder"):
            session = exercises.session(
                "heavy", 6, 3, focus="load", variation=variation, equipment=equipment
            )
            for exercise in session:
                if exercise.name != exercises.WARM_UP:
                    assert lift_of(exercise.name) in LIFTS, exercise.name


def test_common_upper_body_lifts_are_known_and_not_leg_work() -> None:
    out = resolve(pd.DataFrame({"exercise": ["Bench Press (Barbell)", "Pull Up", "Plank"]}))
    assert out["known"].all() and not out["leg"].any()


def test_main_lifts_have_their_movements() -> None:
    assert movement_of("Back squat") == "squat"
    assert movement_of("Deadlift") == "hinge"
    assert movement_of("Split squat (dumbbell)") == "split squat"
    assert movement_of(None) == ""


@pytest.mark.parametrize(
    ("name", "leg"),
    [
        ("Zercher Squat", True),
        ("Sissy squat (machine)", True),
        ("Hanging Knee Raise", False),  # trains the trunk
        ("Landmine Press", False),
        ("Weighted Crunch (Machine)", False),
        ("Sled Push", True),
    ],
)
def test_unknown_names_are_classified_by_their_words(name: str, leg: bool) -> None:
    assert lift_of(name) is None
    assert is_leg_name(name) is leg


def test_resolve_adds_columns_and_one_message_lists_the_unknown() -> None:
    sets = pd.DataFrame(
        {"exercise": ["Squat (Barbell)", "Zercher Squat", "Muscle Up", "Zercher Squat"]}
    )
    out = resolve(sets)
    assert out["lift"].tolist() == ["Back squat", "Zercher Squat", "Muscle Up", "Zercher Squat"]
    assert out["leg"].tolist() == [True, True, False, True]
    assert out["movement"].tolist() == ["squat", "leg", "", "leg"]
    assert unknown_names_message(out) == (
        "2 exercise names legday does not know, kept as written and classified by their "
        "words: 'Zercher Squat' (leg), 'Muscle Up' (not leg); leg exercises count toward leg "
        "sets and volume"
    )
    assert unknown_names_message(resolve(sets.head(1))) is None
