"""`legday import FILE --into PROFILE`: merged into the athlete's own files, safely."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from legday.cli import main
from legday.io import load_athlete, save

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "imports"
DAYS = "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"


@pytest.fixture
def ana(tmp_path: Path) -> Path:
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "ana.csv").write_text(
        DAYS + "2025-07-21,easy,8,48,3,,,,2,\n2025-07-26,rest,,,,heavy,30,7,,by hand\n"
    )
    profile = tmp_path / "ana.yaml"
    profile.write_text("name: Ana\nunits: km\nlog: logs/ana.csv\n")
    return profile


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["import", *map(str, args)])
    return code, capsys.readouterr().err


def test_hevy_into_a_profile_makes_and_names_the_sets_log(ana: Path, capsys) -> None:
    code, err = run(capsys, SAMPLES / "hevy_workouts.csv", "--into", ana)
    assert code == 0, err
    assert "adds 3 days (23 sets) to ana-sets.csv (a new file)" in err
    assert ana.read_text().endswith("log: logs/ana.csv\nstrength_log: logs/ana-sets.csv\n")
    athlete = load_athlete(ana).athlete
    assert len(athlete.sets) == 23
    # 22 Jul had no row: the sets made one; 26 Jul says heavy by hand and keeps it
    days = athlete.days.set_index(athlete.days["date"].dt.strftime("%m-%d"))
    assert days.loc["07-22", "strength"] == "heavy" and days.loc["07-22", "run"] == "rest"
    assert days.loc["07-26", "strength_minutes"] == 30


def test_the_same_export_twice_adds_nothing_and_writes_nothing(ana: Path, capsys) -> None:
    run(capsys, SAMPLES / "hevy_workouts.csv", "--into", ana)
    sets_log = ana.parent / "logs" / "ana-sets.csv"
    before = (sets_log.read_bytes(), ana.read_bytes(), sets_log.stat().st_mtime_ns)
    code, err = run(capsys, SAMPLES / "hevy_workouts.csv", "--into", ana)
    assert code == 0 and "adds 0 days (0 sets)" in err and "already there: 3 days" in err
    assert (sets_log.read_bytes(), ana.read_bytes(), sets_log.stat().st_mtime_ns) == before


def test_strong_after_hevy_keeps_the_days_the_log_has(ana: Path, capsys) -> None:
    run(capsys, SAMPLES / "hevy_workouts.csv", "--into", ana)
    code, err = run(capsys, SAMPLES / "strong_workouts_semicolon.csv", "--into", ana)
    assert code == 0
    assert "kept as the log has them: 3 days from an earlier import" in err


def test_dry_run_writes_nothing(ana: Path, capsys) -> None:
    before = sorted(p.name for p in ana.parent.rglob("*"))
    code, err = run(capsys, SAMPLES / "strong_workouts.csv", "--into", ana, "--dry-run")
    assert code == 0 and "adds 3 days (23 sets)" in err and "dry run: nothing written" in err
    assert sorted(p.name for p in ana.parent.rglob("*")) == before


def test_strava_merges_into_the_daily_log_and_a_typed_day_wins(ana: Path, capsys) -> None:
    log = ana.parent / "logs" / "ana.csv"
    log.write_text(DAYS + "2024-01-03,easy,5,30,3,,,,,typed by hand\n")
    code, err = run(capsys, SAMPLES / "strava_activities.csv", "--into", ana, "--tz", "UTC")
    assert code == 0, err
    assert "kept as the log has them: 1 day typed by hand" in err
    days = load_athlete(ana).athlete.days
    assert days.loc[days["date"] == "2024-01-03", "notes"].tolist() == ["typed by hand"]
    assert len(days) > 10
    assert list((ana.parent / "logs" / ".legday-backups").iterdir())  # the old log kept


def test_a_failed_import_leaves_the_files_as_they_were(ana: Path, capsys) -> None:
    before = {p: p.read_bytes() for p in ana.parent.rglob("*") if p.is_file()}
    code, err = run(capsys, SAMPLES / "bad_hevy_renamed.csv", "--into", ana)
    assert code == 1 and "lacks the column 'exercise_title'" in err
    assert {p: p.read_bytes() for p in ana.parent.rglob("*") if p.is_file()} == before


def test_a_crash_while_writing_leaves_the_log_as_it_was(ana: Path, capsys, monkeypatch) -> None:
    run(capsys, SAMPLES / "hevy_workouts.csv", "--into", ana)
    sets_log = ana.parent / "logs" / "ana-sets.csv"
    before = sets_log.read_bytes()
    newer = ana.parent / "newer.csv"
    text = (SAMPLES / "hevy_workouts.csv").read_text()
    newer.write_text(text + text.split("\n")[1].replace("22 Jul", "29 Jul") + "\n")

    def crash(handle, text):
        handle.write(text[:10].encode())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(save, "_write_text", crash)
    code, err = run(capsys, newer, "--into", ana)
    assert code == 1 and "cannot write" in err
    assert sets_log.read_bytes() == before
    assert not [p for p in sets_log.parent.iterdir() if p.name.endswith(".tmp")]


def test_inline_sets_are_not_rewritten(tmp_path: Path, capsys) -> None:
    profile = tmp_path / "omar.yaml"
    profile.write_text("name: Omar\nsets:\n  - {date: 2025-07-01, exercise: Squat, reps: 5}\n")
    code, err = run(capsys, SAMPLES / "hevy_workouts.csv", "--into", profile)
    assert code == 1 and "keeps its sets inline (sets:)" in err


def test_usage_errors(ana: Path, capsys) -> None:
    assert run(capsys, SAMPLES / "hevy_workouts.csv", "--into", ana, "--out", "x.csv")[0] == 2
    assert run(capsys, SAMPLES / "hevy_workouts.csv", "--into", "nobody.yaml")[0] == 2
    assert run(capsys, SAMPLES / "hevy_workouts.csv", "--dry-run")[0] == 2
    code, err = run(capsys, SAMPLES / "hevy_workouts.csv")
    assert code == 1 and "--into PROFILE" in err


def test_an_athlete_with_errors_takes_no_import(ana: Path, capsys) -> None:
    shutil.copy(ana, ana.with_name("copy.yaml"))
    ana.write_text("name: Ana\nunits: furlongs\nlog: logs/ana.csv\n")
    code, err = run(capsys, SAMPLES / "hevy_workouts.csv", "--into", ana)
    assert code == 1 and "fix them first" in err


def test_report_json_has_leg_sets_volume_and_lifts(ana: Path, capsys) -> None:
    run(capsys, SAMPLES / "hevy_workouts.csv", "--into", ana)
    assert main(["report", str(ana), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    week = next(w for w in doc["weeks"] if w["week_of"] == "2025-07-21")
    # two leg days of 9 hard sets each (warm-ups and the bench press out)
    assert (week["leg_sets"], week["weight_unit"]) == (18, "kg")
    # each leg day: squat 3 x 5 x 60 = 900, RDL 2 x 8 x 20 = 320, split squat 2 x 8 x 12
    # = 192, bodyweight calf raises 0: 1,412; two days: 2,824
    assert week["leg_volume_load"] == 2824.0
    assert doc["lifts"][0] == {
        "lift": "squat", "exercise": "Back squat", "e1rm": 70.0, "date": "2025-07-26",
        "unit": "kg",
    }  # fmt: skip
