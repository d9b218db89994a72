"""Profiles: every key's message at its exact line, and the strength and race keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from legday.io import load_athlete, load_upload
from legday.model import AFTER_BLOCK, EQUIPMENT, PRIORITIES, WEEKDAYS

TODAY = dt.date(2026, 11, 26)
PADDING = "".join(f"# note {i}\n" for i in range(40))  # 40 comment lines push keys down


def problems_of(text: str) -> list[tuple[int | None, str, str]]:
    result = load_upload("ana.yaml", text.encode(), TODAY)
    return [(p.line, p.severity, p.message) for p in result.problems]


def profile_of(text: str):
    result = load_upload("ana.yaml", text.encode(), TODAY)
    assert result.ok, [str(p) for p in result.problems]
    return result.athlete.profile


# --- lines: looked up in the node tree only when a message needs them -----------


def test_week_error_far_down_keeps_its_exact_line() -> None:
    # 40 padding lines, then name (41), week: (42), mon (43) ... thu (46)
    text = (
        PADDING
        + "name: Ana\nweek:\n  mon: easy\n  tue: hard\n  wed: rest\n  thu: tempo\n"
        + "  fri: rest\n  sat: long\n  sun: rest\n"
    )
    assert problems_of(text)[0] == (
        46,
        "error",
        "week: thu 'tempo' is not one of rest, easy, moderate, hard, long, cross",
    )


def test_race_and_strength_errors_keep_their_exact_lines() -> None:
    # name 41, races: 42, first race 43, second race 44 (date 45, distance 46),
    # strength: 47, block_start 48
    text = (
        PADDING
        + "name: Ana\nraces:\n- {name: A, date: 2026-03-01, distance: 10k}\n"
        + "- name: B\n  date: 1 March\n  distance: far\n"
        + "strength:\n  block_start: 5/3/2026\n"
    )
    found = [p for p in problems_of(text) if p[1] == "error"]
    assert [(line, severity) for line, severity, _ in found] == [
        (45, "error"),
        (46, "error"),
        (48, "error"),
    ]
    assert "race date '1 March'" in found[0][2]
    assert "race distance 'far'" in found[1][2]
    assert "strength block_start '5/3/2026'" in found[2][2]


def test_weeks_week_of_error_keeps_its_exact_line() -> None:
    # name 41, weeks: 42, "- week_of" 43, mon 44, second week 45
    text = PADDING + "name: Ana\nweeks:\n- week_of: 2026-03-02\n  mon: easy\n- week_of: March\n"
    found = problems_of(text)
    assert [(line, severity) for line, severity, _ in found] == [(45, "error")]
    assert found[0][2].startswith("week_of 'March' is not a date")


def test_weeks_duplicate_and_not_monday_name_both_lines() -> None:
    # weeks: 2, first week 3, a Wednesday 5, the first week again 7
    text = (
        "name: Ana\nweeks:\n- week_of: 2026-03-02\n  tue: easy\n- week_of: 2026-03-04\n"
        "  tue: easy\n- week_of: 2026-03-02\n  wed: hard\n"
    )
    assert [(line, message.split(" (")[0]) for line, _, message in problems_of(text)] == [
        (5, "week_of 2026-03-04 is a Wednesday, not a Monday"),
        (7, "week_of 2026-03-02 appears twice"),
    ]
    assert "(first on line 3)" in problems_of(text)[1][2]


def test_missing_log_names_the_line_of_log(tmp_path: Path) -> None:
    profile = tmp_path / "ana.yaml"
    profile.write_text(PADDING + "name: Ana\nlog: nowhere.csv\n")
    result = load_athlete(profile, TODAY)
    # line 42: 40 padding lines, name on 41
    assert [(p.line, p.message) for p in result.problems] == [
        (42, "log: 'nowhere.csv' does not exist")
    ]


def test_uploaded_profile_with_log_names_the_line_of_log() -> None:
    found = problems_of(PADDING + "name: Ana\n\nlog: ana.csv\n")
    assert [(line, severity) for line, severity, _ in found] == [(43, "error")]  # 40 + name + blank
    assert "cannot refer to another file" in found[0][2]


def test_more_than_twenty_lines_are_summarised() -> None:
    # 25 races with a bad date: 20 messages with lines, then one summary line
    races = "".join(f"- {{name: R{i}, date: soon}}\n" for i in range(25))
    found = problems_of(f"name: Ana\nraces:\n{races}")
    assert [line for line, _, _ in found if line is not None] == list(range(3, 23))
    assert found[-1][0] is None
    assert found[-1][2].startswith("... and 5 more like: race date 'soon'")


def test_inline_day_errors_name_their_rows() -> None:
    text = (
        "name: Ana\ndays:\n"
        "  - {date: 2026-03-02, run: easy, distance: 4}\n"
        "  - {date: 2026-03-03, run: eazy, rpe: 15}\n"
        "  - date: 2026-03-04\n    distance: -1\n"
    )
    assert [(line, message.split(" (")[0]) for line, _, message in problems_of(text)] == [
        (4, "run 'eazy' is not one of rest, easy, moderate, hard, long, cross, race"),
        (4, "rpe 15 is impossible"),
        (5, "distance -1 is negative"),
    ]


# --- races: priority ---------------------------------------------------------------


def test_race_priority_defaults_to_a_and_reads_any_case() -> None:
    profile = profile_of(
        "name: Ana\nraces:\n"
        "  - {name: Goal, date: 2027-04-20, distance: marathon}\n"
        "  - {name: Tune-up, date: 2027-03-01, distance: half, priority: b}\n"
        "  - {name: Parkrun, date: 2027-02-06, priority: C}\n"
    )
    assert [(r.name, r.priority) for r in profile.races] == [
        ("Parkrun", "C"),
        ("Tune-up", "B"),
        ("Goal", "A"),
    ]
    assert set(PRIORITIES) == {"A", "B", "C"}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("D", "race priority: 'D' is not one of A, B, C"),
        ("b-race", "(did you mean 'B'?)"),
        ("AA", "(did you mean 'A'?)"),
        ("[A, B]", "is not one of A, B, C"),
    ],
)
def test_bad_race_priority_names_its_line(value: str, words: str) -> None:
    text = f"name: Ana\nraces:\n  - name: Goal\n    date: 2027-04-20\n    priority: {value}\n"
    found = problems_of(text)
    assert [(line, severity) for line, severity, _ in found] == [(5, "error")]
    assert words in found[0][2]


def test_misspelled_race_key_suggests_priority() -> None:
    found = problems_of("name: Ana\nraces:\n  - {name: Goal, date: 2027-04-20, priorty: B}\n")
    assert found == [(3, "error", "unknown race key 'priorty': did you mean 'priority'?")]


# --- strength: days, equipment, after_block ----------------------------------------


def test_strength_keys_default_to_any_day_gym_and_a_new_block() -> None:
    profile = profile_of("name: Ana\nstrength: {block_start: 2026-09-07}\n")
    assert (profile.strength_days, profile.equipment, profile.after_block) == (None, "gym", "new")
    profile = profile_of("name: Ana\n")
    assert (profile.strength_days, profile.equipment, profile.after_block) == (None, "gym", "new")


def test_strength_keys_are_read_in_week_order_and_any_case() -> None:
    profile = profile_of(
        "name: Ana\nstrength:\n  days: [Thu, mon]\n  equipment: Home\n  after_block: maintain\n"
    )
    assert profile.strength_days == ("mon", "thu")
    assert (profile.equipment, profile.after_block) == ("home", "maintain")
    assert set(EQUIPMENT) == {"gym", "home", "none"} and set(AFTER_BLOCK) == {"maintain", "new"}


def test_every_weekday_may_be_a_strength_day() -> None:
    days = ", ".join(WEEKDAYS)
    assert profile_of(f"name: Ana\nstrength: {{days: [{days}]}}\n").strength_days == WEEKDAYS


@pytest.mark.parametrize(
    ("strength", "line", "words"),
    [
        ("  days: [mon, monday]\n", 4, "strength days: 'monday' is not one of mon, tue, wed"),
        ("  days: [mon, monday]\n", 4, "(did you mean 'mon'?)"),
        ("  days:\n    - tue\n    - thurs\n", 6, "(did you mean 'thu'?)"),
        ("  days: [mon, thu, mon]\n", 4, "strength days: 'mon' is listed twice"),
        ("  days: []\n", 4, "name at least one weekday"),
        ("  days: mon\n", 4, "must be a list of weekdays such as [mon, thu]"),
        ("  equipment: dumbbells\n", 4, "strength equipment: 'dumbbells' is not one of gym, home"),
        ("  equipment: dumbbells\n", 4, "(did you mean 'home'?)"),
        ("  equipment: gyms\n", 4, "(did you mean 'gym'?)"),
        ("  after_block: repeat\n", 4, "after_block: 'repeat' is not one of maintain, new"),
        ("  after_block: maintian\n", 4, "(did you mean 'maintain'?)"),
        ("  equipmnet: home\n", 4, "unknown strength key 'equipmnet': did you mean 'equipment'?"),
    ],
)
def test_bad_strength_values_name_their_line(strength: str, line: int, words: str) -> None:
    text = f"name: Ana\nunits: km\nstrength:\n{strength}"
    found = problems_of(text)
    assert found and all(severity == "error" for _, severity, _ in found), found
    assert any(words in message for _, _, message in found), found
    assert any(problem_line == line for problem_line, _, _ in found), found


def test_weekdays_as_the_inline_log_get_a_hint() -> None:
    found = problems_of("name: Ana\ndays: [mon, thu]\n")
    assert found[0][:2] == (2, "error")
    assert "strength: {days: [mon, thu]}" in found[0][2]
