"""Loading good files: the Athlete value, folders, uploads, inferred weeks."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest

from legday.io import infer_usual_week, load_athlete, load_folder, load_upload
from legday.model import DAY_COLUMNS, WEEK_TOTAL_COLUMNS, days_from_records

TODAY = dt.date(2026, 11, 26)
HEADER = "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_log_has_documented_columns_dtypes_and_order(tmp_path: Path) -> None:
    log = write(
        tmp_path / "ana.csv",
        HEADER
        + '2026-03-04,hard,6,45,8,heavy,40,7,3,"intervals, 6x800"\n'
        + "2026-03-02,Easy,4,40,3,,,,2,\n"
        + "2026-03-04,easy,2,20,2,,,,,evening shakeout\n",
    )
    result = load_athlete(log, TODAY)
    assert result.ok and not result.problems
    days = result.athlete.days
    assert list(days.columns) == list(DAY_COLUMNS)
    assert {c: str(t) for c, t in days.dtypes.items()} == {
        c: ("str" if t == "str" else t) for c, t in DAY_COLUMNS.items()
    }
    assert days["date"].is_monotonic_increasing
    # the double day keeps both rows, in file order
    assert days["distance"].tolist() == [4, 6, 2]
    assert days["run"].tolist() == ["easy", "hard", "easy"]  # "Easy" read case-insensitively
    assert days["strength"].tolist() == ["none", "heavy", "none"]  # blank strength is none
    assert days["notes"].iloc[1] == "intervals, 6x800"


def test_lone_csv_loads_with_defaults_and_says_so(tmp_path: Path) -> None:
    result = load_athlete(write(tmp_path / "sam-runs.csv", HEADER + "2026-03-02,easy,4,,,,,,,\n"))
    athlete = result.athlete
    assert (athlete.id, athlete.name, athlete.units) == ("sam-runs", "Sam Runs", "mi")
    assert any("no profile" in note for note in athlete.notes)


def test_odd_file_name_becomes_a_safe_id_with_a_warning(tmp_path: Path) -> None:
    result = load_athlete(write(tmp_path / "My Log (2).csv", HEADER + "2026-03-02,easy,4,,,,,,,\n"))
    assert result.athlete.id == "my-log-2"
    assert any("not an athlete id" in p.message for p in result.problems)


def test_profile_with_csv_log_and_units(tmp_path: Path) -> None:
    write(tmp_path / "logs" / "ana.csv", HEADER + "2026-03-02,long,30,180,5,,,,,\n")
    profile = write(
        tmp_path / "ana.yaml",
        "name: Ana\nunits: km\nlog: logs/ana.csv\n"
        "races:\n  - {name: Hilly Half, date: 2027-01-24, distance: half}\n"
        "strength: {block_start: 2026-09-07, weaker_side: left}\n",
    )
    result = load_athlete(profile, TODAY)
    assert result.ok, result.problems
    athlete = result.athlete
    assert athlete.units == "km"
    assert athlete.profile.races[0].distance == 21.1  # a named half in km
    assert athlete.profile.weaker_side == "left"
    assert athlete.profile.block_start == dt.date(2026, 9, 7)
    assert result.log_path == (tmp_path / "logs" / "ana.csv").resolve()


def test_km_allows_more_distance_per_day_than_mi(tmp_path: Path) -> None:
    # 200 is impossible in miles (over 150) but possible in km (under 240)
    write(tmp_path / "k.csv", HEADER + "2026-03-02,race,200,1300,9,,,,,ultra\n")
    km = load_athlete(write(tmp_path / "k.yaml", "name: K\nunits: km\nlog: k.csv\n"), TODAY)
    mi = load_athlete(write(tmp_path / "m.yaml", "name: M\nunits: mi\nlog: k.csv\n"), TODAY)
    assert km.ok
    assert not mi.ok


def test_weekly_totals_log(tmp_path: Path) -> None:
    write(
        tmp_path / "kenji.csv",
        "week_of,distance,long_run,runs,strength_sessions,soreness\n"
        "2026-11-09,52.5,18,5,2,3.5\n2026-11-02,48,16,5,1,\n",
    )
    result = load_athlete(
        write(tmp_path / "kenji.yaml", "name: Kenji\nunits: km\nlog: kenji.csv\n")
    )
    athlete = result.athlete
    assert athlete.granularity == "weeks"
    assert athlete.days.empty
    assert list(athlete.week_totals.columns) == list(WEEK_TOTAL_COLUMNS)
    assert athlete.week_totals["week_of"].dt.strftime("%F").tolist() == ["2026-11-02", "2026-11-09"]
    assert athlete.last_date == dt.date(2026, 11, 15)  # the Sunday of the last week
    assert any("day-by-day checks need a daily log" in n for n in athlete.notes)


def test_inline_days_and_weeks_forms_give_the_same_frame() -> None:
    days_form = (
        b"name: A\ndays:\n"
        b"  - {date: 2026-03-03, run: easy, distance: 4}\n"
        b"  - {date: 2026-03-05, run: hard, distance: 6, strength: heavy, strength_minutes: 40}\n"
    )
    weeks_form = (
        b"name: A\nweeks:\n  - week_of: 2026-03-02\n    tue: {run: easy, distance: 4}\n"
        b"    thu: {run: hard, distance: 6, strength: heavy, strength_minutes: 40}\n"
    )
    a = load_upload("a.yaml", days_form, TODAY).athlete.days
    b = load_upload("a.yaml", weeks_form, TODAY).athlete.days
    pd.testing.assert_frame_equal(a, b)


def test_weeks_form_accepts_a_bare_run_kind() -> None:
    text = b"name: A\nweeks:\n  - week_of: 2026-03-02\n    tue: easy\n    sat: long\n"
    days = load_upload("a.yaml", text, TODAY).athlete.days
    assert days["date"].dt.strftime("%a").tolist() == ["Tue", "Sat"]
    assert days["run"].tolist() == ["easy", "long"]


def test_usual_week_is_inferred_from_the_last_four_weeks_and_said() -> None:
    rows = []
    start = dt.date(2026, 1, 5)  # a Monday
    pattern = ["rest", "easy", "moderate", "hard", "easy", "long", "rest"]
    for week in range(6):
        for offset, kind in enumerate(pattern):
            if kind != "rest":
                day = start + dt.timedelta(days=7 * week + offset)
                rows.append({"date": day, "run": kind, "distance": 5})
    week = infer_usual_week(days_from_records(rows))
    assert list(week.values()) == pattern
    text = b"name: A\ndays:\n" + b"".join(
        f"  - {{date: {r['date']}, run: {r['run']}, distance: 5}}\n".encode() for r in rows
    )
    athlete = load_upload("a.yaml", text, TODAY).athlete
    assert athlete.profile.week_source == "inferred"
    assert any("usual week inferred" in n for n in athlete.notes)


def test_uploaded_profile_may_not_point_at_files() -> None:
    result = load_upload("../../etc/passwd.yaml", b"name: A\nlog: /etc/passwd\n", TODAY)
    assert result.athlete is None
    assert result.path == "passwd.yaml"  # only the last part of the name is kept
    assert any("cannot refer to another file" in p.message for p in result.problems)


def test_upload_of_unknown_type_is_refused() -> None:
    result = load_upload("photo.png", b"\x89PNG", TODAY)
    assert not result.ok
    assert "upload a .csv log or a .yaml profile" in result.problems[0].message


def test_folder_finds_subfolders_and_does_not_list_claimed_logs_twice(tmp_path: Path) -> None:
    write(tmp_path / "team-a" / "ana.yaml", "name: Ana\nlog: logs/ana-log.csv\n")
    write(tmp_path / "team-a" / "logs" / "ana-log.csv", HEADER + "2026-03-02,easy,4,,,,,,,\n")
    write(tmp_path / "team-b" / "ben.csv", HEADER + "2026-03-02,easy,5,,,,,,,\n")
    write(tmp_path / ".hidden" / "x.csv", "garbage")
    write(tmp_path / "notes.txt", "not an athlete")
    results = load_folder(tmp_path, TODAY)
    assert sorted(r.athlete.id for r in results if r.ok) == ["ana", "ben"]
    assert len(results) == 2


def test_folder_reports_duplicate_ids(tmp_path: Path) -> None:
    write(tmp_path / "a" / "ana.csv", HEADER + "2026-03-02,easy,4,,,,,,,\n")
    write(tmp_path / "b" / "ana.csv", HEADER + "2026-03-02,easy,4,,,,,,,\n")
    results = load_folder(tmp_path, TODAY)
    assert sum(r.ok for r in results) == 1
    assert any("already used" in p.message for r in results for p in r.problems)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this system")
def test_folder_refuses_symlinks_out_of_it(tmp_path: Path) -> None:
    outside = write(tmp_path / "private" / "secret.csv", HEADER + "2026-03-02,easy,4,,,,,,,\n")
    roster = tmp_path / "roster"
    write(roster / "ok.csv", HEADER + "2026-03-02,easy,4,,,,,,,\n")
    (roster / "leak.csv").symlink_to(outside)
    write(roster / "sneaky.yaml", "name: S\nlog: link/secret.csv\n")
    (roster / "link").symlink_to(tmp_path / "private")
    results = {Path(r.path).name: r for r in load_folder(roster, TODAY)}
    assert results["ok.csv"].ok
    assert "outside the data folder" in results["leak.csv"].problems[0].message
    assert any("points outside" in p.message for p in results["sneaky.yaml"].problems)


def test_missing_folder_is_a_message(tmp_path: Path) -> None:
    results = load_folder(tmp_path / "nope")
    assert results[0].problems[0].message == "no such folder"


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
    # the header is matched case-insensitively, whatever case the file uses
    result = load_upload("ana.csv", b"Date,Run,Distance\n2026-03-02,easy,4\n", TODAY)
    assert result.ok and result.athlete.days["distance"].tolist() == [4.0]
    weekly = load_upload("bo.csv", b"Week_Of,Distance\n2026-03-02,30\n", TODAY)
    assert weekly.ok and weekly.athlete.week_totals["distance"].tolist() == [30.0]


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
