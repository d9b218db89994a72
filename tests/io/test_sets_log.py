"""The sets log: a CSV named by strength_log:, inline sets:, and every bad input's message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from legday.demo import shift_athlete
from legday.io import load_athlete, load_folder, load_upload
from legday.io.save import log_to_csv
from legday.model import SET_COLUMNS
from legday.session_logs import edited_athlete
from legday.strength.load import LOAD_COLUMNS
from legday.strength.names import RESOLVED_COLUMNS

TODAY = dt.date(2026, 11, 26)
DAYS = "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"
SETS = "date,exercise,set,reps,weight,rir,side,type\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def athlete_folder(
    tmp_path: Path, sets: str, days: str = "2026-11-16,easy,8,48,3,,,,2,\n", weights: str = "kg"
) -> Path:
    write(tmp_path / "logs" / "ana.csv", DAYS + days)
    write(tmp_path / "logs" / "ana-sets.csv", sets)
    profile = f"name: Ana\nunits: km\nweights: {weights}\nlog: logs/ana.csv\n"
    return write(tmp_path / "ana.yaml", profile + "strength_log: logs/ana-sets.csv\n")


def messages(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_sets_log_loads_with_documented_columns(tmp_path: Path) -> None:
    profile = athlete_folder(
        tmp_path,
        SETS
        + "2026-11-16,Squat (Barbell),1,5,60,2,,\n"
        + "2026-11-16,Squat (Barbell),,5,60,,,\n"  # no set number: the second of the day
        + "2026-11-17,Bulgarian Split Squat,1,8,16,,left,Warmup\n",
        "2026-11-16,easy,8,48,3,,,,2,\n",
    )
    result = load_athlete(profile, TODAY)
    assert result.ok, messages(result)
    sets = result.athlete.sets
    assert list(sets.columns) == [*SET_COLUMNS, *RESOLVED_COLUMNS, *LOAD_COLUMNS]
    assert sets["set"].tolist() == [1, 2, 1]
    assert sets["type"].tolist() == ["normal", "normal", "warmup"]
    assert sets["lift"].tolist() == ["Back squat", "Back squat", "Bulgarian split squat"]
    assert result.athlete.profile.weight_unit == "kg"


def test_rpe_gives_reps_in_reserve(tmp_path: Path) -> None:
    """RIR = 10 - RPE on the RIR-based scale: RPE 8 is 2 in reserve."""
    profile = athlete_folder(
        tmp_path, "date,exercise,reps,weight,rpe\n2026-11-16,Deadlift (Barbell),5,100,8\n"
    )
    sets = load_athlete(profile, TODAY).athlete.sets
    assert sets["rir"].tolist() == [2.0]


def test_the_sets_log_is_claimed_by_its_profile_in_a_folder(tmp_path: Path) -> None:
    athlete_folder(tmp_path, SETS + "2026-11-16,Squat (Barbell),1,5,60,2,,\n")
    results = load_folder(tmp_path, TODAY)
    assert [r.path for r in results] == [str(tmp_path / "ana.yaml")]


def test_a_lone_sets_log_is_not_an_athlete(tmp_path: Path) -> None:
    lone = write(tmp_path / "sets.csv", SETS + "2026-11-16,Squat (Barbell),1,5,60,2,,\n")
    result = load_athlete(lone, TODAY)
    assert result.athlete is None
    assert any("strength_log: sets.csv" in m for m in messages(result))


def test_inline_sets_in_a_profile(tmp_path: Path) -> None:
    profile = write(
        tmp_path / "omar.yaml",
        "name: Omar\nweights: lb\ndays:\n  - {date: 2026-11-16, run: easy, distance: 4}\n"
        "sets:\n"
        "  - {date: 2026-11-16, exercise: Goblet Squat, set: 1, reps: 10, weight: 35, rir: 3}\n"
        "  - {date: 2026-11-16, exercise: Goblet Squat, set: 2, reps: 10, weight: 35, rir: 2}\n",
    )
    result = load_athlete(profile, TODAY)
    assert result.ok, messages(result)
    assert result.athlete.profile.weight_unit == "lb"
    assert result.athlete.sets["weight"].tolist() == [35.0, 35.0]


def test_inline_sets_in_an_upload(tmp_path: Path) -> None:
    text = "name: Omar\nsets:\n  - {date: 2026-11-16, exercise: Leg Press, reps: 10, weight: 90}\n"
    result = load_upload("omar.yaml", text.encode(), TODAY)
    assert result.ok, messages(result)
    assert result.athlete.days["strength"].tolist() == ["heavy"]


def test_a_profile_gives_its_sets_one_way_only(tmp_path: Path) -> None:
    profile = write(
        tmp_path / "omar.yaml",
        "name: Omar\nstrength_log: s.csv\nsets:\n  - {date: 2026-11-16, exercise: Squat}\n",
    )
    assert "give the sets one way only" in " ".join(messages(load_athlete(profile, TODAY)))


def test_log_and_strength_log_must_name_the_right_kind(tmp_path: Path) -> None:
    write(tmp_path / "days.csv", DAYS + "2026-11-16,easy,4,,,,,,,\n")
    write(tmp_path / "sets.csv", SETS + "2026-11-16,Squat (Barbell),1,5,60,2,,\n")
    swapped = write(tmp_path / "x.yaml", "name: X\nlog: sets.csv\nstrength_log: days.csv\n")
    text = " ".join(messages(load_athlete(swapped, TODAY)))
    assert "x.yaml:2: error: log: 'sets.csv' is a sets log" in text
    assert "x.yaml:3: error: strength_log: 'days.csv' is not a sets log" in text


# ----------------------------------------------------------------- bad input, each named


BAD_SETS = [
    # (row, the message's words): each on line 2 of the sets log
    ("2026-11-16,Squat (Barbell),1,5,135 lb,2,,", "weight '135 lb' is not a number (write the "
     "number only, in kg: the profile's weights unit)"),
    ("2026-11-16,Squat (Barbell),1,0,60,2,,", "reps 0: a logged set has at least 1 rep"),
    ("2026-11-16,Squat (Barbell),1,1000,60,2,,", "reps 1000 is impossible (over 100 reps"),
    ("2026-11-16,Squat (Barbell),1,5,900,2,,", "weight 900 is impossible (over 500 kg in one "
     "set: no one lifts that)"),
    ("2026-11-16,Squat (Barbell),1,5,-20,2,,", "weight -20 is negative"),
    ("2026-11-16,,1,5,60,2,,", "the set has no exercise"),
    ("2026-11-16,Squat (Barbell),1,5.5,60,2,,", "reps 5.5 is not a whole number"),
    ("2026-11-16,Squat (Barbell),1,5,60,12,,", "rir 12 is impossible (reps in reserve run 0-10)"),
    ("2026-11-16,Squat (Barbell),1,5,60,2,middle,", "side 'middle' is not one of left, right"),
    ("2026-11-16,Squat (Barbell),1,5,60,2,,warm", "type 'warm' is not one of normal, warmup"),
    ("16/11/2026,Squat (Barbell),1,5,60,2,,", "date '16/11/2026' is not a date in YYYY-MM-DD"),
]  # fmt: skip


@pytest.mark.parametrize(("row", "words"), BAD_SETS, ids=[w[:24] for _, w in BAD_SETS])
def test_bad_sets_are_refused_with_file_and_line(tmp_path: Path, row: str, words: str) -> None:
    profile = athlete_folder(tmp_path, SETS + row + "\n")
    result = load_athlete(profile, TODAY)
    assert result.athlete is None
    shown = str(tmp_path / "logs" / "ana-sets.csv")
    assert any(m.startswith(f"{shown}:2: error: {words}") for m in messages(result)), messages(
        result
    )


def test_pounds_in_a_pound_profile_are_fine_and_their_bound_is_in_pounds(tmp_path: Path) -> None:
    """600 lb is a possible squat (about 272 kg); 1,200 lb is not (over 1,100 lb)."""
    ok = athlete_folder(tmp_path, SETS + "2026-11-16,Squat (Barbell),1,3,600,1,,\n", weights="lb")
    assert load_athlete(ok, TODAY).ok
    bad = athlete_folder(tmp_path, SETS + "2026-11-16,Squat (Barbell),1,3,1200,1,,\n", weights="lb")
    assert "over 1100 lb in one set" in " ".join(messages(load_athlete(bad, TODAY)))


def test_a_set_typed_twice_names_the_first_line(tmp_path: Path) -> None:
    profile = athlete_folder(
        tmp_path,
        SETS
        + "2026-11-16,Squat (Barbell),1,5,60,2,,\n"
        + "2026-11-16,Squat (Barbell),2,5,60,2,,\n"
        + "2026-11-16,squat (barbell),1,5,60,2,,\n"  # any case: the same exercise
        + "2026-11-16,Split squat,1,8,16,2,left,\n"
        + "2026-11-16,Split squat,1,8,16,2,right,\n",  # the other side is another set
    )
    found = messages(load_athlete(profile, TODAY))
    assert found == [
        f"{tmp_path / 'logs' / 'ana-sets.csv'}:4: error: set 1 of 'squat (barbell)' on "
        "2026-11-16 appears twice (first on line 2)"
    ]


def test_every_problem_at_once(tmp_path: Path) -> None:
    profile = athlete_folder(
        tmp_path,
        SETS + "2026-11-16,,1,0,60,2,,\n2026-11-17,Squat (Barbell),1,5,900,2,,\n",
    )
    found = messages(load_athlete(profile, TODAY))
    lines = [m.split(": error")[0].rsplit(":", 1)[1] for m in found]
    assert lines == ["2", "2", "3"]


def test_bad_inline_sets_name_their_yaml_line(tmp_path: Path) -> None:
    profile = write(
        tmp_path / "omar.yaml",
        "name: Omar\nsets:\n"
        "  - {date: 2026-11-16, exercise: Goblet Squat, reps: 10, weight: 35}\n"
        "  - {date: 2026-11-16, reps: 1000, weight: 35}\n",
    )
    found = messages(load_athlete(profile, TODAY))
    assert f"{profile}:4: error: the set has no exercise" in " ".join(found)
    assert f"{profile}:4: error: reps 1000 is impossible" in " ".join(found)


def test_weights_unit_is_checked(tmp_path: Path) -> None:
    profile = write(tmp_path / "omar.yaml", "name: Omar\nweights: lbs\n")
    assert "weights: 'lbs' is not one of kg, lb (did you mean 'lb'?)" in " ".join(
        messages(load_athlete(profile, TODAY))
    )


def test_a_workout_export_dropped_in_as_a_log_says_how_to_import_it(tmp_path: Path) -> None:
    export = write(
        tmp_path / "workouts.csv",
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
        '"duration_seconds","rpe"\n',
    )
    text = " ".join(messages(load_athlete(export, TODAY)))
    assert "legday import FILE --into PROFILE" in text


def test_sets_move_with_the_demo_shift_and_survive_an_edit(tmp_path: Path) -> None:
    profile = athlete_folder(tmp_path, SETS + "2026-11-17,Squat (Barbell),1,5,60,2,,\n")
    athlete = load_athlete(profile, TODAY).athlete
    moved = shift_athlete(athlete, 14)
    assert moved.sets["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-12-01"]
    # an edited daily log (the Log page's editor) still gets its sessions from the sets
    edited = edited_athlete(athlete, DAYS + "2026-11-17,easy,5,,,,,,,\n", TODAY)
    assert edited.days["strength"].tolist() == ["heavy"]


def test_what_is_written_back_is_the_log_as_written_not_the_sets_sessions(tmp_path) -> None:
    """An edit or a check-in saves the daily log; the sessions the sets filled in stay
    in the sets log (a day the sets made, 17 Nov, is not written into the daily log)."""
    profile = athlete_folder(tmp_path, SETS + "2026-11-17,Squat (Barbell),1,5,60,2,,\n")
    athlete = load_athlete(profile, TODAY).athlete
    assert athlete.days["date"].dt.day.tolist() == [16, 17]  # the sets' day is there
    assert log_to_csv(athlete) == DAYS + "2026-11-16,easy,8,48,3,none,,,2,\n"
    assert shift_athlete(athlete, 7).written_days["date"].dt.day.tolist() == [23]
