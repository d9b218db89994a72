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

from legday import clock
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


@pytest.fixture(autouse=True)
def _the_logs_own_week() -> None:
    """These athletes log up to Sunday 2026-11-29 and are planned from the Monday after:
    their today is that Wednesday, whatever day the suite runs on (a log that today
    finds stale is planned from today: tests/scenarios, log-ended-three-weeks-ago)."""
    clock.set_clock(dt.date(2026, 12, 2))


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
        ["--weeks", "0"],
        ["--weeks", "17"],
        ["--weeks", "two"],
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
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Leg day plan: Sam")


# --------------------------------------------------------------------------- --weeks


def test_weeks_json_holds_consecutive_weeks(roster: Path, capsys) -> None:
    code, out, _ = run(capsys, str(roster / "sam.yaml"), "--weeks", "3", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert list(doc) == ["athlete", "name", "units", "weeks"]
    assert (doc["athlete"], doc["units"]) == ("sam", "mi")
    assert [w["week_of"] for w in doc["weeks"]] == ["2026-11-30", "2026-12-07", "2026-12-14"]
    single = json.loads(run(capsys, str(roster / "sam.yaml"), "--format", "json")[1])
    assert set(doc["weeks"][0]) == set(single)  # each week has the one-week plan's keys
    assert doc["weeks"][0]["days"] == single["days"]  # and the first week is the same plan


def test_weeks_for_a_folder_give_one_entry_per_athlete(roster: Path, capsys) -> None:
    code, out, _ = run(capsys, str(roster), "--weeks", "2", "--format", "json")
    assert code == 0
    plans = json.loads(out)["plans"]
    assert sorted(p["athlete"] for p in plans) == ["ana", "sam"]
    assert all(len(p["weeks"]) == 2 for p in plans)


def test_weeks_in_csv_text_and_markdown(roster: Path, capsys) -> None:
    rows = list(csv.DictReader(io.StringIO(run(capsys, str(roster), "--weeks", "4",
                                               "--format", "csv")[1])))  # fmt: skip
    assert len(rows) == 2 * 4 * 7  # athletes x weeks x days
    assert sorted({r["week_of"] for r in rows}) == [
        "2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21"
    ]  # fmt: skip
    text = run(capsys, str(roster / "sam.yaml"), "--weeks", "2")[1]
    assert "week of 2026-11-30" in text and "week of 2026-12-07" in text
    md = run(capsys, str(roster / "sam.yaml"), "--weeks", "2", "--format", "md")[1]
    assert md.count("# Leg day plan: Sam") == 2


def test_weeks_in_a_calendar_keep_stable_uids(roster: Path, capsysbinary) -> None:
    """Re-importing a longer plan updates the days already in the calendar: one UID per
    athlete and day, the same in every export."""

    def uids(*argv: str) -> list[str]:
        assert main(["plan", str(roster), "--format", "ics", *argv]) == 0
        found = Calendar.from_ical(capsysbinary.readouterr().out).walk("VEVENT")
        return [str(e["uid"]) for e in found]

    one, three = uids(), uids("--weeks", "3")
    assert len(three) == len(set(three)) == 3 * len(one)
    assert set(one) <= set(three)
    assert "legday-sam-2026-12-15@legday" in three
