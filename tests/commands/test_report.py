"""`python -m legday report`: the JSON contract, the text view, bad files and exit codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from legday import clock
from legday.cli import main
from legday.commands import report as report_module
from legday.flags import Flag
from legday.metrics import WEEK_COLUMNS
from legday.roster import ROSTER_COLUMNS

HEADER = "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"

# Mon 2 .. Sun 8 March 2026, then Mon 9 March.
GOOD_LOG = HEADER + (
    "2026-03-02,easy,3,30,3,,,,2,\n"
    "2026-03-03,hard,5,40,8,,,,,\n"
    "2026-03-04,easy,3,30,3,light,20,4,4,\n"  # S4: the day after a hard run
    "2026-03-06,easy,2,20,2,heavy,40,7,,\n"  # S5: the day before the long run
    "2026-03-07,long,10,95,5,,,,3,\n"
    "2026-03-09,easy,4,40,3,,,,,\n"
)


@pytest.fixture(autouse=True)
def _march() -> None:
    """The logs here end on Monday 2026-03-09: they are reported the day after."""
    clock.set_clock(dt.date(2026, 3, 10))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def report(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["report", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_athlete_json_contract(tmp_path, capsys):
    path = write(tmp_path, "amy.csv", GOOD_LOG)
    code, out, _ = report(capsys, str(path), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["athlete"], doc["units"], doc["as_of"]) == ("amy", "mi", "2026-03-09")
    assert isinstance(doc["name"], str)
    assert doc["load_basis"] == "srpe"
    first, second = doc["weeks"]
    assert list(first) == [*WEEK_COLUMNS, "weight_unit"]
    assert first["week_of"] == "2026-03-02"
    assert first["distance"] == 23.0  # 3 + 5 + 3 + 2 + 10
    assert (first["runs"], first["strength_sessions"], first["heavy_sessions"]) == (5, 2, 1)
    assert first["strength_load"] == 360.0  # 4 x 20 + 7 x 40 = 80 + 280
    assert first["soreness_avg"] == 3.0  # (2 + 4 + 3) / 3
    assert first["ramp_pct"] is None and first["acwr"] is None  # first week; < 28 days
    assert second["week_of"] == "2026-03-09" and second["distance"] == 4.0
    assert second["ramp_pct"] == -82.61  # (4 - 23) / 23 = -82.608...% to 2 decimals
    assert second["soreness_avg"] is None  # none logged that week
    rules = [(f["date"], f["rule"], f["severity"]) for f in doc["flags"]]
    assert ("2026-03-04", "S4", "watch") in rules
    assert ("2026-03-06", "S5", "act") in rules
    assert set(doc["flags"][0]) == {"date", "rule", "severity", "message", "evidence"}


def test_as_of_cuts_the_report(tmp_path, capsys):
    path = write(tmp_path, "amy.csv", GOOD_LOG)
    code, out, _ = report(capsys, str(path), "--format", "json", "--as-of", "2026-03-05")
    doc = json.loads(out)
    assert code == 0 and doc["as_of"] == "2026-03-05"
    assert [w["distance"] for w in doc["weeks"]] == [11.0]  # 3 + 5 + 3 by Thursday
    assert [f["rule"] for f in doc["flags"]] == ["S4"]  # the heavy Friday has not happened


def test_folder_reports_good_athletes_and_lists_bad_files(tmp_path, capsys):
    write(tmp_path, "amy.csv", GOOD_LOG)
    write(tmp_path, "bob.csv", HEADER + "2026-03-02,easy,3,30,3,,,,,\n2026-03-03,sprint,4,,,,,,,\n")
    code, out, err = report(capsys, str(tmp_path), "--format", "json")
    assert code == 1
    assert "bob.csv:3: error:" in err and "sprint" in err
    doc = json.loads(out)
    assert [a["athlete"] for a in doc["athletes"]] == ["amy"]
    (row,) = doc["roster"]
    assert list(row) == list(ROSTER_COLUMNS)
    assert (row["id"], row["status"], row["status_rank"]) == ("amy", "act", 2)
    assert (row["act"], row["watch"]) == (1, 1)  # S5 and S4, both within 14 days
    assert row["worst_rule"] == "S5"
    assert row["week_of"] == "2026-03-09"


def test_text_shows_table_and_flags_worst_first(tmp_path, capsys):
    path = write(tmp_path, "amy.csv", GOOD_LOG)
    code, out, _ = report(capsys, str(path))
    assert code == 0
    assert "week_of" in out and "2026-03-02" in out and "23.0" in out
    assert out.index("ACT") < out.index("WATCH")
    assert "S5" in out and "evidence weak:" in out


def test_text_folder_starts_with_the_roster(tmp_path, capsys):
    write(tmp_path, "amy.csv", GOOD_LOG)
    code, out, _ = report(capsys, str(tmp_path), "--weeks", "1")
    assert code == 0
    assert out.startswith("roster")
    assert "last 1 of 2 weeks" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["/no/such/athlete.csv"],
        ["{path}", "--as-of", "09/03/2026"],
        ["{path}", "--format", "xml"],
    ],
)
def test_usage_errors_exit_2(tmp_path, capsys, argv):
    path = write(tmp_path, "amy.csv", GOOD_LOG)
    argv = [a.format(path=path) for a in argv]
    with pytest.raises(SystemExit) as stop:
        code = main(["report", *argv])
        raise SystemExit(code)
    assert stop.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_garbage_file_exits_1_without_traceback(tmp_path, capsys):
    path = write(tmp_path, "junk.csv", "\x00\x01 not a log at all ;;;\n")
    code, out, err = report(capsys, str(path), "--format", "json")
    assert code == 1
    assert out == ""
    assert "junk.csv" in err and "Traceback" not in err


def test_python_dash_m_end_to_end(tmp_path):
    path = write(tmp_path, "amy.csv", GOOD_LOG)
    done = subprocess.run(
        [sys.executable, "-m", "legday", "report", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["weeks"][0]["distance"] == 23.0


def test_numbers_are_written_as_each_cell_was():
    """The week table's numbers, a column at a time, are what ``_value`` makes of each
    cell: 2.675 is 2.67499... in binary, so 2.67; 0.125 is a tie, rounded to even, 0.12;
    -0.004 rounds to 0.0, never -0.0; a whole count is an int."""
    rng = np.random.default_rng(3)
    values = np.concatenate(
        [rng.normal(0, 40, 20_000), np.round(rng.normal(0, 40, 20_000), 3),
         [np.nan, np.inf, -np.inf, -0.0, -0.004, 2.675, 1.005, 0.125, 3.0]]
    )  # fmt: skip
    for count in (False, True):
        got = report_module._numbers(values, count)
        want = [report_module._value(float(v), count) for v in values]
        assert [(type(v), v) for v in got] == [(type(v), v) for v in want]
    assert report_module._numbers(np.array([2.675, 0.125, -0.004, 3.0]), True) == [
        2.67,
        0.12,
        0.0,
        3,
    ]


def test_a_flag_as_json_has_every_field():
    flag = Flag(dt.date(2026, 3, 2), "S5", "act", "heavy legs before a key run", "strong")
    message = "heavy legs before a key run"
    assert flag.to_dict() == {"date": "2026-03-02", "rule": "S5", "severity": "act",
                              "message": message, "evidence": "strong"}  # fmt: skip
    assert set(flag.to_dict()) == {f.name for f in dataclasses.fields(Flag)}


def test_json_keeps_names_in_any_alphabet(tmp_path, capsys):
    path = tmp_path / "zoe.yaml"
    path.write_text("name: Zoë Ørsted 佐藤\ndays:\n- {date: 2026-03-02, run: easy, distance: 5}\n")
    code, out, _ = report(capsys, str(path), "--format", "json")
    assert code == 0 and json.loads(out)["name"] == "Zoë Ørsted 佐藤"


@pytest.mark.parametrize("form", ["json", "text"])
def test_a_roster_reported_in_two_processes_is_the_roster_reported_in_one(
    tmp_path, capsys, form
) -> None:
    """``--jobs 2`` shares a roster of PARALLEL_FROM athletes or more between forked
    processes: the output is the one process's, byte for byte, and a broken file is
    still said and counted."""
    from bench.generate import write_roster
    from legday.commands.common import PARALLEL_FROM

    end = dt.date(2026, 3, 8)
    write_roster(tmp_path, athletes=PARALLEL_FROM + 8, years=1, seed=5, end=end)
    write(tmp_path, "broken.csv", "date,run,distance\nnot a date,easy,3\n")
    clock.set_clock(end + dt.timedelta(days=1))
    one = report(capsys, str(tmp_path), "--format", form, "--jobs", "1")
    two = report(capsys, str(tmp_path), "--format", form, "--jobs", "2")
    assert one == two
    code, out, err = two
    assert code == 1 and "broken.csv:2" in err
    assert f"{PARALLEL_FROM + 8} athlete(s) reported, 1 athlete file(s) with errors" in err
    if form == "json":
        assert len(json.loads(out)["athletes"]) == PARALLEL_FROM + 8


def test_for_each_athlete_shares_a_big_roster_between_processes_in_order() -> None:
    """Each athlete's work runs in a forked process (another pid), the outputs come back
    in roster order, and a surprise in one athlete fails that athlete only."""
    import os

    from legday.commands.common import PARALLEL_FROM, for_each_athlete
    from legday.io import LoadResult
    from legday.model import Athlete, Profile

    people = [Athlete(Profile(id=f"a{i:03d}", name=f"A {i}"), None) for i in range(PARALLEL_FROM)]
    results = [LoadResult(f"a{i:03d}.yaml", a, []) for i, a in enumerate(people)]

    def work(athlete: Athlete) -> tuple[str, int]:
        if athlete.id == "a005":
            raise ValueError("a surprise")
        return athlete.id, os.getpid()

    done, failed = for_each_athlete(results, work, "test", jobs=2)
    assert [i for i, _ in done] == [a.id for a in people if a.id != "a005"]
    assert failed == 1
    assert os.getpid() not in {pid for _, pid in done}
