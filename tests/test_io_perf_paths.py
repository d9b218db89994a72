"""The loader's fast paths give the same athletes, messages and lines as the exact ones.

docs/performance.md ("load + validate") explains each path: line numbers of a
profile looked up only when a message is written, the fast daily-log frame, the
header-only decode, the vectorised usual week and the parallel folder load.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from legday.io import load_athlete, load_upload
from legday.io.profile_yaml import read_profile

TODAY = dt.date(2026, 11, 26)
HEADER = "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"
PADDING = "".join(f"# note {i}\n" for i in range(40))  # 40 comment lines push keys down


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(problems: list) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.severity, p.message) for p in problems]


# --- line numbers looked up lazily (profile_yaml) -------------------------------


def test_clean_profile_never_composes_the_node_tree() -> None:
    text = (
        "name: Ana\nunits: km\n"
        "week: {mon: easy, tue: hard, wed: rest, thu: easy, fri: rest, sat: long, sun: rest}\n"
        "races:\n- {name: Half, date: 2026-03-01, distance: half}\n"
        "strength: {block_start: 2026-01-05, weaker_side: left}\n"
        "log: ana.csv\n"
    )
    doc, problems = read_profile(text.encode(), "ana.yaml", TODAY)
    assert doc.ok and problems == []
    assert doc.lines is not None and not doc.lines._composed  # safe_load only
    assert doc.log_line == 7  # asked for: composed now, line 7 is "log: ana.csv"
    assert doc.lines._composed


def test_week_error_far_down_keeps_its_exact_line() -> None:
    # 40 padding lines, then name (41), week: (42), mon (43) ... thu (46)
    text = (
        PADDING
        + "name: Ana\nweek:\n  mon: easy\n  tue: hard\n  wed: rest\n  thu: tempo\n"
        + "  fri: rest\n  sat: long\n  sun: rest\n"
    )
    _, problems = read_profile(text.encode(), "ana.yaml", TODAY)
    assert messages(problems) == [
        (
            46,
            "error",
            "week: thu 'tempo' is not one of rest, easy, moderate, hard, long, cross",
        )
    ]


def test_race_and_strength_errors_keep_their_exact_lines() -> None:
    # name 41, races: 42, first race 43, second race 44 (date 45, distance 46),
    # strength: 47, block_start 48
    text = (
        PADDING
        + "name: Ana\nraces:\n- {name: A, date: 2026-03-01, distance: 10k}\n"
        + "- name: B\n  date: 1 March\n  distance: far\n"
        + "strength:\n  block_start: 5/3/2026\n"
    )
    _, problems = read_profile(text.encode(), "ana.yaml", TODAY)
    assert [(line, severity) for line, severity, _ in messages(problems)] == [
        (45, "error"),
        (46, "error"),
        (48, "error"),
    ]
    assert "race date '1 March'" in problems[0].message
    assert "race distance 'far'" in problems[1].message
    assert "strength block_start '5/3/2026'" in problems[2].message


def test_weeks_week_of_error_keeps_its_exact_line() -> None:
    # name 41, weeks: 42, "- week_of" 43, mon 44, second week 45
    text = PADDING + "name: Ana\nweeks:\n- week_of: 2026-03-02\n  mon: easy\n- week_of: March\n"
    _, problems = read_profile(text.encode(), "ana.yaml", TODAY)
    assert [(p.line, p.severity) for p in problems] == [(45, "error")]
    assert problems[0].message.startswith("week_of 'March' is not a date")


def test_missing_log_names_the_line_of_log(tmp_path: Path) -> None:
    profile = write(tmp_path / "ana.yaml", PADDING + "name: Ana\nlog: nowhere.csv\n")
    result = load_athlete(profile, TODAY)
    assert not result.ok
    # line 42: 40 padding lines, name on 41
    assert messages(result.problems) == [(42, "error", "log: 'nowhere.csv' does not exist")]


def test_uploaded_profile_with_log_names_the_line_of_log() -> None:
    result = load_upload("ana.yaml", (PADDING + "name: Ana\n\nlog: ana.csv\n").encode(), TODAY)
    assert [(p.line, p.severity) for p in result.problems] == [(43, "error")]  # 40 + name + blank
    assert "cannot refer to another file" in result.problems[0].message


def test_more_than_twenty_lazy_lines_are_summarised_as_before() -> None:
    # 25 races with a bad date: 20 messages with lines, then one summary line
    races = "".join(f"- {{name: R{i}, date: soon}}\n" for i in range(25))
    _, problems = read_profile(f"name: Ana\nraces:\n{races}".encode(), "ana.yaml", TODAY)
    with_lines = [p.line for p in problems if p.line is not None]
    assert with_lines == list(range(3, 23))  # races start on line 3; the first 20 are worded
    assert problems[-1].line is None
    assert problems[-1].message.startswith("... and 5 more like: race date 'soon'")
