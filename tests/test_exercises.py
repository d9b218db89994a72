"""The exercise library: heavy vs light vs mobility, the block week's dose, S11 sides."""

from __future__ import annotations

import pytest

from legday.exercises import session, side_first


def names(exercises) -> list[str]:
    return [e.name for e in exercises]


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
    assert got[0] == "Back squat"
    assert "Rear-foot-elevated split squat" in got


def test_dose_follows_the_block_week() -> None:
    early = session("heavy", 2, 2)
    late = session("heavy", 6, 4, focus="load")
    assert {e.sets for e in early} == {2}
    assert early[0].reps == "8" and late[0].reps == "5-6"
    assert "form first" in early[0].load and "add load" in late[0].load


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
    exercises = session("heavy", 6, 4, focus="load", backoff=True)
    assert {e.sets for e in exercises} == {3}  # 4 - 1
    assert "S10" in exercises[0].load
    assert not any("Plyometrics" in e.name for e in exercises)


def test_maintain_keeps_the_load_with_two_sets() -> None:
    exercises = session("heavy", 8, 2, focus="maintain", variation="harder")
    assert {e.sets for e in exercises if "Plyometrics" not in e.name} == {2}
    assert "S12" in exercises[0].load


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
    }
