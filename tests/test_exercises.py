"""The exercise library: heavy vs light vs mobility, the block week's dose, S11 sides,
the session's order (warm-up, plyometrics, heavy lifts, accessories) and its set budget."""

from __future__ import annotations

import pytest

from legday.exercises import PLYOMETRICS, WARM_UP, session, session_sets, side_first
from legday.progression import PRESCRIPTION


def names(exercises) -> list[str]:
    return [e.name for e in exercises if e.name != WARM_UP]


def test_heavy_session_covers_squat_hinge_single_leg_and_calves() -> None:
    got = names(session("heavy", 2, 2))
    assert got == [
        "Goblet squat",
        "Romanian deadlift (dumbbells)",
        "Split squat (dumbbells)",
        "Step-up (dumbbells)",
        "Single-leg calf raise",
    ]


def test_plyometrics_only_once_form_is_good() -> None:
    assert not any("Plyometrics" in n for n in names(session("heavy", 4, 3)))
    assert any("Plyometrics" in n for n in names(session("heavy", 5, 3, focus="load")))


def test_harder_variation_in_weeks_seven_and_eight() -> None:
    got = names(session("heavy", 7, 4, focus="load", variation="harder"))
    assert got[:2] == [PLYOMETRICS, "Back squat"]
    assert "Rear-foot-elevated split squat" in got


def test_dose_follows_the_block_week() -> None:
    early = session("heavy", 2, 2)[1:]
    late = [e for e in session("heavy", 6, 4, focus="load") if e.name == "Goblet squat"]
    assert {e.sets for e in early} == {2}
    assert early[0].reps == "8" and late[0].reps == "5-6" and late[0].sets == 4
    assert "form first" in early[0].load and "add load" in late[0].load


def test_order_warm_up_plyometrics_heavy_lifts_then_accessories() -> None:
    got = [e.name for e in session("heavy", 5, 3, focus="load")]
    assert got[:3] == [WARM_UP, PLYOMETRICS, "Goblet squat"]
    assert got[-2:] == ["Step-up (dumbbells)", "Single-leg calf raise"]


@pytest.mark.parametrize("week", range(1, 9))
def test_every_block_week_stays_within_16_sets_a_session(week: int) -> None:
    focus, sets, variation = PRESCRIPTION[week]
    exercises = session("heavy", week, sets, focus=focus, variation=variation)
    assert session_sets(exercises) <= 16
    assert "The session holds" in exercises[0].load


def test_week_six_trims_accessories_first_then_drops_the_step_up() -> None:
    # 3 main lifts x 4 = 12; plyometrics 3 -> 2; step-up and calves 4 -> 2: 12 + 2 + 4 =
    # 18 > 16, so the step-up goes: 12 + 2 + 2 = 16
    exercises = session("heavy", 6, 4, focus="load")
    assert [(e.name, e.sets) for e in exercises[1:]] == [
        (PLYOMETRICS, 2),
        ("Goblet squat", 4),
        ("Romanian deadlift (dumbbells)", 4),
        ("Split squat (dumbbells)", 4),
        ("Single-leg calf raise", 2),
    ]


def test_week_eight_is_a_deload_named_as_such() -> None:
    focus, sets, variation = PRESCRIPTION[8]
    exercises = session("heavy", 8, sets, focus=focus, variation=variation)
    assert {e.sets for e in exercises[1:]} == {2}
    assert "deload week: the same weights, half the sets" in exercises[2].load


def test_a_carried_block_keeps_the_heavier_rep_range() -> None:
    squat = session("heavy", 1, 2, variation="harder", carried=True)[1]
    assert (squat.name, squat.reps) == ("Back squat", "5-6")
    assert "a new block: the last block's weights" in squat.load


def test_light_session_is_bodyweight_regressions_and_mobility() -> None:
    got = names(session("light", 3, 3))
    assert got[:4] == ["Bodyweight squat", "Glute bridge", "Walking lunge", "Calf raise"]
    assert got[4].startswith("Mobility")
    assert session("light", 3, 3)[4].time == "10 min"


def test_mobility_session_has_no_load() -> None:
    (only,) = session("mobility", 5, 4)
    assert only.name.startswith("Mobility") and only.reps is None and only.time == "10-15 min"


@pytest.mark.parametrize(
    ("weaker", "first"), [("left", "left"), ("right", "right"), ("none", "either")]
)
def test_single_leg_work_starts_with_the_weaker_side(weaker: str, first: str) -> None:
    exercises = session("heavy", 3, 3, weaker_side=weaker)
    single = [e for e in exercises if e.side_first is not None]
    assert names(single) == [
        "Split squat (dumbbells)",
        "Step-up (dumbbells)",
        "Single-leg calf raise",
    ]
    assert {e.side_first for e in single} == {first}
    assert all("S11" in e.rule for e in single)
    assert side_first(weaker) == first


def test_backoff_drops_a_set_and_the_plyometrics() -> None:
    exercises = session("heavy", 6, 4, focus="load", backoff=True)[1:]
    # 4 - 1 = 3 sets; 5 x 3 = 15 within the budget
    assert {e.sets for e in exercises} == {3}
    assert "S10" in exercises[0].load
    assert not any("Plyometrics" in e.name for e in exercises)


def test_maintain_keeps_the_load_with_two_sets() -> None:
    lifts = [e for e in session("heavy", 8, 2, focus="maintain", variation="harder") if e.reps]
    assert {e.sets for e in lifts} == {2}
    assert "S12" in lifts[0].load


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError):
        session("medium", 1, 2)


def test_to_dict_fields() -> None:
    data = session("light", 1, 2, weaker_side="left")[2].to_dict()
    assert data == {
        "name": "Walking lunge",
        "sets": 2,
        "reps": "8-10 each leg",
        "time": None,
        "load": "bodyweight, smooth and controlled",
        "side_first": "left",
        "weight": None,
        "weight_unit": None,
        "last": None,
    }
