"""`python -m legday import`: summary on stderr, log on stdout or --out, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from legday.cli import main
from legday.model import DAY_COLUMNS, OPTIONAL_DAY_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "samples" / "imports"
HEADER = ",".join(c for c in DAY_COLUMNS if c not in OPTIONAL_DAY_COLUMNS)


def legday(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "legday", "import", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def test_strava_to_stdout_with_summary_on_stderr():
    done = legday(str(SAMPLES / "strava_activities.csv"), "--tz", "Europe/Berlin")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == HEADER
    assert len(done.stdout.splitlines()) == 1 + 16
    assert "found 19 Strava activities; kept 17" in done.stderr
    assert "skipped 2: 1 repeated Activity ID" in done.stderr
    assert "dates 2024-01-01 to 2024-01-21" in done.stderr
    assert "inferred 10 run kinds" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bad_empty.csv", "file is empty"),
        ("bad_binary.csv", "binary data"),
        ("bad_wrong_columns.csv", "not a Strava activities.csv"),
        ("bad_no_activities.zip", "no activities.csv"),
        ("bad_bomb.zip", "up to 50 MB"),
    ],
)
def test_bad_files_exit_1_with_one_line_naming_the_file(name, words):
    done = legday(str(SAMPLES / name))
    assert done.returncode == 1
    assert done.stdout == ""
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1
    assert errors[0].startswith(str(SAMPLES / name))
    assert words in errors[0]
    assert "Traceback" not in done.stderr


def test_missing_file_and_bad_zone():
    done = legday("no-such-file.csv")
    assert (done.returncode, "Traceback" in done.stderr) == (1, False)
    assert "no-such-file.csv: error: does not exist" in done.stderr
    done = legday(str(SAMPLES / "strava_activities.csv"), "--tz", "Mars/Olympus_Mons")
    assert done.returncode == 2
    assert "unknown time zone 'Mars/Olympus_Mons'" in done.stderr


def test_out_writes_atomically_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "log.csv"
    source = str(SAMPLES / "garmin_activities.csv")
    assert main(["import", source, "--out", str(out), "--units", "km", "--garmin-units", "mi"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith(HEADER + "\n")
    # 12.40 mi x 1.609344 = 19.96 km
    assert "2024-03-09,long,19.96," in text
    # no temp file left behind; a km log gets its profile (a lone CSV would read as miles)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv", "log.yaml"]
    capsys.readouterr()
    out.write_text("keep me", encoding="utf-8")
    assert main(["import", source, "--out", str(out)]) == 2
    assert "already exists; pass --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["import", source, "--out", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith(HEADER)


def test_out_into_a_missing_folder_is_a_message(tmp_path, capsys):
    out = tmp_path / "nope" / "log.csv"
    assert main(["import", str(SAMPLES / "garmin_activities.csv"), "--out", str(out)]) == 1
    assert "cannot write the log" in capsys.readouterr().err


def test_written_log_validates(tmp_path):
    out = tmp_path / "ann.csv"
    assert main(["import", str(SAMPLES / "strava_export.zip"), "--out", str(out)]) == 0
    done = subprocess.run(
        [sys.executable, "-m", "legday", "validate", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_km_import_writes_a_profile_so_the_log_loads_in_km(tmp_path):
    from legday.io import load_folder

    out = tmp_path / "my-runs.csv"
    done = legday(str(SAMPLES / "strava_activities.csv"), "--units", "km", "--out", str(out))
    assert done.returncode == 0, done.stderr
    profile = tmp_path / "my-runs.yaml"
    assert profile.read_text() == "name: My Runs\nunits: km\nlog: my-runs.csv\n"
    results = load_folder(tmp_path)
    assert len(results) == 1  # the log belongs to the profile, not listed twice
    assert results[0].ok
    assert results[0].athlete.units == "km"
