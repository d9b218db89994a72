"""`python -m legday plan`: one file or a folder, every format, bad files reported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from legday.cli import main

LOG_HEADER = "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"
SAMPLE = ("rest", "easy", "moderate", "hard", "easy", "long", "rest")
FIRST_MONDAY = dt.date(2026, 11, 2)


def write_athlete(folder: Path, athlete_id: str, name: str) -> Path:
    """A profile with the sample week and 4 logged weeks ending Sunday 2026-11-29, a
    light leg session every Tuesday."""
    logs = folder / "logs"
    logs.mkdir(exist_ok=True)
    lines = [LOG_HEADER]
    for i in range(28):
        day = FIRST_MONDAY + dt.timedelta(days=i)
        kind = SAMPLE[i % 7]
        distance = "" if kind == "rest" else "5"
        lifted = "light" if i % 7 == 1 else "none"  # a block under way: not a first block
        lines.append(f"{day.isoformat()},{kind},{distance},,,{lifted},,,2,\n")
    (logs / f"{athlete_id}.csv").write_text("".join(lines))
    profile = folder / f"{athlete_id}.yaml"
    profile.write_text(
        f"name: '{name}'\nunits: mi\n"
        "week: {mon: rest, tue: easy, wed: moderate, thu: hard, fri: easy, sat: long, sun: rest}\n"
        f"season: off-season\nlog: logs/{athlete_id}.csv\n"
    )
    return profile


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    write_athlete(tmp_path, "sam", "Sam")
    write_athlete(tmp_path, "ana", "=HYPERLINK(1)")
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["plan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_file_json(roster: Path, capsys) -> None:
    code, out, _ = run(capsys, str(roster / "sam.yaml"), "--format", "json")
    assert code == 0
    plan = json.loads(out)
    assert plan["athlete"] == "sam" and plan["week_of"] == "2026-11-30"
    assert [d["strength"] for d in plan["days"]] == [
        "none",
        "heavy",
        "none",
        "heavy",
        "none",
        "none",
        "none",
    ]


def test_folder_json_with_a_bad_file(roster: Path, capsys) -> None:
    (roster / "broken.yaml").write_text("name: [unclosed\n")
    code, out, err = run(capsys, str(roster), "--format", "json")
    assert code == 1  # a file had errors, the others were still planned
    plans = json.loads(out)["plans"]
    assert sorted(p["athlete"] for p in plans) == ["ana", "sam"]
    assert "broken.yaml" in err and "error" in err
    assert "2 plan(s), 1 athlete file(s) not planned" in err


def test_week_of_and_as_of(roster: Path, capsys) -> None:
    code, out, _ = run(
        capsys, str(roster / "sam.yaml"), "--week-of", "2026-12-09", "--format", "json"
    )
    assert code == 0 and json.loads(out)["week_of"] == "2026-12-07"  # snapped to its Monday
    code, out, _ = run(
        capsys, str(roster / "sam.yaml"), "--as-of", "2026-11-18", "--format", "json"
    )
    assert code == 0 and json.loads(out)["week_of"] == "2026-11-23"


def test_folder_ics_is_one_calendar(roster: Path, capsysbinary) -> None:
    code = main(["plan", str(roster), "--format", "ics"])
    out = capsysbinary.readouterr().out
    assert code == 0
    uids = [str(e["uid"]) for e in Calendar.from_ical(out).walk("VEVENT")]
    # 5 days with a run each (Tuesday to Saturday), 2 athletes
    assert len(uids) == 10 and len(set(uids)) == 10
    assert "legday-ana-2026-12-01@legday" in uids


def test_folder_csv_is_neutralised(roster: Path, capsys) -> None:
    code, out, _ = run(capsys, str(roster), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 14  # 7 days x 2 athletes under one header
    assert "'=HYPERLINK(1)" in {r["name"] for r in rows}


def test_folder_markdown_and_text(roster: Path, capsys) -> None:
    code, out, _ = run(capsys, str(roster), "--format", "md")
    assert code == 0 and out.count("# Leg day plan:") == 2 and "\n---\n" in out
    code, out, _ = run(capsys, str(roster))
    assert code == 0 and out.count("week of 2026-11-30") == 2 and "=" * 72 in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--as-of", "2026-11-01", "--week-of", "2026-11-02"],
        ["--as-of", "01/11/2026"],
        ["--format", "pdf"],
    ],
)
def test_usage_errors_exit_2(roster: Path, capsys, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["plan", str(roster / "sam.yaml"), *argv])
    assert stop.value.code == 2
    assert "usage error" in capsys.readouterr().err


def test_missing_path_exits_2(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.yaml"))
    assert code == 2 and "no such file or folder" in err


def test_one_bad_file_exits_1_without_traceback(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,run\n2026-13-45,sprint\n")
    code, out, err = run(capsys, str(bad))
    assert code == 1 and out == ""
    assert "Traceback" not in err and "bad.csv" in err


def test_python_dash_m(roster: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "legday", "plan", str(roster / "sam.yaml"), "--format", "md"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Leg day plan: Sam")
