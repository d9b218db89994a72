"""The loader's fast paths give the same athletes, messages and lines as the exact ones.

docs/performance.md ("load + validate") explains each path: line numbers of a
profile looked up only when a message is written, the fast daily-log frame, the
header-only decode, the vectorised usual week and the parallel folder load.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from legday.io import infer_usual_week, load_athlete, load_folder, load_upload
from legday.io.csv_log import _read_rows_exactly
from legday.io.fast_days import fast_days, fast_week_totals
from legday.io.profile_yaml import _build_rows, _rows_csv, _rows_frame, read_profile
from legday.io.rows import ProblemSink, build_days, build_week_totals
from legday.model import RUN_KINDS, WEEK_TOTAL_COLUMNS, WEEKDAYS, days_from_records

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


# --- the fast daily-log frame (fast_days) ---------------------------------------


def exact_frame(text: str) -> tuple[pd.DataFrame, list]:
    sink = ProblemSink("x.csv")
    raw, lines = _read_rows_exactly(text.rstrip("\n"), HEADER.strip().split(","), ",", sink)
    return build_days(raw, lines, sink, "mi", TODAY), sink.finish()


def test_unsorted_log_with_double_days_matches_the_exact_path() -> None:
    text = HEADER + (
        "2026-03-04,hard,6,45,8,heavy,40,7,3,hills\n"
        "2026-03-02,easy,4,40,3,,,,2,\n"
        "2026-03-04,easy,2,20,2,,,,, shakeout \n"
        "2026-03-03,,,,,light,20,,,\n"
    )
    fast = fast_days(text.encode(), HEADER.strip().split(","), "mi", TODAY)
    slow, problems = exact_frame(text)
    assert problems == [] and fast is not None
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["distance"].tolist()[:1] == [4] and fast["notes"].iloc[3] == "shakeout"


def test_double_day_at_the_limit_is_accepted_and_over_it_refused(tmp_path: Path) -> None:
    # the limit is 150 mi a day: 100 + 50 = 150 is possible, 100 + 50.5 = 150.5 is not
    at_limit = "2026-03-02,long,100,,,,,,,\n2026-03-02,easy,50,,,,,,,\n"
    result = load_athlete(write(tmp_path / "ana.csv", HEADER + at_limit), TODAY)
    assert result.ok and result.athlete.days["distance"].sum() == 150
    over = "2026-03-02,long,100,,,,,,,\n2026-03-02,easy,50.5,,,,,,,\n"
    result = load_athlete(write(tmp_path / "bo.csv", HEADER + over), TODAY)
    # both rows of the day are named (lines 2 and 3)
    assert [(p.line, p.severity) for p in result.problems] == [(2, "error"), (3, "error")]
    assert all("adds up to 150.5 mi over several rows" in p.message for p in result.problems)


# --- the usual week, counted with numpy (infer_usual_week) ----------------------


def usual_week_reference(days: pd.DataFrame, weeks: int = 4) -> dict[str, str]:
    """The pandas version this replaced (value_counts per weekday), kept as the oracle."""
    end = days["date"].max()
    start = end - pd.Timedelta(days=7 * weeks - 1)
    recent = days.loc[days["date"] >= start, ["date", "run"]]
    order = {"rest": 0, "cross": 1, "easy": 2, "moderate": 3, "hard": 4, "long": 5, "race": 4}
    recent = recent.assign(
        run=recent["run"].replace("race", "hard"), rank=recent["run"].map(order)
    ).sort_values("rank")
    per_day = recent.drop_duplicates("date", keep="last").set_index("date")["run"]
    per_day = per_day.reindex(pd.date_range(start, end, freq="D"), fill_value="rest")
    overall = per_day.value_counts()
    week = {}
    for number, day in enumerate(WEEKDAYS):
        counts = per_day[per_day.index.day_of_week == number].value_counts()
        if counts.empty:
            week[day] = "rest"
            continue
        best = counts[counts == counts.max()].index
        week[day] = max(best, key=lambda k: overall.get(k, 0))
    return week


@given(
    st.lists(st.tuples(st.integers(0, 45), st.sampled_from(RUN_KINDS)), min_size=1, max_size=60),
    st.integers(0, 6),
    st.sampled_from([4, 4, 1, 2, 6]),
)
def test_usual_week_matches_the_pandas_reference(
    rows: list[tuple[int, str]], shift: int, weeks: int
) -> None:
    start = dt.date(2026, 1, 5) + dt.timedelta(days=shift)
    days = days_from_records(
        [{"date": start + dt.timedelta(days=d), "run": kind} for d, kind in rows]
    )
    assert infer_usual_week(days, weeks) == usual_week_reference(days, weeks)


def test_usual_week_ties_go_to_the_more_common_kind_then_the_first_seen() -> None:
    # 4 weeks from Monday 2026-01-05. Mondays: easy, hard, easy, hard (2-2 tie);
    # Tuesdays: hard x4, so hard is more common overall (6 against 2): Monday is hard.
    # Wednesdays: cross, long, long, cross (2-2, and 2-2 overall): cross was seen first.
    monday = dt.date(2026, 1, 5)
    plan = {
        0: ["easy", "hard", "easy", "hard"],
        1: ["hard"] * 4,
        2: ["cross", "long", "long", "cross"],
    }
    rows = [
        {"date": monday + dt.timedelta(days=7 * w + d), "run": kinds[w]}
        for d, kinds in plan.items()
        for w in range(4)
    ]
    rows.append({"date": monday + dt.timedelta(days=27), "run": "rest"})  # the window's end
    week = infer_usual_week(days_from_records(rows))
    assert (week["mon"], week["tue"], week["wed"], week["thu"]) == ("hard", "hard", "cross", "rest")


# --- weekly totals: the fast path (fast_week_totals) against the exact one -------

WEEK_HEADER = list(WEEK_TOTAL_COLUMNS)
week_number = st.one_of(
    st.just(""),
    st.integers(0, 80).map(str),
    st.floats(0, 80, allow_nan=False).map(lambda x: f"{x:.1f}"),
)
week_row = st.fixed_dictionaries(
    {
        # Mondays from 2024-01-01, with the odd other weekday and the odd future week
        "week_of": st.one_of(
            st.integers(0, 150).map(lambda w: str(dt.date(2024, 1, 1) + dt.timedelta(weeks=w))),
            st.integers(0, 1200).map(lambda d: str(dt.date(2024, 1, 1) + dt.timedelta(days=d))),
        ),
        "distance": week_number,
        "long_run": week_number,
        "runs": st.one_of(st.just(""), st.integers(0, 16).map(str)),
        "strength_sessions": st.one_of(st.just(""), st.integers(0, 16).map(str)),
        "soreness": st.one_of(st.just(""), st.integers(0, 11).map(str), st.just("nan")),
    }
)


def exact_weeks(text: str) -> tuple[pd.DataFrame, list]:
    sink = ProblemSink("w.csv")
    raw, lines = _read_rows_exactly(text.rstrip("\n"), WEEK_HEADER, ",", sink)
    return build_week_totals(raw, lines, sink, "mi", TODAY), sink.finish()


@given(st.lists(week_row, min_size=1, max_size=30))
def test_weekly_totals_fast_path_matches_the_exact_path(rows: list[dict[str, str]]) -> None:
    text = (
        ",".join(WEEK_HEADER)
        + "\n"
        + "".join(",".join(r[c] for c in WEEK_HEADER) + "\n" for r in rows)
    )
    slow, problems = exact_weeks(text)
    fast = fast_week_totals(text.encode(), WEEK_HEADER, "mi", TODAY)
    if problems:  # any message at all (error or warning) needs the exact path
        assert fast is None
    elif fast is None:  # allowed, but then only near a limit: the file is clean here
        raise AssertionError("a clean weekly file should take the fast path")
    else:
        pd.testing.assert_frame_equal(fast, slow)


def test_weekly_totals_file_loads_sorted_with_documented_dtypes(tmp_path: Path) -> None:
    text = (
        "week_of,distance,long_run,runs,strength_sessions,soreness\n"
        "2026-03-09,30,12,4,2,3.5\n"
        "2026-03-02,25.5,10,,1,\n"
    )
    result = load_athlete(write(tmp_path / "ana.csv", text), TODAY)
    assert result.ok and [p.severity for p in result.problems] == []
    weeks = result.athlete.week_totals
    assert {c: str(t) for c, t in weeks.dtypes.items()} == WEEK_TOTAL_COLUMNS
    assert weeks["distance"].tolist() == [25.5, 30.0]  # sorted by week_of
    assert pd.isna(weeks["runs"].iloc[0]) and pd.isna(weeks["soreness"].iloc[0])


def test_weekly_totals_problems_still_get_their_lines(tmp_path: Path) -> None:
    text = (
        "week_of,distance,long_run,runs,strength_sessions,soreness\n"
        "2026-03-02,25,10,4,1,2\n"
        "2026-03-04,30,12,4,2,3\n"  # line 3: a Wednesday
        "2026-03-09,20,22,3,1,2\n"  # line 4: long run longer than the week
    )
    result = load_athlete(write(tmp_path / "ana.csv", text), TODAY)
    assert [(p.line, p.severity) for p in result.problems] == [(3, "error"), (4, "error")]
    assert result.problems[0].message.startswith("week_of 2026-03-04 is a Wednesday")
    assert result.problems[1].message.startswith("long_run 22 is longer than the week's")


def test_capitalised_header_loads_instead_of_crashing() -> None:
    # the header is matched case-insensitively; pyarrow used to look for 'date' and raise
    result = load_upload("ana.csv", b"Date,Run,Distance\n2026-03-02,easy,4\n", TODAY)
    assert result.ok and result.athlete.days["distance"].tolist() == [4.0]
    weekly = load_upload("bo.csv", b"Week_Of,Distance\n2026-03-02,30\n", TODAY)
    assert weekly.ok and weekly.athlete.week_totals["distance"].tolist() == [30.0]


# --- inline days: clean rows through the CSV fast path (profile_yaml) ------------

tricky_notes = st.sampled_from(
    ["", "hills", 'said "ok"', "a, b", " padded ", "Müller", "tab\there"]
)
inline_row = st.fixed_dictionaries(
    {"date": st.dates(dt.date(2025, 1, 1), dt.date(2026, 11, 26)).map(str)},
    optional={
        "run": st.sampled_from(["", "easy", "Long", "race"]),
        "distance": st.sampled_from(["", "4", "6.5", "0", "1e1", "75"]),
        "rpe": st.sampled_from(["", "3", "10"]),
        "strength": st.sampled_from(["", "heavy", "none"]),
        "notes": tricky_notes,
    },
)
# one cell that needs the exact path (a message, or a cell CSV cannot carry)
odd_cell = st.one_of(
    st.tuples(st.just("run"), st.sampled_from([" easy", "tempo"])),
    st.tuples(st.just("distance"), st.sampled_from(["nan", "-1", "200", "True", " 4"])),
    st.tuples(st.just("rpe"), st.just("11")),
    st.tuples(st.just("date"), st.sampled_from(["2026-12-24", "2026-02-30", "5/3/2026"])),
    st.tuples(st.just("notes"), st.sampled_from(["x\ny", "nul\x00", "é\r"])),
)


@given(
    st.lists(inline_row, min_size=1, max_size=25),
    st.none() | st.tuples(st.integers(0, 24), odd_cell),
)
def test_inline_rows_give_the_exact_paths_frame_and_messages(
    rows: list[dict[str, str]], odd: tuple[int, tuple[str, str]] | None
) -> None:
    if odd is not None:
        position, (column, value) = odd
        rows[position % len(rows)] = {**rows[position % len(rows)], column: value}
    lines = np.arange(3, 3 + len(rows))  # as if the rows started on line 3
    fast_sink, exact_sink = ProblemSink("a.yaml"), ProblemSink("a.yaml")
    fast = _build_rows(rows, lines, fast_sink, "mi", TODAY)
    exact = build_days(_rows_frame(rows), lines, exact_sink, "mi", TODAY)
    pd.testing.assert_frame_equal(fast, exact)
    assert fast_sink.finish() == exact_sink.finish()


def test_clean_inline_rows_take_the_fast_path_and_odd_cells_do_not() -> None:
    clean = [{"date": "2026-03-02", "run": "easy", "distance": "4", "notes": 'a, "b"'}]
    assert _rows_csv(clean) is not None
    assert _rows_csv([{**clean[0], "notes": "two\nlines"}]) is None
    assert _rows_csv([{**clean[0], "notes": "nul\x00"}]) is None


def test_inline_days_profile_loads_the_same_frame_as_its_csv_twin(tmp_path: Path) -> None:
    days = (
        "- {date: 2026-03-04, run: hard, distance: 6, notes: 'intervals, 6x800'}\n"
        "- {date: 2026-03-02, run: Easy, distance: 4, soreness: 2}\n"
        "- {date: 2026-03-04, run: easy, distance: 2}\n"
    )
    inline = load_upload("ana.yaml", f"name: Ana\ndays:\n{days}".encode(), TODAY)
    write(
        tmp_path / "bo.csv",
        HEADER
        + '2026-03-04,hard,6,,,,,,,"intervals, 6x800"\n'
        + "2026-03-02,Easy,4,,,,,,2,\n2026-03-04,easy,2,,,,,,,\n",
    )
    twin = load_athlete(tmp_path / "bo.csv", TODAY)
    assert inline.ok and twin.ok
    pd.testing.assert_frame_equal(inline.athlete.days, twin.athlete.days)
    assert inline.athlete.days["run"].tolist() == ["easy", "hard", "easy"]


# --- load_folder: profiles first, then the CSVs no profile claims ----------------


def mixed_folder(root: Path) -> Path:
    """Profiles with logs, inline days, a bare CSV, a broken file, a duplicate id, a link."""
    for i in range(12):
        write(root / f"a{i:02d}.yaml", f"name: A {i}\nlog: logs/a{i:02d}.csv\n")
        rows = "".join(f"2026-03-{d:02d},easy,{i + d / 10},,,,,,,\n" for d in range(1, 29))
        write(root / "logs" / f"a{i:02d}.csv", HEADER + rows)
    write(root / "b-inline.yaml", "name: B\ndays:\n- {date: 2026-03-02, run: easy, distance: 4}\n")
    write(root / "c-bare.csv", HEADER + "2026-03-02,long,12,,,,,,,\n")
    write(root / "d-broken.csv", HEADER + "2026-03-02,eazy,4,,,,,,,\n2026-13-01,easy,,,,,,,,\n")
    write(root / "sub" / "a03.csv", HEADER + "2026-03-02,easy,4,,,,,,,\n")  # id a03 twice
    write(root / "e-weekly.csv", "week_of,distance\n2026-03-02,30\n2026-03-09,32\n")
    outside = write(root.parent / "outside.csv", HEADER + "2026-03-02,easy,4,,,,,,,\n")
    (root / "f-link.csv").symlink_to(outside)
    return root


def test_folder_results_come_profiles_first_then_unclaimed_csvs(tmp_path: Path) -> None:
    root = mixed_folder(tmp_path / "roster")
    one = load_folder(root, TODAY)
    assert len(one) == 18  # 13 profiles, then c-bare, d-broken, e-weekly, f-link, sub/a03
    assert [Path(r.path).name for r in one][-5:] == [
        "c-bare.csv",
        "d-broken.csv",
        "e-weekly.csv",
        "f-link.csv",
        "a03.csv",
    ]
    assert "already used" in one[-1].problems[-1].message  # the second a03 is refused
    assert "outside the data folder" in one[-2].problems[0].message
