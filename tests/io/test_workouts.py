"""Hevy and Strong exports -> sets: both apps, both Strong layouts, kg and lb, bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from legday.io.archive import MAX_CSV_BYTES
from legday.io.workouts import import_workouts

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "imports"
TODAY = dt.date(2026, 11, 26)
HEVY = (SAMPLES / "hevy_workouts.csv").read_text(encoding="utf-8")
HEVY_HEADER = HEVY.split("\n", 1)[0]
SQUAT_ROW = (
    '"Legs","{start}","{start}","","Squat (Barbell)","","","{n}","normal","{kg}","{reps}","","",""'
)


def hevy_with(*rows: str) -> bytes:
    return (HEVY_HEADER + "\n" + "\n".join(rows) + "\n").encode()


def squat(n: int = 0, kg: str = "60", reps: str = "5", start: str = "3 Aug 2025, 18:00") -> str:
    return SQUAT_ROW.format(start=start, n=n, kg=kg, reps=reps)


def messages(found) -> list[str]:
    return [str(p) for p in found.problems]


@pytest.mark.parametrize(
    "name", ["hevy_workouts.csv", "strong_workouts.csv", "strong_workouts_semicolon.csv"]
)
def test_each_layout_gives_the_same_days_and_sets(name: str) -> None:
    found = import_workouts(SAMPLES / name, name, "kg", TODAY)
    assert found.ok, messages(found)
    sets = found.sets
    # three workouts: legs on 22 Jul, upper on 24 Jul, legs at 23:50 on 26 Jul (its day)
    assert sorted(sets["date"].dt.strftime("%d").unique()) == ["22", "24", "26"]
    assert len(sets) == 23  # 10 leg sets + 3 upper + 10 leg sets, every row a set
    squats = sets[(sets["exercise"] == "Squat (Barbell)") & (sets["date"] == "2025-07-22")]
    assert squats["set"].tolist() == [1, 2, 3, 4]  # numbered in file order, warm-up first
    assert squats["type"].tolist() == ["warmup", "normal", "normal", "normal"]
    assert squats["rir"].tolist()[1:] == [2.0, 2.0, 1.5]  # RPE 8, 8, 8.5 -> 10 - RPE
    assert set(sets["source"]) == {"hevy" if name.startswith("hevy") else "strong"}
    bench = sets[sets["exercise"] == "Bench Press (Barbell)"]
    assert bench["type"].tolist() == ["normal", "drop"]  # Hevy "dropset", Strong "D"
    calf = sets[sets["exercise"] == "Single Leg Standing Calf Raise"]
    assert calf["type"].tolist()[:2] == ["normal", "failure"]  # Strong "F"
    assert any("within 60 minutes of midnight" in note for note in found.notes)


def test_kilograms_stay_kilograms() -> None:
    found = import_workouts(SAMPLES / "hevy_workouts.csv", "h.csv", "kg", TODAY)
    assert found.sets["weight"].tolist()[:2] == [40.0, 60.0]
    assert not any("converted" in note for note in found.notes)


def test_pounds_into_a_kilogram_profile_are_converted_and_said() -> None:
    found = import_workouts(SAMPLES / "hevy_workouts_lb.csv", "h.csv", "kg", TODAY)
    # 130 lb x 0.45359237 = 58.967 -> 58.97 kg; 90 lb -> 40.82 kg
    assert found.sets["weight"].tolist()[:2] == [40.82, 58.97]
    assert any("weights converted to kg" in note for note in found.notes)


def test_pounds_into_a_pound_profile_and_kilograms_into_pounds() -> None:
    pounds = import_workouts(SAMPLES / "strong_workouts_semicolon.csv", "s.csv", "lb", TODAY)
    assert pounds.sets["weight"].tolist()[:2] == [90.0, 130.0]
    kilos = import_workouts(SAMPLES / "hevy_workouts.csv", "h.csv", "lb", TODAY)
    # 60 kg / 0.45359237 = 132.277 -> 132.28 lb
    assert kilos.sets["weight"].tolist()[1] == 132.28


def test_strongs_comma_layout_takes_the_profiles_unit_and_says_so() -> None:
    found = import_workouts(SAMPLES / "strong_workouts.csv", "s.csv", "lb", TODAY)
    assert found.sets["weight"].tolist()[1] == 60.0
    assert any("does not say its weight unit: read as lb" in note for note in found.notes)


def test_reordered_columns_read_the_same() -> None:
    rows = list(csv.reader(io.StringIO(HEVY)))
    order = list(reversed(range(len(rows[0]))))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[r[i] for i in order] for r in rows])
    found = import_workouts(buffer.getvalue().encode(), "reordered.csv", "kg", TODAY)
    original = import_workouts(HEVY.encode(), "h.csv", "kg", TODAY)
    assert found.ok and found.sets.equals(original.sets)


def test_renamed_columns_are_named() -> None:
    found = import_workouts(SAMPLES / "bad_hevy_renamed.csv", "r.csv", "kg", TODAY)
    assert not found.ok
    assert messages(found) == [
        "r.csv:1: error: this Hevy export lacks the column 'exercise_title' (is 'exercise' "
        "meant to be it?): export it again from Hevy, unedited"
    ]


def test_a_different_exports_columns_are_named() -> None:
    found = import_workouts(SAMPLES / "strava_activities.csv", "a.csv", "kg", TODAY)
    assert messages(found) == [
        "a.csv:1: error: this is a Strava activity export: it goes into the daily log, "
        "not the sets log"
    ]


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (squat(1, kg="900"), "weight 900 is impossible (over 500 kg in one set"),
        (squat(1, kg="-20"), "weight -20 is negative"),
        (squat(1, reps="1000"), "reps 1000 is impossible (over 100 reps in a set)"),
        (squat(start="32 Aug 2025, 18:00"), "start time '32 Aug 2025, 18:00' is not in Hevy's "
         "'26 Jul 2025, 07:06' form"),
        (SQUAT_ROW.format(start="3 Aug 2025, 18:00", n=0, kg="60", reps="5").replace(
            '"Squat (Barbell)"', '""'), "the set has no exercise"),
    ],
)  # fmt: skip
def test_bad_sets_fail_the_import_with_the_exports_line(row: str, words: str) -> None:
    found = import_workouts(hevy_with(squat(0), row), "w.csv", "kg", TODAY)
    assert not found.ok and found.sets.empty
    assert any(m.startswith(f"w.csv:3: error: {words}") for m in messages(found)), messages(found)


def test_zero_reps_and_repeated_rows_are_skipped_and_counted() -> None:
    found = import_workouts(
        hevy_with(squat(0), squat(1), squat(1), squat(2, reps="0")), "w.csv", "kg", TODAY
    )
    assert found.ok, messages(found)
    assert len(found.sets) == 2
    assert found.skipped == {
        "repeated rows (the same workout, exercise and set twice)": 1,
        "sets without reps (cardio, timed holds)": 1,
    }
    assert "w.csv:4: warning: skipped 1 repeated rows" in " ".join(messages(found))


def test_strongs_rest_timer_rows_are_not_sets() -> None:
    text = (SAMPLES / "strong_workouts.csv").read_text(encoding="utf-8")
    first = text.split("\n")[1].replace('"W"', '"Rest Timer"')
    found = import_workouts((text + first + "\n").encode(), "s.csv", "kg", TODAY)
    assert found.ok and len(found.sets) == 23
    assert found.skipped == {"rows that are not sets (rest timers, notes)": 1}


def test_a_newer_phones_narrow_space_before_pm() -> None:
    text = (SAMPLES / "strong_workouts.csv").read_text(encoding="utf-8")
    found = import_workouts(text.replace(" PM", "\u202fPM").encode(), "s.csv", "kg", TODAY)
    assert found.ok and found.sets["date"].dt.day.tolist()[0] == 22


def test_an_export_over_the_cap_is_refused_before_it_is_read() -> None:
    data = HEVY.encode() + b"x" * (MAX_CSV_BYTES - len(HEVY) + 1)
    found = import_workouts(data, "big.csv", "kg", TODAY)
    assert "legday reads activity CSVs up to 50 MB" in " ".join(messages(found))


def test_an_empty_export() -> None:
    found = import_workouts(hevy_with(), "e.csv", "kg", TODAY)
    assert "the file has a header but no sets" in " ".join(messages(found))
